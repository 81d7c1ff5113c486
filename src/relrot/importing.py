"""Reading crews back from release tracking issues (SPEC 5.5): a pure parser, no I/O.

Input is the JSON `gh issue list --json number,title,body,url` prints, or the text of
Markdown files. The version comes from relrot's marker when the body opens with one (SPEC
5.4), else from the title; the crew from the first table in the body that has a pilot or
co-pilot in it, written vertically (a role per row) or horizontally (a row of roles over a
row of handles). A cell names a member by @handle, else by their id or display name.
Handles anywhere else in the text are not crew.

Issue text is anyone's text: JSON is measured before it is parsed, and what is shown of an
issue goes through `visible` or `quoted`, never raw.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal

from msgspec import Struct, field

from relrot.issue_marker import NOBODY, Marker
from relrot.issue_marker import read as read_marker
from relrot.problems import UsageError
from relrot.render.sinks import hidden, visible
from relrot.roles import label_key
from relrot.yamlfile.read import text_position

if TYPE_CHECKING:
    from relrot.model import RotationFile

Seat = Literal["pilot", "co_pilot", "jump_seat"]
SEAT_LABEL: dict[Seat, str] = {"pilot": "pilot", "co_pilot": "co-pilot", "jump_seat": "jump seat"}

# `26.3.0`, `23.1.X`, `v22.9.0`, `25.5.x`: a series stands for its regular release.
_VERSION = re.compile(r"(?<![\w.])v?(\d+\.\d+)\.(\d+|[xX])(?![\w]|\.\d)")
_HANDLE = re.compile(r"(?<![\w@/`])@([A-Za-z0-9](?:-?[A-Za-z0-9])*)(?![\w/-])")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*)$")
_SEPARATOR = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$")
_MARKUP = re.compile(r"[*_`~]")
# A line of the header `gh issue view` prints: `title:\tRelease 26.3.x`.
_GH_FIELD = re.compile(r"^([a-z]+):[ \t]*(.*)$")

# `gh issue list --json` over years of release issues with long checklists: a few MiB at most.
MAX_INPUT_BYTES = 8 << 20
# gh's JSON is an array of issues, each an object whose `labels` or `author` nest two levels
# more; 64 leaves room for any field gh adds and stays far below Python's recursion limit.
MAX_JSON_DEPTH = 64
# Issue numbers and ids have at most 20 digits; Python refuses integers past 4,300 digits.
MAX_JSON_NUMBER = 40
# JSON strings, skipped whole by the checks below (an unterminated one runs to the end).
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\[\s\S][^"\\]*)*"?')
_LONG_NUMBER = re.compile("[-+.0-9eE]{" + str(MAX_JSON_NUMBER + 1) + ",}")
# What the exact check looks at: strings, opening and closing brackets, long numbers.
_JSON_TOKEN = re.compile(
    "(" + _JSON_STRING.pattern + r")|([\[{])|([\]}])|(" + _LONG_NUMBER.pattern + ")"
)
# JSON with its strings taken out, down to its brackets: `(` opens, `)` closes. Other text
# outside strings is not JSON and stays, which only sends the input to the exact check.
_BRACKETS_ONLY = str.maketrans("[{]}", "(())", ",: \t\r\n0123456789+-.eEtruefalsn")
# A message quotes this much of an issue's text: enough to recognise it (docs/decisions.md).
_QUOTED = 60
# A role read from a table label is written to the file: a label, not a paragraph.
MAX_ROLE = 60
# Issues in the table `import` shows, and lines of each kind about them (skipped, notes, not
# used): more than a team's years of release issues. A rich table row costs milliseconds, and
# 80,000 of them took minutes.
MAX_SHOWN = 200
# Rows of a table read: a crew table has a row per seat and role, and a table of 400,000
# rows took ten seconds to look through.
MAX_TABLE_ROWS = 100
# People a crew table names besides its seats (a trainee, a QA owner, a second co-pilot).
# Each is written to the file; a table of thousands is not a crew, and would take minutes.
MAX_EXTRAS = 10


class Issue(Struct, frozen=True):
    """One release tracking issue as read: a GitHub issue, or a Markdown file."""

    name: str  # how messages name it: `#41` or the file's name
    title: str
    body: str
    number: int | None = None
    url: str | None = None
    markdown: bool = False  # a Markdown file, whose title is read from its text
    state: str | None = None  # `OPEN` or `CLOSED`, when gh was asked for it (`sync`)
    assignees: tuple[str, ...] = ()  # logins, when gh was asked for them (`sync`)
    # `closedAt`, else `createdAt`, when gh was asked for them: the day an on-demand
    # project's release is placed in its term by (SPEC 6).
    day: dt.date | None = None


class Name(Struct, frozen=True):
    """A crew cell that names someone without an @handle: its text, and the members whose
    id or display name it is (two or more when they share it)."""

    text: str
    members: tuple[str, ...]


# Who a crew cell names: a GitHub handle (without the `@`), or a member by id or name.
Who = str | Name


class Extra(Struct, frozen=True):
    who: Who
    role: str


class FoundCrew(Struct, frozen=True):
    """The crew one issue names for one release: GitHub handles (without the `@`), or
    members named by id or display name."""

    issue: Issue
    version: str  # the regular release, e.g. 26.3.0 for "Release 26.3.x"
    named: tuple[str, ...]  # the versions as the marker or the title names them
    patch: bool  # the title names patch releases only (26.1.1)
    pilot: Who | None = None
    co_pilot: Who | None = None
    jump_seat: Who | None = None
    also: tuple[Extra, ...] = ()
    marker: Marker | None = None  # relrot's marker opening the body, when there is one

    def seat(self, seat: Seat) -> Who | None:
        return {"pilot": self.pilot, "co_pilot": self.co_pilot, "jump_seat": self.jump_seat}[seat]

    def handles(self) -> list[str]:
        people = [self.pilot, self.co_pilot, self.jump_seat, *(e.who for e in self.also)]
        return [who for who in people if isinstance(who, str) and who]

    @property
    def project(self) -> str | None:
        """The project the marker names, or None when there is no marker or it names none."""
        if self.marker is None or self.marker.project in ("", NOBODY):
            return None
        return self.marker.project

    def recorded(self, seat: str) -> str | None:
        """The member the marker recorded in `seat` (a seat or role id), if any."""
        return self.marker.seats.get(seat) if self.marker else None


class Skipped(Struct, frozen=True):
    issue: Issue
    reason: str


class Reading(Struct):
    """Everything read from the issues: crews found, and issues left out with the reason."""

    found: list[FoundCrew] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # cells read as empty, and why


# --- showing issue text ----------------------------------------------------------------------


def excerpt(text: str) -> str:
    """Issue text as a message quotes it: its first characters, visible."""
    return visible(text if len(text) <= _QUOTED else text[: _QUOTED - 1] + "…")


def quoted(text: str) -> str:
    return f"'{excerpt(text)}'"


def cut(lines: list[str], what: str) -> list[str]:
    """The first MAX_SHOWN lines, and how many more: years of issues fit, a flood does not."""
    if len(lines) <= MAX_SHOWN:
        return lines
    return [*lines[:MAX_SHOWN], f"… and {len(lines) - MAX_SHOWN:,} more {what}"]


# --- the input --------------------------------------------------------------------------------


def issues_from_text(text: str, name: str) -> list[Issue]:
    """The issues in one input: a `gh issue list --json` array (or one issue), or Markdown."""
    if len(text) > MAX_INPUT_BYTES:
        raise UsageError(
            f"{name}: {len(text)} characters is more than the {MAX_INPUT_BYTES} relrot reads "
            "from one input; import the issues in parts",
            file=name,
        )
    text = text.removeprefix("\ufeff")
    if text.lstrip()[:1] in ("[", "{"):
        return _issues_from_json(text, name)
    # A file's name names its issue in every line shown: a bidi character in it shows escaped.
    header, body = _gh_view_header(text)
    number = header.get("number", "")
    return [
        Issue(
            visible(name),
            _markdown_title(header.get("title"), body) or name,
            body,
            int(number) if number.isdecimal() and len(number) <= MAX_JSON_NUMBER else None,
            header.get("url"),
            markdown=True,
        )
    ]


def _check_json_shape(text: str, name: str) -> None:
    """Refuse JSON nested too deep or with a number too long, before the parser sees it:
    both are input errors, where the parser would give an internal RecursionError or
    ValueError. Counted, never caught: a cheap pass in C-speed string operations clears
    any input a user would give; only one it cannot clear is walked token by token."""
    skeleton = _JSON_STRING.sub("", text)
    if _LONG_NUMBER.search(skeleton) is None and _shallow(skeleton.translate(_BRACKETS_ONLY)):
        return
    depth = 0
    for token in _JSON_TOKEN.finditer(text):
        kind = token.lastindex
        if kind == 2:
            depth += 1
            if depth <= MAX_JSON_DEPTH:
                continue
            what = f"JSON nested more than {MAX_JSON_DEPTH} levels deep"
            hint = "`gh issue list --json` prints issues a few levels deep"
        elif kind == 3:
            depth -= 1
            continue
        elif kind == 4:
            what = f"a number of {token.end() - token.start()} characters"
            hint = f"relrot reads JSON numbers of up to {MAX_JSON_NUMBER} characters"
        else:
            continue
        line, column = text_position(text, token.start())
        raise UsageError(
            f"{name}: {what} at line {line}, column {column}; {hint}: is this the right input?",
            file=name,
        )


def _shallow(brackets: str) -> bool:
    """Whether brackets (`(`, `)`) never nest deeper than MAX_JSON_DEPTH, for sure.

    Each pass takes out every innermost pair, so balanced brackets are gone after as many
    passes as they nest deep. What is left of unbalanced ones, `)))(((`, can only add its
    unclosed `(` to that depth; anything else left is for the exact check to judge.
    """
    passes = 0
    while "()" in brackets:
        if passes == MAX_JSON_DEPTH:
            return False
        brackets = brackets.replace("()", "")
        passes += 1
    unclosed = len(brackets) - len(brackets.rstrip("("))
    unopened = len(brackets) - len(brackets.lstrip(")"))
    if unclosed + unopened != len(brackets):
        return False
    return max(0, unclosed - unopened) + passes <= MAX_JSON_DEPTH


def _issues_from_json(text: str, name: str) -> list[Issue]:
    _check_json_shape(text, name)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise UsageError(f"{name}: not JSON at {where}: {exc.msg}", file=name) from None
    records = data if isinstance(data, list) else [data]
    issues = []
    for position, record in enumerate(records):
        if not isinstance(record, dict) or not isinstance(record.get("title"), str):
            raise UsageError(
                f"{name}: item {position + 1} is not an issue with a title; give the output of "
                "`gh issue list --json number,title,body,url`",
                file=name,
            )
        number = record.get("number")
        number = number if isinstance(number, int) and not isinstance(number, bool) else None
        url = record.get("url") if isinstance(record.get("url"), str) else None
        body = record.get("body") if isinstance(record.get("body"), str) else ""
        label = f"#{number}" if number is not None else f"{visible(name)} item {position + 1}"
        state = record.get("state") if isinstance(record.get("state"), str) else None
        issues.append(
            Issue(
                label,
                record["title"],
                str(body),
                number,
                url,
                False,
                state,
                _logins(record),
                _day(record),
            )
        )
    return issues


def _day(record: dict[str, object]) -> dt.date | None:
    """`closedAt`, else `createdAt` (`2026-04-14T10:22:31Z`), as the day in UTC it names."""
    for key in ("closedAt", "createdAt"):
        value = record.get(key)
        if isinstance(value, str) and value:
            try:
                stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                continue
            return (stamp.astimezone(dt.timezone.utc) if stamp.tzinfo else stamp).date()
    return None


def _logins(record: dict[str, object]) -> tuple[str, ...]:
    """The `assignees` gh lists (`[{"login": …}]`), as logins; anything else is none."""
    listed = record.get("assignees")
    people = listed if isinstance(listed, list) else []
    found = (p.get("login") for p in people if isinstance(p, dict))
    return tuple(login for login in found if isinstance(login, str))


def _gh_view_header(text: str) -> tuple[dict[str, str], str]:
    """The `key:\tvalue` lines `gh issue view N` prints above an issue's body, up to the `--`
    line, and the body under them; no header (a plain Markdown file) gives the whole text."""
    lines = text.splitlines(keepends=True)
    if not lines or not _GH_FIELD.match(lines[0]) or not lines[0].startswith("title:"):
        return {}, text
    header: dict[str, str] = {}
    for position, line in enumerate(lines[:MAX_TABLE_ROWS]):
        if line.strip() == "--":
            return header, "".join(lines[position + 1 :])
        field = _GH_FIELD.match(line)
        if field is None:
            break
        header.setdefault(field.group(1), field.group(2).strip())
    return {}, text


def _markdown_title(header: str | None, body: str) -> str:
    """What names a Markdown file's release (SPEC 5.5): the `title:` that `gh issue view`
    prints, else the first heading that names a version, else the first line of the text
    that names one ("Placeholder for `conda 26.3.0`", a `26.3.x` branch); else the `title:`
    as it is, or empty (the caller falls back to the file's name)."""
    if header and _VERSION.search(header):
        return header
    marked = read_marker(body)
    lines = body[marked[1] if marked else 0 :].splitlines()  # the marker is no title
    for line in lines:
        heading = _HEADING.match(line)
        if heading and _VERSION.search(heading.group(1)):
            return heading.group(1).strip()
    found = next((line.strip() for line in lines if _VERSION.search(line)), None)
    return found or header or ""


# --- the title --------------------------------------------------------------------------------


def title_versions(title: str) -> list[str]:
    """The versions a title names, a series (`26.3.x`) as its regular release."""
    return [
        f"{head}.{'0' if micro in ('x', 'X') else micro}" for head, micro in _VERSION.findall(title)
    ]


# --- the body ---------------------------------------------------------------------------------


def _cells(line: str) -> list[str]:
    """The cells of a Markdown table row, `\\|` kept inside its cell."""
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [cell.replace("\\|", "|").strip() for cell in re.split(r"(?<!\\)\|", inner)]


def _tables(body: str) -> list[tuple[list[list[str]], int]]:
    """Each table of the body as its first MAX_TABLE_ROWS rows of cells (separator rows left
    out), and how many rows it has past those."""
    tables: list[tuple[list[list[str]], int]] = []
    current: list[list[str]] | None = None
    unread = 0
    fenced = False
    for line in body.splitlines():
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fenced = not fenced
        if not fenced and stripped.startswith("|"):
            if current is None:
                current, unread = [], 0
            if len(current) == MAX_TABLE_ROWS:
                unread += 1
            elif not _SEPARATOR.fullmatch(stripped):
                current.append(_cells(stripped))
            continue
        if current is not None:
            tables.append((current, unread))
            current = None
    if current is not None:
        tables.append((current, unread))
    return tables


def role_of(label: str) -> Seat | None:
    """The seat a table label names, in the spellings teams use; None for any other role."""
    if label.strip().startswith("<"):
        return None  # `<copilot>` is the placeholder for a co-pilot, not the label
    letters = re.sub(r"[^a-z]", "", _MARKUP.sub("", label).lower())
    return {"pilot": "pilot", "copilot": "co_pilot", "jumpseat": "jump_seat"}.get(letters)  # type: ignore[return-value]


def _label(cell: str) -> str:
    return _MARKUP.sub("", cell).strip().rstrip(":").strip()


def handles_in(cell: str) -> list[str]:
    """The @handles in a cell, in order; `???`, `<pilot>`, `TBD` or nothing name nobody."""
    return _HANDLE.findall(cell)


def _crew_rows(table: list[list[str]]) -> list[tuple[str, str]] | None:
    """The (label, cell) pairs of a crew table, or None if the table names no seat.

    Horizontal: a row of labels with no handles, over a row of cells. Vertical: a label
    and a cell per row (the first row may double as the Markdown header).
    """
    for position, row in enumerate(table):
        following = table[position + 1] if position + 1 < len(table) else []
        if heads(row, following):
            return list(zip(row, [*following, *[""] * len(row)], strict=False))
    rows = [
        (row[0], row[1] if len(row) > 1 else "")
        for row in table
        if role_of(row[0]) or (len(row) > 1 and handles_in(row[1]))
    ]
    return rows if any(role_of(label) for label, _ in rows) else None


def heads(row: list[str], following: list[str]) -> bool:
    """Whether `row` is a row of labels over `following`, a row of cells: two seat labels
    and no handle, or one label over a row of handles (`| Pilot | Notes |` over cells) whose
    first cell holds a handle or a placeholder, not a label as a vertical table's next row
    does (`| Co-pilot | elvis |` over `| QA | @kai |`)."""
    if handles_in(" ".join(row)):
        return False
    seats = sum(role_of(cell) is not None for cell in row)
    if seats >= 2:
        return True
    first = following[0] if following else ""
    value = bool(handles_in(first)) or names_nobody(first)
    return seats == 1 and value and not role_of(first) and bool(handles_in(" ".join(following)))


def read_crew(issue: Issue, reading: Reading, roster: Roster | None = None) -> None:
    """Add what `issue` says to `reading`: its crew, or why it was left out. The release is
    the one relrot's marker names, else the title's (SPEC 5.4, 5.5); `roster` tells which
    cells without an @handle name a member by id or display name."""
    roster = roster or Roster()
    marked = read_marker(issue.body)
    marker = marked[0] if marked else None
    versions = (title_versions(marker.version) if marker else []) or title_versions(issue.title)
    if not versions:
        reading.skipped.append(Skipped(issue, _no_version(issue)))
        return
    regular = [v for v in versions if v.endswith(".0")]
    crew = ((_crew_rows(table), unread) for table, unread in _tables(issue.body))
    rows, unread_rows = next(((r, unread) for r, unread in crew if r), (None, 0))
    if rows is None:
        reading.skipped.append(Skipped(issue, _no_table(marker)))
        return
    if unread_rows:
        reading.notes.append(
            f"{issue.name}: {unread_rows} rows of the crew table past its first "
            f"{MAX_TABLE_ROWS} not read"
        )
    version = regular[0] if regular else re.sub(r"\.\d+$", ".0", versions[0])
    seats: dict[Seat, Who | None] = {"pilot": None, "co_pilot": None, "jump_seat": None}
    also: dict[Extra, None] = {}  # in order, once each
    unread = 0

    def add(people: list[Who], seat: Seat | None, label: str) -> None:
        """Extra crew, while there is room; the role is read only for those kept."""
        nonlocal unread
        room = MAX_EXTRAS - len(also)
        unread += max(0, len(people) - room)
        if people[:room]:
            role = SEAT_LABEL[seat] if seat is not None else _role(label, issue, reading)
            also.update((Extra(who, role), None) for who in people[:room])

    for label, cell in rows:
        seat = role_of(label)
        found = people_in(cell, roster)
        if seat is not None and seats[seat] is not None:
            add(found, seat, label)
            continue
        if seat is not None:
            if found:
                seats[seat] = found[0]
            elif not names_nobody(cell):
                reading.notes.append(
                    f"{issue.name}: the {SEAT_LABEL[seat]} cell {quoted(_label(cell))} has no "
                    "@handle and is no member's id or name; read as empty"
                )
            add(found[1:], seat, label)
        else:
            add(found, None, label)
    if unread:
        reading.notes.append(
            f"{issue.name}: {unread} more people in the crew table not read; relrot reads "
            f"up to {MAX_EXTRAS} besides the pilot, co-pilot and jump seat"
        )
    reading.found.append(
        FoundCrew(
            issue,
            version,
            tuple(versions),
            patch=not regular,
            pilot=seats["pilot"],
            co_pilot=seats["co_pilot"],
            jump_seat=seats["jump_seat"],
            also=tuple(also),
            marker=marker,
        )
    )


def _no_table(marker: Marker | None) -> str:
    if marker is None:
        return "no crew table in the body"
    # The marker is the crew relrot planned when it last wrote the body, not who served.
    return (
        "no crew table in the body; relrot's marker records the plan, not who served "
        "(`relrot pin` records the plan)"
    )


def _no_version(issue: Issue) -> str:
    if issue.markdown:
        return (
            "no version in its `title:` line, its headings, its text or its name; add a "
            "heading such as `# Release 26.3.x`"
        )
    return f"no version in the title {quoted(issue.title)}"


def _role(label: str, issue: Issue, reading: Reading) -> str:
    """A row's label as the role written to the file: one line of printable text, short.
    Issue text goes into `rotation.yaml` here, so what a file should not hold (control, bidi
    and zero-width characters) is dropped and said, never written."""
    text = " ".join(_label(label).split())
    role = " ".join(hidden().sub("", text).split())
    role = role if len(role) <= MAX_ROLE else role[: MAX_ROLE - 1].rstrip() + "…"
    if role != text:
        reading.notes.append(
            f"{issue.name}: the role {quoted(text)} is recorded as {quoted(role)}: a role is "
            f"one line of at most {MAX_ROLE} characters, without control, bidi or zero-width "
            "characters"
        )
    return role


# Cell texts that mean nobody, besides an empty cell. Anything else without a handle is noted.
_NOBODY = frozenset({"???", "?", "tbd", "tba", "-", "n/a", "none", "(empty)", "empty"})


def names_nobody(cell: str) -> bool:
    """An empty cell, a placeholder such as `???`, `TBD` or `<co-pilot>`, or a dash."""
    text = _label(cell).lower()
    return not text or text in _NOBODY or (text.startswith("<") and text.endswith(">"))


class Roster:
    """Who a crew cell names (SPEC 5.4, 5.5): an @handle by `github`, case-insensitive; else
    the whole cell as a member's id or display name, compared as `relrot.roles.label_key`
    compares labels. `import` and `sync` both read cells through it."""

    def __init__(self, rotation: RotationFile | None = None) -> None:
        members = rotation.members if rotation is not None else []
        self.handles = {m.github.lower(): m.id for m in members if m.github}
        # Each id and display name, with every member it is (several when they share it).
        self.names: dict[str, tuple[str, ...]] = {}
        for member in members:
            for label in (member.id, member.display):
                key = label_key(label)
                held = self.names.get(key, ())
                if key and member.id not in held:
                    self.names[key] = (*held, member.id)

    def by_name(self, text: str) -> tuple[str, ...]:
        """The members whose id or display name `text` is: none, one, or all who share it."""
        return self.names.get(label_key(text), ())

    def named(self, text: str, prefer: Iterable[str | None] = ()) -> tuple[bool, str | None]:
        """(readable, member) for a cell: (True, None) for a placeholder, (False, None) for
        one that names nobody on the roster, or a name several members share and none of
        `prefer` (the members a seat is known to hold) settles."""
        handles = handles_in(text)
        if handles:
            member = self.handles.get(handles[0].lower())
            return member is not None, member
        if names_nobody(text):
            return True, None
        members = self.by_name(text)
        chosen = members if len(members) == 1 else [m for m in prefer if m in members][:1]
        return bool(chosen), chosen[0] if chosen else None


def people_in(cell: str, roster: Roster) -> list[Who]:
    """Who a crew cell names: its @handles, else the member (or the members sharing a name)
    whose id or display name the whole cell is; a placeholder or other text names nobody."""
    handles = handles_in(cell)
    if handles or names_nobody(cell):
        return list(handles)
    members = roster.by_name(cell)
    return [Name(cell.strip(), members)] if members else []


def read_issues(issues: Iterable[Issue], roster: Roster | None = None) -> Reading:
    reading = Reading()
    for issue in issues:
        read_crew(issue, reading, roster)
    return reading


def read_inputs(inputs: Sequence[tuple[str, str]], roster: Roster | None = None) -> Reading:
    """Every issue in the (name, text) inputs, read; `roster` names members in cells
    without an @handle."""
    issues = (issue for name, text in inputs for issue in issues_from_text(text, name))
    return read_issues(issues, roster)


# --- from found crews to releases -------------------------------------------------------------


class Chosen(Struct, frozen=True):
    """The crews to pin by release number, and the issues passed over with the reason."""

    crews: dict[int, FoundCrew]
    passed_over: list[Skipped]


def choose_crews(found: Sequence[FoundCrew], number_of: dict[str, int | str]) -> Chosen:
    """One crew per release: a regular release's issue beats its patches' (which never
    override it); of two issues for the same release, the first read wins. `number_of`
    gives each version's release number, or why it has none."""
    crews: dict[int, FoundCrew] = {}
    passed_over: list[Skipped] = []
    for crew in found:
        number = number_of[crew.version]
        if isinstance(number, str):
            passed_over.append(Skipped(crew.issue, number))
            continue
        held = crews.get(number)
        if held is None or (held.patch and not crew.patch):
            if held is not None:
                passed_over.append(
                    Skipped(held.issue, f"{crew.issue.name} is {crew.version}'s own")
                )
            crews[number] = crew
            continue
        why = "a patch release's issue" if crew.patch else "a second issue"
        passed_over.append(
            Skipped(crew.issue, f"{why} for {crew.version}; {held.issue.name} gives its crew")
        )
    return Chosen(dict(sorted(crews.items())), passed_over)


# --- versions and the calendar ---------------------------------------------------------------

# A field of `schedule.version` (`{yy}`, `{m:02d}`) and what it reads as a number.
_FIELD = re.compile(r"\{(yyyy|yy|mm|m|n)(?::[^{}]*)?\}")
# How far before `first_release` a version read by its fields may be: older than that, a
# `{yy}.{m}` reading of `0.7.0` (July 2000) is another numbering, not this team's history.
EARLIEST_YEARS = 20


def version_month(template: str, version: str, first: dt.date) -> dt.date | None:
    """The first day of the month `version` names when read by the fields of `template`
    (`{yy}.{m}.0`: 25.11.0 is 2025-11-01), or None when it cannot be read that way or names
    no month (1 <= m <= 12). `{yy}` is read in the century nearest `first`."""
    parts, fields = [], []
    position = 0
    for found in _FIELD.finditer(template):
        parts.append(re.escape(template[position : found.start()]))
        parts.append(r"(\d{1,4})")
        fields.append(found.group(1))
        position = found.end()
    parts.append(re.escape(template[position:]))
    match = re.fullmatch("".join(parts), version)
    if match is None:
        return None
    values: dict[str, int] = {}
    for name, text in zip(fields, match.groups(), strict=True):
        if values.setdefault("m" if name == "mm" else name, int(text)) != int(text):
            return None  # one field read twice, as two numbers
    month = values.get("m")
    if "yyyy" in values:
        year = values["yyyy"]
    elif "yy" in values:
        year = first.year - first.year % 100 + values["yy"] % 100
        year = min((year - 100, year, year + 100), key=lambda y: (abs(y - first.year), -y))
    else:
        return None
    if month is None or not 1 <= month <= 12 or not 1 <= year <= 9999:
        return None
    return dt.date(year, month, 1)


def unknown_handles(crew: FoundCrew, members_by_handle: dict[str, str]) -> list[str]:
    return [h for h in dict.fromkeys(crew.handles()) if h.lower() not in members_by_handle]
