"""The release calendar: nominal dates, blocked days, shifting, versions and duty windows."""

from __future__ import annotations

import datetime as dt
import json
import re

import pydantic
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from relrot.calendar import (
    MAX_RULE_GAP_DAYS,
    STEPS_PER_RELEASE,
    Calendar,
    regular_version,
    series,
)
from relrot.model import RotationFile, Schedule
from relrot.problems import RelrotError, Severity
from relrot.render.json_format import render
from relrot.yamlfile.load import parse
from tests.conftest import plan_of

SEED_ROSTER = [{"id": "bob"}, {"id": "jane"}, {"id": "tobby"}, {"id": "elvis"}]
# Monday and Wednesday releases: close neighbours, so the fallback rules come into play.
TWICE_WEEKLY = "FREQ=WEEKLY;BYDAY=MO,WE"


def calendar(**schedule: object) -> Calendar:
    return Calendar(Schedule.model_validate(schedule))


def table(cal: Calendar, count: int) -> list[tuple[int, str, str, str]]:
    """(number, version, nominal date, actual date) for the first `count` releases."""
    return [
        (r.number, r.version, r.nominal.isoformat(), r.date.isoformat())
        for r in cal.releases(count)
    ]


def calendar_error(cal: Calendar, count: int) -> tuple[str, Severity, str]:
    with pytest.raises(RelrotError) as caught:
        cal.releases(count)
    [problem] = caught.value.problems
    return problem.rule, problem.severity, problem.message


# Shifting off Fridays and weekends


def test_default_shift_moves_friday_and_weekend_to_thursday() -> None:
    assert table(calendar(first_release="2026-01-13"), 8) == [
        (1, "26.1.0", "2026-01-13", "2026-01-13"),  # Tuesday
        (2, "26.3.0", "2026-03-13", "2026-03-12"),  # Friday -> Thursday
        (3, "26.5.0", "2026-05-13", "2026-05-13"),  # Wednesday
        (4, "26.7.0", "2026-07-13", "2026-07-13"),  # Monday
        (5, "26.9.0", "2026-09-13", "2026-09-10"),  # Sunday -> Thursday
        (6, "26.11.0", "2026-11-13", "2026-11-12"),  # Friday -> Thursday
        (7, "27.1.0", "2027-01-13", "2027-01-13"),  # Wednesday
        (8, "27.3.0", "2027-03-13", "2027-03-11"),  # Saturday -> Thursday
    ]


def test_shift_later_moves_friday_and_weekend_to_monday() -> None:
    assert table(calendar(first_release="2026-01-13", shift="later"), 8) == [
        (1, "26.1.0", "2026-01-13", "2026-01-13"),
        (2, "26.3.0", "2026-03-13", "2026-03-16"),
        (3, "26.5.0", "2026-05-13", "2026-05-13"),
        (4, "26.7.0", "2026-07-13", "2026-07-13"),
        (5, "26.9.0", "2026-09-13", "2026-09-14"),
        (6, "26.11.0", "2026-11-13", "2026-11-16"),
        (7, "27.1.0", "2027-01-13", "2027-01-13"),
        (8, "27.3.0", "2027-03-13", "2027-03-15"),
    ]


def test_release_one_may_land_before_first_release() -> None:
    # 2026-01-17 is a Saturday.
    assert table(calendar(first_release="2026-01-17"), 1) == [
        (1, "26.1.0", "2026-01-17", "2026-01-15")
    ]


def test_moving_earlier_onto_the_previous_release_moves_later_instead() -> None:
    cal = calendar(
        first_release="2026-01-12",
        rrule=TWICE_WEEKLY,
        version="{yyyy}.{mm}.{n}",
        blackout=[{"from": "2026-01-13", "to": "2026-01-14"}],
    )
    # Wed 14 is blacked out; Tue 13 too; Mon 12 is release 1's day, so it goes to Thu 15.
    assert table(cal, 3) == [
        (1, "2026.01.1", "2026-01-12", "2026-01-12"),
        (2, "2026.01.2", "2026-01-14", "2026-01-15"),
        (3, "2026.01.3", "2026-01-19", "2026-01-19"),
    ]


