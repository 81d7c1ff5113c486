"""`relrot.fairness_portfolio`: the team's load over several projects' reports (SPEC 6)."""

from __future__ import annotations

from relrot.fairness import Fairness, MemberLoad
from relrot.fairness_portfolio import ProjectFairness, portfolio_fairness
from relrot.model import RotationFile


def load(member: str, pilot: int, co_pilot: int, fair: float, *, core: bool = True) -> MemberLoad:
    return MemberLoad(
        member=member,
        core=core,
        active=core,
        pilot=pilot,
        co_pilot=co_pilot,
        jump_seat=0,
        requests_met=(),
        share=0.0,
        fair_share=fair,
        eligible=0,
        last_seat=None,
        next_seat=None,
        why=(),
    )


def report(*members: MemberLoad) -> Fairness:
    return Fairness("1", "2", 2, 2, members, 0, 0.0, 0.0, None, ())


ROSTER = RotationFile.model_validate(
    {
        "members": [{"id": "ann"}, {"id": "bo"}, {"id": "cy", "core": False}],
        "schedule": {"first_release": "2026-01-13"},
    }
)


def test_totals_add_each_project_and_ties_go_to_the_roster_s_first() -> None:
    # ann: 1 + 1 seats, fair 1.0 + 1.0; bo: 1 + 1, fair 1.0 + 1.0: even, nobody over.
    found = portfolio_fairness(
        [
            ProjectFairness("a", "A", report(load("ann", 1, 0, 1.0), load("bo", 0, 1, 1.0),
                                             load("cy", 0, 0, 0.0, core=False))),
            ProjectFairness("b", "B", report(load("ann", 0, 1, 1.0), load("bo", 1, 0, 1.0),
                                             load("cy", 0, 0, 0.0, core=False))),
        ],
        ROSTER,
    )  # fmt: skip
    assert [(m.member, m.seats, dict(m.by_project)) for m in found.members] == [
        ("ann", 2, {"a": 1, "b": 1}),
        ("bo", 2, {"a": 1, "b": 1}),
        ("cy", 0, {"a": 0, "b": 0}),
    ]
    assert [m.member for m in found.active] == ["ann", "bo"]
    assert (found.spread, found.stdev, found.gini) == (0, 0.0, 0.0)
    assert found.most_over is None
    assert found.most_seats is not None
    assert found.most_seats.member == "ann"


def test_most_seats_and_most_over_can_differ() -> None:
    # bo holds 3 seats but could serve most (fair 3.5); ann holds 2 of a fair 1.0.
    found = portfolio_fairness(
        [ProjectFairness("a", "A", report(load("ann", 1, 1, 1.0), load("bo", 2, 1, 3.5),
                                          load("cy", 0, 0, 0.0, core=False)))],
        ROSTER,
    )  # fmt: skip
    assert found.most_seats is not None
    assert found.most_over is not None
    assert (found.most_seats.member, found.most_over.member) == ("bo", "ann")
    # Seats 2 and 3: spread 1, mean 2.5, stdev 0.5, Gini |2 - 3| * 2 / (2 * 4 * 2.5) = 0.1.
    assert (found.spread, found.stdev, round(found.gini, 4)) == (1, 0.5, 0.1)
