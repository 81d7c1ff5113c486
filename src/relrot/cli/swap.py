"""`relrot swap`: a member opts out of a release and a replacement takes the seat."""

from __future__ import annotations

from typing import Annotated

import typer

from relrot.cli.boundary import Session, boundary, names
from relrot.cli.change import apply, show
from relrot.cli.options import (
    DryRunOption,
    ReasonOption,
    RefuseWarningsOption,
    ReleaseArgument,
    YesOption,
)

MemberArgument = Annotated[str, typer.Argument(help="The member who opts out.")]
WithOption = Annotated[
    str | None,
    typer.Option("--with", help="Put this member in the seat (no step-up, no ranking)."),
]


@boundary(project=True)
def swap(
    session: Session,
    release: ReleaseArgument,
    member: MemberArgument,
    with_member: WithOption = None,
    reason: ReasonOption = None,
    dry_run: DryRunOption = False,
    yes: YesOption = False,
    strict: RefuseWarningsOption = False,
) -> None:
    """MEMBER opts out of RELEASE: find a replacement.

    Ranks the candidates, explains the choice, and records it under `swaps:`.
    """
    project = session.naming(release, lambda p: names(p, release, session.given_today))
    today = project.today(session.given_today)
    change = project.swap(release, member, today=today, with_member=with_member, reason=reason)
    show(change, strict=strict)
    apply(change, dry_run=dry_run, yes=yes, strict=strict)
