"""Changing `rotation.yaml` without losing a byte: minimal text edits, checked, written atomically.

relrot never dumps a model over the user's file. Each change is made as a small text
insertion placed with the round-trip document's positions, in the style of the entries
around it (flow or block, indentation, line endings). The edited text is parsed again and
must hold exactly the intended data; otherwise nothing is written.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import functools
import json
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path as FsPath
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from relrot.problems import Problem, RelrotError, Severity
from relrot.yamlfile.load import Loaded, parse, plain_data, round_trip_yaml

if TYPE_CHECKING:
    from relrot.changes import PinEntry, ShippedEntry, SwapEntry

if sys.platform != "win32":
    pass

Entry = Mapping[str, object]


def fields(entry: SwapEntry | PinEntry | ShippedEntry) -> dict[str, object]:
    """A typed entry as the mapping the file holds, keys in the order relrot writes them;
    an absent seat or reason is left out, not written empty."""
    from relrot.changes import ShippedEntry, SwapEntry

    if isinstance(entry, ShippedEntry):
        return {"version": entry.version, "date": entry.date}
    if isinstance(entry, SwapEntry):
        record: dict[str, object] = {
            "release": entry.release,
            "seat": entry.seat,
            "out": entry.out,
            "in": entry.in_,
        }
        if entry.reason:
            record["reason"] = entry.reason
        return record
    record = {"term": entry.version}
    if not entry.term:
        record = {"version": entry.version, "date": entry.date}
    seats = {"pilot": entry.pilot, "co_pilot": entry.co_pilot, "jump_seat": entry.jump_seat}
    record.update({key: value for key, value in seats.items() if value is not None})
    if entry.roles:
        record["roles"] = dict(entry.roles)
    if entry.also:
        record["also"] = [{"member": extra.member, "role": extra.role} for extra in entry.also]
    if entry.shipped:
        record["shipped"] = [fields(shipped) for shipped in entry.shipped]
    return record


def refusal(message: str, file: str | None = None, *also: Problem) -> RelrotError:
    """An edit relrot will not make; the file is left as it was."""
    return RelrotError([Problem("edit", Severity.ERROR, message, file=file), *also])


# --- rendering new entries ----------------------------------------------------------------------


def scalar(value: object) -> str:
    """A YAML scalar that reads back as exactly `value`: plain when safe, else double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, dt.date)):
        return str(value)
    text = str(value)
    if text and text == text.strip() and not any(c in text for c in ",[]{}#&*!|>'\"%@`"):
        try:
            loaded = _scalar_parser().load(f"k: {text}\n")
        except Exception:  # any parse failure just means "quote it"
            loaded = None
        if isinstance(loaded, dict) and type(loaded.get("k")) is str and loaded["k"] == text:
            return text
    return json.dumps(text, ensure_ascii=False)


@functools.cache
def _scalar_parser() -> Any:
    return round_trip_yaml()


