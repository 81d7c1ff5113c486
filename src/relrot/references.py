"""Release references: the one place that decides which release `26.3.1`, `3` or a date means.

SPEC 5: a reference is a version, a patch version (its regular release), a release number or
a date. What a date means depends on the question asked, so the caller names the question;
everything else has one meaning everywhere. A reference that matches nothing is a usage
error that names the nearest releases. References written in the file (swaps, jump-seat
requests, `skip`) and dates the commands work from (today, an away range) are looked up here
too: no other module walks the calendar to pick a release.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterator

from msgspec import Struct

from relrot.calendar import MAX_RELEASES, Calendar, ReleaseDate, regular_version
from relrot.patterns import pattern
from relrot.problems import Path, Problem, RelrotError, Severity, UsageError

# How far past the releases already behind us a reference may reach: the last pinned release
# or the last one over before today, whichever is later. A number or date beyond it is not
# planned for (a {yy} version would repeat after a century of releases anyway), and a file
# naming a release far ahead cannot make relrot plan thousands of releases to find it.
REFERENCE_REACH = 500

_ISO_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_NUMBER = r"[0-9]{1,7}"


# What a reference may be: text from the command line or the file, a number, or a day.
Reference = str | int | dt.date


class Question(enum.Enum):
    """What a date reference asks for (SPEC 5, "Release references")."""

    # swap, issue: the release whose duty window contains the date.
    ON_DUTY = "on duty"
    # who, plan --from: the first release whose duty window ends on or after the date.
    FROM = "from"
    # pin --through: the last release dated on or before the date.
    THROUGH = "through"


def _scan(calendar: Calendar, day: dt.date) -> tuple[int | None, ReleaseDate | None]:
    """The first release whose duty window ends on or after `day`, else None and the last
    release the calendar has (None: it has none)."""
    last = None
    for release in calendar:
        if release.duty_window[1] >= day:
            return release.number, release
        last = release
    return None, last


def next_from(calendar: Calendar, day: dt.date) -> int | None:
    """`first_from`, but None when the calendar has ended (its COUNT or UNTIL) before `day`:
    for the commands that run every day, nothing is due then. Too many releases before
    `day` is still the file's problem."""
    number, last = _scan(calendar, day)
    if number is None and last is not None and last.number >= MAX_RELEASES:
        return first_from(calendar, day)  # raises
    return number


def first_from(calendar: Calendar, day: dt.date) -> int:
    """The first release whose duty window ends on or after `day` (SPEC 5.1).

    Looks as far as the calendar goes (MAX_RELEASES, or the year 9999): this is where a plan
    starts, so a calendar that never gets there is a problem of the file, not of a reference.
    """
    number, last = _scan(calendar, day)
    if number is not None:
        return number
    schedule = calendar.schedule
    if last is not None and last.number >= MAX_RELEASES:
        message = (
            f"more than {MAX_RELEASES} releases before {day}; move `first_release` closer to today"
        )
        path: Path = ("schedule", "first_release")
    else:
        ended = f" (the last is {last.version} on {last.date})" if last else ""
        message = (
            f"the calendar has no release on or after {day}{ended}; extend the rule's COUNT "
            "or UNTIL, or move `first_release`"
        )
        path = ("schedule", "rrule") if schedule.rrule else ("schedule", "first_release")
    raise RelrotError([Problem("calendar", Severity.ERROR, message, path=path)])


def reach(calendar: Calendar, behind: int, today: dt.date | None = None) -> int:
    """The last release number a reference may name: REFERENCE_REACH past the `behind`
    releases (the pinned ones, or those planned) or past the releases over before `today`.

    The reach moves with the calendar's dates, not with a count from release 1: a weekly
    train ten years old has 500 releases behind it and its coming ones are still in reach.
    A calendar that never reaches today is reported by `validate`; here it leaves the reach
    where the pins put it, so the reference gets its own answer.
    """
    passed = 0
    if today is not None:
        try:
            passed = first_from(calendar, today) - 1
        except RelrotError:
            passed = 0
    return max(behind, passed) + REFERENCE_REACH


