"""`relrot who`: who is on duty on a date or for a version."""

from __future__ import annotations

import enum
import re
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from relrot.cli.boundary import Session, boundary
from relrot.problems import UsageError

if TYPE_CHECKING:
    from relrot.project import Project


class WhoFormat(str, enum.Enum):
    text = "text"
    json = "json"


WhenArgument = Annotated[
    str | None,
    typer.Argument(
        metavar="[DATE|VERSION]",
        help="A date (default today) or a version; a patch version such as 26.3.1 "
        "answers with its regular release.",
    ),
]
WhoFormatOption = Annotated[WhoFormat, typer.Option("--format", help="text or json.")]


@boundary(project=True)
def who(
    session: Session, when: WhenArgument = None, output: WhoFormatOption = WhoFormat.text
) -> None:
    """Show who is on duty on a date or for a version.

    Every release whose duty window holds DATE (default today), else the next one; in a
    file with `projects:`, each project's (or the one --project names).
    """
    from relrot.duty import on_duty
    from relrot.render.who import render_json, render_text

    if session.several:
        _portfolio(session, when, output)
        return
    asked = session.today.isoformat() if when is None else when
    duty = on_duty(session.project, asked, session.today)
    if output is WhoFormat.json:
        sys.stdout.write(render_json(duty.releases[0]))
    else:
        sys.stdout.write(render_text(duty, session.project.model))


def _portfolio(session: Session, when: str | None, output: WhoFormat) -> None:
    """Every project's crew on duty (SPEC 6), in planning order, each named."""
    from relrot.duty import on_duty
    from relrot.render.who import render_portfolio_json, render_portfolio_text

    answers, refused = [], []
    for project in _answering(session, when):
        today = project.today(session.given_today)
        asked = today.isoformat() if when is None else when
        try:
            answers.append((project, on_duty(project, asked, today)))
        except UsageError as exc:
            # A version names a release of some projects only: those answer.
            refused.append(exc)
    if not answers:
        raise refused[0]
    if output is WhoFormat.json:
        sys.stdout.write(render_portfolio_json(answers))
    else:
        sys.stdout.write(render_portfolio_text(answers))


def _answering(session: Session, when: str | None) -> list[Project]:
    """The projects that answer WHEN: all of them for a date or a number; for a version,
    those it names within twenty years, an on-demand project's only where no cadence project
    has it (SPEC 6: `{yy}` reads a plugin's 0.1.5 as a release of 2100)."""
    from relrot.cli.boundary import ships

    projects = session.projects()
    if when is None or re.fullmatch(r"[0-9]+|[0-9]{4}-[0-9]{2}-[0-9]{2}", when.strip()):
        return projects
    return [p for p in projects if ships(p, when, session.given_today)] or projects
