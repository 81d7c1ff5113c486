"""The cycle collector held while files are read, and through the console script's start-up."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator

import pytest

from relrot.collector import START_UP_THRESHOLD, Hold
from tests.conftest import ROOT


@pytest.fixture
def usual_collector() -> Iterator[tuple[int, int, int]]:
    """The collector's threshold, restored and its frozen objects handed back afterwards."""
    usual = gc.get_threshold()
    frozen = gc.get_freeze_count()
    try:
        yield usual
    finally:
        if gc.get_freeze_count() > frozen:
            gc.unfreeze()
        gc.set_threshold(*usual)
        gc.enable()


def test_a_read_neither_freezes_nor_changes_the_threshold(
    usual_collector: tuple[int, int, int],
) -> None:
    frozen = gc.get_freeze_count()
    hold = Hold()
    with hold.held():
        assert not gc.isenabled()
    assert (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count()) == (
        True,
        usual_collector,
        frozen,
    )


def test_the_first_read_of_the_start_up_freezes_what_it_built_and_ends_it(
    usual_collector: tuple[int, int, int],
) -> None:
    hold = Hold()
    hold.start_up()
    assert gc.get_threshold() == (START_UP_THRESHOLD, *usual_collector[1:])
    with hold.held():
        built = [[index] for index in range(100)]
    frozen = gc.get_freeze_count()
    assert frozen >= len(built)
    assert gc.get_threshold() == usual_collector
    with hold.held():  # the start-up is over: a second read freezes nothing
        [[index] for index in range(100)]
    assert gc.get_freeze_count() == frozen


def test_a_read_inside_another_ends_the_start_up_with_the_outer_one(
    usual_collector: tuple[int, int, int],
) -> None:
    hold = Hold()
    hold.start_up()
    with hold.held():
        with hold.held():
            pass
        assert gc.get_threshold()[0] == START_UP_THRESHOLD
    assert gc.get_threshold() == usual_collector


# What a run leaves of the collector: enabled, its threshold, and whether it froze objects.
AFTER_RUN = (
    "import gc, os, sys\n"
    "real = os._exit\n"
    "def shown(code):\n"
    "    print(gc.isenabled(), gc.get_threshold(), gc.get_freeze_count() > 0, file=sys.stderr)\n"
    "    real(code)\n"
    "os._exit = shown\n"
    "sys.argv = ['relrot', '--file', 'rotation.yaml', 'validate', '--today', '2026-11-21']\n"
)


def _after(run: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", AFTER_RUN + run],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stderr.splitlines()[-1]


def test_the_console_script_freezes_its_start_up_and_then_collects_as_usual() -> None:
    usual = gc.get_threshold()
    assert _after("from relrot.console import run\nrun()") == f"True {usual} True"


def test_the_library_main_freezes_nothing() -> None:
    usual = gc.get_threshold()
    run = "from relrot.cli import main\ntry:\n    main()\nexcept SystemExit:\n    shown(0)"
    assert _after(run) == f"True {usual} False"
