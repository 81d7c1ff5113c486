"""relrot in a GitHub Actions job: the event it runs for, what a pull request does to the
rotation file, the report for the job summary and the pull-request comment.

`examine` reads the file in the checkout and at the pull request's base and returns an
`Outcome` value; `compose_report` turns it into Markdown; `Gh` is the one place that runs
`gh` (reviews, the comment). Nothing here prints or exits: the `relrot ci` command does.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from relrot.problems import Problem, RelrotError, Severity, UsageError, has_errors

if TYPE_CHECKING:
    from relrot.diff import MissingConsent, SeatChange
    from relrot.model import RotationFile
    from relrot.project import Project

# Event payloads are a few kilobytes; a bound keeps a forged one from costing much.
MAX_EVENT_BYTES = 4 << 20
# Seconds one `gh` call may take before relrot gives up on it (the report stays in the summary).
GH_TIMEOUT = 60
FETCH_HINT = "set `fetch-depth: 0` on `actions/checkout` so the job has the base branch's history"


class GhError(Exception):
    """A `gh` call failed; the message says which and why."""


@dataclass(frozen=True)
class PullRequest:
    number: int
    author: str | None
    base_sha: str | None
    head_repository: str | None
    base_repository: str | None

    @property
    def from_fork(self) -> bool:
        return self.head_repository != self.base_repository


@dataclass(frozen=True)
class Event:
    """The part of the GitHub environment relrot reads."""

    name: str
    repository: str | None
    base_ref: str | None
    pull_request: PullRequest | None

    @property
    def token_may_write(self) -> bool:
        """On `pull_request` from a fork GitHub hands the job a read-only token."""
        if self.pull_request is None:
            return False
        return self.name == "pull_request_target" or not self.pull_request.from_fork

    @property
    def base_revision(self) -> str | None:
        """The commit the pull request is compared with: the base's sha, else its branch."""
        if self.pull_request and self.pull_request.base_sha:
            return self.pull_request.base_sha
        return f"origin/{self.base_ref}" if self.base_ref else None


def read_event(environ: Mapping[str, str]) -> Event:
    """The event from `GITHUB_EVENT_NAME`, `GITHUB_EVENT_PATH` and friends."""
    payload: dict[str, Any] = {}
    path = environ.get("GITHUB_EVENT_PATH")
    if path:
        try:
            with Path(path).open("rb") as handle:
                raw = handle.read(MAX_EVENT_BYTES + 1)
        except OSError as exc:
            raise UsageError(f"cannot read the event payload {path}: {exc.strerror}") from None
        if len(raw) > MAX_EVENT_BYTES:
            raise UsageError(f"the event payload {path} is larger than {MAX_EVENT_BYTES} bytes")
        try:
            loaded = json.loads(raw)
        except ValueError:
            raise UsageError(f"the event payload {path} is not JSON") from None
        payload = loaded if isinstance(loaded, dict) else {}
    return Event(
        name=environ.get("GITHUB_EVENT_NAME", ""),
        repository=environ.get("GITHUB_REPOSITORY") or None,
        base_ref=environ.get("GITHUB_BASE_REF") or None,
        pull_request=_pull_request(payload.get("pull_request")),
    )


def _pull_request(data: object) -> PullRequest | None:
    if not isinstance(data, dict) or not isinstance(data.get("number"), int):
        return None

    def text(*keys: str) -> str | None:
        value: object = data
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        return value if isinstance(value, str) else None

    return PullRequest(
        number=data["number"],
        author=text("user", "login"),
        base_sha=text("base", "sha"),
        head_repository=text("head", "repo", "full_name"),
        base_repository=text("base", "repo", "full_name"),
    )


# --- what the pull request does to the file ------------------------------------------------


