"""`relrot site DIR`: the static page, the calendar and the JSON plan, written to a folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from relrot.cli.boundary import Session, boundary
from relrot.cli.options import CountOption
from relrot.problems import UsageError

if TYPE_CHECKING:
    import datetime as dt

    from relrot.plan import Release
    from relrot.project import Project
    from relrot.render.ics import Previous

DirectoryArgument = Annotated[
    Path, typer.Argument(metavar="DIR", help="The folder to write (created if missing).")
]
FromOption = Annotated[
    str | None,
    typer.Option(
        "--from", help="First release shown: a date, a version or a number. Default: today."
    ),
]


@boundary(project=True)
def site(
    session: Session, directory: DirectoryArgument, start: FromOption = None, count: CountOption = 8
) -> None:
    """Write a static site: index.html, rotation.ics and plan.json.

    One self-contained page (no script, nothing from the network): who is on duty, the
    timeline of stints, the plan table and a link to subscribe to the calendar. A
    rotation.ics already in DIR is read back, so changed events get a higher SEQUENCE.
    """
    from relrot.render.site import site_files

    if session.several:
        files = _portfolio(session, directory, start, count)
    else:
        project, today = session.project, session.today
        rows, current, history = _releases(project, today, start, count)
        previous = _previous(directory)
        files = site_files(rows, project.model, current, today, history=history, previous=previous)
    _write(directory, files)
    typer.echo(f"wrote {', '.join(files)} to {directory}", err=True)


def _portfolio(session: Session, directory: Path, start: str | None, count: int) -> dict[str, str]:
    """Every project's part of the site (SPEC 6), in planning order; `--from` means the same
    in each project, as in `plan`."""
    from relrot.cli.plan import first_of
    from relrot.render.site_portfolio import ProjectSite, site_files

    parts = []
    for project in session.projects():
        today = project.today(session.given_today)
        first = str(first_of(project, start, today))
        rows, current, history = _releases(project, today, first, count)
        parts.append(ProjectSite(project.id or "", project.model, rows, current, history))
    return site_files(
        parts, session.whole.today(session.given_today), previous=_previous(directory)
    )


def _releases(
    project: Project, today: dt.date, start: str | None, count: int
) -> tuple[list[Release], Release, list[Release]]:
    """The rows shown, the release on duty (or next), and the calendar's releases: every one
    from the first, so past releases stay in subscribers' calendars."""
    from relrot.references import Question

    asked = today.isoformat() if start is None else start
    first = project.release(asked, Question.FROM, crewed=False, today=today)
    rows = project.rows(first.number, count)
    now = project.release(today, Question.FROM, crewed=True, today=today)
    current = project.rows(now.number, 1)[0]
    return rows, current, project.rows(1, max(rows[-1].number, current.number))


def _previous(directory: Path) -> Previous | None:
    """The calendar published last time, if DIR holds one. A link there is not followed: what
    is already in DIR is replaced, never read through."""
    from relrot.render.ics import MAX_CALENDAR_BYTES, read_previous
    from relrot.render.site import CALENDAR_FILE
    from relrot.yamlfile.read import read_source

    path = directory / CALENDAR_FILE
    if path.is_symlink() or not path.exists():
        return None
    return read_previous(read_source(path, MAX_CALENDAR_BYTES), str(path))


def _write(directory: Path, files: dict[str, str]) -> None:
    """Each file into DIR, made if missing."""
    from relrot.yamlfile.atomic import replace_file

    try:
        directory.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            # DIR is the user's to name; what is already in it is not: a link planted at
            # DIR/index.html is replaced, never written through.
            replace_file(directory / name, text.encode("utf-8"))
    except OSError as exc:
        raise UsageError(f"{directory}: cannot write: {exc.strerror or exc}") from None
