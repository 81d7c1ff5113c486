"""Release references: the one place that decides which release `26.3.1` or a date means.

SPEC 5: a reference is a version, a patch version (its regular release), a release number or
a date. What a date means depends on the question asked, so the caller names the question;
everything else has one meaning everywhere. A reference that matches nothing is a usage
error that names the nearest releases.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import re
from collections.abc import Iterator

from relrot.calendar import Calendar, ReleaseDate, regular_version
from relrot.problems import UsageError

# How far past the last pinned release a reference may reach: a number or date beyond it is
# not planned for (a {yy} version would repeat after a century of releases anyway).
REFERENCE_REACH = 500

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NUMBER = re.compile(r"[0-9]{1,7}")


class Question(enum.Enum):
    """What a date reference asks for (SPEC 5, "Release references")."""

    # swap, issue: the release whose duty window contains the date.
    ON_DUTY = "on duty"
    # who, plan --from: the first release whose duty window ends on or after the date.
    FROM = "from"
    # pin --through: the last release dated on or before the date.
    THROUGH = "through"


class Resolver:
    """Finds releases in one calendar; `limit` is the last release number it looks at."""

    def __init__(self, calendar: Calendar, limit: int) -> None:
        self.calendar = calendar
        self.limit = limit

    def resolve(self, ref: str, question: Question, *, crewed: bool) -> ReleaseDate:
        """The release `ref` names. With `crewed`, the question is about a crew, so a skipped
        release is refused as skipped and dates only see releases that ship."""
        text = ref.strip()
        if not text:
            raise UsageError("the release is empty; give a version, a number or a date")
        if _ISO_DATE.fullmatch(text):
            return self._by_date(self._date(text), question, crewed=crewed)
        found = self._by_version(text)
        if found is None and _NUMBER.fullmatch(text):
            found = self._by_number(int(text))
        if found is None:
            regular = regular_version(text)
            found = self._by_version(regular) if regular != text else None
        if found is None:
            raise UsageError(self._unknown(text))
        if crewed and found.skipped:
            raise UsageError(self._skipped(found))
        return found

    def releases(self) -> Iterator[ReleaseDate]:
        for number in range(1, self.limit + 1):
            release = self.calendar.release(number)
            if release is None:
                return
            yield release

    def _date(self, text: str) -> dt.date:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise UsageError(f"{text!r} is not a calendar date; write YYYY-MM-DD") from None

    def _by_version(self, version: str) -> ReleaseDate | None:
        return next((r for r in self.releases() if r.version == version), None)

    def _by_number(self, number: int) -> ReleaseDate | None:
        return self.calendar.release(number) if 0 < number <= self.limit else None

    def _by_date(self, day: dt.date, question: Question, *, crewed: bool) -> ReleaseDate:
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

    def _unknown(self, text: str) -> str:
        if _NUMBER.fullmatch(text):
            return (
                f"there is no release number {int(text)}: numbers run from 1 to {self.limit} "
                "(relrot looks no further ahead)"
            )
        versions = [r.version for r in self.releases()]
        guesses = difflib.get_close_matches(text, versions, n=1, cutoff=0.5)
        if guesses:
            return f"no release has version {text!r}; did you mean {' or '.join(guesses)}?"
        return f"no release has version {text!r}; give a version, a number or a date"

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


def _named(release: ReleaseDate) -> str:
    return f"{release.version} on {release.date}"


def _with_window(release: ReleaseDate) -> str:
    first, last = release.duty_window
    if first == last:
        return _named(release)
    return f"{_named(release)} (on duty {first}..{last})"