class Resolver:
    """Finds releases in one calendar; `limit` is the last release number it looks at."""

    def __init__(self, calendar: Calendar, limit: int) -> None:
        self.calendar = calendar
        self.limit = limit

    @classmethod
    def reaching(cls, calendar: Calendar, behind: int, today: dt.date | None = None) -> Resolver:
        """A resolver whose limit is `reach(calendar, behind, today)`."""
        return cls(calendar, reach(calendar, behind, today))

    def resolve(self, ref: Reference, question: Question, *, crewed: bool) -> ReleaseDate:
        """The release `ref` names. With `crewed`, the question is about a crew, so a skipped
        release is refused as skipped and dates only see releases that ship."""
        if isinstance(ref, dt.date):
            return self.on(ref, question, crewed=crewed)
        if isinstance(ref, int):
            ref = str(ref)
        text = ref.strip()
        if not text:
            raise UsageError("the release is empty; give a version, a number or a date")
        if pattern(_ISO_DATE).fullmatch(text):
            return self.on(self._date(text), question, crewed=crewed)
        found = self.version(text)
        if found is None and pattern(_NUMBER).fullmatch(text):
            found = self._by_number(int(text))
        if found is None:
            regular = regular_version(text)
            found = self.version(regular) if regular != text else None
        if found is None:
            raise UsageError(self._unknown(text))
        if crewed and found.skipped:
            raise UsageError(self._skipped(found))
        return found

    def number(self, ref: str | int) -> int | None:
        """The number of the release a file's entry names (a version, or a number as YAML
        gives it), within reach; None when it names none."""
        if isinstance(ref, int):
            return ref
        found = self.version(ref)
        return found.number if found else None

    def version(self, version: str) -> ReleaseDate | None:
        """The release with exactly this version, within reach."""
        return self.calendar.find(version, search=self.limit)

    def releases(self) -> Iterator[ReleaseDate]:
        for number in range(1, self.limit + 1):
            release = self.calendar.release(number)
            if release is None:
                return
            yield release

    def shipped_after(self, number: int, count: int) -> int:
        """The number of the `count`-th shipped release after `number` (or the last one
        within reach)."""
        found = number
        for release in self.releases():
            if release.number > number and not release.skipped:
                found = release.number
                count -= 1
                if count == 0:
                    break
        return found

    def in_progress(self, day: dt.date) -> int:
        """The number of the last release dated before `day` or whose duty window holds it
        (0: none); what `pin` records when not told how far."""
        last = 0
        for release in self.releases():
            first, end = release.duty_window
            if release.date < day or first <= day <= end:
                last = release.number
            elif first > day:
                break
        return last

    def on(self, day: dt.date, question: Question, *, crewed: bool) -> ReleaseDate:
        """The release `day` names for `question`; a usage error naming the releases around
        it when there is none."""
        previous: ReleaseDate | None = None
        for release in self.releases():
            if crewed and release.skipped:
                continue
            first, last = release.duty_window
            if question is Question.THROUGH:
                if release.date > day:
                    break
                previous = release
                continue
            if last >= day:
                if question is Question.FROM or first <= day:
                    return release
                raise UsageError(self._no_duty(day, previous, release))
            previous = release
        if question is Question.THROUGH and previous is not None:
            return previous
        if question is Question.THROUGH:
            first_release = self.calendar.release(1)
            after = f"; the first is {_named(first_release)}" if first_release else ""
            raise UsageError(f"no release is dated on or before {day}{after}")
        ended = f"; the last is {_named(previous)}" if previous else ""
        raise UsageError(
            f"no release on or after {day} within the first {self.limit} releases{ended}"
        )

    def _date(self, text: str) -> dt.date:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise UsageError(f"{text!r} is not a calendar date; write YYYY-MM-DD") from None

    def _by_number(self, number: int) -> ReleaseDate | None:
        return self.calendar.release(number) if 0 < number <= self.limit else None

    def _unknown(self, text: str) -> str:
        if pattern(_NUMBER).fullmatch(text):
            return (
                f"there is no release number {int(text)}: numbers run from 1 to {self.limit} "
                "(relrot looks no further ahead)"
            )
        guesses = self._around(text)
        if guesses:
            return f"no release has version {text!r}; did you mean {' or '.join(guesses)}?"
        return f"no release has version {text!r}; give a version, a number or a date"

    def _around(self, text: str) -> list[str]:
        """The versions just before and just after `text` in version order (SPEC 5), or the
        one equal to it by its numbers (`26.3` is 26.3.0); a look-alike string is no guess:
        for 27.4.0, 27.9.0 is further away than 27.3.0 and 27.5.0."""
        wanted = _version_key(text)
        if not wanted:
            return []
        before: tuple[_VersionKey, str] | None = None
        after: tuple[_VersionKey, str] | None = None
        for release in self.releases():
            if release.skipped:  # it has no crew, and the resolver refuses it as such
                continue
            key = _version_key(release.version)
            if _padded(key, wanted) == _padded(wanted, key):
                return [release.version]
            if key < wanted and (before is None or key > before[0]):
                before = (key, release.version)
            elif key > wanted and (after is None or key < after[0]):
                after = (key, release.version)
        return [found[1] for found in (before, after) if found is not None]

    def _no_duty(self, day: dt.date, before: ReleaseDate | None, after: ReleaseDate) -> str:
        nearest = " and ".join(_with_window(r) for r in (before, after) if r is not None)
        return f"no release is on duty on {day}; the nearest are {nearest}"

    def _skipped(self, release: ReleaseDate) -> str:
        shipped = [
            r for r in (self._neighbour(release, -1), self._neighbour(release, 1)) if r is not None
        ]
        nearest = " and ".join(_with_window(r) for r in shipped)
        tail = f"; the nearest releases are {nearest}" if nearest else ""
        return f"{release.version} is skipped (`schedule.skip`): it has no crew{tail}"

    def _neighbour(self, release: ReleaseDate, step: int) -> ReleaseDate | None:
        number = release.number + step
        while 0 < number <= self.limit:
            found = self.calendar.release(number)
            if found is None:
                return None
            if not found.skipped:
                return found
            number += step
        return None


