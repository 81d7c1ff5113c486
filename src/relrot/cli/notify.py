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


@boundary(project=True)
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

    if session.several:
        _portfolio(session, _base(since, session), output, horizon)
        return
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


def _portfolio(session: Session, base: Project | None, output: NotifyFormat, horizon: int) -> None:
    """The notices of every project (SPEC 6), project by project in planning order, each
    project's `remind_days` its own; ids open with the project's id."""
    from msgspec.structs import replace

    from relrot.notify import notices
    from relrot.render.notify import Section, render_sections

    sections: list[Section] = []
    for project in session.projects():
        before = _same_project(base, project.id)
        due = notices(project, project.today(session.given_today), before, horizon)
        rosters = (project.model,) if before is None else (project.model, before.model)
        sections.append(([replace(n, project=project.id) for n in due], rosters))
    sys.stdout.write(render_sections(sections, output.value))


def _same_project(base: Project | None, project_id: str | None) -> Project | None:
    """The base file's project with this id; a project the base did not have has no base."""
    if base is None or project_id is None or not base.model.projects:
        return None
    return next((p for p in base.projects() if p.id == project_id), None)
