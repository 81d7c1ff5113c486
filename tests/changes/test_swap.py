"""`relrot.changes.swap` as values: the ranking (SPEC 5.3) and the seats moved, compared as
data without the command line."""

from __future__ import annotations

import datetime as dt

import pytest

from relrot.changes import Append, SeatChange, SwapEntry
from relrot.problems import RelrotError, Severity
from relrot.project import Project
from relrot.swap import HoldsJumpSeat, HoldsRole, NotCore, NotInPool, RoleRefill, Seated
from tests.conftest import QA_ROSTER, ROOT

TODAY = dt.date(2026, 11, 21)
MARCH = dt.date(2027, 3, 8)


def test_a_swap_moves_typed_seats_of_the_repository_file() -> None:
    change = Project.load(ROOT / "rotation.yaml").swap("27.3.0", "eli", today=TODAY)
    # dana has piloted before, so she steps up and the co-pilot seat is refilled.
    assert change.moves == [
        SeatChange("27.3.0", MARCH, "pilot", before="eli", after="dana", project=None),
        SeatChange("27.3.0", MARCH, "co_pilot", before="dana", after="chen", project=None),
    ]
    assert change.kind == "swap"
    assert change.edits == (
        Append(
            "swaps",
            (
                SwapEntry("27.3.0", "pilot", out="eli", in_="dana"),
                SwapEntry("27.3.0", "co_pilot", out="dana", in_="chen"),
            ),
            "add the swap",
        ),
    )
    assert [(p.rule, p.severity, p.release) for p in change.added] == [
        ("untrained-pilot", Severity.WARNING, "27.5.0")
    ]


def test_the_proposal_holds_the_ranking_as_values() -> None:
    proposal = Project.load(ROOT / "rotation.yaml").swap("27.3.0", "eli", today=TODAY).proposal
    assert proposal is not None
    assert (proposal.member, proposal.seat, proposal.step_up, proposal.refill) == (
        "eli",
        "pilot",
        "dana",
        "co_pilot",
    )
    assert proposal.chosen == "chen"
    assert proposal.release.version == "27.3.0"
    assert proposal.before is not None
    assert proposal.before.version == "27.1.0"
    assert proposal.after is not None
    assert proposal.after.version == "27.5.0"
    # Ranked by what choosing them adds first (a warning beats an error; not worked out sits
    # between), then held a seat, not adjacent, fewest nearby seats, roster order.
    ranked = [
        (c.member, c.held_seat, c.adjacent, c.nearby_seats, c.order, c.cost_rank())
        for c in proposal.candidates
    ]
    assert ranked == [
        ("chen", True, (), 4, 2, 1),
        ("bruno", True, (), 5, 1, 1),
        ("farah", False, (), 4, 5, 2),
        ("amara", True, ("27.5.0",), 5, 0, 3),
    ]
    assert proposal.excluded == (("dana", Seated("27.3.0")), ("gus", NotCore()))
    assert not proposal.named


def test_a_named_member_takes_the_seat_without_a_step_up() -> None:
    project = Project.load(ROOT / "rotation.yaml")
    change = project.swap("27.3.0", "eli", today="2026-11-21", with_member="bruno")
    assert change.proposal is not None
    assert change.proposal.named
    assert change.proposal.step_up is None
    assert change.moves == [SeatChange("27.3.0", MARCH, "pilot", "eli", "bruno")]


def test_a_swap_leaves_the_file_alone_until_written() -> None:
    before = (ROOT / "rotation.yaml").read_bytes()
    change = Project.load(ROOT / "rotation.yaml").swap("27.3.0", "eli", today=TODAY)
    assert change.diff().endswith(
        "+  - {release: 27.3.0, seat: pilot, out: eli, in: dana}\n"
        "+  - {release: 27.3.0, seat: co_pilot, out: dana, in: chen}\n"
    )
    assert (ROOT / "rotation.yaml").read_bytes() == before


def test_an_experienced_member_ranks_as_having_held_both_seats() -> None:
    # kai and lee have never sat in this file's plan by 26.5.0; kai served before
    # `first_release` (SPEC 3.5), so for the pilot seat he ranks among those who held it.
    text = (
        "schedule: {first_release: 2026-01-13}\n"
        "members: [{id: bob}, {id: jane}, {id: tobby}, {id: elvis},"
        " {id: lee}, {id: kai, experienced: true}]\n"
    )
    change = Project.parse(text.encode()).swap("26.5.0", "jane", today=dt.date(2026, 1, 1))
    assert change.proposal is not None
    held = {c.member: c.held_seat for c in change.proposal.candidates}
    assert held["kai"] is True
    assert held["lee"] is False


