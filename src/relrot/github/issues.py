"""The repository's issues through `gh`: listing them for `sync`, and carrying out its
operations with `gh issue create` and `gh issue edit` (SPEC 5.6). gh finds the repository
as it always does (`GH_REPO`, else the checkout's remote) and the token in `GH_TOKEN`."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from relrot.github.gh import GhError, run_gh

if TYPE_CHECKING:
    from relrot.sync import Operation

# What `sync` reads: every issue, open or closed, with what it compares and edits.
LIST = [
    "issue",
    "list",
    "--state",
    "all",
    "--limit",
    "1000",
    "--json",
    "number,title,body,url,state,assignees",
]


def list_issues(repository: str | None = None) -> str:
    """The JSON `gh issue list` prints for `sync`: of `repository`, else of the one gh
    finds."""
    return run_gh([*LIST, *_repo(repository)])


def _repo(repository: str | None) -> list[str]:
    return ["--repo", repository] if repository else []


def carry_out(operation: Operation) -> str:
    """Create or edit the issue; what gh printed (a new issue's URL) on one line."""
    with tempfile.TemporaryDirectory() as scratch:
        args = _arguments(operation, Path(scratch) / "relrot-issue.md")
        return run_gh(args).strip()


def _arguments(operation: Operation, body_file: Path) -> list[str]:
    if operation.body is not None:
        try:
            # Bytes as they are: a CRLF body stays CRLF.
            body_file.write_bytes(operation.body.encode("utf-8"))
        except OSError as exc:
            raise GhError(f"cannot write the issue body for gh: {exc.strerror or exc}") from None
    body = ["--body-file", str(body_file)] if operation.body is not None else []
    if operation.op == "create":
        assign = (
            ["--assignee", ",".join(operation.assignees_add)] if operation.assignees_add else []
        )
        where = _repo(operation.repository)
        return ["issue", "create", *where, "--title", operation.title, *body, *assign]
    add = ["--add-assignee", ",".join(operation.assignees_add)] if operation.assignees_add else []
    remove = (
        ["--remove-assignee", ",".join(operation.assignees_remove)]
        if operation.assignees_remove
        else []
    )
    where = _repo(operation.repository)
    return ["issue", "edit", str(operation.number), *where, *body, *add, *remove]
