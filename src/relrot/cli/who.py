"""`relrot who`: who is on duty on a date or for a version."""

from __future__ import annotations

import enum
import sys
from typing import Annotated

import typer

from relrot.cli.boundary import Session, boundary


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


@boundary()
def who(
    session: Session, when: WhenArgument = None, output: WhoFormatOption = WhoFormat.text
) -> None:
    """Show who is on duty on a date or for a version.

    Every release whose duty window holds DATE (default today), else the next one.
    """
    from relrot.duty import on_duty
    from relrot.render.who import render_json, render_text

    asked = session.today.isoformat() if when is None else when
    duty = on_duty(session.project, asked, session.today)
    if output is WhoFormat.json:
        sys.stdout.write(render_json(duty.releases[0]))
    else:
        sys.stdout.write(render_text(duty, session.project.model))
