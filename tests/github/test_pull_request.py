"""What a pull request does to the rotation file, as `Report` values: a real git checkout with
the pull request's base committed, no CLI and no `gh`."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import msgspec
import pytest

from relrot.diff import MissingConsent, SeatChange
from relrot.github.event import Event, PullRequest
from relrot.github.gh import GhError
from relrot.github.pull_request import Base, Consent, Report, Unchecked, examine
from relrot.problems import Problem, Severity, UsageError
from relrot.project import Project
from tests.cli.test_ci import BROKEN, JANE_LEAVES, ROSTER
from tests.test_pre_commit import GIT_IDENTITY

JANES_SEATS = (
    SeatChange("27.5.0", dt.date(2027, 5, 13), "co_pilot", "jane", "tobby"),
    SeatChange("27.7.0", dt.date(2027, 7, 13), "pilot", "jane", "tobby"),
)
DUPLICATE_BOB = Problem(
    rule="duplicate-member",
    severity=Severity.ERROR,
    message="member id `bob` is already used by members[0]; ids must be unique",
    file="rotation.yaml",
    line=8,
    column=10,
    member="bob",
    path=("members", 4, "id"),
)


class Checkout:
    """A git checkout: the base commit, and the pull request's file in the working tree."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.file = root / "rotation.yaml"
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=self.root, capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    def base(self, text: str | None) -> str:
        self.head(text)
        (self.root / "README").write_text("widgets\n", encoding="utf-8")
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "base")
        return self.git("rev-parse", "HEAD")

    def head(self, text: str | None) -> None:
        if text is None:
            self.file.unlink(missing_ok=True)
        else:
            self.file.write_text(text, encoding="utf-8")

    def model(self, text: str) -> object:
        return Project.parse(text.encode(), "rotation.yaml").model


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Checkout:
    for name, value in GIT_IDENTITY.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "checkout"
    root.mkdir()
    return Checkout(root)


def event(base_sha: str | None, author: str = "janedoe", base_ref: str | None = None) -> Event:
    pull = PullRequest(42, author, base_sha, "widgets/widgets", "widgets/widgets")
    return Event("pull_request", "widgets/widgets", base_ref, pull)


def examined(found: Event, **options: object) -> Report:
    """The report on checkout/rotation.yaml, seen from the checkout's parent folder."""
    return examine(
        Path("checkout/rotation.yaml"),
        found,
        today=lambda _: dt.date(2026, 1, 1),
        horizon=10,
        **options,  # type: ignore[arg-type]
    )


def test_a_roster_change_is_its_seat_changes(checkout: Checkout) -> None:
    sha = checkout.base(ROSTER)
    checkout.head(JANE_LEAVES)
    report = examined(event(sha))
    assert report == Report(
        file="checkout/rotation.yaml",
        present=True,
        base=Base.LOADED,
        revision=sha,
        base_error=None,
        unchanged=False,
        problems=(),
        strict=False,
        changes=JANES_SEATS,
        consent=None,
        rosters=(checkout.model(JANE_LEAVES), checkout.model(ROSTER)),
    )
    assert report.passed


def test_the_report_cannot_be_edited_after_the_fact(checkout: Checkout) -> None:
    sha = checkout.base(ROSTER)
    report = examined(event(sha))
    with pytest.raises(AttributeError, match="immutable"):
        report.changes = None  # type: ignore[misc]
    assert report.changes == ()
    assert report.unchanged


def test_adding_the_file_makes_every_seat_new(checkout: Checkout) -> None:
    sha = checkout.base(None)
    checkout.head(ROSTER)
    report = examined(event(sha))
    assert (report.base, report.unchanged, report.blocked) == (Base.ABSENT, False, False)
    assert report.changes is not None
    assert len(report.changes) == 20
    assert {change.before for change in report.changes} == {None}
    assert report.rosters == (checkout.model(ROSTER),)


def test_deleting_the_file_gives_up_every_seat(checkout: Checkout) -> None:
    sha = checkout.base(ROSTER)
    checkout.head(None)
    report = examined(event(sha))
    assert (report.present, report.base, report.problems) == (False, Base.LOADED, ())
    assert report.changes is not None
    assert len(report.changes) == 20
    assert {change.after for change in report.changes} == {None}
    assert report.changes[0] == SeatChange("26.1.0", dt.date(2026, 1, 13), "pilot", "bob", None)
    assert report.passed


def test_a_file_with_errors_fails_and_has_no_diff(checkout: Checkout) -> None:
    sha = checkout.base(ROSTER)
    checkout.head(BROKEN)
    report = examined(event(sha))
    assert report.problems == (
        msgspec.structs.replace(DUPLICATE_BOB, file="checkout/rotation.yaml"),
    )
    assert (report.changes, report.blocked, report.valid, report.passed) == (
        None,
        True,
        False,
        False,
    )
    assert report.rosters == (checkout.model(ROSTER),)


def test_a_base_that_does_not_load_leaves_no_diff(checkout: Checkout) -> None:
    sha = checkout.base(BROKEN)
    checkout.head(ROSTER)
    report = examined(event(sha))
    assert (report.base, report.changes, report.blocked) == (Base.BROKEN, None, False)
    assert not report.unchanged
    checkout.head(BROKEN)
    assert examined(event(sha)).unchanged


def test_a_base_not_in_the_checkout_is_named(checkout: Checkout) -> None:
    checkout.base(ROSTER)
    checkout.head(JANE_LEAVES)
    missing = "0123456789abcdef0123456789abcdef01234567"
    report = examined(event(missing))
    assert (report.base, report.revision, report.changes) == (Base.NOT_FETCHED, missing, None)
    assert report.passed


