"""The plan as an iCalendar file: an all-day event per release and per milestone.

Subscribed calendars update in place when three things hold (SPEC 5.5, RFC 5545 3.8.7):

- UIDs are stable and unique per project: `VERSION/EVENT@PROJECT.relrot`, where PROJECT comes
  from `project.repository`, else `project.name`, else a hash of the schedule and the member
  ids (the parts of the file that swaps, away ranges and pins never change).
- An event that changes gets a higher `SEQUENCE` and a later `DTSTAMP`/`LAST-MODIFIED` (in a
  calendar with no METHOD both say when the event was last revised). Only the calendar
  published last time knows an event's last revision, so `relrot site` reads it back
  (`Previous`): an unchanged event keeps its revision, a changed one gets SEQUENCE + 1 and
  DTSTAMP = max(its last one, midnight UTC of today).
- Without that calendar (`plan --format ics`, a first publication), an event's revision
  comes from the file alone: SEQUENCE counts its release's recorded swaps, and DTSTAMP is
  midnight UTC of the first release, plus an hour per swap, plus seconds under an hour
  from a hash of the event's text, never after today.

The same file and calendar give the same bytes; text is escaped and folded by the
`icalendar` library, after the calendar sink's rule (`relrot.render.sinks.ics_text`) has made
every line break a newline and shown other hidden characters escaped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from msgspec import Struct

from relrot import __version__
from relrot.model import CrewRole, RotationFile
from relrot.plan import ROLE_LABEL, Release
from relrot.problems import UsageError
from relrot.render.notes import release_notes
from relrot.render.people import Names
from relrot.render.sinks import WORKFLOW_COMMAND_STARTS, ics_text, one_line
from relrot.roles import declared

if TYPE_CHECKING:
    from icalendar import Event

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
        "schedule": rotation.calendar_schedule.model_dump(mode="json"),
        "members": [m.id for m in rotation.members],
    }
    return f"rotation-{_digest(json.dumps(lasting, sort_keys=True))[:12]}"


def uid(
    rotation: RotationFile, release: Release, milestone: str | None = None, project: str = ""
) -> str:
    """Stable across runs, distinct across projects: in a file with `projects:` the
    project's id opens the key (two projects may share a repository and a version)."""
    what = f"{release.version}/{milestone}" if milestone else f"{release.version}/release"
    key = f"{project}.{project_key(rotation)}" if project else project_key(rotation)
    return ics_text(f"{what}@{key}.relrot")


def revision_stamp(rotation: RotationFile, sequence: int, content: str) -> dt.datetime:
    """DTSTAMP and LAST-MODIFIED of an event at revision `sequence` holding `content`."""
    start = dt.datetime.combine(
        rotation.calendar_schedule.first_release, dt.time(), dt.timezone.utc
    )
    seconds = int(_digest(content)[:8], 16) % SECONDS_PER_REVISION
    return start + dt.timedelta(seconds=sequence * SECONDS_PER_REVISION + seconds)


def calendar_name(rotation: RotationFile) -> str:
    name = rotation.project.name
    return f"{name} release rotation" if name else "Release rotation"


def crew_line(release: Release, names: Names, roles: Sequence[CrewRole] = ()) -> str:
    """The crew in the order the plan's table shows it: pilot, co-pilot, each role the
    release has (an empty rotate role as an empty seat; an empty request role, like the
    jump seat, left out), the jump seat. Names from the file are put on one line, so none
    breaks the event's title or adds a line to its description."""
    parts = []
    for role in ("pilot", "co_pilot"):
        parts.append(f"{ROLE_LABEL[role]} {one_line(names.name(release.seat(role), '(empty)'))}")
    for extra in roles:
        if release.shows(extra):
            holder = release.roles[extra.id]
            parts.append(f"{one_line(extra.display)} {one_line(names.name(holder, '(empty)'))}")
    if release.jump_seat:
        parts.append(f"jump seat {one_line(names.name(release.jump_seat))}")
    return ", ".join(parts)


def project_label(rotation: RotationFile) -> str | None:
    """The project as event titles name it: `project.name`, else the name part of
    `project.repository` (`conda/conda-build` is `conda-build`), else nothing."""
    project = rotation.project
    if project.name:
        return project.name
    return project.repository.split("/")[-1] if project.repository else None


