"""`sync`: the operations that keep the release tracking issues in step with the plan
(SPEC 5.6). Pure: the project, today, the issues as gh lists them and the team's template
(already read) in; operations out, each with the facts that say why. Carrying them out is
`relrot.github.issues`; wording them is `relrot.render.sync`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING, Literal

from msgspec import Struct, field
from msgspec.structs import replace

from relrot.days import Day, as_day
from relrot.issue_body import CellChange, CellWriter, Mismatch, update
from relrot.issue_marker import project_of, read
from relrot.problems import UsageError
from relrot.references import next_from

if TYPE_CHECKING:
    from relrot.importing import Issue
    from relrot.model import RotationFile
    from relrot.plan import Release
    from relrot.project import Project

# Releases looked at from the first one still on duty: an issue is due at most a few
# releases ahead, and an issue opened early for a later release is left alone until then.
LOOKAHEAD = 12
# GitHub refuses an issue title longer than this.
MAX_TITLE = 256


class Due(Struct, frozen=True):
    """The day a release's issue is due, and the milestone that names it (if one does)."""

    day: dt.date
    milestone: str | None


class Operation(Struct, frozen=True):
    """One thing to do to the tracking issues, as SPEC 5.6's JSON names its fields; the
    typed facts below say why, for the renderer to word as `reason`."""

    op: Literal["create", "edit", "mismatch"]
    release: str
    number: int | None
    title: str
    body: str | None  # None: the body stays as it is
    assignees_add: tuple[str, ...] = ()
    assignees_remove: tuple[str, ...] = ()
    url: str | None = None
    due: Due | None = None  # create
    cells: tuple[CellChange, ...] = ()  # edit
    added: tuple[str, ...] = ()
    moved: tuple[dt.date, dt.date] | None = None
    milestones: tuple[tuple[str, dt.date, dt.date], ...] = ()  # name, day before, day now
    marker_changed: bool = False
    mismatches: tuple[Mismatch, ...] = field(default=())
    # In a file with `projects:` (SPEC 6): the project's id, and the repository gh acts on.
    project: str | None = None
    repository: str | None = None


def due(release: Release, rotation: RotationFile) -> Due:
    """When the release's issue is due (`project.issue_opens`, SPEC 1)."""
    from relrot.render.issue import DEFAULT_OPENS, opening_milestone

    opens = rotation.project.issue_opens
    name = opening_milestone(rotation)
    if name is not None:
        day = next(m.date for m in release.milestones if m.name == name)
        return Due(day, name)
    days = opens if isinstance(opens, int) else DEFAULT_OPENS
    return Due(release.date + dt.timedelta(days=days), None)


def sync_assignees(release: Release, rotation: RotationFile) -> tuple[str, ...]:
    """The pilot, co-pilot and rotate-role holders with a `github` handle, once each."""
    logins = {m.id: m.github for m in rotation.members if m.github}
    rotating = [release.roles.get(r.id) for r in rotation.roles if r.fill == "rotate"]
    crew = [release.pilot, release.co_pilot, *rotating]
    return tuple(dict.fromkeys(logins[m] for m in crew if m and m in logins))


def title_of(release: Release, rotation: RotationFile) -> str:
    """`project.issue_title` filled, cut to the length GitHub takes."""
    from relrot.render.issue import title

    text = title(release, rotation)
    return text if len(text) <= MAX_TITLE else text[: MAX_TITLE - 1] + "…"


def sync(
    project: Project,
    issues: list[Issue],
    *,
    today: Day,
    template: tuple[str, str] | None = None,
    release: str | None = None,
) -> list[Operation]:
    """The operations due over `issues` (read with `relrot.importing.issues_from_text`),
    with the team's template as read (its text and path); `release`: the version of an
    on-demand project whose issue is asked for today (`--release`). A function of the
    project rather than a method: `Project` stays a small façade of the file's own
    questions. In a file with `projects:`, each operation names its project."""
    day = as_day(today)
    if project.several:
        issues = _routed(project, issues)
    if _on_demand(project):
        # Not placed as a whole: its own usage errors name the project already.
        done = on_demand(project, issues, day, template, release)
    elif release is not None:
        raise UsageError(
            f"--release {release}: the issues of {project.id or 'this project'} are due by its "
            "calendar; --release asks for an on-demand project's issue",
            names_file=False,
        )
    else:
        done = project.placed(lambda: operations(project, issues, day, template))
    if not project.several:
        return done
    where = project.model.project.repository
    return [replace(op, project=project.id, repository=where) for op in done]


