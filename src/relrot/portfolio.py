"""Several projects, one team (SPEC 6): each project as a one-project file, planned in order.

A file with `projects:` is split into one *view* per project: a `RotationFile` with the
team's roster, the roles that project has, and the project's own schedule, rotation, pins,
swaps and requests, so every rule and every output written for one project works on it. A
file without `projects:` is a portfolio of one view, the file itself.

The views are planned in order (a `crew_from` project right after the project it takes its
crews from); each learns from the ones before it only what SPEC 6 says: who is busy when,
who started a stint when, who was seated first when, and, for `crew_from`, the crews.
Earlier projects never see later ones, and each is planned exactly as far as a later one
needs, so plans stay prefixes of each other.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from msgspec import Struct
from msgspec.structs import replace

from relrot.days import Day, as_day
from relrot.model import (
    AwaySpans,
    DateRange,
    PinnedRelease,
    ProjectEntry,
    ProjectInfo,
    Rotation,
    RotationFile,
    Schedule,
)
from relrot.problems import Path, Problem, RelrotError, Severity, UsageError, close_match
from relrot.project import DEFAULT_HORIZON, Project
from relrot.project_parts import Report
from relrot.rotation import Seats, StintStart, Team

if TYPE_CHECKING:
    from relrot.calendar import Calendar, ReleaseDate
    from relrot.plan import Context, Crew, Plan, Release
    from relrot.roles import ProjectRoles

# The rules a `crew_from` project is not checked for: its crews are the other project's.
CREW_FROM_EXEMPT = frozenset({"serving-streak", "untrained-pilot", "roster-too-small"})

# The top-level keys of a view that live under its project's entry in the file.
_PROJECT_KEYS = ("releases", "swaps", "jump_seat", "requests", "rotation")


class View(Struct, frozen=True):
    """One project of the file as a one-project file, and where its keys are in the file."""

    entry: ProjectEntry | None  # None: the file has no `projects:`
    index: int  # its place in `projects:`
    rank: int  # its place in planning order
    model: RotationFile
    roles: tuple[int, ...]  # the view's roles' places in the file's `roles:`

    @property
    def id(self) -> str | None:
        return self.entry.id if self.entry else None

    @property
    def on_demand(self) -> bool:
        return self.entry is not None and self.entry.on_demand is not None

    @property
    def crew_from(self) -> str | None:
        return self.entry.crew_from if self.entry else None

    def file_path(self, path: Path) -> Path:
        """Where a path of the view is in the file."""
        if self.entry is None or not path:
            return path
        head, rest = path[0], path[1:]
        here: Path = ("projects", self.index)
        if head == "roles" and rest and isinstance(rest[0], int) and rest[0] < len(self.roles):
            moved: Path = ("roles", self.roles[rest[0]], *rest[1:])
        elif head == "project":
            moved = (*here, *rest)
        elif head == "schedule" and self.on_demand:
            first = rest[:1] == ("first_release",)
            moved = (*here, "on_demand", "first_term") if first else (*here, "on_demand")
        elif head in (*_PROJECT_KEYS, "schedule"):
            moved = (*here, *path)
        else:
            moved = path
        return moved


def planning_order(projects: Sequence[ProjectEntry]) -> list[int]:
    """Indices of `projects` in planning order: file order, each `crew_from` project right
    after the project it names (an unknown or later one: in its own place)."""
    ids = {p.id: i for i, p in enumerate(projects)}
    followers: dict[int, list[int]] = {}
    alone: list[int] = []
    for i, project in enumerate(projects):
        other = ids.get(project.crew_from) if project.crew_from else None
        if other is not None and other < i:
            followers.setdefault(other, []).append(i)
        else:
            alone.append(i)
    order: list[int] = []
    for i in alone:
        order += [i, *followers.get(i, [])]
    return order


def views(model: RotationFile) -> list[View]:
    """The file's projects as views, in planning order."""
    if not model.projects:
        return [View(None, 0, 0, model, tuple(range(len(model.roles))))]
    found = []
    for rank, index in enumerate(planning_order(model.projects)):
        entry = model.projects[index]
        kept = tuple(i for i, role in enumerate(model.roles) if _has_role(role.projects, entry))
        found.append(View(entry, index, rank, _view_model(model, entry, kept), kept))
    return found


