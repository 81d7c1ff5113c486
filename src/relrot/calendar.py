"""Release dates: nominal cadence, blocked days, shifting, versions and duty windows (SPEC 2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from relrot.model import WEEKDAYS, Schedule
from relrot.problems import Problem, RelrotError, Severity, close_match

if TYPE_CHECKING:
    from collections.abc import Sequence

# How far a release may move each way looking for an open day, neighbours or not.
_MAX_SHIFT_DAYS = 366
# With `rrule`, each release must come within this many days of the one before: leap days
# (2922 days apart across 2100, which is no leap year) fit, a rule that stops matching does not.
MAX_RULE_GAP_DAYS = 4000
# dateutil looks for a rule's next occurrence as far as the year 9999, seconds of work for a
# rule that never matches again (BYMONTH=2;BYMONTHDAY=30). Its search may take this many steps
# per release, a step being a month of search (a year for FREQ=YEARLY) or part of one. Every
# frequency covers MAX_RULE_GAP_DAYS in fewer: a monthly rule with ordinal weekdays, the
# densest, takes 266.
_SEARCH_STEPS_PER_RELEASE = 300
# The most calendar work one release costs: finding its date and the next one's (a shift
# must not reach it), then trying days each way.
STEPS_PER_RELEASE = 2 * _SEARCH_STEPS_PER_RELEASE + 2 * _MAX_SHIFT_DAYS + 1
# A calendar that yields this many releases without reaching what was asked for is treated as
# running out; no project plans further ahead.
MAX_RELEASES = 100_000


class _TwoDigits(int):
    """An integer that prints with two digits unless a format says otherwise ({mm})."""

    def __format__(self, spec: str) -> str:
        return super().__format__(spec or "02d")


class MilestoneDate(Struct, frozen=True):
    """A milestone of one release: its name, its date and the note the file gives it."""

    name: str
    date: dt.date
    note: str | None


class ReleaseDate(Struct, frozen=True):
    """One release of the calendar, shipped or skipped."""

    number: int
    version: str
    nominal: dt.date
    date: dt.date
    skipped: bool
    milestones: tuple[MilestoneDate, ...]
    # The date the schedule gives; differs from `date` when a pinned date says otherwise.
    planned: dt.date
    # An on-demand project's term (SPEC 6): its last day; the duty window is the whole term.
    last_day: dt.date | None = None

    @property
    def moved(self) -> bool:
        return self.date != self.nominal

    @property
    def duty_window(self) -> tuple[dt.date, dt.date]:
        if self.last_day is not None:
            return self.date, self.last_day
        return duty_window(self.date, self.milestones)


def duty_window(day: dt.date, milestones: Sequence[MilestoneDate]) -> tuple[dt.date, dt.date]:
    """From the earliest to the latest milestone, always including release day (SPEC 2)."""
    days = [day, *(m.date for m in milestones)]
    return min(days), max(days)


def format_version(template: str, nominal: dt.date, number: int) -> str:
    return template.format(
        yyyy=nominal.year,
        yy=nominal.year % 100,
        m=nominal.month,
        mm=_TwoDigits(nominal.month),
        n=number,
    )


def regular_version(version: str) -> str:
    """26.3.1 -> 26.3.0: a hotfix belongs to the crew of its regular release (SPEC 2)."""
    head = _patch_head(version)
    return version if head is None else f"{head}0"


def series(version: str) -> str:
    """26.3.0 -> 26.3.x: the release branch and its patch releases."""
    head = _patch_head(version)
    return version if head is None else f"{head}x"


def _patch_head(version: str) -> str | None:
    """`26.3.` of `26.3.1`: a version with two numbers before its last one, less that last one.

    Reads the runs of digits and non-digits from the right, each character at most twice: a
    regular expression for this backtracked for seconds on a long version.
    """
    # Kept from that expression: one line break may end the version (and is dropped), and no
    # line break may come before the two numbers.
    text = version[:-1] if version.endswith("\n") else version
    patch = _run_start(text, len(text), digits=True)
    if patch == len(text):
        return None
    start = patch
    # Before the patch number: other characters, a number, other characters, a number.
    for digits in (False, True, False, True):
        before = _run_start(text, start, digits=digits)
        if before == start:
            return None
        start = before
    return None if "\n" in text[:start] else text[:patch]


def _run_start(text: str, end: int, *, digits: bool) -> int:
    """Where the run of digits (or of other characters) that ends at `end` starts."""
    start = end
    while start > 0 and text[start - 1].isdecimal() is digits:
        start -= 1
    return start


def weekday_name(day: dt.date) -> str:
    return WEEKDAYS[day.weekday()]


class _Work(Struct):
    """Steps of calendar work done so far: dates generated or searched, days tried."""

    steps: int = 0


class Calendar:
    """The release calendar of a schedule, computed lazily and cached.

    `pinned_dates` maps release numbers to dates recorded in `releases:`; those are
    authoritative and later releases shift around them.
    """

    # What one entry of the calendar is called in messages: an on-demand project's are terms.
    unit = "release"

    def __init__(self, schedule: Schedule, pinned_dates: dict[int, dt.date] | None = None) -> None:
        self.schedule = schedule
        self.pinned_dates = pinned_dates or {}
        self._blocked_weekdays = {WEEKDAYS.index(d) for d in schedule.blocked_weekdays} | {4}
        self._holidays = _holiday_checker(schedule.holidays)
        self._work = _Work()
        self._nominal_dates = _nominal_dates(schedule, self._work)
        self._nominals: list[dt.date] = []
        self._releases: list[ReleaseDate] = []
        self._versions: dict[str, int] = {}
        self._skip = set(schedule.skip)
        self._failure: RelrotError | None = None
        self._searchable = MAX_RELEASES  # how far `find` may work releases out

    @property
    def steps(self) -> int:
        """Calendar work done so far: at most STEPS_PER_RELEASE for each release computed."""
        return self._work.steps

    def is_blocked(self, day: dt.date) -> bool:
        return (
            day.weekday() in self._blocked_weekdays
            or any(r.contains(day) for r in self.schedule.blackout)
            or self._holidays(day)
        )

    def why_blocked(self, day: dt.date) -> str | None:
        if day.weekday() == 4:
            return "a Friday"
        if day.weekday() in self._blocked_weekdays:
            return f"a {weekday_name(day).capitalize()}, a blocked weekday"
        for blackout in self.schedule.blackout:
            if blackout.contains(day):
                reason = f" ({blackout.reason})" if blackout.reason else ""
                return f"in the blackout {blackout.start}..{blackout.end}{reason}"
        if self._holidays(day):
            return "a public holiday"
        return None

    def _nominal(self, index: int) -> dt.date | None:
        if self._failure is not None:
            # The date generator is spent; say the same thing every time we are asked.
            raise self._failure
        while len(self._nominals) <= index:
            try:
                following = next(self._nominal_dates, None)
            except RelrotError as exc:
                self._failure = exc
                raise
            except (OverflowError, ValueError, IndexError):
                raise RelrotError(
                    [
                        Problem(
                            "calendar",
                            Severity.ERROR,
                            f"the calendar runs past the year 9999 after {len(self._nominals)} "
                            "releases; move `first_release` or plan fewer releases (--horizon)",
                            path=("schedule", "first_release"),
                        )
                    ]
                ) from None
            if following is None:
                return None
            self._nominals.append(following)
        return self._nominals[index]

    def release(self, number: int) -> ReleaseDate | None:
        """Release `number` (1-based), or None past the end of a finite rule (or before 1)."""
        if number < 1:
            return None
        while len(self._releases) < number:
            if not self._extend():
                return None
        return self._releases[number - 1]

    def releases(self, count: int) -> list[ReleaseDate]:
        self.release(count)
        return self._releases[:count]

    def __iter__(self) -> Iterator[ReleaseDate]:
        number = 1
        while number <= MAX_RELEASES and (found := self.release(number)) is not None:
            yield found
            number += 1

    def find(self, version: str, *, search: int = 2000) -> ReleaseDate | None:
        """The release with this version, looking at most `search` releases ahead."""
        # Every release worked out is in `_versions`: only releases not yet worked out are
        # looked at, once. Walking the calendar again for each miss made a one-line `skip:`
        # of 5,000 unknown versions cost 2.5 million steps.
        limit = min(search, MAX_RELEASES, self._searchable)
        try:
            while version not in self._versions and len(self._releases) < limit:
                if not self._extend():
                    break
        except RelrotError:
            # Searching far ahead can reach a repeat of the version format ({yy} after a
            # century); that says nothing about `version`, and planning reports real repeats.
            # Later searches stop there too rather than work the failing release out again.
            self._searchable = len(self._releases)
        index = self._versions.get(version)
        return None if index is None else self._releases[index]

    def _extend(self) -> bool:
        index = len(self._releases)
        nominal = self._nominal(index)
        if nominal is None:
            return False
        number = index + 1
        previous = self._releases[-1].date if self._releases else None
        following = self._nominal(index + 1)
        planned = self._planned(nominal, previous, following, number)
        day = self.pinned_dates.get(number, planned)
        version = format_version(self.schedule.version, nominal, number)
        if version in self._versions:
            first = self._versions[version] + 1
            raise RelrotError(
                [
                    Problem(
                        "calendar",
                        Severity.ERROR,
                        f"releases {first} and {number} would both be version {version}; "
                        "add {n} or a finer date field to `version`, or slow the cadence",
                        release=version,
                        path=("schedule", "version"),
                    )
                ]
            )
        self._versions[version] = index
        milestones = tuple(
            MilestoneDate(m.name, _milestone_day(day, m.days, m.name, version), m.note)
            for m in self.schedule.milestones
        )
        self._releases.append(
            ReleaseDate(number, version, nominal, day, version in self._skip, milestones, planned)
        )
        return True

    def _planned(
        self, nominal: dt.date, previous: dt.date | None, following: dt.date | None, number: int
    ) -> dt.date:
        """The scheduled date; for a pinned release, the nominal date when no day is open
        (its pinned date is what happened, so that is no error)."""
        if number not in self.pinned_dates:
            return self._shift(nominal, previous, following, number)
        try:
            return self._shift(nominal, previous, following, number)
        except RelrotError:
            return nominal

    def _shift(
        self,
        nominal: dt.date,
        previous: dt.date | None,
        following: dt.date | None,
        number: int,
    ) -> dt.date:
        self._work.steps += 1
        if not self.is_blocked(nominal):
            return nominal
        one_day = dt.timedelta(days=1)
        # Up to the neighbours, and no further than _MAX_SHIFT_DAYS either way.
        if previous is not None and (nominal - previous).days <= _MAX_SHIFT_DAYS + 1:
            earliest = _plus_days(previous, 1)
        else:
            earliest = _plus_days(nominal, -_MAX_SHIFT_DAYS)
        if following is not None and (following - nominal).days <= _MAX_SHIFT_DAYS + 1:
            latest = _plus_days(following, -1)
        else:
            latest = _plus_days(nominal, _MAX_SHIFT_DAYS)
        directions = [-1, 1] if self.schedule.shift == "earlier" else [1, -1]
        for step in directions:
            day = _plus_days(nominal, step)
            while earliest <= day <= latest and day != nominal:
                self._work.steps += 1
                if not self.is_blocked(day):
                    return day
                if day in (dt.date.min, dt.date.max):
                    break
                day += step * one_day
        version = format_version(self.schedule.version, nominal, number)
        raise RelrotError(
            [
                Problem(
                    "calendar",
                    Severity.ERROR,
                    f"release {number} ({version}, nominally {nominal}) has no open day between "
                    f"{_plus_days(earliest, -1)} and {_plus_days(latest, 1)}; shorten a "
                    "blackout or unblock a weekday",
                    release=version,
                    path=("schedule", "blackout") if self.schedule.blackout else ("schedule",),
                )
            ]
        )


def _plus_days(day: dt.date, days: int) -> dt.date:
    """`day` moved by `days`, held at the ends of the calendar (years 1 and 9999)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def _milestone_day(day: dt.date, days: int, name: str, version: str) -> dt.date:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        raise RelrotError(
            [
                Problem(
                    "calendar",
                    Severity.ERROR,
                    f"milestone {name} of {version} falls outside years 1..9999; use a "
                    "number of days that fits",
                    release=version,
                    path=("schedule", "milestones"),
                )
            ]
        ) from None