def operations(
    project: Project, issues: list[Issue], today: dt.date, template: tuple[str, str] | None
) -> list[Operation]:
    """The operations due today over `issues` (SPEC 5.6), release by release; none once the
    calendar has ended."""
    start = project.placed(functools.partial(next_from, project.calendar, today))
    if start is None:
        return []
    rotation = project.model
    found = _by_release(issues, project)
    out: list[Operation] = []
    for release in project.rows(start, LOOKAHEAD):
        if release.skipped or release.duty_window[1] < today:
            continue
        issue = _chosen(found, release, project)
        if issue is None:
            when = project.placed(functools.partial(due, release, rotation))
            if when.day <= today:
                out.append(_create(release, rotation, template, when))
        else:
            out += _kept(issue, release, rotation, template)
    return out


def _kept(
    issue: Issue, release: Release, rotation: RotationFile, template: tuple[str, str] | None
) -> list[Operation]:
    """The edit or mismatch of a release's issue: none for a closed one or one in step."""
    if (issue.state or "OPEN").upper() != "OPEN":
        return []
    edit = _edit(issue, release, rotation, template[0] if template else None)
    return [] if edit is None else [edit]


def _on_demand(project: Project) -> bool:
    from relrot.portfolio import Part

    return isinstance(project, Part) and project.view.on_demand


def on_demand(
    project: Project,
    issues: list[Issue],
    today: dt.date,
    template: tuple[str, str] | None,
    asked: str | None,
) -> list[Operation]:
    """An on-demand project (SPEC 6): no issue is due by a calendar. The version `asked`
    (`--release`) is due today, created when it has no issue; each open issue relrot wrote
    for one of its versions is kept in step with that version's term."""
    if asked is not None:
        _check_version(project, asked)
    found = _trusted(_by_release(issues, project), project, today, asked)
    versions = [v for v, held in found.by_marker.items() if any(_open(i) for i in held)]
    if asked is not None and asked not in versions:
        versions.append(asked)
    out: list[Operation] = []
    for version in versions:
        recorded = _recorded_day(found.by_marker.get(version, []))
        release = _version_release(project, version, today, recorded, asked=version == asked)
        if release is None:
            continue
        issue = _chosen(found, release, project)
        if issue is None:
            create = functools.partial(_create, release, project.model, template, Due(today, None))
            out.append(project.placed(create))
        else:
            out += project.placed(functools.partial(_kept, issue, release, project.model, template))
    return out


def _trusted(found: _Found, project: Project, today: dt.date, asked: str | None) -> _Found:
    """`found` with only the marked issues sync may keep in step: anyone can open an issue
    whose body starts with a marker. Those of a version `shipped:` records or `--release`
    asks for, and otherwise only an issue titled exactly as sync titles that version's
    issue (as it created it); the others are left alone."""
    from relrot.model import is_version_text

    shipped = {s.version for pinned in project.model.releases for s in pinned.shipped}
    kept = _Found(by_title=found.by_title)
    for version, marked in found.by_marker.items():
        held = marked
        if version not in shipped and version != asked:
            held = [i for i in held if is_version_text(version) and _titled(i, project, today)]
        if held:
            kept.by_marker[version] = held
    return kept


def _titled(issue: Issue, project: Project, today: dt.date) -> bool:
    """Whether the issue's title is exactly the one sync gives its marker's version."""
    marker = read(issue.body)
    if marker is None:
        return False
    version, recorded = marker[0].version, marker[0].date
    release = project.placed(
        functools.partial(_version_release, project, version, today, recorded, asked=False)
    )
    return release is not None and issue.title == title_of(release, project.model)


