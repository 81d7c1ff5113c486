"""The plan as a GitHub Markdown table, for issues and docs."""

from __future__ import annotations

from collections.abc import Sequence

from relrot.model import RotationFile
from relrot.plan import Release
from relrot.render.notes import release_notes
from relrot.render.people import Names
from relrot.render.sinks import markdown


def cell(text: str) -> str:
    """Text that reads as itself in a Markdown table cell or paragraph (the Markdown sink)."""
    return markdown(text)


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
            label = cell(names.name(member))
            return f"{label} (new)" if member in newcomers else label

        notes = release_notes(release, names.name, first_seats=False)
        version = cell(release.version)
        cells = [
            str(release.number),
            f"~~{version}~~" if release.skipped else version,
            f"{release.date:%a} {release.date}",
            seat(release.pilot),
            seat(release.co_pilot),
            cell(names.name(release.jump_seat)),
            cell("; ".join(notes)),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
