"""`relrot who`: the crew on duty, with its milestones."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from relrot.model import RotationFile
from relrot.plan import Release
from relrot.render.people import Names
from relrot.render.sinks import visible

if TYPE_CHECKING:
    from relrot.duty import Duty
    from relrot.project import Project


def render_text(duty: Duty, rotation: RotationFile) -> str:
    """Each release on duty (or the next one), one block each, headed by what it is."""
    blocks = [
        _release_lines(release, rotation, _heading(duty, release)) for release in duty.releases
    ]
    # Each line holds names and notes from the file: shown as a terminal shows data.
    return "\n".join("".join(visible(line) + "\n" for line in block) for block in blocks)


def _heading(duty: Duty, release: Release) -> str:
    """ "On duty" only when the window holds the day asked (SPEC 5.4), else "next on duty";
    a version asked names its release without either."""
    first, last = release.duty_window
    named = f"{release.version} ({release.date:%a} {release.date}), duty window {first}..{last}"
    if duty.day is None:
        return named + ("" if duty.asked == release.version else f" (asked: {duty.asked})")
    if duty.on_duty:
        return f"On duty on {duty.day}: {named}"
    return f"Next on duty after {duty.day}: {named}"


def _release_lines(release: Release, rotation: RotationFile, heading: str) -> list[str]:
    names = Names(rotation)
    lines = [
        heading,
        f"  Pilot:     {names.name_and_handle(release.pilot, '(empty)')}",
        f"  Co-pilot:  {names.name_and_handle(release.co_pilot, '(empty)')}",
        f"  Jump seat: {names.name_and_handle(release.jump_seat, '-')}",
    ]
    shown: set[str] = set()  # a repeated id is a `schema` error; its first entry is the role
    for role in rotation.roles:
        if role.id in release.roles and role.id not in shown:
            shown.add(role.id)
            # An empty rotate role reads as an empty seat, an empty request role as the jump
            # seat; a long name pushes its holder right rather than being cut.
            empty = "(empty)" if role.fill == "rotate" else "-"
            label = f"{' '.join(role.display.split())}:"
            lines.append(f"  {label:<10} {names.name_and_handle(release.roles[role.id], empty)}")
    if release.milestones:
        lines.append("Milestones:")
        for milestone in release.milestones:
            note = f": {milestone.note}" if milestone.note else ""
            lines.append(f"  {milestone.date:%a} {milestone.date}  {milestone.name}{note}")
    go_to = release.pilot or release.co_pilot
    if go_to:
        lines.append(f"Go-to person: {names.name_and_handle(go_to)}")
    return lines


def render_json(release: Release) -> str:
    # Only for --format json: a plain `who` skips json and the plan's JSON layout.
    import json

    from relrot.render.json_format import release_record

    return json.dumps(release_record(release), indent=2) + "\n"


def project_heading(project: Project) -> str:
    """A project as a heading names it: its name, and its id when the name differs."""
    name, key = project.model.project.name, project.id or ""
    return key if name == key else f"{name} ({key})"


def render_portfolio_text(answers: Sequence[tuple[Project, Duty]]) -> str:
    """Each project's crew on duty under a line naming the project (SPEC 6)."""
    parts = []
    for project, duty in answers:
        heading = visible(f"Project {project_heading(project)}:") + "\n"
        parts.append(heading + render_text(duty, project.model))
    return "\n".join(parts)


def render_portfolio_json(answers: Sequence[tuple[Project, Duty]]) -> str:
    """`{"releases": [...]}`: every release on duty (or next) in each project, each record
    opening with its `project` and whether it is `on_duty` on the day asked (null when a
    version was asked)."""
    import json

    from relrot.render.json_format import release_record

    records = [
        {"project": project.id, "on_duty": _on_duty(duty), **release_record(release)}
        for project, duty in answers
        for release in duty.releases
    ]
    return json.dumps({"releases": records}, indent=2) + "\n"


def _on_duty(duty: Duty) -> bool | None:
    return None if duty.day is None else duty.on_duty