def _check_version(project: Project, asked: str) -> None:
    """A usage error unless `asked` is a version a release of the project can have: not
    empty, of the characters `shipped:` takes, and not the name of one of its terms."""
    from relrot.model import is_version_text
    from relrot.portfolio import Part
    from relrot.references import Terms

    if not is_version_text(asked):
        raise UsageError(
            f"--release {asked!r}: VERSION is the version being released, such as 1.2.0: "
            "letters, digits and . _ + ~ - only",
            names_file=False,
        )
    demand = (
        project.view.entry.on_demand if isinstance(project, Part) and project.view.entry else None
    )
    if demand is not None and Terms(demand.first_term, demand.every_months).named(asked):
        raise UsageError(
            f"--release {asked}: {asked} names a term of {project.id}, not a version; "
            "VERSION is the version being released, such as 1.2.0",
            names_file=False,
        )


def _open(issue: Issue) -> bool:
    return (issue.state or "OPEN").upper() == "OPEN"


def _recorded_day(issues: list[Issue]) -> dt.date | None:
    """The release day relrot's marker recorded on the first of these issues that has one."""
    for issue in issues:
        marker = read(issue.body)
        if marker is not None and marker[0].date is not None:
            return marker[0].date
    return None


def _version_release(
    project: Project, version: str, today: dt.date, recorded: dt.date | None, *, asked: bool
) -> Release | None:
    """An on-demand project's release `version` as a row of its plan: the crew of the term
    whose `shipped:` lists it, dated as shipped; else of the term containing today, dated
    the day its issue was first due (as its marker recorded it, else today). None for a
    term that has ended, which sync leaves alone (an error when `--release` asked for it)."""
    shipped = [
        (number, entry.date)
        for number, pinned in enumerate(project.model.releases, start=1)
        for entry in pinned.shipped
        if entry.version == version
    ]
    if shipped:
        number, day = shipped[-1]
    else:
        number, day = project.first_from(today), recorded or today
    term = project.rows(number, 1)[0]
    if term.duty_window[0] > today and not shipped:
        raise UsageError(
            f"--release {version}: {today} is before the first term of {project.id} "
            f"({term.version}); sync asks for an issue from then on",
            names_file=False,
        )
    if term.duty_window[1] < today:
        if asked:
            raise UsageError(
                f"--release {version}: {version} shipped in term {term.version} of "
                f"{project.id}, which has ended; sync leaves the issues of past terms alone",
                names_file=False,
            )
        return None
    return replace(term, version=version, date=day, nominal_date=day, planned_date=day)


def _routed(project: Project, issues: list[Issue]) -> list[Issue]:
    """The issues of one project of several: those of its `repository` (by the issue's
    address); with no repository, those of none of the projects' repositories; an issue
    with no address is every project's (its marker or title tells)."""
    own = (project.model.project.repository or "").lower()
    known = {(p.model.project.repository or "").lower() for p in project.portfolio.projects} - {""}
    kept = []
    for issue in issues:
        where = _repository(issue.url)
        if where is None or where == own or (not own and where not in known):
            kept.append(issue)
    return kept


_ISSUE_URL = re.compile(r"https?://[^/]+/([^/]+/[^/]+)/(?:issues|pull)/\d+")


def _repository(url: str | None) -> str | None:
    """`owner/name` from an issue's address, lowercased; None without one."""
    found = _ISSUE_URL.match(url or "")
    return found.group(1).lower() if found else None


def _shared(project: Project) -> bool:
    """Whether another project of the file keeps its issues in this one's repository."""
    own = (project.model.project.repository or "").lower()
    return bool(own) and any(
        (p.model.project.repository or "").lower() == own
        for p in project.portfolio.projects
        if p is not project
    )


class _Found(Struct):
    by_marker: dict[str, list[Issue]] = field(default_factory=dict)
    by_title: list[Issue] = field(default_factory=list)