def test_an_experienced_co_pilot_steps_up_though_the_plan_never_made_them_pilot() -> None:
    # 26.5.0: jane pilots, tobby co-pilots and has never piloted in this file's plan; he
    # served before `first_release`, so he steps up and the co-pilot seat is refilled.
    text = (
        "schedule: {first_release: 2026-01-13}\n"
        "members: [{id: bob}, {id: jane}, {id: tobby, experienced: true}, {id: elvis}]\n"
    )
    change = Project.parse(text.encode()).swap("26.5.0", "jane", today=dt.date(2026, 1, 1))
    assert change.proposal is not None
    assert (change.proposal.step_up, change.proposal.refill) == ("tobby", "co_pilot")
    assert change.proposal.stepped_up_as_experienced
    first = change.moves[0]
    assert (first.seat, first.before, first.after) == ("pilot", "jane", "tobby")


# --- role seats (SPEC 3.7) ----------------------------------------------------------------------

# QA_ROSTER: four pilots and three QA members who never pilot. With a term of 1 the QA lead
# goes round the pool: kai, amy, zed, kai, amy, zed, ... (26.1.0, 26.3.0, 26.5.0, ...).
NEW_YEAR = dt.date(2026, 1, 1)


def qa(term: str = "") -> Project:
    pool = "pool: [kai, amy, zed]"
    return Project.parse(QA_ROSTER.replace(pool, pool + term).encode())


def ranking(project: Project, version: str, member: str) -> list[tuple[str, bool, int, int]]:
    proposal = project.swap(version, member, today=NEW_YEAR).proposal
    assert proposal is not None
    return [(c.member, c.held_seat, len(c.adjacent), c.nearby_seats) for c in proposal.candidates]


def test_a_qa_seat_is_refilled_from_its_pool_ranked_as_spec_3_7_says() -> None:
    project = qa()
    assert [r.roles["qa"] for r in project.plan(8).releases] == [
        "kai", "amy", "zed", "kai", "amy", "zed", "kai", "amy"
    ]  # fmt: skip
    # 26.3.0 (release 2), amy out. kai held QA in 26.1.0, zed never has: kai first, though
    # both hold it next door (kai 26.1.0, zed 26.5.0). Seats within 26.1.0-27.3.0 (releases
    # 1-8): kai 1, 4, 7; zed 3, 6.
    assert ranking(project, "26.3.0", "amy") == [("kai", True, 1, 3), ("zed", False, 1, 2)]
    # 26.5.0 (release 3), zed out: kai and amy both held it and both hold it next door
    # (kai 26.7.0, amy 26.3.0), three seats each in releases 1-9: pool order, kai first.
    assert ranking(project, "26.5.0", "zed") == [("kai", True, 1, 3), ("amy", True, 1, 3)]
    # 26.9.0 (release 5), amy out: both held it and sit next door; in releases 1-11 zed
    # has 3 seats (3, 6, 9), kai 4 (1, 4, 7, 10): fewest first, zed before kai.
    assert ranking(project, "26.9.0", "amy") == [("zed", True, 1, 3), ("kai", True, 1, 4)]
    change = project.swap("26.9.0", "amy", today=NEW_YEAR)
    assert change.edits == (
        Append("swaps", (SwapEntry("26.9.0", "qa", out="amy", in_="zed"),), "add the swap"),
    )
    assert change.moves == [
        SeatChange("26.9.0", dt.date(2026, 9, 10), "qa", before="amy", after="zed")
    ]


def test_a_qa_candidate_free_on_both_sides_ranks_before_one_next_door() -> None:
    # A term of 2: kai kai amy amy zed zed kai kai amy amy ... In 26.11.0 (release 6) zed
    # opts out; kai holds 27.1.0 next door, amy holds neither 26.9.0 nor 27.1.0. Both held it
    # and both have 4 seats in releases 1-12, so amy goes first although kai is first in the
    # pool.
    project = qa(", term: 2")
    assert ranking(project, "26.11.0", "zed") == [("amy", True, 0, 4), ("kai", True, 1, 4)]


TRAINEE = (
    "  - {id: trainee, name: Pilot-in-training, fill: request}\n"
    "requests:\n  - {member: anna, role: trainee, release: 26.9.0}\n"
)


def test_a_request_roles_holder_is_no_candidate_for_a_pilot_seat() -> None:
    # 26.9.0: clay pilot, debi co-pilot, anna the trainee by request. Requests are placed
    # after swaps, so anna flying would leave her request unmet: only bert is a candidate.
    project = Project.parse((QA_ROSTER + TRAINEE).encode())
    proposal = project.swap("26.9.0", "clay", today=NEW_YEAR).proposal
    assert proposal is not None
    assert [c.member for c in proposal.candidates] == ["bert"]
    assert proposal.excluded[0] == ("anna", HoldsRole("26.9.0", "Pilot-in-training"))
    with pytest.raises(RelrotError) as refused:
        project.swap("26.9.0", "clay", today=NEW_YEAR, with_member="anna")
    assert refused.value.problems[0].message == (
        "anna cannot take the pilot seat of 26.9.0: holds Pilot-in-training in 26.9.0"
    )


