"""`swap`: MEMBER opts out of RELEASE (SPEC 5.3); the ranked replacement, as a change.

The ranking itself is `relrot.swap`; this module works out what each of the best-ranked
choices would add to the file, so a choice that adds nothing wins over one that adds a
warning, and returns the chosen one as a `Change` carrying its `Proposal`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from relrot.changes import (
    Append,
    Change,
    SwapEntry,
    added_problems,
    apply,
    checked,
    finish,
    horizon,
    under,
)
from relrot.days import Day, as_day
from relrot.problems import Problem
from relrot.references import Question

if TYPE_CHECKING:
    from relrot.plan import Release
    from relrot.project import Project
    from relrot.swap import BusyElsewhere


def swap(
    project: Project,
    release: str,
    member: str,
    *,
    today: Day,
    with_member: str | None = None,
    reason: str | None = None,
) -> Change:
    """MEMBER opts out of RELEASE (SPEC 5.3): the ranked replacement, as a change.
    `Project.swap`."""
    today = as_day(today)
    from relrot.swap import EVALUATED, NEARBY, propose

    target = project.release(release, Question.ON_DUTY, crewed=True, today=today)
    project.member(member)
    if with_member is not None:
        project.member(with_member)
    # The ranking looks NEARBY shipped releases either side of the target.
    nearby = project.resolver(today).shipped_after(target.number, NEARBY + 1)
    reach = horizon(project, today, nearby)
    plan = project.plan(project.checked_range(today, reach)[1])
    row = plan.releases[target.number - 1]
    busy = _busy_elsewhere(project, row)
    proposal = project.placed(
        lambda: propose(
            project.model,
            plan,
            row,
            member,
            with_member=with_member,
            reason=reason,
            today=today,
            busy=busy,
        )
    )
    before = checked(project, today, reach)
    worked_out: dict[str, tuple[Project, list[Problem]]] = {}
    if with_member is None:
        # What each of the best-ranked choices would add, worked out on the changed file.
        for candidate in proposal.candidates[:EVALUATED]:
            entries = proposal.entries_with(candidate.member)
            worked_out[candidate.member] = _consequences(project, entries, today, reach, before)
            if not worked_out[candidate.member][1]:
                break  # a choice that adds nothing is the best there is: no rival needed
        proposal = proposal.with_costs({m: tuple(c[1]) for m, c in worked_out.items()})
    after, added = worked_out.get(proposal.chosen) or _consequences(
        project, proposal.entries, today, reach, before
    )
    edit = _edit(project, proposal.entries)
    return finish(
        project,
        after,
        "swap",
        [edit],
        today=today,
        horizon=reach,
        proposal=proposal,
        added=added,
    )


def _busy_elsewhere(project: Project, release: Release) -> dict[str, BusyElsewhere]:
    """Who holds a seat, as the seats stand, in another project's release whose duty window
    overlaps `release`'s (SPEC 6): choosing them would add `double-duty`."""
    from relrot.swap import BusyElsewhere

    if not project.several:
        return {}
    first, last = release.duty_window
    busy = project.portfolio.busy_during(project, first, last)
    found = {}
    for member, (other, theirs, seat) in busy.items():
        role = other.model.role(seat)
        words = role.display if role is not None else seat
        found[member] = BusyElsewhere(other.id or "", theirs.version, words, theirs.duty_window)
    return found


def _edit(project: Project, entries: Sequence[SwapEntry]) -> Append:
    return Append("swaps", tuple(entries), "add the swap", under(project))


def _consequences(
    project: Project,
    entries: Sequence[SwapEntry],
    today: dt.date,
    reach: int,
    before: Sequence[Problem],
) -> tuple[Project, list[Problem]]:
    """The file with these swap entries added, and the problems they add to it."""
    after = apply(project, _edit(project, entries))
    return after, added_problems(before, checked(after, today, reach))
