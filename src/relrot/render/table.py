"""The plan as a rich table, for people at a terminal."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from relrot.model import CrewRole, RotationFile
from relrot.plan import Release
from relrot.render.notes import release_notes
from relrot.render.sinks import visible

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

# The most rows the table shows: a few screens' worth. rich lays a table out cell by cell
# (about 0.4 ms a row); past this a plan is for reading in a tool, and the table says so.
MAX_ROWS = 200


def build_table(
    releases: Sequence[Release],
    rotation: RotationFile,
    title: str,
    projects: Sequence[str] | None = None,
) -> Table:
    """The plan as a table; with `projects` (a file with `projects:`, SPEC 6), a first
    Project column naming each row's project."""
    from rich.table import Table
    from rich.text import Text

    # rich reads a plain string as markup: every text from the file or the command line is
    # handed over as `Text`, its hidden characters shown escaped.
    names = {m.id: visible(m.display) for m in rotation.members}
    table = Table(
        title=Text(visible(title)),
        title_justify="left",
        header_style="bold",
        caption=_caption(len(releases)),
        caption_justify="left",
    )
    if projects is not None:
        table.add_column("Project", no_wrap=True)
    table.add_column("#", justify="right")
    table.add_column("Release", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Pilot")
    table.add_column("Co-pilot")
    # A column per role, only in a file that has roles: others print as they always did.
    roles: dict[str, CrewRole] = {}
    for role in rotation.roles:
        roles.setdefault(role.id, role)  # a repeated id is reported; the first is the role
    for role in roles.values():
        table.add_column(Text(visible(role.display)))
    table.add_column("Jump seat")
    table.add_column("Notes")
    for n, release in enumerate(releases[:MAX_ROWS]):

        def seat(member: str | None, *, release: Release = release) -> Text:
            if member is None:
                return (
                    Text("-", style="dim") if release.skipped else Text("EMPTY", style="bold red")
                )
            label = names.get(member, member)
            return Text(f"{label} (new)" if member in release.newcomers else label)

        notes = release_notes(release, lambda m: names.get(m, m), first_seats=False)
        day = Text(f"{release.date:%a} {release.date}")
        if release.moved:
            day.stylize("yellow")
        table.add_row(
            *([Text(visible(projects[n]))] if projects is not None else []),
            str(release.number),
            Text(release.version, style="dim" if release.skipped else ""),
            day,
            seat(release.pilot),
            seat(release.co_pilot),
            *(_role_cell(release, role, seat) for role in roles.values()),
            Text(names.get(release.jump_seat, release.jump_seat))
            if release.jump_seat
            else Text(""),
            Text(visible("; ".join(notes))),
        )
    return table


def _caption(rows: int) -> str | None:
    if rows <= MAX_ROWS:
        return None
    return (
        f"The first {MAX_ROWS} of {rows} releases; for all of them, use --format csv "
        "or --format json."
    )


def _role_cell(release: Release, role: CrewRole, seat: Callable[[str | None], Text]) -> Text:
    """A role's cell: its holder; an empty rotate role shows as an empty seat, an empty
    request role and a release before the role's `from` as nothing."""
    from rich.text import Text

    return seat(release.roles[role.id]) if release.shows(role) else Text("")
