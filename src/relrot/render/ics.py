"""The plan as an iCalendar file: an all-day event per release and per milestone.

Subscribed calendars update in place when three things hold, and relrot derives each from
the file alone, keeping no state between runs:

- UIDs are stable and unique per project: `VERSION/EVENT@PROJECT.relrot`, where PROJECT comes
  from `project.repository`, else `project.name`, else a hash of the schedule and the member
  ids (the parts of the file that swaps, away ranges and pins never change).
- `SEQUENCE` counts the recorded swaps of the event's release: relrot only appends swaps, so
  every swap raises it.
- `DTSTAMP` and `LAST-MODIFIED` are midnight UTC of the first release, plus one hour per
  `SEQUENCE`, plus a number of seconds (under an hour) taken from a hash of the event's
  text: a swap makes them later, and any other change of the event's crew, date or notes
  changes them too (though not necessarily to a later time).

The same file gives the same bytes; text is escaped and folded by the `icalendar` library,
after the calendar sink's rule (`relrot.render.sinks.ics_text`) has made every line break a
newline and shown other hidden characters escaped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Sequence

from relrot import __version__
from relrot.model import RotationFile
from relrot.plan import ROLE_LABEL, Release
from relrot.render.notes import release_notes
from relrot.render.people import Names
from relrot.render.sinks import WORKFLOW_COMMAND_STARTS, ics_text, one_line

SECONDS_PER_REVISION = 3600


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def project_key(rotation: RotationFile) -> str:
    """The part of every UID that tells this project's events from another's."""
    named = rotation.project.repository or rotation.project.name
    if named:
        slug = re.sub(r"[^a-z0-9]+", "-", named.lower()).strip("-")[:40] or "project"
        # The hash keeps names that slug alike ("Foo Bar", "foo-bar") apart.
        return f"{slug}-{_digest(named)[:8]}"
    lasting = {
        "schedule": rotation.schedule.model_dump(mode="json"),
        "members": [m.id for m in rotation.members],
    }
    return f"rotation-{_digest(json.dumps(lasting, sort_keys=True))[:12]}"


def uid(rotation: RotationFile, release: Release, milestone: str | None = None) -> str:
    what = f"{release.version}/{milestone}" if milestone else f"{release.version}/release"
    return ics_text(f"{what}@{project_key(rotation)}.relrot")


def revision_stamp(rotation: RotationFile, sequence: int, content: str) -> dt.datetime:
    """DTSTAMP and LAST-MODIFIED of an event at revision `sequence` holding `content`."""
    start = dt.datetime.combine(rotation.schedule.first_release, dt.time(), dt.timezone.utc)
    seconds = int(_digest(content)[:8], 16) % SECONDS_PER_REVISION
    return start + dt.timedelta(seconds=sequence * SECONDS_PER_REVISION + seconds)


def calendar_name(rotation: RotationFile) -> str:
    name = rotation.project.name
    return f"{name} release rotation" if name else "Release rotation"


def crew_line(release: Release, names: Names) -> str:
    parts = []
    for role in ("pilot", "co_pilot"):
        parts.append(f"{ROLE_LABEL[role]} {names.name(release.seat(role), '(empty)')}")
    if release.jump_seat:
        parts.append(f"jump seat {names.name(release.jump_seat)}")
    return ", ".join(parts)


def render(releases: Sequence[Release], rotation: RotationFile) -> str:
    from icalendar import Calendar as ICalendar
    from icalendar import Event

    names = Names(rotation)
    calendar = ICalendar()
    calendar.add("prodid", f"-//relrot//relrot {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # The library writes an `X-` property as given, unescaped: the name goes on one line.
    calendar.add("x-wr-calname", one_line(calendar_name(rotation)))

    def event(
        uid_text: str, day: dt.date, summary: str, description: list[str], sequence: int
    ) -> Event:
        text = "\n".join(description)
        stamp = revision_stamp(rotation, sequence, f"{day}\n{summary}\n{text}")
        item = Event()
        item.add("uid", uid_text)
        item.add("sequence", sequence)
        item.add("dtstamp", stamp)
        item.add("last-modified", stamp)
        item.add("dtstart", day)
        item.add("dtend", day + dt.timedelta(days=1))
        item.add("summary", ics_text(summary))
        item.add("description", ics_text(text))
        item.add("transp", "TRANSPARENT")
        return item

    for release in releases:
        if release.skipped:
            continue
        crew = crew_line(release, names)
        revision = len(release.swaps)
        details = [crew[:1].upper() + crew[1:], *release_notes(release)]
        calendar.add_component(
            event(
                uid(rotation, release),
                release.date,
                f"Release {release.version}: {crew}",
                details,
                revision,
            )
        )
        for milestone in release.milestones:
            lines = [milestone.note] if milestone.note else []
            lines.append(f"Release {release.version} on {release.date}: {crew}")
            calendar.add_component(
                event(
                    uid(rotation, release, milestone.name),
                    milestone.date,
                    f"{release.version} {milestone.name}",
                    lines,
                    revision,
                )
            )
    text: str = calendar.to_ical().decode("utf-8")
    return unforgeable_folds(text)


def unforgeable_folds(text: str) -> str:
    """The calendar with no folded line starting a GitHub workflow command.

    The library folds long lines at 75 octets wherever the text falls, so a value holding
    `::error` may start a continuation line with it; a reader unfolds the line whatever
    the fold's place, so the fold moves back by a character or two.
    """
    lines = text.split("\r\n")
    for index in range(1, len(lines)):
        line = lines[index]
        while line.startswith(" ") and line.lstrip().startswith(WORKFLOW_COMMAND_STARTS):
            previous = lines[index - 1]
            if len(previous) < 2:
                break
            lines[index - 1], line = previous[:-1], f" {previous[-1]}{line[1:]}"
        lines[index] = line
    return "\r\n".join(lines)
