"""The plan as a GitHub Markdown table, for issues and docs."""

from __future__ import annotations

from collections.abc import Sequence

from relrot.model import RotationFile
from relrot.plan import Release
from relrot.render.notes import release_notes
from relrot.render.people import Names


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(releases: Sequence[Release], rotation: RotationFile) -> str:
    names = Names(rotation)
    lines = [
        "| # | Release | Date | Pilot | Co-pilot | Jump seat | Notes |",
        "|--:|---|---|---|---|---|---|",
    ]
    for release in releases:

        def seat(
            member: str | None,
            newcomers: tuple[str, ...] = release.newcomers,
            skipped: bool = release.skipped,
        ) -> str:
            if member is None:
                return "" if skipped else "**empty**"
            label = names.name(member)
            return f"{label} (new)" if member in newcomers else label

        notes = release_notes(release, names.name, first_seats=False)
        version = f"~~{release.version}~~" if release.skipped else release.version
        cells = [
            str(release.number),
            version,
            f"{release.date:%a} {release.date}",
            seat(release.pilot),
            seat(release.co_pilot),
            names.name(release.jump_seat),
            "; ".join(notes),
        ]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"
