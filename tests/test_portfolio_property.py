"""Properties of the planner over random portfolios (SPEC 6)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from relrot.model import RotationFile
from relrot.portfolio import Part, double_duty
from relrot.project import Project
from relrot.render.json_format import release_record

SHORT, LONG = 3, 9
STINTS = [["co_pilot", "pilot", "pilot", "co_pilot"], ["co_pilot", "pilot"]]
MILESTONES = [[], [{"name": "branch", "days": -7}, {"name": "all-clear", "days": 7}]]
EXAMPLES = settings(max_examples=60, deadline=None)
# Before every release drawn: nothing is history, so every seat is the planner's.
TODAY = dt.date(2024, 1, 1)


@st.composite
def rosters(draw: st.DrawFn) -> list[dict[str, Any]]:
    members: list[dict[str, Any]] = [{"id": f"m{n}"} for n in range(draw(st.integers(3, 8)))]
    members.append({"id": "guest", "core": False})
    for member in members:
        if draw(st.booleans()):
            start = draw(st.dates(dt.date(2025, 1, 1), dt.date(2027, 6, 30)))
            end = start + dt.timedelta(days=draw(st.integers(0, 90)))
            member["away"] = [{"from": start, "to": end}]
        if draw(st.integers(0, 4)) == 0:
            member["joined"] = draw(st.dates(dt.date(2025, 1, 1), dt.date(2026, 12, 31)))
        if draw(st.integers(0, 5)) == 0:
            member["left"] = draw(st.dates(dt.date(2025, 6, 1), dt.date(2027, 12, 31)))
    return members


@st.composite
def schedules(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "first_release": draw(st.dates(dt.date(2025, 1, 1), dt.date(2025, 12, 31))),
        "every_months": draw(st.integers(1, 3)),
        "milestones": draw(st.sampled_from(MILESTONES)),
    }


@st.composite
def projects(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A cadence project first, then up to two more of any kind."""
    found = [
        {
            "id": "p0",
            "schedule": draw(schedules()),
            "rotation": {"stint": draw(st.sampled_from(STINTS))},
        }
    ]
    for n in range(1, draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["cadence", "crew_from", "on_demand"]))
        entry: dict[str, Any] = {"id": f"p{n}"}
        if kind == "on_demand":
            first = draw(st.dates(dt.date(2025, 1, 1), dt.date(2025, 12, 31))).replace(day=1)
            entry["on_demand"] = {"first_term": first, "every_months": draw(st.integers(1, 3))}
        else:
            entry["schedule"] = draw(schedules())
        if kind == "crew_from":
            entry["crew_from"] = "p0"
        else:
            entry["rotation"] = {"stint": draw(st.sampled_from(STINTS))}
        found.append(entry)
    return found


def portfolio(members: list[dict[str, Any]], entries: list[dict[str, Any]]) -> Project:
    return Project(RotationFile.model_validate({"members": members, "projects": entries}))


@EXAMPLES
@given(rosters(), projects())
def test_no_planned_seat_is_in_double_duty_and_every_seat_is_eligible(
    members: list[dict[str, Any]], entries: list[dict[str, Any]]
) -> None:
    team = portfolio(members, entries)
    parts = [p for p in team.projects() if isinstance(p, Part)]
    people = {m.id: m for m in team.model.members}
    for part in parts:
        plan = part.plan(LONG)
        assert double_duty(team.portfolio, [(part, plan)]) == []
        if part.view.crew_from is not None:
            continue  # its crews are p0's, on p0's days (SPEC 6)
        for release in plan.releases:
            held = [m for m in (release.pilot, release.co_pilot) if m is not None]
            assert len(held) == len(set(held))
            for member in held:
                person = people[member]
                assert person.core
                assert person.obstacle(release.date, release.duty_window) is None


