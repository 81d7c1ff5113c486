"""`shipped`: record the day a release actually shipped, as its pinned `date`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from msgspec.structs import replace

from relrot.changes import (
    Append,
    Change,
    SetDate,
    Shipped,
    ShippedEntry,
    apply,
    finish,
    horizon,
    on_demand,
    unchanged,
    under,
)
from relrot.changes.pin import pin_through
from relrot.days import Day, as_day
from relrot.problems import UsageError
from relrot.references import Question

if TYPE_CHECKING:
    from relrot.calendar import Calendar, ReleaseDate
    from relrot.project import Project


def shipped(project: Project, release: str, day: Day, *, today: Day) -> Change:
    """Record that RELEASE shipped on `day`: its pinned `date` set (the releases up to it
    pinned first, as `pin` would); an empty change when that is the date already.
    `Project.shipped`."""
    day, today = as_day(day, "day"), as_day(today)
    if day > today:
        raise UsageError(f"{day} is after today ({today}); record a release once it shipped")
    if on_demand(project):
        return _in_term(project, release, day, today)
    target = project.release(release, Question.THROUGH, crewed=True, today=today)
    _check_ship_date(project.calendar, target, day)
    facts = Shipped(target.version, day, target.planned)
    if target.number > len(project.model.releases):
        return pin_through(project, target.number, today, facts)
    index = target.number - 1
    if project.model.releases[index].date == day:
        return unchanged(project, "shipped", replace(facts, already=True))
    edit = SetDate(index, day, under(project))
    after = apply(project, edit)
    reach = horizon(project, today, target.number)
    return finish(project, after, "shipped", [edit], today=today, horizon=reach, facts=facts)


def _in_term(project: Project, version: str, day: dt.date, today: dt.date) -> Change:
    """An on-demand project's release (SPEC 6): recorded in the `shipped:` list of the term
    holding `day`, that term and every one before it pinned first, as `pin` would."""
    term = _term(project, version, day)
    facts = Shipped(version, day, term.date, term=term.version)
    pinned = project.model.releases
    for other in pinned:
        for entry in other.shipped:
            if entry.version == version and entry.date != day:
                raise UsageError(
                    f"{version} is recorded already, as shipped on {entry.date} in term "
                    f"{other.version}; a version ships once: if {entry.date} is wrong, correct "
                    f"that entry's date in the `shipped:` of term {other.version}"
                )
    if term.number > len(pinned):
        return pin_through(project, term.number, today, facts)
    if any(s.version == version and s.date == day for s in pinned[term.number - 1].shipped):
        return unchanged(project, "shipped", replace(facts, already=True))
    where = (*under(project), ("releases", term.number - 1))
    edit = Append("shipped", (ShippedEntry(version, day),), "record the release", where)
    after = apply(project, edit)
    reach = horizon(project, today, term.number)
    return finish(project, after, "shipped", [edit], today=today, horizon=reach, facts=facts)


def _term(project: Project, version: str, day: dt.date) -> ReleaseDate:
    """The term holding `day`; a usage error for a day before the first term or a version
    the file could not hold."""
    from pydantic import ValidationError

    from relrot.model import ShippedRelease

    try:
        ShippedRelease(version=version, date=day)
    except ValidationError:
        raise UsageError(
            f"{version!r} is not a version; use letters, digits and . _ + ~ - only"
        ) from None
    found = project.first_from(day)
    term = project.calendar.release(found)
    if term is None or not term.date <= day:
        first = project.calendar.release(1)
        raise UsageError(
            f"{day} is before the first term ({first.version if first else '?'}); record only "
            "releases shipped since `on_demand.first_term`, or move it earlier"
        )
    return term


def _check_ship_date(calendar: Calendar, target: ReleaseDate, day: dt.date) -> None:
    """A release ships after the one before it and before the next one is due."""
    before = calendar.release(target.number - 1) if target.number > 1 else None
    following = calendar.release(target.number + 1)
    if before is not None and day <= before.date:
        raise UsageError(
            f"{target.version} cannot have shipped on {day}: {before.version} shipped on "
            f"{before.date}, and releases ship in order"
        )
    if following is not None and day >= following.nominal:
        raise UsageError(
            f"{target.version} cannot have shipped on {day}: {following.version} is due on "
            f"{following.nominal}; if {following.version} was not shipped, add it to "
            "`schedule.skip`"
        )
