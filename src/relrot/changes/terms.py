"""`import` across projects (SPEC 6): each issue routed to its project, and an on-demand
project's issues pinned to the terms of their dates, their versions in `shipped:`.

An on-demand project has no calendar of versions: an issue names its term by its date
(`closedAt`, else `createdAt`). The earliest issue of a term pins its crew (a placeholder
cell is a planned holder the issue does not name in the other seat, listed "from the plan,
not a record"); a later issue of the
same term naming another crew is reported, and every issue's version is recorded. Terms
before the last one read, with no issue, are pinned with their planned crew.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from msgspec import Struct, field
from msgspec.structs import replace

from relrot.changes import (
    Append,
    Change,
    Edit,
    Imported,
    PinEntry,
    ShippedEntry,
    apply,
    finish,
    horizon,
    unchanged,
    under,
)
from relrot.changes import importing as cadence
from relrot.problems import listed

if TYPE_CHECKING:
    from collections.abc import Sequence

    from relrot.importing import FoundCrew, Reading
    from relrot.plan import Release
    from relrot.project import Project


def route(reading: Reading, projects: Sequence[Project], path: str) -> dict[str, Reading]:
    """The crews read, by the id of the project whose `repository` the issue's URL is in
    (SPEC 6); refused, with the file untouched, when an issue is in no project's."""
    from relrot.importing import Reading
    from relrot.yamlfile.patch import refusal

    repositories = {p.id or "": _repository(p) for p in projects}
    routed: dict[str, Reading] = {}
    unplaced: list[str] = []
    for crew in reading.found:
        url = (crew.issue.url or "").lower().rstrip("/") + "/"
        owner = [i for i, repo in repositories.items() if repo and f"/{repo}/" in url]
        if len(owner) != 1:
            unplaced.append(crew.issue.name)
            continue
        routed.setdefault(owner[0], Reading()).found.append(crew)
    if unplaced:
        known = ", ".join(f"{i}: {r}" for i, r in repositories.items() if r) or "none"
        raise refusal(
            f"refused: {listed(unplaced, cadence.MAX_LISTED)} is in no project's `repository` "
            f"({known}); name the project with --project, or set its `repository:`; "
            f"{path} is unchanged",
            path,
        )
    return routed


def on_demand_issues(reading: Reading, projects: Sequence[Project]) -> list[bool]:
    """For each crew read, whether it goes to an on-demand project: the one project asked,
    else the one whose `repository` its URL is in (no such project: False, refused later)."""
    from relrot.changes import on_demand

    if len(projects) == 1:
        return [on_demand(projects[0])] * len(reading.found)
    terms = [_repository(p) for p in projects if on_demand(p)]
    found = []
    for crew in reading.found:
        url = (crew.issue.url or "").lower().rstrip("/") + "/"
        found.append(any(repo and f"/{repo}/" in url for repo in terms))
    return found


def term_version(crew: FoundCrew) -> str:
    """The version an on-demand project records for an issue: the one its marker or title
    names (`0.7.2`), never a regular release's reading of it (`0.7.0`)."""
    return crew.named[0] if crew.named else crew.version


def _repository(project: Project) -> str:
    return (project.model.project.repository or "").strip("/").lower()


class _Terms(Struct):
    """What the issues say of each term: the crew pinning it and the versions shipped."""

    crews: dict[int, FoundCrew] = field(default_factory=dict)
    shipped: dict[int, list[ShippedEntry]] = field(default_factory=dict)
    reported: list[tuple[str, str]] = field(default_factory=list)


def import_terms(project: Project, reading: Reading, *, today: dt.date) -> Change:
    """Pin an on-demand project's terms from its issues (SPEC 6); see the module."""

    members = {m.github.lower(): m.id for m in project.model.members if m.github}
    terms = _by_term(project, reading, members)
    pinned = len(project.model.releases)
    new = {n: crew for n, crew in terms.crews.items() if n > pinned}
    unknown = cadence._unknown(project, new, members)
    if unknown:
        raise cadence.nothing_imported(project, *unknown)
    last = max(terms.shipped)
    reach = horizon(project, today, last)
    from_plan: list[tuple[str, str, str]] = []
    entries: list[PinEntry] = []
    current = project
    for number in range(pinned + 1, last + 1):
        # Each term's planned crew as the plan stands with the terms before it pinned.
        release = current.plan(current.checked_range(today, reach)[1]).releases[number - 1]
        entries.append(_entry(release, new.get(number), terms, members, from_plan))
        if number in new and number < last:
            current = apply(project, _pins(project, entries))
    plan = current.plan(current.checked_range(today, reach)[1])
    edits: list[Edit] = [
        Append("shipped", tuple(_new(project, n, ships)), "record the releases", _pin(project, n))
        for n, ships in sorted(terms.shipped.items())
        if n <= pinned and _new(project, n, ships)
    ]
    if entries:
        edits.append(_pins(project, entries))
    kept = tuple((terms.crews[n].issue.name, plan.releases[n - 1].version) for n in terms.crews)
    facts = Imported(
        passed_over=tuple(terms.reported),
        kept=tuple(k for k, n in zip(kept, terms.crews, strict=True) if n <= pinned),
        from_plan=tuple(from_plan),
    )
    if not edits:
        return unchanged(project, "import", facts)
    after = apply(project, *edits)
    return finish(project, after, "import", edits, today=today, horizon=reach, facts=facts)


