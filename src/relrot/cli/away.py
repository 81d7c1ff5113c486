"""`relrot away`: record that a member is away for a range of days."""

from __future__ import annotations

from typing import Annotated

import typer

from relrot.cli.boundary import Session, boundary, parse_date
from relrot.cli.change import apply, show
from relrot.cli.options import (
    DryRunOption,
    HorizonOption,
    ReasonOption,
    RefuseWarningsOption,
    YesOption,
)

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
    first_day, last_day = parse_date(first, "FROM"), parse_date(last, "TO")
    change = session.project.away(
        member, first_day, last_day, today=session.today, reason=reason, horizon=horizon
    )
    show(change, strict=strict)
    apply(change, dry_run=dry_run, yes=yes, strict=strict)
