"""Bringing an open tracking issue's body in step with the plan (SPEC 5.6), byte for byte.

Only what SPEC 5.6 lists changes: a crew cell that holds a placeholder or the member the
marker recorded for that seat, a role's row (or column) missing from the crew table, the
release and milestone dates in the lines relrot wrote them in (its layout's status sentence
and timeline, or the team's template lines with a date placeholder), and the marker.
Everything else — checked boxes, notes quoting a date, other tables, line endings — is
copied as it was. A cell naming
someone neither the plan nor the marker has is a `Mismatch`, and then nothing is edited.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import TYPE_CHECKING, Literal

from msgspec import Struct

from relrot.importing import Roster, heads, role_of
from relrot.issue_marker import Marker, read, write
from relrot.roles import label_key

if TYPE_CHECKING:
    from collections.abc import Iterator

    from relrot.model import RotationFile
    from relrot.plan import Release

_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
_PIPE = re.compile(r"(?<!\\)\|")
_SEPARATOR = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$")
_FENCE = re.compile(r"^\s*(```|~~~)")
# `{{version}}`, `{{ milestone.NAME }}`: a placeholder of a team's template.
_PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
_ISO = r"\d{4}-\d\d-\d\d"
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
# How relrot's status sentence names release day, whatever day it was written for.
_STATUS = (
    r"Release {v} (?:is planned for |is in progress: release day is |shipped on "
    rf"|was planned for )(?P<w{{g}}>{_WEEKDAYS}) (?P<d{{g}}>{_ISO})(?:\.| \(not recorded\)\.)"
)
_BOX = r"- (?:\[[ xX]\] )?"
# A step of relrot's timeline, whatever it names: box, weekday and date, `: `, its text.
_STEP = re.compile(rf"{_BOX}(?P<w0>[A-Z][a-z]{{2,8}}) (?P<d0>{_ISO}): (?P<text>.*)")


class Cell(Struct, frozen=True):
    line: int  # index of the line in the body after the marker
    start: int  # where the cell's text starts and ends in that line, spaces left out
    end: int
    text: str


class CrewTable(Struct, frozen=True):
    """The first table `import` reads a crew from, located: each seat's first cell."""

    cells: dict[str, Cell]
    horizontal: bool
    header: int  # the label row (horizontal) or the first row
    separator: int | None  # the separator row under a horizontal header
    values: int | None  # the row of cells under a horizontal header
    last: int  # the table's last line


class Mismatch(Struct, frozen=True):
    """Why an issue's crew is not relrot's to edit: a seat's cell names `named` (a member
    id, or the cell's text when it names nobody on the roster), whom neither the plan
    (`planned`) nor the marker (`recorded`) has there; or no crew table can be read."""

    kind: Literal["typed", "unreadable", "no-table"]
    seat: str | None = None
    named: str | None = None
    planned: str | None = None
    recorded: str | None = None


class CellChange(Struct, frozen=True):
    seat: str
    before: str | None
    after: str | None


class Updated(Struct, frozen=True):
    """The body brought up to date, and what changed in it (or why it was left alone)."""

    body: str
    cells: tuple[CellChange, ...] = ()
    added: tuple[str, ...] = ()  # seats whose row (or column) was added
    moved: tuple[dt.date, dt.date] | None = None  # release day as the marker had it, and now
    # Each milestone date moved in a line relrot wrote: the milestone, the day, the new day.
    milestones: tuple[tuple[str, dt.date, dt.date], ...] = ()
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
    for index, content in _outside_fences(lines):
        if content.strip().startswith("|"):
            current.append(index)
            continue
        if current:
            tables.append(current)
            current = []
    return [*tables, current] if current else tables


