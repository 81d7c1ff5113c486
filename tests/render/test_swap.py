"""A swap's proposal in words (`relrot.render.swap`): the reasons a candidate ranks where it
does, worded from the `Candidate` values alone."""

from __future__ import annotations

import datetime as dt

from relrot.problems import Problem, Severity
from relrot.render.swap import cost, exclusion, nobody_can, reasons
from relrot.swap import (
    BusyElsewhere,
    Candidate,
    Exclusion,
    HoldsRole,
    NotCore,
    NotInPool,
    Seated,
)


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


BUSY = BusyElsewhere("manager", "26.5.0", "co_pilot", (dt.date(2026, 5, 4), dt.date(2026, 5, 18)))


def test_a_member_busy_in_another_project_is_told_where_and_when() -> None:
    assert exclusion(BUSY) == (
        "busy as co-pilot of manager 26.5.0 (duty window 2026-05-04..2026-05-18)"
    )
    role = BusyElsewhere("web", "26.3.0", "QA lead", (dt.date(2026, 3, 2), dt.date(2026, 3, 16)))
    assert exclusion(role) == "busy as QA lead of web 26.3.0 (duty window 2026-03-02..2026-03-16)"


def test_nobody_left_but_the_busy_says_with_seats_one_anyway() -> None:
    excluded: list[tuple[str, Exclusion]] = [("lin", BUSY), ("sol", NotCore())]
    assert nobody_can("pilot", "2026-05", excluded) == (
        "nobody can take the pilot seat of 2026-05: lin: busy as co-pilot of manager 26.5.0 "
        "(duty window 2026-05-04..2026-05-18); sol: not a core member; `--with MEMBER` seats "
        "one who is busy in another project, with a double-duty warning"
    )
    assert nobody_can("pilot", "26.5.0", [("sol", NotCore())]) == (
        "nobody can take the pilot seat of 26.5.0: sol: not a core member"
    )


def test_a_step_up_says_why_the_co_pilot_may_pilot() -> None:
    from relrot.project import Project
    from relrot.render.swap import explain

    # 26.5.0: jane pilots, tobby co-pilots; tobby never piloted in the plan, but served
    # before `first_release` (SPEC 3.5); in 26.7.0 jane co-pilots after piloting 26.3.0.
    text = (
        "schedule: {first_release: 2026-01-13}\n"
        "members: [{id: bob}, {id: jane}, {id: tobby, experienced: true}, {id: elvis}]\n"
    )
    project = Project.parse(text.encode())
    words = {}
    for release, out in (("26.5.0", "jane"), ("26.7.0", "tobby")):
        proposal = project.swap(release, out, today=dt.date(2026, 1, 1)).proposal
        assert proposal is not None
        words[release] = explain(proposal, {})[1]
    assert words == {
        "26.5.0": "  tobby steps up from co-pilot to pilot (served before the calendar)",
        "26.7.0": "  jane steps up from co-pilot to pilot (has piloted before)",
    }
