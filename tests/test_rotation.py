"""Who holds the seats: stints, the queue, pins, jump seats and swaps."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from relrot.model import RotationFile
from relrot.plan import Plan
from relrot.problems import RelrotError, Severity
from relrot.project import Project
from relrot.render.json_format import render
from relrot.render.notes import release_notes
from relrot.rotation import stint_error
from relrot.yamlfile.load import parse
from tests.conftest import SEED
from tests.conftest import plan_of as plan_of_file

Crew = tuple[str | None, str | None]

SEED_IDS = ("bob", "jane", "tobby", "elvis")
ALPHABET_IDS = ("anna", "bert", "clay", "debi")


def roster(*ids: str, **details: dict[str, Any]) -> list[dict[str, Any]]:
    """Members in this order; `details` adds keys to the member of that id."""
    return [{"id": member, **details.get(member, {})} for member in ids]


def rotation_file(members: list[dict[str, Any]], **extra: Any) -> RotationFile:
    schedule = extra.pop("schedule", {"first_release": "2026-01-13"})
    return RotationFile.model_validate({"schedule": schedule, "members": members, **extra})


def plan_of(members: list[dict[str, Any]], through: int, **extra: Any) -> Plan:
    return plan_of_file(rotation_file(members, **extra), through)


def crews(plan: Plan) -> list[Crew]:
    return [(r.pilot, r.co_pilot) for r in plan.releases]


def json_records(plan: Plan) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = json.loads(render(plan.releases))["releases"]
    return records


def problems(plan: Plan) -> list[tuple[str, Severity, str]]:
    return [(p.rule, p.severity, p.message) for p in plan.problems]


def record(
    number: int,
    version: str,
    nominal: str,
    date: str,
    crew: Crew,
    notes: list[str],
) -> dict[str, Any]:
    return {
        "number": number,
        "version": version,
        "nominal_date": nominal,
        "date": date,
        "pilot": crew[0],
        "co_pilot": crew[1],
        "jump_seat": None,
        "pinned": False,
        "roles": {},
        "notes": notes,
        "milestones": [],
    }


# The worked examples of SPEC 3.3


def test_seed_example_bob_jane_tobby_elvis() -> None:
    plan = plan_of_file(parse(SEED.encode(), "rotation.yaml").model, 5)
    assert json.loads(render(plan.releases)) == {
        "releases": [
            record(
                1,
                "26.1.0",
                "2026-01-13",
                "2026-01-13",
                ("bob", "jane"),
                ["bob: first release", "jane: first release"],
            ),
            record(
                2,
                "26.3.0",
                "2026-03-13",
                "2026-03-12",
                ("jane", "bob"),
                ["moved from Fri 2026-03-13"],
            ),
            record(
                3,
                "26.5.0",
                "2026-05-13",
                "2026-05-13",
                ("jane", "tobby"),
                ["tobby: first release"],
            ),
            record(4, "26.7.0", "2026-07-13", "2026-07-13", ("tobby", "jane"), []),
            record(
                5,
                "26.9.0",
                "2026-09-13",
                "2026-09-10",
                ("tobby", "elvis"),
                ["moved from Sun 2026-09-13", "elvis: first release"],
            ),
        ]
    }
    assert plan.problems == []


def test_seed_example_anna_bert_clay_debi() -> None:
    plan = plan_of(roster(*ALPHABET_IDS), 8)
    assert json.loads(render(plan.releases)) == {
        "releases": [
            record(
                1,
                "26.1.0",
                "2026-01-13",
                "2026-01-13",
                ("anna", "bert"),
                ["anna: first release", "bert: first release"],
            ),
            record(
                2,
                "26.3.0",
                "2026-03-13",
                "2026-03-12",
                ("bert", "anna"),
                ["moved from Fri 2026-03-13"],
            ),
            record(
                3,
                "26.5.0",
                "2026-05-13",
                "2026-05-13",
                ("bert", "clay"),
                ["clay: first release"],
            ),
            record(4, "26.7.0", "2026-07-13", "2026-07-13", ("clay", "bert"), []),
            record(
                5,
                "26.9.0",
                "2026-09-13",
                "2026-09-10",
                ("clay", "debi"),
                ["moved from Sun 2026-09-13", "debi: first release"],
            ),
            record(
                6,
                "26.11.0",
                "2026-11-13",
                "2026-11-12",
                ("debi", "clay"),
                ["moved from Fri 2026-11-13"],
            ),
            record(7, "27.1.0", "2027-01-13", "2027-01-13", ("debi", "anna"), []),
            record(
                8,
                "27.3.0",
                "2027-03-13",
                "2027-03-11",
                ("anna", "debi"),
                ["moved from Sat 2027-03-13"],
            ),
        ]
    }
    # anna's second stint starts at release 7.
    assert [(s.start, s.member) for s in plan.stints[:5]] == [
        (-2, "anna"),
        (0, "bert"),
        (2, "clay"),
        (4, "debi"),
        (6, "anna"),
    ]


def test_deferral_anna_away_for_release_seven() -> None:
    usual = plan_of(roster(*ALPHABET_IDS), 16)
    # Release 7 is on Wed 2027-01-13 and has no milestones: that day is its duty window.
    away = {"away": [{"from": "2027-01-13", "to": "2027-01-13", "reason": "travel"}]}
    deferred = plan_of(roster(*ALPHABET_IDS, anna=away), 16)
    assert crews(deferred)[:12] == [
        ("anna", "bert"),
        ("bert", "anna"),
        ("bert", "clay"),
        ("clay", "bert"),
        ("clay", "debi"),
        ("debi", "clay"),
        ("debi", "bert"),  # release 7: bert takes the stint anna would have started
        ("bert", "debi"),
        ("bert", "anna"),  # release 9: anna takes the next one
        ("anna", "bert"),
        ("anna", "clay"),
        ("clay", "anna"),
    ]
    trade = {"anna": "bert", "bert": "anna"}

    def traded(crew: Crew) -> Crew:
        pilot, co_pilot = crew
        return (trade.get(pilot or "", pilot), trade.get(co_pilot or "", co_pilot))

    # Up to release 6 nothing changes; from release 7 on anna and bert trade turns.
    assert crews(deferred)[:6] == crews(usual)[:6]
    assert crews(deferred)[6:] == [traded(crew) for crew in crews(usual)[6:]]


# The stint pattern


@pytest.mark.parametrize(
    "pattern",
    [
        ["co_pilot", "pilot", "pilot", "co_pilot"],
        ["co_pilot", "pilot"],
        ["pilot", "co_pilot"],
        ["co_pilot", "co_pilot", "co_pilot", "pilot", "pilot", "pilot"],
        ["co_pilot", "pilot", "co_pilot", "pilot", "co_pilot", "pilot"],
    ],
)
def test_valid_stints(pattern: list[str]) -> None:
    assert stint_error(pattern) is None


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        (
            [],
            "the stint has 0 roles; it needs an even number, e.g. "
            "[co_pilot, pilot, pilot, co_pilot]",
        ),
        (
            ["co_pilot", "pilot", "pilot"],
            "the stint has 3 roles; it needs an even number, e.g. "
            "[co_pilot, pilot, pilot, co_pilot]",
        ),
        (
            ["pilot", "pilot"],
            "positions 1, 2 of the stint overlap in the same release and must hold one pilot "
            "and one co_pilot, not pilot, pilot",
        ),
        (
            ["pilot", "co_pilot", "co_pilot", "pilot", "pilot", "co_pilot"],
            "positions 1, 4 of the stint overlap in the same release and must hold one pilot "
            "and one co_pilot, not pilot, pilot",
        ),
        (
            ["co_pilot", "pilot", "co_pilot", "co_pilot"],
            "positions 1, 3 of the stint overlap in the same release and must hold one pilot "
            "and one co_pilot, not co_pilot, co_pilot",
        ),
    ],
)
def test_invalid_stints(pattern: list[str], message: str) -> None:
    assert stint_error(pattern) == message
    with pytest.raises(RelrotError) as caught:
        plan_of(roster(*SEED_IDS), 4, rotation={"stint": pattern})
    assert [(p.rule, p.message) for p in caught.value.problems] == [("invalid-stint", message)]


def test_two_release_stint() -> None:
    plan = plan_of(roster("ada", "bo", "cy"), 7, rotation={"stint": ["co_pilot", "pilot"]})
    assert crews(plan) == [
        ("ada", "bo"),
        ("bo", "cy"),
        ("cy", "ada"),
        ("ada", "bo"),
        ("bo", "cy"),
        ("cy", "ada"),
        ("ada", "bo"),
    ]


def test_six_release_stint() -> None:
    stint = ["co_pilot", "co_pilot", "co_pilot", "pilot", "pilot", "pilot"]
    plan = plan_of(roster("ada", "bo", "cy"), 9, rotation={"stint": stint})
    assert crews(plan) == [
        ("ada", "bo"),
        ("ada", "bo"),
        ("ada", "bo"),
        ("bo", "cy"),
        ("bo", "cy"),
        ("bo", "cy"),
        ("cy", "ada"),
        ("cy", "ada"),
        ("cy", "ada"),
    ]


# Who may sit


def test_member_who_joins_later_goes_to_the_back_of_the_queue() -> None:
    # elvis joins after release 5 (2026-09-10): J is release 6, and he counts as having
    # started a stint just before it, behind jane, tobby and bob (SPEC 3.2). The old rule
    # served him first, at release 7, and pushed every later stint one place down.
    plan = plan_of(roster(*SEED_IDS, elvis={"joined": "2026-10-01"}), 14)
    assert crews(plan) == [
        ("bob", "jane"),
        ("jane", "bob"),
        ("jane", "tobby"),
        ("tobby", "jane"),
        ("tobby", "bob"),
        ("bob", "tobby"),
        ("bob", "jane"),  # jane, tobby and bob take the stints at 7, 9 and 11
        ("jane", "bob"),
        ("jane", "tobby"),
        ("tobby", "jane"),
        ("tobby", "bob"),
        ("bob", "tobby"),
        ("bob", "elvis"),  # then elvis, the fourth stint from release 6
        ("elvis", "bob"),
    ]


def test_member_joined_before_release_one_is_served_first_as_without_joined() -> None:
    plan = plan_of(roster(*SEED_IDS, elvis={"joined": "2026-01-13"}), 8)
    assert crews(plan) == crews(plan_of(roster(*SEED_IDS), 8))


def test_joined_on_release_day_may_sit_and_left_on_release_day_may_not() -> None:
    # Release 3 is on 2026-05-13. tobby joins that day; jane leaves that day.
    plan = plan_of(
        roster(*SEED_IDS, tobby={"joined": "2026-05-13"}, jane={"left": "2026-05-13"}), 4
    )
    assert crews(plan) == [
        ("bob", "elvis"),  # jane cannot finish the stint, tobby cannot start it
        ("elvis", "bob"),
        ("elvis", "tobby"),  # tobby's first day is release day
        ("tobby", "elvis"),
    ]


def test_member_who_left_is_not_seated_again() -> None:
    plan = plan_of(roster(*SEED_IDS, tobby={"left": "2026-06-01"}), 8)
    assert crews(plan) == [
        ("bob", "jane"),
        ("jane", "bob"),
        ("jane", "elvis"),
        ("elvis", "jane"),
        ("elvis", "bob"),
        ("bob", "elvis"),
        ("bob", "jane"),
        ("jane", "bob"),
    ]


def test_member_who_joins_during_a_stint_nobody_else_can_take_gets_the_rest_of_it() -> None:
    # bob and jane leave before release 3; elvis joins between releases 3 and 4. Nobody can
    # take the stint of releases 3-6 whole, so elvis takes the part after joining.
    left = {"left": "2026-05-01"}
    plan = plan_of(roster(*SEED_IDS, bob=left, jane=left, elvis={"joined": "2026-06-01"}), 8)
    assert crews(plan) == [
        ("bob", "tobby"),
        ("tobby", "bob"),
        ("tobby", None),
        ("elvis", "tobby"),
        ("elvis", "tobby"),
        ("tobby", "elvis"),
        ("tobby", "elvis"),
        ("elvis", "tobby"),
    ]


def test_member_away_for_a_whole_stint_is_passed_over_and_keeps_their_place() -> None:
    away = {"away": [{"from": "2026-05-01", "to": "2026-09-30"}]}
    plan = plan_of(roster(*SEED_IDS, tobby=away), 8)
    assert crews(plan) == [
        ("bob", "jane"),
        ("jane", "bob"),
        ("jane", "elvis"),
        ("elvis", "jane"),
        ("elvis", "bob"),
        ("bob", "elvis"),
        ("bob", "tobby"),  # back, and first in the queue
        ("tobby", "bob"),
    ]


def test_nobody_available_leaves_the_seats_empty() -> None:
    away = {"away": [{"from": "2026-05-01", "to": "2026-05-31"}]}
    plan = plan_of(roster(*SEED_IDS, bob=away, jane=away, tobby=away, elvis=away), 6)
    assert crews(plan) == [
        ("bob", "jane"),
        ("jane", "bob"),
        (None, None),
        ("tobby", "jane"),
        ("tobby", "elvis"),
        ("elvis", "tobby"),
    ]
    assert json_records(plan)[2]["notes"] == ["no pilot", "no co-pilot"]


def test_a_lone_eligible_member_is_never_seated_twice() -> None:
    members = roster(
        *SEED_IDS, jane={"core": False}, tobby={"core": False}, elvis={"left": "2026-01-01"}
    )
    plan = plan_of(members, 4)
    # Each stint goes to bob for the releases he is not already seated in; the rest stay empty.
    assert crews(plan) == [("bob", None), (None, "bob"), ("bob", None), (None, "bob")]


def test_non_core_member_is_never_seated() -> None:
    plan = plan_of(roster("zed", *SEED_IDS, zed={"core": False}), 8)
    usual = plan_of(roster(*SEED_IDS), 8)
    assert crews(plan) == crews(usual)
    assert all("zed" not in crew for crew in crews(plan))


# Pinned releases


def pin(version: str, pilot: str | None, co_pilot: str | None) -> dict[str, Any]:
    return {"version": version, "pilot": pilot, "co_pilot": co_pilot}


def test_pinned_history_then_resume() -> None:
    history = [pin("26.1.0", "clay", "debi"), pin("26.3.0", "debi", "clay")]
    plan = plan_of(roster(*ALPHABET_IDS), 8, releases=history)
    assert [(r.pilot, r.co_pilot, r.pinned) for r in plan.releases] == [
        ("clay", "debi", True),
        ("debi", "clay", True),
        ("debi", "anna", False),  # debi's stint is in flight and continues
        ("anna", "debi", False),
        ("anna", "bert", False),
        ("bert", "anna", False),
        ("bert", "clay", False),  # clay served least recently
        ("clay", "bert", False),
    ]


def test_in_flight_stint_whose_holder_is_away_is_reassigned() -> None:
    history = [pin("26.1.0", "clay", "debi"), pin("26.3.0", "debi", "clay")]
    away = {"away": [{"from": "2026-05-13", "to": "2026-05-13"}]}
    plan = plan_of(roster(*ALPHABET_IDS, debi=away), 8, releases=history)
    assert [(r.pilot, r.co_pilot, r.pinned) for r in plan.releases] == [
        ("clay", "debi", True),
        ("debi", "clay", True),
        ("anna", "bert", False),  # the rest of debi's stint goes to anna
        ("bert", "anna", False),
        ("bert", "clay", False),
        ("clay", "bert", False),
        ("clay", "debi", False),
        ("debi", "clay", False),
    ]


def test_in_flight_holder_does_not_exceed_the_stint_length() -> None:
    # jane was seated in releases 1-3. She holds two of the three pinned seats of the stint
    # that started at release 1, so she finishes it (co-pilot of release 4: four in a row);
    # continuing her stint started at release 3 too would make six consecutive seats, so the
    # rest of that one goes to the next in the queue.
    history = [
        pin("26.1.0", "bob", "jane"),
        pin("26.3.0", "jane", "bob"),
        pin("26.5.0", "bob", "jane"),
    ]
    plan = plan_of(roster(*SEED_IDS), 8, releases=history)
    assert crews(plan) == [
        ("bob", "jane"),
        ("jane", "bob"),
        ("bob", "jane"),
        ("tobby", "jane"),
        ("tobby", "elvis"),
        ("elvis", "tobby"),
        ("elvis", "bob"),
        ("bob", "elvis"),
    ]


def test_rest_that_opens_as_pilot_goes_to_an_experienced_member() -> None:
    # conda's shape: after two releases by bea and cy, ann sat in every pinned release, so
    # her stint in flight cannot go on. Its rest opens with a pilot seat: the least recently
    # served experienced member (bea) takes it, not the never-seated newcomer, who enters as
    # co-pilot and pilots after learning (SPEC 3.5).
    # cy, who entered that stint as co-pilot of 27.1.0, is away for 27.5.0 and cannot go on.
    crew = [("bea", "cy"), ("cy", "bea"), *[("ann", c) for c in ["cy", "dot"] * 3]]
    versions = ["26.1.0", "26.3.0", "26.5.0", "26.7.0", "26.9.0", "26.11.0", "27.1.0", "27.3.0"]
    history = [pin(v, pilot, co) for v, (pilot, co) in zip(versions, crew, strict=True)]
    away = {"away": [{"from": "2027-05-01", "to": "2027-05-31"}]}
    rotation = rotation_file(roster("ann", "bea", "cy", "dot", "new", cy=away), releases=history)
    plan = plan_of_file(rotation, 12)
    assert crews(plan)[8:] == [
        ("bea", "new"),
        ("new", "bea"),
        ("new", "cy"),
        ("cy", "new"),
    ]
    report = Project(rotation).check(dt.date(2027, 4, 1))
    # Only the history (shown as info) has an untrained pilot; the plan has none.
    coming = [p for p in report.problems if p.severity is not Severity.INFO]
    assert [p.message for p in coming if p.rule == "untrained-pilot"] == []


def test_rest_that_opens_as_pilot_goes_to_a_newcomer_when_nobody_experienced_fits() -> None:
    # ann and bea both sat in the last pinned release: nobody experienced fits the rest.
    crew = [("ann", "bea"), ("bea", "ann"), ("ann", "bea"), ("bea", "ann")]
    history = [
        pin(v, p, c)
        for v, (p, c) in zip(["26.1.0", "26.3.0", "26.5.0", "26.7.0"], crew, strict=True)
    ]
    plan = plan_of(roster("ann", "bea", "new"), 8, releases=history)
    # Then nobody fits the stint of releases 5-8 whole: new takes the part they can, and
    # the seats stay empty rather than go to ann, who sat in release 4 (SPEC 3.2 fallback).
    assert crews(plan)[4:] == [("new", None), (None, "new"), ("new", "ann"), ("ann", "new")]


def test_pinned_empty_seats_are_history() -> None:
    history = [pin("26.1.0", None, "jane"), pin("26.3.0", "jane", None)]
    plan = plan_of(roster(*SEED_IDS), 6, releases=history)
    assert [(r.pilot, r.co_pilot, release_notes(r)) for r in plan.releases[:3]] == [
        (None, "jane", ["jane: first release", "no pilot"]),
        ("jane", None, ["moved from Fri 2026-03-13", "no co-pilot"]),
        ("jane", "bob", ["bob: first release"]),
    ]


def test_pinned_version_must_match_the_calendar() -> None:
    plan = plan_of(roster(*SEED_IDS), 4, releases=[pin("26.3.0", "bob", "jane")])
    assert [(p.rule, p.path) for p in plan.problems] == [("schema", ("releases", 0, "version"))]
    # The plan goes on without the pin that is out of order.
    assert plan.last_pinned == 0
    assert crews(plan) == crews(plan_of(roster(*SEED_IDS), 4))


# Jump seats


OBSERVERS = roster(
    *SEED_IDS, "zed", "amy", "kai", zed={"core": False}, amy={"core": False}, kai={"core": False}
)


def test_named_and_open_jump_seat_requests() -> None:
    plan = plan_of(
        OBSERVERS,
        5,
        jump_seat=[
            {"member": "amy"},
            {"member": "kai", "after": "2026-06-01"},
            {"member": "zed", "release": "26.1.0"},
            {"member": "bob"},
            {"member": "zed", "release": 5},
        ],
    )
    # Named requests first; then open ones in file order at the earliest free release.
    assert [(r.number, r.jump_seat) for r in plan.releases] == [
        (1, "zed"),
        (2, "amy"),
        (3, "bob"),  # bob is seated in releases 1 and 2
        (4, "kai"),  # the first release on or after 2026-06-01
        (5, "zed"),
    ]
    assert plan.problems == []
    assert crews(plan) == crews(plan_of(roster(*SEED_IDS), 5))


def test_open_jump_seat_request_respects_the_duty_window() -> None:
    away = {"away": [{"from": "2026-01-01", "to": "2026-03-31"}]}
    plan = plan_of(
        roster(*SEED_IDS, "amy", amy={"core": False, **away}), 4, jump_seat=[{"member": "amy"}]
    )
    assert [r.jump_seat for r in plan.releases] == [None, None, "amy", None]


def test_named_jump_seat_conflicts_are_errors_and_left_out() -> None:
    plan = plan_of(
        OBSERVERS,
        5,
        jump_seat=[
            {"member": "jane", "release": "26.3.0"},
            {"member": "zed", "release": "26.5.0"},
            {"member": "amy", "release": "26.5.0"},
        ],
    )
    assert [r.jump_seat for r in plan.releases] == [None, None, "zed", None, None]
    assert problems(plan) == [
        (
            "jump-seat-conflict",
            Severity.ERROR,
            "jane cannot sit in the jump seat of 26.3.0: jane is seated in 26.3.0; name another "
            "release or drop `release` to take the next free one",
        ),
        (
            "jump-seat-conflict",
            Severity.ERROR,
            "amy cannot sit in the jump seat of 26.5.0: zed already has the jump seat of 26.5.0; "
            "name another release or drop `release` to take the next free one",
        ),
    ]


def test_named_jump_seat_for_an_inactive_member_is_a_conflict() -> None:
    members = roster(*SEED_IDS, "zed", zed={"core": False, "joined": "2026-06-01"})
    plan = plan_of(members, 3, jump_seat=[{"member": "zed", "release": 2}])
    assert [r.jump_seat for r in plan.releases] == [None, None, None]
    assert [(p.rule, p.severity, p.member) for p in plan.problems] == [
        ("jump-seat-conflict", Severity.ERROR, "zed")
    ]


def test_open_jump_seat_without_a_place_is_a_warning() -> None:
    plan = plan_of(OBSERVERS, 5, jump_seat=[{"member": "zed", "after": "2030-01-01"}])
    assert [r.jump_seat for r in plan.releases] == [None] * 5
    assert problems(plan) == [
        (
            "jump-seat-conflict",
            Severity.WARNING,
            "no free jump seat for zed on or after 2030-01-01 within the planned releases; "
            "extend the horizon or ask later",
        )
    ]


def test_open_jump_seat_requests_start_after_the_last_pinned_release() -> None:
    plan = plan_of(
        OBSERVERS,
        4,
        releases=[pin("26.1.0", "bob", "jane"), pin("26.3.0", "jane", "bob")],
        jump_seat=[{"member": "amy"}],
    )
    assert [r.jump_seat for r in plan.releases] == [None, None, "amy", None]


def test_an_open_request_met_in_pinned_history_is_shown_as_met() -> None:
    history = [
        {**pin("26.1.0", "bob", "jane"), "jump_seat": "amy"},
        pin("26.3.0", "jane", "bob"),
    ]
    plan = plan_of(OBSERVERS, 4, releases=history, jump_seat=[{"member": "amy"}])
    assert [r.jump_seat for r in plan.releases] == ["amy", None, None, None]
    assert [r.requests_met for r in plan.releases] == [("amy",), (), (), ()]
    assert release_notes(plan.releases[0])[-1] == "amy: jump-seat request met"
    # SPEC 3.4: said as `request-met`, so the team removes the request.
    assert [p.rule for p in plan.problems] == ["request-met"]


def test_jump_seat_request_for_a_release_that_does_not_exist() -> None:
    # 26.2.0 is not a release of a calendar that ships in odd months.
    plan = plan_of(OBSERVERS, 4, jump_seat=[{"member": "zed", "release": "26.2.0"}])
    assert [(p.rule, p.severity, p.member) for p in plan.problems] == [
        ("unknown-release", Severity.ERROR, "zed")
    ]


# Swaps


def test_swap_is_an_overlay_that_leaves_the_queue_alone() -> None:
    away = {"away": [{"from": "2026-01-01", "to": "2026-03-31"}]}
    swaps = [
        {"release": "26.5.0", "seat": "pilot", "out": "jane", "in": "elvis", "reason": "conference"}
    ]
    plan = plan_of(roster(*SEED_IDS, elvis=away), 6, swaps=swaps, jump_seat=[{"member": "elvis"}])
    usual = plan_of(roster(*SEED_IDS, elvis=away), 6)
    assert crews(plan) == [
        ("bob", "jane"),
        ("jane", "bob"),
        ("elvis", "tobby"),
        ("tobby", "jane"),
        ("tobby", "elvis"),
        ("elvis", "tobby"),
    ]
    changed = plan.releases[2]
    assert (changed.planned_pilot, changed.planned_co_pilot) == ("jane", "tobby")
    assert crews(plan)[3:] == crews(usual)[3:]
    assert json_records(plan)[2] == {
        "number": 3,
        "version": "26.5.0",
        "nominal_date": "2026-05-13",
        "date": "2026-05-13",
        "pilot": "elvis",
        "co_pilot": "tobby",
        "jump_seat": None,
        "pinned": False,
        "roles": {},
        "notes": [
            "elvis: first release",
            "tobby: first release",
            "swap: elvis for jane as pilot (conference)",
        ],
        "milestones": [],
    }
    # Jump seats come after swaps: elvis is away for 1-2 and seated in 3, so 4.
    assert [r.jump_seat for r in plan.releases] == [None, None, None, "elvis", None, None]
    assert plan.problems == []


def test_swaps_apply_in_file_order() -> None:
    swaps = [
        {"release": 3, "seat": "pilot", "out": "jane", "in": "elvis"},
        {"release": 3, "seat": "pilot", "out": "elvis", "in": "bob"},
    ]
    plan = plan_of(roster(*SEED_IDS), 4, swaps=swaps)
    assert crews(plan)[2] == ("bob", "tobby")
    assert plan.problems == []


def test_stale_swap_is_an_error_and_changes_nothing() -> None:
    swaps = [{"release": "26.5.0", "seat": "co_pilot", "out": "bob", "in": "elvis"}]
    plan = plan_of(roster(*SEED_IDS), 5, swaps=swaps)
    assert crews(plan) == crews(plan_of(roster(*SEED_IDS), 5))
    assert problems(plan) == [
        (
            "stale-swap",
            Severity.ERROR,
            "swap 1 moves the co-pilot seat of 26.5.0 from bob to elvis, but tobby holds it "
            "now; the roster changed under it: remove the swap or record a new one with "
            "`relrot swap`",
        )
    ]


def test_swap_naming_a_release_that_does_not_exist() -> None:
    # 26.2.0 is not a release of a calendar that ships in odd months.
    swaps = [{"release": "26.2.0", "seat": "pilot", "out": "bob", "in": "jane"}]
    plan = plan_of(roster(*SEED_IDS), 4, swaps=swaps)
    assert crews(plan) == crews(plan_of(roster(*SEED_IDS), 4))
    assert [(p.rule, p.severity) for p in plan.problems] == [("unknown-release", Severity.ERROR)]


def test_unknown_member_in_a_swap_is_reported_and_left_out() -> None:
    swaps = [{"release": 1, "seat": "pilot", "out": "bob", "in": "jnae"}]
    plan = plan_of(roster(*SEED_IDS), 4, swaps=swaps)
    assert [(p.rule, p.message) for p in plan.problems] == [
        ("unknown-member", "`jnae` is not on the roster; did you mean `jane`?")
    ]
    assert plan.releases[0].pilot == "bob"
    assert plan.releases[0].swaps == ()


# The planner's own choices (issue 26, point 12)


def test_a_one_release_stand_in_does_not_inherit_the_stint() -> None:
    # clay entered the stint of releases 3-6 as co-pilot of 26.5.0; anna stood in for him as
    # pilot of 26.7.0 and that release is pinned as served. clay holds as many pinned seats
    # of the stint as anna and entered it, so he finishes it and nothing after 26.7.0 moves
    # (SPEC 3.5). The rule before gave the stint to anna, who held its last pinned seat.
    history = [
        pin("26.1.0", "anna", "bert"),
        pin("26.3.0", "bert", "anna"),
        pin("26.5.0", "bert", "clay"),
        pin("26.7.0", "anna", "bert"),
    ]
    plan = plan_of(roster(*ALPHABET_IDS), 14, releases=history)
    unpinned = plan_of(roster(*ALPHABET_IDS), 14)
    assert crews(plan)[4:] == crews(unpinned)[4:]
    assert crews(plan)[4:6] == [("clay", "debi"), ("debi", "clay")]


def test_the_stint_goes_on_with_who_holds_most_of_its_pinned_seats() -> None:
    # clay holds two pinned seats of the stint of releases 3-6, anna (a stand-in for the
    # last pinned one) one: clay co-pilots release 6. The rule before gave it to anna.
    history = [
        pin("26.1.0", "anna", "bert"),
        pin("26.3.0", "bert", "anna"),
        pin("26.5.0", "bert", "clay"),
        pin("26.7.0", "clay", "bert"),
        pin("26.9.0", "anna", "debi"),
    ]
    assert crews(plan_of(roster(*ALPHABET_IDS), 6, releases=history))[5] == ("debi", "clay")


def test_fallback_leaves_a_seat_empty_rather_than_make_a_serving_streak() -> None:
    # tobby and elvis are away for release 4, so nobody fits the stint of releases 3-6
    # whole. bob, seated in release 2, could take all four of its releases, which would
    # seat him six times in a row; tobby can take three and gets them, and release 4's pilot
    # seat stays empty (SPEC 3.2). The rule before gave the whole stint to bob.
    away = {"away": [{"from": "2026-07-01", "to": "2026-07-31"}]}
    plan = plan_of(roster(*SEED_IDS, tobby=away, elvis=away), 8)
    assert crews(plan) == [
        ("bob", "jane"),
        ("jane", "bob"),
        ("jane", "tobby"),
        (None, "jane"),
        ("tobby", "elvis"),
        ("elvis", "tobby"),
        ("elvis", "bob"),
        ("bob", "elvis"),
    ]
    streaks = Project(rotation_file(roster(*SEED_IDS, tobby=away, elvis=away))).check(
        dt.date(2026, 1, 1)
    )
    assert "serving-streak" not in {p.rule for p in streaks.problems}


def test_fallback_seats_who_served_just_before_when_nobody_else_can_take_any() -> None:
    # Only bob is free for releases 3-6 besides jane, who holds the stint before: bob, who
    # sat in release 2, takes what he can rather than leave the stint empty.
    away = {"away": [{"from": "2026-04-01", "to": "2026-12-31"}]}
    plan = plan_of(roster(*SEED_IDS, tobby=away, elvis=away), 6)
    assert crews(plan)[2:6] == [("jane", "bob"), ("bob", "jane"), ("bob", None), (None, "bob")]


# Experience from before the calendar (SPEC 3.5)


def test_an_experienced_member_is_never_new() -> None:
    plan = plan_of(roster(*SEED_IDS, jane={"experienced": True}), 5)
    assert [r.newcomers for r in plan.releases] == [("bob",), (), ("tobby",), (), ("elvis",)]
    assert json_records(plan)[0]["notes"] == ["bob: first release"]


def test_experience_changes_neither_the_queue_nor_the_bootstrap() -> None:
    experienced = {"experienced": True}
    plan = plan_of(roster(*SEED_IDS, tobby=experienced, elvis=experienced), 12)
    assert crews(plan) == crews(plan_of(roster(*SEED_IDS), 12))


def test_rest_that_opens_as_pilot_goes_to_an_experienced_member_before_a_first_timer() -> None:
    # ann and bea sat in the last pinned release, so the rest of the stint in flight (a
    # pilot seat, then a co-pilot one) goes to someone else: old, who never sat in a pinned
    # release but served before `first_release`, comes before new, first in file order.
    crew = [("ann", "bea"), ("bea", "ann"), ("ann", "bea"), ("bea", "ann")]
    history = [
        pin(v, p, c)
        for v, (p, c) in zip(["26.1.0", "26.3.0", "26.5.0", "26.7.0"], crew, strict=True)
    ]
    members = roster("ann", "bea", "new", "old", old={"experienced": True})
    assert crews(plan_of(members, 6, releases=history))[4:] == [("old", "new"), ("new", "old")]
    assert crews(plan_of(roster("ann", "bea", "new", "old"), 6, releases=history))[4] == (
        "new",
        "old",
    )
