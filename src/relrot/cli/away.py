"""`relrot away`: record that a member is away for a range of days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from relrot.cli.boundary import Session, boundary, parse_date
from relrot.cli.change import apply, each, everywhere, show
from relrot.cli.options import (
    DryRunOption,
    HorizonOption,
    ReasonOption,
    RefuseWarningsOption,
    YesOption,
)

if TYPE_CHECKING:
    from relrot.changes import Change
    from relrot.project import Project

MemberArgument = Annotated[str, typer.Argument(help="The member who is away.")]
FirstArgument = Annotated[str, typer.Argument(metavar="FROM", help="First day away (YYYY-MM-DD).")]
LastArgument = Annotated[str, typer.Argument(metavar="TO", help="Last day away, inclusive.")]


@boundary(project=True)
def away(
    session: Session,
    member: MemberArgument,
    first: FirstArgument,
    last: LastArgument,
    reason: ReasonOption = None,
    dry_run: DryRunOption = False,
    yes: YesOption = False,
    horizon: HorizonOption = 12,
    strict: RefuseWarningsOption = False,
) -> None:
    """Record that MEMBER is away FROM..TO.

    Shows which seats the range moves, then adds it to the member.
    """
    days = parse_date(first, "FROM"), parse_date(last, "TO")
    one = _away(session, member, days, reason, horizon)
    if session.several:
        # One range on the roster, and the seats it moves in every project (SPEC 6).
        change = everywhere(each(session, one, chained=False), strict=strict)
    else:
        show(change := one(session.project), strict=strict)
    apply(change, dry_run=dry_run, yes=yes, strict=strict)


def _away(
    session: Session,
    member: str,
    days: tuple[dt.date, dt.date],
    reason: str | None,
    horizon: int,
) -> Callable[[Project], Change]:
    """The away range as a change to one project, seen from its own today."""

    def one(project: Project) -> Change:
        today = project.today(session.given_today)
        return project.away(member, *days, today=today, reason=reason, horizon=horizon)

    return one