def test_an_unreadable_base_says_why(checkout: Checkout) -> None:
    checkout.base(ROSTER)
    report = examined(event("-oops"))
    assert (report.base, report.changes) == (Base.UNREADABLE, None)
    assert report.base_error == "'git:-oops' is not a revision: a revision cannot start with '-'"


def test_without_a_base_revision_nothing_is_compared(checkout: Checkout) -> None:
    checkout.base(ROSTER)
    report = examined(event(None))
    assert (report.base, report.revision, report.changes, report.blocked) == (
        Base.UNKNOWN,
        None,
        None,
        False,
    )
    # The base branch when the event names no commit.
    assert examined(event(None, base_ref="main")).revision == "origin/main"


def test_a_file_in_neither_place_is_a_usage_error(checkout: Checkout) -> None:
    sha = checkout.base(None)
    with pytest.raises(UsageError) as caught:
        examined(event(sha))
    assert caught.value.problems[0].message == (
        "checkout/rotation.yaml is neither in the checkout nor at the base revision; "
        "give the action the path of the rotation file"
    )


def test_a_folder_is_not_a_rotation_file(checkout: Checkout) -> None:
    sha = checkout.base(ROSTER)
    checkout.file.unlink()
    checkout.file.mkdir()
    with pytest.raises(UsageError, match=r"^checkout/rotation.yaml is not a file$"):
        examined(event(sha))


# --- consent ---------------------------------------------------------------------------------

# jane's seats move in 27.5.0 and 27.7.0, more than 180 days after 2026-01-01: the tests of who
# must approve look that far ahead.
TWO_YEARS = 730


def test_consent_names_everyone_moved_who_did_not_approve(checkout: Checkout) -> None:
    sha = checkout.base(ROSTER)
    checkout.head(JANE_LEAVES)
    outsider = event(sha, author="outsider")
    report = examined(
        outsider, require_consent=True, approvals=lambda: ["TobbyT"], consent_days=TWO_YEARS
    )
    missing = MissingConsent("jane", "janedoe", JANES_SEATS)
    assert report.consent == Consent(missing=(missing,))
    assert (report.valid, report.consented, report.passed) == (True, False, False)


def test_the_author_consents_to_their_own_seats(checkout: Checkout) -> None:
    sha = checkout.base(ROSTER)
    checkout.head(JANE_LEAVES)
    report = examined(
        event(sha), require_consent=True, approvals=lambda: ["tobbyt"], consent_days=TWO_YEARS
    )
    assert report.consent == Consent()
    assert report.passed


def test_moves_past_the_consent_days_need_no_approval(checkout: Checkout) -> None:
    # 27.5.0 is 497 days after 2026-01-01: past the default 180, nobody is asked.
    sha = checkout.base(ROSTER)
    checkout.head(JANE_LEAVES)

    def approvals() -> list[str]:
        raise AssertionError("reviews read for moves nobody must approve")

    report = examined(event(sha, author="outsider"), require_consent=True, approvals=approvals)
    assert report.changes == JANES_SEATS
    assert report.consent == Consent()
    assert report.passed
    # A window reaching 27.5.0's duty window (release day alone) but not 27.7.0's.
    reaching = examined(
        event(sha, author="outsider"), require_consent=True, approvals=list, consent_days=497
    )
    missing = MissingConsent("jane", "janedoe", JANES_SEATS[:1])
    assert reaching.consent is not None
    assert reaching.consent.missing[0] == missing


def test_no_one_moved_asks_for_no_reviews(checkout: Checkout) -> None:
    sha = checkout.base(ROSTER)

    def approvals() -> list[str]:
        raise AssertionError("reviews read for a change that moves no one")

    report = examined(event(sha), require_consent=True, approvals=approvals)
    assert report.consent == Consent()


@pytest.mark.parametrize(
    ("head", "approvals", "expected"),
    [
        (JANE_LEAVES, None, Consent(unchecked=Unchecked.NO_PULL_REQUEST)),
        (BROKEN, list, Consent(unchecked=Unchecked.NO_DIFF)),
    ],
)
def test_consent_that_cannot_be_checked_fails(
    checkout: Checkout, head: str, approvals: object, expected: Consent
) -> None:
    sha = checkout.base(ROSTER)
    checkout.head(head)
    report = examined(event(sha), require_consent=True, approvals=approvals)
    assert report.consent == expected
    assert not report.consented


def test_reviews_gh_cannot_read_leave_consent_unchecked(checkout: Checkout) -> None:
    sha = checkout.base(ROSTER)
    checkout.head(JANE_LEAVES)

    def approvals() -> list[str]:
        raise GhError("gh is not installed")

    report = examined(event(sha), require_consent=True, approvals=approvals, consent_days=TWO_YEARS)
    assert report.consent == Consent(unchecked=Unchecked.NO_REVIEWS, error="gh is not installed")


# --- the verdict -----------------------------------------------------------------------------

WARNING = Problem("stint", Severity.WARNING, "a long stint")
HISTORY = Problem("history", Severity.INFO, "an old release")


@pytest.mark.parametrize(
    ("problems", "strict", "valid"),
    [
        ((), False, True),
        ((WARNING, HISTORY), False, True),
        ((WARNING,), True, False),
        ((HISTORY,), True, True),
        ((DUPLICATE_BOB,), False, False),
    ],
)
def test_errors_fail_and_warnings_fail_when_strict(
    problems: tuple[Problem, ...], strict: bool, valid: bool
) -> None:
    report = Report(
        file="rotation.yaml",
        present=True,
        base=Base.LOADED,
        revision="abc",
        base_error=None,
        unchanged=True,
        problems=problems,
        strict=strict,
        changes=(),
        consent=None,
        rosters=(),
    )
    assert (report.valid, report.passed) == (valid, valid)
