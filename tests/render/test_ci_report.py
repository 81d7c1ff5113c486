"""The CI report's Markdown, from `Report` values made by hand, and its cut to GitHub's limit."""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest

from relrot.diff import MissingConsent, SeatChange
from relrot.github.pull_request import Base, Consent, Report, Unchecked
from relrot.problems import Problem, Severity
from relrot.render.ci_report import (
    COMMENT_LIMIT,
    CUT_NOTE,
    consent_annotations,
    fitted,
    marker,
    render,
)

JANE_TO_TOBBY = SeatChange("27.5.0", dt.date(2027, 5, 13), "co_pilot", "jane", "tobby")
VALID = Report(
    file="rotation.yaml",
    present=True,
    base=Base.LOADED,
    revision="abc123",
    base_error=None,
    unchanged=False,
    problems=(),
    strict=False,
    changes=None,
    consent=None,
    rosters=(),
)
HEADER = "<!-- relrot-report: rotation.yaml -->\n## relrot: rotation.yaml passes\n"


def report(**facts: object) -> Report:
    return msgspec.structs.replace(VALID, **facts)


def test_a_valid_file_the_pull_request_leaves_alone() -> None:
    assert render(report(unchanged=True, changes=())) == (
        HEADER + "This pull request does not change rotation.yaml.\n\n"
        "The file is valid.\n\n"
        "### Rotation changes\n\n"
        "No one moves: the plan is the same.\n"
    )


def test_the_seats_a_change_moves_and_who_has_not_consented() -> None:
    missing = MissingConsent("jane", "janedoe", (JANE_TO_TOBBY,))
    text = render(report(changes=(JANE_TO_TOBBY,), consent=Consent(missing=(missing,))))
    assert text == (
        "<!-- relrot-report: rotation.yaml -->\n## relrot: rotation.yaml fails\n\n"
        "The file is valid.\n\n"
        "### Rotation changes\n\n"
        "| Release | Date | Seat | Before | After |\n|---|---|---|---|---|\n"
        "| 27.5.0 | Thu 2027-05-13 | co-pilot | jane | tobby |\n\n"
        "#### Who moves\n\n"
        "- jane: no longer 27.5.0 co-pilot\n- tobby: now 27.5.0 co-pilot\n\n"
        "#### Seats over these releases\n\n"
        "- jane: -1 seat\n- tobby: +1 seat\n\n"
        "### Consent\n\n"
        "These members' seats move and they have not approved this pull request:\n\n"
        "- no consent from @janedoe, whose seats move: 27.5.0 co-pilot\n"
    )


@pytest.mark.parametrize(
    ("facts", "line"),
    [
        (
            {"base": Base.ABSENT},
            "This pull request adds rotation.yaml: every seat in the plan is new.",
        ),
        (
            {"present": False},
            "This pull request deletes rotation.yaml: every coming seat is given up.",
        ),
    ],
)
def test_adding_and_deleting_the_file_are_said_under_the_heading(
    facts: dict[str, object], line: str
) -> None:
    assert render(report(changes=(), **facts)).startswith(HEADER + line + "\n\nThe file is valid.")


@pytest.mark.parametrize(
    ("facts", "note"),
    [
        (
            {"base": Base.NOT_FETCHED, "revision": "abc`123"},
            "The base revision ``abc`123`` is not in this checkout, so the plan cannot be "
            "compared with it: set `fetch-depth: 0` on `actions/checkout` so the job has the "
            "base branch's history.",
        ),
        (
            {"base": Base.UNREADABLE, "base_error": "'git:x': a | b is *odd*"},
            "The base revision cannot be read: 'git:x': a \\| b is \\*odd\\*",
        ),
        (
            {"base": Base.BROKEN},
            "The base branch's file does not load, so there is no plan to compare with.",
        ),
        ({"base": Base.LOADED}, "The plan cannot be compared until the file validates."),
        ({"base": Base.ABSENT}, "The plan cannot be compared until the file validates."),
    ],
)
def test_why_there_is_no_diff(facts: dict[str, object], note: str) -> None:
    assert render(report(**facts)).endswith(f"The file is valid.\n\n{note}\n")


def test_no_base_revision_needs_no_word() -> None:
    assert render(report(base=Base.UNKNOWN)) == HEADER + "\nThe file is valid.\n"


@pytest.mark.parametrize(
    ("consent", "line"),
    [
        (Consent(), "Everyone whose seat moves has approved (or wrote the change)."),
        (
            Consent(unchecked=Unchecked.NO_PULL_REQUEST),
            "Consent could not be checked: this job does not run for a pull request.",
        ),
        (
            Consent(unchecked=Unchecked.NO_DIFF),
            "Consent could not be checked: no plan diff could be made, so no one's consent "
            "can be checked.",
        ),
        (
            Consent(unchecked=Unchecked.NO_REVIEWS, error="`gh api` failed: HTTP 403"),
            "Consent could not be checked: the pull request's reviews could not be read: "
            "\\`gh api\\` failed: HTTP 403.",
        ),
    ],
)
def test_the_consent_section(consent: Consent, line: str) -> None:
    assert render(report(changes=(), consent=consent)).endswith(f"### Consent\n\n{line}\n")


