"""`import`: pin the crews read from release issues (SPEC 5.5) after the pinned run.

Reading the issues is `relrot.importing`; this module decides which crews to pin and
refuses an import that would name someone who is not on the roster or leave a gap.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from relrot.changes import Append, Change, Imported, apply, finish, horizon, unchanged
from relrot.days import Day, as_day
from relrot.problems import Problem, Severity

if TYPE_CHECKING:
    from relrot.changes import PinEntry
    from relrot.importing import FoundCrew, Reading
    from relrot.plan import Release
    from relrot.project import Project


def import_issues(
    project: Project, reading: Reading, *, today: Day, allow_gaps: bool = False
) -> Change:
    """Pin the crews read from release issues (SPEC 5.5) after the pinned run; an empty
    change when every one is pinned already. Refused when a handle is on no member, or
    (without `allow_gaps`) when a release in the run has no issue. `Project.import_issues`."""
    today = as_day(today)
    from relrot.importing import choose_crews
    from relrot.yamlfile.patch import refusal

    pinned = len(project.model.releases)
    numbers = {crew.version: _importable(project, crew.version, today) for crew in reading.found}
    chosen = choose_crews(reading.found, numbers)
    # What the reading itself left out (`reading.skipped`, `reading.notes`) is the reader's
    # to show; these are the choices made here.
    facts = Imported(
        passed_over=tuple((s.issue.name, s.reason) for s in chosen.passed_over),
        kept=tuple(
            (crew.issue.name, crew.version)
            for number, crew in chosen.crews.items()
            if number <= pinned
        ),
    )
    new = {n: crew for n, crew in chosen.crews.items() if n > pinned}
    members = {m.github.lower(): m.id for m in project.model.members if m.github}
    unknown = _unknown(project, new, members)
    if unknown:
        raise refusal(
            f"refused: nothing imported; {project.path} is unchanged", project.path, *unknown
        )
    if not new:
        return unchanged(project, "import", facts)
    last = max(new)
    reach = horizon(project, today, last)
    plan = project.plan(project.checked_range(today, reach)[1])
    run = plan.releases[pinned:last]
    gaps = tuple(r.version for r in run if not r.skipped and r.number not in new)
    if gaps and not allow_gaps:
        raise refusal(
            f"refused: no issue was read for {', '.join(gaps)}, so the pinned run would "
            "have a gap; import their issues too, or pass --allow-gaps to pin them with "
            f"empty seats; {project.path} is unchanged",
            project.path,
        )
    entries = tuple(_entry(release, new.get(release.number), members) for release in run)
    edit = Append("releases", entries, "import the releases")
    after = apply(project, edit)
    facts = Imported(facts.passed_over, facts.kept, gaps)
    return finish(project, after, "import", [edit], today=today, horizon=reach, facts=facts)


def _unknown(project: Project, new: dict[int, FoundCrew], members: dict[str, str]) -> list[Problem]:
    """A problem for each handle of a crew to pin that is the `github` of no member."""
    from relrot.importing import excerpt, unknown_handles

    return [
        Problem(
            "import",
            Severity.ERROR,
            f"{crew.issue.name} ({excerpt(crew.issue.title)}): @{handle} is not the "
            "`github` of any member; add it to their entry in `members:`",
            file=project.path,
            release=crew.version,
        )
        for crew in new.values()
        for handle in unknown_handles(crew, members)
    ]


def _entry(release: Release, crew: FoundCrew | None, members: dict[str, str]) -> PinEntry:
    """The `releases:` entry of one release of the run: its crew as read, or empty seats."""
    from relrot.model import ExtraCrew
    from relrot.pin import pinned_entry

    if crew is None or release.skipped:
        return pinned_entry(release.version, release.date)

    def member(handle: str | None) -> str | None:
        return members[handle.lower()] if handle else None

    also = [ExtraCrew(member=members[e.handle.lower()], role=e.role) for e in crew.also]
    return pinned_entry(
        release.version,
        release.date,
        pilot=member(crew.pilot),
        co_pilot=member(crew.co_pilot),
        jump_seat=member(crew.jump_seat),
        also=also,
    )


def _importable(project: Project, version: str, today: dt.date) -> int | str:
    """The number of the release `version`, or why no crew can be pinned for it."""
    release = project.resolver(today).version(version)
    if release is None:
        first = project.calendar.release(1)
        since = f" (it starts at {first.version})" if first else ""
        return f"{version} is not a release of this calendar{since}"
    if release.skipped:
        return f"{version} is in `skip`, so it has no crew"
    return release.number
