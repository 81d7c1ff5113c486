"""What `validate` and `ci` share: a file's problems, and the refusal of a link out of the
checkout."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from relrot.problems import Problem, RelrotError, UsageError

if TYPE_CHECKING:
    from relrot.cli.boundary import Session


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
    if project.several or project.model.projects:
        # Every project of the file (or the one named), with `double-duty` (SPEC 6).
        portfolio = session.whole.portfolio
        problems = portfolio.check(session.given_today, horizon, session.project_id)
    else:
        problems = project.check(session.today, horizon).problems
    loaded = project.loaded
    if loaded is None:
        return problems, _raw_lines(session.file)
    # A job's log is read beyond the terminal: it quotes no away reason (SPEC 5).
    in_ci = os.environ.get("GITHUB_ACTIONS") == "true"
    return problems, (loaded.masked_line if in_ci else loaded.line_text)


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
