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


def _run(prefix: list[str], *args: str, cwd: Path) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, *prefix, *args], capture_output=True, text=True, cwd=cwd, check=False
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
    # Far more than a pipe's buffer, all of it still in Python's buffer when the run ends.
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
        env={k: v for k, v in os.environ.items() if k != "RELROT_DEBUG"}
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
