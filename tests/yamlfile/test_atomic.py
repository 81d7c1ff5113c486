"""Writing the rotation file: whole or not at all, never over a change made meanwhile."""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import fcntl
import os
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import msgspec
import pytest

from relrot.model import Swap
from relrot.problems import RelrotError, UsageError
from relrot.yamlfile import atomic
from relrot.yamlfile.atomic import WriteInterrupted, write_atomically
from relrot.yamlfile.load import Loaded, load, parse
from relrot.yamlfile.patch import encode_like
from tests.yamlfile.test_patch import (
    ENTRY,
    EXPECTED,
    FIXTURES,
    ROSTER,
    WITH_SWAP,
    copy_to,
    file_id,
    swap_entry,
    temporary_files,
    with_swap,
)


def prepared(tmp_path: Path) -> tuple[Path, Loaded, bytes]:
    target = tmp_path / "rotation.yaml"
    target.write_text(ROSTER, encoding="utf-8")
    loaded = load(target)
    new_raw = encode_like(loaded, with_swap(loaded, ENTRY).text)
    assert new_raw == WITH_SWAP.encode()
    return target, loaded, new_raw


def test_write_atomically_replaces_the_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target, loaded, new_raw = prepared(tmp_path)
    assert write_atomically(loaded, new_raw) is True
    assert target.read_bytes() == WITH_SWAP.encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rotation.yaml"]
    assert load(target).model.swaps == (Swap.model_validate(ENTRY),)


@pytest.mark.parametrize("path", FIXTURES, ids=file_id)
def test_a_written_edit_is_on_disk_byte_for_byte(path: Path, tmp_path: Path) -> None:
    target = copy_to(path, tmp_path)
    loaded = load(target)
    new_raw = encode_like(loaded, with_swap(loaded, swap_entry(loaded)).text)
    assert write_atomically(loaded, new_raw) is True
    assert target.read_bytes() == new_raw == (EXPECTED / f"{path.stem}.swap.yaml").read_bytes()


@pytest.mark.parametrize("mode", [0o640, 0o600, 0o664])
def test_the_file_mode_is_kept(tmp_path: Path, mode: int) -> None:
    target, loaded, new_raw = prepared(tmp_path)
    target.chmod(mode)
    write_atomically(loaded, new_raw)
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_a_symlinked_file_stays_a_link_and_its_target_is_updated(tmp_path: Path) -> None:
    # Both folders are in one checkout: a link may lead anywhere inside its repository.
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    real_folder = tmp_path / "shared"
    real_folder.mkdir()
    real = real_folder / "rotation.yaml"
    real.write_text(ROSTER, encoding="utf-8")
    real.chmod(0o640)
    repo = tmp_path / "repo"
    repo.mkdir()
    link = repo / "rotation.yaml"
    link.symlink_to(Path("..") / "shared" / "rotation.yaml")
    loaded = load(link)

    assert write_atomically(loaded, encode_like(loaded, with_swap(loaded, ENTRY).text)) is True

    assert link.is_symlink()
    assert link.readlink() == Path("..") / "shared" / "rotation.yaml"
    assert real.read_text(encoding="utf-8") == WITH_SWAP
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in real_folder.iterdir()) == ["rotation.yaml"]
    assert sorted(p.name for p in repo.iterdir()) == ["rotation.yaml"]


def failing(error: BaseException) -> Callable[..., None]:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise error

    return fail


@pytest.mark.parametrize(
    ("name", "target"),
    [("replace", os), ("fsync", os), ("chmod", os)],
)
def test_a_failed_write_leaves_the_original_and_no_temporary_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, target: object
) -> None:
    path, loaded, new_raw = prepared(tmp_path)
    monkeypatch.setattr(target, name, failing(OSError(errno.EIO, os.strerror(errno.EIO))))
    with pytest.raises(UsageError) as refused:
        write_atomically(loaded, new_raw)
    assert [p.message for p in refused.value.problems] == [
        f"{path}: could not write: Input/output error; the file is unchanged"
    ]
    assert refused.value.exit_code == 2
    assert path.read_text(encoding="utf-8") == ROSTER
    assert temporary_files(tmp_path) == []


