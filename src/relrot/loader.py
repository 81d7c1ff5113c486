"""Read `rotation.yaml`: round-trip YAML, exact positions, then the typed models.

Every problem of a file is collected in one pass and points at the key or value it is
about, so a user fixes the file in one go.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path as FsPath
from typing import Any

from relrot.problems import Path, Problem, RelrotError, Severity, UsageError

# A real rotation file is a few KiB (64 KiB holds some 700 pinned releases);
# the limit keeps a hostile file from costing CI more than about a second of parsing.
MAX_FILE_BYTES = 64 << 10
# Without aliases a document has fewer values than characters; beyond that, aliases are
# expanding it ("billion laughs"). The floor keeps small files clear of the limit.
MIN_NODE_BUDGET = 10_000
MAX_DEPTH = 64

Position = tuple[int, int]


@dataclass
class SourceMap:
    """1-based positions of every key and value in the document, by path."""

    keys: dict[Path, Position] = field(default_factory=dict)
    values: dict[Path, Position] = field(default_factory=dict)

    def locate(self, path: Path, *, at_key: bool = False) -> Position:
        """The best position for `path`: the nearest ancestor that has one."""
        probe = tuple(path)
        while True:
            table = self.keys if at_key else self.values
            if probe in table:
                return table[probe]
            if at_key and probe in self.values:
                return self.values[probe]
            if not probe:
                return (1, 1)
            probe = probe[:-1]

    def anchor(self, path: Path) -> Position:
        """Where a missing key is reported: the key naming its parent, else the parent."""
        if path in self.keys:
            return self.keys[path]
        return self.locate(path)


@dataclass
class Loaded:
    """A rotation file: its text, its round-trip document and, when valid, its model."""

    path: str
    text: str
    raw: bytes
    document: Any
    source_map: SourceMap
    model: Any = None  # RotationFile; typed loosely so importing this module stays cheap

    def place(self, problem: Problem) -> Problem:
        """Fill in file, line and column from the problem's document path."""
        if problem.line is not None or problem.path is None:
            return replace(problem, file=problem.file or self.path)
        line, column = self.source_map.locate(problem.path, at_key=problem.at_key)
        return replace(problem, file=self.path, line=line, column=column)

    def line_text(self, line: int) -> str:
        lines = self.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""


def read_source(path: str | os.PathLike[str]) -> bytes:
    """The file's bytes, or a usage error (exit 2) saying why it cannot be read."""
    name = os.fspath(path)
    fs_path = FsPath(name)
    if not fs_path.exists():
        raise UsageError(f"{name}: no such file; create one with `relrot init`", file=name)
    if fs_path.is_dir():
        raise UsageError(f"{name}: is a directory, not a rotation file", file=name)
    if not fs_path.is_file():
        raise UsageError(f"{name}: not a regular file", file=name)
    try:
        size = fs_path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UsageError(
                f"{name}: {size} bytes is larger than the {MAX_FILE_BYTES} bytes relrot reads; "
                "is this really a rotation file?",
                file=name,
            )
        with fs_path.open("rb") as handle:
            # Read one byte past the limit: the file may have grown since stat().
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"{name}: cannot read: {exc.strerror or exc}", file=name) from None
    if len(data) > MAX_FILE_BYTES:
        raise UsageError(f"{name}: larger than {MAX_FILE_BYTES} bytes", file=name)
    return data


def load(path: str | os.PathLike[str]) -> Loaded:
    """Load and check the shape of a rotation file; raise `RelrotError` listing every problem."""
    name = os.fspath(path)
    return parse(read_source(name), name)


def parse(raw: bytes, name: str = "rotation.yaml") -> Loaded:
    """Parse bytes already read; `name` is used in messages."""
    text, problem = _decode(raw, name)
    if problem:
        raise RelrotError([problem])
    document = _parse_yaml(text, name)
    source_map = SourceMap()
    loaded = Loaded(name, text, raw, document, source_map)
    problems: list[Problem] = []
    plainer = _Plainer(source_map, problems, budget=len(text))
    plain = plainer.convert(document, ())
    if problems and not (plainer.tagged and isinstance(plain, dict)):
        raise RelrotError([loaded.place(p) for p in problems])
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
    loaded.model, found = _validate(plain, source_map)
    found = [p for p in found if not _under(p, plainer.tagged, source_map)]
    problems += found + _duplicate_members(plain)
    if problems:
        raise RelrotError(sorted((loaded.place(p) for p in problems), key=_position))
    return loaded


