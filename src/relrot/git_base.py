"""The rotation file as it was at a git revision, for `diff git:REV` and `ci` (the pull
request's base): read once here, parsed once here. The revision is only ever a revision.

A revision is refused if it starts with `-`, resolved to a commit with `--end-of-options`, and
only that commit's hash reaches the commands after it, so nothing typed after `git:` can
become an option of git (`--output=FILE` would write a file, `-O FILE` open one).
"""

from __future__ import annotations

import subprocess
from typing import TYPE_CHECKING

from msgspec import Struct

from relrot.problems import UsageError

if TYPE_CHECKING:
    from pathlib import Path

    from relrot.project import Project

# Seconds one git command may take: reading one small file from a local repository.
GIT_TIMEOUT = 30


class NotAtRevisionError(UsageError):
    """The file does not exist at that revision: the change adds it."""


class RevisionMissingError(UsageError):
    """The revision is not in the repository (in CI: a shallow checkout did not fetch it)."""


class AtRevision(Struct, frozen=True):
    """The rotation file's bytes at a revision, kept apart from loading them: `ci` compares
    the bytes with the checkout's even when they do not load."""

    raw: bytes
    name: str  # what its problems are filed under: REV:NAME

    def load(self) -> Project:
        """The file as a project; its problems raise as for any rotation file."""
        from relrot.project import Project

        return Project.parse(self.raw, self.name)


def base_project(base: str, current: Path) -> Project:
    """BASE as `diff BASE` and `notify --since BASE` read it: a file, or `git:REV` for the
    rotation file `current` at a git revision."""
    from relrot.project import Project

    if not base:
        raise UsageError(
            "BASE is empty; give the rotation file to compare with, as a path or as git:REV "
            "for the rotation file at a git revision (git: alone is HEAD)"
        )
    if not base.startswith("git:"):
        return Project.load(base)
    return at_revision(base.removeprefix("git:") or "HEAD", current).load()


def at_revision(revision: str, path: Path) -> AtRevision:
    """The rotation file `path` as commit `revision` holds it, within relrot's size limit."""
    from relrot.yamlfile.load import MAX_FILE_BYTES

    raw = read_at_revision(revision, path, limit=MAX_FILE_BYTES)
    return AtRevision(raw, f"{revision}:{path.name}")


def read_at_revision(revision: str, path: Path, *, limit: int) -> bytes:
    """The bytes of `path` in commit `revision`, if it is a file there of at most `limit` bytes."""
    where = f"git:{revision}"
    if revision.startswith("-"):
        raise UsageError(f"{where!r} is not a revision: a revision cannot start with '-'")
    folder = path.absolute().parent
    name = path.name
    found = _git(
        ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"],
        folder,
        where,
    )
    if found.returncode != 0:
        reason = _last_line(found.stderr) or f"no such commit in the repository of {path}"
        raise RevisionMissingError(f"{where!r}: {reason}")
    commit = found.stdout.decode("ascii", "replace").strip()
    # Relative to the folder git runs in, as in `git show REV:./NAME`; a name is no pattern.
    listed = _git(
        ["--literal-pathspecs", "ls-tree", "-z", "--long", commit, "--", name], folder, where
    )
    if listed.returncode != 0:
        raise UsageError(f"{where!r}: cannot list {name}: {_last_line(listed.stderr)}")
    entry = listed.stdout.split(b"\0", 1)[0]
    if not entry:
        raise NotAtRevisionError(f"{where!r}: {name} does not exist at that revision")
    # <mode> <type> <object> <size>\t<path>
    mode, kind, blob, size = entry.split(b"\t", 1)[0].decode("ascii", "replace").split()
    if mode == "120000" or kind != "blob":
        what = {"120000": "a symbolic link", "040000": "a folder", "160000": "a submodule"}
        raise UsageError(
            f"{where!r}: {name} is {what.get(mode, 'no file')} at that revision, not a "
            "rotation file"
        )
    if int(size) > limit:
        raise UsageError(
            f"{where!r}: {name} is {size} bytes at that revision, larger than the {limit} "
            "bytes relrot reads"
        )
    shown = _git(["cat-file", "blob", blob], folder, where)
    if shown.returncode != 0:
        raise UsageError(f"{where!r}: cannot read {name}: {_last_line(shown.stderr)}")
    return shown.stdout


def _git(arguments: list[str], folder: Path, where: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *arguments],
            cwd=folder,
            capture_output=True,
            check=False,
            timeout=GIT_TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        raise UsageError(f"{where!r}: git took more than {GIT_TIMEOUT} s, stopped") from None
    except OSError as exc:
        raise UsageError(f"{where!r}: cannot run git in {folder}: {exc.strerror or exc}") from None


def _last_line(stderr: bytes) -> str:
    """Git's last line of complaint, with anything unprintable replaced."""
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    last = lines[-1].removeprefix("fatal: ") if lines else ""
    return "".join(c if c.isprintable() else "?" for c in last)
