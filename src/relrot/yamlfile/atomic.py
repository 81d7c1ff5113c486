"""Writing the rotation file whole or not at all: a lock, a temporary file, a rename.

Everything here works on bytes; what they hold was decided and checked in `patch`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import stat
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path as FsPath
from typing import TYPE_CHECKING, Any

from relrot.problems import Problem, RelrotError, Severity, UsageError

if TYPE_CHECKING:
    from relrot.yamlfile.load import Loaded

if sys.platform != "win32":
    import fcntl


# How long a writer waits for another relrot writing in the same folder. A write takes
# milliseconds, so running out of patience means that writer is stuck.
LOCK_PATIENCE_SECONDS = 10.0


def write_atomically(loaded: Loaded, new_raw: bytes) -> bool:
    """Replace the file with `new_raw` if it still holds what was read; False if unchanged.

    Symlinks are followed (the link stays a link); mode, owner and group are kept; a
    read-only or hard-linked file is refused. A failure leaves the original in place and no
    temporary file behind. Writers hold a lock from the last comparison to the synced
    rename, so of several that read the same bytes only the first replaces the file and the
    others are refused. Ctrl-C, SIGTERM and SIGHUP wait until the write is abandoned
    cleanly or finished, then take effect.
    """
    target = FsPath(os.path.realpath(loaded.path))
    if new_raw == loaded.raw:
        return False
    with _StopSignals() as stop, _exclusive_lock(loaded, target, stop) as folder:
        if folder is not None:
            _remove_stale_temporaries(target)
        _refuse_if_changed(loaded, target)
        original = _replaceable(loaded, target)
        _replace(loaded, target, new_raw, original, stop)
        _sync_directory(folder)
    return True


def _replaceable(loaded: Loaded, target: FsPath) -> os.stat_result:
    """The file's status, once it is clear that replacing the file is what its owner expects."""
    try:
        status = target.stat()
    except OSError as exc:
        raise UsageError(f"{loaded.path}: cannot read it again: {exc.strerror}") from None
    # The mode bits too: root may write anything, but 0444 still says "leave this alone".
    if not status.st_mode & _ANY_WRITE or not os.access(target, os.W_OK):
        problem = "is read-only; nothing was written: make it writable first if it should change"
    elif status.st_nlink > 1:
        problem = (
            f"has {status.st_nlink} hard links, and the new file would take the place of this "
            "one only (the others would keep the old text); nothing was written: edit it by "
            "hand, or copy it to a file of its own first"
        )
    else:
        return status
    raise UsageError(f"{loaded.path} {problem}", file=loaded.path)


_ANY_WRITE = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH


class WriteInterrupted(BaseException):
    """A signal stopped a write before the file was replaced; the file is as it was."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"{signal.Signals(signum).name} stopped the write; the file is unchanged")
        self.signum = signum


class _StopSignals:
    """Hold back Ctrl-C, SIGTERM and SIGHUP during a write, so no temporary file outlives it.

    A signal is noted and acted on at the next safe point: before the rename the write
    stops there and cleans up; after it the write is finished first. Then the previous
    handlers are put back and the signal delivered again, which by default ends the
    process as the sender meant. A signal that was ignored stays ignored, and handlers can
    only be changed from the main thread, so other threads write without this.
    """

    def __init__(self) -> None:
        self.previous: dict[int, Any] = {}
        self.pending: int | None = None

    def __enter__(self) -> _StopSignals:
        if threading.current_thread() is threading.main_thread():
            for name in ("SIGINT", "SIGTERM", "SIGHUP"):
                signum = getattr(signal, name, None)
                if signum is None:
                    continue
                handler = signal.getsignal(signum)
                if handler is not None and handler != signal.SIG_IGN:
                    self.previous[signum] = signal.signal(signum, self._note)
        return self

    def _note(self, signum: int, _frame: object) -> None:
        self.pending = self.pending or signum

    def check(self) -> None:
        """A safe point: stop here if a signal came."""
        if self.pending is not None:
            raise WriteInterrupted(self.pending)

    def __exit__(self, *_exc: object) -> None:
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)
        if self.pending is not None:
            signal.raise_signal(self.pending)


def _replace(
    loaded: Loaded, target: FsPath, new_raw: bytes, original: os.stat_result, stop: _StopSignals
) -> None:
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, removed on failure
            mode="wb", dir=target.parent, prefix=f".{target.name}.", suffix=".tmp", delete=False
        )
    except OSError as exc:
        raise _write_error(loaded, exc) from None
    temporary = FsPath(handle.name)
    try:
        with handle:
            handle.write(new_raw)
            handle.flush()
            os.fsync(handle.fileno())
        _keep_owner(temporary, original)
        temporary.chmod(stat.S_IMODE(original.st_mode))  # after chown, which may clear bits
        # Editors take no lock: one that saved while the new text was written still wins.
        _refuse_if_changed(loaded, target)
        stop.check()
        os.replace(temporary, target)  # noqa: PTH105 - one spelling to fail-test
    except BaseException as exc:
        temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _write_error(loaded, exc) from None
        raise


def _remove_stale_temporaries(target: FsPath) -> None:
    """Remove the `.NAME.*.tmp` files that writers killed mid-write (SIGKILL) left behind.

    Called with the lock held: every writer of this file holds it while its temporary
    file exists, so any such file found now belongs to a writer that is gone.
    """
    stale = re.compile(rf"\.{re.escape(target.name)}\.[A-Za-z0-9_]{{8}}\.tmp")
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return  # cleaning up is a courtesy; the write itself does not depend on it
    for entry in entries:
        if stale.fullmatch(entry.name) and not entry.is_dir(follow_symlinks=False):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)  # noqa: PTH108 - a link is removed, never followed


def replace_file(path: FsPath, data: bytes) -> None:
    """Write `data` to `path` whole or not at all: a temporary file in the same folder,
    renamed over `path`. Whatever was at `path` (a link too) is replaced, never written
    through, so a link planted there cannot redirect the write."""
    while True:
        temporary = path.parent / f".{path.name}.{os.urandom(4).hex()}.tmp"
        try:
            # O_EXCL refuses a name that exists, a link included; the umask sets the mode.
            descriptor = os.open(
                temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOT_INHERITED, 0o666
            )
        except FileExistsError:
            continue
        break
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)  # noqa: PTH105 - one spelling to fail-test
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def create_file(path: FsPath, text: str) -> None:
    """Write a new file at `path`; `FileExistsError` if anything is there already."""
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)


_NOT_INHERITED = getattr(os, "O_CLOEXEC", 0)


def _keep_owner(temporary: FsPath, original: os.stat_result) -> None:
    """Give the new file the original's owner and group, as far as this process may."""
    if sys.platform == "win32":
        return
    made = temporary.stat()
    if (made.st_uid, made.st_gid) == (original.st_uid, original.st_gid):
        return
    try:
        os.chown(temporary, original.st_uid, original.st_gid)
    except PermissionError:
        # Only root gives files away; a member of the file's group may still keep that.
        with contextlib.suppress(PermissionError):
            os.chown(temporary, -1, original.st_gid)