def _outside_fences(lines: list[tuple[str, str]]) -> Iterator[tuple[int, str]]:
    """The index and text of every line outside fenced code (a closing fence included)."""
    fenced = False
    for index, (text, _) in enumerate(lines):
        if _FENCE.match(text):
            fenced = not fenced
        if not fenced:
            yield index, text


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
    template: str | None = None,
) -> Updated:
    """`body` with its crew cells, role rows, dates and marker as `wanted` says (SPEC 5.6);
    `cell` writes a new cell's text and a new row's label in the issue's style. Dates move
    only in the lines relrot wrote them in: its own layout's, or those of the team's
    `template` (its text) that hold a date placeholder."""
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
    days: list[_Moved] = []
    if marker is not None:
        known = _template_lines(template or "", release) if cell.templated else None
        days = _move_dates(lines, _layout_lines(release) if known is None else known)
        if known is None:
            days = list(dict.fromkeys(days + _move_renamed(lines, release, _layout_lines(release))))
    rest = "".join(text + ending for text, ending in lines)
    moved = None
    if marker and marker.date and marker.date != release.date:
        moved = (marker.date, release.date)
    else:
        moved = next(((old, new) for name, old, new in days if name is None), None)
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
        tuple((name, old, new) for name, old, new in days if name is not None),
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


class _Dated(Struct, frozen=True):
    """A line relrot writes with a date in it: matched whatever day it was written for, and
    the days its groups should name (`d…` a date, `w…` a weekday, `s…` a status sentence)
    with the milestone each belongs to (None: release day)."""

    pattern: re.Pattern[str]
    days: dict[str, tuple[str | None, dt.date]]


def _layout_lines(release: Release) -> list[_Dated]:
    """The lines of relrot's own layout with a date: the status sentence and each step of
    the timeline (its box checked or not; a milestone with or without its note)."""
    from relrot.render.sinks import markdown

    version = re.escape(release.version)
    status = _STATUS.replace("{v}", version).replace("{g}", "0")
    day = rf"(?P<w0>[A-Z][a-z]{{2,8}}) (?P<d0>{_ISO})"
    found = [
        _Dated(re.compile(status), {"w0": (None, release.date), "d0": (None, release.date)}),
        _Dated(
            re.compile(rf"{_BOX}{day}: \*\*release {version}\*\*"),
            {"w0": (None, release.date), "d0": (None, release.date)},
        ),
    ]
    for milestone in release.milestones:
        name = re.escape(markdown(milestone.name))
        note = f"|: {re.escape(markdown(milestone.note))}" if milestone.note else ""
        tail = rf"(?: \(this issue opens\){note})?"
        where = (milestone.name, milestone.date)
        found.append(_Dated(re.compile(rf"{_BOX}{day}: {name}{tail}"), {"w0": where, "d0": where}))
    return found


def _template_lines(template: str, release: Release) -> list[_Dated]:
    """The team's template lines with a date placeholder (`{{date}}`, `{{weekday}}`,
    `{{milestone.NAME}}`, `{{status}}`): their own text as it stands, any other
    placeholder matching whatever it was filled with."""
    milestones: dict[str, tuple[str | None, dt.date]] = {
        f"milestone.{m.name}": (m.name, m.date) for m in release.milestones
    }
    status = _STATUS.replace("{v}", re.escape(release.version))
    found = []
    for line in lines_of(template):
        parts = _PLACEHOLDER.split(line[0])
        pattern = re.escape(parts[0])
        days: dict[str, tuple[str | None, dt.date]] = {}
        for index in range(1, len(parts), 2):
            key, group = parts[index], f"g{index}"
            if key == "date" or key in milestones:
                days["d" + group] = milestones.get(key, (None, release.date))
                pattern += f"(?P<d{group}>{_ISO})"
            elif key == "weekday":
                days["w" + group] = (None, release.date)
                pattern += f"(?P<w{group}>{_WEEKDAYS})"
            elif key == "status":
                days["w" + group] = days["d" + group] = (None, release.date)
                pattern += status.replace("{g}", group)
            else:
                pattern += ".*?"
            pattern += re.escape(parts[index + 1])
        if days:
            found.append(_Dated(re.compile(pattern), days))
    return found


def _weekday(written: str, before: dt.date, after: dt.date) -> str:
    """The weekday of `after`, written as `written` was for `before` (`Tue`, `Tuesday`)."""
    if written == f"{before:%a}":
        return f"{after:%a}"
    return f"{after:%A}" if written == f"{before:%A}" else written


_Moved = tuple[str | None, dt.date, dt.date]