def _has_role(projects: tuple[str, ...] | None, entry: ProjectEntry) -> bool:
    """SPEC 3.7 `projects`: listed, or by default every project with a schedule."""
    return entry.schedule is not None if projects is None else entry.id in projects


def _view_model(model: RotationFile, entry: ProjectEntry, roles: tuple[int, ...]) -> RotationFile:
    # Every key of `project:`, flattened into the entry (SPEC 6); named by its id at least.
    keys = {name: getattr(entry, name) for name in ProjectInfo.model_fields}
    info = ProjectInfo.model_construct(
        entry.model_fields_set & set(keys), **{**keys, "name": entry.name or entry.id}
    )
    schedule = entry.schedule
    if entry.on_demand is not None:
        demand = entry.on_demand
        schedule = Schedule.model_construct(
            first_release=demand.first_term,
            every_months=demand.every_months,
            version="{yyyy}-{mm}",
            timezone=demand.timezone,
        )
    # The keys the file gives the project, as if it were a one-project file: rules that point
    # at `releases:` when it is there, else at the schedule, point where the file has them.
    given = {"project", "schedule", "rotation", "members"}
    given |= model.model_fields_set & {"roles"}
    given |= entry.model_fields_set & {"jump_seat", "requests", "releases", "swaps"}
    view = RotationFile.model_construct(
        given,
        project=info,
        schedule=schedule,
        rotation=entry.rotation or Rotation(),
        members=model.members,
        roles=tuple(model.roles[i] for i in roles),
        jump_seat=entry.jump_seat,
        requests=entry.requests,
        releases=entry.releases,
        swaps=entry.swaps,
        projects=(),
    )
    view._view_of = entry.id
    return view


def check_projects(model: RotationFile) -> list[Problem]:
    """The references between projects, and the keys that belong to one kind of project:
    `schema` errors at the key, so a bad portfolio never reaches the planner."""
    problems = []
    ids = [p.id for p in model.projects]

    def wrong(message: str, path: Path) -> None:
        problems.append(Problem("schema", Severity.ERROR, message, path=path))

    for i, project in enumerate(model.projects):
        if project.id in ids[:i]:
            wrong(
                f"two projects have the id `{project.id}`; give each its own", ("projects", i, "id")
            )
        if project.crew_from is not None:
            other = model.project_entry(project.crew_from)
            earlier = project.crew_from in ids[:i]
            if other is None or not earlier or other.kind != "cadence":
                guess = close_match(project.crew_from, ids)
                why = (
                    f"did you mean `{guess}`?"
                    if other is None and guess
                    else "name a project with its own `schedule`, listed earlier, that does "
                    "not take its crews from another"
                )
                wrong(
                    f"`crew_from: {project.crew_from}` is not a project this one can take its "
                    f"crews from; {why}",
                    ("projects", i, "crew_from"),
                )
        for j, pinned in enumerate(project.releases):
            problems += _pin_shape(project, pinned, ("projects", i, "releases", j))
        problems += _shipped_twice(project, ("projects", i))
    problems += _shared_repositories(model.projects)
    for i, role in enumerate(model.roles):
        for j, name in enumerate(role.projects or ()):
            if name not in ids:
                guess = close_match(name, ids)
                hint = f"did you mean `{guess}`?" if guess else f"projects are {', '.join(ids)}"
                wrong(
                    f"role `{role.id}` names project `{name}`, which is not in `projects:`; {hint}",
                    ("roles", i, "projects", j),
                )
    return problems


# `{{project}}` in an issue title, as `relrot issue` fills placeholders.
_PROJECT_IN_TITLE = re.compile(r"\{\{\s*project\s*\}\}")


