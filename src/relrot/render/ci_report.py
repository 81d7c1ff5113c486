"""The Markdown report of `relrot ci`, for the job summary and the pull-request comment:
what `relrot.github.pull_request.examine` found, in words, and cut to what GitHub takes."""

from __future__ import annotations

import urllib.parse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from relrot.github.pull_request import Base, Unchecked
from relrot.problems import Problem, Severity, shown, sorted_problems
from relrot.render import diff as render_diff
from relrot.render.problems import annotation, location, omitted_sentence
from relrot.render.sinks import markdown, markdown_code

if TYPE_CHECKING:
    from relrot.diff import MissingConsent
    from relrot.github.pull_request import Consent, Report

# GitHub refuses a pull-request comment longer than 65,536 characters.
COMMENT_LIMIT = 65_536
CUT_NOTE = (
    f"\n… the report is cut here: it is longer than the {COMMENT_LIMIT:,} characters GitHub "
    "allows in a comment; the job log has all of it.\n"
)
# Problems listed in the report; the job log's annotations show more (SHOWN_PER_RULE of each
# rule) and the report says how many it leaves out.
SHOWN_IN_REPORT = 50
FETCH_HINT = "set `fetch-depth: 0` on `actions/checkout` so the job has the base branch's history"

_SEVERITY_WORD = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "history"}
_UNCHECKED = {
    Unchecked.NO_PULL_REQUEST: "this job does not run for a pull request",
    Unchecked.NO_DIFF: "no plan diff could be made, so no one's consent can be checked",
    Unchecked.NO_REVIEWS: "the pull request's reviews could not be read: {error}",
}


def marker(file: str) -> str:
    """The hidden line that finds this file's comment again; no path can end the comment."""
    return f"<!-- relrot-report: {urllib.parse.quote(file, safe='/')} -->"


def render(report: Report) -> str:
    """The Markdown of the job summary and the pull-request comment."""
    name = markdown(report.file)
    verdict = "passes" if report.passed else "fails"
    out = [marker(report.file), f"## relrot: {name} {verdict}"]
    if not report.present:
        out.append(f"This pull request deletes {name}: every coming seat is given up.")
    elif report.base is Base.ABSENT:
        out.append(f"This pull request adds {name}: every seat in the plan is new.")
    elif report.unchanged:
        out.append(f"This pull request does not change {name}.")
    out += _problem_lines(report.problems, report.strict)
    note = _why_no_diff(report)
    out += ["", note] if note else []
    if report.changes is not None:
        out += ["", render_diff.render_markdown(report.changes, *report.rosters).rstrip()]
    if report.consent is not None:
        out += ["", "### Consent", "", *_consent_lines(report.consent)]
    return "\n".join(out).rstrip() + "\n"


def _why_no_diff(report: Report) -> str | None:
    """Why the report holds no plan diff, and how to get one; None when that needs no word."""
    if report.base is Base.NOT_FETCHED:
        # The revision comes from the event: it is data.
        revision = markdown_code(report.revision or "")
        return (
            f"The base revision {revision} is not in this checkout, so the plan cannot be "
            f"compared with it: {FETCH_HINT}."
        )
    if report.base is Base.UNREADABLE:
        return f"The base revision cannot be read: {markdown(report.base_error or '')}"
    if report.base is Base.BROKEN:
        return "The base branch's file does not load, so there is no plan to compare with."
    if report.blocked:
        return "The plan cannot be compared until the file validates."
    return None


def _consent_lines(consent: Consent) -> list[str]:
    if consent.unchecked is not None:
        why = _UNCHECKED[consent.unchecked].format(error=consent.error)
        return [f"Consent could not be checked: {markdown(why)}."]
    if consent.missing:
        return [
            "These members' seats move and they have not approved this pull request:",
            "",
            *(f"- {render_diff.consent_line(m, markdown)}" for m in consent.missing),
        ]
    return ["Everyone whose seat moves has approved (or wrote the change)."]


def consent_annotations(report: Report) -> str:
    """The job log's `::error` for each member whose consent is missing, naming who must
    approve, or for consent that could not be checked: the log says why the check fails."""
    consent = report.consent
    if consent is None or consent.given:
        return ""
    if consent.unchecked is not None:
        why = _UNCHECKED[consent.unchecked].format(error=consent.error)
        lines = [f"consent could not be checked: {why}"]
    else:
        lines = [f"{render_diff.consent_line(m)}; {_how_to_consent(m)}" for m in consent.missing]
    return "".join(annotation("error", "consent", line, report.file) + "\n" for line in lines)


def _how_to_consent(missing: MissingConsent) -> str:
    if missing.login:
        return f"@{missing.login} must approve this pull request"
    return "give them a `github` login in the roster, so that their approval can count"


def _problem_lines(problems: Sequence[Problem], strict: bool) -> list[str]:
    if not problems:
        return ["", "The file is valid."]
    failing = "errors and warnings fail" if strict else "errors fail"
    out = ["", f"### Problems ({failing} the check)", ""]
    out += ["| Where | Severity | Rule | Problem |", "|---|---|---|---|"]
    listed = shown(sorted_problems(problems), at_most=SHOWN_IN_REPORT)
    for problem in listed.problems:
        out.append(
            f"| {markdown(location(problem))} | {_SEVERITY_WORD[problem.severity]} | "
            f"{markdown(problem.rule)} | {markdown(problem.message)} |"
        )
    if listed.omitted:
        out += ["", f"… {markdown(omitted_sentence(listed))}; see the annotations in the job log."]
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
