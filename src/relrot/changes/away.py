"""`away`: MEMBER is away FIRST..LAST; the range added to the member, and the seats it moves.

A moved seat of a release dated before today would rewrite history (SPEC 3.5): each one is
a problem the change adds, so the change is refused until those releases are pinned.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from relrot.changes import AddAway, Change, apply, finish
from relrot.changes import horizon as reaching
from relrot.days import Day, as_day
from relrot.diff import SeatChange, role_labels, seat_changes, seat_label
from relrot.problems import Problem, Severity, UsageError, seat_named
from relrot.references import Question

if TYPE_CHECKING:
    from relrot.project import Project


def away(
    project: Project,
    member: str,
    first: Day,
    last: Day,
    *,
    today: Day,
    reason: str | None = None,
    horizon: int | None = None,
) -> Change:
    """MEMBER is away FIRST..LAST: the range added to the member, and the seats it moves;
    `horizon` is the least number of releases from today checked. `Project.away`."""
    first, last, today = as_day(first, "first"), as_day(last, "last"), as_day(today)
    if last < first:
        raise UsageError(f"TO ({last}) is before FROM ({first})")
    person = project.member(member)
    index = [m.id for m in project.model.members].index(person.id)
    edit = AddAway(index, person.id, first, last, reason)
    after = apply(project, edit)
    # A moved stint ripples into the releases after the range, at most a stint further.
    ripple = _number_after(project, last, today) + len(project.model.rotation.stint)
    reach = reaching(project, today, ripple, horizon)
    through = project.checked_range(today, reach)[1]
    planned, changed = project.plan(through).releases, after.plan(through).releases
    past = [r for r in planned if r.history(today)]
    rewritten = seat_changes(past, changed[: len(past)], role_labels(project.model))
    history = [_history_problem(change, today) for change in rewritten]
    return finish(project, after, "away", [edit], today=today, horizon=reach, history=history)


def _number_after(project: Project, day: dt.date, today: dt.date) -> int:
    """The first release whose duty window ends on or after `day`, or the furthest release
    relrot looks at when none does."""
    resolver = project.resolver(today)
    try:
        return resolver.resolve(day, Question.FROM, crewed=False).number
    except UsageError:
        return resolver.limit


def _history_problem(change: SeatChange, today: dt.date) -> Problem:
    """A seat of a release dated before today that the range would move: history."""

    def name(member: str | None) -> str:
        return member or "(empty)"

    return Problem(
        "history",
        Severity.ERROR,
        f"this away range would move the {seat_label(change)} seat of {change.version} "
        f"({change.date}, before today {today}) from {name(change.before)} to "
        f"{name(change.after)}; history cannot change: run `relrot pin` first to record the "
        "releases as they were",
        release=change.version,
        member=change.before or change.after,
        seat=seat_named(change.seat),
    )
