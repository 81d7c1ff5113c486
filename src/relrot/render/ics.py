"""The plan as an iCalendar file: an all-day event per release and per milestone.

UIDs are derived from the release version, the milestone name and the calendar's first
release, so a subscribed calendar updates events in place instead of duplicating them.
DTSTAMP is fixed too (midnight UTC of the first release): the same file gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from relrot import __version__
from relrot.model import RotationFile
from relrot.plan import ROLE_LABEL, Release
from relrot.render.notes import release_notes
from relrot.render.people import Names


def uid(rotation: RotationFile, release: Release, milestone: str | None = None) -> str:
    anchor = rotation.schedule.first_release.strftime("%Y%m%d")
    what = f"{release.version}/{milestone}" if milestone else f"{release.version}/release"
    return f"{what}@{anchor}.relrot"


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
    stamp = dt.datetime.combine(rotation.schedule.first_release, dt.time(), dt.timezone.utc)
    calendar = ICalendar()
    calendar.add("prodid", f"-//relrot//relrot {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Release rotation")

    def event(uid_text: str, day: dt.date, summary: str, description: list[str]) -> Event:
        item = Event()
        item.add("uid", uid_text)
        item.add("dtstamp", stamp)
        item.add("dtstart", day)
        item.add("dtend", day + dt.timedelta(days=1))
        item.add("summary", summary)
        item.add("description", "\n".join(description))
        item.add("transp", "TRANSPARENT")
        return item

    for release in releases:
        if release.skipped:
            continue
        crew = crew_line(release, names)
        details = [crew[:1].upper() + crew[1:], *release_notes(release)]
        calendar.add_component(
            event(
                uid(rotation, release), release.date, f"Release {release.version}: {crew}", details
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
                )
            )
    text: str = calendar.to_ical().decode("utf-8")
    return text
