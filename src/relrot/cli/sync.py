"""`relrot sync`: keep the release tracking issues in step with the plan (SPEC 5.6)."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Annotated

import typer

from relrot.cli.boundary import Session, boundary, fail
from relrot.problems import Problem, Severity, UsageError

if TYPE_CHECKING:
    from relrot.importing import Issue
    from relrot.sync import Operation


class SyncFormat(str, enum.Enum):
    text = "text"
    json = "json"


IssuesArgument = Annotated[
    str | None,
    typer.Argument(
        metavar="[ISSUES.json|-]",
        help="The JSON of `gh issue list --state all --limit 1000 --json "
        "number,title,body,url,state,assignees`; - reads standard input. Without it, relrot "
        "runs that gh command.",
    ),
]
SyncFormatOption = Annotated[
    SyncFormat, typer.Option("--format", help="text (a line per operation) or json.")
]
ApplyOption = Annotated[
    bool,
    typer.Option("--apply", help="Carry the operations out with `gh issue create` and `edit`."),
]
ReleaseOption = Annotated[
    str | None,
    typer.Option(
        "--release",
        metavar="VERSION",
        help="An on-demand project's release whose issue is due today, with its term's crew "
        "(with --project).",
    ),
]


@boundary(project=True)
def sync(
    session: Session,
    issues: IssuesArgument = None,
    output: SyncFormatOption = SyncFormat.text,
    apply: ApplyOption = False,
    release: ReleaseOption = None,
) -> None:
    """Create and update the release tracking issues as the plan says.

    Prints the operations due: create a release's issue when it is due, edit an open one
    whose crew, role rows or dates are behind the plan (and nothing else in it), and report
    a mismatch where someone typed a crew into the issue. Exit 1 on a mismatch or when an
    operation fails. In a file with `projects:`, every project (or the one --project names).
    """
    if release is not None and session.project_id is None and session.whole.model.projects:
        raise UsageError(f"--release {release}: name its project with --project", names_file=False)
    found = _issues(issues, session)
    done = _operations(session, found, release)
    _show(len(found), done, session, output)
    if apply:
        _apply(done, to_stderr=output is SyncFormat.json)
    if any(op.op == "mismatch" for op in done):
        raise typer.Exit(1)


def _issues(name: str | None, session: Session) -> list[Issue]:
    """The issues from the file or standard input, else as gh lists them (in a file with
    `projects:`, those of each project's repository)."""
    from relrot.cli.import_ import read_input
    from relrot.importing import issues_from_text

    if name is not None:
        label, text = read_input(name)
        found = issues_from_text(text, label)
    else:
        label, found = "gh issue list", []
        for repository in _repositories(session):
            found += issues_from_text(_listed(repository), label)
    _refuse_stateless(found, label)
    return found


def _repositories(session: Session) -> list[str | None]:
    """What gh lists: the one repository gh finds, or each project's own, once each."""
    if not session.whole.model.projects:
        return [None]
    found = [p.model.project.repository for p in session.projects()]
    return list(dict.fromkeys(found))


def _listed(repository: str | None) -> str:
    from relrot.github.gh import GhError
    from relrot.github.issues import list_issues

    try:
        return list_issues(repository)
    except GhError as exc:
        where = f" of {repository}" if repository else ""
        raise UsageError(f"cannot list the issues{where}: {exc}") from None


def _refuse_stateless(found: list[Issue], label: str) -> None:
    """Markdown files, and JSON without each issue's state: a closed issue would read as
    open, and be edited."""
    if any(issue.markdown or issue.state is None for issue in found):
        what = "not JSON" if found[0].markdown else "issues without their `state`"
        raise UsageError(
            f"{label}: {what}; sync reads what `gh issue list --state all --limit 1000 "
            "--json number,title,body,url,state,assignees` prints"
        )


def _operations(session: Session, found: list[Issue], release: str | None) -> list[Operation]:
    """The operations due, project by project; a new body defused as `relrot issue` prints
    it, since it goes to a file a workflow may show (an edit keeps the team's own bytes)."""
    from msgspec.structs import replace

    from relrot.cli.guard import defused
    from relrot.issue_template import read_template
    from relrot.sync import sync

    done: list[Operation] = []
    for project in session.projects():
        today = project.today(session.given_today)
        template = read_template(project)
        done += sync(project, found, today=today, template=template, release=release)
    return [
        replace(op, body=defused(op.body)) if op.op == "create" and op.body else op for op in done
    ]


def _show(read: int, done: list[Operation], session: Session, output: SyncFormat) -> None:
    from relrot.render.sync import as_json, as_text

    render = as_json if output is SyncFormat.json else as_text
    # The file's roles: each operation names only its own project's seats.
    typer.echo(render(read, done, session.whole.model), nl=False)


def _apply(done: list[Operation], *, to_stderr: bool) -> None:
    """Each create and edit through gh, in order, said as it is done; the first failure
    stops there, naming the operation (exit 1)."""
    from relrot.github.gh import GhError
    from relrot.github.issues import carry_out
    from relrot.render.sinks import visible

    for op in done:
        if op.op == "mismatch":
            continue
        what = f"#{op.number}" if op.number is not None else f'"{op.title}"'
        of = f"{op.project} {op.release}" if op.project is not None else op.release
        try:
            said = carry_out(op)
        except GhError as exc:
            message = f"could not {op.op} the issue {what} of {of}: {exc}"
            fail([Problem("usage", Severity.ERROR, message)], 1, usage=True)
        shown = f": {said}" if said and op.op == "create" else ""
        done_word = {"create": "created", "edit": "edited"}[op.op]
        typer.echo(visible(f"{done_word} {what} of {of}{shown}"), err=to_stderr)
