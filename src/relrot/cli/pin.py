"""`relrot pin`: write the seats of past releases into the file, so roster edits cannot move
them."""

from __future__ import annotations

from typing import Annotated

import typer

from relrot.cli.boundary import Session, boundary
from relrot.cli.change import apply, summary
from relrot.cli.options import DryRunOption, YesOption

ThroughOption = Annotated[
    str | None,
    typer.Option(
        "--through",
        help="Pin up to this release (version, number or date). Default: every release "
        "dated before today, plus the one in progress.",
    ),
]


@boundary(project=True)
def pin(
    session: Session,
    through: ThroughOption = None,
    dry_run: DryRunOption = False,
    yes: YesOption = False,
) -> None:
    """Pin past releases so roster edits cannot move them.

    Writes their planned seats into `releases:`.
    """
    change = session.project.pin(through, today=session.today)
    if change.empty:
        typer.echo(summary(change), err=True)
        return
    typer.echo(summary(change))
    apply(change, dry_run=dry_run, yes=yes)