class Revision(Struct, frozen=True):
    """An event's `SEQUENCE` and `DTSTAMP` (which `LAST-MODIFIED` repeats)."""

    sequence: int
    stamp: dt.datetime


class _Draft(Struct, frozen=True):
    """An event before its revision is known: what it says, and its revision without history."""

    uid: str
    day: dt.date
    summary: str
    description: str
    fresh: Revision


def _drafts(
    releases: Sequence[Release], rotation: RotationFile, today: dt.date | None, project: str = ""
) -> list[_Draft]:
    names = Names(rotation)
    roles = declared(rotation)
    label = project_label(rotation)
    named = f"{one_line(label)} " if label else ""
    drafts = []

    def draft(uid_text: str, day: dt.date, summary: str, lines: list[str], sequence: int) -> None:
        text = "\n".join(lines)
        stamp = revision_stamp(rotation, sequence, f"{day}\n{summary}\n{text}")
        if today is not None:
            # A revision is never dated after the day it is written (RFC 5545 3.8.7.2).
            stamp = min(stamp, midnight(today))
        drafts.append(_Draft(uid_text, day, summary, text, Revision(sequence, stamp)))

    for release in releases:
        if release.skipped:
            continue
        crew = crew_line(release, names, roles)
        revision = len(release.swaps)
        title = f"{named}release {release.version}" if named else f"Release {release.version}"
        details = [crew[:1].upper() + crew[1:], *release_notes(release)]
        key = uid(rotation, release, project=project)
        draft(key, release.date, f"{title}: {crew}", details, revision)
        for milestone in release.milestones:
            lines = [milestone.note] if milestone.note else []
            lines.append(f"Release {release.version} on {release.date}: {crew}")
            summary = f"{named}{release.version} {milestone.name}"
            key = uid(rotation, release, milestone.name, project)
            draft(key, milestone.date, summary, lines, revision)
    return drafts


def midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), dt.timezone.utc)


def _event(draft: _Draft, revision: Revision) -> Event:
    from icalendar import Event

    item = Event()
    item.add("uid", draft.uid)
    item.add("sequence", revision.sequence)
    item.add("dtstamp", revision.stamp)
    item.add("last-modified", revision.stamp)
    item.add("dtstart", draft.day)
    item.add("dtend", draft.day + dt.timedelta(days=1))
    item.add("summary", ics_text(draft.summary))
    item.add("description", ics_text(draft.description))
    item.add("transp", "TRANSPARENT")
    return item


class Section(Struct, frozen=True):
    """One project's releases in a calendar of several (SPEC 6), and its id."""

    releases: Sequence[Release]
    rotation: RotationFile
    project: str = ""


def render(
    releases: Sequence[Release],
    rotation: RotationFile,
    *,
    today: dt.date | None = None,
    previous: Previous | None = None,
    project: str = "",
) -> str:
    """The calendar of `releases`. With `previous` (the calendar published last time), an
    event that says what it said then keeps its revision byte for byte, and one that changed
    gets the next `SEQUENCE` and a `DTSTAMP` of max(its last one, midnight UTC of `today`).
    `project`: the project's id in a file with `projects:`, for its UIDs."""
    sections = [Section(releases, rotation, project)]
    return render_sections(sections, calendar_name(rotation), today=today, previous=previous)


