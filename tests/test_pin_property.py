"""Pinning a plan as planned changes nothing that follows, whatever the roster (SPEC 3.5)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relrot.plan import Plan
from relrot.project import Project
from relrot.render.json_format import release_record

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


def records(plan: Plan) -> list[dict[str, object]]:
    return [release_record(release) for release in plan.releases]


def as_file(data: dict[str, Any]) -> bytes:
    """The roster as a rotation file (JSON is YAML), so `pin` edits real text."""
    return json.dumps(data, default=str).encode("utf-8")


def assert_pinning_as_planned_changes_nothing(data: dict[str, Any], pinned: int) -> None:
    """Pin the first `pinned` releases with the real `relrot pin` code: no release moves."""
    project = Project.parse(as_file(data))
    plan = project.plan(HORIZON)
    # The day before release 1: every release is still to come, nothing is history.
    today = project.calendar.release(1).date - dt.timedelta(days=1)  # type: ignore[union-attr]
    change = project.pin(str(pinned), today=today)
    again = change.after.plan(HORIZON)

    expected = records(plan)
    for record in expected[:pinned]:
        record["pinned"] = True
    assert records(again) == expected
    assert again.last_pinned == pinned
    # A jump seat placed for an open request and now pinned meets it (SPEC 3.4): said once.
    met = sum(len(release.requests_met) for release in plan.releases[:pinned])
    assert [p.rule for p in again.problems].count("request-met") == met
    kept = [p.rule for p in again.problems if p.rule != "request-met"]
    assert kept == [p.rule for p in plan.problems]
    assert change.added == ()


@settings(max_examples=50, deadline=None)
@given(rosters_always_available(), st.integers(1, HORIZON - 1))
def test_pinning_the_first_releases_changes_no_release(data: dict[str, Any], pinned: int) -> None:
    assert_pinning_as_planned_changes_nothing(data, pinned)


def seed_roster(**details: dict[str, Any]) -> dict[str, Any]:
    ids = ["bob", "jane", "tobby", "elvis", *details.pop("extra", [])]
    members = [{"id": member, **details.get(member, {})} for member in ids]
    return {"schedule": {"first_release": "2026-01-13"}, "members": members}


# Rosters where someone is away or joins late: every stint before the pin is still whole.
EXAMPLES = {
    "seed": seed_roster(),
    "deferral": {
        "schedule": {"first_release": "2026-01-13"},
        "members": [
            {"id": "anna", "away": [{"from": "2027-01-13", "to": "2027-01-13"}]},
            {"id": "bert"},
            {"id": "clay"},
            {"id": "debi"},
        ],
    },
    "away-stint": seed_roster(tobby={"away": [{"from": "2026-05-01", "to": "2026-09-30"}]}),
    "joins-later": seed_roster(extra=["zed"], elvis={"joined": "2026-10-01"}),
}


@pytest.mark.parametrize("case", sorted(EXAMPLES))
@pytest.mark.parametrize("pinned", [1, 2, 3, 4, 5, 6, 7, 8])
def test_pinning_the_seed_rosters_changes_nothing(case: str, pinned: int) -> None:
    assert_pinning_as_planned_changes_nothing(EXAMPLES[case], pinned)
