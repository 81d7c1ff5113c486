"""A swap's proposal in words (`relrot.render.swap`): the reasons a candidate ranks where it
does, worded from the `Candidate` values alone."""

from __future__ import annotations

from relrot.problems import Problem, Severity
from relrot.render.swap import cost, reasons
from relrot.swap import Candidate


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
