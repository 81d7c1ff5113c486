"""`relrot shipped`: record the day a release actually shipped."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from relrot.cli.boundary import Session, boundary, names, parse_date
from relrot.cli.change import apply, summary
from relrot.cli.options import DryRunOption, YesOption

if TYPE_CHECKING:
    from relrot.project import Project

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


def ships(project: Project, version: str, given_today: dt.date | None) -> bool:
    """Whether VERSION can be a release of `project`: one of its releases, or any version of
    an on-demand project when no cadence project of the file has it (SPEC 6)."""
    if project.several and project.portfolio.get(project.id or "").view.on_demand:
        others = [p for p in project.portfolio.parts if not p.view.on_demand]
        return not any(names(p, version, given_today) for p in others)
    return names(project, version, given_today)
