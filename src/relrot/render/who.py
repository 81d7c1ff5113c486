"""`relrot who`: the crew on duty, with its milestones."""

from __future__ import annotations

from relrot.model import RotationFile
from relrot.plan import Release
from relrot.render.people import Names
from relrot.render.sinks import visible


def render_text(release: Release, rotation: RotationFile, asked: str) -> str:
    names = Names(rotation)
    first, last = release.duty_window
    lines = [
        f"{release.version} ({release.date:%a} {release.date}), on duty {first}..{last}"
        + ("" if asked in (release.version,) else f" (asked: {asked})"),
        f"  Pilot:     {names.name_and_handle(release.pilot, '(empty)')}",
        f"  Co-pilot:  {names.name_and_handle(release.co_pilot, '(empty)')}",
        f"  Jump seat: {names.name_and_handle(release.jump_seat, '-')}",
    ]
    if release.milestones:
        lines.append("Milestones:")
        for milestone in release.milestones:
            note = f": {milestone.note}" if milestone.note else ""
            lines.append(f"  {milestone.date:%a} {milestone.date}  {milestone.name}{note}")
    go_to = release.pilot or release.co_pilot
    if go_to:
        lines.append(f"Go-to person: {names.name_and_handle(go_to)}")
    # Each line holds names and notes from the file: shown as a terminal shows data.
    return "".join(visible(line) + "\n" for line in lines)


def render_json(release: Release) -> str:
    # Only for --format json: a plain `who` skips json and the plan's JSON layout.
    import json

    from relrot.render.json_format import release_record

    return json.dumps(release_record(release), indent=2) + "\n"
