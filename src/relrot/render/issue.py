"""The body of a release's tracking issue, modelled on how conda runs its releases."""

from __future__ import annotations

import re

from relrot.calendar import series
from relrot.model import RotationFile
from relrot.plan import Release
from relrot.problems import Problem, RelrotError, Severity
from relrot.render.markdown import cell
from relrot.render.people import Names


def render(release: Release, rotation: RotationFile) -> str:
    names = Names(rotation)

    def person(member: str | None) -> str:
        return cell(names.name_and_handle(member)) if member else "(empty)"

    lines = [
        f"# Release {series(release.version)}",
        "",
        f"Release {release.version} is planned for {release.date:%A} {release.date}.",
        "",
        "| Pilot | Co-pilot | Jump seat |",
        "|---|---|---|",
        f"| {person(release.pilot)} | {person(release.co_pilot)} | "
        f"{cell(names.name_and_handle(release.jump_seat, '-'))} |",
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
            note = f": {milestone.note}" if milestone.note else ""
            lines.append(f"- [ ] {milestone.date:%a} {milestone.date}: {milestone.name}{note}")
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

    def seat(member: str | None) -> str:
        if member is None:
            return EMPTY_SEAT
        return names.handle(member) or names.name(member)

    values = {
        "version": release.version,
        "series": series(release.version),
        "date": release.date.isoformat(),
        "weekday": f"{release.date:%A}",
        "pilot": seat(release.pilot),
        "co_pilot": seat(release.co_pilot),
        "jump_seat": seat(release.jump_seat),
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
    return _PLACEHOLDER.sub(lambda found: values[found.group(1)], template)
