"""`relrot diff`: who a roster change moves, and whether they all approved it."""

from __future__ import annotations

import datetime as dt
import enum
import sys
from typing import TYPE_CHECKING, Annotated

import typer
from msgspec import Struct

from relrot.cli.app import EXIT_PROBLEMS
from relrot.cli.boundary import Session, boundary
from relrot.cli.options import ConsentDaysOption, HorizonOption
from relrot.days import CONSENT_DAYS

if TYPE_CHECKING:
    from relrot.diff import SeatChange
    from relrot.project import Project


class DiffFormat(str, enum.Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


BaseArgument = Annotated[
    str,
    typer.Argument(
        help="The file to compare with: a path, or git:REV for the rotation file at a git revision."
    ),
]
DiffFormatOption = Annotated[
    DiffFormat, typer.Option("--format", help="text, markdown (for a PR comment), json.")
]
ApprovedByOption = Annotated[
    str | None,
    typer.Option(
        "--approved-by",
        metavar="LOGIN,...",
        help="GitHub logins that approved the change: exit 1 naming everyone it moves "
        "who is not among them.",
    ),
]
AuthorOption = Annotated[
    str | None,
    typer.Option(
        "--author", metavar="LOGIN", help="The change's author, who approves their own seats."
    ),
]


@boundary(project=True)
def diff(
    session: Session,
    base: BaseArgument,
    output: DiffFormatOption = DiffFormat.text,
    horizon: HorizonOption = 12,
    approved_by: ApprovedByOption = None,
    author: AuthorOption = None,
    consent_days: ConsentDaysOption = CONSENT_DAYS,
) -> None:
    """Show who a roster change moves.

    Seats that differ between the plan of BASE and the plan of the file, release by release;
    in a file with `projects:`, every project's (or the one --project names).
    With --approved-by, exits 1 when someone moved has not approved (SPEC 5.5).
    """
    from relrot.git_base import base_project

    previous = base_project(base, session.file)
    changes = _changes(session, previous, horizon)
    project = session.whole if session.project_id is None else session.project
    _show(output, changes, project, previous)
    if approved_by is not None:
        approval = Approval(approved_by, author, session.today, consent_days)
        _require_consent(project, previous, changes, approval)


def _changes(session: Session, previous: Project, horizon: int) -> list[SeatChange]:
    """Every project of the file compared with the base's of the same id (SPEC 6), each
    as of its own today; with `--project`, that one project alone."""
    from relrot.diff import every_project_changes, named_project_changes

    if session.project_id is not None:
        every = session.whole.projects()
        return named_project_changes(session.project, previous, session.today, horizon, every)
    given = session.given_today
    return every_project_changes(session.whole, previous, lambda p: p.today(given), horizon)


def _show(
    output: DiffFormat, changes: list[SeatChange], project: Project, previous: Project
) -> None:
    from relrot.render import diff as render

    if output is DiffFormat.json:
        sys.stdout.write(render.render_json(changes))
    elif output is DiffFormat.markdown:
        sys.stdout.write(render.render_markdown(changes, project.model, previous.model))
    else:
        sys.stdout.write(render.render_text(changes, project.model, previous.model))


class Approval(Struct, frozen=True):
    """Who approved (`--approved-by`, `--author`) and which moves need it (SPEC 5.5)."""

    approved_by: str
    author: str | None
    today: dt.date
    days: int


def _require_consent(
    project: Project, previous: Project, changes: list[SeatChange], approval: Approval
) -> None:
    """Exit 1 naming everyone moved within the consent days who has not approved."""
    from relrot.diff import consent
    from relrot.render import diff as render

    logins = [login.strip() for login in approval.approved_by.split(",") if login.strip()]
    missing = consent(
        project,
        previous,
        changes,
        logins,
        approval.author,
        today=approval.today,
        days=approval.days,
    )
    for person in missing:
        typer.echo(f"relrot: {render.consent_line(person)}", err=True)
    if missing:
        raise typer.Exit(EXIT_PROBLEMS)