def test_a_folder_where_no_temporary_file_can_be_made_is_a_clean_refusal(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A read-only checkout: the file may be readable while its folder takes no new files.
    path, loaded, new_raw = prepared(tmp_path)
    monkeypatch.setattr(
        tempfile,
        "NamedTemporaryFile",
        failing(PermissionError(errno.EACCES, os.strerror(errno.EACCES))),
    )
    with pytest.raises(UsageError) as refused:
        write_atomically(loaded, new_raw)
    assert [p.message for p in refused.value.problems] == [
        f"{path}: could not write: Permission denied; the file is unchanged"
    ]
    assert path.read_text(encoding="utf-8") == ROSTER


def test_an_interrupt_during_the_write_removes_the_temporary_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path, loaded, new_raw = prepared(tmp_path)
    monkeypatch.setattr(os, "replace", failing(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        write_atomically(loaded, new_raw)
    assert path.read_text(encoding="utf-8") == ROSTER
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rotation.yaml"]


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o440], ids=oct)
def test_a_read_only_file_is_refused_not_replaced(tmp_path: Path, mode: int) -> None:
    path, loaded, new_raw = prepared(tmp_path)
    path.chmod(mode)
    with pytest.raises(UsageError) as refused:
        write_atomically(loaded, new_raw)
    assert [p.message for p in refused.value.problems] == [
        f"{path} is read-only; nothing was written: make it writable first if it should change"
    ]
    assert path.read_text(encoding="utf-8") == ROSTER
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rotation.yaml"]


def test_a_file_this_user_may_not_write_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Someone else's 0644 file in a shared folder: renaming over it would still work.
    path, loaded, new_raw = prepared(tmp_path)
    monkeypatch.setattr(os, "access", lambda _path, mode: mode != os.W_OK)
    with pytest.raises(UsageError) as refused:
        write_atomically(loaded, new_raw)
    assert refused.value.problems[0].message.startswith(f"{path} is read-only; nothing was written")
    assert path.read_text(encoding="utf-8") == ROSTER


def test_a_hard_linked_file_is_refused_not_split(tmp_path: Path) -> None:
    path, loaded, new_raw = prepared(tmp_path)
    other = tmp_path / "other-name.yaml"
    other.hardlink_to(path)
    with pytest.raises(UsageError) as refused:
        write_atomically(loaded, new_raw)
    assert [p.message for p in refused.value.problems] == [
        f"{path} has 2 hard links, and the new file would take the place of this one only "
        "(the others would keep the old text); nothing was written: edit it by hand, or copy "
        "it to a file of its own first"
    ]
    assert path.read_text(encoding="utf-8") == other.read_text(encoding="utf-8") == ROSTER
    assert path.stat().st_ino == other.stat().st_ino
    assert temporary_files(tmp_path) == []


as_root = pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() != 0, reason="only root gives files away"
)


@as_root
@pytest.mark.parametrize(
    ("may_change", "kept"),
    [
        ("owner and group", (True, True)),  # root
        ("group", (False, True)),  # a member of the file's group
        ("nothing", (False, False)),  # anyone else: the write still goes ahead
    ],
)
def test_the_owner_and_group_are_kept_as_far_as_the_process_may(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, may_change: str, kept: tuple[bool, bool]
) -> None:
    path, loaded, new_raw = prepared(tmp_path)
    os.chown(path, 4321, 8765)
    chown = os.chown

    def chown_if_permitted(where: Path, uid: int, gid: int) -> None:
        if may_change == "nothing" or (may_change == "group" and uid != -1):
            raise PermissionError(errno.EPERM, os.strerror(errno.EPERM))
        chown(where, uid, gid)

    monkeypatch.setattr(os, "chown", chown_if_permitted)
    assert write_atomically(loaded, new_raw) is True
    assert path.read_bytes() == new_raw
    owner = (path.stat().st_uid, path.stat().st_gid)
    assert owner == (4321 if kept[0] else os.getuid(), 8765 if kept[1] else os.getgid())


CONCURRENT = ROSTER.replace("  - id: elvis\n", "  - id: elvis\n  - id: kai\n")


def test_a_file_changed_after_it_was_read_is_not_overwritten(tmp_path: Path) -> None:
    path, loaded, new_raw = prepared(tmp_path)
    path.write_text(CONCURRENT, encoding="utf-8")
    with pytest.raises(RelrotError) as refused:
        write_atomically(loaded, new_raw)
    assert [p.message for p in refused.value.problems] == [
        f"{path} changed while relrot was working; nothing was written: run the command again"
    ]
    assert path.read_text(encoding="utf-8") == CONCURRENT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rotation.yaml"]