def _nominal_dates(schedule: Schedule, work: _Work) -> Iterator[dt.date]:
    if schedule.rrule is None:
        return _monthly(schedule.first_release, schedule.every_months, work)
    return _from_rrule(schedule.rrule, schedule.first_release, work)


def _monthly(first: dt.date, every_months: int, work: _Work) -> Iterator[dt.date]:
    # Always from the first release, its day kept where the month has it (Jan 31 -> Feb 28
    # -> Mar 31): what `first + relativedelta(months=k)` gives, in integers, since building
    # a relativedelta per release was a third of planning 10,000 releases. Past the year
    # 9999, `dt.date` raises ValueError, as relativedelta did.
    month = first.year * 12 + first.month - 1
    while True:
        work.steps += 1
        year, index = divmod(month, 12)
        yield dt.date(year, index + 1, min(first.day, _days_in_month(year, index + 1)))
        month += every_months


def _days_in_month(year: int, month: int) -> int:
    if month != 2:
        return _MONTH_DAYS[month - 1]
    return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _budgeted_rule(rule: str, first: dt.date, work: _Work) -> tuple[Any, _Allowance]:
    """The dateutil rule for `rule` from `first`, whose search counts its steps in `work` and
    stops when a release's allowance runs out; or a problem explaining why there is none."""
    from dateutil.rrule import DAILY, rrule, rrulestr

    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:") :]
    if "DTSTART" in text.upper():
        raise _rrule_problem("leave DTSTART out of `rrule`; `first_release` is the start")
    times = _time_of_day_parts(text)
    if times:
        # Checked before dateutil sees them: it builds every combination of hour, minute and
        # second up front (86,400 for a whole day), which relrot would read as one date.
        raise _rrule_problem(f"releases are days: leave {', '.join(times)} out of the rule")
    start = dt.datetime.combine(first, dt.time())
    try:
        parsed = rrulestr(text, dtstart=start)
    except (ValueError, TypeError) as exc:
        raise _rrule_problem(f"not a valid RFC 5545 rule: {exc}") from None
    if not isinstance(parsed, rrule):
        raise _rrule_problem(
            "give one rule, without RDATE, EXDATE or EXRULE lines; leave releases out with "
            "`skip` or `blackout`"
        )
    from relrot._compat.dateutil_rrule import rule_arguments, stepped_rule_class

    arguments = rule_arguments(parsed)
    if arguments["freq"] > DAILY:  # HOURLY, MINUTELY, SECONDLY
        raise _rrule_problem("releases are days: use FREQ=DAILY or coarser, not a time of day")
    if arguments["interval"] < 1:
        raise _rrule_problem("INTERVAL must be 1 or more")
    allowance = _Allowance(work)
    return stepped_rule_class()(allowance.step, **arguments), allowance