def _redated(text: str, dated: _Dated) -> tuple[str, list[_Moved]] | None:
    """`text`, a whole line matching `dated`, with its days as `dated` wants them; and each
    day that moved (milestone, before, after). None for a line `dated` does not match or
    whose weekday is not its date's: not one relrot wrote."""
    found = dated.pattern.fullmatch(text)
    if found is None:
        return None
    edits: list[tuple[int, int, str]] = []
    moved: list[_Moved] = []
    for group, (name, want) in dated.days.items():
        if group[0] != "d":
            continue
        before = dt.date.fromisoformat(found.group(group))
        weekday = "w" + group[1:]
        if weekday in dated.days and found.group(weekday) not in (f"{before:%a}", f"{before:%A}"):
            return None
        edits.append((*found.span(group), want.isoformat()))
        if weekday in dated.days:
            edits.append((*found.span(weekday), _weekday(found.group(weekday), before, want)))
        if before != want:
            moved.append((name, before, want))
    for group, (_, want) in dated.days.items():
        # A template's `{{weekday}}` on its own: release day's, written in full.
        if group[0] == "w" and "d" + group[1:] not in dated.days:
            edits.append((*found.span(group), f"{want:%A}"))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text, moved


def _move_dates(lines: list[tuple[str, str]], dated: list[_Dated]) -> list[_Moved]:
    """Each line relrot wrote with a date (`dated`), outside fenced code, brought to the
    plan's days in place; every other line, notes quoting a date too, stays. Returns the
    days that moved, once each."""
    moved: dict[_Moved, None] = {}
    for index, text in _outside_fences(lines):
        for shape in dated:
            done = _redated(text, shape)
            if done is not None:
                lines[index] = (done[0], lines[index][1])
                moved.update(dict.fromkeys(done[1]))
                break
    return list(moved)


def _unclaimed_steps(
    lines: list[tuple[str, str]], exact: list[_Dated]
) -> tuple[list[int], set[str]]:
    """The timeline steps outside fenced code that no line of `exact` reads (release day's
    aside), and the milestones those lines do name."""
    steps: list[int] = []
    claimed: set[str] = set()
    for index, text in _outside_fences(lines):
        shape = next((d for d in exact if d.pattern.fullmatch(text)), None)
        if shape is not None:
            claimed.update(name for name, _ in shape.days.values() if name is not None)
        elif (step := _STEP.fullmatch(text)) and not step.group("text").startswith("**release "):
            steps.append(index)
    return steps, claimed


def _text_of(step: str) -> str:
    found = _STEP.fullmatch(step)
    return found.group("text") if found else ""


def _names(text: str, name: str) -> bool:
    """Whether a step's text is one relrot wrote for the milestone `name`, any note."""
    opens = f"{name} (this issue opens)"
    return text in (name, opens) or text.startswith((f"{name}: ", f"{opens}: "))


def _move_renamed(
    lines: list[tuple[str, str]], release: Release, exact: list[_Dated]
) -> list[_Moved]:
    """The steps of relrot's timeline written for a milestone whose note or name changed
    since, brought to its day: a step naming it (any note), when it is the only one; else
    the one step left naming no milestone, when exactly one milestone has none."""
    from relrot.render.sinks import markdown

    steps, claimed = _unclaimed_steps(lines, exact)
    found: dict[int, list[str]] = {}
    for milestone in release.milestones:
        name = markdown(milestone.name)
        named = [i for i in steps if _names(_text_of(lines[i][0]), name)]
        if len(named) == 1:
            found.setdefault(named[0], []).append(milestone.name)
    pairs = {index: names[0] for index, names in found.items() if len(names) == 1}
    rest = [i for i in steps if i not in found]
    unnamed = [
        m.name
        for m in release.milestones
        if m.name not in claimed and not any(m.name in n for n in found.values())
    ]
    if len(rest) == 1 and len(unnamed) == 1:
        pairs[rest[0]] = unnamed[0]
    dates = {m.name: m.date for m in release.milestones}
    moved: list[_Moved] = []
    for index, name in sorted(pairs.items()):
        where = (name, dates[name])
        done = _redated(lines[index][0], _Dated(_STEP, {"w0": where, "d0": where}))
        if done is not None:
            lines[index] = (done[0], lines[index][1])
            moved += done[1]
    return moved
