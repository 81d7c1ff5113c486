"""Helpers shared by the commands that write the rotation file (swap, away)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CREW, Result

Run = Callable[..., Result]
# The CREW roster's plans in these tests are seen from this day.
TODAY = "2026-01-01"


def in_folder(
    text: str, rotation_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> Path:
    """`text` as ./rotation.yaml, so messages name the file as a user would type it."""
    path = rotation_file(text)
    monkeypatch.chdir(path.parent)
    return path


@pytest.fixture
def crew(rotation_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    return in_folder(CREW, rotation_file, monkeypatch)


def assert_valid(relrot: Run, today: str = TODAY) -> None:
    result = relrot("--file", "rotation.yaml", "validate", "--today", today)
    assert result.exit_code == 0, result


def assert_refused(result: Result, path: Path, before: str, stderr: str) -> None:
    """Refused with exit 1 and `stderr`; the file as it was and no temporary file left."""
    assert result.exit_code == 1, result
    assert result.stderr == stderr
    assert path.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["rotation.yaml"]
