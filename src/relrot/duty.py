"""Who is on duty on a day (SPEC 5.4): the releases whose duty windows hold it, else the next.

`relrot who` asks this; a release is "on duty" only while its window holds the day, and
where windows overlap every release holding the day is on duty, earliest first.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from msgspec import Struct

from relrot.references import Question

if TYPE_CHECKING:
    from relrot.plan import Release
    from relrot.project import Project

# The most releases reported on duty on one day: windows longer than a few cadences are a
# file's mistake, and the answer stays short however long they are.
MOST_ON_DUTY = 12
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class Duty(Struct, frozen=True):
    """The answer to "who is on duty": the releases, and whether they are on duty on `day`
    (False: the next one on duty after it). `day` is None when a version was asked."""

    asked: str
    day: dt.date | None
    releases: tuple[Release, ...]
    on_duty: bool


def on_duty(project: Project, asked: str, today: dt.date) -> Duty:
    """The crew `asked` (a date, or any release reference) names, as `who` shows it; an
    on-demand project's version is answered with its term's crew (SPEC 5.6, 6)."""
    from relrot.portfolio import Part

    version = project.version_row(asked, today) if isinstance(project, Part) else None
    if version is not None:
        return Duty(asked, None, (version,), on_duty=False)
    found = project.release(asked, Question.FROM, crewed=True, today=today)
    text = asked.strip()
    if not _ISO_DATE.fullmatch(text):
        return Duty(asked, None, tuple(project.rows(found.number, 1)), on_duty=False)
    day = dt.date.fromisoformat(text)  # the resolver has read it as a date already
    if found.duty_window[0] > day:
        return Duty(asked, day, tuple(project.rows(found.number, 1)), on_duty=False)
    numbers = []
    for number in range(found.number, found.number + MOST_ON_DUTY):
        release = project.calendar.release(number)
        if release is None or release.duty_window[0] > day:
            break
        if not release.skipped and release.duty_window[1] >= day:
            numbers.append(number)
    rows = project.rows(found.number, numbers[-1] - found.number + 1)
    return Duty(asked, day, tuple(r for r in rows if r.number in numbers), on_duty=True)