def test_a_qa_seat_swap_excludes_the_crew_and_those_outside_the_pool() -> None:
    proposal = qa().swap("26.9.0", "amy", today=NEW_YEAR).proposal
    assert proposal is not None
    assert (proposal.seat, proposal.refill, proposal.step_up) == ("qa", "qa", None)
    assert proposal.excluded == tuple(
        (m, NotInPool("QA lead")) for m in ("anna", "bert", "clay", "debi")
    )


def test_a_named_qa_replacement_must_be_in_the_pool() -> None:
    project = qa()
    change = project.swap("26.9.0", "amy", today=NEW_YEAR, with_member="kai")
    assert change.moves == [
        SeatChange("26.9.0", dt.date(2026, 9, 10), "qa", before="amy", after="kai")
    ]
    with pytest.raises(RelrotError) as refused:
        project.swap("26.9.0", "amy", today=NEW_YEAR, with_member="anna")
    assert refused.value.problems[0].message == (
        "anna cannot take the QA lead seat of 26.9.0: not in the pool of QA lead"
    )


def test_a_member_holding_no_seat_is_told_the_roles_too() -> None:
    with pytest.raises(RelrotError) as refused:
        qa().swap("26.9.0", "zed", today=NEW_YEAR)
    assert refused.value.problems[0].message == (
        "zed holds no seat in 26.9.0 (pilot clay, co-pilot debi, QA lead amy)"
    )


def test_a_request_role_is_given_up_by_removing_the_request() -> None:
    text = QA_ROSTER + (
        "  - {id: trainee, name: Pilot in training, fill: request}\n"
        "requests:\n  - {member: zed, role: trainee, release: 26.9.0}\n"
    )
    with pytest.raises(RelrotError) as refused:
        Project.parse(text.encode()).swap("26.9.0", "zed", today=NEW_YEAR)
    assert refused.value.problems[0].message == (
        "zed only holds the Pilot in training seat of 26.9.0; to give it up, remove their "
        "request from `requests:`"
    )


# QA from a pool of debi (a pilot too), kai and amy; 26.1.0 is anna / bert, QA debi.
REFILL_FILE = QA_ROSTER.replace("pool: [kai, amy, zed]", "pool: [debi, kai, amy]")


def test_a_swap_that_seats_the_qa_lead_refills_qa_in_that_release() -> None:
    project = Project.parse(REFILL_FILE.encode())
    first = project.plan(2).releases[0]
    assert (first.pilot, first.co_pilot, first.roles) == ("anna", "bert", {"qa": "debi"})
    change = project.swap("26.1.0", "bert", today=NEW_YEAR, with_member="debi")
    # debi flies co-pilot, so QA goes to the best of the rest of its pool: neither kai nor
    # amy held it before 26.1.0; kai holds it in 26.3.0 next door, amy does not: amy.
    assert change.edits == (
        Append(
            "swaps",
            (
                SwapEntry("26.1.0", "co_pilot", out="bert", in_="debi"),
                SwapEntry("26.1.0", "qa", out="debi", in_="amy"),
            ),
            "add the swap",
        ),
    )
    january = dt.date(2026, 1, 12)
    assert change.moves == [
        SeatChange("26.1.0", january, "co_pilot", before="bert", after="debi"),
        SeatChange("26.1.0", january, "qa", before="debi", after="amy"),
    ]
    assert change.proposal is not None
    assert change.proposal.refills["debi"] == (RoleRefill("qa", out="debi", chosen="amy"),)
    # Only that release moves, and the file with both entries has no double seat.
    assert not [p for p in change.added if p.rule == "double-seat"]


def test_a_ranked_choice_of_the_qa_lead_refills_qa_too() -> None:
    change = Project.parse(REFILL_FILE.encode()).swap("26.1.0", "bert", today=NEW_YEAR)
    assert change.proposal is not None
    assert change.proposal.chosen == "debi"  # never served either seat, 3 seats nearby
    assert change.proposal.entries[-1] == SwapEntry("26.1.0", "qa", out="debi", in_="amy")


def test_holders_of_another_role_or_the_jump_seat_cannot_take_a_qa_seat() -> None:
    text = QA_ROSTER + (
        "  - {id: docs, name: Docs, pool: [zed, amy]}\n"
        "jump_seat:\n  - {member: zed, release: 26.3.0}\n"
    )
    project = Project.parse(text.encode())
    # 26.3.0: QA amy, the jump seat zed; 26.5.0: QA zed, Docs amy.
    assert [(r.roles, r.jump_seat) for r in project.plan(3).releases[1:]] == [
        ({"qa": "amy", "docs": None}, "zed"),
        ({"qa": "zed", "docs": "amy"}, None),
    ]
    for version, member, other, why in [
        ("26.3.0", "amy", "zed", HoldsJumpSeat("26.3.0")),
        ("26.5.0", "zed", "amy", HoldsRole("26.5.0", "Docs")),
    ]:
        proposal = project.swap(version, member, today=NEW_YEAR).proposal
        assert proposal is not None
        assert [c.member for c in proposal.candidates] == ["kai"]
        assert (other, why) in proposal.excluded
