"""Bringing an open tracking issue's body in step with the plan (SPEC 5.6), byte for byte.

Only what SPEC 5.6 lists changes: a crew cell that holds a placeholder or the member the
marker recorded for that seat, a role's row (or column) missing from the crew table, the
release and milestone dates the marker's release day gave, and the marker. Everything else
— checked boxes, notes, other tables, line endings — is copied as it was. A cell naming
someone neither the plan nor the marker has is a `Mismatch`, and then nothing is edited.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from relrot.importing import Roster, heads, role_of
from relrot.issue_marker import Marker, read, write
from relrot.roles import label_key

if TYPE_CHECKING:
    from relrot.model import RotationFile
    from relrot.plan import Release

_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
_PIPE = re.compile(r"(?<!\\)\|")
_SEPARATOR = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$")
_FENCE = re.compile(r"^\s*(```|~~~)")
# A date, with the weekday relrot writes before it (`Tue 2026-03-10`, `Tuesday 2026-03-10`).
_DATE = re.compile(r"(?:(?<![\w-])([A-Z][a-z]{2,8})( ))?(?<![\w-])(\d{4}-\d\d-\d\d)(?![\w-])")


@dataclass(frozen=True)
class Cell:
    line: int  # index of the line in the body after the marker
    start: int  # where the cell's text starts and ends in that line, spaces left out
    end: int
    text: str


@dataclass(frozen=True)
class CrewTable:
    """The first table `import` reads a crew from, located: each seat's first cell."""

    cells: dict[str, Cell]
    horizontal: bool
    header: int  # the label row (horizontal) or the first row
    separator: int | None  # the separator row under a horizontal header
    values: int | None  # the row of cells under a horizontal header
    last: int  # the table's last line


@dataclass(frozen=True)
class Mismatch:
    """Why an issue's crew is not relrot's to edit: a seat's cell names `named` (a member
    id, or the cell's text when it names nobody on the roster), whom neither the plan
    (`planned`) nor the marker (`recorded`) has there; or no crew table can be read."""

    kind: Literal["typed", "unreadable", "no-table"]
    seat: str | None = None
    named: str | None = None
    planned: str | None = None
    recorded: str | None = None


@dataclass(frozen=True)
class CellChange:
    seat: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class Updated:
    """The body brought up to date, and what changed in it (or why it was left alone)."""

    body: str
    cells: tuple[CellChange, ...] = ()
    added: tuple[str, ...] = ()  # seats whose row (or column) was added
    moved: tuple[dt.date, dt.date] | None = None  # release day as the marker had it, and now
    marker_changed: bool = False
    mismatches: tuple[Mismatch, ...] = ()


def lines_of(text: str) -> list[tuple[str, str]]:
    """Each line's text and its line ending (`""` for a last line without one)."""
    found = [(m.group(1), m.group(2)) for m in _LINE.finditer(text)]
    return [line for line in found if line != ("", "")] if text else []


def _cells(content: str) -> list[Cell]:
    """The cells of a table row with where each stands in it (line left as -1)."""
    pipes = [m.start() for m in _PIPE.finditer(content)]
    stripped = content.strip()
    bounds = pipes[:]
    if not stripped.startswith("|"):
        bounds.insert(0, len(content) - len(content.lstrip()) - 1)
    if not (stripped.endswith("|") and not stripped.endswith("\\|")):
        bounds.append(len(content.rstrip()))
    cells = []
    for left, right in itertools.pairwise(bounds):
        raw = content[left + 1 : right]
        start = left + 1 + len(raw) - len(raw.lstrip())
        end = left + 1 + len(raw.rstrip())
        cells.append(Cell(-1, start, max(start, end), content[start : max(start, end)]))
    return cells


def _seat_of(label: str, rotation: RotationFile) -> str | None:
    seat = role_of(label)
    if seat is not None:
        return seat
    key = label_key(label.strip().rstrip(":"))
    for role in rotation.roles:
        if key and key in (label_key(role.id), label_key(role.display)):
            return role.id
    return None


