"""Release references resolved in the core, question by question (SPEC 5)."""

from __future__ import annotations

import datetime as dt

import pytest

from relrot.calendar import Calendar
from relrot.model import Schedule
from relrot.problems import RelrotError, UsageError
from relrot.references import (
    REFERENCE_REACH,
    Question,
    Resolver,
    Term,
    Terms,
    first_from,
    reach,
)


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
        # The releases on either side in version order, never a look-alike such as 27.9.0.
        (
            "27.4.0",
            Question.FROM,
            "no release has version '27.4.0'; did you mean 27.3.0 or 27.5.0?",
        ),
        (
            "27.4.1",
            Question.FROM,
            "no release has version '27.4.1'; did you mean 27.3.0 or 27.5.0?",
        ),
        (
            "v27.10.0",
            Question.FROM,
            "no release has version 'v27.10.0'; did you mean 27.9.0 or 27.11.0?",
        ),
        # A crew question passes over the skipped 26.5.0.
        (
            "26.4.0",
            Question.FROM,
            "no release has version '26.4.0'; did you mean 26.3.0 or 26.7.0?",
        ),
        ("25.11.0", Question.FROM, "no release has version '25.11.0'; did you mean 26.1.0?"),
        ("99.1.0", Question.FROM, "no release has version '99.1.0'; did you mean 34.3.0?"),
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


def test_a_version_of_thousands_of_digits_still_compares_as_numbers() -> None:
    # Past the integer size Python converts: compared as digits, never converted.
    with pytest.raises(UsageError) as raised:
        resolver().resolve("9" * 5000, Question.FROM, crewed=True)
    assert raised.value.problems[0].message.endswith("; did you mean 34.3.0?")


def test_a_version_that_looks_like_a_number_is_a_version_first() -> None:
    found = resolver(version="{n}", skip=[])
    assert found.resolve("3", Question.FROM, crewed=True).number == 3
    assert found.resolve("2026-03-12", Question.FROM, crewed=True).version == "2"


# A weekly train ten years old (issue 25): release 500 is 2025.500 on Tue 2025-07-29, 568 is
# 2026.568 on Tue 2026-11-17, and Saturday 2026-11-21 is between 568 and 569.
WEEKLY = {"first_release": "2016-01-05", "rrule": "FREQ=WEEKLY;BYDAY=TU", "version": "{yyyy}.{n}"}
SATURDAY = dt.date(2026, 11, 21)


def weekly() -> Calendar:
    return Calendar(Schedule.model_validate(WEEKLY))


def test_the_reach_runs_from_the_releases_over_by_today() -> None:
    calendar = weekly()
    assert reach(calendar, 0) == REFERENCE_REACH
    assert reach(calendar, 0, SATURDAY) == 568 + REFERENCE_REACH
    # Pins further along than today still count from the last pin.
    assert reach(calendar, 2000, SATURDAY) == 2000 + REFERENCE_REACH


def test_a_weekly_train_finds_today_past_its_500th_release() -> None:
    calendar = weekly()
    found = Resolver.reaching(calendar, 0, SATURDAY)
    assert found.resolve("2026-11-21", Question.FROM, crewed=True).version == "2026.569"
    assert found.resolve(SATURDAY, Question.THROUGH, crewed=False).version == "2026.568"
    assert found.in_progress(SATURDAY) == 568
    assert first_from(calendar, SATURDAY) == 569
    # Before, the reach ran from the pins alone, and this was a usage error.
    with pytest.raises(UsageError) as raised:
        Resolver.reaching(calendar, 0).resolve(SATURDAY, Question.FROM, crewed=True)
    assert [p.message for p in raised.value.problems] == [
        "no release on or after 2026-11-21 within the first 500 releases; the last is "
        "2025.500 on 2025-07-29"
    ]


def test_numbers_and_days_are_references_as_they_are() -> None:
    found = resolver()
    assert found.resolve(2, Question.FROM, crewed=True).version == "26.3.0"
    assert found.resolve(dt.date(2026, 2, 1), Question.THROUGH, crewed=True).version == "26.1.0"
    # What a file's entry names: a version exactly, or a number as YAML gave it.
    assert (found.number("26.3.0"), found.number(7), found.number("26.3.1")) == (2, 7, None)


