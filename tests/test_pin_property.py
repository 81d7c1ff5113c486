"""Pinning a plan as planned changes nothing that follows, whatever the roster (SPEC 3.5)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from relrot.model import RotationFile
from relrot.plan import Plan
from relrot.render.json_format import release_record
from tests.conftest import plan_of

HORIZON = 16
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "saturday", "sunday"]
STINTS = [
    ["co_pilot", "pilot", "pilot", "co_pilot"],
    ["co_pilot", "pilot"],
    ["co_pilot", "pilot", "co_pilot", "pilot", "co_pilot", "pilot"],
]
MILESTONES: list[list[dict[str, Any]]] = [
    [],
    [{"name": "release-branch", "days": -7}, {"name": "all-clear", "days": 7}],
    [{"name": "rc", "days": -3, "note": "first release candidate"}],
]


@st.composite
def rosters_always_available(draw: st.DrawFn) -> dict[str, Any]:
    """3-8 core members with no away, joined or left; optional observers and requests."""
    core = [{"id": f"core{n}"} for n in range(draw(st.integers(3, 8)))]
    observers = [{"id": f"guest{n}", "core": False} for n in range(draw(st.integers(0, 2)))]
    members = core + observers
    open_day = draw(st.sampled_from(["monday", "tuesday", "wednesday", "thursday"]))
    blocked = draw(
        st.lists(st.sampled_from([d for d in WEEKDAYS if d != open_day]), unique=True, max_size=5)
    )
    first = draw(st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2027, 12, 31)))
    requests = []
    for _ in range(draw(st.integers(0, 3))):
        request: dict[str, Any] = {"member": draw(st.sampled_from(members))["id"]}
        if draw(st.booleans()):
            offset = dt.timedelta(days=draw(st.integers(0, 900)))
            request["after"] = first + offset
        requests.append(request)
    return {
        "schedule": {
            "first_release": first,
            "every_months": draw(st.integers(1, 2)),
            "blocked_weekdays": blocked,
            "milestones": draw(st.sampled_from(MILESTONES)),
        },
        "rotation": {"stint": draw(st.sampled_from(STINTS))},
        "members": members,
        "jump_seat": requests,
    }


def pins(plan: Plan, count: int) -> list[dict[str, object]]:
    """`releases:` entries for the first releases: planned seats, jump seat and actual date."""
    entries: list[dict[str, object]] = []
    for release in plan.releases[:count]:
        entry: dict[str, object] = {"version": release.version, "date": release.date}
        seats = {
            "pilot": release.planned_pilot,
            "co_pilot": release.planned_co_pilot,
            "jump_seat": release.jump_seat,
        }
        entry.update({key: member for key, member in seats.items() if member is not None})
        entries.append(entry)
    return entries


def records(plan: Plan) -> list[dict[str, object]]:
    return [release_record(release) for release in plan.releases]


@settings(max_examples=50, deadline=None)
@given(rosters_always_available(), st.integers(1, HORIZON - 1))
def test_pinning_the_first_releases_changes_no_release(data: dict[str, Any], pinned: int) -> None:
    plan = plan_of(RotationFile.model_validate(data), HORIZON)

    again = plan_of(RotationFile.model_validate({**data, "releases": pins(plan, pinned)}), HORIZON)

    expected = records(plan)
    for record in expected[:pinned]:
        record["pinned"] = True
    assert records(again) == expected
    assert again.last_pinned == pinned
    assert [p.rule for p in again.problems] == [p.rule for p in plan.problems]