def test_moving_earlier_onto_a_shifted_previous_release_moves_later_instead() -> None:
    cal = calendar(
        first_release="2026-01-12",
        rrule=TWICE_WEEKLY,
        version="{yyyy}.{mm}.{n}",
        blocked_weekdays=["saturday", "sunday", "monday"],
        blackout=[{"from": "2026-01-13", "to": "2026-01-14"}],
    )
    # Release 1 moves from Mon 12 back to Thu 8. Release 2 (Wed 14) finds nothing open
    # after Thu 8, so it moves later, to Thu 15; release 3 (Mon 19) then cannot go back to
    # Thu 15 and moves on to Tue 20.
    assert table(cal, 4) == [
        (1, "2026.01.1", "2026-01-12", "2026-01-08"),
        (2, "2026.01.2", "2026-01-14", "2026-01-15"),
        (3, "2026.01.3", "2026-01-19", "2026-01-20"),
        (4, "2026.01.4", "2026-01-21", "2026-01-21"),
    ]


def test_shift_later_never_reaches_the_next_nominal_date() -> None:
    cal = calendar(
        first_release="2026-01-12",
        rrule=TWICE_WEEKLY,
        version="{yyyy}.{mm}.{n}",
        shift="later",
        blackout=[{"from": "2026-01-14", "to": "2026-01-15"}],
    )
    # Later than Wed 14 means Mon 19 at the earliest, which is release 3's nominal day.
    assert table(cal, 3) == [
        (1, "2026.01.1", "2026-01-12", "2026-01-12"),
        (2, "2026.01.2", "2026-01-14", "2026-01-13"),
        (3, "2026.01.3", "2026-01-19", "2026-01-19"),
    ]


def test_no_allowed_day_between_neighbours_is_a_calendar_error() -> None:
    cal = calendar(
        first_release="2026-01-12",
        rrule=TWICE_WEEKLY,
        version="{yyyy}.{mm}.{n}",
        blackout=[{"from": "2026-01-13", "to": "2026-01-16"}],
    )
    assert calendar_error(cal, 3) == (
        "calendar",
        Severity.ERROR,
        "release 2 (2026.01.2, nominally 2026-01-14) has no open day between 2026-01-12 and "
        "2026-01-19; shorten a blackout or unblock a weekday",
    )


def test_a_calendar_error_stops_the_plan() -> None:
    rotation = RotationFile.model_validate(
        {
            "schedule": {
                "first_release": "2026-01-12",
                "rrule": TWICE_WEEKLY,
                "version": "{yyyy}.{mm}.{n}",
                "blackout": [{"from": "2026-01-13", "to": "2026-01-16"}],
            },
            "members": SEED_ROSTER,
        }
    )
    with pytest.raises(RelrotError) as caught:
        plan_of(rotation, 3)
    assert [p.rule for p in caught.value.problems] == ["calendar"]


# Skipped releases


def test_skipped_release_keeps_its_number_and_version() -> None:
    cal = calendar(first_release="2026-01-13", skip=["26.5.0"])
    assert [(r.number, r.version, r.skipped) for r in cal.releases(4)] == [
        (1, "26.1.0", False),
        (2, "26.3.0", False),
        (3, "26.5.0", True),
        (4, "26.7.0", False),
    ]


def test_skipped_release_has_no_crew_and_the_rotation_runs_over_it() -> None:
    rotation = RotationFile.model_validate(
        {
            "schedule": {"first_release": "2026-01-13", "skip": ["26.5.0"]},
            "members": SEED_ROSTER,
        }
    )
    plan = plan_of(rotation, 6)
    assert [(r.number, r.version, r.pilot, r.co_pilot, r.index) for r in plan.releases] == [
        (1, "26.1.0", "bob", "jane", 0),
        (2, "26.3.0", "jane", "bob", 1),
        (3, "26.5.0", None, None, None),
        (4, "26.7.0", "jane", "tobby", 2),
        (5, "26.9.0", "tobby", "jane", 3),
        (6, "26.11.0", "tobby", "elvis", 4),
    ]
    skipped = json.loads(render(plan.releases))["releases"][2]
    assert skipped == {
        "number": 3,
        "version": "26.5.0",
        "nominal_date": "2026-05-13",
        "date": "2026-05-13",
        "pilot": None,
        "co_pilot": None,
        "jump_seat": None,
        "pinned": False,
        "roles": {},
        "notes": ["skipped: no release"],
        "milestones": [],
    }