def render_sections(
    sections: Sequence[Section],
    name: str,
    *,
    today: dt.date | None = None,
    previous: Previous | None = None,
) -> str:
    """One calendar named `name` holding the events of every section, as `render` says."""
    from icalendar import Calendar as ICalendar

    calendar = ICalendar()
    calendar.add("prodid", f"-//relrot//relrot {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # The library writes an `X-` property as given, unescaped: the name goes on one line.
    calendar.add("x-wr-calname", one_line(name))
    for section in sections:
        for draft in _drafts(section.releases, section.rotation, today, section.project):
            item = _event(draft, draft.fresh)
            if previous is not None:
                item = _event(draft, previous.revision(item, draft.fresh, today))
            calendar.add_component(item)
    text: str = calendar.to_ical().decode("utf-8")
    return unforgeable_folds(text)


# What says when an event was revised, rather than what the event is.
_REVISION_PROPERTIES = ("SEQUENCE", "DTSTAMP", "LAST-MODIFIED")
_FOLD = re.compile(r"\r?\n[ \t]")
_STAMP = re.compile(r"\d{8}T\d{6}Z")
_SEQUENCE = re.compile(r"\d{1,9}")
# A calendar of 20 years of weekly releases with milestones is some 2 MiB.
MAX_CALENDAR_BYTES = 16 << 20


def _name(line: str) -> str:
    return re.split(r"[;:]", line, maxsplit=1)[0].upper()


def _content(lines: Sequence[str]) -> tuple[str, ...]:
    """An event's unfolded lines but its revision: what a reader of the calendar sees."""
    return tuple(line for line in lines if _name(line) not in _REVISION_PROPERTIES)


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """Unfolded lines, each with the number of the physical line it starts on."""
    found: list[tuple[int, str]] = []
    for number, line in enumerate(re.split(r"\r?\n", text), start=1):
        if line[:1] in (" ", "\t") and found:
            found[-1] = (found[-1][0], found[-1][1] + line[1:])
        else:
            found.append((number, line))
    return found


class Previous:
    """The calendar published last time, read for each event's content and revision.

    Read as lines, not with a full parser: relrot wrote it, and only three properties of
    each event matter; an event relrot cannot read is an error naming its line.
    """

    def __init__(self, text: str, name: str) -> None:
        self.name = name
        self.events: dict[str, tuple[tuple[str, ...], Revision]] = {}
        lines = _logical_lines(text)
        if not any(line.strip().upper() == "BEGIN:VCALENDAR" for _, line in lines[:1]):
            raise UsageError(
                f"{name}: not an iCalendar file (it does not start with BEGIN:VCALENDAR); "
                "delete it, or download the published rotation.ics into the folder again",
                file=name,
            )
        event: list[tuple[int, str]] | None = None
        for number, line in lines:
            upper = line.strip().upper()
            if upper == "BEGIN:VEVENT":
                event = []
            elif upper == "END:VEVENT" and event is not None:
                self._add(event)
                event = None
            elif event is not None and line:
                event.append((number, line))

    def _add(self, event: list[tuple[int, str]]) -> None:
        values = {_name(line): (number, line.partition(":")[2]) for number, line in event}
        key = next((line for _, line in event if _name(line) == "UID"), None)
        if key is None or key in self.events:
            return
        number, sequence = values.get("SEQUENCE", (event[0][0], "0"))
        if not _SEQUENCE.fullmatch(sequence):
            self._unreadable(number, f"SEQUENCE {sequence[:40]!r} is not a whole number")
        number, stamp = values.get("DTSTAMP", (event[0][0], ""))
        if not _STAMP.fullmatch(stamp):
            self._unreadable(
                number, f"DTSTAMP {stamp[:40]!r} is not a UTC time such as 20270104T000000Z"
            )
        try:
            when = dt.datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.timezone.utc)
        except ValueError:
            self._unreadable(number, f"DTSTAMP {stamp!r} is not a date and time")
        content = _content([line for _, line in event])
        self.events[key] = (content, Revision(int(sequence), when))

    def _unreadable(self, line: int, why: str) -> NoReturn:
        raise UsageError(
            f"{self.name}:{line}: {why}; fix the line, or delete the file to start the "
            "calendar afresh (subscribers may then keep stale copies of changed events)",
            file=self.name,
        )

    def revision(self, item: Event, fresh: Revision, today: dt.date | None) -> Revision:
        """The revision of `item`, an event as written now with its revision without history."""
        written = _logical_lines(item.to_ical().decode("utf-8"))
        lines = [line for _, line in written if line and _name(line) not in ("BEGIN", "END")]
        key = next(line for line in lines if _name(line) == "UID")
        if key not in self.events:
            return fresh
        content, last = self.events[key]
        if content == _content(lines):
            return last
        stamp = last.stamp if today is None else max(last.stamp, midnight(today))
        return Revision(last.sequence + 1, stamp)


def read_previous(raw: bytes, name: str) -> Previous | None:
    """The calendar in `raw`, or None when the file is empty (nothing published yet)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{name}: byte {exc.start} is not UTF-8, so this is not a calendar relrot wrote; "
            "delete it to start the calendar afresh",
            file=name,
        ) from None
    return Previous(text, name) if text.strip() else None


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