# A version's numbers, each as (digits without leading zeros, their count first), so that
# numbers of any length compare as numbers without converting them.
_VersionKey = tuple[tuple[int, str], ...]
_DIGITS = r"[0-9]+"


def _version_key(text: str) -> _VersionKey:
    """The dot-separated numbers of a version, in order; text between them is ignored."""
    numbers = (found.lstrip("0") for found in pattern(_DIGITS).findall(text))
    return tuple((len(number), number) for number in numbers)


def _padded(key: _VersionKey, other: _VersionKey) -> _VersionKey:
    """`key` with zeros after it as long as `other`, so that 26.3 equals 26.3.0."""
    return key + ((0, ""),) * (len(other) - len(key))


def _named(release: ReleaseDate) -> str:
    return f"{release.version} on {release.date}"


def _with_window(release: ReleaseDate) -> str:
    first, last = release.duty_window
    if first == last:
        return _named(release)
    return f"{_named(release)} (on duty {first}..{last})"


class Term(Struct, frozen=True):
    """A term of an on-demand project (SPEC 6): its number from 1, first and last day. A term
    is seated as a release is, and its duty window is the whole term."""

    number: int
    first: dt.date
    last: dt.date

    @property
    def name(self) -> str:
        """`YYYY-MM`, the term's first month: how the file and the command line name it."""
        return f"{self.first:%Y-%m}"


class Terms(Struct, frozen=True):
    """The terms of `every_months` months from `first_term` (the first day of a month)."""

    first_term: dt.date
    every_months: int

    def __post_init__(self) -> None:
        if self.first_term.day != 1 or self.every_months < 1:
            raise ValueError("terms start on the first day of a month and last a month or more")

    def term(self, number: int) -> Term | None:
        """Term `number` (from 1); None before the first or past the year 9999."""
        first = self._start(number - 1) if number >= 1 else None
        if first is None:
            return None
        after = self._start(number)
        return Term(number, first, after - dt.timedelta(days=1) if after else dt.date.max)

    def containing(self, day: dt.date) -> Term | None:
        """The term `day` falls in; None before the first term."""
        start = self.first_term
        months = (day.year - start.year) * 12 + day.month - start.month
        return self.term(months // self.every_months + 1) if months >= 0 else None

    def named(self, name: str) -> Term | None:
        """The term whose name is `name` (`YYYY-MM`); None when no term starts that month."""
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}", name.strip()):
            return None
        year, month = (int(part) for part in name.strip().split("-"))
        if not 1 <= month <= 12 or year < 1:
            return None
        term = self.containing(dt.date(year, month, 1))
        return term if term is not None and term.first.month == month else None

    def _start(self, index: int) -> dt.date | None:
        """The first day of term `index` (from 0); None past the year 9999."""
        months = self.first_term.month - 1 + index * self.every_months
        year = self.first_term.year + months // 12
        return dt.date(year, months % 12 + 1, 1) if year <= dt.MAXYEAR else None
