"""The body of a release's tracking issue, modelled on how conda runs its releases."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from relrot.calendar import series
from relrot.issue_marker import Marker, project_of
from relrot.issue_marker import write as write_marker
from relrot.model import RotationFile
from relrot.plan import Release
from relrot.problems import Problem, RelrotError, Severity
from relrot.references import Question
from relrot.render.people import Names
from relrot.render.sinks import (
    markdown,
    markdown_comment,
    markdown_html,
    markdown_url,
    one_line,
)

if TYPE_CHECKING:
    from relrot.project import Project


DEFAULT_TITLE = "Release `{{series}}`"
# When the issue is due with neither `issue_opens` nor a milestone before release day.
DEFAULT_OPENS = -7


def for_release(project: Project, ref: str, today: dt.date) -> str:
    """The body of a release's tracking issue (SPEC 5.4): the team's template filled, if
    `project.issue_template` names one, else relrot's own layout."""
    return _issue(project, ref, today)[1]


def as_json(project: Project, ref: str, today: dt.date) -> str:
    """`{"title", "body", "assignees"}`: what a workflow needs to open the issue, so that
    nobody has to cut a title out of the body (SPEC 5.4)."""
    release, body = _issue(project, ref, today)
    record = {
        "title": project.placed(lambda: title(release, project.model)),
        "body": body,
        "assignees": assignees(release, project.model),
    }
    return json.dumps(record, indent=2) + "\n"


def _issue(project: Project, ref: str, today: dt.date) -> tuple[Release, str]:
    from relrot.issue_template import read_template
    from relrot.portfolio import Part

    # An on-demand project's version, answered with its term's crew (SPEC 6).
    release = project.version_row(ref, today) if isinstance(project, Part) else None
    if release is None:
        found = project.release(ref, Question.ON_DUTY, crewed=True, today=today)
        release = project.rows(found.number, 1)[0]
    template = read_template(project)
    return release, project.placed(lambda: body(release, project.model, today, template))


def body(
    release: Release,
    rotation: RotationFile,
    today: dt.date | None,
    template: tuple[str, str] | None,
) -> str:
    """The issue's body, opened by relrot's hidden marker (SPEC 5.4): the team's template
    (its text and path) filled, or relrot's own layout; `today` None words it as the plan."""
    opens = opening_milestone(rotation)
    if template is None:
        text = render(release, rotation, today, opens)
    else:
        text = fill_template(template[0], release, rotation, template[1], today)
    ending = "\r\n" if "\r\n" in text else "\n"
    return write_marker(marker(release, rotation)) + ending + text


def marker(release: Release, rotation: RotationFile) -> Marker:
    """The marker of the crew as the body shows it: pilot, co-pilot, jump seat, then each
    role the release has, in `roles:` order."""
    seats: dict[str, str | None] = {
        "pilot": release.pilot,
        "co_pilot": release.co_pilot,
        "jump_seat": release.jump_seat,
    }
    seats.update({r.id: release.roles[r.id] for r in rotation.roles if r.id in release.roles})
    return Marker(project_of(rotation), release.version, release.date, seats)


def crew_cell(member: str | None, seat: str, rotation: RotationFile, *, templated: bool) -> str:
    """A crew-table cell naming `member` as the body would: `Name (@login)` in relrot's
    layout, the `@login` (else the name) as a template's placeholder fills it; an empty
    pilot, co-pilot or rotate role reads `(empty)`, an empty jump seat or request role `-`."""
    names = Names(rotation)
    if member is None:
        role = rotation.role(seat)
        rotating = seat in ("pilot", "co_pilot") or (role is not None and role.fill == "rotate")
        return EMPTY_SEAT if rotating or templated else "-"
    if templated:
        return names.handle(member) or markdown(names.name(member))
    return names.name_and_handle(member, escape=markdown)


def crew_label(seat: str, rotation: RotationFile) -> str:
    """A role's crew-table label, as relrot's layout writes it."""
    role = rotation.role(seat)
    return markdown(one_line(role.display if role else seat))


def opening_milestone(rotation: RotationFile) -> str | None:
    """The milestone on whose day the issue is opened (`project.issue_opens`, SPEC 1), or
    None when it opens a number of days before release day that no milestone names."""
    opens = rotation.project.issue_opens
    milestones = rotation.calendar_schedule.milestones
    if opens is None:
        before = [m for m in milestones if m.days < 0]
        return min(before, key=lambda m: m.days).name if before else None
    if isinstance(opens, int):
        return None
    if any(m.name == opens for m in milestones):
        return opens
    known = ", ".join(m.name for m in milestones) or "none"
    raise RelrotError(
        [
            Problem(
                "issue-template",
                Severity.ERROR,
                f"`issue_opens` names {opens!r}, which is not a milestone (milestones: {known}); "
                "name one, or give days relative to release day such as -7",
                path=("project", "issue_opens"),
            )
        ]
    )


