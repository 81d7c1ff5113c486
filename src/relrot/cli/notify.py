"""`relrot notify`: the notices due today for a team's chat, as Markdown lines or JSON."""

from __future__ import annotations

import enum
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from relrot.cli.boundary import Session, boundary
from relrot.cli.options import HorizonOption, SinceOption

if TYPE_CHECKING:
    from relrot.project import Project


class NotifyFormat(str, enum.Enum):
    markdown = "markdown"
    json = "json"


NotifyFormatOption = Annotated[
    NotifyFormat,
    typer.Option("--format", help="markdown (one line a notice, for a webhook) or json."),
]


@boundary()
def notify(
    session: Session,
    since: SinceOption = None,
    output: NotifyFormatOption = NotifyFormat.markdown,
    horizon: HorizonOption = 12,
) -> None:
    """Print the notices due today for the team's chat.

    Reminders to each release's crew project.remind_days before its duty window opens, and
    calls for volunteers for its empty seats; with --since, "your seat moved" for everyone
    the change from BASE moves, and the reminders missed by who became crew since.
    """
    from relrot.notify import notices
    from relrot.render import notify as render

    project = session.project
    base = _base(since, session)
    due = notices(project, session.today, base, horizon)
    rosters = (project.model,) if base is None else (project.model, base.model)
    show = render.render_json if output is NotifyFormat.json else render.render_markdown
    sys.stdout.write(show(due, *rosters))


def _base(since: str | None, session: Session) -> Project | None:
    if since is None:
        return None
    from relrot.git_base import base_project

    return base_project(since, session.file)
