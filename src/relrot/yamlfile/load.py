"""Read `rotation.yaml`: round-trip YAML, exact positions, then the typed models.

Every problem of a file is collected in one pass and points at the key or value it is
about, so a user fixes the file in one go. The steps live in their own modules (reading
bytes, the YAML document, schema errors); their names are importable from here too.
"""

from __future__ import annotations

import os
from functools import cached_property
from typing import TYPE_CHECKING, Any

from msgspec import Struct
from msgspec.structs import replace

from relrot.collector import READS as _COLLECTOR
from relrot.problems import Path, Problem, RelrotError, Severity
from relrot.yamlfile.c_reader import read_document
from relrot.yamlfile.document import (
    MAX_DEPTH,
    MIN_NODE_BUDGET,
    Plainer,
    Position,
    SourceMap,
    node_budget,
    parse_document,
    plain_data,
    round_trip_yaml,
)
from relrot.yamlfile.errors import validate
from relrot.yamlfile.read import MAX_FILE_BYTES, decode, read_in_repository, read_source

if TYPE_CHECKING:
    from relrot.model import RotationFile

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MIN_NODE_BUDGET",
    "Loaded",
    "Position",
    "SourceMap",
    "load",
    "parse",
    "plain_data",
    "read_source",
    "round_trip_yaml",
]


class Loaded(Struct, dict=True):
    """A valid rotation file: its text, its model and where each value stands. (With a
    `__dict__`, for the lines it caches.)"""

    path: str
    text: str
    raw: bytes
    source_map: SourceMap
    model: RotationFile
    # The document as read, when it came from the round-trip parser; parsed on first use.
    read: Any = None

    @property
    def document(self) -> Any:
        """The round-trip document, comments and quotes kept, that edits change.

        Parsed on first use: commands that only read the file never need it.
        """
        if self.read is None:
            self.read = parse_document(self.text, self.path)
        return self.read

    def place(self, problem: Problem) -> Problem:
        """Fill in file, line and column from the problem's document path."""
        return place(problem, self.path, self.source_map)

    @cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    def masked_line(self, line: int) -> str:
        """The line with the value of each away range's `reason` on it shown as `…`: output
        that leaves the terminal (a CI log) quotes the file, never why someone is away
        (SPEC 5). A reason written over several lines is masked on its first only."""
        # Here, not at the top: only a line holding a reason needs the scanner, and most
        # runs quote none (importing it cost every validate 1 ms).
        from relrot.yamlfile.flow import scalar_end

        text = self.line_text(line)
        for column in sorted(self._reasons.get(line, ()), reverse=True):
            if column < len(text):
                text = text[:column] + "…" + text[scalar_end(text, column) :]
        return text

    @cached_property
    def _reasons(self) -> dict[int, list[int]]:
        """Where each away reason's value starts: line (1-based) -> columns (0-based)."""
        found: dict[int, list[int]] = {}
        for path, (line, column) in self.source_map.values.items():
            if len(path) == 5 and path[0] == "members" and path[2::2] == ("away", "reason"):
                found.setdefault(line, []).append(column - 1)
        return found


def place(problem: Problem, name: str, source_map: SourceMap) -> Problem:
    """`problem` with file, line and column filled in from its document path."""
    if problem.line is not None or problem.path is None:
        return replace(problem, file=problem.file or name)
    line, column = source_map.locate(problem.path, at_key=problem.at_key)
    return replace(problem, file=name, line=line, column=column)


def load(path: str | os.PathLike[str]) -> Loaded:
    """Load and check the shape of a rotation file; raise `RelrotError` listing every problem.

    A link out of the file's repository is not followed: whoever can change the checkout
    (a pull request) must not make relrot read, and quote, a file elsewhere.
    """
    name = os.fspath(path)
    return parse(read_in_repository(name), name)


def parse(raw: bytes, name: str = "rotation.yaml", *, round_trip: bool = False) -> Loaded:
    """Parse bytes already read; `name` is used in messages.

    With `round_trip`, the values come from the round-trip document, which is kept: for a
    text about to be written, whose model and read-back check must come from one reader.
    """
    # Reading allocates a few objects per character and frees almost none: each collection
    # on the way would walk all of them again (a third of the time to read 5,000 members).
    with _COLLECTOR.held():
        return _parse(raw, name, round_trip)


def _parse(raw: bytes, name: str, round_trip: bool) -> Loaded:
    text, problem = decode(raw, name)
    if problem:
        raise RelrotError([problem])
    if round_trip:
        document = parse_document(text, name)
    else:
        document, round_trip = read_document(text, name)
    source_map = SourceMap()
    problems: list[Problem] = []
    plainer = Plainer(source_map, problems, budget=node_budget(text))
    plain = plainer.convert(document, ())
    if problems and not (plainer.tagged and isinstance(plain, dict)):
        raise RelrotError([place(p, name, source_map) for p in problems])
    if plain is None:
        raise RelrotError(
            [
                Problem(
                    "schema",
                    Severity.ERROR,
                    "the file is empty; it needs at least `schedule:` and `members:` "
                    "(`relrot init` writes a starter file)",
                    file=name,
                    line=1,
                    column=1,
                )
            ]
        )
    if not isinstance(plain, dict):
        raise RelrotError(
            [
                Problem(
                    "schema",
                    Severity.ERROR,
                    f"the file must be a mapping with `schedule:` and `members:`, "
                    f"not {_kind(plain)}",
                    file=name,
                    line=1,
                    column=1,
                )
            ]
        )
    model, found = validate(plain, source_map)
    found = [p for p in found if not _under(p, plainer.tagged, source_map)]
    problems += found + _duplicate_members(plain)
    if problems or model is None:
        placed = (place(p, name, source_map) for p in problems)
        raise RelrotError(sorted(placed, key=_position))
    return Loaded(name, text, raw, source_map, model, document if round_trip else None)


def _under(problem: Problem, tagged: list[Path], source_map: SourceMap) -> bool:
    """Whether a schema problem is about a value already refused for its tag."""
    spots = {source_map.values.get(path) for path in tagged}
    return (problem.line, problem.column) in spots


def _position(problem: Problem) -> tuple[int, int]:
    return (problem.line or 0, problem.column or 0)


def _kind(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, str):
        return f"the text {value!r}"
    return f"the value {value!r}"


def _duplicate_members(plain: dict[str, Any]) -> list[Problem]:
    members = plain.get("members")
    if not isinstance(members, list):
        return []
    seen: dict[str, int] = {}
    problems = []
    for index, member in enumerate(members):
        member_id = member.get("id") if isinstance(member, dict) else None
        if not isinstance(member_id, str):
            continue
        if member_id in seen:
            problems.append(
                Problem(
                    "duplicate-member",
                    Severity.ERROR,
                    f"member id `{member_id}` is already used by members[{seen[member_id]}]; "
                    "ids must be unique",
                    member=member_id,
                    path=("members", index, "id"),
                )
            )
        else:
            seen[member_id] = index
    return problems
