"""The body of a release's tracking issue, modelled on how conda runs its releases."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from relrot.calendar import series
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


def for_release(project: Project, ref: str) -> str:
    """The body of a release's tracking issue (SPEC 5.4): the team's template filled, if
    `project.issue_template` names one, else relrot's own layout."""
    from relrot.issue_template import read_template

    found = project.release(ref, Question.ON_DUTY, crewed=True)
    release = project.rows(found.number, 1)[0]
    template = read_template(project)
    if template is None:
        return render(release, project.model)
    text, path = template
    return fill_template(text, release, project.model, path)


def render(release: Release, rotation: RotationFile) -> str:
    names = Names(rotation)

    def person(member: str | None) -> str:
        return names.name_and_handle(member, "(empty)", escape=markdown)

    lines = [
        f"# Release {series(release.version)}",
        "",
        f"Release {release.version} is planned for {release.date:%A} {release.date}.",
        "",
        "| Pilot | Co-pilot | Jump seat |",
        "|---|---|---|",
        f"| {person(release.pilot)} | {person(release.co_pilot)} | "
        f"{names.name_and_handle(release.jump_seat, '-', escape=markdown)} |",
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
    "project",
    "repository",
    "milestone.NAME",
)


def fill_template(template: str, release: Release, rotation: RotationFile, name: str) -> str:
    """The team's Markdown template with every placeholder filled; an unknown placeholder is
    an error naming its line (all of them at once)."""
    names = Names(rotation)
    mentions: set[str] = set()  # the placeholders filled with a `@login`

    def seat(role: str, member: str | None) -> str:
        if member is None:
            return EMPTY_SEAT
        handle = names.handle(member)
        if handle:
            mentions.add(role)
        return handle or names.name(member)

    values = {
        "version": release.version,
        "series": series(release.version),
        "date": release.date.isoformat(),
        "weekday": f"{release.date:%A}",
        "pilot": seat("pilot", release.pilot),
        "co_pilot": seat("co_pilot", release.co_pilot),
        "jump_seat": seat("jump_seat", release.jump_seat),
        "project": rotation.project.name or "",
        "repository": rotation.project.repository or "",
    }
    values.update({f"milestone.{m.name}": m.date.isoformat() for m in release.milestones})
    problems = [
        Problem(
            "issue-template",
            Severity.ERROR,
            f"unknown placeholder {found.group()!r}; use {{{{" + "}}, {{".join(PLACEHOLDERS) + "}}",
            file=name,
            line=line_number,
            column=found.start() + 1,
        )
        for line_number, line in enumerate(template.splitlines(), start=1)
        for found in _PLACEHOLDER.finditer(line)
        if found.group(1) not in values
    ]
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