@dataclass
class Outcome:
    """What relrot found, as data: the report and the exit status are made from it."""

    file: str
    present: bool  # the file is in the checkout
    at_base: bool | None = None  # in the base revision; None: no base, or not readable
    unchanged: bool = False
    problems: list[Problem] = field(default_factory=list)
    strict: bool = False
    changes: list[SeatChange] | None = None  # None: no diff could be made
    notes: list[str] = field(default_factory=list)  # why there is no diff, and how to fix it
    consent_required: bool = False
    missing_consent: list[MissingConsent] = field(default_factory=list)
    consent_unknown: str | None = None  # why consent could not be checked
    rosters: tuple[RotationFile, ...] = ()

    @property
    def valid(self) -> bool:
        return not has_errors(self.problems, strict=self.strict)

    @property
    def consented(self) -> bool:
        if not self.consent_required:
            return True
        return not self.missing_consent and self.consent_unknown is None

    @property
    def passed(self) -> bool:
        return self.valid and self.consented


def examine(
    file: Path,
    event: Event,
    *,
    today: Callable[[Project], dt.date],
    horizon: int,
    strict: bool = False,
    approvals: Callable[[], list[str]] | None = None,
) -> Outcome:
    """Check the file in the checkout, compare its plan with the base's, and (given
    `approvals`) check that everyone it moves approved; `today` is asked per project."""
    from relrot.project import Project

    outcome = Outcome(str(file), present=file.is_file(), strict=strict)
    current: Project | None = None
    if outcome.present:
        try:
            current = Project.load(file)
        except UsageError:
            raise
        except RelrotError as exc:
            outcome.problems = exc.problems
        else:
            outcome.problems = current.check(today(current), horizon).problems
    elif file.exists():
        raise UsageError(f"{file} is not a file", file=str(file))

    base, base_raw = _base(file, event, outcome)
    if outcome.present and base_raw is not None:
        from relrot.reading import read_in_repository

        outcome.unchanged = read_in_repository(file) == base_raw
    if not outcome.present and not outcome.at_base:
        raise UsageError(
            f"{file} is neither in the checkout nor at the base revision; "
            "give the action the path of the rotation file",
            file=str(file),
        )
    outcome.rosters = tuple(p.model for p in (current, base) if p is not None)
    _compare(outcome, current, base, today, horizon)
    if approvals is not None and event.pull_request is not None:
        _consent(outcome, current, base, approvals, event.pull_request.author)
    return outcome


def _base(file: Path, event: Event, outcome: Outcome) -> tuple[Project | None, bytes | None]:
    """The file at the pull request's base, as a project, and its bytes."""
    from relrot.git_base import NotAtRevisionError, RevisionMissingError, read_at_revision
    from relrot.loader import MAX_FILE_BYTES
    from relrot.project import Project
    from relrot.render.sinks import markdown, markdown_code

    revision = event.base_revision
    if revision is None:
        return None, None
    try:
        raw = read_at_revision(revision, file, limit=MAX_FILE_BYTES)
    except NotAtRevisionError:
        outcome.at_base = False
        return None, None
    except RevisionMissingError:
        # The notes are Markdown, and the revision comes from the event: it is data.
        outcome.notes.append(
            f"The base revision {markdown_code(revision)} is not in this checkout, so the plan "
            f"cannot be compared with it: {FETCH_HINT}."
        )
        return None, None
    except UsageError as exc:
        why = markdown(exc.problems[0].message)
        outcome.notes.append(f"The base revision cannot be read: {why}")
        return None, None
    outcome.at_base = True
    try:
        return Project.parse(raw, f"{revision}:{file.name}"), raw
    except RelrotError:
        outcome.notes.append(
            "The base branch's file does not load, so there is no plan to compare with."
        )
        return None, raw


def _compare(
    outcome: Outcome,
    current: Project | None,
    base: Project | None,
    today: Callable[[Project], dt.date],
    horizon: int,
) -> None:
    if outcome.notes:
        return
    try:
        if current is not None and (base is not None or outcome.at_base is False):
            outcome.changes = current.diff(base, today(current), horizon)
        elif current is None and not outcome.present and base is not None:
            outcome.changes = base.vacated(today(base), horizon)
    except RelrotError:
        outcome.changes = None
    if outcome.changes is None and outcome.present and outcome.at_base is not None:
        outcome.notes.append("The plan cannot be compared until the file validates.")


