"""`relrot validate`: the check for CI and pre-commit."""

from __future__ import annotations

import enum
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from relrot.cli.app import EXIT_OK, EXIT_PROBLEMS
from relrot.cli.boundary import Session, boundary
from relrot.problems import Problem, RelrotError, UsageError


class ValidateFormat(str, enum.Enum):
    text = "text"
    github = "github"
    json = "json"


@boundary()
def validate(
    session: Session,
    output: Annotated[
        ValidateFormat, typer.Option("--format", help="text, github annotations, or json.")
    ] = ValidateFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    horizon: Annotated[
        int,
        typer.Option(
            "--horizon",
            min=0,
            help="How many releases from today to check (0: only the file "
            "and its pinned releases).",
        ),
    ] = 12,
) -> None:
    """Check the file and the coming releases (for CI).

    Exits 1 on errors (and on warnings with --strict); problems in releases before today
    are history and never fail.
    """
    from relrot.problems import has_errors
    from relrot.render import problems as render

    problems, source_line = _problems(session, horizon)
    valid = not has_errors(problems, strict=strict)
    if output is ValidateFormat.json:
        sys.stdout.write(render.render_json(problems, valid=valid))
    elif output is ValidateFormat.github:
        sys.stdout.write(render.render_github(problems))
    else:
        sys.stdout.write(render.render_text(problems, str(session.file), source_line))
    raise typer.Exit(EXIT_OK if valid else EXIT_PROBLEMS)


def _problems(session: Session, horizon: int) -> tuple[list[Problem], Callable[[int], str]]:
    """Every problem of the file, and its lines to show them with (also when it did not load)."""
    try:
        project = session.project
    except UsageError:
        raise
    except RelrotError as exc:
        return exc.problems, _raw_lines(session.file)
    report = project.check(session.today, horizon)
    loaded = project.loaded
    return report.problems, (loaded.line_text if loaded else _raw_lines(session.file))


def _raw_lines(path: Path) -> Callable[[int], str]:
    """Lines of a file that did not load, for showing next to its problems."""
    try:
        lines = path.read_bytes()[: 1 << 20].decode("utf-8", "replace").splitlines()
    except OSError:
        lines = []
    return lambda line: lines[line - 1] if 0 < line <= len(lines) else ""