def test_skip_naming_a_version_that_does_not_exist() -> None:
    # 26.2.0 is not a release of a calendar that ships in odd months.
    rotation = RotationFile.model_validate(
        {
            "schedule": {"first_release": "2026-01-13", "skip": ["26.2.0"]},
            "members": SEED_ROSTER,
        }
    )
    plan = plan_of(rotation, 4)
    assert [(p.rule, p.severity, p.path) for p in plan.problems] == [
        ("unknown-release", Severity.ERROR, ("schedule", "skip", 0))
    ]
    assert [(r.version, r.skipped, r.pilot, r.co_pilot) for r in plan.releases] == [
        ("26.1.0", False, "bob", "jane"),
        ("26.3.0", False, "jane", "bob"),
        ("26.5.0", False, "jane", "tobby"),
        ("26.7.0", False, "tobby", "jane"),
    ]


# Nominal dates


def test_month_end_clamps_and_is_always_counted_from_first_release() -> None:
    cal = calendar(first_release="2026-01-31", every_months=1)
    assert table(cal, 7) == [
        (1, "26.1.0", "2026-01-31", "2026-01-29"),  # Saturday -> Thursday
        (2, "26.2.0", "2026-02-28", "2026-02-26"),  # clamped, Saturday -> Thursday
        (3, "26.3.0", "2026-03-31", "2026-03-31"),  # back to the 31st
        (4, "26.4.0", "2026-04-30", "2026-04-30"),
        (5, "26.5.0", "2026-05-31", "2026-05-28"),  # Sunday -> Thursday
        (6, "26.6.0", "2026-06-30", "2026-06-30"),
        (7, "26.7.0", "2026-07-31", "2026-07-30"),  # Friday -> Thursday
    ]


def test_month_end_clamps_to_february_29_in_a_leap_year() -> None:
    cal = calendar(first_release="2028-01-31", every_months=1)
    assert [r.nominal.isoformat() for r in cal.releases(3)] == [
        "2028-01-31",
        "2028-02-29",
        "2028-03-31",
    ]


def test_every_three_months() -> None:
    cal = calendar(first_release="2026-02-10", every_months=3)
    assert table(cal, 4) == [
        (1, "26.2.0", "2026-02-10", "2026-02-10"),
        (2, "26.5.0", "2026-05-10", "2026-05-07"),  # Sunday -> Thursday
        (3, "26.8.0", "2026-08-10", "2026-08-10"),
        (4, "26.11.0", "2026-11-10", "2026-11-10"),
    ]


@given(
    first=st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    every_months=st.integers(min_value=1, max_value=120),
    count=st.integers(min_value=1, max_value=60),
)
@example(first=dt.date(9999, 1, 1), every_months=24, count=2)  # refused at the year 10001
def test_nominal_months_are_what_relativedelta_gives(
    first: dt.date, every_months: int, count: int
) -> None:
    # The integer month arithmetic replaced `first + relativedelta(months=k * every_months)`;
    # the old computation is the oracle, up to where the calendar runs past the year 9999.
    from dateutil.relativedelta import relativedelta

    from relrot.calendar import _monthly, _Work

    work = _Work()
    dates = _monthly(first, every_months, work)
    for step in range(count):
        try:
            expected = first + relativedelta(months=step * every_months)
        except ValueError as beyond:
            # Past the year 9999 both refuse, saying the same year (10000 or later).
            with pytest.raises(ValueError, match=f"^{re.escape(str(beyond))}$"):
                next(dates)
            return
        assert next(dates) == expected
    assert work.steps == count


def test_rrule_second_monday_of_odd_months() -> None:
    cal = calendar(first_release="2026-01-12", rrule="FREQ=MONTHLY;INTERVAL=2;BYDAY=+2MO")
    assert table(cal, 7) == [
        (1, "26.1.0", "2026-01-12", "2026-01-12"),
        (2, "26.3.0", "2026-03-09", "2026-03-09"),
        (3, "26.5.0", "2026-05-11", "2026-05-11"),
        (4, "26.7.0", "2026-07-13", "2026-07-13"),
        (5, "26.9.0", "2026-09-14", "2026-09-14"),
        (6, "26.11.0", "2026-11-09", "2026-11-09"),
        (7, "27.1.0", "2027-01-11", "2027-01-11"),
    ]


