"""Invariants of the plan that hold for every roster and calendar."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st

import relrot.calendar
import relrot.plan
import relrot.rotation
from relrot.model import RotationFile
from relrot.plan import Plan
from relrot.problems import RelrotError
from relrot.render.json_format import release_record
from tests.conftest import plan_of

OPEN_TO_BLOCK = ["monday", "tuesday", "wednesday", "thursday", "saturday", "sunday"]
STINTS = [
    ["co_pilot", "pilot", "pilot", "co_pilot"],
    ["co_pilot", "pilot"],
    ["co_pilot", "pilot", "co_pilot", "pilot", "co_pilot", "pilot"],
]
MILESTONES: list[list[dict[str, Any]]] = [
    [],
    [{"name": "release-branch", "days": -7}, {"name": "all-clear", "days": 7}],
    [{"name": "rc", "days": -3}],
    [{"name": "all-clear", "days": 10}],
]
HORIZON = 14

EXAMPLES = settings(max_examples=60, deadline=None)


def dates(first: dt.date, last: dt.date) -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=first, max_value=last)


@st.composite
def date_ranges(
    draw: st.DrawFn, first: dt.date, last: dt.date, longest_days: int
) -> dict[str, str]:
    start = draw(dates(first, last))
    end = start + dt.timedelta(days=draw(st.integers(0, longest_days)))
    return {"from": start.isoformat(), "to": end.isoformat()}


@st.composite
def rosters(draw: st.DrawFn) -> list[dict[str, Any]]:
    roster = []
    for number in range(draw(st.integers(3, 12))):
        member: dict[str, Any] = {"id": f"m{number}"}
        if draw(st.integers(0, 4)) == 0:
            member["core"] = False
        if draw(st.booleans()):
            member["joined"] = draw(dates(dt.date(2025, 1, 1), dt.date(2028, 12, 31))).isoformat()
        if draw(st.integers(0, 3)) == 0:
            member["left"] = draw(dates(dt.date(2025, 6, 1), dt.date(2029, 12, 31))).isoformat()
        member["away"] = draw(
            st.lists(date_ranges(dt.date(2025, 1, 1), dt.date(2029, 6, 30), 150), max_size=3)
        )
        roster.append(member)
    return roster


@st.composite
def rotation_files(draw: st.DrawFn, always_free: int = 0) -> dict[str, Any]:
    """A random rotation file; `always_free` plain core members join the roster somewhere."""
    roster = draw(rosters())
    for number in range(always_free):
        roster.insert(draw(st.integers(0, len(roster))), {"id": f"free{number}", "away": []})
    blocked = draw(st.lists(st.sampled_from(OPEN_TO_BLOCK), unique=True, max_size=5))
    if draw(st.booleans()):
        blocked.append("friday")  # listing Friday changes nothing
    return {
        "schedule": {
            "first_release": draw(dates(dt.date(2025, 1, 1), dt.date(2027, 12, 31))).isoformat(),
            "every_months": draw(st.integers(1, 3)),
            "blocked_weekdays": blocked,
            "blackout": draw(
                st.lists(date_ranges(dt.date(2025, 1, 1), dt.date(2029, 6, 30), 10), max_size=3)
            ),
            "shift": draw(st.sampled_from(["earlier", "later"])),
            "milestones": draw(st.sampled_from(MILESTONES)),
        },
        "rotation": {"stint": draw(st.sampled_from(STINTS))},
        "members": roster,
    }


def plan_or_reject(data: dict[str, Any], through: int) -> Plan:
    try:
        return plan_of(RotationFile.model_validate(data), through)
    except RelrotError as error:
        rules = {p.rule for p in error.problems}
    # A random blackout can leave a release without an open day; that is not a plan.
    assert rules == {"calendar"}
    return reject()


def records(plan: Plan) -> list[dict[str, object]]:
    return [release_record(r) for r in plan.releases]


@EXAMPLES
@given(rotation_files())
def test_nobody_holds_two_seats_in_one_release(data: dict[str, Any]) -> None:
    plan = plan_or_reject(data, HORIZON)
    for release in plan.releases:
        if release.pilot is not None:
            assert release.pilot != release.co_pilot, release


@EXAMPLES
@given(rotation_files())
def test_only_eligible_members_are_seated(data: dict[str, Any]) -> None:
    plan = plan_or_reject(data, HORIZON)
    roster = {m["id"]: m for m in data["members"]}
    for release in plan.releases:
        days = [
            release.date,
            *(release.date + dt.timedelta(days=m["days"]) for m in data["schedule"]["milestones"]),
        ]
        duty_first, duty_last = min(days), max(days)
        for member_id in (release.pilot, release.co_pilot):
            if member_id is None:
                continue
            assert not release.skipped, release
            member = roster[member_id]
            assert member.get("core", True), (member_id, release.version)
            if "joined" in member:
                assert dt.date.fromisoformat(member["joined"]) <= release.date
            if "left" in member:
                assert release.date < dt.date.fromisoformat(member["left"])
            for away in member["away"]:
                overlaps = dt.date.fromisoformat(
                    away["from"]
                ) <= duty_last and duty_first <= dt.date.fromisoformat(away["to"])
                assert not overlaps, (member_id, release.version, away)


@EXAMPLES
@given(rotation_files())
def test_no_release_lands_on_a_blocked_day(data: dict[str, Any]) -> None:
    schedule = data["schedule"]
    blackouts = [
        (dt.date.fromisoformat(b["from"]), dt.date.fromisoformat(b["to"]))
        for b in schedule["blackout"]
    ]
    blocked_weekdays = {*schedule["blocked_weekdays"], "friday"}

    def blocked(day: dt.date) -> bool:
        return day.strftime("%A").lower() in blocked_weekdays or any(
            first <= day <= last for first, last in blackouts
        )

    plan = plan_or_reject(data, HORIZON)
    for release in plan.releases:
        assert not blocked(release.date), release
        if not blocked(release.nominal_date):
            assert release.date == release.nominal_date
    for earlier, later in itertools.pairwise(plan.releases):
        assert earlier.date < later.date
        assert earlier.date < later.nominal_date


@EXAMPLES
@given(rotation_files(), st.integers(1, 10), st.integers(1, 12))
def test_a_shorter_plan_is_a_prefix_of_a_longer_one(
    data: dict[str, Any], count: int, more: int
) -> None:
    longer = plan_or_reject(data, count + more)
    shorter = plan_or_reject(data, count)
    assert records(shorter) == records(longer)[:count]


class _FrozenDate(dt.date):
    """A date class whose today() is far from any real clock."""

    frozen = dt.date(1999, 1, 1)

    @classmethod
    def today(cls) -> _FrozenDate:
        return cls(cls.frozen.year, cls.frozen.month, cls.frozen.day)


class _FrozenDateTime(dt.datetime):
    frozen = dt.datetime(1999, 1, 1, 12, 0)

    @classmethod
    def now(cls, tz: dt.tzinfo | None = None) -> _FrozenDateTime:
        moment = cls.frozen.replace(tzinfo=tz)
        return cls.combine(moment.date(), moment.time(), moment.tzinfo)

    @classmethod
    def today(cls) -> _FrozenDateTime:
        return cls.now()


def _plan_with_clock(data: dict[str, Any], day: dt.date) -> list[dict[str, object]]:
    """Build with `datetime` in the core modules swapped for one whose clock reads `day`."""
    date_class = type("Date", (_FrozenDate,), {"frozen": day})
    datetime_class = type(
        "DateTime", (_FrozenDateTime,), {"frozen": dt.datetime.combine(day, dt.time(12))}
    )
    clock = SimpleNamespace(
        date=date_class,
        datetime=datetime_class,
        timedelta=dt.timedelta,
        time=dt.time,
        timezone=dt.timezone,
        tzinfo=dt.tzinfo,
    )
    with pytest.MonkeyPatch.context() as patch:
        for module in (relrot.calendar, relrot.plan, relrot.rotation):
            patch.setattr(module, "dt", clock)
        return records(plan_or_reject(data, HORIZON))


@EXAMPLES
@given(rotation_files())
def test_building_twice_gives_the_same_plan_whatever_the_clock(data: dict[str, Any]) -> None:
    first = records(plan_or_reject(data, HORIZON))
    assert records(plan_or_reject(data, HORIZON)) == first
    assert _plan_with_clock(data, dt.date(1990, 1, 1)) == first
    assert _plan_with_clock(data, dt.date(2099, 12, 31)) == first


@EXAMPLES
@given(rotation_files(always_free=3), st.integers(1, 10))
def test_pinning_the_plan_as_planned_changes_nothing(data: dict[str, Any], pinned: int) -> None:
    # Three members who can always serve mean nobody has to serve back to back; a roster
    # too small for that is an error of its own (`roster-too-small`).
    plan = plan_or_reject(data, HORIZON)
    pins = [
        {"version": r.version, "pilot": r.pilot, "co_pilot": r.co_pilot}
        for r in plan.releases[:pinned]
    ]
    again = plan_or_reject({**data, "releases": pins}, HORIZON)
    expected = records(plan)
    for record in expected[:pinned]:
        record["pinned"] = True
    assert records(again) == expected


@EXAMPLES
@given(rotation_files(), st.data())
def test_a_plan_from_a_shared_seat_queue_is_the_plan_built_afresh(
    data: dict[str, Any], draw: st.DataObject
) -> None:
    """Swaps and jump seats come after the queue (SPEC 3.6): a file that adds them to another
    may take that file's queue, and its plan is then exactly the one it would build alone."""
    from relrot.project import Project

    ids = [member["id"] for member in data["members"]]
    added = {
        "swaps": [
            {
                "release": draw.draw(st.integers(1, 8)),
                "seat": draw.draw(st.sampled_from(["pilot", "co_pilot"])),
                "out": draw.draw(st.sampled_from(ids)),
                "in": draw.draw(st.sampled_from(ids)),
            }
            for _ in range(draw.draw(st.integers(1, 3)))
        ],
        "jump_seat": [{"member": draw.draw(st.sampled_from(ids))}],
    }
    base = Project(RotationFile.model_validate(data))
    changed = RotationFile.model_validate({**data, **added})
    try:
        base.plan(10)
    except RelrotError as error:
        rules = {p.rule for p in error.problems}
        assert rules == {"calendar"}  # a blackout left a release no open day: not a plan
        reject()
    fresh = Project(changed).plan(10)
    sharing = Project(changed)
    sharing._rotations = base._rotations
    shared = sharing.plan(10)
    assert len(base._rotations) == 1  # the queue was taken, not worked out again
    assert records(shared) == records(fresh)
    assert shared.problems == fresh.problems
    assert shared.stints == fresh.stints
    # A file whose members differ must not take the queue: it works out its own.
    moved = copy.deepcopy(data)
    first = moved["members"][0]
    first["core"] = not first.get("core", True)
    other = Project(RotationFile.model_validate(moved))
    other._rotations = base._rotations
    assert records(other.plan(10)) == records(Project(RotationFile.model_validate(moved)).plan(10))
    assert len(base._rotations) == 2