def _time_of_day_parts(text: str) -> list[str]:
    """The BYHOUR, BYMINUTE and BYSECOND parts of a rule, split the way dateutil splits it."""
    names = {
        pair.partition("=")[0]
        for line in text.upper().split()
        for pair in line.rpartition(":")[2].split(";")
    }
    return [part for part in ("BYHOUR", "BYMINUTE", "BYSECOND") if part in names]


class _SearchSpentError(Exception):
    """A rule's search for its next occurrence used up its steps."""


class _Allowance:
    """The steps a rule's search may take for one release; past them the search stops."""

    def __init__(self, work: _Work) -> None:
        self.work = work
        self.remaining = _SEARCH_STEPS_PER_RELEASE

    def renew(self) -> None:
        self.remaining = _SEARCH_STEPS_PER_RELEASE

    def step(self) -> None:
        self.work.steps += 1
        self.remaining -= 1
        if self.remaining < 0:
            raise _SearchSpentError


def _check_start(occurrences: Iterator[dt.datetime], first: dt.date) -> None:
    """Take the rule's first occurrence, which must be `first_release`."""
    try:
        first_occurrence = next(occurrences, None)
    except (IndexError, ValueError, OverflowError):
        # dateutil accepts ordinals such as BYDAY=+9TU and fails only when it iterates.
        raise _rrule_problem("the rule cannot produce dates (an ordinal out of range?)") from None
    except _SearchSpentError:
        found = f"it has none in the {MAX_RULE_GAP_DAYS} days after it"
    else:
        if first_occurrence is not None and first_occurrence.date() == first:
            return
        found = f"its first is {first_occurrence.date() if first_occurrence else 'never'}"
    raise _rrule_problem(
        f"`first_release` {first} is not an occurrence of the rule ({found}); "
        "move `first_release` onto the rule"
    )


