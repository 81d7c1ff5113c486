"""Commands that show the plan: plan, who, issue, diff, schema."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from relrot.cli.app import EXIT_PROBLEMS
from relrot.cli.boundary import HorizonOption, Session, boundary, console

if TYPE_CHECKING:
    from relrot.model import RotationFile
    from relrot.plan import Release
    from relrot.project import Project


class PlanFormat(str, enum.Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    ics = "ics"
    mermaid = "mermaid"
    mermaid_gantt = "mermaid-gantt"


@boundary()
def plan(
    session: Session,
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="First release to show: a date (the first release whose duty window ends on or "
            "after it), a version or a number. Default: today.",
        ),
    ] = None,
    count: Annotated[int, typer.Option("--count", "-n", min=1, help="How many releases.")] = 6,
    output: Annotated[
        PlanFormat, typer.Option("--format", help="Output format.")
    ] = PlanFormat.table,
) -> None:
    """Show the crew of the coming releases.

    Pilot, co-pilot and jump seat of each release, from today or `--from`.
    """
    from relrot.references import Question

    project, today = session.project, session.today
    asked = today.isoformat() if start is None else start
    first = project.release(asked, Question.FROM, crewed=False, today=today)
    if output is not PlanFormat.table:
        sys.stdout.write(render_plan(output, project.rows(first.number, count), project.model))
        return
    from relrot.render.table import build_table

    # The same report `relrot validate` reads, so the two never disagree; checked first, its
    # plan also holds the rows shown from today.
    report = project.check(today)
    shown = project.rows(first.number, count)
    console().print(build_table(shown, project.model, f"Release plan from {project.path}"))
    if report.errors:
        typer.echo(
            f"{len(report.errors)} problem(s) in {project.path}; run `relrot validate` for details",
            err=True,
        )


def render_plan(output: PlanFormat, releases: list[Release], rotation: RotationFile) -> str:
    """Every plan format but the table, which needs a console."""
    if output is PlanFormat.json:
        from relrot.render import json_format

        return json_format.render(releases)
    if output is PlanFormat.markdown:
        from relrot.render import markdown

        return markdown.render(releases, rotation)
    if output is PlanFormat.csv:
        from relrot.render import csv_format

        return csv_format.render(releases)
    if output is PlanFormat.ics:
        from relrot.render import ics

        return ics.render(releases, rotation)
    from relrot.render import mermaid

    if output is PlanFormat.mermaid:
        return mermaid.flowchart(releases, rotation)
    return mermaid.gantt(releases, rotation)


class WhoFormat(str, enum.Enum):
    text = "text"
    json = "json"


@boundary()
def who(
    session: Session,
    when: Annotated[
        str | None,
        typer.Argument(
            metavar="[DATE|VERSION]",
            help="A date (default today) or a version; a patch version such as 26.3.1 "
            "answers with its regular release.",
        ),
    ] = None,
    output: Annotated[WhoFormat, typer.Option("--format", help="text or json.")] = WhoFormat.text,
) -> None:
    """Show who is on duty on a date or for a version.

    The release whose duty window holds DATE (default today), else the next one.
    """
    from relrot.references import Question
    from relrot.render.who import render_json, render_text

    project = session.project
    asked = session.today.isoformat() if when is None else when
    found = project.release(asked, Question.FROM, crewed=True, today=session.today)
    release = project.rows(found.number, 1)[0]
    if output is WhoFormat.json:
        sys.stdout.write(render_json(release))
    else:
        sys.stdout.write(render_text(release, project.model, asked))


@boundary(clock=False)
def issue(
    session: Session,
    version: Annotated[str, typer.Argument(help="The release: version, number or date.")],
) -> None:
    """Print the body of a release's tracking issue.

    Markdown: the crew with @handles, the timeline as a checklist, who to contact; or the
    team's own template (`project.issue_template`) filled in.
    """
    from relrot.render.issue import for_release

    sys.stdout.write(for_release(session.project, version))


class DiffFormat(str, enum.Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


@boundary()
def diff(
    session: Session,
    base: Annotated[
        str,
        typer.Argument(
            help="The file to compare with: a path, or git:REV for the rotation file at a "
            "git revision."
        ),
    ],
    output: Annotated[
        DiffFormat, typer.Option("--format", help="text, markdown (for a PR comment), json.")
    ] = DiffFormat.text,
    horizon: HorizonOption = 12,
    approved_by: Annotated[
        str | None,
        typer.Option(
            "--approved-by",
            metavar="LOGIN,...",
            help="GitHub logins that approved the change: exit 1 naming everyone it moves "
            "who is not among them.",
        ),
    ] = None,
    author: Annotated[
        str | None,
        typer.Option(
            "--author", metavar="LOGIN", help="The change's author, who approves their own seats."
        ),
    ] = None,
) -> None:
    """Show who a roster change moves.

    Seats that differ between the plan of BASE and the plan of the file, release by release.
    With --approved-by, exits 1 when someone moved has not approved (SPEC 5.5).
    """
    from relrot.diff import consent, plan_changes
    from relrot.render import diff as render

    project = session.project
    previous = _base_project(base, session.file)
    changes = plan_changes(project, previous, session.today, horizon)
    if output is DiffFormat.json:
        sys.stdout.write(render.render_json(changes))
    elif output is DiffFormat.markdown:
        sys.stdout.write(render.render_markdown(changes, project.model, previous.model))
    else:
        sys.stdout.write(render.render_text(changes, project.model, previous.model))
    if approved_by is None:
        return
    logins = [login.strip() for login in approved_by.split(",") if login.strip()]
    missing = consent(project, previous, changes, logins, author)
    for person in missing:
        typer.echo(f"relrot: {render.consent_line(person)}", err=True)
    if missing:
        raise typer.Exit(EXIT_PROBLEMS)


def _base_project(base: str, current: Path) -> Project:
    """BASE as a project: a file, or `git:REV` for the rotation file at a git revision."""
    from relrot.project import Project

    if not base.startswith("git:"):
        return Project.load(base)
    from relrot.git_base import at_revision

    return at_revision(base.removeprefix("git:") or "HEAD", current).load()


def schema() -> None:
    """Print the JSON Schema of the rotation file.

    For editors (yaml-language-server) and other tools.
    """
    from relrot.schema import json_schema

    sys.stdout.write(json_schema())
