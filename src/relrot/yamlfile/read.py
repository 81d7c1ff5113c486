"""Reading a rotation file: its bytes, within a size limit, and its text as UTF-8."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path as FsPath

from relrot.patterns import pattern
from relrot.problems import Problem, Severity, UsageError

# A real rotation file is a few KiB (64 KiB holds some 700 pinned releases);
# the limit keeps a hostile file from costing CI more than about a second of parsing.
MAX_FILE_BYTES = 64 << 10

_BYTE_ORDER_MARK = b"\xef\xbb\xbf"
# C0 controls but tab, LF and CR; DEL; C1 controls. They can make a terminal or a CI log
# show what the file does not say, so no rotation file holds them.
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


# What a missing rotation file's message tells the reader to do; other inputs say their own.
CREATE_ROTATION = "create one with `relrot init`"


def read_source(
    path: str | os.PathLike[str],
    limit: int = MAX_FILE_BYTES,
    *,
    within: str | None = None,
    create: str = CREATE_ROTATION,
) -> bytes:
    """The file's bytes (at most `limit`), or a usage error (exit 2) saying why it cannot
    be read.

    With `within` (a folder), the file, links followed, must lie inside it. The file is
    opened first and judged by what was opened (`fstat`), never by a `stat` of the name
    that a FIFO or a link could replace in between; opening does not wait for a writer.
    """
    name = os.fspath(path)
    opened = name
    flags = os.O_RDONLY | _NO_WAIT | _NOT_INHERITED
    if within is not None:
        # Open the file the check passed, and refuse a link put in its place since.
        opened = inside(name, within)
        flags |= _NO_LINK
    try:
        descriptor = os.open(opened, flags)
    except OSError as exc:
        raise UsageError(_why_not_opened(name, exc, create), file=name) from None
    try:
        return _read_opened(descriptor, name, limit)
    finally:
        os.close(descriptor)


# Opening a FIFO for reading waits for a writer unless told not to; Windows has no FIFOs.
_NO_WAIT = getattr(os, "O_NONBLOCK", 0)
_NO_LINK = getattr(os, "O_NOFOLLOW", 0)
_NOT_INHERITED = getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)


def _read_opened(descriptor: int, name: str, limit: int) -> bytes:
    found = os.fstat(descriptor)
    if stat.S_ISDIR(found.st_mode):
        raise UsageError(f"{name}: is a directory, not a rotation file", file=name)
    if not stat.S_ISREG(found.st_mode):
        raise UsageError(
            f"{name}: not a regular file (a pipe, socket or device); name the file itself",
            file=name,
        )
    if found.st_size > limit:
        raise UsageError(
            f"{name}: {found.st_size} bytes is larger than the {limit} bytes relrot reads; "
            "is this really the file you meant?",
            file=name,
        )
    chunks: list[bytes] = []
    # Read one byte past the limit: the file may have grown since it was opened.
    wanted = limit + 1
    try:
        while wanted > 0:
            chunk = os.read(descriptor, wanted)
            if not chunk:
                break
            chunks.append(chunk)
            wanted -= len(chunk)
    except OSError as exc:
        raise UsageError(f"{name}: cannot read: {exc.strerror or exc}", file=name) from None
    data = b"".join(chunks)
    if len(data) > limit:
        raise UsageError(f"{name}: larger than {limit} bytes", file=name)
    return data


def read_in_repository(path: str | os.PathLike[str], limit: int = MAX_FILE_BYTES) -> bytes:
    """A rotation file's bytes, refused if a link leads out of its repository (SPEC 5)."""
    return read_source(path, limit, within=repository_of(path))


