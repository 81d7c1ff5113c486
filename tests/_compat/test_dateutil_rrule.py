"""dateutil still reads `_bynweekday` at each step of its search, and keeps its settings
where `rule_arguments` reads them. If this fails, dateutil changed under the shim: check
the new release's `rrule._iter` before raising the bound in pyproject.toml."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from dateutil.rrule import rrulestr

from relrot._compat.dateutil_rrule import rule_arguments, stepped_rule_class

START = dt.datetime(2026, 1, 5)


def stepped(text: str) -> tuple[object, list[int]]:
    steps: list[int] = []
    rule = stepped_rule_class()(
        lambda: steps.append(1), **rule_arguments(rrulestr(text, dtstart=START))
    )
    return rule, steps


def test_the_rule_arguments_build_the_same_rule() -> None:
    text = "FREQ=MONTHLY;INTERVAL=2;BYDAY=+2TU;COUNT=5"
    rule, _ = stepped(text)
    assert list(rule) == list(rrulestr(text, dtstart=START))  # type: ignore[call-overload]


def test_the_search_reads_bynweekday_once_a_month() -> None:
    # Twelve monthly occurrences: the search moves on once a month, and counts each move.
    rule, steps = stepped("FREQ=MONTHLY;BYMONTHDAY=5;COUNT=12")
    assert len(list(rule)) == 12  # type: ignore[call-overload]
    assert 12 <= len(steps) <= 14


class SpentError(Exception):
    pass


def test_a_search_that_finds_nothing_is_stopped_by_raising_from_a_step() -> None:
    # February never has a 31st: only the steps stop this search.
    count = itertools.count()

    def step() -> None:
        if next(count) >= 100:
            raise SpentError

    never = rrulestr("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31", dtstart=START)
    rule = stepped_rule_class()(step, **rule_arguments(never))
    with pytest.raises(SpentError):
        next(iter(rule))
    assert next(count) == 101