def _by_release(issues: list[Issue], project: Project) -> _Found:
    """Issues carrying relrot's marker by the version it names; the others, to be matched
    by title. In a file with `projects:`, an issue whose marker names another project is
    that project's, and matched by nothing here."""
    found = _Found()
    own = project_of(project.model)
    for issue in issues:
        marker = read(issue.body)
        if marker is None:
            found.by_title.append(issue)
        elif not project.several or marker[0].project == own:
            found.by_marker.setdefault(marker[0].version, []).append(issue)
    return found


def _chosen(found: _Found, release: Release, project: Project) -> Issue | None:
    """The release's issue: by marker, else by title as `import` reads titles (a patch
    release's issue is not its regular release's; where two projects share a repository,
    only the project's own title); open before closed, then the oldest."""
    from relrot.importing import title_versions

    candidates = found.by_marker.get(release.version, [])
    if not candidates:
        own = title_of(release, project.model)
        exact = _shared(project) if project.several else False
        candidates = [
            issue
            for issue in found.by_title
            if issue.title.strip() == own
            or (not exact and release.version in title_versions(issue.title))
        ]

    def rank(issue: Issue) -> tuple[bool, int]:
        closed = (issue.state or "OPEN").upper() != "OPEN"
        return closed, issue.number if issue.number is not None else 0

    return min(candidates, key=rank, default=None)


def _create(
    release: Release, rotation: RotationFile, template: tuple[str, str] | None, when: Due
) -> Operation:
    """The issue as `relrot issue` writes it, worded as the plan (nothing about today), its
    crew table given any role row the template lacks, so the next sync finds it in step."""
    from relrot.render.issue import body, marker

    text = body(release, rotation, None, template)
    writer = CellWriter(rotation, templated=template is not None)
    layout = template[0] if template else None
    updated = update(text, release, rotation, marker(release, rotation), writer, layout)
    return Operation(
        "create",
        release.version,
        None,
        title_of(release, rotation),
        text if updated.mismatches else updated.body,
        assignees_add=sync_assignees(release, rotation),
        due=when,
    )


def _edit(
    issue: Issue, release: Release, rotation: RotationFile, template: str | None
) -> Operation | None:
    """The edit an open issue needs, its mismatch, or None when it is in step; `template`:
    the team's template text, None for relrot's layout."""
    from relrot.render.issue import marker

    wanted = marker(release, rotation)
    writer = CellWriter(rotation, templated=template is not None)
    updated = update(issue.body, release, rotation, wanted, writer, template)
    if updated.mismatches:
        return Operation(
            "mismatch",
            release.version,
            issue.number,
            issue.title,
            None,
            url=issue.url,
            mismatches=updated.mismatches,
        )
    add, remove = _assignees(issue, release, rotation)
    changed = updated.body != issue.body
    if not (changed or add or remove):
        return None
    return Operation(
        "edit",
        release.version,
        issue.number,
        issue.title,
        updated.body if changed else None,
        add,
        remove,
        url=issue.url,
        cells=updated.cells,
        added=updated.added,
        moved=updated.moved,
        milestones=updated.milestones,
        marker_changed=updated.marker_changed,
    )


def _assignees(
    issue: Issue, release: Release, rotation: RotationFile
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Logins to assign, and to unassign: only members the marker recorded in a seat of
    this release who hold none now (someone the team assigned by hand stays)."""
    wanted = sync_assignees(release, rotation)
    current = {login.lower() for login in issue.assignees}
    add = tuple(login for login in wanted if login.lower() not in current)
    found = read(issue.body)
    recorded = {m for m in (found[0].seats.values() if found else ()) if m}
    holding = {release.pilot, release.co_pilot, release.jump_seat, *release.roles.values()}
    gone = {
        m.github.lower()
        for m in rotation.members
        if m.github and m.id in recorded and m.id not in holding
    }
    remove = tuple(login for login in issue.assignees if login.lower() in gone)
    return add, remove