def repository_of(path: str | os.PathLike[str]) -> str:
    """The folder relrot may read in for `path`: the top of the git checkout holding the
    path as given (the nearest folder above it with a `.git`), else the path's own folder.

    Walked by name, not through links: a link in the checkout cannot move the boundary.
    """
    folder = os.path.dirname(os.path.abspath(path))  # noqa: PTH100, PTH120 - by name only
    probe = folder
    while True:
        if os.path.lexists(os.path.join(probe, ".git")):  # noqa: PTH118
            return probe
        parent = os.path.dirname(probe)  # noqa: PTH120
        if parent == probe:
            return folder
        probe = parent


def inside(name: str, root: str) -> str:
    """The real path of `name`, links followed, when it lies inside `root`; else a usage
    error that says so and quotes nothing of where it leads."""
    real = os.path.realpath(name)
    boundary = os.path.realpath(root)
    # Git's own folder is not the checkout: in CI its config may hold the job's token.
    git = os.path.join(boundary, ".git")  # noqa: PTH118
    if os.path.commonpath([real, boundary]) != boundary or os.path.commonpath([real, git]) == git:
        raise UsageError(
            f"{name}: leads out of {root}, and relrot reads only files inside the repository "
            "(or, outside git, the folder) of the file it was given; copy the file in "
            "instead of linking to it",
            file=name,
        )
    return real


def _why_not_opened(name: str, exc: OSError, create: str) -> str:
    if isinstance(exc, PermissionError):
        try:
            found = os.stat(name)  # noqa: PTH116 - only to say why
        except OSError:
            return f"{name}: cannot read: {exc.strerror or exc}"
        return _why_not_permitted(name, exc, found)
    return _why_not_found(name, exc, create)


def _why_not_permitted(name: str, exc: OSError, found: os.stat_result) -> str:
    mode = stat.filemode(found.st_mode)
    return (
        f"{name}: cannot read: {exc.strerror or exc}: its mode is {mode} "
        f"(owner uid {found.st_uid}, group gid {found.st_gid}); let this user read it, "
        "for example with `chmod a+r`"
    )


def _why_not_found(name: str, exc: OSError, create: str) -> str:
    if exc.errno == errno.ELOOP:
        return f"{name}: symlink loop: the link leads back to itself; point it at the real file"
    if exc.errno == errno.ENOENT:
        link = FsPath(name)
        if link.is_symlink():
            return f"{name}: a link to {str(link.readlink())!a}, which does not exist"
        return f"{name}: no such file; {create}"
    return f"{name}: cannot read: {exc.strerror or exc}"


def decode(raw: bytes, name: str) -> tuple[str, Problem | None]:
    """The text of `raw` without its byte order mark, or the problem with its first bad byte
    or control character."""
    body = raw.removeprefix(_BYTE_ORDER_MARK)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = body[: exc.start].decode("utf-8")
        line, column = text_position(before, len(before))
        return "", Problem(
            "yaml-syntax",
            Severity.ERROR,
            f"byte 0x{body[exc.start]:02x} is not UTF-8 text; save the file as UTF-8",
            file=name,
            line=line,
            column=column,
        )
    control = CONTROL_CHARACTER.search(text)
    if control:
        line, column = text_position(text, control.start())
        return "", refused_character(ord(control.group()), name, line, column)
    return text, None


def refused_character(code: int, name: str, line: int, column: int) -> Problem:
    """A character that may not appear in the text of a rotation file, where it stands."""
    return Problem(
        "yaml-syntax",
        Severity.ERROR,
        f"character U+{code:04X} is not allowed in YAML text; is this a binary file?",
        file=name,
        line=line,
        column=column,
    )


# What YAML counts as a line break, CRLF as one: positions then agree with the parser's.
# Only a refused file is pointed into by it, so it is compiled when first used (0.15 ms).
_LINE_BREAK = "\r\n|[\r\n\x85\u2028\u2029]"


def text_position(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of `text[index]`, in characters."""
    line, line_start = 1, 0
    for found in pattern(_LINE_BREAK).finditer(text, 0, index):
        line, line_start = line + 1, found.end()
    return line, index - line_start + 1