def problem(n: int, severity: Severity = Severity.ERROR, rule: str = "unknown-member") -> Problem:
    return Problem(rule, severity, f"no member u{n}", "rotation.yaml", n + 1, 3)


def test_problems_are_a_table_of_at_most_fifty_rows() -> None:
    # Three rules of twenty, each shown in full in the job log's annotations.
    rules = ("unknown-member", "duplicate-member", "unknown-release")
    found = tuple(problem(n, rule=rules[n // 20]) for n in range(60))
    text = render(report(problems=found, changes=()))
    assert "## relrot: rotation.yaml fails\n\n### Problems (errors fail the check)\n\n" in text
    assert "| Where | Severity | Rule | Problem |\n|---|---|---|---|\n" in text
    assert "| rotation.yaml:1:3 | error | unknown-member | no member u0 |\n" in text
    assert text.count("| error |") == 50
    assert "\n\n… 10 more problems not shown (" in text
    assert "; see the annotations in the job log.\n" in text


def test_strict_says_warnings_fail_too() -> None:
    text = render(report(problems=(problem(1, Severity.WARNING),), strict=True))
    assert "### Problems (errors and warnings fail the check)" in text
    assert "| rotation.yaml:2:3 | warning | unknown-member | no member u1 |" in text


def test_a_file_name_is_text_in_the_heading_and_cannot_end_the_marker() -> None:
    name = "ops/*rota* -->.yaml"
    assert marker(name) == "<!-- relrot-report: ops/%2Arota%2A%20--%3E.yaml -->"
    assert render(report(file=name)).startswith(
        f"{marker(name)}\n## relrot: ops/\\*rota\\* --\\>.yaml passes\n"
    )


# --- within GitHub's limit ---------------------------------------------------------------------


def test_a_report_under_the_limit_is_kept_whole() -> None:
    text = "<!-- relrot-report: rotation.yaml -->\n## relrot: rotation.yaml passes\n"
    assert fitted(text) == (text, False)


def test_a_long_report_is_cut_at_a_line_counting_bytes_not_characters() -> None:
    # 40,000 characters but 80,000 bytes: under the limit in characters, over it in bytes
    # (and in UTF-16 units, had the text astral characters).
    lines = [f"| row {n} | {'é' * 40} |" for n in range(800)]
    text = "<!-- marker -->\n" + "\n".join(lines) + "\n"
    cut, was_cut = fitted(text)
    assert was_cut
    assert len(cut.encode("utf-8")) < COMMENT_LIMIT
    kept = cut.removesuffix(CUT_NOTE)
    assert kept.endswith(" |\n")
    assert text.startswith(kept)


def test_one_line_longer_than_the_limit_leaves_the_lines_before_it() -> None:
    text = "<!-- marker -->\n## relrot\n" + "x" * (2 * COMMENT_LIMIT) + "\n"
    assert fitted(text) == ("<!-- marker -->\n## relrot\n" + CUT_NOTE, True)


# --- annotations ------------------------------------------------------------------------------


def test_a_missing_consent_is_an_error_in_the_job_log_naming_who_must_approve() -> None:
    missing = (
        MissingConsent("jane", "janedoe", (JANE_TO_TOBBY,)),
        MissingConsent("tobby", None, (JANE_TO_TOBBY,)),
    )
    found = report(changes=(JANE_TO_TOBBY,), consent=Consent(missing=missing))
    assert consent_annotations(found) == (
        "::error file=rotation.yaml,title=consent::no consent from @janedoe, whose seats move: "
        "27.5.0 co-pilot; @janedoe must approve this pull request\n"
        "::error file=rotation.yaml,title=consent::no consent from tobby (no github login on the "
        "roster, so no approval can count), whose seats move: 27.5.0 co-pilot; give them a "
        "`github` login in the roster, so that their approval can count\n"
    )


def test_consent_given_or_not_required_adds_no_annotation() -> None:
    assert consent_annotations(report(changes=(), consent=Consent())) == ""
    assert consent_annotations(report(changes=(), consent=None)) == ""


def test_consent_that_could_not_be_checked_says_why_in_the_log() -> None:
    unread = Consent(unchecked=Unchecked.NO_REVIEWS, error="HTTP 403\n::add-mask::x")
    assert consent_annotations(report(file="a,b:c.yaml", changes=(), consent=unread)) == (
        "::error file=a%2Cb%3Ac.yaml,title=consent::consent could not be checked: the pull "
        "request's reviews could not be read: HTTP 403%0A::add-mask::x\n"
    )