def _shared_repositories(projects: Sequence[ProjectEntry]) -> list[Problem]:
    """Two projects with one `repository` tell their issues apart by title only when both
    titles name the project (SPEC 6): a `schema` error at the later one's repository."""
    first: dict[str, ProjectEntry] = {}
    problems = []
    for i, project in enumerate(projects):
        if project.repository is None:
            continue
        other = first.setdefault(project.repository.lower(), project)
        if other is project:
            continue
        lacking = [
            p.id for p in (other, project) if not _PROJECT_IN_TITLE.search(p.issue_title or "")
        ]
        if lacking:
            problems.append(
                Problem(
                    "schema",
                    Severity.ERROR,
                    f"`{project.id}` and `{other.id}` both keep their issues in "
                    f"{project.repository}, so their issue titles must name the project: put "
                    f"{{{{project}}}} in the `issue_title` of {' and '.join(lacking)} (e.g. "
                    '"{{project}} {{version}}"), or give one its own repository',
                    path=("projects", i, "repository"),
                )
            )
    return problems


def _pin_shape(project: ProjectEntry, pinned: PinnedRelease, path: Path) -> list[Problem]:
    """A term (`term:`, `shipped:`) on an on-demand project, a version on the others."""
    if project.on_demand is None and (pinned.term is not None or pinned.shipped):
        key = "term" if pinned.term is not None else "shipped"
        return [
            Problem(
                "schema",
                Severity.ERROR,
                f"`{key}` is for on-demand projects; `{project.id}` pins releases by `version`",
                path=(*path, key),
            )
        ]
    if project.on_demand is not None and pinned.term is None:
        return [
            Problem(
                "schema",
                Severity.ERROR,
                f"`{project.id}` is on demand: pin its terms with `term: YYYY-MM` and record "
                "what shipped in `shipped:`",
                path=(*path, "version"),
            )
        ]
    return _shipped_in_term(project, pinned, path)


def _shipped_in_term(project: ProjectEntry, pinned: PinnedRelease, path: Path) -> list[Problem]:
    """Each release in `shipped:` is dated within its term (SPEC 6)."""
    from relrot.references import Terms

    demand = project.on_demand
    name = pinned.term or ""
    term = Terms(demand.first_term, demand.every_months).named(name) if demand else None
    if term is None:
        return []  # not a term: the plan reports the pin out of order
    return [
        Problem(
            "schema",
            Severity.ERROR,
            f"{shipped.version} shipped on {shipped.date}, outside term {term.name} "
            f"({term.first}..{term.last}); record it under the term that holds its date",
            release=term.name,
            path=(*path, "shipped", k, "date"),
        )
        for k, shipped in enumerate(pinned.shipped)
        if not term.first <= shipped.date <= term.last
    ]


def _shipped_twice(project: ProjectEntry, path: Path) -> list[Problem]:
    """A version shipped once: a second entry of it in the project's `shipped:` lists is a
    `schema` error at its version, naming where and when the first says it shipped."""
    first: dict[str, tuple[str, dt.date]] = {}
    problems = []
    for j, pinned in enumerate(project.releases):
        for k, shipped in enumerate(pinned.shipped):
            seen = first.get(shipped.version)
            if seen is None:
                first[shipped.version] = (pinned.version, shipped.date)
                continue
            problems.append(
                Problem(
                    "schema",
                    Severity.ERROR,
                    f"{shipped.version} is recorded already, as shipped on {seen[1]} in term "
                    f"{seen[0]}; a version ships once: keep the entry with the right date and "
                    "remove the other",
                    release=pinned.version,
                    path=(*path, "releases", j, "shipped", k, "version"),
                )
            )
    return problems


def shipped_on_friday(project: Part) -> list[Problem]:
    """`friday-release` for a release an on-demand project shipped on a Friday (SPEC 6)."""
    return [
        Problem(
            "friday-release",
            Severity.ERROR,
            f"{shipped.version} shipped on {shipped.date:%a} {shipped.date}, a Friday; releases "
            "never go out on a Friday: correct the date if it is wrong",
            release=pinned.version,
            path=("releases", j, "shipped", k, "date"),
        )
        for j, pinned in enumerate(project.model.releases)
        for k, shipped in enumerate(pinned.shipped)
        if shipped.date.weekday() == 4
    ]