def _tables(lines: list[tuple[str, str]]) -> list[list[int]]:
    """The line indices of each Markdown table outside fenced code."""
    tables: list[list[int]] = []
    current: list[int] = []
    fenced = False
    for index, (content, _) in enumerate(lines):
        if _FENCE.match(content):
            fenced = not fenced
        if not fenced and content.strip().startswith("|"):
            current.append(index)
            continue
        if current:
            tables.append(current)
            current = []
    return [*tables, current] if current else tables


def find_table(lines: list[tuple[str, str]], rotation: RotationFile) -> CrewTable | None:
    """The crew table as `import` finds it: a row of labels over a row of cells, or a label
    and a cell per row; the first table that has a pilot, co-pilot or jump seat label."""
    for table in _tables(lines):
        rows = [
            (i, [Cell(i, c.start, c.end, c.text) for c in _cells(lines[i][0])])
            for i in table
            if not _SEPARATOR.fullmatch(lines[i][0].strip())
        ]
        found = _horizontal(rows, table, rotation) or _vertical(rows, table, rotation)
        if found is not None:
            return found
    return None


def _horizontal(
    rows: list[tuple[int, list[Cell]]], table: list[int], rotation: RotationFile
) -> CrewTable | None:
    for position, (index, row) in enumerate(rows):
        following = rows[position + 1][1] if position + 1 < len(rows) else []
        if heads([c.text for c in row], [c.text for c in following]):
            cells: dict[str, Cell] = {}
            for column, label in enumerate(row):
                seat = _seat_of(label.text, rotation)
                if seat is not None and seat not in cells and column < len(following):
                    cells[seat] = following[column]
            under = rows[position + 1][0] if following else None
            between = [i for i in table if under is not None and index < i < under]
            separator = between[0] if between else None
            return CrewTable(cells, True, index, separator, under, table[-1])
    return None


def _vertical(
    rows: list[tuple[int, list[Cell]]], table: list[int], rotation: RotationFile
) -> CrewTable | None:
    if not any(role_of(row[0].text) for _, row in rows if row):
        return None
    cells: dict[str, Cell] = {}
    for _, row in rows:
        seat = _seat_of(row[0].text, rotation) if len(row) > 1 else None
        if seat is not None and seat not in cells:
            cells[seat] = row[1]
    return CrewTable(cells, False, table[0], None, None, table[-1])


def update(
    body: str,
    release: Release,
    rotation: RotationFile,
    wanted: Marker,
    cell: CellWriter,
) -> Updated:
    """`body` with its crew cells, role rows, dates and marker as `wanted` says (SPEC 5.6);
    `cell` writes a new cell's text and a new row's label in the issue's style."""
    found = read(body)
    marker = found[0] if found else None
    start = found[1] if found else 0
    lines = lines_of(body[start:])
    table = find_table(lines, rotation)
    recorded = marker.seats if marker else {}
    if table is None and marker is None:
        return Updated(body, mismatches=(Mismatch("no-table"),))
    changes, mismatches = _cell_changes(table, wanted, recorded, Roster(rotation))
    if mismatches:
        return Updated(body, mismatches=tuple(mismatches))
    added: list[str] = []
    if table is not None:
        # From the right: a horizontal row's later cells keep their places as earlier
        # ones change length.
        where = table.cells
        for change in sorted(changes, key=lambda c: (where[c.seat].line, -where[c.seat].start)):
            at = where[change.seat]
            text, ending = lines[at.line]
            new = cell.write(change.after, change.seat)
            lines[at.line] = (text[: at.start] + new + text[at.end :], ending)
        room = not table.horizontal or table.values is not None
        added = [s for s in wanted.seats if room and rotation.role(s) and s not in table.cells]
        _add_rows(lines, table, added, wanted, cell)
    rest = "".join(text + ending for text, ending in lines)
    moved = None
    if marker and marker.date and marker.date != release.date:
        moved = (marker.date, release.date)
        rest = _move_dates(rest, release, marker.date)
    line = write(wanted)
    if found:
        head = body[: found[1]]
        new_head = head[: head.index("<!--")] + line
    else:
        new_head = line + ("\r\n" if "\r\n" in body else "\n")
    return Updated(
        new_head + rest,
        tuple(changes),
        tuple(added),
        moved,
        marker_changed=marker != wanted,
    )


