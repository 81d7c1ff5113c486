"""`relrot init`: a starter rotation file for a new team."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from relrot.cli.boundary import Session, boundary
from relrot.problems import UsageError

PathArgument = Annotated[
    Path | None,
    typer.Argument(help="Where to write the file (default: the --file path)."),
]
ProjectsFlag = Annotated[
    bool,
    typer.Option(
        "--projects",
        help="Write a portfolio instead: conda, conda-build released with it and a plugin "
        "on demand.",
    ),
]


@boundary()
def init(session: Session, path: PathArgument = None, projects: ProjectsFlag = False) -> None:
    """Write a starter rotation.yaml; never overwrites.

    Commented, with conda's cadence and a placeholder roster; with --projects, one team
    releasing several projects (docs/projects.md).
    """
    from relrot.starter import portfolio_text, starter_text
    from relrot.yamlfile.atomic import create_file

    target = path or session.file
    text = (portfolio_text if projects else starter_text)(session.given_today or dt.date.today())
    try:
        create_file(target, text)
    except FileExistsError:
        raise UsageError(
            f"{target} already exists; relrot init never overwrites a file", file=str(target)
        ) from None
    except OSError as exc:
        raise UsageError(f"{target}: cannot write: {exc.strerror or exc}") from None
    typer.echo(f"wrote {target}: edit the roster, then run `relrot validate`", err=True)