def status(release: Release, today: dt.date | None) -> str:
    """The issue's first sentence, as of `today`: planned, in progress, shipped, or past with
    no record of it (SPEC 5.4); with no `today`, the plan's own wording."""
    first, _ = release.duty_window
    day = f"{release.date:%A} {release.date}"
    if today is None or today < first:
        return f"Release {release.version} is planned for {day}."
    if today <= release.date:
        return f"Release {release.version} is in progress: release day is {day}."
    if release.pinned:
        return f"Release {release.version} shipped on {day}."
    return f"Release {release.version} was planned for {day} (not recorded)."


def title(release: Release, rotation: RotationFile) -> str:
    """`project.issue_title` filled: plain text on one line (GitHub shows a title's code
    spans, so a value never carries a backtick into one)."""
    template = rotation.project.issue_title or DEFAULT_TITLE
    values = _values(release, rotation, Names(rotation).name)
    problems = _unknown(template, values, None, ("project", "issue_title"))
    if problems:
        raise RelrotError(problems)
    return _PLACEHOLDER.sub(
        lambda found: one_line(values[found.group(1)]).replace("`", "'"), template
    )


def assignees(release: Release, rotation: RotationFile) -> list[str]:
    """The GitHub logins of the crew (pilot, co-pilot, rotate-role holders, extra crew),
    once each, in that order; request roles are help asked for, not crew (SPEC 5.6)."""
    logins = {m.id: m.github for m in rotation.members if m.github}
    rotating = [r.id for r in rotation.roles if r.fill == "rotate"]
    holders = [release.roles.get(role) for role in rotating]
    seated = [m for m in (release.pilot, release.co_pilot) if m]
    crew = [*seated, *(m for m in holders if m), *(extra.member for extra in release.also)]
    found = [logins[member] for member in crew if member in logins]
    return list(dict.fromkeys(found))


def render(
    release: Release, rotation: RotationFile, today: dt.date | None = None, opens: str | None = None
) -> str:
    """relrot's own issue body; `opens` names the milestone the issue is opened on, whose
    note is not a step of its checklist."""
    names = Names(rotation)

    def person(member: str | None) -> str:
        return names.name_and_handle(member, "(empty)", escape=markdown)

    labels, cells = _role_cells(release, rotation, names)
    lines = [
        status(release, today),
        "",
        "| Pilot | Co-pilot | Jump seat |" + "".join(f" {label} |" for label in labels),
        "|---|---|---|" + "---|" * len(labels),
        f"| {person(release.pilot)} | {person(release.co_pilot)} | "
        f"{names.name_and_handle(release.jump_seat, '-', escape=markdown)} |"
        + "".join(f" {cell} |" for cell in cells),
        "",
    ]
    steps = sorted(
        [*release.milestones, None],
        key=lambda m: (m.date if m else release.date, m is None),
    )
    lines += ["## Timeline", ""]
    for milestone in steps:
        if milestone is None:
            lines.append(f"- [ ] {release.date:%a} {release.date}: **release {release.version}**")
        elif milestone.name == opens:
            lines.append(
                f"- {milestone.date:%a} {milestone.date}: {markdown(milestone.name)} "
                "(this issue opens)"
            )
        else:
            note = f": {markdown(milestone.note)}" if milestone.note else ""
            lines.append(
                f"- [ ] {milestone.date:%a} {milestone.date}: {markdown(milestone.name)}{note}"
            )
    lines.append("")
    if release.pilot and release.co_pilot:
        lines.append(
            f"Questions or a problem with this release? Contact the pilot, "
            f"{person(release.pilot)}, or the co-pilot, {person(release.co_pilot)}."
        )
    elif release.pilot or release.co_pilot:
        role = "pilot" if release.pilot else "co-pilot"
        lines.append(
            f"Questions or a problem with this release? Contact the {role}, "
            f"{person(release.pilot or release.co_pilot)}."
        )
    else:
        lines.append("This release has no crew yet: run `relrot swap` or fix the roster.")
    return "\n".join(lines) + "\n"


def _role_cells(
    release: Release, rotation: RotationFile, names: Names
) -> tuple[list[str], list[str]]:
    """The crew table's label and cell of each role the release has (SPEC 3.7), in `roles:`
    order: an empty rotate role reads as an empty seat does, an empty request role as the
    jump seat does."""
    labels: list[str] = []
    cells: list[str] = []
    shown: set[str] = set()  # a repeated id is a `schema` error; its first entry is the role
    for role in rotation.roles:
        if role.id not in release.roles or role.id in shown:
            continue
        shown.add(role.id)
        empty = EMPTY_SEAT if role.fill == "rotate" else "-"
        labels.append(crew_label(role.id, rotation))
        cells.append(names.name_and_handle(release.roles[role.id], empty, escape=markdown))
    return labels, cells


