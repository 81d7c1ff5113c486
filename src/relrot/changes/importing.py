"""`import`: pin the crews read from release issues (SPEC 5.5) after the pinned run.

Reading the issues is `relrot.importing`; this module decides which crews to pin, how they
meet the file's swaps (SPEC 3.6), who an issue older than the calendar marks `experienced`
(SPEC 3.5), and refuses an import that names someone not on the roster (or a name two
members share), leaves a gap, reads no release at all, reads versions that are not this
calendar's, or reads an issue whose relrot marker names another project (SPEC 5.4).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from msgspec import Struct, field

from relrot.changes import (
    Append,
    Change,
    Edit,
    Imported,
    MarkExperienced,
    RemoveItems,
    SwapEntry,
    apply,
    finish,
    horizon,
    unchanged,
    under,
)
from relrot.days import Day, as_day
from relrot.problems import Problem, RelrotError, Severity, listed

if TYPE_CHECKING:
    from relrot.changes import PinEntry
    from relrot.importing import Extra, FoundCrew, Reading, Skipped, Who
    from relrot.model import ExtraCrew, Role
    from relrot.plan import Release
    from relrot.project import Project

# A refusal names this many releases or issues, then how many more: one screen, not 455.
MAX_LISTED = 10
SEATS: tuple[Role, ...] = ("pilot", "co_pilot")
LABEL = {"pilot": "pilot", "co_pilot": "co-pilot"}


class _Early(Struct, frozen=True):
    """A version older than `first_release`: the team's history before the calendar."""

    month: dt.date


class _Foreign(Struct, frozen=True):
    """A version that does not follow `schedule.version` at all."""


class _Outcome(Struct):
    """The entries and edits of the run, and the facts that say what they record."""

    entries: list[PinEntry] = field(default_factory=list)
    swaps: list[SwapEntry] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    from_plan: list[tuple[str, str, str]] = field(default_factory=list)
    served: list[tuple[str, int, str]] = field(default_factory=list)  # swaps were removed
    swapped: list[tuple[str, str, str, str]] = field(default_factory=list)


def import_issues(
    project: Project,
    reading: Reading,
    *,
    today: Day,
    allow_gaps: bool = False,
    as_swaps: bool = False,
) -> Change:
    """Pin the crews read from release issues after the pinned run (SPEC 3.6, 5.5); an
    empty change when every one is recorded already. `Project.import_issues`."""
    today = as_day(today)
    from relrot.importing import Roster, choose_crews
    from relrot.yamlfile.patch import refusal

    pinned = len(project.model.releases)
    _refuse_other_project(project, reading)
    kinds: dict[str, int | str | _Early | _Foreign] = {}
    for crew in reading.found:  # 80,000 issues may name one version: each is looked up once
        if crew.version not in kinds:
            kinds[crew.version] = _classify(project, crew.version, today)
    _refuse_foreign(project, reading, kinds)
    numbers = {v: k for v, k in kinds.items() if isinstance(k, int | str)}
    calendar = [crew for crew in reading.found if crew.version in numbers]
    early = [crew for crew in reading.found if isinstance(kinds[crew.version], _Early)]
    chosen = choose_crews(calendar, numbers)
    if not chosen.crews and not early:
        _refuse_nothing_read(project, reading, chosen.passed_over)
    members = Roster(project.model).handles
    marks = _experience(project, early, members)
    facts = Imported(
        passed_over=tuple((s.issue.name, s.reason) for s in chosen.passed_over),
        kept=tuple(
            (crew.issue.name, crew.version)
            for number, crew in chosen.crews.items()
            if number <= pinned
        ),
        experienced=tuple((mark.member, issue) for mark, issue in marks),
    )
    new = {n: crew for n, crew in chosen.crews.items() if n > pinned}
    unknown = _unknown(project, new, members)
    if unknown:
        raise nothing_imported(project, *unknown)
    edits: list[Edit] = [mark for mark, _ in marks]
    if not new and not edits:
        return unchanged(project, "import", facts)
    last = max(new, default=pinned)
    reach = horizon(project, today, last)
    plan = project.plan(project.checked_range(today, reach)[1])
    run = plan.releases[pinned:last]
    gaps = [r.version for r in run if not r.skipped and r.number not in new]
    if gaps and not allow_gaps:
        raise refusal(
            f"refused: no issue was read for {listed(gaps, MAX_LISTED)}, so the pinned run would "
            "have a gap; import their issues too, or pass --allow-gaps to pin them with "
            f"empty seats; {project.path} is unchanged",
            project.path,
        )
    outcome, where = _Outcome(), under(project)  # a project's own entry (SPEC 6)
    for release in run:
        _record(project, release, new.get(release.number), members, outcome, as_swaps=as_swaps)
    if outcome.removed:
        edits.append(RemoveItems("swaps", tuple(outcome.removed), "remove the swaps", where))
    if outcome.entries:
        edits.append(Append("releases", tuple(outcome.entries), "import the releases", where))
    if outcome.swaps:
        edits.append(Append("swaps", tuple(outcome.swaps), "record the swaps", where))
    after = apply(project, *edits)
    facts = Imported(
        facts.passed_over,
        facts.kept,
        tuple(gaps),
        tuple(outcome.from_plan),
        tuple(outcome.served),
        tuple(outcome.swapped),
        facts.experienced,
    )
    return finish(project, after, "import", edits, today=today, horizon=reach, facts=facts)


