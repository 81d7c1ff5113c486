"""`Member.obstacle`: the one answer to "can this member serve this release?" (SPEC 2, 3).

Rotation, swap ranking, jump seats, fairness and the seat rules all ask it; the properties
below hold each of them to the same answer.
"""

from __future__ import annotations

import ast
import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from relrot.fairness import fairness
from relrot.model import Away, Left, Member, NotJoined, Obstacle, RotationFile
from relrot.problems import RelrotError
from relrot.project import Project
from relrot.swap import HoldsJumpSeat, OptedOut, Seated, propose
from tests.conftest import ROOT
from tests.test_properties import EXAMPLES, HORIZON, plan_or_reject, rotation_files

D = dt.date
WINDOW = (D(2026, 3, 3), D(2026, 3, 17))  # branch a week before 03-10, all-clear a week after
DAY = D(2026, 3, 10)


def member(**fields: Any) -> Member:
    return Member.model_validate({"id": "ann", **fields})


def away(start: str, end: str, reason: str | None = None) -> dict[str, str]:
    found = {"from": start, "to": end}
    return found if reason is None else {**found, "reason": reason}


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({}, None),
        ({"joined": "2026-03-10"}, None),
        ({"joined": "2026-03-11"}, NotJoined(D(2026, 3, 11))),
        ({"left": "2026-03-11"}, None),
        ({"left": "2026-03-10"}, Left(D(2026, 3, 10))),
        ({"away": [away("2026-02-01", "2026-03-02")]}, None),
        ({"away": [away("2026-03-18", "2026-04-01")]}, None),
        ({"away": [away("2026-02-01", "2026-03-03")]}, Away(D(2026, 2, 1), D(2026, 3, 3), None, 0)),
        (
            {"away": [away("2026-03-17", "2026-04-01")]},
            Away(D(2026, 3, 17), D(2026, 4, 1), None, 0),
        ),
        (
            {"away": [away("2026-01-01", "2026-01-02"), away("2026-03-12", "2026-03-13", "x")]},
            Away(D(2026, 3, 12), D(2026, 3, 13), "x", 1),
        ),
    ],
    ids=[
        "free",
        "joined-on-the-day",
        "joins-the-day-after",
        "leaves-the-day-after",
        "left-on-the-day",
        "away-ends-the-day-before-the-window",
        "away-starts-the-day-after-the-window",
        "away-over-the-window's-first-day",
        "away-over-the-window's-last-day",
        "second-range-inside-the-window",
    ],
)
def test_obstacle_on_each_edge_day(fields: dict[str, Any], expected: Obstacle | None) -> None:
    assert member(**fields).obstacle(DAY, WINDOW) == expected


def test_away_counts_only_with_a_window() -> None:
    busy = member(away=[away("2026-03-01", "2026-03-31")])
    assert busy.obstacle(DAY) is None
    assert busy.is_active(DAY)


def test_not_joined_comes_first_then_left_then_each_away_range() -> None:
    person = member(
        joined="2026-04-01",
        left="2026-03-01",
        away=[away("2026-03-01", "2026-03-05"), away("2026-03-16", "2026-03-20")],
    )
    assert list(person.obstacles(DAY, WINDOW)) == [
        NotJoined(D(2026, 4, 1)),
        Left(D(2026, 3, 1)),
        Away(D(2026, 3, 1), D(2026, 3, 5), None, 0),
        Away(D(2026, 3, 16), D(2026, 3, 20), None, 1),
    ]
    assert person.obstacle(DAY, WINDOW) == NotJoined(D(2026, 4, 1))


def test_each_obstacle_reads_one_way_and_points_at_its_field() -> None:
    leave = Away(D(2026, 3, 1), D(2026, 3, 5), "leave", 2)
    assert NotJoined(D(2026, 4, 1)).describe() == "joins on 2026-04-01"
    assert Left(D(2026, 3, 1)).describe() == "left on 2026-03-01"
    assert leave.describe() == "away 2026-03-01..2026-03-05"
    assert [o.field for o in (NotJoined(DAY), Left(DAY), leave)] == [
        ("joined",),
        ("left",),
        ("away", 2),
    ]


