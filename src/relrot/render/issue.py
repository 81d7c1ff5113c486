"""The body of a release's tracking issue, modelled on how conda runs its releases."""

from __future__ import annotations

from relrot.calendar import series
from relrot.model import RotationFile
from relrot.plan import Release
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
