"""`relrot stats`: is the rotation fair?"""

from __future__ import annotations

import enum
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from relrot.cli.boundary import Session, boundary, console

if TYPE_CHECKING:
    from relrot.fairness import Fairness
    from relrot.fairness_portfolio import ProjectFairness
    from relrot.project import Project


class StatsFormat(str, enum.Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


FromOption = Annotated[
    str | None,
    typer.Option(
        "--from",
        help="First release counted: a date, a version or a number. Default: release 1, "
        "so pinned history counts.",
    ),
]
CountOption = Annotated[
    int | None,
    typer.Option(
        "--count",
        "-n",
        min=1,
        help="How many releases. Default: through the 12 releases from today.",
    ),
]
StatsFormatOption = Annotated[
    StatsFormat, typer.Option("--format", help="table, json or markdown.")
]


@boundary(project=True)
def stats(
    session: Session,
    start: FromOption = None,
    count: CountOption = None,
    output: StatsFormatOption = StatsFormat.table,
) -> None:
    """Show whether the load is fair.

    Seats per member over pinned history and the plan, the team's spread, standard
    deviation and Gini coefficient, and why the load is uneven where the file makes it so.
    """
    if session.several:
        _portfolio(session, start, count, output)
        return
    project = session.project
    report = project.stats(session.today, start, count)
    if report is None:
        typer.echo("no release ships in these releases: nothing to count", err=True)
        return
    _show(output, report, project)


def _portfolio(session: Session, start: str | None, count: int | None, output: StatsFormat) -> None:
    """Seats per member in each project and in total (SPEC 6); `--from` and `--count` apply
    to each project as to a file of its own."""
    from relrot.fairness_portfolio import portfolio_fairness
    from relrot.render import stats_portfolio as render

    reports = _reports(session, start, count)
    if not reports:
        typer.echo("no release ships in these releases: nothing to count", err=True)
        return
    whole = session.whole
    report = portfolio_fairness(reports, whole.model)
    if output is StatsFormat.json:
        sys.stdout.write(render.render_json(report))
    elif output is StatsFormat.markdown:
        sys.stdout.write(render.render_markdown(report, whole.model))
    else:
        console().print(
            render.build_table(report, whole.model, f"Seats per member from {whole.path}")
        )


def _reports(session: Session, start: str | None, count: int | None) -> list[ProjectFairness]:
    """Each project's own numbers, from the same `--from` in each; none where none ships."""
    from relrot.cli.plan import first_of
    from relrot.fairness_portfolio import ProjectFairness

    reports = []
    for project in session.projects():
        today = project.today(session.given_today)
        first = None if start is None else str(first_of(project, start, today))
        numbers = project.stats(today, first, count)
        if numbers is not None:
            key = project.id or ""
            reports.append(ProjectFairness(key, project.model.project.name or key, numbers))
    return reports


def _show(output: StatsFormat, report: Fairness, project: Project) -> None:
    from relrot.render import stats as render

    if output is StatsFormat.json:
        sys.stdout.write(render.render_json(report))
    elif output is StatsFormat.markdown:
        sys.stdout.write(render.render_markdown(report, project.model))
    else:
        title = f"Seats per member from {project.path}"
        console().print(render.build_table(report, project.model, title))