def _by_term(project: Project, reading: Reading, members: dict[str, str]) -> _Terms:
    """Each issue placed in the term holding its date, earliest first (ties: file order)."""
    from relrot.yamlfile.patch import refusal

    undated = [c.issue.name for c in reading.found if c.issue.day is None]
    first = project.calendar.release(1)
    early = [
        c.issue.name
        for c in reading.found
        if first is not None and c.issue.day is not None and c.issue.day < first.date
    ]
    if undated or early:
        why = (
            f"{listed(undated, cadence.MAX_LISTED)} has no date: list the issues with "
            "`--json number,title,body,url,createdAt,closedAt`"
            if undated
            else f"{listed(early, cadence.MAX_LISTED)} is dated before the first term "
            f"({first.version if first else '?'}): leave it out, or move `first_term` earlier"
        )
        raise refusal(f"refused: {why}; {project.path} is unchanged", project.path)
    terms = _Terms()
    for crew in sorted(reading.found, key=lambda c: c.issue.day or dt.date.min):
        day = crew.issue.day or dt.date.min
        number = project.first_from(day)
        version = term_version(crew)
        terms.shipped.setdefault(number, []).append(ShippedEntry(version, day))
        held = terms.crews.get(number)
        if held is None:
            terms.crews[number] = crew
        elif not _agree(held, crew, members):
            name = project.calendar.release(number)
            terms.reported.append(
                (
                    crew.issue.name,
                    f"names another crew than {held.issue.name}, which pins term "
                    f"{name.version if name else number}; its version is recorded",
                )
            )
    return terms


def _agree(one: FoundCrew, other: FoundCrew, members: dict[str, str]) -> bool:
    """The same pilot and co-pilot, a placeholder agreeing with anyone (SPEC 6)."""
    from relrot.changes.importing import member_of

    for seat in ("pilot", "co_pilot"):
        a, b = one.seat(seat), other.seat(seat)
        if a and b and (member_of(a, members, None) or a) != (member_of(b, members, None) or b):
            return False
    return True


def _entry(
    release: Release,
    crew: FoundCrew | None,
    terms: _Terms,
    members: dict[str, str],
    from_plan: list[tuple[str, str, str]],
) -> PinEntry:
    """A term's pin: the issue's crew, a placeholder or a term with no issue taking the
    planned holder (listed), and the versions shipped in it. A placeholder whose planned
    holder the issue names in the other seat takes that seat's planned holder instead: the
    two the plan gave the term, in the seats the issue says they held."""
    from relrot.changes.importing import member_of
    from relrot.pin import pinned_entry

    planned = {"pilot": release.planned_pilot, "co_pilot": release.planned_co_pilot}
    named: dict[str, str | None] = {}
    for seat in planned:
        handle = crew.seat(seat) if crew else None  # type: ignore[arg-type]
        named[seat] = member_of(handle, members, None) if handle else None
    seats: dict[str, str | None] = {}
    for seat, other in (("pilot", "co_pilot"), ("co_pilot", "pilot")):
        holder = named[seat]
        if holder is None:
            taken = named[other] is not None and named[other] == planned[seat]
            holder = planned[other] if taken else planned[seat]
            if holder:
                from_plan.append((release.version, seat, holder))
        seats[seat] = holder
    entry = pinned_entry(
        release.version, release.date, pilot=seats["pilot"], co_pilot=seats["co_pilot"]
    )
    return replace(entry, term=True, shipped=tuple(terms.shipped.get(release.number, ())))


def _pins(project: Project, entries: list[PinEntry]) -> Append:
    return Append("releases", tuple(entries), "import the terms", under(project))


def _new(project: Project, number: int, ships: list[ShippedEntry]) -> list[ShippedEntry]:
    """The versions of a pinned term not yet in its `shipped:`."""
    recorded = {(s.version, s.date) for s in project.model.releases[number - 1].shipped}
    return [s for s in ships if (s.version, s.date) not in recorded]


def _pin(project: Project, number: int) -> tuple[tuple[str, int], ...]:
    return (*under(project), ("releases", number - 1))


def import_into(
    project: Project, reading: Reading, *, today: dt.date, allow_gaps: bool, as_swaps: bool
) -> Change:
    """Import into one project: its terms when it is on demand, else its releases."""
    from relrot.changes import on_demand

    if on_demand(project):
        return import_terms(project, reading, today=today)
    return project.import_issues(reading, today=today, allow_gaps=allow_gaps, as_swaps=as_swaps)


def import_routed(
    whole: Project,
    reading: Reading,
    *,
    given_today: dt.date | None,
    allow_gaps: bool,
    as_swaps: bool,
) -> list[Change]:
    """Import into every project of the file its own issues, in planning order, each on the
    file the one before leaves."""
    routed = route(reading, whole.projects(), whole.path)
    changes: list[Change] = []
    current = whole
    for project in whole.projects():
        found = routed.get(project.id or "")
        if found is None:
            continue
        part = current.portfolio.get(project.id or "") if current.several else project
        change = import_into(
            part,
            found,
            today=part.today(given_today),
            allow_gaps=allow_gaps,
            as_swaps=as_swaps,
        )
        changes.append(change)
        current = change.after
    return changes