class Part(Project):
    """One project of a file with `projects:`: its view, planned within the portfolio."""

    several = True

    def __init__(self, file: Project, view: View, portfolio: Portfolio) -> None:
        super().__init__(view.model, file.loaded)
        self.view, self._portfolio, self.id = view, portfolio, view.id
        if view.crew_from is not None:
            self.exempt = CREW_FROM_EXEMPT

    @property
    def calendar(self) -> Calendar:
        if self._calendar is None and self.view.on_demand:
            from relrot.calendar import TermCalendar

            self._calendar = TermCalendar(self.model.calendar_schedule)
        return super().calendar

    def shipped_in(self, version: str, today: dt.date) -> tuple[int, dt.date | None] | None:
        """The number of the term an on-demand project's VERSION is answered with (SPEC 5.6,
        6), and the day it shipped: the term whose `shipped:` records it, else (not shipped
        yet, no day) the term holding today; None when this project is not on demand or
        VERSION names a term, or is a date or a term's number (references of its own), or
        is no version text (`model.is_version_text`, as `shipped:` holds)."""
        from relrot.model import is_version_text
        from relrot.references import Terms

        demand = self.view.entry.on_demand if self.view.entry else None
        if demand is None or not is_version_text(version):
            return None
        if Terms(demand.first_term, demand.every_months).named(version):
            return None
        if re.fullmatch(r"[0-9]+|[0-9]{4}-[0-9]{2}-[0-9]{2}", version.strip()):
            return None
        for number, pinned in enumerate(self.model.releases, start=1):
            for shipped in pinned.shipped:
                if shipped.version == version:
                    return number, shipped.date
        return self.first_from(today), None

    def version_row(self, version: str, today: dt.date) -> Release | None:
        """An on-demand project's VERSION as a row of its plan, as `who`, `issue` and `sync`
        answer it (SPEC 5.6, 6): its term's crew, dated the day it shipped, else (not shipped
        yet) today, the day `sync --release` dates its issue (before the first term: the day
        it opens); None as for `shipped_in`."""
        term = self.shipped_in(version, today)
        if term is None:
            return None
        release = self.rows(term[0], 1)[0]
        # Before the first term, the day it opens: a version is never dated outside a term.
        day = term[1] or max(today, release.date)
        return replace(release, version=version, date=day, nominal_date=day, planned_date=day)

    def context(self) -> Context:
        from relrot.plan import Context

        portfolio, view = self.portfolio, self.view
        portfolio.check_shape()
        crews = (lambda shipped: portfolio.crews(self, shipped)) if view.crew_from else None
        return Context(lambda day: portfolio.team(view.rank, day), crews, self.role_scope)

    @property
    def role_scope(self) -> ProjectRoles:
        from relrot.roles import ProjectRoles

        kept = set(self.view.roles)
        lacking = {
            role.id: role.projects is not None
            for i, role in enumerate(self.portfolio.file.model.roles)
            if i not in kept
        }
        return ProjectRoles(self.view.id or "", lacking)

    def check(self, today: Day, horizon: int = DEFAULT_HORIZON) -> Report:
        """`Project.check`; a `crew_from` project's releases with no release of the other
        project to take a crew from are one problem at `crew_from`, not empty seats."""
        report = super().check(today, horizon)
        if self.view.crew_from is None or report.plan is None:
            return report
        lacking = self.portfolio.uncrewed(self, report.plan)
        if not lacking:
            return report
        from relrot.rules import as_history

        versions = {r.version for r in lacking}
        kept = [p for p in report.problems if p.rule != "empty-seat" or p.release not in versions]
        problem = _no_crew_to_take(self.view.crew_from, lacking)
        found = as_history([problem], report.plan, as_day(today))
        return Report([*kept, *self.place_all(found)], report.plan)

    def place(self, problem: Problem) -> Problem:
        """Placed in the project's entry; a problem of this project (not of the shared
        roster or roles, unless about one of its releases) names it: its versions may be
        another project's too. One that names its project is placed already."""
        if problem.project is None:
            path = None if problem.path is None else self.view.file_path(problem.path)
            mine = path is None or path[:1] == ("projects",) or problem.release is not None
            if mine:
                problem = replace(
                    problem,
                    project=self.view.id,
                    message=f"{self.view.id}: {problem.message}",
                    in_history=problem.in_history and f"{self.view.id}: {problem.in_history}",
                )
            problem = replace(problem, path=path)
        return super().place(problem)


