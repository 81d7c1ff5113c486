"""`relrot.changes.swap` as values: the ranking (SPEC 5.3) and the seats moved, compared as
data without the command line."""

from __future__ import annotations

import datetime as dt

from relrot.changes import Append, SeatChange, SwapEntry
from relrot.problems import Severity
from relrot.project import Project
from relrot.swap import NotCore, Seated
from tests.conftest import ROOT

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