def test_a_file_changed_while_the_temporary_file_is_written_is_not_overwritten(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path, loaded, new_raw = prepared(tmp_path)
    fsync = os.fsync

    def fsync_and_race(descriptor: int) -> None:
        # An editor, which takes no lock, saves while relrot syncs its temporary file.
        path.write_text(CONCURRENT, encoding="utf-8")
        fsync(descriptor)

    monkeypatch.setattr(os, "fsync", fsync_and_race)
    with pytest.raises(RelrotError) as refused:
        write_atomically(loaded, new_raw)
    assert refused.value.problems[0].message == (
        f"{path} changed while relrot was working; nothing was written: run the command again"
    )
    assert path.read_text(encoding="utf-8") == CONCURRENT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rotation.yaml"]


def test_a_file_removed_after_it_was_read_is_not_recreated(tmp_path: Path) -> None:
    path, loaded, new_raw = prepared(tmp_path)
    path.unlink()
    with pytest.raises(UsageError) as refused:
        write_atomically(loaded, new_raw)
    assert [p.message for p in refused.value.problems] == [
        f"{path}: cannot read it again: No such file or directory"
    ]
    assert list(tmp_path.iterdir()) == []


RACERS = 6
RACE_ROUNDS = 50
CHANGED = "changed while relrot was working; nothing was written: run the command again"


def race(writers: list[tuple[Loaded, bytes]]) -> list[bool | RelrotError]:
    """Start every writer at once; each one's result, or the refusal it met."""
    outcomes: list[bool | RelrotError] = [False] * len(writers)
    start = threading.Barrier(len(writers))

    def write(index: int) -> None:
        loaded, new_raw = writers[index]
        start.wait()
        try:
            outcomes[index] = write_atomically(loaded, new_raw)
        except RelrotError as refused:
            outcomes[index] = refused

    threads = [threading.Thread(target=write, args=(i,)) for i in range(len(writers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def race_rounds(path: Path, rounds: int) -> None:
    """Each round, writers that read the same bytes race: exactly one writes, and the file
    then holds exactly its text; every other writer is refused."""
    for round_number in range(rounds):
        raw = path.read_bytes()
        loaded = parse(raw, str(path))
        writers = [
            (
                msgspec.structs.replace(loaded),
                raw + f"# round {round_number}, writer {w}\n".encode(),
            )
            for w in range(RACERS)
        ]
        outcomes = race(writers)
        winners = [w for w, outcome in enumerate(outcomes) if outcome is True]
        assert len(winners) == 1, (round_number, outcomes)
        assert path.read_bytes() == writers[winners[0]][1]
        for outcome in outcomes:
            if isinstance(outcome, RelrotError):
                assert [p.message for p in outcome.problems] == [f"{path} {CHANGED}"]
    assert temporary_files(path.parent) == []


def test_of_writers_that_read_the_same_bytes_exactly_one_writes(tmp_path: Path) -> None:
    path = tmp_path / "rotation.yaml"
    path.write_text(ROSTER, encoding="utf-8")
    race_rounds(path, RACE_ROUNDS)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rotation.yaml"]
    assert path.read_text(encoding="utf-8").count("# round ") == RACE_ROUNDS


def test_where_a_folder_cannot_be_locked_a_lock_file_serialises_the_writers(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # NFS grants an exclusive flock only to a file open for writing.
    flock = fcntl.flock

    def refuse_folders(descriptor: int, operation: int) -> None:
        if stat.S_ISDIR(os.fstat(descriptor).st_mode):
            raise OSError(errno.EBADF, os.strerror(errno.EBADF))
        flock(descriptor, operation)

    monkeypatch.setattr(fcntl, "flock", refuse_folders)
    path = tmp_path / "rotation.yaml"
    path.write_text(ROSTER, encoding="utf-8")
    race_rounds(path, 10)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".rotation.yaml.lock", "rotation.yaml"]


def test_a_writer_stuck_holding_the_lock_makes_the_next_give_up_cleanly(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path, loaded, new_raw = prepared(tmp_path)
    monkeypatch.setattr(atomic, "LOCK_PATIENCE_SECONDS", 0.05)
    folder = os.open(tmp_path, os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        with pytest.raises(UsageError) as refused:
            write_atomically(loaded, new_raw)
    finally:
        os.close(folder)
    assert [p.message for p in refused.value.problems] == [
        f"{path}: could not write: another relrot has been writing there for 0.05 seconds; "
        "the file is unchanged"
    ]
    assert path.read_text(encoding="utf-8") == ROSTER
    assert write_atomically(loaded, new_raw) is True


def code_under_test() -> dict[str, str]:
    """The environment for a Python process that imports this relrot, not an installed one."""
    source = str(Path(atomic.__file__).parents[2])
    return {**os.environ, "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}


RACE_CREW = """\
schedule:
  first_release: 2026-01-13
members:
  - id: ana
  - id: bert
  - id: clay
  - id: debi
  - id: emil
  - id: fay
"""


def start_away(folder: Path, member: str, first: dt.date) -> subprocess.Popen[str]:
    """`relrot away` in a process of its own."""
    command = [
        sys.executable,
        "-m",
        "relrot",
        "away",
        member,
        str(first),
        str(first.replace(day=20)),
    ]
    return subprocess.Popen(
        [*command, "--today", "2026-01-01"],
        cwd=folder,
        env=code_under_test(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_relrot_processes_started_together_lose_no_change(tmp_path: Path) -> None:
    """Real `relrot away` runs on distinct members: whoever exits 0 has its range in the file,
    everyone else was refused. (A process costs most of a second of imports, so this is one
    round; the threads above race fifty.)"""
    path = tmp_path / "rotation.yaml"
    path.write_text(RACE_CREW, encoding="utf-8")
    members = [line.split()[-1] for line in RACE_CREW.splitlines() if "- id:" in line]
    # One member away in each year's January release: however the runs happen to interleave
    # (together, or one after another on a busy machine), no range can add a problem.
    firsts = {member: dt.date(2035 + year, 1, 1) for year, member in enumerate(members)}
    runs = {member: start_away(tmp_path, member, first) for member, first in firsts.items()}
    written = []
    for member, run in runs.items():
        _, stderr = run.communicate(timeout=60)
        if run.returncode == 0:
            written.append((member, firsts[member]))
        else:
            expected = f"rotation.yaml: error [edit] rotation.yaml {CHANGED}\n"
            assert (run.returncode, stderr) == (1, expected)
    assert written
    recorded = [(m.id, r.start) for m in load(path).model.members for r in m.away]
    assert recorded == written
    assert temporary_files(tmp_path) == []


# --- signals during a write ---------------------------------------------------------------------

STOP_SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP]


@dataclasses.dataclass
class Noting:
    """Handlers that note each signal and return, as a program that logs and goes on."""

    signals: list[int] = dataclasses.field(default_factory=list)

    def __call__(self, signum: int, _frame: object) -> None:
        self.signals.append(signum)


@pytest.fixture
def noting() -> Iterator[Noting]:
    handler = Noting()
    previous = {signum: signal.signal(signum, handler) for signum in STOP_SIGNALS}
    try:
        yield handler
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def signal_after_fsync(monkeypatch: pytest.MonkeyPatch, signum: int, call: int) -> None:
    """`os.fsync` sends `signum` to this process as its `call`-th call returns: the first
    syncs the temporary file, the second the folder after the rename."""
    fsync = os.fsync
    calls: list[int] = []

    def fsync_then_signal(descriptor: int) -> None:
        fsync(descriptor)
        calls.append(descriptor)
        if len(calls) == call:
            os.kill(os.getpid(), signum)

    monkeypatch.setattr(os, "fsync", fsync_then_signal)


@pytest.mark.parametrize("signum", STOP_SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_a_signal_before_the_rename_abandons_the_write_and_reaches_the_old_handler(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, noting: Noting, signum: int
) -> None:
    path, loaded, new_raw = prepared(tmp_path)
    signal_after_fsync(monkeypatch, signum, call=1)
    with pytest.raises(WriteInterrupted) as stopped:
        write_atomically(loaded, new_raw)
    assert (
        str(stopped.value)
        == f"{signal.Signals(signum).name} stopped the write; the file is unchanged"
    )
    assert noting.signals == [signum]
    assert all(signal.getsignal(s) is noting for s in STOP_SIGNALS)
    assert path.read_text(encoding="utf-8") == ROSTER
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rotation.yaml"]


def test_a_signal_after_the_rename_lets_the_write_finish_first(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, noting: Noting
) -> None:
    path, loaded, new_raw = prepared(tmp_path)
    signal_after_fsync(monkeypatch, signal.SIGTERM, call=2)
    assert write_atomically(loaded, new_raw) is True
    assert noting.signals == [signal.SIGTERM]
    assert path.read_bytes() == new_raw
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rotation.yaml"]


def test_a_signal_while_waiting_for_the_lock_stops_the_wait(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, noting: Noting
) -> None:
    path, loaded, new_raw = prepared(tmp_path)
    monkeypatch.setattr(time, "sleep", lambda _seconds: os.kill(os.getpid(), signal.SIGTERM))
    folder = os.open(tmp_path, os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        with pytest.raises(WriteInterrupted):
            write_atomically(loaded, new_raw)
    finally:
        os.close(folder)
    assert noting.signals == [signal.SIGTERM]
    assert path.read_text(encoding="utf-8") == ROSTER


def test_an_ignored_signal_stays_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # `nohup relrot swap ...`: a hang-up must not stop the write.
    path, loaded, new_raw = prepared(tmp_path)
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        signal_after_fsync(monkeypatch, signal.SIGHUP, call=1)
        assert write_atomically(loaded, new_raw) is True
        assert signal.getsignal(signal.SIGHUP) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, previous)
    assert path.read_bytes() == new_raw


TERMINATED_WRITE = """
import os, signal, sys
from relrot.yamlfile.atomic import write_atomically
from relrot.yamlfile.load import load

fsync = os.fsync

def fsync_then_terminate(descriptor):
    fsync(descriptor)
    os.kill(os.getpid(), signal.SIGTERM)

loaded = load(sys.argv[1])
os.fsync = fsync_then_terminate
write_atomically(loaded, sys.argv[2].encode())
print("not terminated")
"""


def test_a_process_terminated_during_the_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    """With the default handler the signal still ends the process, after the cleanup."""
    path = tmp_path / "rotation.yaml"
    path.write_text(ROSTER, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", TERMINATED_WRITE, str(path), WITH_SWAP],
        env=code_under_test(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (run.returncode, run.stdout) == (-signal.SIGTERM, ""), run.stderr
    assert path.read_text(encoding="utf-8") == ROSTER
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rotation.yaml"]


@pytest.mark.skipif(sys.platform == "win32", reason="no lock, so no way to know a writer is gone")
def test_a_writer_removes_the_temporary_files_killed_writers_left(tmp_path: Path) -> None:
    target, loaded, new_raw = prepared(tmp_path)
    stale = [".rotation.yaml.k1ll3d_0.tmp", ".rotation.yaml.abcdefgh.tmp"]
    for name in stale:
        (tmp_path / name).write_text("half a roster", encoding="utf-8")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    (tmp_path / ".rotation.yaml.linkedto.tmp").symlink_to(victim)
    # Not a leftover of this file's writers: another file's, a folder, the user's own files.
    kept = [".other.yaml.abcdefgh.tmp", ".rotation.yaml.notours.tmp.bak", "rotation.yaml.x.tmp"]
    for name in kept:
        (tmp_path / name).write_text("someone else's", encoding="utf-8")
    (tmp_path / ".rotation.yaml.afolder1.tmp").mkdir()

    assert write_atomically(loaded, new_raw) is True

    assert target.read_bytes() == WITH_SWAP.encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["rotation.yaml", "victim.txt", ".rotation.yaml.afolder1.tmp", *kept]
    )
    assert victim.read_text(encoding="utf-8") == "keep me\n"


@pytest.mark.skipif(sys.platform == "win32", reason="no SIGKILL, no lock")
def test_a_killed_writer_leaves_a_temporary_file_the_next_edit_removes(tmp_path: Path) -> None:
    # The real thing: a writer SIGKILLed between writing its temporary file and the rename.
    target, loaded, new_raw = prepared(tmp_path)
    script = (
        "import os, sys\n"
        "from relrot.yamlfile import atomic\n"
        "from relrot.yamlfile.load import load\n"
        "def die(*args): os.kill(os.getpid(), 9)\n"
        "atomic.os.replace = die\n"
        f"loaded = load({str(target)!r})\n"
        f"atomic.write_atomically(loaded, {new_raw!r})\n"
    )
    killed = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "PYTHONPATH": str(Path(atomic.__file__).parents[2])},
        check=False,
        timeout=120,  # a safety net only
    )
    assert killed.returncode == -signal.SIGKILL
    left = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(left) == 1
    assert write_atomically(loaded, new_raw) is True
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rotation.yaml"]
