"""Text from a roster as Markdown that shows it as written: no table, emphasis, code or HTML."""

from __future__ import annotations

import re

# Characters GitHub's Markdown gives a meaning to inside a line or a table cell.
_ACTIVE = re.compile(r"([\\`*_\[\]<>|~&])")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")


def escape_markdown(text: str) -> str:
    """One line of literal text: each active character backslashed, line breaks as spaces."""
    return _ACTIVE.sub(r"\\\1", _LINE_BREAKS.sub(" ", text))
