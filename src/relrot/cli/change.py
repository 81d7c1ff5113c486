"""Showing a `Change` and applying it: what the commands that edit the file share."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import typer
from msgspec.structs import replace

from relrot.cli.app import EXIT_OK

if TYPE_CHECKING:
    from relrot.changes import Change
    from relrot.cli.boundary import Session
    from relrot.project import Project


def summary(change: Change) -> str:
    """The change's summary, a line an entry; they name members and quote reasons from the
    file, so each is shown as a terminal shows data (a line break in a name included)."""
    from relrot.render.change import summary as lines
    from relrot.render.sinks import visible

    return "\n".join(visible(entry) for entry in lines(change))


def show(change: Change, *, strict: bool = False) -> None:
    """The change's summary, then every problem it adds (a refusal lists them instead)."""
    from relrot.render.sinks import visible

    typer.echo(summary(change))
    if change.added and not change.refuses(strict=strict):
        typer.echo(f"\n{change.action.capitalize()} adds {len(change.added)} problem(s):")
        for problem in change.added:
            typer.echo(visible(f"  {problem.severity.value} [{problem.rule}] {problem.message}"))


def each(
    session: Session, one: Callable[[Project], Change], *, chained: bool = True
) -> list[Change]:
    """The change `one` makes to each project the command covers (SPEC 6: every project of
    the file unless `--project` names one), each worked out on the file the one before it
    leaves when `chained`, else on the file as read; every one shown, under its project's id
    when there are several."""
    from relrot.render.change import heading

    changes: list[Change] = []
    for project in session.projects():
        current = project
        if chained and changes and changes[-1].after.several and project.several:
            current = changes[-1].after.portfolio.get(project.id or "")
        changes.append(one(current))
    for change in changes:
        if len(changes) > 1:
            typer.echo(heading(change.before.id or ""))
        typer.echo(summary(change))
    return changes


def everywhere(changes: Sequence[Change], *, strict: bool) -> Change:
    """The one change to the shared roster that `changes` each see from one project: refused
    if any of them is; shown with every problem it adds to the file (each saw them all)."""
    for change in changes:
        if change.refuses(strict=strict):
            raise change.refusal(strict=strict)
    last = changes[-1]
    show(replace(last, moves=[]), strict=strict) if last.added else None
    return last


def apply_all(changes: Sequence[Change], *, dry_run: bool, yes: bool) -> None:
    """Refuse them all if one is refused; else write each, in order, on the one before."""
    for change in changes:
        if change.refuses():
            raise change.refusal()
    for change in changes:
        if not change.empty:
            apply(change, dry_run=dry_run, yes=yes)


def apply(change: Change, *, dry_run: bool, yes: bool, strict: bool = False) -> None:
    """Refuse, show or write a change: the file is untouched unless it is written whole."""
    if change.refuses(strict=strict):
        raise change.refusal(strict=strict)
    from relrot.render.change import what

    path = change.before.path
    if dry_run:
        from relrot.render.sinks import visible

        # The file's own line breaks stay; anything else hidden in it is shown escaped.
        sys.stdout.write("\n" + visible(change.diff(), keep="\r\n"))
        typer.echo("(dry run: nothing written)", err=True)
        return
    if not yes and sys.stdin.isatty() and not typer.confirm(f"Write {what(change)} to {path}?"):
        typer.echo("nothing written", err=True)
        raise typer.Exit(EXIT_OK)
    change.write()
    typer.echo(f"wrote {what(change)} to {path}", err=True)
