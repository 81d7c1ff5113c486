"""`relrot notify`: the notices of a day as JSON, or as Markdown lines for a chat's webhook.

Every line starts with relrot's own words, never a value, so no name opens a heading, a
list or a quote; every value goes through `chat_text`, so none mentions anyone. The only
mention is the member's own `chat:` handle, whose shape the file's check allows.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence

from relrot.diff import SEAT_LABEL, role_labels
from relrot.model import Member, RotationFile
from relrot.notify import Notice
from relrot.problems import Seat
from relrot.render.people import member_in
from relrot.render.sinks import chat_mention, chat_text

# One project's notices and the rosters that name their members (current file, then base).
Section = tuple[Sequence[Notice], tuple[RotationFile, ...]]


def _day(day: dt.date) -> str:
    return f"{day:%a} {day}"


def _seats(seats: Sequence[Seat], roles: Mapping[str, str]) -> str:
    """The seats' names joined as a sentence; a role by its name, through the chat sink."""
    names = []
    for seat in seats:
        names.append(SEAT_LABEL.get(seat) or chat_text(roles.get(seat, seat)))
    if not names:
        return "no seat"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _starts(notice: Notice) -> str:
    days = notice.days_left
    when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
    return f"duty starts {when}, on {_day(notice.opens)}"


def wording(notice: Notice, who: str, roles: Mapping[str, str], project: str = "") -> str:
    """The notice's sentence, naming the member as `who` (already written for a chat), each
    role by its name in `roles` (`relrot.diff.role_labels`: a role the change removed by the
    base file's name), and the release's `project` by its name where a file has several."""
    named = f"{chat_text(project)} {notice.version}" if project else notice.version
    release = f"{named} (release day {_day(notice.release_date)})"
    if notice.kind == "volunteers":
        seat = _seats(notice.seats, roles)
        return f"Volunteers wanted: {release} has no {seat}; {_starts(notice)}."
    if notice.kind == "seat-moved":
        before, after = _seats(notice.before, roles), _seats(notice.after, roles)
        return f"Seat moved for {who}: in {release}, before: {before}; now: {after}."
    now = "now " if notice.catch_up else ""
    seats = _seats(notice.seats, roles)
    return f"Reminder for {who}: you are {now}{seats} of {release}; {_starts(notice)}."


def _name(person: Member | None, member: str | None) -> str:
    return chat_text(person.display if person else member or "")


def render_markdown(notices: Sequence[Notice], *rosters: RotationFile) -> str:
    """One line per notice, mentioning the member by their `chat:` handle, else naming them
    (a GitHub login mentions nobody in a chat); nothing at all when nothing is due."""
    roles = role_labels(*rosters)
    lines = []
    for notice in notices:
        person = member_in(rosters, notice.member)
        who = chat_mention(person.chat if person else None) or _name(person, notice.member)
        lines.append(wording(notice, who, roles, _project(notice, rosters[0])) + "\n")
    return "".join(lines)


def _project(notice: Notice, rotation: RotationFile) -> str:
    """The name of the notice's project (of a file with `projects:`), else nothing."""
    if notice.project is None:
        return ""
    return rotation.project.name or notice.project


def render_json(notices: Sequence[Notice], *rosters: RotationFile) -> str:
    """`{"notices": [...]}`, each with its id, kind, release, member, github, chat, date
    (the day it is due) and text (naming the member by display name); in a file with
    `projects:`, each opens with its `project`."""
    return json.dumps({"notices": records(notices, *rosters)}, indent=2) + "\n"


def render_sections(sections: Sequence[Section], output: str) -> str:
    """The notices of several projects, each section's as `render_markdown` or
    `render_json` (`output`) words them, one after the other in one answer."""
    if output == "json":
        found = [r for notices, rosters in sections for r in records(notices, *rosters)]
        return json.dumps({"notices": found}, indent=2) + "\n"
    return "".join(render_markdown(notices, *rosters) for notices, rosters in sections)


def records(notices: Sequence[Notice], *rosters: RotationFile) -> list[dict[str, object]]:
    """The JSON record of each notice."""
    roles = role_labels(*rosters)
    found: list[dict[str, object]] = []
    for notice in notices:
        person = member_in(rosters, notice.member)
        found.append(
            {
                **({"project": notice.project} if notice.project is not None else {}),
                "id": notice.id,
                "kind": notice.kind,
                "release": notice.version,
                "member": notice.member,
                "github": person.github if person else None,
                "chat": chat_mention(person.chat if person else None),
                "date": notice.due.isoformat(),
                "text": wording(
                    notice, _name(person, notice.member), roles, _project(notice, rosters[0])
                ),
            }
        )
    return found