def _rrule_problem(message: str) -> RelrotError:
    return RelrotError([Problem("schema", Severity.ERROR, message, path=("schedule", "rrule"))])


def _from_rrule(rule: str, first: dt.date, work: _Work) -> Iterator[dt.date]:
    from relrot._compat.dateutil_rrule import rule_arguments

    parsed, allowance = _budgeted_rule(rule, first, work)
    settings = rule_arguments(parsed)
    count, until = settings["count"], settings["until"]
    occurrences = iter(parsed)
    _check_start(occurrences, first)
    previous, number = first, 1
    yield first
    while True:
        allowance.renew()
        try:
            occurrence = next(occurrences, None)
        except _SearchSpentError:
            # The search covered more than MAX_RULE_GAP_DAYS: the rule has ended if its COUNT
            # is used up or its UNTIL falls in that span.
            if (count is not None and number >= count) or (
                until is not None and until.date() <= _plus_days(previous, MAX_RULE_GAP_DAYS)
            ):
                return
            raise _rule_gap_problem(previous, number) from None
        if occurrence is None:
            return
        day = occurrence.date()
        if (day - previous).days > MAX_RULE_GAP_DAYS:
            raise _rule_gap_problem(previous, number)
        previous, number = day, number + 1
        yield day


def _rule_gap_problem(previous: dt.date, number: int) -> RelrotError:
    return RelrotError(
        [
            Problem(
                "calendar",
                Severity.ERROR,
                f"`rrule` has no release in the {MAX_RULE_GAP_DAYS} days after release {number} "
                f"({previous}); releases must come at most {MAX_RULE_GAP_DAYS} days apart: fix "
                "the rule, or end it with COUNT or UNTIL",
                path=("schedule", "rrule"),
            )
        ]
    )


