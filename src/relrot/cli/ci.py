"""`relrot ci`: the roster check of a GitHub Actions job (what `action.yml` runs)."""

from __future__ import annotations

import enum
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from relrot.cli.app import EXIT_OK, EXIT_PROBLEMS
from relrot.cli.boundary import CheckHorizonOption, Session, StrictOption, boundary
from relrot.cli.check import inside_working_tree
from relrot.cli.guard import defused, unguarded

if TYPE_CHECKING:
    from relrot.github import Gh


class CommentMode(str, enum.Enum):
    auto = "auto"
    always = "always"
    never = "never"


@boundary()
def ci(
    session: Session,
    strict: StrictOption = False,
    horizon: CheckHorizonOption = 12,
    comment: Annotated[
        CommentMode,
        typer.Option(
            "--comment",
            help="Comment on the pull request: auto (when the token may write), always, never.",
        ),
    ] = CommentMode.auto,
    require_consent: Annotated[
        bool,
        typer.Option(
            "--require-consent",
            help="Fail unless everyone whose seat moves approved the pull request.",
        ),
    ] = False,
) -> None:
    """Check a roster pull request in GitHub Actions.

    Validates the file (annotations), compares its plan with the pull request's base,
    writes the report to the job summary and, when the token may write, to one comment
    kept up to date. Exits 1 when the file has errors (or consent is missing).
    """
    from relrot import github
    from relrot.render import problems as render

    # The pull request controls the file: a link out of the checkout is not read.
    inside_working_tree(session.file)
    event = github.read_event(os.environ)
    pull = event.pull_request
    gh = github.Gh(event.repository or "", pull.number) if pull and event.repository else None
    outcome = github.examine(
        session.file,
        event,
        today=lambda project: project.today(session.given_today),
        horizon=horizon,
        strict=strict,
        approvals=gh.approvers if require_consent and gh else None,
    )
    if require_consent and gh is None:
        outcome.consent_required = True
        outcome.consent_unknown = "this job does not run for a pull request"
    # Annotations are workflow commands on purpose; their values are escaped.
    unguarded(sys.stdout).write(render.render_github(outcome.problems))
    whole = defused(github.compose_report(outcome))
    # The comment, and the summary beside it, must fit GitHub's limit; the log takes it all.
    report, cut = github.fitted(whole)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with Path(summary).open("a", encoding="utf-8") as handle:
            handle.write(report)
        typer.echo(f"relrot: the report is in the job summary ({outcome.file})")
        if cut:
            typer.echo("relrot: the report is too long for a comment; the job summary and the")
            typer.echo("comment end where it is cut, and here is all of it:\n")
            sys.stdout.write(whole)
    else:
        sys.stdout.write(whole)
    wanted = comment is CommentMode.always or (
        comment is CommentMode.auto and event.token_may_write
    )
    if gh is not None and wanted:
        _comment(gh, report, outcome.file)
    elif pull is not None and comment is CommentMode.auto:
        typer.echo("relrot: no comment: the token of a pull request from a fork is read-only")
    raise typer.Exit(EXIT_OK if outcome.passed else EXIT_PROBLEMS)


def _comment(gh: Gh, report: str, file: str) -> None:
    """Post or edit the comment; a failure is said, never the check's failure."""
    from relrot import github

    try:
        with tempfile.TemporaryDirectory() as scratch:
            done = gh.upsert_comment(report, github.marker(file), Path(scratch))
    except github.GhError as exc:
        typer.echo(
            f"relrot: warning: the pull request comment failed ({exc}); "
            "the report is in the job summary",
            err=True,
        )
        return
    typer.echo(f"relrot: comment {done} on pull request #{gh.number}")
