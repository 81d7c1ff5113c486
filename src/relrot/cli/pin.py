"""`relrot pin`: write the seats of past releases into the file, so roster edits cannot move
them."""

from __future__ import annotations

from typing import Annotated

import typer

from relrot.cli.boundary import Session, boundary
from relrot.cli.change import apply, apply_all, each, summary
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
    if session.several:
        # Every project of the file, each on the file the one before leaves (SPEC 6).
        changes = each(session, lambda p: p.pin(through, today=p.today(session.given_today)))
        apply_all(changes, dry_run=dry_run, yes=yes)
        return
    change = session.project.pin(through, today=session.today)
    if change.empty:
        typer.echo(summary(change), err=True)
        return
    typer.echo(summary(change))
    apply(change, dry_run=dry_run, yes=yes)