class Portfolio:
    """The projects of one file, each a `Project`, planned in order (SPEC 6)."""

    def __init__(self, file: Project) -> None:
        self.file = file
        self.views = views(file.model)
        self.parts = [Part(file, view, self) for view in self.views] if file.model.projects else []
        self.projects: list[Project] = [*self.parts] if self.parts else [file]
        self._checked = False

    def get(self, project_id: str) -> Part:
        """The project with this id; a usage error naming the ids when there is none."""
        found = next((p for p in self.parts if p.view.id == project_id), None)
        if found is None:
            ids = [p.view.id or "" for p in self.parts]
            guess = close_match(project_id, ids)
            hint = f"did you mean {guess}?" if guess else f"projects are {', '.join(ids)}"
            raise UsageError(f"no project {project_id!r} in the file; {hint}", file=self.file.path)
        return found

    def select(self, only: str | None) -> list[Project]:
        """Every project in planning order, or the one named `only` (`--project`)."""
        self.check_shape()
        if only is None:
            return list(self.projects)
        if not self.parts:
            raise UsageError(
                f"--project {only}: this file plans one project and has no `projects:`",
                file=self.file.path,
                names_file=False,
            )
        return [self.get(only)]

    def check_shape(self) -> None:
        """Raise the portfolio's `schema` problems, placed, before anything is planned."""
        if self._checked:
            return
        problems = check_projects(self.file.model)
        if problems:
            raise RelrotError(self.file.place_all(problems))
        self._checked = True

    def check(
        self, given_today: dt.date | None, horizon: int, only: str | None = None
    ) -> list[Problem]:
        """Every problem of every project (or of the one named `only`), each as of its own
        today, and `double-duty` with the projects before it (SPEC 6); a problem of the
        shared roster is said once."""
        return self.check_each(lambda project: project.today(given_today), horizon, only)

    def check_each(
        self, today: Callable[[Project], dt.date], horizon: int, only: str | None = None
    ) -> list[Problem]:
        """`check`, with each project's today asked of `today` (as the Action asks it)."""
        try:
            self.check_shape()
        except RelrotError as exc:
            return exc.problems
        from relrot.rules import as_history

        problems: list[Problem] = []
        for project in self.parts if only is None else [self.get(only)]:
            day = today(project)
            report = project.check(day, horizon)
            problems += report.problems
            if report.plan is not None:
                found = double_duty(self, [(project, report.plan)])
                found += project.place_all(shipped_on_friday(project))
                problems += as_history(found, report.plan, day)
        return list(dict.fromkeys(problems))

    def _earlier(self, rank: int) -> list[Part]:
        return [p for p in self.parts if p.view.rank < rank]

    def covering(self, project: Project, day: dt.date) -> Plan:
        """A plan of `project` holding every release whose duty window starts by `day`; a
        calendar that cannot be worked out is reported in `project`, where it is wrong."""
        return project.plan(
            project.placed(lambda: _through(project, lambda r: r.duty_window[0] <= day))
        )

    def team(self, rank: int, day: dt.date) -> Team:
        """What the projects planned before the one at `rank` say, complete through `day`."""
        busy: dict[str, list[DateRange]] = {}
        seated: dict[str, dt.date] = {}
        starts: list[StintStart] = []
        for earlier in self._earlier(rank):
            plan = self.covering(earlier, day)
            rotate = {r.id for r in earlier.model.roles if r.fill == "rotate"}
            for release, seats, roles in self._before_swaps(earlier, plan):
                first, last = release.duty_window
                held = [seats.pilot, seats.co_pilot]
                held += [m for k, m in roles.items() if k in rotate]
                for holder in {m for m in held if m}:
                    busy.setdefault(holder, []).append(
                        DateRange.model_construct(start=first, end=last)
                    )
                for seat in (seats.pilot, seats.co_pilot):
                    # The first seat in any earlier project, whichever project it is in.
                    if seat is not None and release.date < seated.get(seat, dt.date.max):
                        seated[seat] = release.date
            starts += _starts(earlier, plan, day)
        starts.sort(key=lambda s: (s.date, s.rank, s.index, s.member))
        spans = {member: AwaySpans(ranges) for member, ranges in busy.items()}
        return Team(rank, spans, tuple(starts), seated)

    def busy_during(
        self, project: Project, first: dt.date, last: dt.date
    ) -> dict[str, tuple[Part, Release, str]]:
        """Who holds a pilot, co-pilot or rotate-role seat, after swaps, in a release of
        another project whose duty window overlaps first..last, neither project released
        with the other: `double-duty` if they took a seat of `project` then, whichever of
        the two is planned first (SPEC 6). Each member's first such seat, in planning order;
        nobody in a file of one project."""
        found: dict[str, tuple[Part, Release, str]] = {}
        mine = next((p.view for p in self.parts if p.view.id == project.id), None)
        if mine is None:
            return found
        for other in self.parts:
            if other.view is mine or _related(mine, other.view):
                continue
            for release in self.covering(other, last).releases:
                start, end = release.duty_window
                if release.skipped or end < first or last < start:
                    continue
                for seat, member in _seats(other, release):
                    found.setdefault(member, (other, release, seat))
        return found

    def _before_swaps(
        self, project: Part, plan: Plan
    ) -> list[tuple[Release, Seats, dict[str, str | None]]]:
        """Each shipped release of `project` with its seats before swaps (SPEC 6). A
        `crew_from` project's own plan holds the other's crews after the other's swaps; here
        its releases its pins do not seat take the other's crews before them, so a swap in
        the other project never makes anyone busy, or free, in a project planned later."""
        releases = [r for r in plan.releases if not r.skipped]
        found = [(r, Seats(r.planned_pilot, r.planned_co_pilot), r.planned_roles) for r in releases]
        if project.view.crew_from is None:
            return found
        dates = [d for r in releases if (d := project.calendar.release(r.number)) is not None]
        given = self.crews(project, dates, before_swaps=True)
        return [
            (r, *given[i]) if not r.pinned and i < len(given) else (r, seats, roles)
            for i, (r, seats, roles) in enumerate(found)
        ]

    def uncrewed(self, project: Part, plan: Plan) -> list[Release]:
        """The releases of a `crew_from` project, not pinned, with no release of the other
        project to take a crew from (SPEC 6)."""
        other = self.get(project.view.crew_from or "")
        releases = [r for r in plan.releases if not r.skipped and not r.pinned]
        if not releases:
            return []
        last = releases[-1]
        mine = [d for r in releases if (d := project.calendar.release(r.number)) is not None]
        month_end = _month_end(last.nominal_date)

        def reaches(release: ReleaseDate) -> bool:
            return release.nominal <= month_end or release.date < last.date

        theirs = other.plan(other.placed(lambda: _through(other, reaches))).releases
        shipped = [r for r in theirs if not r.skipped]
        return [r for r, own in zip(releases, mine, strict=False) if _source(shipped, own) is None]

    def crews(
        self, project: Part, shipped: Sequence[ReleaseDate], *, before_swaps: bool = False
    ) -> list[Crew]:
        """The crew each of `shipped` takes from the project it names in `crew_from`: the
        other's last shipped release with a nominal date in the same month, else its latest
        shipped release dated before (SPEC 6); after the other's swaps, or `before_swaps`."""
        other = self.get(project.view.crew_from or "")
        if not shipped:
            return []
        # Far enough to see every release of the other project that one of these could take.
        month_end, last_day = _month_end(shipped[-1].nominal), shipped[-1].date

        def reaches(release: ReleaseDate) -> bool:
            return release.nominal <= month_end or release.date < last_day

        plan = other.plan(other.placed(lambda: _through(other, reaches)))
        releases = [r for r in plan.releases if not r.skipped]
        crews: list[Crew] = []
        for own in shipped:
            source = _source(releases, own)
            if source is None:
                crews.append((Seats(), {}))
            elif before_swaps:
                seats = Seats(source.planned_pilot, source.planned_co_pilot)
                crews.append((seats, dict(source.planned_roles)))
            else:
                crews.append((Seats(source.pilot, source.co_pilot), dict(source.roles)))
        return crews