def _record(
    project: Project,
    release: Release,
    crew: FoundCrew | None,
    members: dict[str, str],
    outcome: _Outcome,
    *,
    as_swaps: bool,
) -> None:
    """The `releases:` entry of one release of the run, and what it does to its swaps.

    A crew that agrees with the plan and its swaps (a placeholder agrees with anyone) pins
    the planned seats, so the swaps stay true and nothing after the release moves; one that
    does not pins the seats served and drops the release's swaps, or with `as_swaps` pins
    the planned seats and records each seat given to someone else as a swap (SPEC 3.6)."""
    from relrot.pin import pinned_entry

    if crew is None or release.skipped:
        outcome.entries.append(pinned_entry(release.version, release.date))
        return

    def member(seat: Literal["pilot", "co_pilot", "jump_seat"]) -> str | None:
        return member_of(crew.seat(seat), members, crew.recorded(seat))

    named: dict[str, str | None] = {"pilot": member("pilot"), "co_pilot": member("co_pilot")}
    roles, also = _role_rows(project, crew, members)
    rotating = [r.id for r in project.model.roles if r.fill == "rotate" and r.id in release.roles]
    named.update({role: roles.get(role) for role in rotating})
    serving: dict[str, str | None] = {"pilot": release.pilot, "co_pilot": release.co_pilot}
    serving.update({role: release.roles.get(role) for role in rotating})
    planned: dict[str, str | None] = {
        "pilot": release.planned_pilot,
        "co_pilot": release.planned_co_pilot,
    }
    planned.update({role: release.planned_roles.get(role) for role in rotating})
    compared = [*SEATS, *rotating]
    agrees = all(named[s] is None or named[s] == serving[s] for s in compared)
    seats = dict(planned)
    if agrees or as_swaps:
        for seat in compared:
            person, holder = named[seat], serving[seat]
            if person is None and holder is not None:
                outcome.from_plan.append((release.version, seat, holder))
            elif person is not None and person != holder:
                if holder is None:
                    seats[seat] = person  # nobody to swap out: the seat served is the record
                    continue
                outcome.swaps.append(_swap(release.version, seat, holder, person, crew))
                outcome.swapped.append((release.version, seat, holder, person))
    else:
        for seat in compared:
            seats[seat] = named[seat] or serving[seat]
            if named[seat] is None and serving[seat] is not None:
                outcome.from_plan.append((release.version, seat, serving[seat] or ""))
        own = _swaps_of(project, release)
        if own:
            outcome.removed.extend(own)
            outcome.served.append((release.version, len(own), crew.issue.name))
    # Request roles are pinned as the issue names them, as the jump seat is (SPEC 3.6).
    held = {**{k: v for k, v in roles.items() if k not in rotating}, **seats}
    outcome.entries.append(
        pinned_entry(
            release.version,
            release.date,
            pilot=seats["pilot"],
            co_pilot=seats["co_pilot"],
            jump_seat=member("jump_seat"),
            also=also,
            roles=[(r.id, h) for r in project.model.roles if (h := held.get(r.id)) is not None],
        )
    )


def _role_rows(
    project: Project, crew: FoundCrew, members: dict[str, str]
) -> tuple[dict[str, str], list[ExtraCrew]]:
    """The role each crew-table row named like a role fills (its first person), and the
    rest of the extra crew, still recorded under `also` (SPEC 3.7)."""
    from relrot.model import ExtraCrew

    roles: dict[str, str] = {}
    also: list[ExtraCrew] = []
    for extra, role in _extras(project, crew):
        person = member_of(extra.who, members, crew.recorded(role) if role else None)
        if person is None:
            continue  # a name two members share, refused before anything is pinned
        if role is not None and role not in roles:
            roles[role] = person
        else:
            also.append(ExtraCrew(member=person, role=extra.role))
    return roles, also


