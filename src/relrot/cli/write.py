"""Commands that change the rotation file: swap, away, pin, and init for a new one."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from relrot.cli.app import EXIT_OK
from relrot.cli.boundary import HorizonOption, Session, boundary, parse_date
from relrot.problems import UsageError

if TYPE_CHECKING:
    from relrot.changes import Change

DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Print the change as a diff; write nothing.")
]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Write without asking.")]
ReasonOption = Annotated[str | None, typer.Option("--reason", help="Why; recorded in the file.")]
StrictOption = Annotated[
    bool, typer.Option("--strict", help="Refuse a change that adds a warning, too.")
]


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


@boundary()
def swap(
    session: Session,
    release: Annotated[str, typer.Argument(help="The release: version, number or date.")],
    member: Annotated[str, typer.Argument(help="The member who opts out.")],
    with_member: Annotated[
        str | None,
        typer.Option("--with", help="Put this member in the seat (no step-up, no ranking)."),
    ] = None,
    reason: ReasonOption = None,
    dry_run: DryRunOption = False,
    yes: YesOption = False,
    strict: StrictOption = False,
) -> None:
    """MEMBER opts out of RELEASE: find a replacement.

    Ranks the candidates, explains the choice, and records it under `swaps:`.
    """
    change = session.project.swap(
        release, member, today=session.today, with_member=with_member, reason=reason
    )
    show(change, strict=strict)
    apply(change, dry_run=dry_run, yes=yes, strict=strict)


@boundary()
def away(
    session: Session,
    member: Annotated[str, typer.Argument(help="The member who is away.")],
    first: Annotated[str, typer.Argument(metavar="FROM", help="First day away (YYYY-MM-DD).")],
    last: Annotated[str, typer.Argument(metavar="TO", help="Last day away, inclusive.")],
    reason: ReasonOption = None,
    dry_run: DryRunOption = False,
    yes: YesOption = False,
    horizon: HorizonOption = 12,
    strict: StrictOption = False,
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


@boundary()
def pin(
    session: Session,
    through: Annotated[
        str | None,
        typer.Option(
            "--through",
            help="Pin up to this release (version, number or date). Default: every release "
            "dated before today, plus the one in progress.",
        ),
    ] = None,
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


@boundary()
def init(
    session: Session,
    path: Annotated[
        Path | None,
        typer.Argument(help="Where to write the file (default: the --file path)."),
    ] = None,
) -> None:
    """Write a starter rotation.yaml; never overwrites.

    Commented, with conda's cadence and a placeholder roster.
    """
    from relrot.starter import starter_text
    from relrot.yamlfile.atomic import create_file

    target = path or session.file
    text = starter_text(session.given_today or dt.date.today())
    try:
        create_file(target, text)
    except FileExistsError:
        raise UsageError(
            f"{target} already exists; relrot init never overwrites a file", file=str(target)
        ) from None
    except OSError as exc:
        raise UsageError(f"{target}: cannot write: {exc.strerror or exc}") from None
    typer.echo(f"wrote {target}: edit the roster, then run `relrot validate`", err=True)
