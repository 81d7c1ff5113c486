"""A swap's proposal in words (`relrot.render.swap`): the reasons a candidate ranks where it
does, worded from the `Candidate` values alone."""

from __future__ import annotations

from relrot.problems import Problem, Severity
from relrot.render.swap import cost, exclusion, reasons
from relrot.swap import Candidate, HoldsRole, NotInPool, Seated


def test_a_candidate_not_worked_out_says_nothing_of_its_cost() -> None:
    candidate = Candidate("farah", held_seat=False, adjacent=(), nearby_seats=1, order=5)
    assert reasons(candidate, "co_pilot", None, None) == (
        "has never served; free around it; 1 seat within 6 releases"
    )


def test_a_candidate_worked_out_names_what_choosing_them_adds() -> None:
    warning = Problem("untrained-pilot", Severity.WARNING, "…", release="27.5.0")
    candidate = Candidate("chen", True, ("27.5.0",), 4, 2, adds=(warning,))
    assert cost(candidate) == "; adds untrained-pilot in 27.5.0"
    assert reasons(candidate, "pilot", None, None) == (
        "has held the pilot seat before; seated in 27.5.0, next to it; 4 seats within 6 "
        "releases; adds untrained-pilot in 27.5.0"
    )
    assert cost(Candidate("bob", True, (), 0, 0, adds=())) == "; adds no problem"


def test_a_role_candidate_is_explained_by_that_roles_seats_alone() -> None:
    candidate = Candidate("kai", held_seat=True, adjacent=("26.7.0",), nearby_seats=4, order=0)
    assert reasons(candidate, "qa", None, None, "QA lead") == (
        "has held QA lead before; holds QA lead in 26.7.0, next to it; 4 QA lead seats within "
        "6 releases"
    )
    fresh = Candidate("zed", held_seat=False, adjacent=(), nearby_seats=1, order=2)
    assert reasons(fresh, "qa", None, None, "QA lead") == (
        "has never held QA lead; not QA lead around it; 1 QA lead seat within 6 releases"
    )


def test_what_keeps_a_member_from_a_role_seat() -> None:
    assert exclusion(NotInPool("QA lead")) == "not in the pool of QA lead"
    assert exclusion(HoldsRole("26.9.0", "Docs")) == "holds Docs in 26.9.0"
    assert exclusion(Seated("26.9.0")) == "already seated in 26.9.0"