def test_a_calendar_that_ends_before_the_day_is_a_problem_of_the_file() -> None:
    calendar = Calendar(Schedule.model_validate({**WEEKLY, "rrule": "FREQ=WEEKLY;COUNT=3"}))
    with pytest.raises(RelrotError) as raised:
        first_from(calendar, SATURDAY)
    assert [(p.rule, p.path) for p in raised.value.problems] == [
        ("calendar", ("schedule", "rrule"))
    ]
    # The reach stays where the pins put it, so a reference gets its own answer.
    assert reach(calendar, 0, SATURDAY) == REFERENCE_REACH


def test_a_file_naming_a_release_far_ahead_plans_no_further(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The reach is counted from today's release, not from the release a file names."""
    from relrot import calendar as calendar_module
    from relrot.project import Project

    worked_out = {"releases": 0}
    extend = calendar_module.Calendar._extend

    def counted(self: Calendar) -> bool:
        worked_out["releases"] += 1
        return extend(self)

    monkeypatch.setattr(calendar_module.Calendar, "_extend", counted)
    text = (
        "schedule: {first_release: 2016-01-05, rrule: 'FREQ=WEEKLY;BYDAY=TU', "
        "version: '{yyyy}.{n}'}\n"
        "members: [{id: ann}, {id: bob}, {id: cat}, {id: dan}]\n"
        "swaps:\n"
        "  - {release: '2026.570', seat: pilot, out: bob, in: cat}\n"
        "  - {release: 50000, seat: pilot, out: bob, in: ann}\n"
        "jump_seat: [{member: dan, release: '2066.2100'}]\n"
    )
    report = Project.parse(text.encode()).check(SATURDAY)
    unknown = [(p.rule, p.release) for p in report.problems if p.rule == "unknown-release"]
    assert unknown == [("unknown-release", "50000"), ("unknown-release", "2066.2100")]
    # A swap near today is found (it was `unknown-release` when the reach ran from the pins).
    assert not [p for p in report.problems if p.release == "2026.570"]
    assert report.plan is not None
    assert report.plan.releases[569].pilot == "cat"
    planned_through = 569 + 12 - 1
    assert worked_out["releases"] <= planned_through + REFERENCE_REACH + 10


# --- on-demand terms (SPEC 6) ---------------------------------------------------------------

D = dt.date
BIMONTHLY = Terms(D(2026, 1, 1), 2)


@pytest.mark.parametrize(
    ("day", "term"),
    [
        (D(2026, 1, 1), Term(1, D(2026, 1, 1), D(2026, 2, 28))),
        (D(2026, 2, 28), Term(1, D(2026, 1, 1), D(2026, 2, 28))),
        (D(2026, 3, 1), Term(2, D(2026, 3, 1), D(2026, 4, 30))),
        (D(2026, 12, 31), Term(6, D(2026, 11, 1), D(2026, 12, 31))),
        (D(2028, 2, 29), Term(13, D(2028, 1, 1), D(2028, 2, 29))),
        (D(2025, 12, 31), None),
    ],
)
def test_a_date_falls_in_the_term_of_every_months_from_the_first(
    day: dt.date, term: Term | None
) -> None:
    assert BIMONTHLY.containing(day) == term


def test_a_term_is_named_by_its_first_month() -> None:
    term = BIMONTHLY.containing(D(2026, 4, 2))
    assert term is not None
    assert (term.name, term.first, term.last) == ("2026-03", D(2026, 3, 1), D(2026, 4, 30))
    assert BIMONTHLY.named("2026-03") == term
    # A month inside a term, or before the first, names no term; nor does other text.
    assert [BIMONTHLY.named(n) for n in ("2026-04", "2025-11", "2026-13", "26.3.0")] == [None] * 4


def test_terms_cross_years_and_stop_at_the_calendar_s_end() -> None:
    quarterly = Terms(D(2026, 11, 1), 3)
    assert quarterly.term(2) == Term(2, D(2027, 2, 1), D(2027, 4, 30))
    assert Terms(D(9999, 11, 1), 2).term(1) == Term(1, D(9999, 11, 1), dt.date.max)
    assert Terms(D(9999, 11, 1), 2).term(2) is None
    assert quarterly.term(0) is None


@pytest.mark.parametrize(("first", "months"), [(D(2026, 1, 2), 2), (D(2026, 1, 1), 0)])
def test_terms_start_on_a_month_s_first_day_and_last_a_month_or_more(
    first: dt.date, months: int
) -> None:
    with pytest.raises(ValueError, match="first day of a month"):
        Terms(first, months)
