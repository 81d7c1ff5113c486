"""Adding a member with `joined` to a running rotation moves little (SPEC 3.2, issue 26)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from relrot.model import RotationFile
from relrot.plan import Plan
from tests.conftest import plan_of

HORIZON = 30
STINTS = [
    ["co_pilot", "pilot", "pilot", "co_pilot"],
    ["co_pilot", "pilot"],
    ["co_pilot", "pilot", "co_pilot", "pilot", "co_pilot", "pilot"],
]
EXAMPLES = settings(max_examples=150, deadline=None)


@st.composite
def running_rotations(draw: st.DrawFn, *, away: bool) -> tuple[dict[str, Any], int]:
    """A rotation file and the position in `members:` where a newcomer is to be inserted."""
    members: list[dict[str, Any]] = [{"id": f"m{n}"} for n in range(draw(st.integers(3, 7)))]
    members += [{"id": f"guest{n}", "core": False} for n in range(draw(st.integers(0, 2)))]
    first = draw(st.dates(dt.date(2025, 1, 1), dt.date(2027, 12, 31)))
    if away:
        for member in members:
            for _ in range(draw(st.integers(0, 2))):
                start = draw(st.dates(first, first + dt.timedelta(days=1500)))
                end = start + dt.timedelta(days=draw(st.integers(0, 120)))
                member.setdefault("away", []).append({"from": start, "to": end})
    data = {
        "schedule": {"first_release": first, "every_months": draw(st.integers(1, 2))},
        "rotation": {"stint": draw(st.sampled_from(STINTS))},
        "members": members,
    }
    return data, draw(st.integers(0, len(members)))


def with_newcomer(data: dict[str, Any], where: int, joined: dt.date, **extra: Any) -> Plan:
    members = list(data["members"])
    members.insert(where, {"id": "newcomer", "joined": joined, **extra})
    return plan_of(RotationFile.model_validate({**data, "members": members}), HORIZON)


def first_stint(plan: Plan, member: str) -> int | None:
    return min((s.start for s in plan.stints if s.member == member), default=None)


def stint_holders(plan: Plan, before: int) -> list[tuple[int, str | None]]:
    return sorted((s.start, s.member) for s in plan.stints if s.start < before)


def seats(plan: Plan, before: int) -> list[tuple[str | None, str | None]]:
    return [(r.pilot, r.co_pilot) for r in plan.releases if r.index is not None][:before]


@EXAMPLES
@given(running_rotations(away=False), st.integers(1, 400))
def test_a_newcomer_takes_the_stint_after_everyone_waiting(
    drawn: tuple[dict[str, Any], int], days: int
) -> None:
    data, where = drawn
    before = plan_of(RotationFile.model_validate(data), HORIZON)
    opening = before.releases[0].date
    joined = opening + dt.timedelta(days=days)
    after = with_newcomer(data, where, joined)
    shipped = [r for r in after.releases if r.index is not None]
    at = next(r.index for r in shipped if r.date >= joined)  # J; within the horizon
    # Every other core member has either never started a stint or last started one before J.
    waiting = sum(1 for m in data["members"] if m.get("core", True))
    starts = sorted({s.start for s in after.stints if s.start >= at})
    entered = first_stint(after, "newcomer")
    if len(starts) <= waiting:
        assert entered is None  # the plan does not reach the newcomer's turn
        assert seats(after, len(shipped)) == seats(before, len(shipped))
        return
    assert entered == starts[waiting]
    assert stint_holders(after, entered) == stint_holders(before, entered)
    assert seats(after, entered) == seats(before, entered)


@EXAMPLES
@given(running_rotations(away=True), st.integers(1, 400), st.booleans())
def test_nothing_before_a_newcomers_first_stint_moves(
    drawn: tuple[dict[str, Any], int], days: int, newcomer_away: bool
) -> None:
    data, where = drawn
    before = plan_of(RotationFile.model_validate(data), HORIZON)
    joined = before.releases[0].date + dt.timedelta(days=days)
    extra = {"away": [{"from": joined, "to": joined + dt.timedelta(days=90)}]}
    after = with_newcomer(data, where, joined, **(extra if newcomer_away else {}))
    entered = first_stint(after, "newcomer")
    if entered is None:
        entered = HORIZON
    assert stint_holders(after, entered) == stint_holders(before, entered)
    assert seats(after, max(entered, 0)) == seats(before, max(entered, 0))
