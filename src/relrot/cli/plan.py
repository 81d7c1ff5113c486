"""`relrot plan`: the crew of the coming releases, as a table or in a format for tools."""

from __future__ import annotations

import enum
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from relrot.cli.boundary import Session, boundary, console
from relrot.cli.options import CountOption
from relrot.problems import UsageError
from relrot.render.table import build_table

if TYPE_CHECKING:
    import datetime as dt

    from relrot.model import RotationFile
    from relrot.plan import Release
    from relrot.project import Project

    # Each project of a file with `projects:` and the rows of it shown, in planning order.
    Parts = list[tuple[Project, list[Release]]]


class PlanFormat(str, enum.Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    ics = "ics"
    mermaid = "mermaid"
    mermaid_gantt = "mermaid-gantt"


FromOption = Annotated[
    str | None,
    typer.Option(
        "--from",
        help="First release to show: a date (the first release whose duty window ends on or "
        "after it), a version or a number. Default: today.",
    ),
]
PlanFormatOption = Annotated[PlanFormat, typer.Option("--format", help="Output format.")]


@boundary(project=True)
def plan(
    session: Session,
    start: FromOption = None,
    count: CountOption = 6,
    output: PlanFormatOption = PlanFormat.table,
) -> None:
    """Show the crew of the coming releases.

    Pilot, co-pilot and jump seat of each release, from today or `--from`.
    """
    from relrot.references import Question

    if session.project_id is None and session.whole.model.projects:
        _portfolio(session, start, count, output)
        return
    project, today = session.project, session.today
    asked = today.isoformat() if start is None else start
    first = project.release(asked, Question.FROM, crewed=False, today=today)
    if output is not PlanFormat.table:
        rows = project.rows(first.number, count)
        sys.stdout.write(render_plan(output, rows, project.model, today, project.id or ""))
        return
    _table(session, first.number, count)


def _portfolio(session: Session, start: str | None, count: int, output: PlanFormat) -> None:
    """Every project of a file with `projects:` (SPEC 6): `count` releases of each from
    `--from`, in planning order, each row naming its project."""
    parts: Parts = []
    problems = 0
    for project in session.projects():
        today = project.today(session.given_today)
        first = first_of(project, start, today)
        if output is PlanFormat.table:
            problems += len(project.check(today).errors)
        parts.append((project, project.rows(first, count)))
    whole = session.whole
    if output is not PlanFormat.table:
        sys.stdout.write(render_portfolio(output, parts, whole.model, session.today))
        return
    rows = [(project.id or "", r) for project, releases in parts for r in releases]
    title = f"Release plan from {whole.path}"
    console().print(build_table([r for _, r in rows], whole.model, title, [p for p, _ in rows]))
    if problems:
        typer.echo(
            f"{problems} problem(s) in {whole.path}; run `relrot validate` for details", err=True
        )


def first_of(project: Project, start: str | None, today: dt.date) -> int:
    """The number of the first release of one project of several to show from `--from`."""
    from relrot.references import Question

    asked = today.isoformat() if start is None else start
    try:
        return project.release(asked, Question.FROM, crewed=False, today=today).number
    except UsageError as exc:
        if start is None:
            raise
        raise UsageError(
            f"--from {start} is not a release of every project ({exc.problems[0].message}): "
            "add --project to start one project there, or give a date",
            names_file=False,
        ) from None


def render_portfolio(
    output: PlanFormat, parts: Parts, rotation: RotationFile, today: dt.date
) -> str:
    """The plan of several projects in a format for tools: each row names its project; one
    calendar holds every project's events, as the site's does (SPEC 6)."""
    releases = [r for _, found in parts for r in found]
    projects = [p.id or "" for p, found in parts for _ in found]
    if output is PlanFormat.ics:
        return _calendar(parts, rotation, today)
    if output is PlanFormat.json:
        from relrot.render import json_format

        return json_format.render(releases, projects)
    if output is PlanFormat.csv:
        from relrot.render import csv_format

        return csv_format.render(releases, rotation.roles, projects)
    if output is PlanFormat.markdown:
        from relrot.render import markdown

        return markdown.render(releases, rotation, projects)
    raise UsageError(
        f"--format {output.value} shows one project; name it with --project",
        names_file=False,
    )


def _calendar(parts: Parts, rotation: RotationFile, today: dt.date) -> str:
    """One calendar of every project's releases, as the site's."""
    from relrot.render import ics

    sections = [ics.Section(found, p.model, p.id or "") for p, found in parts]
    return ics.render_sections(sections, ics.calendar_name(rotation), today=today)


def _table(session: Session, first: int, count: int) -> None:
    """The plan as a table, and a line on standard error when the file has errors."""

    project = session.project
    # The same report `relrot validate` reads, so the two never disagree; checked first, its
    # plan also holds the rows shown from today.
    report = project.check(session.today)
    shown = project.rows(first, count)
    console().print(build_table(shown, project.model, f"Release plan from {project.path}"))
    if report.errors:
        typer.echo(
            f"{len(report.errors)} problem(s) in {project.path}; run `relrot validate` for details",
            err=True,
        )


def render_plan(
    output: PlanFormat,
    releases: list[Release],
    rotation: RotationFile,
    today: dt.date,
    project: str = "",
) -> str:
    """Every plan format but the table; no calendar revision is dated after `today`;
    `project`: the id of one project of several, which its calendar's UIDs carry."""
    if output is PlanFormat.ics:
        from relrot.render import ics

        return ics.render(releases, rotation, today=today, project=project)
    return _render_plain(output, releases, rotation)


def _render_plain(output: PlanFormat, releases: list[Release], rotation: RotationFile) -> str:
    """The formats that read the plan alone."""
    if output is PlanFormat.json:
        from relrot.render import json_format

        return json_format.render(releases)
    if output is PlanFormat.markdown:
        from relrot.render import markdown

        return markdown.render(releases, rotation)
    if output is PlanFormat.csv:
        from relrot.render import csv_format

        return csv_format.render(releases, rotation.roles)
    from relrot.render import mermaid

    if output is PlanFormat.mermaid:
        return mermaid.flowchart(releases, rotation)
    return mermaid.gantt(releases, rotation)