def _extras(project: Project, crew: FoundCrew) -> list[tuple[Extra, str | None]]:
    """Each extra person the issue names, with the role id their row's label names."""
    from relrot.roles import label_key

    by_label: dict[str, str] = {}
    for role in project.model.roles:
        by_label.setdefault(label_key(role.id), role.id)
        by_label.setdefault(label_key(role.name or role.id), role.id)
    return [(extra, by_label.get(label_key(extra.role))) for extra in crew.also]


def member_of(who: Who | None, members: dict[str, str], recorded: str | None) -> str | None:
    """The member a cell names: by @handle, or by id or display name. A name several
    members share is the one relrot's marker recorded in that seat, if it is one of them
    (the table is the record; the marker only says whom relrot's own text meant)."""
    from relrot.importing import Name

    if not isinstance(who, Name):
        return members.get(who.lower()) if who else None
    if len(who.members) == 1:
        return who.members[0]
    return recorded if recorded in who.members else None


def _swap(version: str, seat: str, out: str, person: str, crew: FoundCrew) -> SwapEntry:
    issue = f"#{crew.issue.number}" if crew.issue.number is not None else crew.issue.name
    return SwapEntry(version, seat, out, person, reason=f"from issue {issue}")


def _swaps_of(project: Project, release: Release) -> list[int]:
    """The places in `swaps:` of every swap naming `release`, applied or stale."""
    resolver = project.resolver()
    return [
        index
        for index, swap in enumerate(project.model.swaps)
        if resolver.number(swap.release) == release.number
    ]


def _experience(
    project: Project, early: list[FoundCrew], members: dict[str, str]
) -> list[tuple[MarkExperienced, str]]:
    """A mark for each member not yet `experienced` whom an issue older than the calendar
    names as pilot or co-pilot; unknown handles there are history nobody plans with."""
    index = {m.id: i for i, m in enumerate(project.model.members)}
    done = {m.id for m in project.model.members if m.experienced}
    marks: list[tuple[MarkExperienced, str]] = []
    for crew in early:
        for seat in SEATS:
            member = member_of(crew.seat(seat), members, crew.recorded(seat))
            if member is not None and member not in done:
                done.add(member)
                marks.append((MarkExperienced(index[member], member), crew.issue.name))
    return sorted(marks, key=lambda pair: pair[0].index)


def _unknown(project: Project, new: dict[int, FoundCrew], members: dict[str, str]) -> list[Problem]:
    """A problem for each handle of a crew to pin that is the `github` of no member, and
    for each name several members share that the marker does not settle."""
    from relrot.importing import excerpt, unknown_handles

    return [
        *(
            Problem(
                "import",
                Severity.ERROR,
                f"{crew.issue.name} ({excerpt(crew.issue.title)}): @{handle} is not the "
                "`github` of any member; add it to their entry in `members:`, or add them as a "
                "member with `core: false` (they helped once) or `left:` (they have left), so "
                "the planner never gives them a stint",
                file=project.path,
                release=crew.version,
            )
            for crew in new.values()
            for handle in unknown_handles(crew, members)
        ),
        *(problem for crew in new.values() for problem in _shared_names(project, crew)),
    ]


def _shared_names(project: Project, crew: FoundCrew) -> list[Problem]:
    """A problem for each cell whose name is the id or display name of several members,
    none of them the one the marker recorded in that seat: guessing could pin the wrong one."""
    from relrot.importing import SEAT_LABEL, Name, excerpt, quoted

    cells: list[tuple[str, Who | None, str | None]] = [
        (SEAT_LABEL[seat], crew.seat(seat), seat) for seat in ("pilot", "co_pilot", "jump_seat")
    ]
    cells += [(excerpt(extra.role), extra.who, role) for extra, role in _extras(project, crew)]
    problems = []
    for label, who, seat in cells:
        if not isinstance(who, Name) or member_of(who, {}, crew.recorded(seat or "")) is not None:
            continue
        *most, last = (f"`{m}`" for m in who.members)
        problems.append(
            Problem(
                "import",
                Severity.ERROR,
                f"{crew.issue.name} ({excerpt(crew.issue.title)}): the {label} cell "
                f"{quoted(who.text)} names {len(who.members)} members, {', '.join(most)} and "
                f"{last}; write the @handle or id of the one who served",
                file=project.path,
                release=crew.version,
            )
        )
    return problems