def _source(releases: Sequence[Release], own: ReleaseDate) -> Release | None:
    """The release of the other project whose crew `own` takes (SPEC 6): its last one with a
    nominal date in the same month, else its latest one dated before; None: it has neither."""
    month = [r for r in releases if _month(r.nominal_date) == _month(own.nominal)]
    before = [r for r in releases if r.date < own.date]
    return month[-1] if month else (before[-1] if before else None)


def _no_crew_to_take(other: str, lacking: Sequence[Release]) -> Problem:
    """One problem for the releases of a `crew_from` project that have no crew to take."""
    first, last = lacking[0], lacking[-1]
    more = f" (and {len(lacking) - 1} more, to {last.version})" if len(lacking) > 1 else ""
    return Problem(
        "empty-seat",
        Severity.ERROR,
        f"`{other}` has no release in the month of {first.version} ({first.date}) or before "
        f"it, so {first.version}{more} has no crew to take; move `first_release` to the month "
        f"of `{other}`'s first release or later, or pin the crew in `releases:`",
        release=last.version,  # history only once the last of them is
        path=("project", "crew_from"),
    )


def _through(project: Project, wanted: Callable[[ReleaseDate], bool]) -> int:
    """How far to plan `project`: its first release not `wanted`, and its pinned ones."""
    number = 1
    while (release := project.calendar.release(number)) is not None and wanted(release):
        number += 1
    return max(number, len(project.model.releases))