class CellWriter:
    """How new cells and labels read: relrot's layout or the team's template."""

    def __init__(self, rotation: RotationFile, *, templated: bool) -> None:
        self.rotation, self.templated = rotation, templated

    def write(self, member: str | None, seat: str) -> str:
        from relrot.render.issue import crew_cell

        return crew_cell(member, seat, self.rotation, templated=self.templated)

    def label(self, seat: str) -> str:
        from relrot.render.issue import crew_label

        return crew_label(seat, self.rotation)


def _cell_changes(
    table: CrewTable | None, wanted: Marker, recorded: dict[str, str | None], roster: Roster
) -> tuple[list[CellChange], list[Mismatch]]:
    changes: list[CellChange] = []
    mismatches: list[Mismatch] = []
    for seat, want in wanted.seats.items():
        at = table.cells.get(seat) if table else None
        if at is None:
            continue
        # A name members share reads as the one the marker recorded there (whom relrot's
        # text meant), else the one the plan has there.
        readable, named = roster.named(at.text, prefer=(recorded.get(seat), want))
        if not readable:
            mismatches.append(Mismatch("unreadable", seat, at.text, want, recorded.get(seat)))
        elif named == want:
            continue
        elif named is None or named == recorded.get(seat):
            changes.append(CellChange(seat, named, want))
        else:
            mismatches.append(Mismatch("typed", seat, named, want, recorded.get(seat)))
    # A placeholder left where the plan has nobody either is already right.
    return [c for c in changes if c.before != c.after], mismatches


def _add_rows(
    lines: list[tuple[str, str]],
    table: CrewTable,
    seats: list[str],
    wanted: Marker,
    cell: CellWriter,
) -> None:
    """Each missing role's row at the end of a vertical table, or column at the end of a
    horizontal one (its label over its cell)."""
    if not seats:
        return
    ending = next((e for _, e in lines if e), "\n")
    if not table.horizontal:
        text, last_ending = lines[table.last]
        rows = [(f"| {cell.label(s)} | {cell.write(wanted.seats[s], s)} |", ending) for s in seats]
        lines[table.last] = (text, last_ending or ending)
        rows[-1] = (rows[-1][0], last_ending)
        lines[table.last + 1 : table.last + 1] = rows
        return
    if table.values is None:
        return
    extra = {
        table.header: [cell.label(s) for s in seats],
        table.values: [cell.write(wanted.seats[s], s) for s in seats],
    }
    if table.separator is not None:
        extra[table.separator] = ["---" for _ in seats]
    for index, cells in extra.items():
        text, ending_of = lines[index]
        body = text.rstrip()
        closed = body.endswith("|") and not body.endswith("\\|")
        # A separator written `|---|---|` gets its new column written the same way.
        pad = "" if index == table.separator and " " not in body.strip() else " "
        joined = "".join(f"{pad}{c}{pad}|" for c in cells)
        if not closed:
            joined = pad + "|" + joined.removesuffix(pad + "|")
        lines[index] = (body + joined, ending_of)


def _move_dates(text: str, release: Release, old: dt.date) -> str:
    """Each date the old release day gave (release day, milestones) moved with it; the
    weekday written before one (`Tue`, `Tuesday`) follows."""
    shift = release.date - old
    moved = {old.isoformat(): release.date}
    for milestone in release.milestones:
        moved[(milestone.date - shift).isoformat()] = milestone.date

    def replace(found: re.Match[str]) -> str:
        day = moved.get(found.group(3))
        if day is None:
            return found.group()
        weekday, space = found.group(1) or "", found.group(2) or ""
        before = dt.date.fromisoformat(found.group(3))
        if weekday == f"{before:%a}":
            weekday = f"{day:%a}"
        elif weekday == f"{before:%A}":
            weekday = f"{day:%A}"
        return f"{weekday}{space}{day.isoformat()}"

    return _DATE.sub(replace, text)
