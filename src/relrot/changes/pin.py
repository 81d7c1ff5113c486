"""`pin`: record planned releases in `releases:`, so later roster edits cannot move them."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from msgspec.structs import replace

from relrot.changes import (
    PINNED_SEATS,
    Append,
    Change,
    FromPlan,
    PinEntry,
    Pinned,
    Shipped,
    ShippedEntry,
    apply,
    finish,
    horizon,
    on_demand,
    unchanged,
    under,
)
from relrot.days import Day, as_day
from relrot.references import Question

if TYPE_CHECKING:
    from relrot.project import Project


def pin(project: Project, through: str | None, *, today: Day) -> Change:
    """Pin planned releases up to THROUGH (default: those before today and the one in
    progress) into `releases:`; an empty change when they are pinned already. `Project.pin`."""
    today = as_day(today)
    if through is None:
        last = project.placed(lambda: project.resolver(today).in_progress(today))
    else:
        last = project.release(through, Question.THROUGH, crewed=False, today=today).number
    return pin_through(project, last, today)


def pin_through(
    project: Project, last: int, today: dt.date, shipped: Shipped | None = None
) -> Change:
    """Pin releases up to number `last`; `shipped` says when the last one actually shipped."""
    from relrot.pin import pin_entries

    reach = horizon(project, today, last)
    plan = project.plan(project.checked_range(today, reach)[1])
    entries = pin_entries(plan, last)
    if not entries:
        return unchanged(project, "pin", Pinned(last, shipped))
    facts = Pinned(last, shipped, _from_plan(entries))
    if on_demand(project):
        entries = [replace(entry, term=True) for entry in entries]
        if shipped is not None:
            recorded = (ShippedEntry(shipped.version, shipped.day),)
            entries[-1] = replace(entries[-1], shipped=recorded)
    elif shipped is not None:
        entries[-1] = replace(entries[-1], date=shipped.day)
    edit = Append("releases", tuple(entries), "pin the releases", under(project))
    after = apply(project, edit)
    return finish(project, after, "pin", [edit], today=today, horizon=reach, facts=facts)


def _from_plan(entries: list[PinEntry]) -> tuple[FromPlan, ...]:
    """Every seat the entries record: all of them come from the plan."""
    found: list[FromPlan] = []
    for entry in entries:
        found += [
            FromPlan(entry.version, seat, holder)
            for seat in PINNED_SEATS
            if (holder := getattr(entry, seat)) is not None
        ]
        found += [FromPlan(entry.version, role, holder) for role, holder in entry.roles]
    return tuple(found)