# `{{version}}`, `{{ pilot }}`, `{{milestone.release-branch}}`: the team's own template.
_PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
EMPTY_SEAT = "(empty)"
PLACEHOLDERS = (
    "version",
    "series",
    "date",
    "weekday",
    "pilot",
    "co_pilot",
    "jump_seat",
    "role_ID",
    "project",
    "repository",
    "status",
    "milestone.NAME",
)


def _values(
    release: Release,
    rotation: RotationFile,
    seat: Callable[[str], str],
    today: dt.date | None = None,
) -> dict[str, str]:
    """Every placeholder's text, each seat as `seat` writes a member."""
    values = {
        "version": release.version,
        "series": series(release.version),
        "date": release.date.isoformat(),
        "weekday": f"{release.date:%A}",
        "pilot": seat(release.pilot) if release.pilot else EMPTY_SEAT,
        "co_pilot": seat(release.co_pilot) if release.co_pilot else EMPTY_SEAT,
        "jump_seat": seat(release.jump_seat) if release.jump_seat else EMPTY_SEAT,
        "project": rotation.project.name or "",
        "repository": rotation.project.repository or "",
    }
    for role in rotation.roles:
        holder = release.roles.get(role.id)
        values[f"role_{role.id}"] = seat(holder) if holder else EMPTY_SEAT
    values["status"] = status(release, today)
    values.update({f"milestone.{m.name}": m.date.isoformat() for m in release.milestones})
    return values


def _unknown(
    template: str, values: dict[str, str], name: str | None, path: tuple[str, ...] | None = None
) -> list[Problem]:
    """An `issue-template` error for each placeholder `values` does not fill."""
    return [
        Problem(
            "issue-template",
            Severity.ERROR,
            f"unknown placeholder {found.group()!r}; use {{{{" + "}}, {{".join(PLACEHOLDERS) + "}}",
            file=name,
            line=line_number if name else None,
            column=found.start() + 1 if name else None,
            path=path,
        )
        for line_number, line in enumerate(template.splitlines(), start=1)
        for found in _PLACEHOLDER.finditer(line)
        if found.group(1) not in values
    ]


def fill_template(
    template: str, release: Release, rotation: RotationFile, name: str, today: dt.date | None = None
) -> str:
    """The team's Markdown template with every placeholder filled; an unknown placeholder is
    an error naming its line (all of them at once)."""
    names = Names(rotation)
    mentions: set[str] = set()  # the placeholders filled with a `@login`

    def seat(member: str) -> str:
        handle = names.handle(member)
        if handle:
            mentions.update(
                role
                for role in ("pilot", "co_pilot", "jump_seat")
                if getattr(release, role) == member
            )
            mentions.update(f"role_{k}" for k, v in release.roles.items() if v == member)
        return handle or names.name(member)

    values = _values(release, rotation, seat, today)
    problems = _unknown(template, values, name)
    if problems:
        raise RelrotError(problems)

    def fill(found: re.Match[str]) -> str:
        key = found.group(1)
        return in_context(values[key], template[: found.start()], mention=key in mentions)

    return _PLACEHOLDER.sub(fill, template)


# A line that opens or closes a fenced code block, and a blank line, which ends an HTML block.
_FENCE = re.compile(r"^ {0,3}(```|~~~)", re.MULTILINE)
# What may stand before a value that still opens a block: indentation, quote markers and
# list markers (`> - {{project}}` puts the value where a `-` would start a nested list).
_OPENING = re.compile(r"(?:[ \t]*(?:>|[-+*]|\d{1,9}[.)])(?=[ \t]|$))*[ \t]*")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def in_context(value: str, before: str, *, mention: bool = False) -> str:
    """`value` escaped for where it stands in a Markdown template that reads `before` up to
    it: in a fenced code block, an HTML comment, raw HTML, a code span, a link's address, at
    the start of a line, or in running text. A `@login` from the roster's `github:` stays a
    mention where Markdown shows it."""
    line = before[before.rfind("\n") + 1 :]
    fences = _FENCE.findall(before)
    if len(fences) % 2:
        # Code shows as written, on one line; a value that opened that line with the
        # fence's own characters would close it, so those are swapped for look-alikes.
        return one_line(value).replace(fences[-1][0], "'" if fences[-1][0] == "`" else "-")
    if before.rfind("<!--") > before.rfind("-->"):
        return markdown_comment(value)
    block = _BLANK_LINE.split(before)[-1].lstrip()
    if block.startswith("<") and not block.startswith("<http"):
        return value if mention else markdown_html(value)
    if line.count("`") % 2:
        return one_line(value).replace("`", "'")
    token = re.split(r"\s", line)[-1]
    if line.rfind("](") > line.rfind(")") or "://" in token or token.startswith("<"):
        return markdown_url(value)
    if mention:
        return value
    return markdown(value, line_start=bool(_OPENING.fullmatch(line)))
