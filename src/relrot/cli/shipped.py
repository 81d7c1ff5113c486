"""`relrot shipped`: record the day a release actually shipped."""

from __future__ import annotations

from typing import Annotated

import typer

from relrot.cli.boundary import Session, boundary, parse_date, ships
from relrot.cli.change import apply, summary
from relrot.cli.options import DryRunOption, YesOption

VersionArgument = Annotated[str, typer.Argument(help="The release: version or number.")]
DayArgument = Annotated[
    str, typer.Argument(metavar="DATE", help="The day it shipped (YYYY-MM-DD).")
]


@boundary(project=True)
def shipped(
    session: Session,
    release: VersionArgument,
    day: DayArgument,
    dry_run: DryRunOption = False,
    yes: YesOption = False,
) -> None:
    """Record the day RELEASE actually shipped.

    Sets its pinned `date` (pinning it first if needed); `plan` shows the planned date beside it.
    """
    project = session.naming(release, lambda p: ships(p, release, session.given_today))
    today = project.today(session.given_today)
    change = project.shipped(release, parse_date(day, "DATE"), today=today)
    typer.echo(summary(change))
    if not change.empty:
        apply(change, dry_run=dry_run, yes=yes)
