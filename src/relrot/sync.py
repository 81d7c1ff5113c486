"""`sync`: the operations that keep the release tracking issues in step with the plan
(SPEC 5.6). Pure: the project, today, the issues as gh lists them and the team's template
(already read) in; operations out, each with the facts that say why. Carrying them out is
`relrot.github.issues`; wording them is `relrot.render.sync`.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from relrot.days import Day, as_day
from relrot.issue_body import CellChange, CellWriter, Mismatch, update
from relrot.issue_marker import read
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


@dataclass(frozen=True)
class Due:
    """The day a release's issue is due, and the milestone that names it (if one does)."""

    day: dt.date
    milestone: str | None


@dataclass(frozen=True)
class Operation:
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
    marker_changed: bool = False
    mismatches: tuple[Mismatch, ...] = field(default=())


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
) -> list[Operation]:
    """The operations due over `issues` (read with `relrot.importing.issues_from_text`),
    with the team's template as read (its text and path). A function of the project
    rather than a method: `Project` stays a small façade of the file's own questions."""
    day = as_day(today)
    return project.placed(lambda: operations(project, issues, day, template))


def operations(
    project: Project, issues: list[Issue], today: dt.date, template: tuple[str, str] | None
) -> list[Operation]:
    """The operations due today over `issues` (SPEC 5.6), release by release; none once the
    calendar has ended."""
    start = project.placed(functools.partial(next_from, project.calendar, today))
    if start is None:
        return []
    rotation = project.model
    found = _by_release(issues)
    out: list[Operation] = []
    for release in project.rows(start, LOOKAHEAD):
        if release.skipped or release.duty_window[1] < today:
            continue
        issue = _chosen(found, release, rotation)
        if issue is None:
            when = project.placed(functools.partial(due, release, rotation))
            if when.day <= today:
                out.append(_create(release, rotation, template, when))
        elif (issue.state or "OPEN").upper() == "OPEN":
            edit = _edit(issue, release, rotation, template is not None)
            if edit is not None:
                out.append(edit)
    return out


@dataclass
class _Found:
    by_marker: dict[str, list[Issue]] = field(default_factory=dict)
    by_title: list[Issue] = field(default_factory=list)


def _by_release(issues: list[Issue]) -> _Found:
    """Issues carrying relrot's marker by the version it names; the others, to be matched
    by title."""
    found = _Found()
    for issue in issues:
        marker = read(issue.body)
        if marker is not None:
            found.by_marker.setdefault(marker[0].version, []).append(issue)
        else:
            found.by_title.append(issue)
    return found


def _chosen(found: _Found, release: Release, rotation: RotationFile) -> Issue | None:
    """The release's issue: by marker, else by title as `import` reads titles (a patch
    release's issue is not its regular release's); open before closed, then the oldest."""
    from relrot.importing import title_versions

    candidates = found.by_marker.get(release.version, [])
    if not candidates:
        own = title_of(release, rotation)
        candidates = [
            issue
            for issue in found.by_title
            if issue.title.strip() == own or release.version in title_versions(issue.title)
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
    updated = update(text, release, rotation, marker(release, rotation), writer)
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
    issue: Issue, release: Release, rotation: RotationFile, templated: bool
) -> Operation | None:
    """The edit an open issue needs, its mismatch, or None when it is in step."""
    from relrot.render.issue import marker

    wanted = marker(release, rotation)
    writer = CellWriter(rotation, templated=templated)
    updated = update(issue.body, release, rotation, wanted, writer)
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