def _holiday_checker(countries: Sequence[str]) -> Callable[[dt.date], bool]:
    if not countries:
        return lambda _day: False
    import holidays as holidays_lib

    # Codes are checked against the library's list: a name that is not a code would reach
    # `getattr` on the library's module (`__class__`, `HolidayBase`).
    supported = holidays_lib.list_supported_countries()
    calendars = []
    problems = []
    for index, code in enumerate(countries):
        if code in supported:
            calendars.append(holidays_lib.country_holidays(code))
            continue
        guess = _closest_country(code, supported)
        hint = f"did you mean `{guess}`?" if guess else "use an ISO 3166 code such as US, DE or BR"
        problems.append(
            Problem(
                "schema",
                Severity.ERROR,
                f"no public holidays known for country {code!r}; {hint}",
                path=("schedule", "holidays", index),
            )
        )
    if problems:
        raise RelrotError(problems)
    return lambda day: any(day in c for c in calendars)


def _closest_country(code: str, supported: Iterable[str]) -> str | None:
    upper = code.upper()
    codes = list(supported)
    if upper in codes:
        return upper
    return close_match(upper, codes)


class TermCalendar(Calendar):
    """The terms of an on-demand project (SPEC 6) as a calendar: term n is "release" n, its
    version the term's name (`YYYY-MM`), its nominal date and date the term's first day, and
    its duty window the whole term. Terms never move and no day of theirs is blocked: the
    Friday rule is for the dates releases ship on, recorded in `shipped:`."""

    unit = "term"

    def __init__(self, schedule: Schedule) -> None:
        from relrot.references import Terms

        super().__init__(schedule)
        self.terms = Terms(schedule.first_release, schedule.every_months)

    def is_blocked(self, day: dt.date) -> bool:  # noqa: ARG002 - a term has no blocked day
        return False

    def why_blocked(self, day: dt.date) -> str | None:  # noqa: ARG002
        return None

    def _extend(self) -> bool:
        number = len(self._releases) + 1
        if number > MAX_RELEASES:
            return False
        term = self.terms.term(number)
        if term is None:
            return False
        self._versions[term.name] = number - 1
        self._releases.append(
            ReleaseDate(number, term.name, term.first, term.first, False, (), term.first, term.last)
        )
        return True