# Found by this test: m3 is first seated in p1 (January) and, with more planned, in p0 later
# on; "seated before" must take the earliest seat of any project, not the first project's.
SEATED_FIRST_IN_A_LATER_PROJECT = (
    [{"id": "m0"}, {"id": "m1"}, {"id": "m2"}, {"id": "m3"}, {"id": "guest", "core": False}],
    [
        {"id": "p0", "schedule": {"first_release": dt.date(2025, 1, 1), "every_months": 3}},
        {"id": "p1", "schedule": {"first_release": dt.date(2025, 1, 1), "every_months": 1}},
        {"id": "p2", "on_demand": {"first_term": dt.date(2025, 1, 1), "every_months": 1}},
    ],
)


@EXAMPLES
@given(rosters(), projects())
@example(*SEATED_FIRST_IN_A_LATER_PROJECT)
def test_plans_are_prefixes_of_each_other_whatever_the_horizon(
    members: list[dict[str, Any]], entries: list[dict[str, Any]]
) -> None:
    for n in range(len(entries)):
        short = portfolio(members, entries).projects(f"p{n}")[0].plan(SHORT).releases
        long = portfolio(members, entries).projects(f"p{n}")[0].plan(LONG).releases
        assert [release_record(r) for r in short] == [release_record(r) for r in long[:SHORT]]


@EXAMPLES
@given(rosters(), projects())
def test_a_portfolio_of_one_plans_as_the_same_file_without_projects(
    members: list[dict[str, Any]], entries: list[dict[str, Any]]
) -> None:
    first = entries[0]
    alone = Project(
        RotationFile.model_validate(
            {"members": members, "schedule": first["schedule"], "rotation": first["rotation"]}
        )
    )
    (only,) = portfolio(members, [first]).projects()
    ours, theirs = only.plan(LONG), alone.plan(LONG)
    assert [release_record(r) for r in ours.releases] == [
        release_record(r) for r in theirs.releases
    ]
    assert ours.stints == theirs.stints


# A crew taken from p0 (p1), then a project planned after it (p2): the shape in which a swap
# in p0 once reached p2, through the crews p1 takes from p0 after p0's swaps.
CREWS_THEN_A_PLUGIN = (
    [{"id": f"m{n}"} for n in range(6)],
    [
        {"id": "p0", "schedule": {"first_release": dt.date(2025, 1, 6), "every_months": 2}},
        {
            "id": "p1",
            "schedule": {"first_release": dt.date(2025, 1, 7), "every_months": 2},
            "crew_from": "p0",
        },
        {"id": "p2", "on_demand": {"first_term": dt.date(2025, 1, 1), "every_months": 2}},
    ],
    0,
    2,
)


@EXAMPLES
@given(rosters(), projects(), st.integers(0, SHORT - 1), st.integers(0, 8))
@example(*CREWS_THEN_A_PLUGIN)
def test_a_swap_never_moves_another_projects_planned_seats(
    members: list[dict[str, Any]], entries: list[dict[str, Any]], index: int, pick: int
) -> None:
    """SPEC 6: busy means planned before swaps, so a swap in p0 changes no planned seat of
    the projects after it (a `crew_from` project's crews follow p0's swaps by design)."""
    before = portfolio(members, entries)
    release = before.projects("p0")[0].plan(LONG).releases[index]
    cores = [m["id"] for m in members if m.get("core", True)]
    taker = cores[pick % len(cores)]
    if release.pilot is None or taker in (release.pilot, release.co_pilot):
        return
    swap = {"release": release.version, "seat": "pilot", "out": release.pilot, "in": taker}
    after = portfolio(members, [{**entries[0], "swaps": [swap]}, *entries[1:]])
    for n, entry in enumerate(entries[1:], start=1):
        if "crew_from" in entry:
            continue
        ours = after.projects(f"p{n}")[0].plan(LONG).releases
        theirs = before.projects(f"p{n}")[0].plan(LONG).releases
        assert [(r.planned_pilot, r.planned_co_pilot) for r in ours] == [
            (r.planned_pilot, r.planned_co_pilot) for r in theirs
        ]
