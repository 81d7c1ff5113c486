"""Nothing from a roster file or the command line can forge a workflow command in CI logs.

GitHub Actions reads any output line that starts, after leading white space, with `::` or
`##[` as a command (`::error …`, `::add-mask::…`, `::stop-commands::…`), and its runner ends
a line at a CR as well as at LF and CRLF. relrot's own lines never start that way, so a line
that does carries someone's text at its start: the guard puts a backslash in front of it,
which shows the text as it was and keeps the runner from reading it. Only `validate --format
github` writes commands on purpose; its values are escaped by the annotation renderer, so it
runs unguarded. What the text of a value may hold is the renderers' rule
(`relrot.render.sinks`); this guard is the net under every one of them.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from relrot.patterns import pattern
from relrot.render.sinks import WORKFLOW_COMMAND_STARTS

# The runner trims leading white space before it looks for a command.
_STARTS = "|".join(map(re.escape, WORKFLOW_COMMAND_STARTS))
_COMMAND_START = rf"([\r\n])([^\S\r\n]*)({_STARTS})"
_OPEN_LINE_END = r"[\r\n][^\S\r\n]*\Z"


class GuardedStream:
    """A text stream that defuses workflow commands at the start of every line it writes."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._at_line_start = True
        self._held = ""  # white space that opens a line whose first text has not come yet

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            # Click probes with b"" to tell text streams from binary ones: this one is text.
            raise TypeError(f"write() takes text, not {type(text).__name__}")
        if not text:
            return 0
        lead = "\n" if self._at_line_start else "x"
        guarded = pattern(_COMMAND_START).sub(r"\1\2\\\3", lead + self._held + text)
        self._held = ""
        held = pattern(_OPEN_LINE_END).search(guarded)
        if held is not None and len(guarded) > 1:
            self._held = guarded[held.start() + 1 :]
            guarded = guarded[: held.start() + 1]
            self._at_line_start = True
        else:
            self._at_line_start = guarded.endswith(("\r", "\n"))
        self._stream.write(guarded[1:])
        return len(text)

    def flush(self) -> None:
        if self._held:
            self._stream.write(self._held)
            self._held = ""
        self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        # isatty, encoding, fileno and the rest come from the real stream (rich asks).
        return getattr(self._stream, name)


def defused(text: str) -> str:
    """`text` with the workflow command opening any of its lines defused, as the guard does;
    for text written to files the runner or a reader may show (the job summary, a comment)."""
    return pattern(_COMMAND_START).sub(r"\1\2\\\3", "\n" + text)[1:]


def unguarded(stream: IO[str]) -> IO[str]:
    """The real stream under a guard, for output that is workflow commands by design."""
    return stream._stream if isinstance(stream, GuardedStream) else stream


@contextmanager
def guarded_output(enabled: bool = True) -> Iterator[None]:
    """Guard standard output and standard error for the length of a command."""
    if not enabled:
        yield
        return
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = GuardedStream(out), GuardedStream(err)
    try:
        yield
    finally:
        for guarded in (sys.stdout, sys.stderr):
            if isinstance(guarded, GuardedStream):
                guarded.flush()
        sys.stdout, sys.stderr = out, err


def unsafe_text(text: str) -> str | None:
    """Why command-line text cannot be used, or None: control characters and bytes that are
    not UTF-8 would reach the file or the terminal as they are."""
    for position, char in enumerate(text):
        code = ord(char)
        if code < 0x20 or 0x7F <= code < 0xA0:
            return f"a control character (U+{code:04X}) at position {position + 1}"
        if 0xD800 <= code < 0xE000:
            return f"a byte that is not UTF-8 text at position {position + 1}"
    return None