def _under(problem: Problem, tagged: list[Path], source_map: SourceMap) -> bool:
    """Whether a schema problem is about a value already refused for its tag."""
    spots = {source_map.values.get(path) for path in tagged}
    return (problem.line, problem.column) in spots


def _position(problem: Problem) -> tuple[int, int]:
    return (problem.line or 0, problem.column or 0)


def _decode(raw: bytes, name: str) -> tuple[str, Problem | None]:
    body = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return body.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = body[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before[before.rfind(b"\n") + 1 :]
        column = len(line_start.decode("utf-8", "replace")) + 1
        return "", Problem(
            "yaml-syntax",
            Severity.ERROR,
            f"byte 0x{body[exc.start]:02x} is not UTF-8 text; save the file as UTF-8",
            file=name,
            line=line,
            column=column,
        )


def _parse_yaml(text: str, name: str) -> Any:
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.reader import ReaderError

    _check_flow_depth(text, name)
    yaml = round_trip_yaml()
    try:
        with warnings.catch_warnings():
            # ruamel warns on stderr about reused anchors; the loader reports what matters.
            warnings.simplefilter("ignore")
            return yaml.load(text)
    except DuplicateKeyError as exc:
        mark = exc.problem_mark
        first = exc.context_mark
        key = _duplicate_key_name(exc.problem or "")
        raise RelrotError(
            [
                Problem(
                    "duplicate-key",
                    Severity.ERROR,
                    f"duplicate key `{key}`"
                    + (f" (first given on line {first.line + 1})" if first else "")
                    + "; keep one of them",
                    file=name,
                    line=mark.line + 1 if mark else None,
                    column=mark.column + 1 if mark else None,
                )
            ]
        ) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "not valid YAML"
        raise RelrotError(
            [
                Problem(
                    "yaml-syntax",
                    Severity.ERROR,
                    f"not valid YAML: {what}",
                    file=name,
                    line=mark.line + 1 if mark else 1,
                    column=mark.column + 1 if mark else 1,
                )
            ]
        ) from None
    except ReaderError as exc:
        before = text[: exc.position]
        line = before.count("\n") + 1
        column = exc.position - (before.rfind("\n") + 1) + 1
        raise RelrotError(
            [
                Problem(
                    "yaml-syntax",
                    Severity.ERROR,
                    f"character {_codepoint(exc.character)} is not allowed in YAML text; "
                    "is this a binary file?",
                    file=name,
                    line=line,
                    column=column,
                )
            ]
        ) from None
    except (YAMLError, RecursionError, ValueError) as exc:
        message = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise RelrotError(
            [
                Problem(
                    "yaml-syntax",
                    Severity.ERROR,
                    f"not valid YAML: {message.splitlines()[0] if message else 'unreadable'}",
                    file=name,
                    line=1,
                    column=1,
                )
            ]
        ) from None


def _check_flow_depth(text: str, name: str) -> None:
    """Refuse deeply nested brackets before the parser recurses into them.

    Brackets inside quoted strings and comments do not nest; a quote opens a string only
    where a scalar starts (after a line start, `[`, `{`, `,`, `:`, `-` or `?`).
    """
    depth = 0
    line, line_start = 1, 0
    quote = ""
    previous = "\n"  # the last significant character
    position = 0
    length = len(text)
    while position < length:
        char = text[position]
        if char == "\n":
            line, line_start, previous = line + 1, position + 1, "\n"
        elif quote:
            if char == "\\" and quote == '"':
                position += 1
            elif char == quote:
                quote, previous = "", char
        elif char in " \t\r":
            pass
        elif char == "#" and (position == line_start or text[position - 1] in " \t"):
            newline = text.find("\n", position)
            position = length if newline < 0 else newline
            continue
        elif char in "\"'" and previous in "\n[{,:-?":
            quote = char
        else:
            if char in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    raise RelrotError(
                        [
                            Problem(
                                "yaml-syntax",
                                Severity.ERROR,
                                f"brackets nested more than {MAX_DEPTH} deep; a rotation "
                                "file needs a handful",
                                file=name,
                                line=line,
                                column=position - line_start + 1,
                            )
                        ]
                    )
            elif char in "]}":
                depth = max(depth - 1, 0)
            previous = char
        position += 1


def round_trip_yaml() -> Any:
    """A ruamel round-trip parser that keeps quotes and lets bad dates through as text."""
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import RoundTripConstructor

    class Constructor(RoundTripConstructor):
        def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
            # 2026-13-01 looks like a date to YAML; report it as a bad date with its position.
            try:
                return super().construct_yaml_timestamp(node, values)
            except ValueError:
                return self.construct_scalar(node)

    Constructor.add_constructor("tag:yaml.org,2002:timestamp", Constructor.construct_yaml_timestamp)
    yaml = YAML(typ="rt")
    yaml.Constructor = Constructor
    yaml.preserve_quotes = True
    yaml.width = 4096
    return yaml


def _codepoint(character: object) -> str:
    code = ord(character) if isinstance(character, str) and character else character
    return f"U+{code:04X}" if isinstance(code, int) else repr(character)


def _duplicate_key_name(problem: str) -> str:
    # ruamel says: found duplicate key "a" with value "2" (original value: "1")
    start = problem.find('"')
    end = problem.find('"', start + 1)
    return problem[start + 1 : end] if 0 <= start < end else "?"


def _kind(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, str):
        return f"the text {value!r}"
    return f"the value {value!r}"


class _Plainer:
    """Turns the round-trip document into plain data, recording positions on the way."""

    def __init__(self, source_map: SourceMap, problems: list[Problem], budget: int = 0) -> None:
        self.budget = max(budget, MIN_NODE_BUDGET)
        self.source_map = source_map
        self.problems = problems
        self.nodes = 0
        self.values: dict[Path, Position] = source_map.values
        self.values[()] = (1, 1)
        # Values refused for their tag: their other complaints would only repeat that one.
        self.tagged: list[Path] = []

    def convert(self, node: Any, path: Path) -> Any:
        from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar

        self.nodes += 1
        if self.nodes > self.budget:
            if self.nodes == self.budget + 1:
                self.problems.append(
                    Problem(
                        "yaml-syntax",
                        Severity.ERROR,
                        f"the document expands to more than {self.budget} values through "
                        "aliases; a rotation file is far smaller: use fewer aliases",
                        path=path,
                    )
                )
            return None
        if len(path) > MAX_DEPTH:
            self._problem(path, f"nested more than {MAX_DEPTH} levels deep")
            return None
        tag = getattr(getattr(node, "tag", None), "value", None)
        shown = str(tag).replace("tag:yaml.org,2002:", "!!")
        if isinstance(node, TaggedScalar):
            if tag in _STANDARD_SCALAR_TAGS:
                return str(node.value)
            self._problem(path, f"YAML tag {shown} is not allowed here; remove it")
            self.tagged.append(path)
            return None
        if isinstance(node, (CommentedMap, CommentedSeq)) and tag is not None:
            self._problem(path, f"YAML tag {shown} is not allowed here; remove it")
            self.tagged.append(path)
            return None
        if isinstance(node, CommentedMap):
            result: dict[str, Any] = {}
            for key, value in node.items():
                key_at, value_at = _positions(node, key)
                if not isinstance(key, str):
                    self.problems.append(
                        Problem(
                            "schema",
                            Severity.ERROR,
                            f"key {key!r} must be text",
                            line=key_at[0] + 1,
                            column=key_at[1] + 1,
                        )
                    )
                    continue
                child = (*path, key)
                self.source_map.keys[child] = (key_at[0] + 1, key_at[1] + 1)
                if value is None:
                    # An empty value has no position of its own (ruamel gives the next
                    # token's); its key is where the user looks.
                    value_at = key_at
                self.values[child] = (value_at[0] + 1, value_at[1] + 1)
                result[key] = self.convert(value, child)
            return result
        if isinstance(node, CommentedSeq):
            items = []
            for index, value in enumerate(node):
                child = (*path, index)
                if index in (node.lc.data or {}):
                    line, column = node.lc.item(index)
                    self.values[child] = (line + 1, column + 1)
                items.append(self.convert(value, child))
            return items
        if isinstance(node, (dict, list)):  # plain containers only come from odd constructors
            self._problem(path, "unsupported YAML structure")
            return None
        if isinstance(node, str):
            return str(node)
        if isinstance(node, bool) or node is None:
            return node
        if isinstance(node, int):
            return int(node)
        if isinstance(node, float):
            return float(node)
        if isinstance(node, dt.datetime | dt.date):
            return node
        self._problem(path, f"unsupported value {type(node).__name__}")
        return None

    def _problem(self, path: Path, message: str) -> None:
        self.problems.append(Problem("schema", Severity.ERROR, message, path=path))


_STANDARD_SCALAR_TAGS = {"tag:yaml.org,2002:str"}


def _positions(node: Any, key: object) -> tuple[tuple[int, int], tuple[int, int]]:
    """0-based positions of a mapping key and its value, following `<<` merges."""
    data = node.lc.data or {}
    if key in data:
        return node.lc.key(key), node.lc.value(key)
    for source in getattr(node, "merge", None) or []:
        merged = source[1] if isinstance(source, tuple) else source
        if hasattr(merged, "lc") and key in merged:
            return _positions(merged, key)
    first = next(iter(data.values()), None)
    where = (first[0], first[1]) if first else (0, 0)
    return where, where


def plain_data(document: Any) -> Any:
    """The round-trip document as plain Python data (dicts, lists, scalars)."""
    return _Plainer(SourceMap(), []).convert(document, ())


def _validate(plain: dict[str, Any], source_map: SourceMap) -> tuple[Any, list[Problem]]:
    from pydantic import ValidationError

    from relrot.model import RotationFile

    try:
        return RotationFile.model_validate(plain), []
    except ValidationError as exc:
        problems = [_schema_problem(error, source_map) for error in exc.errors()]
        return None, list(dict.fromkeys(problems))


_TYPE_NAMES = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "string_type": "text",
    "tuple_type": "a list",
    "list_type": "a list",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
    "dict_type": "a mapping of keys",
}


