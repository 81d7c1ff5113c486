"""`relrot validate`: the check for CI and pre-commit."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated

import typer

from relrot.cli.app import EXIT_OK, EXIT_PROBLEMS
from relrot.cli.boundary import Session, boundary, fail_usage
from relrot.cli.checking import file_problems, inside_working_tree
from relrot.cli.guard import unguarded
from relrot.cli.options import CheckHorizonOption, StrictOption
from relrot.problems import Problem, UsageError


class ValidateFormat(str, enum.Enum):
    text = "text"
    github = "github"
    json = "json"


FilesArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="FILE",
        readable=False,  # relrot's reader says why a file cannot be read
        help="Files to check, each on its own (as pre-commit passes them); default: --file.",
        show_default=False,
    ),
]
ValidateFormatOption = Annotated[
    ValidateFormat, typer.Option("--format", help="text, github annotations, or json.")
]


@boundary(project=True)
def validate(
    session: Session,
    files: FilesArgument = None,
    output: ValidateFormatOption = ValidateFormat.text,
    strict: StrictOption = False,
    horizon: CheckHorizonOption = 12,
) -> None:
    """Check the file and the coming releases (for CI).

    Checks each FILE given (pre-commit passes the changed ones), else --file.
    Exits 1 on errors (and on warnings with --strict); problems in releases
    before today are history and never fail.
    """
    from relrot.problems import has_errors

    given, chosen = session.given_today, session.project_id
    checked = [Session(p, given, project_id=chosen) for p in files] if files else [session]
    found, unreadable = _check(checked, horizon, output)
    valid = not has_errors(found, strict=strict)
    _report(output, found, valid=valid and not unreadable)
    if unreadable:
        fail_usage(unreadable)
    raise typer.Exit(EXIT_OK if valid else EXIT_PROBLEMS)


def _check(
    checked: list[Session], horizon: int, output: ValidateFormat
) -> tuple[list[Problem], list[UsageError]]:
    """Every file's problems, and the files that could not be read; as text, each file's
    problems are written as they are found."""
    from relrot.render import problems as render

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
    return found, unreadable


def _report(output: ValidateFormat, found: list[Problem], *, valid: bool) -> None:
    """The formats written once, for every file together."""
    from relrot.render import problems as render

    if output is ValidateFormat.json:
        sys.stdout.write(render.render_json(found, valid=valid))
    elif output is ValidateFormat.github:
        # Annotations are workflow commands on purpose; their values are escaped.
        unguarded(sys.stdout).write(render.render_github(found))