@pytest.mark.parametrize(
    ("fields", "between", "joins"),
    [
        ({}, True, None),
        ({"joined": "2026-03-17"}, True, D(2026, 3, 17)),
        ({"joined": "2026-03-18"}, False, D(2026, 3, 18)),
        ({"left": "2026-03-04"}, True, None),
        ({"left": "2026-03-03"}, False, None),
        ({"joined": "2026-03-18", "left": "2026-03-03"}, False, None),
    ],
    ids=["open", "joins-on-the-last-day", "joins-after", "leaves-after-the-first", "gone", "both"],
)
def test_active_between_and_joins_later(
    fields: dict[str, Any], between: bool, joins: dt.date | None
) -> None:
    person = member(**fields)
    assert person.active_between(*WINDOW) is between
    assert person.joins_later(WINDOW[0]) == joins


# --- every caller agrees with `obstacle` ---------------------------------------------------


def roster_of(data: dict[str, Any]) -> dict[str, Member]:
    return {m.id: m for m in RotationFile.model_validate(data).members}


@EXAMPLES
@given(rotation_files())
def test_the_rotation_never_seats_a_member_with_an_obstacle(data: dict[str, Any]) -> None:
    plan = plan_or_reject(data, HORIZON)
    roster = roster_of(data)
    for release in plan.releases:
        for holder in (release.pilot, release.co_pilot):
            if holder is not None:
                assert roster[holder].obstacle(release.date, release.duty_window) is None


@EXAMPLES
@given(rotation_files(), st.data())
def test_swap_ranks_nobody_with_an_obstacle_and_says_why(
    data: dict[str, Any], draw: st.DataObject
) -> None:
    rotation = RotationFile.model_validate(data)
    plan = plan_or_reject(data, HORIZON)
    seated = [(r, m) for r in plan.releases for m in (r.pilot, r.co_pilot) if m is not None]
    if not seated:
        return
    release, leaving = draw.draw(st.sampled_from(seated))
    try:
        proposal = propose(rotation, plan, release, leaving, today=D(2000, 1, 1))
    except RelrotError:
        return  # nobody can take the seat: the message is checked through the CLI
    roster = roster_of(data)
    ranked = {c.member for c in proposal.candidates}
    for person in roster.values():
        found = person.obstacle(release.date, release.duty_window)
        if found is not None:
            assert person.id not in ranked
    for member_id, why in proposal.excluded:
        found = roster[member_id].obstacle(release.date, release.duty_window)
        if (
            found is not None
            and roster[member_id].core
            and not isinstance(why, (Seated, HoldsJumpSeat, OptedOut))
        ):
            assert why == found


@EXAMPLES
@given(rotation_files())
def test_fairness_counts_a_member_with_an_obstacle_as_unable(data: dict[str, Any]) -> None:
    rotation = RotationFile.model_validate(data)
    plan = plan_or_reject(data, HORIZON)
    report = fairness(plan.releases, rotation, D(2000, 1, 1))
    if report is None:
        return
    shipped = [r for r in plan.releases if not r.skipped]
    for load in report.members:
        person = rotation.member(load.member)
        assert person is not None
        able = [r for r in shipped if person.obstacle(r.date, r.duty_window) is None]
        assert load.eligible == (len(able) if person.core else 0)


@EXAMPLES
@given(rotation_files(), st.data())
def test_jump_seats_go_only_to_members_free_that_day(
    data: dict[str, Any], draw: st.DataObject
) -> None:
    ids = [m["id"] for m in data["members"]]
    asking = draw.draw(st.lists(st.sampled_from(ids), unique=True, max_size=4))
    data = {**data, "jump_seat": [{"member": m} for m in asking]}
    plan = plan_or_reject(data, HORIZON)
    roster = roster_of(data)
    for release in plan.releases:
        if release.jump_seat is not None:
            person = roster[release.jump_seat]
            assert person.obstacle(release.date, release.duty_window) is None


