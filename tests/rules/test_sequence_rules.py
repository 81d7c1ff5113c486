"""The rules over the run of releases: parts that are worth testing on their own."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from relrot.model import Member
from relrot.rules.sequence_rules import ActiveCount

DAYS = st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 3, 31))


@st.composite
def members(draw: st.DrawFn, number: int) -> Member:
    # Joined after left (never active) is drawn as often as the usual order.
    return Member(
        id=f"m{number}",
        joined=draw(st.none() | DAYS),
        left=draw(st.none() | DAYS),
    )


@settings(max_examples=200, deadline=None)
@given(roster=st.integers(0, 12).flatmap(lambda n: st.tuples(*(members(i) for i in range(n)))))
def test_active_count_agrees_with_each_member(roster: tuple[Member, ...]) -> None:
    count = ActiveCount(roster)
    day = dt.date(2025, 12, 31)
    while day <= dt.date(2026, 4, 1):
        assert count.on(day) == sum(m.is_active(day) for m in roster), day
        day += dt.timedelta(days=1)
