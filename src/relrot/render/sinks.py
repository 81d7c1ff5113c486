"""How text from a file, an event or an issue is written into each kind of output.

Every value a renderer did not write itself is data: a name, a note, a reason, a path, a
revision. One function per kind of sink says how data is shown there, and every renderer of
that kind calls it, so a new field or command gets the same rule for free:

- `visible`: terminals and plain-text logs. Control characters, line breaks included, and
  the invisible characters that reorder or hide text are shown as escapes (`\\r`, `\\x1b`,
  `\\u202e`), so a value can neither move the cursor, colour the screen, end a line nor
  read differently from what it holds.
- `markdown` (and `markdown_code`, `markdown_url`): GitHub Markdown. A value never
  mentions, links, starts a block or opens HTML.
- `csv_row`: CSV. Line breaks stay inside a quoted cell; no line of a cell starts a formula.
- `ics_text`: iCalendar text values, which the `icalendar` library then escapes and folds.
- `mermaid_label`, `gantt_text`: Mermaid's quoted labels and gantt names.
- `html_text`: the site's HTML.
- `chat_text`: a chat message posted through a webhook (Slack, Zulip, Matrix and the like).
  A value never mentions anyone (`<!channel>`, `@**all**`, `@room`, `<@U123>`), links or
  opens HTML. `chat_mention` lets through a member's own `chat:` handle, and only one that
  mentions one person.

The guard on standard output and standard error (`relrot.cli.guard`) is the last net under
all of them: no line, however split, starts a GitHub workflow command.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterable

from relrot.patterns import pattern

# What a terminal acts on or hides instead of showing, as the Unicode categories Cc (C0 with
# tab, CR and LF, DEL, C1), Cf (bidi overrides, zero-width, tags and other format
# characters), Zl, Zp and Cs (a lone surrogate: bytes that were not text) list them.
_HIDDEN = (
    "\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
_ONE_HIDDEN = f"[{_HIDDEN}]"
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
# What the GitHub Actions runner reads as a workflow command at a line's start, after white
# space: the stream guard (`relrot.cli.guard`) and the calendar's folds keep lines from it.
WORKFLOW_COMMAND_STARTS = ("::", "##[")
# What some reader somewhere takes for the end of a line.
_LINE_BREAK = "\r\n|[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]"


def hidden() -> re.Pattern[str]:
    """The pattern of one hidden character."""
    return pattern(_ONE_HIDDEN)


def _escape(found: re.Match[str]) -> str:
    char = found.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def visible(text: str, keep: str = "") -> str:
    """`text` as a terminal or a log shows it: every hidden character escaped (but those in
    `keep`, which the caller escapes its own way)."""
    if text.isprintable():
        # No hidden character is printable (tests/render/test_sinks.py holds it), so plain
        # text is shown as it is without the pattern, which such a run never compiles.
        return text
    if keep:
        return hidden().sub(
            lambda found: found.group() if found.group() in keep else _escape(found), text
        )
    return hidden().sub(_escape, text)


def one_line(text: str) -> str:
    """`text` with its line breaks as spaces and every other hidden character escaped."""
    return visible(pattern(_LINE_BREAK).sub(" ", text))


# --- Markdown -------------------------------------------------------------------------------


# Characters that could end a table cell or start emphasis, code, a link or raw HTML.
_MARKDOWN_SPECIAL = r"([\\`*_\[\]<>|~&])"
# GitHub finds mentions (`@login`), issue links (`#12`) and bare links (`https://`, `www.`)
# after Markdown is rendered, so a backslash or an entity does not stop them; an empty HTML
# comment splits the text they are looked for in, and renders as nothing.
_BREAK = "<!-- -->"
# `GH-12` links an issue too, as `#12` does.
_LINKING = r"[@#]|:(?=//)|(?<![^\s*_~(])(?:(?i:www)(?=\.)|(?i:gh)(?=-\d))"
# What opens a block when it starts a line: a list, a quote, a heading, a setext underline.
_BLOCK_START = r"[-+=]|\d+(?=[.)])"


def markdown(text: str, *, line_start: bool = False) -> str:
    """Text that reads as itself in a Markdown paragraph or table cell; with `line_start`,
    also where it opens a line."""
    flat = pattern(_MARKDOWN_SPECIAL).sub(r"\\\1", one_line(text))
    safe = pattern(_LINKING).sub(lambda found: found.group() + _BREAK, flat)
    if line_start:
        opening = pattern(_BLOCK_START).match(safe.lstrip(" "))
        if opening:
            # Before the marker, or between a list number and its `.` or `)`.
            at = len(safe) - len(safe.lstrip(" ")) + opening.end()
            at -= not opening.group().isdigit()
            safe = safe[:at] + "\\" + safe[at:]
    return safe


def markdown_html(text: str) -> str:
    """Text inside raw HTML in Markdown (a `<details>` block, a `<summary>` line), where
    backslashes do nothing: every character `markdown` would escape becomes an entity,
    which reads as itself in HTML and in Markdown alike, and mentions and links are split
    as in `markdown` (an HTML comment is inert there too)."""
    flat, shown, last = one_line(text), [], 0
    for found in pattern(_LINKING).finditer(flat):
        shown += [_entities(flat[last : found.end()]), _BREAK]
        last = found.end()
    return "".join([*shown, _entities(flat[last:])])


def _entities(text: str) -> str:
    return pattern(_HTML_SPECIAL).sub(lambda found: f"&#{ord(found.group())};", text)


_HTML_SPECIAL = r"""[\\`*_\[\]<>|~&"']"""


def markdown_comment(text: str) -> str:
    """Text inside an HTML comment: entities, so that no `-->` (or `--!>`) can end it."""
    import html  # here, not at the top: a validate run has no use for its entity tables

    return html.escape(one_line(text))


def markdown_code(text: str) -> str:
    """`text` as a Markdown code span: one line, fenced by more backticks than it holds."""
    flat = one_line(text)
    longest = max((len(run) for run in re.findall("`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") or not flat.strip() else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def markdown_url(text: str) -> str:
    """`text` inside a link's address: percent-encoded, so it cannot end the link."""
    return urllib.parse.quote(one_line(text), safe="/.-_~")


# --- CSV --------------------------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The line ends of CSV and iCalendar readers, kept by `split` between the lines.
_LINE_END = r"(\r\n|\r|\n)"
_CSV_QUOTED = r'[,"\r\n]'


def csv_cell(value: object) -> str:
    """The cell's text, never a formula on any of its lines; hidden characters escaped but
    line breaks, which stay inside the quoted cell."""
    text = "" if value is None else str(value)
    parts = pattern(_LINE_END).split(text)
    for index in range(0, len(parts), 2):  # the text between the breaks
        raw = parts[index]
        formula = raw.startswith(FORMULA_STARTS) or (index == 0 and text[:1] in ("\r", "\n"))
        parts[index] = f"'{visible(raw)}" if formula else visible(raw)
    return "".join(parts)


def csv_row(cells: Iterable[object]) -> str:
    """One CSV record: a cell with a comma, a quote or a line break is quoted whole."""
    out, quoted = [], pattern(_CSV_QUOTED)
    for value in cells:
        cell = csv_cell(value)
        out.append(f'"{cell.replace(chr(34), chr(34) * 2)}"' if quoted.search(cell) else cell)
    return ",".join(out) + "\n"


# --- iCalendar, Mermaid, HTML -----------------------------------------------------------------


def ics_text(text: str) -> str:
    """A calendar text value: every line break a newline, which the library writes as `\\n`
    (never a bare CR); other hidden characters escaped."""
    return "\n".join(visible(line) for line in pattern(_LINE_END).split(text)[::2])


# Inside a quoted label Mermaid reads `#...;` as an entity, HTML as markup and a leading
# backtick as Markdown, and `"` or `|` would end the label: each is written as its entity.
_MERMAID_ENTITY = {c: f"#{ord(c)};" for c in '#"<>&|`'}


def mermaid_label(text: str) -> str:
    """Text shown as itself inside a quoted Mermaid label, on one line."""
    return "".join(_MERMAID_ENTITY.get(c, c) for c in visible(text))


def gantt_text(text: str) -> str:
    """A gantt section or task name: colons, hashes and semicolons end one, and a line break
    ends the statement, so the first become spaces and the last is shown escaped."""
    return visible(text).replace(":", " ").replace("#", " ").replace(";", " ")


def html_text(text: object) -> str:
    """Text and attribute values in the site's HTML."""
    import html

    return html.escape(visible(str(text)), quote=True)


# --- chat messages ------------------------------------------------------------------------------

# Slack's three escapes, which also keep HTML out of the chats that render Markdown to HTML;
# `@` becomes the full-width at sign, which reads as one and mentions nobody in any chat; and
# brackets become full-width ones, so no `[text](address)` link hides where it goes.
_CHAT_ESCAPE = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", "@": "\uff20", "[": "\uff3b", "]": "\uff3d"}
)


def chat_text(text: str) -> str:
    """Text in a chat message, on one line: no mention (one person's or the room's), link
    text or HTML from a value; hidden characters escaped as `visible` does."""
    return one_line(text).translate(_CHAT_ESCAPE)


def chat_mention(handle: str | None) -> str | None:
    """A member's `chat:` handle as the chat writes it, if it mentions one person and no
    room; else None, so the caller names the member instead. The file's check refuses any
    other handle already; this keeps the chat safe from a roster that skipped it."""
    # Here, not at the top: the output guard imports this module on every run, and the
    # model would bring pydantic with it.
    from relrot.model import CHAT_EVERYONE, CHAT_MENTIONS

    if handle is None or pattern(CHAT_EVERYONE).search(handle):
        return None
    return handle if any(pattern(shape).fullmatch(handle) for shape in CHAT_MENTIONS) else None
