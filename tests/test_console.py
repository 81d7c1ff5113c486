"""The console script ends a run with `os._exit`: nothing it printed or wrote may be lost."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

# What the installed `relrot` script runs (pip writes it from `[project.scripts]`), and what
# it ran before: the library's `main`, which exits as usual.
SCRIPT = "import sys; sys.argv[0] = 'relrot'; from relrot.console import run; sys.exit(run())"
USUAL = "import sys; sys.argv[0] = 'relrot'; from relrot.cli import main; sys.exit(main())"
# A planted bug, then the script: the check of a valid file raises.
BUGGY = (
    "from relrot.project import Project\n"
    "def crash(*args, **kwargs):\n"
    "    raise ZeroDivisionError('a bug planted by the test')\n"
    "Project.check = crash\n" + SCRIPT
)
# A handler registered before the run, which a bare `os._exit` would drop.
AT_EXIT = "import atexit; atexit.register(print, 'the handler ran')\n" + SCRIPT
# `os._exit` made to write its code to the file named by RELROT_TEST_EXIT before it ends
# the process: the script's shortcut, seen from outside.
RECORDED = (
    "import os\n"
    "real = os._exit\n"
    "def recorder(code):\n"
    "    with open(os.environ['RELROT_TEST_EXIT'], 'w') as file:\n"
    "        file.write(repr(code))\n"
    "    real(code)\n"
    "os._exit = recorder\n"
)
# Something printed, then Ctrl-C: `main` exits 130 (the command's output guard flushed it).
INTERRUPTED = (
    "from relrot.project import Project\n"
    "def interrupted(*args, **kwargs):\n"
    "    print('checked half of it')\n"
    "    raise KeyboardInterrupt\n"
    "Project.check = interrupted\n"
)
# In relrot every command's output is flushed by its output guard and `main`, so `run`'s own
# flush is seen only with a `main` that leaves output in the buffer: this stand-in.
UNFLUSHED = (
    "import sys\n"
    "import relrot.cli.app\n"
    "app = sys.modules['relrot.cli.app']\n"
    "def unflushed():\n"
    "    sys.stdout.write('still in the buffer\\n')\n"
    "    sys.stderr.write('no line end')\n"
    "    sys.exit(1)\n"
    "app.main = unflushed\n"
)
# A thread of the caller's, not a daemon, still printing after the command is done.
# A thread that is still running when the run ends, however slow the machine: it waits for
# the main thread to finish, which happens only in the interpreter's usual shutdown.
THREAD = (
    "import threading\n"
    "def late():\n"
    "    threading.main_thread().join()\n"
    "    print('the thread finished', flush=True)\n"
    "threading.Thread(target=late).start()\n"
)


# Without PYTHONUNBUFFERED (a test runner may set it): standard output buffered, as a user's.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def _run(prefix: list[str], *args: str, cwd: Path) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, *prefix, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=ENV,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    # Versions with {n}: thousands of releases without a repeat.
    text = SEED.replace("13\n", "13\n  version: '{n}.0'\n", 1)
    (tmp_path / "rotation.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text(SEED + "  - {id: bob}\n", encoding="utf-8")
    return tmp_path


def test_the_console_script_is_relrot_console_run() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    scripts = text.split("[project.scripts]\n", 1)[1].split("\n\n", 1)[0]
    assert scripts == 'relrot = "relrot.console:run"'


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        (["plan", "--count", "3000", "--format", "json", "--today", "2026-01-01"], 0),
        (["plan", "--today", "2026-01-01"], 0),
        (["--file", "broken.yaml", "validate", "--today", "2026-01-01"], 1),
        (["validate", "--format", "sideways"], 2),
        (["--file", "missing.yaml", "who"], 2),
        (["--help"], 0),
        (["validate", "--help"], 0),
        ([], 2),
    ],
)
def test_the_script_prints_and_exits_as_the_library_main(
    folder: Path, arguments: list[str], code: int
) -> None:
    script = _run(["-c", SCRIPT], *arguments, cwd=folder)
    usual = _run(["-c", USUAL], *arguments, cwd=folder)
    assert script == usual
    assert script[0] == code
    assert script[1] or script[2]


def test_all_of_a_long_output_reaches_a_pipe(folder: Path) -> None:
    # Far more than a pipe's buffer; the command's output guard and `main` flush what is
    # left of it before `run` ends.
    code, out, _ = _run(["-c", SCRIPT], "plan", "--count", "3000", "--format", "csv", cwd=folder)
    assert code == 0
    assert len(out) > 100_000
    assert out.endswith("\n")
    assert len(out.splitlines()) == 3001


def test_an_internal_error_still_exits_3_with_its_crash_log(folder: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", BUGGY, "validate"],
        capture_output=True,
        text=True,
        cwd=folder,
        env={k: v for k, v in ENV.items() if k != "RELROT_DEBUG"}
        | {"XDG_CACHE_HOME": str(folder / "cache")},
        check=False,
    )
    assert done.returncode == 3
    assert done.stdout == ""
    where = re.search(r"the details are in (\S+): please attach it", done.stderr)
    assert where, done.stderr
    log = Path(where[1])
    assert log.parent == folder / "cache" / "relrot"
    assert "ZeroDivisionError: a bug planted by the test" in log.read_text(encoding="utf-8")


def test_a_registered_atexit_handler_still_runs(folder: Path) -> None:
    code, out, _ = _run(["-c", AT_EXIT], "--version", cwd=folder)
    assert (code, out) == (0, "relrot 0.1.0\nthe handler ran\n")


def test_a_typer_without_its_parameter_adapters_module_runs_as_usual(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A private module: a release the dependency range admits may lack it (None in
    # sys.modules makes its import fail as a missing module does).
    from relrot import console

    monkeypatch.setitem(sys.modules, "typer._adapters", None)

    console._import_parameter_adapters()


def test_a_python_without_cpythons_atexit_count_takes_the_usual_shutdown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import atexit

    from relrot import console

    monkeypatch.delattr(atexit, "_ncallbacks")

    assert console._may_skip_shutdown() is False


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        (["validate", "--today", "2026-01-01"], 0),
        (["--file", "broken.yaml", "validate", "--today", "2026-01-01"], 1),
        (["plan", "--count", "3000", "--format", "csv", "--today", "2026-01-01"], 0),
    ],
)
def test_the_script_ends_the_run_with_os_exit_and_its_code(
    folder: Path, arguments: list[str], code: int
) -> None:
    record = folder / "exit"
    done = subprocess.run(
        [sys.executable, "-c", RECORDED + SCRIPT, *arguments],
        capture_output=True,
        text=True,
        cwd=folder,
        env=ENV | {"RELROT_TEST_EXIT": str(record)},
        check=False,
    )
    assert done.returncode == code
    assert record.read_text(encoding="utf-8") == repr(code)
    # The library's entry point never takes the shortcut.
    record.unlink()
    subprocess.run(
        [sys.executable, "-c", RECORDED + USUAL, *arguments],
        capture_output=True,
        cwd=folder,
        env=ENV | {"RELROT_TEST_EXIT": str(record)},
        check=False,
    )
    assert not record.exists()


def test_the_script_flushes_what_main_left_buffered(folder: Path) -> None:
    record = folder / "exit"
    done = subprocess.run(
        [sys.executable, "-c", RECORDED + UNFLUSHED + SCRIPT],
        capture_output=True,
        text=True,
        cwd=folder,
        env=ENV | {"RELROT_TEST_EXIT": str(record)},
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        1,
        "still in the buffer\n",
        "no line end",
    )
    assert record.read_text(encoding="utf-8") == "1"


def test_an_interrupted_run_keeps_what_it_printed(folder: Path) -> None:
    record = folder / "exit"
    env = ENV | {"RELROT_TEST_EXIT": str(record)}
    done = subprocess.run(
        [sys.executable, "-c", RECORDED + INTERRUPTED + SCRIPT, "validate"],
        capture_output=True,
        text=True,
        cwd=folder,
        env=env,
        check=False,
    )
    assert (done.returncode, done.stdout) == (130, "checked half of it\n")
    assert record.read_text(encoding="utf-8") == "130"  # the shortcut, after the flush
    usual = _run(["-c", INTERRUPTED + USUAL], "validate", cwd=folder)
    assert usual == (done.returncode, done.stdout, done.stderr)


def _first_line(program: str, folder: Path) -> tuple[int, str, str]:
    """`relrot plan … | head -1` of a plan far longer than a pipe holds."""
    arguments = ["plan", "--count", "3000", "--format", "csv", "--today", "2026-01-01"]
    with subprocess.Popen(
        [sys.executable, "-c", program, *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=folder,
        env=ENV,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        line = process.stdout.readline()
        process.stdout.close()
        error = process.stderr.read()
        return process.wait(), line, error


def test_a_reader_that_stops_early_ends_both_runs_alike(folder: Path) -> None:
    script = _first_line(SCRIPT, folder)
    assert script == _first_line(USUAL, folder)
    assert script == (0, script[1], "")
    assert script[1].startswith("number,version,")


def _closed(program: str, folder: Path, *arguments: str) -> tuple[int, str, str]:
    done = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", sys.executable, "-c", program, *arguments],
        capture_output=True,
        text=True,
        cwd=folder,
        env=ENV,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def test_a_closed_standard_output_ends_both_runs_alike(folder: Path) -> None:
    script = _closed(SCRIPT, folder, "validate", "--today", "2026-01-01")
    assert script == _closed(USUAL, folder, "validate", "--today", "2026-01-01")
    assert script == (2, "", "relrot: error: cannot write the output: standard output is closed\n")


def _full(program: str, folder: Path, *arguments: str) -> tuple[int, str]:
    with Path("/dev/full").open("w") as full:
        done = subprocess.run(
            [sys.executable, "-c", program, *arguments],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=folder,
            env=ENV,
            check=False,
        )
    return done.returncode, done.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("count", ["3", "3000"])  # written at the last flush; while running
def test_a_full_device_ends_both_runs_alike(folder: Path, count: str) -> None:
    arguments = ["plan", "--count", count, "--format", "csv", "--today", "2026-01-01"]
    script = _full(SCRIPT, folder, *arguments)
    assert script == _full(USUAL, folder, *arguments)
    assert script == (2, "relrot: error: cannot write the output: No space left on device\n")


def test_a_running_thread_is_waited_for_as_by_the_library(folder: Path) -> None:
    record = folder / "exit"
    env = ENV | {"RELROT_TEST_EXIT": str(record)}
    done = subprocess.run(
        [sys.executable, "-c", RECORDED + THREAD + SCRIPT, "validate", "--today", "2026-01-01"],
        capture_output=True,
        text=True,
        cwd=folder,
        env=env,
        check=False,
    )
    assert done.stdout.endswith("the thread finished\n")
    assert not record.exists()  # the usual exit, which waits for the thread
    usual = _run(["-c", THREAD + USUAL], "validate", "--today", "2026-01-01", cwd=folder)
    assert usual == (done.returncode, done.stdout, done.stderr)
    assert done.returncode == 0