def _classify(project: Project, version: str, today: dt.date) -> int | str | _Early | _Foreign:
    """What `version` is to this calendar: a release's number, why it has no crew to pin,
    history from before `first_release`, or another numbering altogether (SPEC 5.5)."""
    from relrot.importing import EARLIEST_YEARS, version_month

    schedule = project.model.calendar_schedule
    first = schedule.first_release
    month = version_month(schedule.version, version, first)
    release = project.resolver(today).version(version)
    # `{yy}` repeats every century: 0.7.0 is not July 2100 when it reads as July 2000.
    if release is not None and (month is None or month.year == release.nominal.year):
        if release.skipped:
            return f"{version} is in `skip`, so it has no crew"
        return release.number
    if month is None or month < dt.date(first.year - EARLIEST_YEARS, first.month, 1):
        return _Foreign()
    if month < dt.date(first.year, first.month, 1):
        return _Early(month)
    first_release = project.calendar.release(1)
    since = f" (it starts at {first_release.version})" if first_release else ""
    return f"{version} is not a release of this calendar{since}"


def _refuse_other_project(project: Project, reading: Reading) -> None:
    """One error for the issues whose relrot marker names another project than the file's
    (SPEC 5.4): their crews are that project's. A marker or a file that names no project
    claims nothing; names compare as crew-table labels do (case, spaces and dashes aside)."""
    from relrot.importing import excerpt
    from relrot.issue_marker import project_of
    from relrot.roles import label_key

    own = project_of(project.model)
    other = [
        crew
        for crew in reading.found
        if own and crew.project is not None and label_key(crew.project) != label_key(own)
    ]
    if not other:
        return
    named = [f"{crew.issue.name} ({excerpt(crew.project or '')})" for crew in other]
    problem = Problem(
        "import",
        Severity.ERROR,
        f"relrot's marker names another project than {excerpt(own)} in {len(other)} "
        f"issue(s): {listed(named, MAX_LISTED)}. Leave them out of the input: "
        f"{_own_issues_hint(project)}",
        file=project.path,
    )
    raise nothing_imported(project, problem)


def _own_issues_hint(project: Project) -> str:
    """How to import only this project's issues: a project of several is named by its id,
    which a rename leaves alone (SPEC 6)."""
    if project.several:
        return f"import each project's issues with `--project ID` (this is {project.id})"
    return (
        "a file imports its own project's issues (if the project was renamed, put the old "
        "name back in `project.name` for the import)"
    )


def _refuse_foreign(
    project: Project, reading: Reading, kinds: dict[str, int | str | _Early | _Foreign]
) -> None:
    """One error for every version that is not this calendar's numbering (`0.7.0` against
    `{yy}.{m}.0`), instead of a gap of hundreds of releases up to July 2100."""
    from relrot.importing import excerpt

    foreign = [c for c in reading.found if isinstance(kinds[c.version], _Foreign)]
    if not foreign:
        return
    schedule = project.model.calendar_schedule
    # A title's own words: a long or odd version is shown as a message quotes issue text.
    named = [f"{excerpt(crew.version)} ({crew.issue.name})" for crew in foreign]
    problem = Problem(
        "import",
        Severity.ERROR,
        f"{len(foreign)} issue(s) name versions that do not follow `schedule.version` "
        f'("{schedule.version}"): {listed(named, MAX_LISTED)}. Leave them out of the input; '
        "a project versioned on demand (`0.x`, SemVer) is an on-demand project (SPEC 6), not this "
        "calendar",
        file=project.path,
    )
    raise nothing_imported(project, problem)


def nothing_imported(project: Project, *problems: Problem) -> RelrotError:
    """The refusal of an import that found `problems`: the file is left as it was."""
    from relrot.yamlfile.patch import refusal

    message = f"refused: nothing imported; {project.path} is unchanged"
    return refusal(message, project.path, *problems)


def _refuse_nothing_read(project: Project, reading: Reading, passed_over: list[Skipped]) -> None:
    """Input with no release in it is a mistake to say, never "everything is pinned"."""
    from relrot.yamlfile.patch import refusal

    left_out = [*reading.skipped, *passed_over]
    problems = [
        # A file's problem names the file; an issue of a JSON input is named in its message.
        Problem("import", Severity.ERROR, s.reason, file=s.issue.name)
        if s.issue.markdown
        else Problem("import", Severity.ERROR, f"{s.issue.name}: {s.reason}", file=project.path)
        for s in left_out[:MAX_LISTED]
    ]
    if len(left_out) > MAX_LISTED:
        more = len(left_out) - MAX_LISTED
        problems.append(Problem("import", Severity.ERROR, f"… and {more:,} more issues left out"))
    why = (
        "the input holds no issue" if not left_out else "no issue names a release of this calendar"
    )
    raise refusal(
        f"refused: no release read: {why}; {project.path} is unchanged", project.path, *problems
    )