def _consent(
    outcome: Outcome,
    current: Project | None,
    base: Project | None,
    approvals: Callable[[], list[str]],
    author: str | None,
) -> None:
    outcome.consent_required = True
    judge = current or base
    if outcome.changes is None or judge is None:
        outcome.consent_unknown = "no plan diff could be made, so no one's consent can be checked"
        return
    if not outcome.changes:
        return
    try:
        approvers = approvals()
    except GhError as exc:
        outcome.consent_unknown = f"the pull request's reviews could not be read: {exc}"
        return
    outcome.missing_consent = judge.consent(base or judge, outcome.changes, approvers, author)


# --- the report ----------------------------------------------------------------------------


# GitHub refuses a pull-request comment longer than 65,536 characters.
COMMENT_LIMIT = 65_536
CUT_NOTE = (
    f"\n… the report is cut here: it is longer than the {COMMENT_LIMIT:,} characters GitHub "
    "allows in a comment; the job log has all of it.\n"
)
# Problems listed in the report; the job log's annotations show more (SHOWN_PER_RULE of each
# rule) and the report says how many it leaves out.
SHOWN_IN_REPORT = 50


def marker(file: str) -> str:
    """The hidden line that finds this file's comment again; no path can end the comment."""
    return f"<!-- relrot-report: {urllib.parse.quote(file, safe='/')} -->"


def compose_report(outcome: Outcome) -> str:
    """The Markdown of the job summary and the pull-request comment."""
    from relrot.render import diff as render_diff
    from relrot.render.markdown import cell as md

    name = md(outcome.file)
    verdict = "passes" if outcome.passed else "fails"
    out = [marker(outcome.file), f"## relrot: {name} {verdict}"]
    if not outcome.present:
        out.append(f"This pull request deletes {name}: every coming seat is given up.")
    elif outcome.at_base is False:
        out.append(f"This pull request adds {name}: every seat in the plan is new.")
    elif outcome.unchanged:
        out.append(f"This pull request does not change {name}.")
    out += _problem_lines(outcome.problems, outcome.strict)
    out += ["", *outcome.notes] if outcome.notes else []
    if outcome.changes is not None:
        out += ["", render_diff.render_markdown(outcome.changes, *outcome.rosters).rstrip()]
    if outcome.consent_required:
        out += ["", "### Consent", ""]
        if outcome.consent_unknown:
            out.append(f"Consent could not be checked: {md(outcome.consent_unknown)}.")
        elif outcome.missing_consent:
            out.append("These members' seats move and they have not approved this pull request:")
            out.append("")
            out += [f"- {render_diff.consent_line(m, md)}" for m in outcome.missing_consent]
        else:
            out.append("Everyone whose seat moves has approved (or wrote the change).")
    return "\n".join(out).rstrip() + "\n"


_SEVERITY_WORD = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "history"}


def _problem_lines(problems: Sequence[Problem], strict: bool) -> list[str]:
    from relrot.problems import shown, sorted_problems
    from relrot.render.markdown import cell as md
    from relrot.render.problems import location, omitted_sentence

    if not problems:
        return ["", "The file is valid."]
    failing = "errors and warnings fail" if strict else "errors fail"
    out = ["", f"### Problems ({failing} the check)", ""]
    out += ["| Where | Severity | Rule | Problem |", "|---|---|---|---|"]
    report = shown(sorted_problems(problems), at_most=SHOWN_IN_REPORT)
    for problem in report.problems:
        out.append(
            f"| {md(location(problem))} | {_SEVERITY_WORD[problem.severity]} | "
            f"{md(problem.rule)} | {md(problem.message)} |"
        )
    if report.omitted:
        out += ["", f"… {md(omitted_sentence(report))}; see the annotations in the job log."]
    return out