def _starts(project: Part, plan: Plan, day: dt.date) -> list[StintStart]:
    """The stint starts of an earlier project dated by `day`: its planned stints, and for
    members seated in its pins, the start SPEC 3.5 gives them (last pinned seat - L + 1)."""
    shipped = [r.date for r in plan.releases if not r.skipped]
    if not shipped:
        return []
    rank = project.view.rank

    def date_of(index: int) -> dt.date:
        if index >= 0:
            return shipped[index] if index < len(shipped) else dt.date.max
        return shipped[0] + dt.timedelta(days=index)

    found = [
        StintStart(date_of(s.start), rank, s.start, s.member)
        for s in plan.stints
        if s.member is not None
    ]
    length = len(project.model.rotation.stint)
    last_seat: dict[str, int] = {}
    for release in plan.releases[: plan.last_pinned]:
        if release.index is not None:
            for member in (release.planned_pilot, release.planned_co_pilot):
                if member:
                    last_seat[member] = release.index
    found += [
        StintStart(date_of(index - length + 1), rank, index - length + 1, member)
        for member, index in last_seat.items()
    ]
    return [s for s in found if s.date <= day]


def _month(day: dt.date) -> tuple[int, int]:
    return day.year, day.month


def _month_end(day: dt.date) -> dt.date:
    following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


# A seat of a release as `double-duty` reads it: its name, for messages and `seat`, and holder.
_Held = tuple[str, str]


