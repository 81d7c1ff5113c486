"""`relrot shipped`: the day a release actually shipped, recorded in its pinned entry."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import in_folder
from tests.conftest import Result

Run = Callable[..., Result]

PINNED = """\
schedule:
  first_release: 2026-01-13
members:
  - {id: ana}
  - {id: ben}
  - {id: cat}
  - {id: dee}
releases:
  - version: 26.1.0
    date: 2026-01-13   # as planned
    pilot: ana
    co_pilot: ben
  - {version: 26.3.0, pilot: ben, co_pilot: ana}
"""


@pytest.fixture
def pinned(rotation_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    return in_folder(PINNED, rotation_file, monkeypatch)


def test_the_date_of_a_pinned_release_is_replaced_in_place(relrot: Run, pinned: Path) -> None:
    result = relrot("shipped", "26.1.0", "2026-01-21", "--today", "2026-02-01", "--yes")

    assert result.exit_code == 0, result
    assert result.stdout == "26.1.0 shipped on Wed 2026-01-21 (planned Tue 2026-01-13)\n"
    assert pinned.read_text(encoding="utf-8") == PINNED.replace(
        "2026-01-13   # as planned", "2026-01-21   # as planned"
    )


def test_a_flow_entry_without_a_date_gets_one(relrot: Run, pinned: Path) -> None:
    result = relrot("shipped", "26.3.0", "2026-03-24", "--today", "2026-04-01", "--yes")

    assert result.exit_code == 0, result
    assert pinned.read_text(encoding="utf-8") == PINNED.replace(
        "co_pilot: ana}", "co_pilot: ana, date: 2026-03-24}"
    )


def test_an_unpinned_release_is_pinned_up_to_it_with_its_date(relrot: Run, pinned: Path) -> None:
    result = relrot("shipped", "26.5.0", "2026-05-20", "--today", "2026-06-01", "--yes")

    assert result.exit_code == 0, result
    assert pinned.read_text(encoding="utf-8").endswith(
        "  - {version: 26.3.0, pilot: ben, co_pilot: ana}\n"
        "  - {version: 26.5.0, date: 2026-05-20, pilot: ben, co_pilot: cat}\n"
    )


@pytest.mark.usefixtures("pinned")
def test_plan_shows_the_planned_date_beside_the_shipped_one(relrot: Run) -> None:
    relrot("shipped", "26.1.0", "2026-01-21", "--today", "2026-02-01", "--yes")

    result = relrot("plan", "--from", "26.1.0", "--count", "1", "--format", "markdown")

    assert result.exit_code == 0, result
    assert "shipped Wed 2026-01-21, planned Tue 2026-01-13" in result.stdout


def test_recording_the_same_date_again_changes_nothing(relrot: Run, pinned: Path) -> None:
    result = relrot("shipped", "26.1.0", "2026-01-13", "--today", "2026-02-01", "--yes")

    assert result.exit_code == 0, result
    assert result.stdout == "26.1.0 is recorded as shipped on 2026-01-13 already\n"
    assert pinned.read_text(encoding="utf-8") == PINNED


@pytest.mark.parametrize(
    ("release", "day", "message"),
    [
        ("26.5.0", "2026-06-02", "2026-06-02 is after today (2026-06-01)"),
        ("26.3.0", "2026-01-10", "26.3.0 cannot have shipped on 2026-01-10: 26.1.0 shipped on"),
        ("26.3.0", "2026-05-13", "26.3.0 cannot have shipped on 2026-05-13: 26.5.0 is due on"),
    ],
)
def test_a_day_that_cannot_be_is_a_usage_error(
    relrot: Run, pinned: Path, release: str, day: str, message: str
) -> None:
    result = relrot("shipped", release, day, "--today", "2026-06-01", "--yes")

    assert result.exit_code == 2, result
    assert message in result.stderr
    assert pinned.read_text(encoding="utf-8") == PINNED
