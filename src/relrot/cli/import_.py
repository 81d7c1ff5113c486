"""`relrot import`: pin the crews of past releases from their tracking issues.

Named `import_` because `import` is a keyword: no module could be imported by that name.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from relrot.cli.boundary import Session, boundary, console
from relrot.cli.change import apply, apply_all, summary
from relrot.cli.options import DryRunOption, YesOption
from relrot.problems import UsageError

if TYPE_CHECKING:
    from rich.table import Table

    from relrot.changes import Change
    from relrot.importing import FoundCrew, Reading, Who

FilesArgument = Annotated[
    list[str],
    typer.Argument(
        metavar="FILE…|-",
        help="Issues as `gh issue list --json number,title,body,url` prints them, or "
        "Markdown files; - reads standard input.",
    ),
]
AllowGapsOption = Annotated[
    bool,
    typer.Option("--allow-gaps", help="Pin releases that have no issue with empty seats."),
]
AsSwapsOption = Annotated[
    bool,
    typer.Option(
        "--as-swaps",
        help="Pin the planned seats and record each seat an issue gives to someone else as a "
        "swap, so a stand-in never inherits a stint.",
    ),
]


@boundary(project=True)
def import_issues(
    session: Session,
    files: FilesArgument,
    allow_gaps: AllowGapsOption = False,
    as_swaps: AsSwapsOption = False,
    dry_run: DryRunOption = False,
    yes: YesOption = False,
) -> None:
    """Pin the crews of past releases from their tracking issues.

    Shows what it read from each issue, then appends the releases to `releases:`: the
    planned seats where an issue agrees with the plan and its swaps, else the seats served.
    """
    reading = _read(files, session)
    changes = _changes(session, reading, allow_gaps=allow_gaps, as_swaps=as_swaps)
    if session.several:
        _write_each(changes, dry_run=dry_run, yes=yes)
        return
    (change,) = changes
    typer.echo(summary(change))
    if not change.empty:
        apply(change, dry_run=dry_run, yes=yes)


def _read(files: list[str], session: Session) -> Reading:
    """Every issue of the inputs, read against the roster, and what was read shown."""
    from relrot.changes.terms import on_demand_issues
    from relrot.importing import Roster, read_inputs

    texts = [read_input(name) for name in files]
    reading = read_inputs(texts, Roster(session.whole.model))
    _show_reading(reading, on_demand_issues(reading, session.projects()))
    return reading


def _changes(
    session: Session, reading: Reading, *, allow_gaps: bool, as_swaps: bool
) -> list[Change]:
    """The import into the project `--project` names (or the file's one), else into every
    project, each issue to the project of its repository (SPEC 6)."""
    from relrot.changes.terms import import_into, import_routed

    if session.several:
        given = session.given_today
        options = {"allow_gaps": allow_gaps, "as_swaps": as_swaps}
        return import_routed(session.whole, reading, given_today=given, **options)
    today = session.today
    return [
        import_into(session.project, reading, today=today, allow_gaps=allow_gaps, as_swaps=as_swaps)
    ]


def _write_each(changes: list[Change], *, dry_run: bool, yes: bool) -> None:
    """Each project's import under its id; all refused if one is, else each written."""
    from relrot.render.change import heading

    for change in changes:
        typer.echo(heading(change.before.id or ""))
        typer.echo(summary(change))
    apply_all(changes, dry_run=dry_run, yes=yes)


def _show_reading(reading: Reading, on_demand: list[bool]) -> None:
    """What was read, then the issues skipped and the notes, each list cut short."""
    from relrot.importing import cut

    console().print(_read_table(reading, on_demand))
    skipped = [f"{s.issue.name}: skipped: {s.reason}" for s in reading.skipped]
    for line in [*cut(skipped, "skipped issues"), *cut(reading.notes, "notes")]:
        typer.echo(line)


# How to make the input a missing file was meant to be.
EXPORT_ISSUES = (
    "save the issues first, e.g. `gh issue list --state all --json number,title,body,url "
    "> issues.json`, or name the Markdown files of their bodies"
)


def read_input(name: str) -> tuple[str, str]:
    """The name messages give an input (`standard input` for `-`), and its text."""
    from relrot.importing import MAX_INPUT_BYTES
    from relrot.yamlfile.read import decode, read_source

    if name == "-":
        raw = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        if len(raw) > MAX_INPUT_BYTES:
            raise UsageError(f"standard input is larger than {MAX_INPUT_BYTES} bytes")
        name = "standard input"
    else:
        raw = read_source(name, limit=MAX_INPUT_BYTES, create=EXPORT_ISSUES)
    text, problem = decode(raw, name)
    if problem is not None:
        raise UsageError(f"{name}: line {problem.line}: {problem.message}", file=name)
    return name, text


def _read_table(reading: Reading, on_demand: list[bool]) -> Table:
    """What was read, issue by issue (`on_demand`: whether each goes to an on-demand project,
    whose version is the one written). Every cell is rich Text, never markup: a URL or a role
    is the issue author's text, and `[link=…]` or `[blink]` in it must show as written."""
    from rich.table import Table
    from rich.text import Text

    from relrot.importing import MAX_SHOWN
    from relrot.render.sinks import visible

    table = Table(title="Read from the issues", title_justify="left", header_style="bold")
    for column in ("Issue", "Release", "Pilot", "Co-pilot", "Jump seat", "Also", "Link"):
        table.add_column(column, no_wrap=column in ("Issue", "Release", "Link"))
    for crew, term in zip(reading.found[:MAX_SHOWN], on_demand, strict=False):
        table.add_row(*(Text(visible(cell)) for cell in _cells(crew, term=term)))
    if len(reading.found) > MAX_SHOWN:
        table.caption = f"… and {len(reading.found) - MAX_SHOWN:,} more issues read"
        table.caption_justify = "left"
    return table


def _cells(crew: FoundCrew, *, term: bool) -> tuple[str, ...]:
    """One issue's row: handles as @handle, names as the cell wrote them, `-` for an empty
    seat; an on-demand project's issue (`term`) with its version as written."""
    from relrot.changes.terms import term_version
    from relrot.importing import Name

    def shown(who: Who | None) -> str:
        return who.text if isinstance(who, Name) else f"@{who}" if who else "-"

    return (
        crew.issue.name,
        term_version(crew) if term else _version(crew),
        shown(crew.pilot),
        shown(crew.co_pilot),
        shown(crew.jump_seat),
        ", ".join(f"{shown(extra.who)} ({extra.role})" for extra in crew.also),
        crew.issue.url or "",
    )


def _version(crew: FoundCrew) -> str:
    return crew.version if not crew.patch else f"{crew.version} (patch issue)"
