"""Release references resolved in the core, question by question (SPEC 5)."""

from __future__ import annotations

import pytest

from relrot.calendar import Calendar
from relrot.model import Schedule
from relrot.problems import UsageError
from relrot.references import Question, Resolver


def resolver(**schedule: object) -> Resolver:
    # Releases: 26.1.0 Tue 01-13, 26.3.0 Thu 03-12, 26.5.0 Wed 05-13 (skipped), 26.7.0 ...
    values = {"first_release": "2026-01-13", "skip": ["26.5.0"], **schedule}
    return Resolver(Calendar(Schedule.model_validate(values)), limit=50)


@pytest.mark.parametrize(
    ("ref", "question", "version"),
    [
        ("26.3.0", Question.ON_DUTY, "26.3.0"),
        ("2", Question.FROM, "26.3.0"),
        (" 26.3.4 ", Question.THROUGH, "26.3.0"),
        ("2026-03-12", Question.ON_DUTY, "26.3.0"),
        ("2026-02-01", Question.FROM, "26.3.0"),
        ("2026-02-01", Question.THROUGH, "26.1.0"),
        ("2026-03-11", Question.THROUGH, "26.1.0"),
        # Asked for a crew, a date skips releases that do not ship.
        ("2026-04-01", Question.FROM, "26.7.0"),
    ],
)
def test_references_that_name_a_release(ref: str, question: Question, version: str) -> None:
    assert resolver().resolve(ref, question, crewed=True).version == version


def test_skipped_releases_count_when_the_question_is_about_the_calendar() -> None:
    found = resolver().resolve("2026-04-01", Question.FROM, crewed=False)
    assert (found.version, found.skipped) == ("26.5.0", True)
    assert resolver().resolve("26.5.0", Question.THROUGH, crewed=False).number == 3


def test_a_duty_window_holds_the_branch_week() -> None:
    milestones = [{"name": "branch", "days": -7}, {"name": "all-clear", "days": 7}]
    found = resolver(milestones=milestones)
    assert found.resolve("2026-03-05", Question.ON_DUTY, crewed=True).version == "26.3.0"
    assert found.resolve("2026-03-19", Question.ON_DUTY, crewed=True).version == "26.3.0"
    # Through a date asks for release days: 26.3.0's branch week does not count.
    assert found.resolve("2026-03-05", Question.THROUGH, crewed=True).version == "26.1.0"


@pytest.mark.parametrize(
    ("ref", "question", "message"),
    [
        (
            "26.5.0",
            Question.FROM,
            "26.5.0 is skipped (`schedule.skip`): it has no crew; the "
            "nearest releases are 26.3.0 on 2026-03-12 and 26.7.0 on 2026-07-13",
        ),
        (
            "51",
            Question.FROM,
            "there is no release number 51: numbers run from 1 to 50 (relrot "
            "looks no further ahead)",
        ),
        (
            "0",
            Question.FROM,
            "there is no release number 0: numbers run from 1 to 50 (relrot "
            "looks no further ahead)",
        ),
        ("26.3", Question.FROM, "no release has version '26.3'; did you mean 26.3.0?"),
        (
            "2040-01-01",
            Question.FROM,
            "no release on or after 2040-01-01 within the first 50 "
            "releases; the last is 34.3.0 on 2034-03-13",
        ),
        ("", Question.FROM, "the release is empty; give a version, a number or a date"),
        ("٣", Question.FROM, "no release has version '٣'; give a version, a number or a date"),
    ],
)
def test_references_that_match_nothing(ref: str, question: Question, message: str) -> None:
    with pytest.raises(UsageError) as raised:
        resolver().resolve(ref, question, crewed=True)
    assert [p.message for p in raised.value.problems] == [message]
    assert raised.value.exit_code == 2


def test_a_version_that_looks_like_a_number_is_a_version_first() -> None:
    found = resolver(version="{n}", skip=[])
    assert found.resolve("3", Question.FROM, crewed=True).number == 3
    assert found.resolve("2026-03-12", Question.FROM, crewed=True).version == "2"
