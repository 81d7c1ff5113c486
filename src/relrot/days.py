"""The days relrot's Python API takes: a `datetime.date`, or its ISO text ("2026-12-07").

Checked where a public method is called, so a wrong type is one line naming the parameter
rather than a comparison failing deep in the calendar.
"""

from __future__ import annotations

import datetime as dt

Day = dt.date | str

# How far ahead a move needs consent (SPEC 5.5): a reshuffle further out is redone by the
# next roster change anyway, so nobody need approve it. Here rather than in `relrot.diff`
# (which uses it) so the command line can take it as a default without loading the planner.
CONSENT_DAYS = 180


def as_day(value: object, name: str = "today") -> dt.date:
    """`value` as a date: the Python API takes a `date` or an ISO string; anything else is
    refused at the call, naming the parameter, rather than failing deep in the core."""
    if isinstance(value, dt.datetime):
        raise TypeError(f"{name} must be a datetime.date, not a datetime; pass {name}.date()")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{name}={value!r} is not an ISO date such as '2026-12-07'") from None
    raise TypeError(
        f"{name} must be a datetime.date or an ISO date string, not {type(value).__name__}"
    )
