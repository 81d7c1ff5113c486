"""`relrot ci`: the roster check of a GitHub Actions job (what `action.yml` runs).

An adapter: read the event, examine the pull request, render the report, write it to the job
summary and the comment, exit with the verdict.
"""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from relrot.cli.app import EXIT_OK, EXIT_PROBLEMS
from relrot.cli.boundary import Session, boundary
from relrot.cli.checking import inside_working_tree
from relrot.cli.guard import defused, unguarded
from relrot.cli.options import CheckHorizonOption, ConsentDaysOption, StrictOption
from relrot.days import CONSENT_DAYS

if TYPE_CHECKING:
    from relrot.github.event import Event
    from relrot.github.gh import Gh
    from relrot.github.pull_request import Report


class CommentMode(str, enum.Enum):
    auto = "auto"
    always = "always"
    never = "never"


CommentOption = Annotated[
    CommentMode,
    typer.Option(
        "--comment",
        help="Comment on the pull request: auto (when the token may write), always, never.",
    ),
]
RequireConsentOption = Annotated[
    bool,
    typer.Option(
        "--require-consent",
        help="Fail unless everyone whose seat moves approved the pull request.",
    ),
]


@boundary()
def ci(
    session: Session,
    strict: StrictOption = False,
    horizon: CheckHorizonOption = 12,
    comment: CommentOption = CommentMode.auto,
    require_consent: RequireConsentOption = False,
    consent_days: ConsentDaysOption = CONSENT_DAYS,
) -> None:
    """Check a roster pull request in GitHub Actions.

    Validates the file (annotations), compares its plan with the pull request's base,
    writes the report to the job summary and, when the token may write, to one comment
    kept up to date. Exits 1 when the file has errors (or consent is missing).
    """
    event, gh = _pull_request(session)
    consent = consent_days if require_consent else None
    found = _examine(session, event, gh, strict=strict, horizon=horizon, consent=consent)
    report = _publish(found)
    _share(gh, event, comment, report, found.file)
    raise typer.Exit(EXIT_OK if found.passed else EXIT_PROBLEMS)


def _pull_request(session: Session) -> tuple[Event, Gh | None]:
    """The job's event, and `gh` for its pull request (None when it runs for none)."""
    from relrot.github.event import read_event
    from relrot.github.gh import client

    # The pull request controls the file: a link out of the checkout is not read.
    inside_working_tree(session.file)
    event = read_event(os.environ)
    return event, client(event)


def _examine(
    session: Session,
    event: Event,
    gh: Gh | None,
    *,
    strict: bool,
    horizon: int,
    consent: int | None,
) -> Report:
    """What the pull request does; `consent`: how many days ahead a move needs approval
    (None: consent is not required)."""
    from relrot.github.pull_request import examine

    return examine(
        session.file,
        event,
        today=lambda project: project.today(session.given_today),
        horizon=horizon,
        strict=strict,
        require_consent=consent is not None,
        approvals=gh.approvers if consent is not None and gh else None,
        consent_days=consent or 0,
    )


def _publish(found: Report) -> str:
    """Annotations and the report to the job; the report as the comment may carry it."""
    from relrot.render import ci_report
    from relrot.render.problems import render_github

    # Annotations are workflow commands on purpose; their values are escaped.
    log = render_github(found.problems) + ci_report.consent_annotations(found)
    unguarded(sys.stdout).write(log)
    whole = defused(ci_report.render(found))
    # The comment, and the summary beside it, must fit GitHub's limit; the log takes it all.
    report, cut = ci_report.fitted(whole)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary:
        sys.stdout.write(whole)
        return report
    with Path(summary).open("a", encoding="utf-8") as handle:
        handle.write(report)
    typer.echo(f"relrot: the report is in the job summary ({found.file})")
    if cut:
        typer.echo("relrot: the report is too long for a comment; the job summary and the")
        typer.echo("comment end where it is cut, and here is all of it:\n")
        sys.stdout.write(whole)
    return report


def _share(gh: Gh | None, event: Event, comment: CommentMode, report: str, file: str) -> None:
    """Comment on the pull request when asked to and allowed to, or say why not."""
    wanted = comment is CommentMode.always or (
        comment is CommentMode.auto and event.token_may_write
    )
    if gh is not None and wanted:
        _comment(gh, report, file)
    elif event.pull_request is not None and comment is CommentMode.auto:
        typer.echo("relrot: no comment: the token of a pull request from a fork is read-only")


def _comment(gh: Gh, report: str, file: str) -> None:
    """Post or edit the comment; a failure is said, never the check's failure."""
    from relrot.github.gh import GhError
    from relrot.render.ci_report import marker

    try:
        done = gh.upsert_comment(report, marker(file))
    except GhError as exc:
        typer.echo(
            f"relrot: warning: the pull request comment failed ({exc}); "
            "the report is in the job summary",
            err=True,
        )
        return
    typer.echo(f"relrot: comment {done} on pull request #{gh.number}")
