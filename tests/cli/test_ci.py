"""`relrot ci` as a GitHub Actions job runs it: recorded event payloads, a git checkout with
the pull request's base, and a fake `gh` on PATH that records every call."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import DATA, Result
from tests.test_pre_commit import GIT_IDENTITY

EVENTS = DATA / "events"
TODAY = "2026-01-01"

ROSTER = """\
schedule:
  first_release: 2026-01-13
members:
  - {id: bob, name: Bob Ross, github: bobross}
  - {id: jane, github: janedoe}
  - {id: tobby, github: tobbyt}
  - {id: elvis, github: elvisp}
"""
# jane leaves on the day of 27.5.0: tobby and elvis take her seats from there.
JANE_LEAVES = ROSTER.replace("github: janedoe}", "github: janedoe, left: 2027-05-13}")
# Two members with one id: an error at line 8, column 10.
BROKEN = ROSTER + "  - {id: bob}\n"


@dataclass
class Job:
    """One checkout of a pull request and the GitHub environment around it."""

    root: Path
    gh_state: Path
    summary: Path
    relrot: Callable[..., Result]

    def base(self, text: str | None) -> str:
        """Commit the base branch (with `text` as rotation.yaml, or without the file)."""
        path = self.root / "rotation.yaml"
        if text is None:
            path.unlink(missing_ok=True)
            (self.root / "README").write_text("widgets\n", encoding="utf-8")
        else:
            path.write_text(text, encoding="utf-8")
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", "base")
        return self.git("rev-parse", "HEAD")

    def head(self, text: str | None) -> None:
        """The pull request's version of the file in the working tree (None: deleted)."""
        path = self.root / "rotation.yaml"
        if text is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text(text, encoding="utf-8")

    def git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=self.root, capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    def run(
        self,
        event: str,
        base_sha: str,
        *options: str,
        monkeypatch: pytest.MonkeyPatch,
    ) -> Result:
        payload = json.loads((EVENTS / f"{event}.json").read_text(encoding="utf-8"))
        payload["pull_request"]["base"]["sha"] = base_sha
        event_path = self.root.parent / "event.json"
        event_path.write_text(json.dumps(payload), encoding="utf-8")
        monkeypatch.setenv("GITHUB_EVENT_PATH", str(event_path))
        return self.relrot("ci", "--today", TODAY, *options)

    @property
    def calls(self) -> list[list[str]]:
        log = self.gh_state / "calls.jsonl"
        if not log.exists():
            return []
        return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]

    @property
    def comments(self) -> list[dict[str, object]]:
        path = self.gh_state / "comments.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []

    def report(self) -> str:
        return self.summary.read_text(encoding="utf-8")


@pytest.fixture
def job(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, relrot: Callable[..., Result]) -> Job:
    root = tmp_path / "checkout"
    root.mkdir()
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gh = bin_dir / "gh"
    gh.write_text(
        f'#!/bin/sh\nexec "{sys.executable}" "{DATA / "fake_gh.py"}" "$@"\n', encoding="utf-8"
    )
    gh.chmod(0o755)
    state = tmp_path / "gh-state"
    state.mkdir()
    summary = tmp_path / "summary.md"
    for name, value in GIT_IDENTITY.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_GH_DIR", str(state))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_EVENT_NAME", "pull_request")
    monkeypatch.setenv("GITHUB_REPOSITORY", "widgets/widgets")
    monkeypatch.setenv("GITHUB_BASE_REF", "main")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("GITHUB_WORKSPACE", str(root))
    monkeypatch.chdir(root)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    return Job(root, state, summary, relrot)


def api_calls(job: Job) -> list[tuple[str, str]]:
    """(method, path) of each gh call."""
    found = []
    for args in job.calls:
        method = args[args.index("--method") + 1] if "--method" in args else "GET"
        found.append((method, next(a for a in args if a.startswith("repos/"))))
    return found


