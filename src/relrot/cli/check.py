"""`relrot validate`: the check for CI and pre-commit."""

from __future__ import annotations

import enum
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from relrot.cli.app import EXIT_OK, EXIT_PROBLEMS
from relrot.cli.boundary import CheckHorizonOption, Session, StrictOption, boundary, fail_usage
from relrot.cli.guard import unguarded
from relrot.problems import Problem, RelrotError, UsageError


class ValidateFormat(str, enum.Enum):
    text = "text"
    github = "github"
    json = "json"


@boundary()
def validate(
    session: Session,
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="FILE",
            readable=False,  # relrot's reader says why a file cannot be read
            help="Files to check, each on its own (as pre-commit passes them); default: --file.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        ValidateFormat, typer.Option("--format", help="text, github annotations, or json.")
    ] = ValidateFormat.text,
    strict: StrictOption = False,
    horizon: CheckHorizonOption = 12,
) -> None:
    """Check the file and the coming releases (for CI).

    Checks each FILE given (pre-commit passes the changed ones), else --file.
    Exits 1 on errors (and on warnings with --strict); problems in releases
    before today are history and never fail.
    """
    from relrot.problems import has_errors
    from relrot.render import problems as render

    checked = [Session(path, session.given_today) for path in files] if files else [session]
    if output is ValidateFormat.github:
        for each in checked:
            inside_working_tree(each.file)
    found: list[Problem] = []
    unreadable: list[UsageError] = []
    for each in checked:
        try:
            problems, source_line = file_problems(each, horizon)
        except UsageError as exc:
            # One unreadable file must not hide the others' problems; it still exits 2.
            unreadable.append(exc.about(str(each.file)))
            continue
        found += problems
        if output is ValidateFormat.text:
            # Written file by file, and only for text: the other formats never build it.
            sys.stdout.write(render.render_text(problems, str(each.file), source_line))
    valid = not has_errors(found, strict=strict)
    if output is ValidateFormat.json:
        sys.stdout.write(render.render_json(found, valid=valid and not unreadable))
    elif output is ValidateFormat.github:
        # Annotations are workflow commands on purpose; their values are escaped.
        unguarded(sys.stdout).write(render.render_github(found))
    if unreadable:
        fail_usage(unreadable)
    raise typer.Exit(EXIT_OK if valid else EXIT_PROBLEMS)


def inside_working_tree(file: Path) -> None:
    """In CI a pull request controls the file: a link out of the checkout (say, to
    /etc/passwd) must not have relrot read, and quote, what it points at."""
    root = Path(os.environ.get("GITHUB_WORKSPACE") or Path.cwd()).resolve()
    real = file.resolve()
    followed_a_link = Path(os.path.abspath(file)) != real  # noqa: PTH100 - no link followed
    if followed_a_link and not real.is_relative_to(root):
        # Where it leads is not shown: the link's author chose that text too.
        raise UsageError(
            f"{file} is a link that leads outside the working tree {root}; with --format "
            "github relrot reads no file a link leads out of the checkout to",
            file=str(file),
        )


def file_problems(session: Session, horizon: int) -> tuple[list[Problem], Callable[[int], str]]:
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
    from relrot.yamlfile.read import read_in_repository

    # Read as the loader read it: the name may lead somewhere else (a FIFO, a link out of
    # the checkout) by now.
    try:
        lines = read_in_repository(path).decode("utf-8", "replace").splitlines()
    except UsageError:
        lines = []
    return lambda line: lines[line - 1] if 0 < line <= len(lines) else ""