def _write_error(loaded: Loaded, exc: OSError) -> UsageError:
    return UsageError(
        f"{loaded.path}: could not write: {exc.strerror or exc}; the file is unchanged",
        file=loaded.path,
    )


def _refuse_if_changed(loaded: Loaded, target: FsPath) -> None:
    from relrot.yamlfile.read import read_source

    try:
        # As the loader reads (no waiting on a FIFO swapped in), and no further than the
        # text read: a longer file has changed.
        current: bytes | None = read_source(target, limit=len(loaded.raw))
    except UsageError:
        if not target.exists():
            gone = os.strerror(errno.ENOENT)
            raise UsageError(f"{loaded.path}: cannot read it again: {gone}") from None
        current = None  # grown, or no longer a regular file
    if current != loaded.raw:
        message = (
            f"{loaded.path} changed while relrot was working; nothing was written: "
            "run the command again"
        )
        raise RelrotError([Problem("edit", Severity.ERROR, message, file=loaded.path)])


@contextlib.contextmanager
def _exclusive_lock(loaded: Loaded, target: FsPath, stop: _StopSignals) -> Iterator[int | None]:
    """Hold an exclusive `flock` on the file's folder; yield the folder's descriptor.

    Locking the folder leaves nothing behind. Where the file system will not lock a
    folder (NFS grants exclusive locks only to files open for writing), an empty
    `.NAME.lock` file next to the target is locked instead and left in place: removing
    a lock file safely would need every writer to follow one more protocol.
    """
    if sys.platform == "win32":  # no flock; the rename is still atomic
        yield None
        return
    try:
        folder = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise _write_error(loaded, exc) from None
    try:
        with contextlib.ExitStack() as held:
            try:
                _wait_for_lock(loaded, folder, stop)
            except OSError:
                lock_file = target.parent / f".{target.name}.lock"
                held.enter_context(_lock_file(loaded, lock_file, stop))
            yield folder
    finally:
        os.close(folder)  # closing a descriptor releases its lock


@contextlib.contextmanager
def _lock_file(loaded: Loaded, path: FsPath, stop: _StopSignals) -> Iterator[None]:
    while True:
        try:
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise _write_error(loaded, exc) from None
        try:
            _wait_for_lock(loaded, descriptor, stop)
            held, named = os.fstat(descriptor), path.stat()
        except BaseException as exc:
            os.close(descriptor)
            if isinstance(exc, OSError):
                raise _write_error(loaded, exc) from None
            raise
        if (held.st_dev, held.st_ino) == (named.st_dev, named.st_ino):
            break
        os.close(descriptor)  # the lock file was removed meanwhile: lock the new one
    try:
        yield
    finally:
        os.close(descriptor)


def _wait_for_lock(loaded: Loaded, descriptor: int, stop: _StopSignals) -> None:
    """Take an exclusive lock, or give up once the writer holding it has taken too long."""
    if sys.platform == "win32":
        return
    deadline = time.monotonic() + LOCK_PATIENCE_SECONDS
    pause = 0.001
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            stop.check()
            if time.monotonic() >= deadline:
                raise UsageError(
                    f"{loaded.path}: could not write: another relrot has been writing "
                    f"there for {LOCK_PATIENCE_SECONDS:g} seconds; the file is unchanged",
                    file=loaded.path,
                ) from None
            time.sleep(pause)
            pause = min(pause * 2, 0.05)
        else:
            return


def _sync_directory(folder: int | None) -> None:
    """Make the rename itself durable; a file system that cannot is no reason to fail."""
    if folder is not None:
        with contextlib.suppress(OSError):
            os.fsync(folder)