def flow_value(value: object) -> str:
    """A value in flow style: a mapping as `{...}`, a list as `[...]`, else a scalar."""
    if isinstance(value, Mapping):
        return flow_mapping(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(flow_value(item) for item in value) + "]"
    return scalar(value)


def flow_mapping(entry: Entry) -> str:
    return "{" + ", ".join(f"{key}: {flow_value(value)}" for key, value in entry.items()) + "}"


def block_item(entry: Entry, dash_column: int, newline: str) -> str:
    """`- key: value` lines, continuation keys aligned under the first."""
    pad = " " * dash_column
    lines = []
    for position, (key, value) in enumerate(entry.items()):
        lead = f"{pad}- " if position == 0 else f"{pad}  "
        lines.append(f"{lead}{key}: {flow_value(value)}{newline}")
    return "".join(lines)


# --- the text being edited ----------------------------------------------------------------------


class _Text(Struct):
    lines: list[str]  # with their line endings
    newline: str

    @classmethod
    def of(cls, text: str) -> _Text:
        """The text's lines, and the line ending most of them use (YAML also takes a lone CR)."""
        crlf = text.count("\r\n")
        counts = {"\n": text.count("\n") - crlf, "\r\n": crlf, "\r": text.count("\r") - crlf}
        return cls(text.splitlines(keepends=True), max(counts, key=counts.__getitem__))

    def join(self) -> str:
        return "".join(self.lines)

    def first_content(self) -> tuple[int, int] | None:
        """Line and column of the document's first character that is not a comment."""
        for index, line in enumerate(self.lines):
            stripped = line.strip()
            if stripped and not stripped.startswith("#") and stripped != "---":
                return index, len(line) - len(line.lstrip())
        return None

    def document_end(self) -> int | None:
        """Index of a closing `...` line, if the document has one."""
        for index in range(len(self.lines) - 1, -1, -1):
            stripped = self.lines[index].strip()
            if stripped == "...":
                return index
            if stripped and not stripped.startswith("#"):
                return None
        return None

    def indent(self, index: int) -> int:
        line = self.lines[index]
        return len(line) - len(line.lstrip(" "))

    def is_content(self, index: int) -> bool:
        stripped = self.lines[index].strip()
        return bool(stripped) and not stripped.startswith("#")

    def block_end(self, start: int, column: int) -> int:
        """Index of the last content line of the block starting at line `start` whose
        continuation lines are indented more than `column`."""
        last = start
        for index in range(start + 1, len(self.lines)):
            if not self.is_content(index):
                continue
            if self.indent(index) <= column:
                break
            last = index
        return last

    def node_start(self, line: int, column: int) -> tuple[int, int]:
        """Where the node ruamel places at (line, column) begins: past its anchor and tag
        (`&s []`, `!!seq [...]`), which may stand on the line before it."""
        at_line, at_column = line, column
        while at_line < len(self.lines):
            text = self.lines[at_line]
            while at_column < len(text):
                char = text[at_column]
                if char in " \t":
                    at_column += 1
                elif text.startswith("!<", at_column):  # a verbatim tag may hold any character
                    end = text.find(">", at_column)
                    at_column = end + 1 if end >= 0 else len(text)
                elif char in "&!":
                    at_column += 1
                    while at_column < len(text) and text[at_column] not in " \t\r\n,[]{}":
                        at_column += 1
                elif char in "#\r\n":
                    break
                else:
                    return at_line, at_column
            at_line, at_column = at_line + 1, 0
        return line, column

    def opens(self, line: int, column: int, bracket: str) -> bool:
        """Whether the node placed at (line, column) is a flow collection opened by `bracket`."""
        start_line, start_column = self.node_start(line, column)
        return self.lines[start_line][start_column : start_column + 1] == bracket

    def insert_lines(self, after: int, block: str) -> None:
        if after >= 0 and not self.lines[after].endswith(("\n", "\r")):
            self.lines[after] += self.newline
        self.lines[after + 1 : after + 1] = block.splitlines(keepends=True)

    def append_block(self, block: str) -> None:
        if self.lines and not self.lines[-1].endswith(("\n", "\r")):
            self.lines[-1] += self.newline
        self.lines.extend(block.splitlines(keepends=True))

    def insert_at(self, line: int, column: int, text: str) -> None:
        current = self.lines[line]
        self.lines[line] = current[:column] + text + current[column:]

    def closing(self, line: int, column: int) -> tuple[int, int]:
        """Position of the bracket closing the flow collection that opens at (line, column)."""
        end, _ = self._scan(line, column)
        return end

    def needs_separator(self, line: int, column: int) -> bool:
        """Whether an item added before the closing bracket needs a `, ` in front of it:
        not when the collection is empty or already ends with a trailing comma."""
        _, last = self._scan(line, column)
        return last not in ("[", "{", ",")

    def _scan(self, line: int, column: int) -> tuple[tuple[int, int], str]:
        """The closing bracket of the flow collection opening at (line, column), and the
        last character before it outside strings and comments."""
        from relrot.yamlfile.flow import closing

        offset = sum(len(text) for text in self.lines[:line]) + column
        found = closing(self.join(), offset)
        if found is None:
            raise refusal("could not find the end of a flow collection")
        position = found.index
        for index, text in enumerate(self.lines):
            if position < len(text):
                return (index, position), found.before
            position -= len(text)
        raise refusal("could not find the end of a flow collection")  # pragma: no cover


def _dash_column(text: _Text, line: int, item_column: int) -> int:
    """Column of the `-` that introduces the sequence item whose content starts at item_column."""
    prefix = text.lines[line][:item_column]
    dash = prefix.rstrip().rfind("-")
    return dash if dash >= 0 else max(item_column - 2, 0)


def _sequence_offset(document: Any, text: _Text) -> int:
    """How far this file indents a block sequence's dash under its key (0 or more)."""
    members = document.get("members") if hasattr(document, "get") else None
    if members is not None and len(members) and text.lines:
        value_line, value_column = document.lc.value("members")
        if text.opens(value_line, value_column, "["):
            return 2  # a flow roster says nothing about block indentation
        line, column = members.lc.item(0)
        if text.lines[line][column : column + 1] not in "[{" or column > 0:
            key_column = document.lc.key("members")[1]
            offset = _dash_column(text, line, column) - key_column
            if offset >= 0:
                return int(offset)
    return 2


def _flow_item(node: Any, text: _Text) -> bool:
    if not len(node):
        return True
    line, column = node.lc.item(len(node) - 1)
    return text.opens(line, column, "{")


def _own_value(text: _Text, parent: Any, key: str) -> tuple[int, int]:
    """Where the value of `parent[key]` starts; refused if it is an alias of another list."""
    line, column = parent.lc.value(key)
    if (line, column) < parent.lc.key(key):
        # ruamel places an alias where its anchor is, which is always earlier in the file.
        raise refusal(
            f"`{key}` is an alias (`*`) of a list written elsewhere, and adding to it would "
            "change every place that shares it; nothing was written: add the entry by hand"
        )
    return text.node_start(line, column)


def append_entry(
    text: _Text,
    document: Any,
    parent: Any,
    key: str,
    entries: Sequence[Entry],
    *,
    key_column: int,
    insert_after: int | None,
) -> None:
    """Append `entries` to the sequence `parent[key]`, creating the key if needed.

    `insert_after` is the last line of `parent` (for block parents), where a new key goes;
    None adds it at the end of the document (top level). All entries go in as one block, so
    a long pin costs one insertion, not one per release.
    """
    flows = [flow_mapping(entry) for entry in entries]
    if key in parent and parent[key] is None:
        _fill_empty_value(text, parent, key, flows, key_column + _sequence_offset(document, text))
        return
    if key in parent:
        line, column = _own_value(text, parent, key)
        if text.lines[line][column : column + 1] == "[":
            end_line, end_column = text.closing(line, column)
            separator = ", " if text.needs_separator(line, column) else ""
            text.insert_at(end_line, end_column, separator + ", ".join(flows))
            return
        node = parent[key]
        last_line, last_column = node.lc.item(len(node) - 1)
        dash = _dash_column(text, last_line, last_column)
        end = text.block_end(last_line, dash)
        if _flow_item(node, text):
            block = "".join(" " * dash + "- " + flow + text.newline for flow in flows)
        else:
            block = "".join(block_item(entry, dash, text.newline) for entry in entries)
        text.insert_lines(end, block)
        return
    dash = key_column + _sequence_offset(document, text)
    block = " " * key_column + f"{key}:" + text.newline
    block += "".join(" " * dash + "- " + flow + text.newline for flow in flows)
    if insert_after is not None:
        text.insert_lines(insert_after, block)
        return
    root = text.first_content()
    if root is not None and text.lines[root[0]][root[1]] == "{":
        # A JSON-style file: the new key joins the flow mapping.
        add_to_flow_mapping(text, *root, key, "[" + ", ".join(flows) + "]")
    elif (marker := text.document_end()) is not None:
        text.insert_lines(marker - 1, block)
    else:
        text.append_block(block)


def _fill_empty_value(text: _Text, parent: Any, key: str, flows: list[str], dash: int) -> None:
    """`key:` holds nothing (or `~`, `null`): the entries become its list."""
    line, column = parent.lc.key(key)
    current = text.lines[line]
    after_colon = current.find(":", column + len(key)) + 1
    value = current[after_colon:].split(" #")[0].strip()
    if not value:
        text.insert_lines(line, "".join(" " * dash + "- " + flow + text.newline for flow in flows))
    elif value in ("~", "null", "Null", "NULL"):
        start = current.index(value, after_colon)
        flow_list = "[" + ", ".join(flows) + "]"
        text.lines[line] = current[:start] + flow_list + current[start + len(value) :]
    else:
        raise refusal(
            f"could not add to `{key}`, which is empty; nothing was written: "
            f"write `{key}: []` and run the command again"
        )


def add_to_flow_mapping(text: _Text, line: int, column: int, key: str, value: str) -> None:
    end_line, end_column = text.closing(line, column)
    separator = ", " if text.needs_separator(line, column) else ""
    text.insert_at(end_line, end_column, separator + f"{key}: {value}")


# --- the operations -----------------------------------------------------------------------------


def append_top_level(loaded: Loaded, key: str, entries: Sequence[Entry]) -> str:
    """The file's text with `entries` appended to the top-level list `key`."""
    text = _Text.of(loaded.text)
    document = loaded.document
    append_entry(text, document, document, key, entries, key_column=0, insert_after=None)
    return text.join()


def add_member_away(loaded: Loaded, member_index: int, entry: Entry) -> str:
    """The file's text with an away range added to `members[member_index]`."""
    return append_in_item(loaded, (("members", member_index),), "away", [entry])


# Where a mapping is in the file: the lists and indices that lead to it from the top, e.g.
# `(("projects", 2), ("releases", 0))` for the first pin of the third project (SPEC 6).
Items = Sequence[tuple[str, int]]


def _item(document: Any, items: Items) -> tuple[Any, int, int, str]:
    """The mapping `items` lead to, where it starts, and its name for messages."""
    node, line, column, name = document, 0, 0, ""
    for list_key, index in items:
        entries = node[list_key]
        line, column = entries.lc.item(index)
        node = entries[index]
        name += f"{'.' if name else ''}{list_key}[{index}]"
    return node, line, column, name


def append_in_item(loaded: Loaded, items: Items, key: str, entries: Sequence[Entry]) -> str:
    """The file's text with `entries` appended to the list `key` of the mapping `items`
    lead to (created if absent), in that mapping's own style."""
    text = _Text.of(loaded.text)
    document = loaded.document
    item, line, column, name = _item(document, items)
    if key in item and key not in (item.lc.data or {}):
        shares = "member" if items[-1][0] == "members" else "entry"
        adding = "the range" if key == "away" else "the entries"
        raise refusal(
            f"{name} takes `{key}` from a merge (`<<`); adding to it "
            f"would change every {shares} that shares it: add {adding} by hand, "
            f"nothing was written to {loaded.path}",
            loaded.path,
        )
    if text.opens(line, column, "{"):
        line, column = text.node_start(line, column)
        flows = ", ".join(flow_mapping(entry) for entry in entries)
        if key in item:
            key_line, key_column = _own_value(text, item, key)
            separator = ", " if text.needs_separator(key_line, key_column) else ""
            end_line, end_column = text.closing(key_line, key_column)
            text.insert_at(end_line, end_column, separator + flows)
        else:
            add_to_flow_mapping(text, line, column, key, f"[{flows}]")
        return text.join()
    dash = _dash_column(text, line, column)
    end = text.block_end(line, dash)
    append_entry(text, document, item, key, entries, key_column=column, insert_after=end)
    return text.join()


def remove_top_level_items(
    loaded: Loaded, key: str, indices: Sequence[int], under: Items = ()
) -> str:
    """The file's text without the items at `indices` of the block list `key` (of the
    mapping `under` leads to; the top level by default): each item's lines go, with the
    comment lines right above it at its dash; a list left empty becomes `[]`."""
    text = _Text.of(loaded.text)
    parent = _item(loaded.document, under)[0]
    items = parent[key]
    line, column = _own_value(text, parent, key)
    if text.opens(line, column, "["):
        raise refusal(
            f"`{key}` is a flow list (`[...]`); nothing was written to {loaded.path}: remove "
            f"items {', '.join(str(i + 1) for i in sorted(indices))} by hand",
            loaded.path,
        )
    for index in sorted(set(indices), reverse=True):
        start, item_column = items.lc.item(index)
        dash = _dash_column(text, start, item_column)
        if text.lines[start][:dash].strip():
            raise refusal(
                f"item {index + 1} of `{key}` shares its line with other text; nothing was "
                f"written to {loaded.path}: remove it by hand",
                loaded.path,
            )
        end = text.block_end(start, dash) + 1
        # A comment right above the item, at its dash, says why it was there: it goes too.
        while start > 0 and text.lines[start - 1].strip().startswith("#"):
            if text.indent(start - 1) != dash:
                break
            start -= 1
        del text.lines[start:end]
    if len(set(indices)) == len(items):
        key_line, key_column = parent.lc.key(key)
        current = text.lines[key_line]
        colon = current.index(":", key_column + len(key)) + 1
        text.lines[key_line] = current[:colon] + " []" + current[colon:]
    return text.join()


def set_entry_value(
    loaded: Loaded, list_key: str, index: int, key: str, value: object, under: Items = ()
) -> str:
    """The file's text with `key` of the mapping `list_key[index]` (of the mapping `under`
    leads to; the top level by default) set to the scalar `value`: the old value's
    characters replaced, or the key added to the entry in its own style."""
    text = _Text.of(loaded.text)
    entries = _item(loaded.document, under)[0][list_key]
    entry = entries[index]
    if key in entry:
        if key not in (entry.lc.data or {}):
            raise refusal(
                f"{list_key}[{index}] takes `{key}` from a merge (`<<`); nothing was written "
                f"to {loaded.path}: change it by hand",
                loaded.path,
            )
        line, column = text.node_start(*entry.lc.value(key))
        current = text.lines[line]
        end = _scalar_end(current, column)
        text.lines[line] = current[:column] + scalar(value) + current[end:]
        return text.join()
    line, column = entries.lc.item(index)
    if text.opens(line, column, "{"):
        add_to_flow_mapping(text, *text.node_start(line, column), key, scalar(value))
        return text.join()
    end = text.block_end(line, _dash_column(text, line, column))
    text.insert_lines(end, " " * column + f"{key}: {scalar(value)}" + text.newline)
    return text.join()


def _scalar_end(line: str, start: int) -> int:
    """Where the one-line scalar starting at `start` ends: its closing quote, or the end of
    a plain scalar (a flow indicator, a comment or the line's end)."""
    quote = line[start : start + 1]
    if quote in ("'", '"'):
        position = start + 1
        while position < len(line):
            if quote == '"' and line[position] == "\\":
                position += 2
                continue
            if line[position] == quote:
                if quote == "'" and line[position + 1 : position + 2] == "'":
                    position += 2
                    continue
                return position + 1
            position += 1
        return len(line.rstrip("\r\n"))
    match = re.compile(r"\s+#|[,}\]]|\s*[\r\n]*$").search(line, start)
    return match.start() if match else len(line)


# --- checking and writing -----------------------------------------------------------------------


def edited(loaded: Loaded, new_text: str, expect: Callable[[Any], None], what: str) -> Loaded:
    """Parse the edited text and insist it holds exactly the intended change."""
    wanted = copy.deepcopy(plain_data(loaded.document))
    expect(wanted)
    raw = encode_like(loaded, new_text)
    try:
        result = parse(raw, loaded.path, round_trip=True)
    except RelrotError as exc:
        result = None
        # Where, not what: the loader's words are about a text the user never sees, and can
        # quote what relrot itself built there.
        first = exc.problems[0] if exc.problems else None
        where = f" at line {first.line}, column {first.column}" if first and first.line else ""
        detail = f"the edited text would not read back{where}"
    else:
        detail = ""
    if result is None or plain_data(result.document) != wanted:
        raise refusal(
            f"could not {what} without reformatting {loaded.path}"
            + (f" ({detail})" if detail else "")
            + "; nothing was written: make the change by hand",
            loaded.path,
        )
    return result


def unified_diff(before: Loaded, after: Loaded) -> str:
    name = before.path
    relative = not FsPath(name).is_absolute()
    lines = difflib.unified_diff(
        before.text.splitlines(keepends=True),
        after.text.splitlines(keepends=True),
        fromfile=f"a/{name}" if relative else name,
        tofile=f"b/{name}" if relative else name,
    )
    # A lone CR ends a line of the file, but on a terminal it would draw the next line over
    # this one: the diff ends it with a newline, as every other line.
    shown = (line[:-1] + "\n" if line.endswith("\r") else line for line in lines)
    # As `diff -u` does: a last line without a newline is marked, not glued to the next.
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in shown
    )


def encode_like(loaded: Loaded, text: str) -> bytes:
    raw = text.encode("utf-8")
    return b"\xef\xbb\xbf" + raw if loaded.raw.startswith(b"\xef\xbb\xbf") else raw
