"""`relrot site DIR`: the static page, the calendar and the JSON plan, written to a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from relrot.cli.boundary import Session, boundary
from relrot.cli.options import CountOption
from relrot.problems import UsageError

DirectoryArgument = Annotated[
    Path, typer.Argument(metavar="DIR", help="The folder to write (created if missing).")
]
FromOption = Annotated[
    str | None,
    typer.Option(
        "--from", help="First release shown: a date, a version or a number. Default: today."
    ),
]


@boundary()
def site(
    session: Session, directory: DirectoryArgument, start: FromOption = None, count: CountOption = 8
) -> None:
    """Write a static site: index.html, rotation.ics and plan.json.

    One self-contained page (no script, nothing from the network): who is on duty, the
    timeline of stints, the plan table and a link to subscribe to the calendar.
    """
    from relrot.references import Question
    from relrot.render.site import site_files

    project, today = session.project, session.today
    asked = today.isoformat() if start is None else start
    first = project.release(asked, Question.FROM, crewed=False, today=today)
    rows = project.rows(first.number, count)
    now = project.release(today, Question.FROM, crewed=True, today=today)
    current = project.rows(now.number, 1)[0]
    files = site_files(rows, project.model, current, today)
    _write(directory, files)
    typer.echo(f"wrote {', '.join(files)} to {directory}", err=True)


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