def _schema_problem(error: Any, source_map: SourceMap) -> Problem:
    from relrot.model import field_names, model_for

    loc: Path = tuple(p for p in error["loc"] if isinstance(p, (str, int)))
    # Union and validator branches add their own names to loc; keep the document part.
    while loc and loc not in source_map.values and loc[:-1] in source_map.values:
        if isinstance(loc[-1], str) and error["type"] in ("missing", "extra_forbidden"):
            break
        loc = loc[:-1]
    kind = error["type"]
    name = _describe(loc)
    if kind == "missing":
        parent = loc[:-1]
        line, column = source_map.anchor(parent)
        where = f" in {_describe(parent)}" if parent else ""
        return Problem(
            "schema",
            Severity.ERROR,
            f"missing required key `{loc[-1]}`{where}",
            line=line,
            column=column,
        )
    if kind == "extra_forbidden":
        model = model_for(loc[:-1])
        allowed = field_names(model) if model else []
        guess = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        hint = f"did you mean `{guess[0]}`?" if guess else "valid keys: " + ", ".join(allowed)
        line, column = source_map.locate(loc, at_key=True)
        return Problem(
            "schema",
            Severity.ERROR,
            f"unknown key `{loc[-1]}`; {hint}",
            line=line,
            column=column,
        )
    line, column = source_map.locate(loc)
    value = error.get("input")
    if kind in _TYPE_NAMES:
        message = f"{name} must be {_TYPE_NAMES[kind]}, not {_show(value)}"
        if kind == "string_type" and isinstance(value, (int, float)):
            message += "; put it in quotes"
    elif kind == "literal_error":
        expected = str(error.get("ctx", {}).get("expected", ""))
        options = [o.strip().strip("'") for o in expected.replace(" or ", ",").split(",")]
        options = [o for o in options if o]
        guess = difflib.get_close_matches(str(value), options, n=1, cutoff=0.5)
        hint = f"; did you mean `{guess[0]}`?" if guess else ""
        message = f"{name} must be one of {', '.join(options)}, not {_show(value)}{hint}"
    elif kind == "value_error":
        message = f"{name}: {error['msg'].removeprefix('Value error, ')}"
    else:
        message = f"{name}: {error['msg'][0].lower()}{error['msg'][1:]}"
    return Problem("schema", Severity.ERROR, message, line=line, column=column)


def _describe(path: Path) -> str:
    if not path:
        return "the file"
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return f"`{text}`"


def _show(value: object) -> str:
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    if value is None:
        return "nothing"
    return repr(value) if isinstance(value, str) else str(value)


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