def test_same_repo_pr_comments_once_then_edits_in_place(
    job: Job, monkeypatch: pytest.MonkeyPatch
) -> None:
    sha = job.base(ROSTER)
    job.head(JANE_LEAVES)
    first = job.run("pull_request-same-repo", sha, monkeypatch=monkeypatch)
    assert first.exit_code == 0, first
    report = job.report()
    assert report.startswith(
        "<!-- relrot-report: rotation.yaml -->\n## relrot: rotation.yaml passes\n"
    )
    assert "The file is valid." in report
    assert "| 27.5.0 | Thu 2027-05-13 | co-pilot | jane | tobby |" in report
    assert "- @janedoe: " in report
    assert api_calls(job) == [
        ("GET", "repos/widgets/widgets/issues/42/comments"),
        ("POST", "repos/widgets/widgets/issues/42/comments"),
    ]
    assert [c["body"] for c in job.comments] == [report]

    # The author pushes again: the same comment is edited, no second one appears.
    job.head(ROSTER.replace("github: elvisp}", "github: elvisp, left: 2026-09-01}"))
    second = job.run("pull_request-same-repo", sha, monkeypatch=monkeypatch)
    assert second.exit_code == 0, second
    assert api_calls(job)[2:] == [
        ("GET", "repos/widgets/widgets/issues/42/comments"),
        ("PATCH", "repos/widgets/widgets/issues/comments/1000"),
    ]
    [comment] = job.comments
    assert comment["id"] == 1000
    assert "elvis" in str(comment["body"]).split("#### Who moves")[1]
    assert "comment edited on pull request #42" in second.stdout