def test_rrule_whose_start_is_not_an_occurrence_is_an_error() -> None:
    cal = calendar(first_release="2026-01-13", rrule="FREQ=MONTHLY;INTERVAL=2;BYDAY=+2MO")
    assert calendar_error(cal, 1) == (
        "schema",
        Severity.ERROR,
        "`first_release` 2026-01-13 is not an occurrence of the rule (its first is "
        "2026-03-09); move `first_release` onto the rule",
    )


def test_rrule_must_not_carry_its_own_dtstart() -> None:
    cal = calendar(
        first_release="2026-01-12",
        rrule="DTSTART:20260112\nRRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=+2MO",
    )
    rule, severity, _message = calendar_error(cal, 1)
    assert (rule, severity) == ("schema", Severity.ERROR)


def test_rrule_and_every_months_together_are_refused() -> None:
    with pytest.raises(pydantic.ValidationError, match="not both"):
        Schedule.model_validate(
            {"first_release": "2026-01-12", "every_months": 2, "rrule": "FREQ=MONTHLY"}
        )


# Rules that cost too much: refused, or stopped after a bounded search


@pytest.fixture
def months_searched(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many months (years for FREQ=YEARLY) dateutil's own search visits.

    A search past the bound relrot promises is stopped here, so that a regression fails fast
    instead of searching to the year 9999.
    """
    from dateutil import rrule

    visits = [0]
    rebuild = rrule._iterinfo.rebuild

    def counted(info: object, year: int, month: int) -> None:
        visits[0] += 1
        assert visits[0] <= 4 * STEPS_PER_RELEASE, "the rule's search was not stopped"
        rebuild(info, year, month)

    monkeypatch.setattr(rrule._iterinfo, "rebuild", counted)
    return visits


EVERY_HOUR_MINUTE_AND_SECOND = (
    f"FREQ=DAILY;BYHOUR={','.join(map(str, range(24)))};"
    f"BYMINUTE={','.join(map(str, range(60)))};BYSECOND={','.join(map(str, range(60)))}"
)


@pytest.mark.parametrize(
    ("rule", "parts"),
    [
        (EVERY_HOUR_MINUTE_AND_SECOND, "BYHOUR, BYMINUTE, BYSECOND"),
        ("FREQ=WEEKLY;BYHOUR=9", "BYHOUR"),
        ("FREQ=MONTHLY;byminute=0", "BYMINUTE"),
        ("RRULE:FREQ=YEARLY;BYSECOND=0,30", "BYSECOND"),
    ],
)
def test_rules_with_times_of_day_are_refused(rule: str, parts: str) -> None:
    # Every second of a day is 86,400 occurrences for relrot to fold into one date.
    cal = calendar(first_release="2026-01-12", rrule=rule)
    with pytest.raises(RelrotError) as caught:
        cal.releases(1)
    assert [(p.rule, p.message, p.path) for p in caught.value.problems] == [
        (
            "schema",
            f"releases are days: leave {parts} out of the rule",
            ("schedule", "rrule"),
        )
    ]
    assert cal.steps == 0


def test_a_rule_with_extra_dates_or_exceptions_is_refused() -> None:
    cal = calendar(first_release="2026-01-12", rrule="FREQ=DAILY\nEXDATE:20260113T000000")
    assert calendar_error(cal, 1) == (
        "schema",
        Severity.ERROR,
        "give one rule, without RDATE, EXDATE or EXRULE lines; leave releases out with `skip` "
        "or `blackout`",
    )


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=DAILY;BYSETPOS=2",  # a day is a set of one date
        "FREQ=DAILY;BYEASTER=0;BYMONTH=1",
    ],
)
def test_a_rule_that_never_matches_is_refused_after_a_bounded_search(
    rule: str, months_searched: list[int]
) -> None:
    cal = calendar(first_release="2026-01-12", rrule=rule)
    assert calendar_error(cal, 1) == (
        "schema",
        Severity.ERROR,
        f"`first_release` 2026-01-12 is not an occurrence of the rule (it has none in the "
        f"{MAX_RULE_GAP_DAYS} days after it); move `first_release` onto the rule",
    )
    assert 0 < cal.steps <= STEPS_PER_RELEASE
    assert months_searched[0] <= STEPS_PER_RELEASE


def test_a_rule_that_stops_matching_is_a_calendar_error(months_searched: list[int]) -> None:
    # Leap days on a Monday: 2044, then 2072.
    cal = calendar(
        first_release="2044-02-29",
        rrule="FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO",
        blocked_weekdays=[],
    )
    with pytest.raises(RelrotError) as caught:
        cal.releases(2)
    assert [(p.rule, p.message, p.path) for p in caught.value.problems] == [
        (
            "calendar",
            f"`rrule` has no release in the {MAX_RULE_GAP_DAYS} days after release 1 "
            f"(2044-02-29); releases must come at most {MAX_RULE_GAP_DAYS} days apart: fix the "
            "rule, or end it with COUNT or UNTIL",
            ("schedule", "rrule"),
        )
    ]
    assert cal.steps <= 2 * STEPS_PER_RELEASE
    assert months_searched[0] <= 2 * STEPS_PER_RELEASE


def test_a_found_release_too_far_after_the_last_is_a_calendar_error() -> None:
    # Found within the search, which for FREQ=YEARLY reaches further than for other frequencies.
    cal = calendar(first_release="2026-01-12", rrule="FREQ=YEARLY;INTERVAL=20", version="{n}")
    rule, severity, message = calendar_error(cal, 2)
    assert (rule, severity) == ("calendar", Severity.ERROR)
    assert message.startswith("`rrule` has no release in the 4000 days after release 1")


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;COUNT=1",
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;UNTIL=20500101",
    ],
)
def test_a_sparse_rule_that_ends_is_not_an_error(rule: str, months_searched: list[int]) -> None:
    cal = calendar(first_release="2044-02-29", rrule=rule, blocked_weekdays=[])
    assert cal.release(2) is None
    assert table(cal, 2) == [(1, "44.2.0", "2044-02-29", "2044-02-29")]
    assert months_searched[0] <= 2 * STEPS_PER_RELEASE


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
        # Ordinal weekdays make dateutil's search read twice per month.
        "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=+5MO,+5TU,+5WE,+5TH,+5FR,+5SA,+5SU",
    ],
)
def test_leap_days_are_a_rule_and_2100_is_no_leap_year(rule: str) -> None:
    cal = calendar(first_release="2096-02-29", rrule=rule, version="{n}", blocked_weekdays=[])
    assert [r.nominal.isoformat() for r in cal.releases(3)] == [
        "2096-02-29",
        "2104-02-29",  # 2922 days later
        "2108-02-29",
    ]
    assert cal.steps <= 3 * STEPS_PER_RELEASE


def test_calendar_work_is_bounded_per_release() -> None:
    cal = calendar(first_release="2026-01-12", rrule="FREQ=DAILY;BYDAY=MO,TU,WE,TH", version="{n}")
    cal.releases(2000)
    assert cal.steps <= 2000 * STEPS_PER_RELEASE
    monthly = calendar(first_release="2026-01-12", every_months=1)
    monthly.releases(500)
    assert monthly.steps <= 500 * STEPS_PER_RELEASE


def test_a_release_moves_at_most_a_year_each_way() -> None:
    # Yearly releases, the second inside a three-year blackout: trying every day to its
    # neighbours would be two years each way.
    cal = calendar(
        first_release="2026-06-01",
        every_months=24,
        blackout=[{"from": "2027-01-01", "to": "2029-12-31"}],
    )
    assert calendar_error(cal, 2) == (
        "calendar",
        Severity.ERROR,
        "release 2 (28.6.0, nominally 2028-06-01) has no open day between 2027-05-31 and "
        "2029-06-03; shorten a blackout or unblock a weekday",
    )
    assert cal.steps <= 2 * STEPS_PER_RELEASE


# Blocked days


def test_blackout_moves_a_release_before_the_range() -> None:
    cal = calendar(
        first_release="2026-11-23",
        every_months=1,
        blackout=[{"from": "2026-12-21", "to": "2027-01-04", "reason": "winter break"}],
    )
    assert table(cal, 3) == [
        (1, "26.11.0", "2026-11-23", "2026-11-23"),
        (2, "26.12.0", "2026-12-23", "2026-12-17"),  # back out of the break, then off Fri 18
        (3, "27.1.0", "2027-01-23", "2027-01-21"),
    ]
    assert cal.is_blocked(dt.date(2026, 12, 21))
    assert cal.is_blocked(dt.date(2027, 1, 4))
    assert not cal.is_blocked(dt.date(2027, 1, 5))
    assert not cal.is_blocked(dt.date(2026, 12, 17))


def test_blocked_weekdays_replace_the_default() -> None:
    cal = calendar(first_release="2026-01-12", blocked_weekdays=["monday"])
    # Monday is blocked, so release 1 moves to Sunday, which is open now.
    assert table(cal, 1) == [(1, "26.1.0", "2026-01-12", "2026-01-11")]
    assert cal.is_blocked(dt.date(2026, 1, 12))  # Monday
    assert not cal.is_blocked(dt.date(2026, 1, 10))  # Saturday
    assert not cal.is_blocked(dt.date(2026, 1, 11))  # Sunday
    assert cal.is_blocked(dt.date(2026, 1, 9))  # Friday


def test_friday_cannot_be_unblocked() -> None:
    cal = calendar(first_release="2026-03-13", blocked_weekdays=[])
    assert cal.is_blocked(dt.date(2026, 3, 13))
    assert not cal.is_blocked(dt.date(2026, 3, 14))
    assert table(cal, 1) == [(1, "26.3.0", "2026-03-13", "2026-03-12")]


def test_listing_friday_changes_nothing() -> None:
    cal = calendar(first_release="2026-01-17", blocked_weekdays=["friday"])
    # Saturday is open: the default list was replaced by one that only repeats Friday.
    assert table(cal, 1) == [(1, "26.1.0", "2026-01-17", "2026-01-17")]
    assert cal.is_blocked(dt.date(2026, 1, 16))


def test_blocking_every_weekday_is_a_schema_error() -> None:
    text = b"""\
schedule:
  first_release: 2026-01-13
  blocked_weekdays: [monday, tuesday, wednesday, thursday, saturday, sunday]
members:
  - {id: bob}
"""
    with pytest.raises(RelrotError) as caught:
        parse(text, "rotation.yaml")
    assert [(p.rule, p.severity) for p in caught.value.problems] == [("schema", Severity.ERROR)]


def test_us_holidays_block_thanksgiving() -> None:
    with_holidays = calendar(first_release="2026-11-26", every_months=12, holidays=["US"])
    without = calendar(first_release="2026-11-26", every_months=12)
    assert table(with_holidays, 1) == [(1, "26.11.0", "2026-11-26", "2026-11-25")]
    assert table(without, 1) == [(1, "26.11.0", "2026-11-26", "2026-11-26")]


def test_us_holidays_block_independence_day_and_its_observed_day() -> None:
    cal = calendar(first_release="2027-07-05", every_months=12, holidays=["US"])
    assert cal.is_blocked(dt.date(2026, 7, 4))
    assert cal.is_blocked(dt.date(2026, 7, 3))
    assert not cal.is_blocked(dt.date(2026, 7, 2))
    # 2027-07-04 is a Sunday, observed on Monday 2027-07-05.
    assert table(cal, 1) == [(1, "27.7.0", "2027-07-05", "2027-07-01")]


def test_us_holiday_with_shift_later() -> None:
    cal = calendar(first_release="2027-07-05", every_months=12, holidays=["US"], shift="later")
    assert table(cal, 1) == [(1, "27.7.0", "2027-07-05", "2027-07-06")]


def test_unknown_holiday_country_is_a_schema_error() -> None:
    with pytest.raises(RelrotError) as caught:
        calendar(first_release="2026-01-13", holidays=["XX"]).releases(1)
    assert [(p.rule, p.path) for p in caught.value.problems] == [
        ("schema", ("schedule", "holidays", 0))
    ]


@pytest.mark.parametrize(
    ("code", "hint"),
    [
        ("us", "did you mean `US`?"),
        ("DEU ", "did you mean `DEU`?"),
        ("__class__", "use an ISO 3166 code such as US, DE or BR"),
        ("HolidayBase", "use an ISO 3166 code such as US, DE or BR"),
        ("UnitedStates", "use an ISO 3166 code such as US, DE or BR"),
    ],
)
def test_holiday_countries_are_codes_from_the_library_list(code: str, hint: str) -> None:
    # Anything else would reach `getattr` on the holidays module.
    with pytest.raises(RelrotError) as caught:
        calendar(first_release="2026-01-13", holidays=["US", code])
    assert [(p.rule, p.message, p.path) for p in caught.value.problems] == [
        (
            "schema",
            f"no public holidays known for country {code!r}; {hint}",
            ("schedule", "holidays", 1),
        )
    ]


def test_three_letter_holiday_codes_are_accepted() -> None:
    cal = calendar(first_release="2026-11-26", every_months=12, holidays=["USA"])
    assert table(cal, 1) == [(1, "26.11.0", "2026-11-26", "2026-11-25")]


# Versions


def test_version_comes_from_the_nominal_date() -> None:
    # Sunday 2026-03-01 moves back to Thursday 2026-02-26 and is still 26.3.0.
    cal = calendar(first_release="2026-03-01")
    assert table(cal, 1) == [(1, "26.3.0", "2026-03-01", "2026-02-26")]


@pytest.mark.parametrize(
    ("template", "versions"),
    [
        ("{yy}.{m}.0", ["26.1.0", "26.3.0", "26.5.0"]),
        ("{yyyy}.{mm}", ["2026.01", "2026.03", "2026.05"]),
        ("{yy}.{m:02d}", ["26.01", "26.03", "26.05"]),
        ("v{n}", ["v1", "v2", "v3"]),
        ("{yyyy}-{m}-r{n:03d}", ["2026-1-r001", "2026-3-r002", "2026-5-r003"]),
    ],
)
def test_version_fields(template: str, versions: list[str]) -> None:
    cal = calendar(first_release="2026-01-13", version=template)
    assert [r.version for r in cal.releases(3)] == versions


def test_two_digit_year_is_an_integer() -> None:
    assert [
        r.version for r in calendar(first_release="2105-01-14", version="{yy}").releases(1)
    ] == ["5"]
    assert [
        r.version for r in calendar(first_release="2105-01-14", version="{yy:02d}").releases(1)
    ] == ["05"]


def test_unknown_version_field_is_refused() -> None:
    with pytest.raises(pydantic.ValidationError, match=r"unknown field \{dd\}"):
        Schedule.model_validate({"first_release": "2026-01-13", "version": "{yy}.{dd}"})


def test_duplicate_versions_are_a_calendar_error() -> None:
    cal = calendar(first_release="2026-01-13", every_months=1, version="{yy}.0")
    assert calendar_error(cal, 3) == (
        "calendar",
        Severity.ERROR,
        "releases 1 and 2 would both be version 26.0; add {n} or a finer date field to "
        "`version`, or slow the cadence",
    )


def test_find_by_version() -> None:
    cal = calendar(first_release="2026-01-13")
    found = cal.find("26.9.0")
    assert found is not None
    assert (found.number, found.date) == (5, dt.date(2026, 9, 10))
    assert cal.find("26.2.0", search=50) is None


# Milestones and the duty window


def test_milestones_follow_the_actual_date_and_are_not_shifted() -> None:
    cal = calendar(
        first_release="2026-03-13",
        milestones=[
            {"name": "release-branch", "days": -7, "note": "cut the branch"},
            {"name": "announce", "days": 1},
            {"name": "all-clear", "days": 7},
        ],
    )
    [release] = cal.releases(1)
    assert release.date == dt.date(2026, 3, 12)
    assert [(m.name, m.date.isoformat(), m.note) for m in release.milestones] == [
        ("release-branch", "2026-03-05", "cut the branch"),
        ("announce", "2026-03-13", None),  # a Friday, and that is fine for a milestone
        ("all-clear", "2026-03-19", None),
    ]
    assert release.duty_window == (dt.date(2026, 3, 5), dt.date(2026, 3, 19))


def test_duty_window_always_includes_release_day() -> None:
    after_only = calendar(
        first_release="2026-01-13",
        milestones=[{"name": "all-clear", "days": 7}, {"name": "retro", "days": 3}],
    )
    before_only = calendar(first_release="2026-01-13", milestones=[{"name": "rc", "days": -5}])
    none = calendar(first_release="2026-01-13")
    assert after_only.releases(1)[0].duty_window == (dt.date(2026, 1, 13), dt.date(2026, 1, 20))
    assert before_only.releases(1)[0].duty_window == (dt.date(2026, 1, 8), dt.date(2026, 1, 13))
    assert none.releases(1)[0].duty_window == (dt.date(2026, 1, 13), dt.date(2026, 1, 13))


def test_away_on_a_milestone_day_only_makes_a_member_unavailable() -> None:
    rotation = RotationFile.model_validate(
        {
            "schedule": {
                "first_release": "2026-01-13",
                "milestones": [
                    {"name": "release-branch", "days": -7},
                    {"name": "all-clear", "days": 7},
                ],
            },
            # Away on release 1's all-clear day only: bob cannot take the first stint.
            "members": [
                {"id": "bob", "away": [{"from": "2026-01-20", "to": "2026-01-20"}]},
                {"id": "jane"},
                {"id": "tobby"},
                {"id": "elvis"},
            ],
        }
    )
    plan = plan_of(rotation, 2)
    assert [(r.pilot, r.co_pilot) for r in plan.releases] == [("jane", "tobby"), ("tobby", "jane")]
    assert json.loads(render(plan.releases))["releases"][0]["milestones"] == [
        {"name": "release-branch", "date": "2026-01-06"},
        {"name": "all-clear", "date": "2026-01-20"},
    ]


# Patch versions

# The expression relrot used for patch versions, which backtracked on long versions.
BACKTRACKING = re.compile(r"^(?P<head>.*\d+\D+\d+\D+)(?P<micro>\d+)$")


def backtracking_regular_version(version: str) -> str:
    match = BACKTRACKING.match(version)
    return f"{match['head']}0" if match else version


def backtracking_series(version: str) -> str:
    match = BACKTRACKING.match(version)
    return f"{match['head']}x" if match else version


@pytest.mark.parametrize(
    ("version", "regular", "branch"),
    [
        ("26.3.1", "26.3.0", "26.3.x"),
        ("26.3.0", "26.3.0", "26.3.x"),
        ("v2026.01.12", "v2026.01.0", "v2026.01.x"),
        ("26.3", "26.3", "26.3"),
        ("release-7", "release-7", "release-7"),
    ],
)
def test_patch_versions(version: str, regular: str, branch: str) -> None:
    assert (regular_version(version), series(version)) == (regular, branch)


@given(st.text(alphabet="0123456789.-ax\n\u0663", max_size=14))
def test_patch_versions_read_as_before(version: str) -> None:
    assert regular_version(version) == backtracking_regular_version(version)
    assert series(version) == backtracking_series(version)


class CountingStr(str):
    """A string that counts how often a character of it is read."""

    reads = 0

    def __getitem__(self, key: object) -> str:
        CountingStr.reads += 1
        return super().__getitem__(key)  # type: ignore[index]


@pytest.mark.parametrize(
    ("version", "regular"),
    [
        ("1" * 60_000 + "x", "1" * 60_000 + "x"),
        ("1" * 30_000 + "." + "1" * 30_000, "1" * 30_000 + "." + "1" * 30_000),
        ("1.1." * 15_000 + "x1", "1.1." * 15_000 + "x0"),
    ],
)
def test_a_long_version_is_read_once(version: str, regular: str) -> None:
    # 2,000 digits and a letter took the old expression a tenth of a second and 4,000 half a
    # second (cubic): 60 KB would take hours.
    CountingStr.reads = 0
    assert regular_version(CountingStr("26.3.1")) == "26.3.0"
    assert CountingStr.reads > 0  # read here, character by character, not by an expression
    CountingStr.reads = 0
    assert regular_version(CountingStr(version)) == regular
    assert CountingStr.reads <= len(version) + 10


def test_there_is_no_release_before_the_first() -> None:
    cal = calendar(first_release="2026-01-13")
    assert cal.release(0) is None
    assert cal.releases(0) == []