def fitted(report: str) -> tuple[str, bool]:
    """The report, cut at a line so that GitHub takes it as a comment, and whether it was
    cut. Measured in UTF-8 bytes, never fewer than GitHub's characters however it counts."""
    data = report.encode("utf-8")
    if len(data) < COMMENT_LIMIT:
        return report, False
    room = COMMENT_LIMIT - 1 - len(CUT_NOTE.encode("utf-8"))
    kept = data[:room]
    # At a line break, which is also where a character ends; past the marker line.
    end = kept.rfind(b"\n")
    kept = kept[: end + 1] if end > 0 else kept
    return kept.decode("utf-8", "ignore") + CUT_NOTE, True


# --- gh ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gh:
    """`gh api` calls for one repository's pull request."""

    repository: str
    number: int

    def run(self, args: list[str]) -> str:
        return _run_gh(args)

    def approvers(self) -> list[str]:
        """Logins whose latest deciding review approves the pull request."""
        reviews = _pages(
            self.run(["api", "--paginate", self._repo(f"pulls/{self.number}/reviews")])
        )
        latest: dict[str, str] = {}
        for review in reviews:
            login = _login(review)
            state = review.get("state") if isinstance(review, dict) else None
            # A comment neither gives nor withdraws an approval.
            if login and state in {"APPROVED", "CHANGES_REQUESTED", "DISMISSED"}:
                latest[login] = state
        return [login for login, state in latest.items() if state == "APPROVED"]

    def upsert_comment(self, body: str, tag: str, scratch: Path) -> str:
        """Edit the comment carrying `tag`, or create it; 'created' or 'edited'."""
        comments = _pages(
            self.run(["api", "--paginate", self._repo(f"issues/{self.number}/comments")])
        )
        # Only a bot's comment: a person who pastes the marker must not capture the report.
        ours = [
            c
            for c in comments
            if isinstance(c, dict)
            and tag in str(c.get("body", ""))
            and isinstance(c.get("user"), dict)
            and c["user"].get("type") == "Bot"
        ]
        payload = scratch / "relrot-comment.json"
        payload.write_text(json.dumps({"body": body}), encoding="utf-8")
        if ours:
            path = self._repo(f"issues/comments/{ours[0]['id']}")
            self.run(["api", "--method", "PATCH", path, "--input", str(payload)])
            return "edited"
        path = self._repo(f"issues/{self.number}/comments")
        self.run(["api", "--method", "POST", path, "--input", str(payload)])
        return "created"

    def _repo(self, tail: str) -> str:
        return f"repos/{self.repository}/{tail}"


def _login(item: object) -> str | None:
    user = item.get("user") if isinstance(item, dict) else None
    login = user.get("login") if isinstance(user, dict) else None
    return login if isinstance(login, str) else None


def _pages(text: str) -> list[Any]:
    """`gh api --paginate` prints one JSON array per page, back to back."""
    decoder = json.JSONDecoder()
    items: list[Any] = []
    position = 0
    text = text.strip()
    while position < len(text):
        try:
            page, position = decoder.raw_decode(text, position)
        except ValueError:
            raise GhError("gh printed something that is not JSON") from None
        items += page if isinstance(page, list) else [page]
        while position < len(text) and text[position].isspace():
            position += 1
    return items


def _run_gh(args: list[str]) -> str:
    try:
        done = subprocess.run(
            ["gh", *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=GH_TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise GhError("gh is not installed") from None
    except subprocess.TimeoutExpired:
        raise GhError(f"gh took more than {GH_TIMEOUT} s") from None
    except OSError as exc:
        raise GhError(f"cannot run gh: {exc.strerror or exc}") from None
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        last = "".join(c if c.isprintable() else "?" for c in (lines[-1] if lines else ""))
        raise GhError(f"`gh {' '.join(args[:4])}` failed: {last}")
    return done.stdout
