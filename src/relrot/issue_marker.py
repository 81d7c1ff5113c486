"""The hidden marker that opens every issue body relrot writes (SPEC 5.4):
`<!-- relrot: PROJECT VERSION date=DATE pilot=ID co_pilot=ID ROLE=ID … -->`.

It records the crew and release day as relrot last wrote them, so `sync` can tell a seat
it wrote from one a person typed in. Each value is percent-encoded, so no name, version or
id can end the comment or add a field; `-` stands for an empty seat or no project name.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from typing import TYPE_CHECKING

from msgspec import Struct

if TYPE_CHECKING:
    from relrot.model import RotationFile

PREFIX = "<!-- relrot: "
# Only at the very start of a body: a marker pasted lower down claims nothing.
_MARKER = re.compile(r"\A\ufeff?<!-- relrot: ([^\r\n]*?) -->")
NOBODY = "-"


class Marker(Struct, frozen=True):
    """What the marker says: the project's token, the version, release day and the crew by
    seat (`pilot`, `co_pilot`, `jump_seat` and role ids; None for an empty seat)."""

    project: str
    version: str
    date: dt.date | None
    seats: dict[str, str | None]


def project_of(rotation: RotationFile) -> str:
    """The project as a marker names it: its id in a file with `projects:` (SPEC 6), else
    the file's `project.name`, empty for none."""
    return rotation.view_of or rotation.project.name or ""


def _quote(text: str) -> str:
    return urllib.parse.quote(text, safe="") if text else NOBODY


def _name(text: str) -> str:
    """A project's name, free text, with its dots encoded too: read as words, no part of
    it looks like a web address (`www.`), even inside the comment."""
    return _quote(text).replace(".", "%2E")


def write(marker: Marker) -> str:
    """The marker's one line, without a line ending."""
    fields = [_name(marker.project), _quote(marker.version)]
    if marker.date is not None:
        fields.append(f"date={marker.date.isoformat()}")
    fields += [f"{_quote(seat)}={_quote(who or '')}" for seat, who in marker.seats.items()]
    return PREFIX + " ".join(fields) + " -->"


def read(body: str) -> tuple[Marker, int] | None:
    """The marker that opens `body`, and where it ends; None when the body has none or one
    that does not read (then the issue is matched by its title)."""
    found = _MARKER.match(body)
    if found is None:
        return None
    words = found.group(1).split()
    if len(words) < 2:
        return None
    project, version = (urllib.parse.unquote(w) for w in words[:2])
    date: dt.date | None = None
    seats: dict[str, str | None] = {}
    for word in words[2:]:
        key, equals, value = word.partition("=")
        if not equals:
            return None
        value = urllib.parse.unquote(value)
        if key == "date":
            try:
                date = dt.date.fromisoformat(value)
            except ValueError:
                return None
            continue
        seats[urllib.parse.unquote(key)] = None if value == NOBODY else value
    return Marker(project, version, date, seats), found.end()