def test_fork_pr_reports_in_the_summary_and_attempts_no_comment(
    job: Job, monkeypatch: pytest.MonkeyPatch
) -> None:
    sha = job.base(ROSTER)
    job.head(JANE_LEAVES)
    result = job.run("pull_request-fork", sha, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result
    assert job.calls == []
    assert "| 27.5.0 | Thu 2027-05-13 | co-pilot | jane | tobby |" in job.report()
    assert "no comment: the token of a pull request from a fork is read-only" in result.stdout


def test_first_pr_adding_the_file_shows_every_seat_as_new(
    job: Job, monkeypatch: pytest.MonkeyPatch
) -> None:
    sha = job.base(None)
    job.head(ROSTER)
    result = job.run("pull_request-same-repo", sha, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result
    report = job.report()
    assert "This pull request adds rotation.yaml: every seat in the plan is new." in report
    assert "| 26.1.0 | Tue 2026-01-13 | pilot | \\(empty\\) | Bob Ross |" not in report
    assert "| 26.1.0 | Tue 2026-01-13 | pilot | (empty) | Bob Ross |" in report
    assert len(job.comments) == 1


def test_pr_making_the_file_invalid_fails_and_lists_the_problems(
    job: Job, monkeypatch: pytest.MonkeyPatch
) -> None:
    sha = job.base(ROSTER)
    job.head(BROKEN)
    result = job.run("pull_request-same-repo", sha, monkeypatch=monkeypatch)
    assert result.exit_code == 1, result
    assert result.stdout.startswith(
        "::error file=rotation.yaml,line=8,col=10,title=duplicate-member::"
    )
    report = job.report()
    assert "## relrot: rotation.yaml fails" in report
    assert (
        "| rotation.yaml:8:10 | error | duplicate-member | member id \\`bob\\` is already used "
        "by members\\[0\\]; ids must be unique |"
    ) in report
    assert "The plan cannot be compared until the file validates." in report
    # The comment is the same report, never empty.
    assert [c["body"] for c in job.comments] == [report]


def test_pr_deleting_the_file_gives_up_every_coming_seat(
    job: Job, monkeypatch: pytest.MonkeyPatch
) -> None:
    sha = job.base(ROSTER)
    job.head(None)
    result = job.run("pull_request-same-repo", sha, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result
    report = job.report()
    assert "This pull request deletes rotation.yaml: every coming seat is given up." in report
    assert "| 26.1.0 | Tue 2026-01-13 | pilot | Bob Ross | (empty) |" in report
    assert len(job.comments) == 1


def test_pr_not_touching_the_file(job: Job, monkeypatch: pytest.MonkeyPatch) -> None:
    sha = job.base(ROSTER)
    result = job.run("pull_request-same-repo", sha, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result
    report = job.report()
    assert "This pull request does not change rotation.yaml." in report
    assert "No one moves: the plan is the same." in report


def test_a_base_that_was_not_fetched_says_how_to_fetch_it(
    job: Job, monkeypatch: pytest.MonkeyPatch
) -> None:
    job.base(ROSTER)
    job.head(JANE_LEAVES)
    missing = "0123456789abcdef0123456789abcdef01234567"
    result = job.run("pull_request-same-repo", missing, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result
    assert f"The base revision `{missing}` is not in this checkout" in job.report()
    assert "set `fetch-depth: 0` on `actions/checkout`" in job.report()


def test_a_failed_comment_never_fails_the_check(job: Job, monkeypatch: pytest.MonkeyPatch) -> None:
    sha = job.base(ROSTER)
    job.head(JANE_LEAVES)
    (job.gh_state / "fail").touch()
    result = job.run("pull_request-same-repo", sha, "--comment", "always", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result
    assert "relrot: warning: the pull request comment failed" in result.stderr
    assert "Resource not accessible by integration" in result.stderr
    assert job.report().startswith("<!-- relrot-report: rotation.yaml -->")


def test_never_comment(job: Job, monkeypatch: pytest.MonkeyPatch) -> None:
    sha = job.base(ROSTER)
    job.head(JANE_LEAVES)
    result = job.run("pull_request-same-repo", sha, "--comment", "never", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result
    assert job.calls == []


def reviews(job: Job, *entries: tuple[str, str]) -> None:
    listed = [{"user": {"login": login}, "state": state} for login, state in entries]
    (job.gh_state / "reviews.json").write_text(json.dumps(listed), encoding="utf-8")


def test_consent_required_names_who_has_not_approved(
    job: Job, monkeypatch: pytest.MonkeyPatch
) -> None:
    sha = job.base(ROSTER)
    job.head(JANE_LEAVES)
    # tobby approved, then asked for changes; elvis approved. jane is the author.
    reviews(job, ("tobbyt", "APPROVED"), ("elvisp", "APPROVED"), ("tobbyt", "CHANGES_REQUESTED"))
    # The moves are more than 180 days away: this check looks two years ahead.
    consent = ("--require-consent", "--consent-days", "730")
    result = job.run("pull_request-fork", sha, *consent, monkeypatch=monkeypatch)
    assert result.exit_code == 1, result
    assert ("GET", "repos/widgets/widgets/pulls/43/reviews") in api_calls(job)
    report = job.report()
    assert "## relrot: rotation.yaml fails" in report
    assert "- no consent from @janedoe, whose seats move: 27.5.0 co-pilot" in report
    assert "@tobbyt, whose seats move" in report
    assert "@elvisp, whose seats move" not in report

    # jane's own pull request counts as her consent; tobby approves again.
    reviews(job, ("tobbyt", "CHANGES_REQUESTED"), ("tobbyt", "APPROVED"), ("elvisp", "APPROVED"))
    passed = job.run("pull_request-same-repo", sha, *consent, monkeypatch=monkeypatch)
    assert passed.exit_code == 0, passed
    assert "Everyone whose seat moves has approved" in job.summary.read_text(encoding="utf-8")


# A conda-like roster in file (alphabetical) order, with a week of duty each side of release
# day; the pull request adds cal second, without `joined`: 22 seats of all seven members move
# over the 12 releases, and only bea, cal and cy's moves are within 180 days of 2026-01-01.
CONDA_LIKE = """\
schedule:
  first_release: 2026-01-13
  milestones:
    - {name: release-branch, days: -7}
    - {name: all-clear, days: 7}
members:
  - {id: ann, github: ann-gh}
  - {id: bea, github: bea-gh}
  - {id: cy, github: cy-gh}
  - {id: dov, github: dov-gh}
  - {id: eli, github: eli-gh}
  - {id: fay, github: fay-gh}
"""
WITH_CAL = CONDA_LIKE.replace("  - {id: bea,", "  - {id: cal, github: cal-gh}\n  - {id: bea,")


def test_a_missing_consent_is_an_error_in_the_log_and_only_within_the_consent_days(
    job: Job, monkeypatch: pytest.MonkeyPatch
) -> None:
    sha = job.base(CONDA_LIKE)
    job.head(WITH_CAL)
    reviews(job)
    failed = job.run("pull_request-same-repo", sha, "--require-consent", monkeypatch=monkeypatch)
    assert failed.exit_code == 1, failed
    # The log names who must approve: only those moved in releases on duty by 2026-06-30.
    consent = [line for line in failed.stdout.splitlines() if "title=consent" in line]
    assert consent == [
        "::error file=rotation.yaml,title=consent::no consent from @bea-gh, whose seats move: "
        "26.1.0 co-pilot, 26.3.0 pilot, 26.5.0 pilot, 26.5.0 co-pilot; @bea-gh must approve "
        "this pull request",
        "::error file=rotation.yaml,title=consent::no consent from @cal-gh, whose seats move: "
        "26.1.0 co-pilot, 26.3.0 pilot, 26.5.0 pilot; @cal-gh must approve this pull request",
        "::error file=rotation.yaml,title=consent::no consent from @cy-gh, whose seats move: "
        "26.5.0 co-pilot; @cy-gh must approve this pull request",
    ]
    # Moves further out are in the summary, and nobody need approve them.
    assert "| 27.9.0 |" in job.report()
    reviews(job, ("bea-gh", "APPROVED"), ("cal-gh", "APPROVED"), ("cy-gh", "APPROVED"))
    passed = job.run("pull_request-same-repo", sha, "--require-consent", monkeypatch=monkeypatch)
    assert passed.exit_code == 0, passed
    assert "title=consent" not in passed.stdout


# --- untrusted text ----------------------------------------------------------------------------

HOSTILE = """\
schedule:
  first_release: 2026-01-13
members:
  - id: bob
    name: "x%0A::error::pwned"
    away:
      - {from: 2026-01-01, to: 2026-01-20, reason: "flu\\n::add-mask::secret"}
  - {id: jane}
  - {id: tobby}
releases:
  - {version: 26.1.0, pilot: bob, co_pilot: jane}
swaps:
  - {release: "(flu\\n::add-mask::secret | *bold* <b>)", seat: pilot, out: bob, in: jane}
"""
# An away reason is never printed (SPEC 5); a swap's release is quoted in its problem.


def test_no_roster_text_becomes_a_workflow_command(
    job: Job, monkeypatch: pytest.MonkeyPatch
) -> None:
    sha = job.base(ROSTER)
    job.head(HOSTILE)
    result = job.run("pull_request-same-repo", sha, monkeypatch=monkeypatch)
    assert result.exit_code == 1, result
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert annotations
    for line in annotations:
        assert line.startswith(("::error ", "::warning ", "::notice ")), line
    # The newline the release text holds is data, escaped: it cannot end the annotation.
    assert "(flu%0A::add-mask::secret | *bold* <b>)" in result.stdout
    # The output, the summary and the comment: no line opens a command.
    for text in (result.stdout, result.stderr, job.report(), str(job.comments[0]["body"])):
        for line in text.splitlines():
            if line.lstrip().startswith(("::", "##[")):
                assert line.startswith(("::error ", "::warning ", "::notice ")), line
    report = job.report()
    assert "| 27.1.0 | Wed 2027-01-13 | co-pilot | x%0A::error::pwned | jane |" in report
    assert "flu ::add-mask::secret \\| \\*bold\\* \\<b\\>" in report


def test_a_link_out_of_the_checkout_is_not_read(
    job: Job, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    sha = job.base(ROSTER)
    secret = tmp_path / "secret.txt"
    secret.write_text("token: hunter2\n", encoding="utf-8")
    (job.root / "rotation.yaml").unlink()
    (job.root / "rotation.yaml").symlink_to(secret)
    result = job.run("pull_request-same-repo", sha, monkeypatch=monkeypatch)
    assert result.exit_code == 2, result
    assert "hunter2" not in result.stdout + result.stderr
    assert not job.summary.exists()
    assert job.calls == []


def test_horizon_0_checks_a_roster_without_pinned_releases(
    job: Job, monkeypatch: pytest.MonkeyPatch
) -> None:
    sha = job.base(ROSTER)
    job.head(JANE_LEAVES)
    result = job.run("pull_request-same-repo", sha, "--horizon", "0", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result
    assert "rotation.yaml" in job.report()


# --- within GitHub's limits --------------------------------------------------------------------

# GitHub refuses a comment longer than this; before the report was bounded, 4,000 problems
# made a 464 KB one.
COMMENT_LIMIT = 65_536


def test_thousands_of_problems_fit_in_one_comment(
    job: Job, monkeypatch: pytest.MonkeyPatch
) -> None:
    sha = job.base(ROSTER)
    requests = ", ".join(f"{{member: u{n}}}" for n in range(3000))
    job.head(ROSTER + f"jump_seat: [{requests}]\n")
    result = job.run("pull_request-same-repo", sha, monkeypatch=monkeypatch)
    assert result.exit_code == 1, result
    report = job.report()
    assert len(report) < COMMENT_LIMIT
    assert [c["body"] for c in job.comments] == [report]
    assert report.count("| unknown-member |") == 5
    assert (
        "… 2,995 more problems not shown (unknown-member: 2,995); see the annotations in the "
        "job log."
    ) in report
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == 6
    assert annotations[-1].startswith("::notice title=relrot::2,995 more problems not shown")


def test_a_problem_list_is_cut_at_fifty_rows(job: Job, monkeypatch: pytest.MonkeyPatch) -> None:
    sha = job.base(ROSTER)
    # Three rules of 20 shown problems each, one to a line: 60 annotations, 50 rows.
    skips = "".join(f"    - 9.{n}.1\n" for n in range(20))
    text = ROSTER.replace("  first_release:", f"  skip:\n{skips}  first_release:")
    text += "jump_seat:\n" + "".join(f"  - {{member: u{n}}}\n" for n in range(20))
    swap = "  - {release: 26.1.0, seat: pilot, out: jane, in: tobby}\n"
    job.head(text + "swaps:\n" + swap * 20)
    result = job.run("pull_request-same-repo", sha, monkeypatch=monkeypatch)
    assert result.exit_code == 1, result
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert len(annotations) == 60
    report = job.report()
    assert report.count("| error |") == 50
    assert "… 10 more problems not shown (" in report


def test_a_report_longer_than_a_comment_is_cut_and_logged_whole(
    job: Job, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without bob every seat of 2,000 releases moves: a diff of some 300 KB.
    numbered = ROSTER.replace("2026-01-13\n", "2026-01-13\n  version: '{n}.0'\n")
    sha = job.base(numbered)
    job.head(numbered.replace("  - {id: bob, name: Bob Ross, github: bobross}\n", ""))
    result = job.run("pull_request-same-repo", sha, "--horizon", "2000", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result
    report = job.report()
    assert len(report.encode("utf-8")) < COMMENT_LIMIT
    assert [c["body"] for c in job.comments] == [report]
    assert report.startswith("<!-- relrot-report: rotation.yaml -->\n")
    assert report.endswith(
        "\n… the report is cut here: it is longer than the 65,536 characters GitHub allows in "
        "a comment; the job log has all of it.\n"
    )
    # The log holds the whole report, the summary's first part included.
    whole = result.stdout.split("here is all of it:\n\n", 1)[1]
    assert len(whole) > 3 * COMMENT_LIMIT
    assert whole.startswith(report.rsplit("\n…", 1)[0])


TEAM = (DATA / "portfolio" / "team.yaml").read_text(encoding="utf-8")
# noa takes max's co-pilot seat in the manager's 26.5.0; the build tool takes that crew.
TEAM_SWAPPED = TEAM.replace(
    "    jump_seat:\n",
    "    swaps:\n      - {release: 26.5.0, seat: co_pilot, out: max, in: noa}\n    jump_seat:\n",
)


def test_a_portfolio_is_checked_and_compared_project_by_project(
    job: Job, monkeypatch: pytest.MonkeyPatch
) -> None:
    sha = job.base(TEAM)
    job.head(TEAM_SWAPPED)
    result = job.run("pull_request-fork", sha, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result
    report = job.report()
    assert report.startswith(
        "<!-- relrot-report: rotation.yaml -->\n## relrot: rotation.yaml passes\n"
    )
    # The swap leaves max to pilot 26.7.0 untrained: a warning of the manager, placed.
    assert "title=untrained-pilot::manager: max pilots 26.7.0" in result.stdout
    rows = [line for line in report.splitlines() if line.startswith(("| manager", "| builder"))]
    assert rows == [
        "| manager | 26.5.0 | Mon 2026-05-11 | co-pilot | Max Feld | Noa Brandt |",
        "| builder | 26.5.0 | Tue 2026-05-12 | co-pilot | Max Feld | Noa Brandt |",
    ]
    assert "| Project | Release | Date | Seat | Before | After |" in report
    assert "- Noa Brandt: +2 seats" in report


def test_a_portfolio_with_an_error_fails_naming_its_project(
    job: Job, monkeypatch: pytest.MonkeyPatch
) -> None:
    sha = job.base(TEAM)
    job.head(TEAM.replace("{version: 26.1.0, pilot: kai", "{version: 26.1.0, pilot: kay"))
    result = job.run("pull_request-fork", sha, monkeypatch=monkeypatch)
    assert result.exit_code == 1, result
    assert "manager: " in job.report()
    assert "::error file=rotation.yaml,line=" in result.stdout
