"""The plan as a GitHub Markdown table, for issues and docs."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from relrot.model import CrewRole, RotationFile
from relrot.plan import Release
from relrot.render.notes import release_notes
from relrot.render.people import Names
from relrot.render.sinks import markdown


def cell(text: str) -> str:
    """Text that reads as itself in a Markdown table cell or paragraph (the Markdown sink)."""
    return markdown(text)


def render(
    releases: Sequence[Release], rotation: RotationFile, projects: Sequence[str] | None = None
) -> str:
    """The plan as a Markdown table; with `projects` (SPEC 6), a first Project column."""
    names = Names(rotation)
    # A column per role after the co-pilot, only in a file with roles (SPEC 3.7).
    roles: dict[str, CrewRole] = {}
    for role in rotation.roles:
        roles.setdefault(role.id, role)  # a repeated id is reported; the first is the role
    titles = ["#", "Release", "Date", "Pilot", "Co-pilot"]
    titles += [cell(r.display) for r in roles.values()] + ["Jump seat", "Notes"]
    rule = "|--:" + "|---" * (len(titles) - 1) + "|"
    if projects is not None:
        titles, rule = ["Project", *titles], "|---" + rule
    lines = ["| " + " | ".join(titles) + " |", rule]
    for n, release in enumerate(releases):

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
            *(_role_cell(release, role, seat) for role in roles.values()),
            cell(names.name(release.jump_seat)),
            cell("; ".join(notes)),
        ]
        if projects is not None:
            cells.insert(0, cell(projects[n]))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _role_cell(release: Release, role: CrewRole, seat: Callable[[str | None], str]) -> str:
    """An empty rotate role reads as an empty seat; an empty request role, and a release
    before the role's `from`, as nothing."""
    return seat(release.roles[role.id]) if release.shows(role) else ""
