"""Where flow collections (`[...]`, `{...}`) and quoted strings open and close in YAML text.

One scanner answers both questions relrot asks of the text before or instead of parsing
it: how deep brackets nest (refused before the parser recurses into them) and where the
flow collection an edit adds to ends. It must find brackets and quotes exactly where
ruamel.yaml's scanner finds them, so it follows that scanner's token rules (which `:` and
`?` are indicators, where a plain scalar ends, which block indentation a plain scalar's
continuation lines must pass) but keeps only the state those rules need. It checks
nothing: on text ruamel refuses, its answer does not matter. Block scalars (`|`, `>`) are
not followed; their lines are read as if they were plain text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from msgspec import Struct

_BREAK = "\r\n"
_END = " \t\r\n"  # what must follow `-`, `?` or `:` for it to be an indicator (or the end)


class Mark(Struct, frozen=True):
    """A bracket that opens or closes a flow collection, or a quote that opens a string.

    `depth` is the flow depth inside the collection (1 for an outermost `[`), for a close
    the depth it leaves. `before` is the last character outside strings and comments
    before the mark (a closing quote counts): whether a list already ends with a comma.
    """

    kind: Literal["open", "close", "quote"]
    index: int
    depth: int
    before: str


def marks(text: str, start: int = 0) -> Iterator[Mark]:
    """The flow brackets and string quotes of `text` from `start`, in order.

    `start` must be where a node may begin (the start of the text, or a bracket the
    parser placed a collection at).
    """
    return _Scanner(text, start).marks()


class _Scanner:
    """ruamel's token loop, cut down to what decides where the next token starts.

    The names follow ruamel's: `indent` is the column of the innermost block collection
    (a block plain scalar goes on only on lines indented past it), `allow_key` whether a
    simple key may start here, `key` the line start and column of a block-level token
    that may yet turn out to be a key (its column, not the `:`'s, opens the mapping).
    """

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.index = start
        self.line = start  # where the current line starts
        self.flows: list[str] = []  # the open flow collections, `[` or `{`
        self.indent = -1
        self.indents: list[int] = []
        self.allow_key = True
        self.key: tuple[int, int] | None = None
        self.last = ""  # the kind of the last token: a flow `:` depends on it
        self.before = ""

    def marks(self) -> Iterator[Mark]:
        text = self.text
        while self._next_token():
            index = self.index
            char = text[index]
            column = index - self.line
            if self.key is not None and self.key[0] != self.line:
                self.key = None  # a simple key stays on one line
            if not self.flows:
                self._unwind(column)
            following = text[index + 1 : index + 2]
            if char in "[{":
                self._save_key(column)
                self.flows.append(char)
                self.allow_key = True
                yield Mark("open", index, len(self.flows), self.before)
                self._indicator("open")
            elif char in "]}":
                yield Mark("close", index, len(self.flows), self.before)
                if self.flows:
                    self.flows.pop()
                self.allow_key = False
                self._indicator("close")
            elif char == ",":
                self.key = None if not self.flows else self.key
                self.allow_key = True
                self._indicator("entry")
            elif char == "-" and _ends(following):
                self._block_node(column)
                self.allow_key = True
                self._indicator("entry")
            elif char == "?" and (self.flows or _ends(following)):
                self._block_node(column)
                self.allow_key = not self.flows
                self._indicator("key")
            elif char == ":" and self._is_value(following):
                self._value(column)
                self._indicator("value")
            else:
                self._save_key(column)
                self.allow_key = False
                if char in "'\"":
                    yield Mark("quote", index, len(self.flows), self.before)
                    self._skip_to(_string_end(text, index), "scalar")
                    self.before = char
                elif char in "&*!":
                    self._skip_to(_property_end(text, index), char)
                else:
                    self._plain()

    def _next_token(self) -> bool:
        """Skip spaces, line breaks and comments; whether a token follows."""
        text, length = self.text, len(self.text)
        while self.index < length:
            char = text[self.index]
            if char == " " or (char == "\t" and self.flows):
                self.index += 1
            elif char == "#":
                self.index = _line_end(text, self.index)
            elif char in _BREAK:
                self.index = _after_break(text, self.index)
                self.line = self.index
                if not self.flows:
                    self.allow_key = True
            else:
                return True
        return False

    def _skip_to(self, end: int, kind: str) -> None:
        """Move past a quoted scalar or a property, which may span lines."""
        start, self.index, self.last = self.index, end, kind
        self.before = self.text[end - 1]
        self._moved(start)

    def _moved(self, start: int) -> None:
        """Keep `line` at the start of the current line after moving on from `start`."""
        text = self.text
        found = max(text.rfind("\n", start, self.index), text.rfind("\r", start, self.index))
        if found >= 0:
            self.line = found + 1

    def _indicator(self, kind: str) -> None:
        self.before = self.text[self.index]
        self.index += 1
        self.last = kind

    def _unwind(self, column: int) -> None:
        """Close the block collections a block-level token at `column` is outside of."""
        while self.indent > column:
            self.indent = self.indents.pop()

    def _add_indent(self, column: int) -> None:
        if self.indent < column:
            self.indents.append(self.indent)
            self.indent = column

    def _save_key(self, column: int) -> None:
        """A scalar, property or collection may be a key, if `: ` follows on its line."""
        if self.allow_key and not self.flows:
            self.key = (self.line, column)

    def _block_node(self, column: int) -> None:
        """A `-` or `?`: in block context it opens a collection at `column`."""
        if not self.flows:
            self._add_indent(column)
            self.key = None

    def _is_value(self, following: str) -> bool:
        """Whether `:` is a value indicator (ruamel's check_value, YAML 1.2).

        In a flow sequence, and in a flow mapping right after a value indicator, it must
        be followed by a space as in block context; elsewhere in a flow mapping it need
        not be (`{a:b}` is one scalar only because the plain scalar takes the `:`).
        ruamel counts a comment as a token too, but a value indicator right after
        another is an error, so where ruamel reads the text comments change nothing."""
        if self.flows and self.flows[-1] == "{" and self.last != "value":
            return True
        return _ends(following)

    def _value(self, column: int) -> None:
        if self.flows:
            self.allow_key = False
        elif self.key is not None:
            self._add_indent(self.key[1])
            self.key = None
            self.allow_key = False
        else:
            self._add_indent(column)  # a value with no key opens a mapping here
            self.allow_key = True

    def _plain(self) -> None:
        """Move past the plain scalar starting here (ruamel's scan_plain).

        In block context it goes on over lines indented past the enclosing collection;
        in a flow collection over any line. Like ruamel, stop past the spaces and line
        breaks that follow it, having let a key start after a line break."""
        text, length, start = self.text, len(self.text), self.index
        pattern = _FLOW_CHUNK_END if self.flows else _BLOCK_CHUNK_END
        index = end = start
        while index < length and text[index] != "#":
            # The first character is the scalar's own even where ruamel would refuse it
            # (a tab), so that the scan always moves on.
            found = pattern.search(text, index + (index == start))
            chunk_end = found.start() if found else length
            if chunk_end == index:  # `: ` or a flow indicator
                break
            end = index = chunk_end
            while index < length and text[index] == " ":
                index += 1
            if index < length and text[index] in _BREAK:
                self.allow_key = True
                index, line = _next_line(text, index)
                if index < 0:  # a document marker
                    index = line
                    break
                if not self.flows and index - line <= self.indent:
                    break
            elif index == end:  # a tab, or the end of the text
                break
        self.before = text[end - 1]
        self.index, self.last = index, "scalar"
        self._moved(start)


def _ends(following: str) -> bool:
    return not following or following in _END


def _after_break(text: str, index: int) -> int:
    """The index past the line break at `index` (`\r\n` is one)."""
    return index + (2 if text.startswith("\r\n", index) else 1)


def _next_line(text: str, index: int) -> tuple[int, int]:
    """Past the line break at `index` and any blank lines after it: where the content
    starts and where its line does; (-1, line) at a document marker, which ends a
    plain scalar."""
    length = len(text)
    while True:
        line = index = _after_break(text, index)
        if _DOCUMENT_MARKER.match(text, index):
            return -1, line
        while index < length and text[index] == " ":
            index += 1
        if index >= length or text[index] not in _BREAK:
            return index, line


_DOCUMENT_MARKER = re.compile(r"(?:---|\.\.\.)(?=[ \t\r\n]|\Z)")
# Where a piece of a plain scalar between spaces ends: at a space or a line break, or at
# `:` before one; in a flow collection also at a flow indicator.
_BLOCK_CHUNK_END = re.compile(r"[ \t\r\n]|:(?=[ \t\r\n]|\Z)")
_FLOW_CHUNK_END = re.compile(r"[ \t\r\n,\[\]{}]|:(?=[ \t\r\n]|\Z)")


def scalar_end(line: str, index: int) -> int:
    """Where the scalar starting at `index` of a line ends on it: past its closing quote, or
    where a plain scalar stops (in a flow mapping, also at a flow indicator)."""
    if line[index : index + 1] in ("'", '"'):
        return min(_string_end(line, index), len(line))
    return _plain_end(line, index, 1 if "{" in line[:index] else 0)


def _plain_end(text: str, index: int, depth: int) -> int:
    """Where a plain scalar (or an alias) starting at `index` ends on its line."""
    found = (_FLOW_PLAIN_END if depth > 0 else _BLOCK_PLAIN_END).search(text, index + 1)
    return found.start() if found else len(text)


# A plain scalar ends at a line break, a comment, or `:` followed by a space; in a flow
# collection also at a flow indicator.
_BLOCK_PLAIN_END = re.compile(r"[\r\n]|[ \t](?=#)|:(?=[ \t\r\n]|\Z)")
_FLOW_PLAIN_END = re.compile(r"[\r\n,\[\]{}]|[ \t](?=#)|:(?=[ \t\r\n,\[\]{}]|\Z)")


def _property_end(text: str, index: int) -> int:
    """The end of an anchor (`&a`), alias (`*a`) or tag (`!t`) starting at `index`.

    A tag runs to a space (ruamel refuses any other end); an anchor's name also stops at
    a flow indicator, in block context too."""
    found = (_TAG_END if text[index] == "!" else _ANCHOR_END).search(text, index + 1)
    return found.start() if found else len(text)


_TAG_END = re.compile(r"[ \t\r\n]")
_ANCHOR_END = re.compile(r"[ \t\r\n,\[\]{}]")


def _string_end(text: str, index: int) -> int:
    """The index just past the quoted string opening at `index` (or the text's end)."""
    found = (_DOUBLE_END if text[index] == '"' else _SINGLE_END).match(text, index + 1)
    return found.end() if found else len(text)


# The closing quote: in double quotes past backslash escapes, in single quotes past `''`.
_DOUBLE_END = re.compile(r'(?:[^"\\]|\\.)*"', re.DOTALL)
_SINGLE_END = re.compile(r"(?:[^']|'')*'(?!')")


def _line_end(text: str, index: int) -> int:
    ends = [found for found in (text.find("\n", index), text.find("\r", index)) if found >= 0]
    return min(ends) if ends else len(text)


def closing(text: str, start: int) -> Mark | None:
    """The bracket closing the flow collection that opens at `start`, or None if none does."""
    for mark in marks(text, start):
        if mark.kind == "close" and mark.depth == 1:
            return mark
    return None