@EXAMPLES
@given(rotation_files(), st.data())
def test_the_seat_rules_flag_exactly_the_pinned_seats_with_an_obstacle(
    data: dict[str, Any], draw: st.DataObject
) -> None:
    plan = plan_or_reject(data, HORIZON)
    core = [m["id"] for m in data["members"] if m.get("core", True)]
    shipped = [r for r in plan.releases[:6] if not r.skipped]
    if len(core) < 2 or len(shipped) < len(plan.releases[:6]):
        return
    pins = []
    for release in shipped:
        pilot, co_pilot = draw.draw(st.permutations(core))[:2]
        pins.append({"version": release.version, "pilot": pilot, "co_pilot": co_pilot})
    report = Project(RotationFile.model_validate({**data, "releases": pins})).check(D(2000, 1, 1))
    roster = roster_of(data)
    expected = set()
    for release, pin in zip(shipped, pins, strict=True):
        for holder in (pin["pilot"], pin["co_pilot"]):
            for found in roster[holder].obstacles(release.date, release.duty_window):
                rule = "away-on-duty" if isinstance(found, Away) else "inactive"
                expected.add((rule, release.version, holder))
    flagged = {
        (p.rule, p.release, p.member)
        for p in report.problems
        if p.rule in {"inactive", "away-on-duty"}
    }
    # `inactive` names only the first of not joined and left.
    assert flagged == expected


def test_a_named_jump_seat_before_joining_says_when_they_join() -> None:
    data = {
        "schedule": {"first_release": "2026-01-13"},
        "members": [{"id": m} for m in ("ann", "bob", "cy", "dee")]
        + [{"id": "zed", "core": False, "joined": "2026-06-01"}],
        "jump_seat": [{"member": "zed", "release": 1}],
    }
    report = Project(RotationFile.model_validate(data)).check(D(2026, 1, 1))
    messages = [p.message for p in report.problems if p.rule == "jump-seat-conflict"]
    assert messages == [
        "zed cannot sit in the jump seat of 26.1.0: zed joins on 2026-06-01; name another "
        "release or drop `release` to take the next free one"
    ]


# --- architecture ---------------------------------------------------------------------------

MEMBER_DATES = {"joined", "left", "away"}


def attributes(node: ast.AST) -> list[ast.Attribute]:
    """The attributes read in `node`, leaving out f-strings: wording a date is not deciding."""
    if isinstance(node, ast.JoinedStr):
        return []
    found = [node] if isinstance(node, ast.Attribute) else []
    for child in ast.iter_child_nodes(node):
        found += attributes(child)
    return found


def date_uses(tree: ast.AST) -> list[ast.Attribute]:
    """`.joined`, `.left` or `.away` compared, iterated or handed to a function.

    `Project.away(...)`, the edit, is a method called, not a date read.
    """
    found: dict[int, ast.Attribute] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            used = attributes(node)
        elif isinstance(node, (ast.For, ast.comprehension)):
            used = attributes(node.iter)
        elif isinstance(node, ast.Call):
            used = [
                a
                for arg in [*node.args, *(k.value for k in node.keywords)]
                for a in attributes(arg)
            ]
        else:
            continue
        found.update((id(n), n) for n in used if n.attr in MEMBER_DATES)
    return list(found.values())


def test_only_the_model_compares_a_members_joined_left_and_away_dates() -> None:
    """Everyone else asks `Member.obstacle`, so "available" is decided in one place."""
    readers = []
    for path in sorted((ROOT / "src" / "relrot").rglob("*.py")):
        if path.relative_to(ROOT).as_posix() == "src/relrot/model.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        readers += [f"{path.relative_to(ROOT)}:{n.lineno} .{n.attr}" for n in date_uses(tree)]
    assert readers == []


def test_the_architecture_check_sees_a_date_compared() -> None:
    written = "if person.joined and day < person.joined:\n    pass\nfor a in m.away:\n    pass\n"
    assert sorted(n.attr for n in date_uses(ast.parse(written))) == ["away", "joined"]
