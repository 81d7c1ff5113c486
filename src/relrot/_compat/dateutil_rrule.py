"""Counting the steps of dateutil's rrule search, through its private `_bynweekday`.

dateutil searches month by month (year by year for FREQ=YEARLY) for a rule's next
occurrence and has no bound of its own: `FREQ=YEARLY;BYMONTHDAY=31;BYMONTH=2` never ends.
Its `_iter` reads `self._bynweekday` once for each month or year it moves to, and once
more for each month it scans for ordinal weekdays (BYDAY=+2MO), so a property there sees
every step and may stop the search by raising. The rule's settings are read back from
the private fields dateutil's own `replace` reads.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any


@functools.cache
def stepped_rule_class() -> type[Any]:
    """A dateutil `rrule` that calls `on_step()` at each step of its search.

    Made on first use, so that files without `rrule` never import dateutil's rrule module.
    """
    from dateutil.rrule import rrule

    class SteppedRule(rrule):
        def __init__(self, on_step: Callable[[], None], **arguments: Any) -> None:
            self.on_step: Callable[[], None] | None = None  # not counting while it is built
            self.ordinal_weekdays: Any = None
            super().__init__(**arguments)
            self.on_step = on_step

        @property
        def _bynweekday(self) -> Any:
            if self.on_step is not None:
                self.on_step()
            return self.ordinal_weekdays

        @_bynweekday.setter
        def _bynweekday(self, value: Any) -> None:
            self.ordinal_weekdays = value

    return SteppedRule


def rule_arguments(parsed: Any) -> dict[str, Any]:
    """The keyword arguments that build `parsed` again, as dateutil's `replace` reads them."""
    settings = vars(parsed)
    return {
        "freq": settings["_freq"],
        "dtstart": settings["_dtstart"],
        "interval": settings["_interval"],
        "wkst": settings["_wkst"],
        "count": settings["_count"],
        "until": settings["_until"],
        **settings["_original_rule"],
    }