def _seats(project: Project, release: Release) -> list[_Held]:
    """Who holds the pilot, co-pilot and rotate-role seats of `release`, after pins and swaps;
    jump seats and request roles never count (SPEC 6)."""
    rotate = [r.id for r in project.model.roles if r.fill == "rotate"]
    held = [("pilot", release.pilot), ("co_pilot", release.co_pilot)]
    held += [(role, release.roles.get(role)) for role in rotate]
    return [(seat, member) for seat, member in held if member is not None]


def _related(one: View, other: View) -> bool:
    """Released together (SPEC 6): one takes its crews from the other, or both from one."""
    return (
        one.crew_from == other.id
        or other.crew_from == one.id
        or (one.crew_from is not None and one.crew_from == other.crew_from)
    )


def _seat_path(release: Release, seat: str) -> Path:
    """Where the holder of a seat of `release` is written: its last swap, its pin, or (a
    planned seat) the project itself."""
    swapped = [a.index for a in release.swaps if a.swap.seat == seat]
    if swapped:
        return ("swaps", swapped[-1])
    if release.pinned:
        head: Path = ("releases", release.number - 1)
        return (*head, seat) if seat in ("pilot", "co_pilot") else (*head, "roles", seat)
    return ("project",)


def double_duty(portfolio: Portfolio, checked: Sequence[tuple[Part, Plan]]) -> list[Problem]:
    """`double-duty` (SPEC 4, 6): a member holding seats of two projects' releases whose duty
    windows overlap, neither released with the other; reported at the later project's seat."""
    problems = []
    for project, plan in checked:
        shipped = [r for r in plan.releases if not r.skipped]
        if not shipped:
            continue
        last_day = max(r.duty_window[1] for r in shipped)
        earlier = [
            _held(other, portfolio.covering(other, last_day))
            for other in portfolio._earlier(project.view.rank)
            if not _related(project.view, other.view)
        ]
        for release in shipped:
            first, last = release.duty_window
            for seat, member in _seats(project, release):
                clash = _clash(earlier, member, first, last)
                if clash is not None:
                    problems.append(
                        project.place(_double_duty(project, release, seat, member, clash))
                    )
    return problems


# Where each member sits in one earlier project: (first day, last day, release, seat), in
# release order, and the project.
_Seated = tuple["Part", dict[str, list[tuple[dt.date, dt.date, "Release", str]]]]


def _held(project: Part, plan: Plan) -> _Seated:
    seated: dict[str, list[tuple[dt.date, dt.date, Release, str]]] = {}
    for release in plan.releases:
        if not release.skipped:
            for seat, member in _seats(project, release):
                seated.setdefault(member, []).append((*release.duty_window, release, seat))
    return project, seated


def _clash(
    earlier: Sequence[_Seated], member: str, first: dt.date, last: dt.date
) -> tuple[Part, Release, str] | None:
    """The first seat `member` holds in an earlier project's release overlapping first..last."""
    for other, seated in earlier:
        for start, end, release, seat in seated.get(member, ()):
            if start <= last and first <= end:
                return other, release, seat
    return None


def _double_duty(
    project: Part, release: Release, seat: str, member: str, clash: tuple[Part, Release, str]
) -> Problem:
    from relrot.problems import seat_named

    other, theirs, their_seat = clash
    first, last = release.duty_window
    start, end = theirs.duty_window
    what = (
        f"{member} holds the {_label(seat)} seat of {project.view.id} {release.version} "
        f"({first}..{last}) and the {_label(their_seat)} seat of {other.view.id} "
        f"{theirs.version} ({start}..{end}): the duty windows overlap"
    )
    return Problem(
        "double-duty",
        Severity.WARNING,
        f"{what}; give one of the seats to someone else (`relrot swap`), or correct the pin",
        in_history=f"{what}; if that is not who served, correct the pin",
        release=release.version,
        member=member,
        # Placed in the file already, and naming its project: its message names both.
        path=project.view.file_path(_seat_path(release, seat)),
        seat=seat_named(seat),
        project=project.view.id,
    )


def _label(seat: str) -> str:
    return {"pilot": "pilot", "co_pilot": "co-pilot"}.get(seat, f"`{seat}`")
