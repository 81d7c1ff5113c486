"""No output repeats why someone is away (SPEC 5, issue 26 point 8).

The roster's away reasons are strings found nowhere else; every rendering of the plan and
the roster runs on it, and none may print them. Only views of the file itself on a
terminal show them: the quoted source line under a problem, and the diff of an edit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.test_ci import Job, job  # noqa: F401 - the fixture, reused
from tests.conftest import Result

SECRETS = ("Qzv-parental-Leave", "Qzv-surgery-Recovery", "Qzv-new-Range")
TODAY = "2026-01-01"
# bob is away through March yet pinned as 26.3.0's pilot (away-on-duty), jane away in
# 26.7.0's window; tobby asks for a jump seat. The `swaps:` key comes last, so the context
# of a swap's diff is no away line.
ROSTER = f"""\
project: {{name: widgets, repository: widgets/widgets}}
schedule:
  first_release: 2026-01-13
  milestones:
    - {{name: release-branch, days: -7}}
members:
  - id: bob
    name: Bob Ross
    github: bobross
    away:
      - {{from: 2026-02-20, to: 2026-03-20, reason: {SECRETS[0]}}}
  - id: jane
    github: janedoe
    away:
      - {{from: 2026-07-01, to: 2026-07-20, reason: {SECRETS[1]}}}
  - {{id: tobby, github: tobbyt}}
  - {{id: elvis, github: elvisp}}
  - {{id: zed, core: false}}
jump_seat:
  - {{member: zed}}
releases:
  - {{version: 26.1.0, pilot: bob, co_pilot: jane}}
  - {{version: 26.3.0, pilot: bob, co_pilot: tobby}}
"""
# A source line quoted under a problem on a terminal: `   12 | ...`.
QUOTED = re.compile(r"^ +\d+ \| .*$\n?", re.MULTILINE)


def assert_private(text: str, where: str) -> None:
    found = [secret for secret in SECRETS if secret.lower() in text.lower()]
    assert not found, f"{where} prints an away reason: {found}\n{text}"


def ran(result: Result, *codes: int) -> str:
    assert result.exit_code in codes, result
    return result.stdout + result.stderr


PLAN = ("plan", "--today", TODAY, "--count", "8", "--format")
STATS = ("stats", "--today", TODAY, "--count", "8")
OUTPUTS = {
    "plan table": ("plan", "--today", TODAY, "--count", "8"),
    **{f"plan {f}": (*PLAN, f) for f in ("json", "markdown", "csv", "ics", "mermaid")},
    "plan gantt": (*PLAN, "mermaid-gantt"),
    "validate json": ("validate", "--today", TODAY, "--format", "json"),
    "validate github": ("validate", "--today", TODAY, "--format", "github"),
    "who": ("who", "26.3.0", "--today", TODAY),
    "who next": ("who", "--today", TODAY),
    "stats": STATS,
    "stats json": (*STATS, "--format", "json"),
    "stats markdown": (*STATS, "--format", "markdown"),
    "issue": ("issue", "26.3.0"),
    "issue 26.7.0": ("issue", "26.7.0"),
    "diff markdown": ("diff", "base.yaml", "--today", TODAY, "--format", "markdown"),
    "diff text": ("diff", "base.yaml", "--today", TODAY),
    # 26.7.0's first reminder day, with jane's leave new since base.yaml.
    "notify": ("notify", "--since", "base.yaml", "--today", "2026-06-22"),
    "notify json": ("notify", "--since", "base.yaml", "--today", "2026-06-22", "--format", "json"),
}


@pytest.fixture
def roster(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "rotation.yaml").write_text(ROSTER, encoding="utf-8")
    # The base of a diff: the same roster before jane's leave was recorded.
    base = ROSTER.replace(
        f"\n    away:\n      - {{from: 2026-07-01, to: 2026-07-20, reason: {SECRETS[1]}}}", ""
    )
    (tmp_path / "base.yaml").write_text(base, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("name", list(OUTPUTS))
@pytest.mark.usefixtures("roster")
def test_no_rendering_prints_an_away_reason(relrot: Callable[..., Result], name: str) -> None:
    assert_private(ran(relrot(*OUTPUTS[name]), 0, 1), name)


@pytest.mark.usefixtures("roster")
def test_problem_messages_say_away_and_only_the_quoted_line_shows_the_reason(
    relrot: Callable[..., Result],
) -> None:
    shown = ran(relrot("validate", "--today", TODAY), 1)
    assert "[away-on-duty] bob is away 2026-02-20..2026-03-20, which overlaps" in shown
    assert SECRETS[0] in shown  # the line of the file, quoted on a terminal
    assert_private(QUOTED.sub("", shown), "validate text")
    problems = json.loads(relrot("validate", "--today", TODAY, "--format", "json").stdout)
    assert "away-on-duty" in {p["rule"] for p in problems["problems"]}


@pytest.mark.usefixtures("roster")
def test_a_quoted_line_in_a_ci_log_masks_the_reason(
    relrot: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    shown = ran(relrot("validate", "--today", TODAY), 1)
    assert "{from: 2026-02-20, to: 2026-03-20, reason: …}" in shown
    assert_private(shown, "validate text in CI")


def test_site_files_say_nothing_of_why(relrot: Callable[..., Result], roster: Path) -> None:
    ran(relrot("site", "out", "--today", TODAY, "--count", "8"), 0, 1)
    files = [p for p in (roster / "out").rglob("*") if p.is_file()]
    assert files
    for path in files:
        assert_private(path.read_text(encoding="utf-8"), str(path.relative_to(roster)))


@pytest.mark.usefixtures("roster")
def test_swap_lists_who_is_away_without_why(relrot: Callable[..., Result]) -> None:
    shown = ran(relrot("swap", "26.7.0", "elvis", "--today", TODAY, "--dry-run"), 0, 1)
    assert "jane: away 2026-07-01..2026-07-20" in shown
    assert_private(shown, "swap")


@pytest.mark.usefixtures("roster")
def test_away_summary_says_away_and_only_its_diff_quotes_the_file(
    relrot: Callable[..., Result],
) -> None:
    args = ("away", "bob", "2027-09-01", "2027-09-30", "--reason", SECRETS[2])
    shown = ran(relrot(*args, "--today", TODAY, "--dry-run"), 0, 1)
    summary, _, diff = shown.partition("\n---")
    assert SECRETS[2] in diff
    assert_private(summary, "away's summary")


def test_ci_summary_comment_and_annotations_keep_reasons_out(
    job: Job,  # noqa: F811 - the fixture imported above
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sha = job.base(ROSTER.replace(f"reason: {SECRETS[1]}", "reason: old"))
    job.head(ROSTER)
    result = job.run("pull_request-same-repo", sha, monkeypatch=monkeypatch)
    assert_private(ran(result, 0, 1), "ci log")
    report = job.report()
    assert "away-on-duty" in report
    assert_private(report, "ci summary")
    assert job.comments
    for comment in job.comments:
        assert_private(str(comment["body"]), "ci comment")
