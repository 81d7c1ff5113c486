"""Open jump-seat requests (SPEC 3.4): which pinned seat meets one, and why one finds no place.

Each test here failed before the rule book said so: a met request was met in silence (by a
pinned seat of any age), and a request with no place always said "extend the horizon", even
to someone who had left.
"""

from __future__ import annotations

from typing import Any

from relrot.problems import Severity
from tests.conftest import SEED
from tests.test_rotation import OBSERVERS, SEED_IDS, pin, plan_of, problems, roster

HISTORY = [{**pin("26.1.0", "bob", "jane"), "jump_seat": "amy"}, pin("26.3.0", "jane", "bob")]


def conflict(message: str) -> list[tuple[str, Severity, str]]:
    return [("jump-seat-conflict", Severity.WARNING, message)]


def test_an_open_request_met_by_a_pinned_seat_is_said_to_be_met() -> None:
    plan = plan_of(OBSERVERS, 4, releases=HISTORY, jump_seat=[{"member": "amy"}])
    assert [r.jump_seat for r in plan.releases] == ["amy", None, None, None]
    assert [(p.rule, p.severity, p.release, p.member) for p in plan.problems] == [
        ("request-met", Severity.INFO, "26.1.0", "amy")
    ]
    assert plan.problems[0].message == (
        "amy's open jump-seat request is met: amy held the jump seat of pinned 26.1.0 "
        "(2026-01-13); remove the request from `jump_seat:`"
    )


def test_a_seat_before_after_does_not_meet_the_request() -> None:
    # The case: a jump seat held eleven months before the date asked for.
    plan = plan_of(
        OBSERVERS, 8, releases=HISTORY, jump_seat=[{"member": "amy", "after": "2026-12-01"}]
    )
    assert [r.number for r in plan.releases if r.jump_seat == "amy"] == [1, 7]
    assert [r.requests_met for r in plan.releases][6] == ("amy",)
    assert problems(plan) == []


def test_each_pinned_seat_meets_one_request_named_ones_first() -> None:
    requests: list[dict[str, Any]] = [
        {"member": "amy"},
        {"member": "amy", "release": "26.1.0"},
        {"member": "amy"},
    ]
    plan = plan_of(OBSERVERS, 5, releases=HISTORY, jump_seat=requests)
    # The named request takes the pin; the open ones are placed after the pinned run.
    assert [r.jump_seat for r in plan.releases] == ["amy", None, "amy", "amy", None]
    assert [p.rule for p in plan.problems] == []


def test_a_member_who_left_is_told_so_not_to_extend_the_horizon() -> None:
    zed = {"core": False, "left": "2026-04-01"}
    members = roster(*SEED_IDS, "zed", "amy", zed=zed, amy={"core": False})
    plan = plan_of(members, 5, releases=HISTORY, jump_seat=[{"member": "zed"}])
    assert problems(plan) == conflict(
        "no free jump seat for zed within the planned releases; zed left on 2026-04-01: "
        "remove the request"
    )


def test_a_member_not_yet_joined_is_told_when_they_join() -> None:
    members = roster(*SEED_IDS, "zed", zed={"core": False, "joined": "2027-06-01"})
    plan = plan_of(members, 5, jump_seat=[{"member": "zed"}])
    assert problems(plan) == conflict(
        "no free jump seat for zed within the planned releases; zed joins on 2027-06-01: "
        "extend the horizon or ask later"
    )


def test_a_member_away_for_every_free_release_is_told_so_without_why() -> None:
    away = {"core": False, "away": [{"from": "2026-01-01", "to": "2026-12-31", "reason": "x"}]}
    plan = plan_of(roster(*SEED_IDS, "zed", zed=away), 5, jump_seat=[{"member": "zed"}])
    assert problems(plan) == conflict(
        "no free jump seat for zed within the planned releases; zed is away for every "
        "release with a free jump seat (26.1.0, 26.3.0, 26.5.0 and 2 more): name a release "
        "after the time away, or extend the horizon"
    )


def test_a_member_seated_in_every_free_release_is_told_so() -> None:
    plan = plan_of(roster(*SEED_IDS), 2, jump_seat=[{"member": "bob"}])
    assert problems(plan) == conflict(
        "no free jump seat for bob within the planned releases; bob is seated in every "
        "release with a free jump seat (26.1.0, 26.3.0): extend the horizon or ask later"
    )


def test_every_seat_taken_is_the_last_reason() -> None:
    requests = [
        {"member": "amy", "release": "26.1.0"},
        {"member": "kai", "release": "26.3.0"},
        {"member": "zed"},
    ]
    plan = plan_of(OBSERVERS, 2, jump_seat=requests)
    assert problems(plan) == conflict(
        "no free jump seat for zed within the planned releases; every jump seat is taken: "
        "extend the horizon or ask later"
    )


# The seed's roster and an observer who asks for the next free jump seat.
PAST_REQUEST = SEED + "  - {id: zed, core: false}\njump_seat:\n  - {member: zed}\n"


def test_an_open_request_placed_before_today_is_a_warning_that_history_keeps() -> None:
    import datetime as dt

    from relrot.project import Project

    # It was placed in 26.1.0, long over, in silence; as history it would only be `info`.
    project = Project.parse(PAST_REQUEST.encode())
    found = [p for p in project.check(dt.date(2026, 6, 1), 3).problems if p.member == "zed"]
    assert [(p.rule, p.severity, p.release, p.line) for p in found] == [
        ("jump-seat-conflict", Severity.WARNING, None, 10)
    ]
    assert found[0].message == (
        "zed's open jump-seat request is placed in the past, in 26.1.0 (2026-01-13): pin the "
        "history or add `after:` to the request"
    )
    # Seen before that release, the same placement is the plan.
    assert not [p for p in project.check(dt.date(2026, 1, 1), 3).problems if p.member == "zed"]
