"""Where flow collections (`[...]`, `{...}`) and quoted strings open and close in YAML text.

One scanner answers both questions relrot asks of the text before or instead of parsing
it: how deep brackets nest (refused before the parser recurses into them) and where the
flow collection an edit adds to ends. It reads as YAML does only as far as those answers
need: a bracket or quote inside a string, a comment or a plain scalar (`O'Brien`,
`it's [x`) opens nothing. Block scalars (`|`, `>`) are not followed; their lines are read
as if they were plain text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

_SPACE = " \t"
_BREAK = "\r\n"
# In a flow collection these end a plain scalar, an anchor or a tag.
_FLOW_INDICATORS = ",[]{}"


@dataclass(frozen=True, slots=True)
class Mark:
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
    depth = 0
    node_start = True  # whether a node may begin at the next significant character
    after_quoted = False  # the last token was a quoted string or a closed collection
    before = ""
    line_start = start
    parent = -1  # the column a block node's continuation lines must be indented past
    token_column = -1  # where the last scalar began: a key, if `: ` follows
    plain = False  # the last token is a plain scalar in block context, which may go on
    blocks: list[int] = []  # columns of the block collections open around this line
    index = start
    length = len(text)
    while index < length:
        char = text[index]
        if char in _BREAK:
            index += 1
            line_start = index
            if depth == 0 and plain:
                index, plain = _continuation(text, index, parent)
                line_start = index
                if plain:
                    line_start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
                    index = _plain_end(text, index, depth)
                    before = text[index - 1]
                    continue
            node_start = node_start or depth == 0
            if depth == 0:
                parent = -1
                indent = _indentation(text, line_start)
                while blocks and blocks[-1] > indent:
                    blocks.pop()
            continue
        if char in _SPACE:
            index += 1
            continue
        if char == "#":  # between tokens a comment needs no space before it ("[]#")
            index = _line_end(text, index)
            plain = False
            continue
        column = index - line_start
        if char in "'\"" and node_start:
            yield Mark("quote", index, depth, before)
            index = _string_end(text, index)
            node_start, after_quoted, before, token_column = False, True, char, column
            continue
        plain = False
        if char in "[{" and (node_start or depth > 0):
            depth += 1
            yield Mark("open", index, depth, before)
            node_start, after_quoted = True, False
        elif char in "]}" and depth > 0:
            yield Mark("close", index, depth, before)
            depth -= 1
            node_start, after_quoted = False, True
        elif (char == "," and depth > 0) or (
            char in "-?:" and _indicator(text, index, depth, after_quoted and char == ":")
        ):
            parent = token_column if char == ":" else column
            if depth == 0 and (not blocks or blocks[-1] < parent):
                blocks.append(parent)
            node_start, after_quoted = True, False
        elif char in "&!" and node_start:
            # An anchor or a tag: the node it belongs to may still open after it.
            index = _property_end(text, index, depth)
            before = text[index - 1]
            continue
        else:
            if parent < 0 and node_start:
                indent = _indentation(text, line_start)
                parent = max((c for c in blocks if c < indent), default=-1)
            index = _plain_end(text, index, depth)
            node_start, after_quoted, before = False, False, text[index - 1]
            token_column, plain = column, depth == 0 and char != "*"
            continue
        before = char
        index += 1


def _continuation(text: str, index: int, parent: int) -> tuple[int, bool]:
    """Whether a block plain scalar goes on at the next line with content after `index`
    (indented past `parent`, not a comment), and where that content starts."""
    length = len(text)
    while index < length:
        content = index
        while content < length and text[content] in _SPACE:
            content += 1
        if content < length and text[content] in _BREAK:
            index = content + 1  # an empty line folds into the scalar
            continue
        if content >= length or text[content] == "#":
            return index, False
        return (content, True) if _indentation(text, index) > parent else (index, False)
    return index, False


def _indentation(text: str, line_start: int) -> int:
    """How many spaces the line starting at `line_start` is indented by."""
    end = line_start
    while end < len(text) and text[end] == " ":
        end += 1
    return end - line_start


def _indicator(text: str, index: int, depth: int, adjacent: bool) -> bool:
    """Whether `-`, `?` or `:` at `index` is an indicator rather than part of a scalar."""
    following = text[index + 1 : index + 2]
    if not following or following in " \t\r\n":
        return True
    # After a quoted key or a collection, a flow `:` needs no space ("a":b).
    return depth > 0 and text[index] == ":" and (adjacent or following in _FLOW_INDICATORS)


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


def _property_end(text: str, index: int, depth: int) -> int:
    """The end of an anchor (`&a`) or tag (`!t`, `!<verbatim>`) starting at `index`."""
    if text.startswith("!<", index):
        closing = text.find(">", index)
        return closing + 1 if closing >= 0 else len(text)
    stops = " \t\r\n" + (_FLOW_INDICATORS if depth > 0 else "")
    index += 1
    while index < len(text) and text[index] not in stops:
        index += 1
    return index


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
