"""`relrot issue`: the body of a release's tracking issue, or its title, body and assignees."""

from __future__ import annotations

import enum
import sys
from typing import Annotated

import typer

from relrot.cli.boundary import Session, boundary, ships
from relrot.cli.options import ReleaseArgument


class IssueFormat(str, enum.Enum):
    text = "text"
    json = "json"


IssueFormatOption = Annotated[
    IssueFormat,
    typer.Option("--format", help="text (the Markdown body) or json (title, body, assignees)."),
]


@boundary(project=True)
def issue(
    session: Session, version: ReleaseArgument, output: IssueFormatOption = IssueFormat.text
) -> None:
    """Print the body of a release's tracking issue.

    Markdown: the crew with @handles, the timeline as a checklist, who to contact; or the
    team's own template (`project.issue_template`) filled in. Its first sentence follows
    --today: planned, in progress, shipped.
    """
    from relrot.render.issue import as_json, for_release

    render = as_json if output is IssueFormat.json else for_release
    project = session.naming(version, lambda p: ships(p, version, session.given_today))
    sys.stdout.write(render(project, version, project.today(session.given_today)))
