"""What the rules share: where seats come from, and members' away ranges."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from relrot.model import DateRange
from relrot.rules.context import AwaySpans

FIRST = dt.date(2026, 1, 1)


@st.composite
def date_ranges(draw: st.DrawFn) -> DateRange:
    start = FIRST + dt.timedelta(days=draw(st.integers(0, 60)))
    end = start + dt.timedelta(days=draw(st.integers(0, 15)))
    return DateRange.model_validate({"from": start, "to": end})


@settings(max_examples=200, deadline=None)
@given(
    ranges=st.lists(date_ranges(), max_size=8),
    offset=st.integers(-5, 80),
    length=st.integers(0, 10),
)
def test_away_spans_agree_with_each_range(
    ranges: list[DateRange], offset: int, length: int
) -> None:
    first = FIRST + dt.timedelta(days=offset)
    last = first + dt.timedelta(days=length)
    expected = any(away.overlaps(first, last) for away in ranges)
    assert AwaySpans(ranges).overlap(first, last) == expected
