"""Showing a `Change` and applying it: what the commands that edit the file share."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from relrot.cli.app import EXIT_OK

if TYPE_CHECKING:
    from relrot.changes import Change


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
