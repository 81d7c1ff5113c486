"""A bug in relrot (exit 3) leaves evidence: a crash log with the traceback and versions."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from relrot.cli import main
from relrot.project import Project
from tests.conftest import SEED


def crash(*_args: object, **_kwargs: object) -> None:
    raise ZeroDivisionError("a bug planted by the test")


@pytest.fixture
def buggy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A valid file, and a project whose check has a bug; the cache folder under tmp_path."""
    path = tmp_path / "rotation.yaml"
    path.write_text(SEED, encoding="utf-8")
    monkeypatch.setattr(Project, "check", crash)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("RELROT_DEBUG", raising=False)
    monkeypatch.setattr(sys, "argv", ["relrot", "--file", str(path), "validate"])
    return path


def test_an_internal_error_writes_a_crash_log_and_says_where(
    buggy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 3
    err = capsys.readouterr().err
    match = re.fullmatch(
        r"relrot: internal error \(ZeroDivisionError\); this is a bug in relrot, not in your "
        r"file; the details are in (\S+): please attach it to a bug report\n",
        err,
    )
    assert match, err
    log = Path(match[1])
    assert log.parent == buggy.parent / "cache" / "relrot"
    text = log.read_text(encoding="utf-8")
    assert f"command: relrot --file {buggy} validate" in text
    assert re.search(r"^  pydantic \d", text, re.MULTILINE)
    assert "ZeroDivisionError: a bug planted by the test" in text
    assert "Traceback (most recent call last)" in text


def test_relrot_debug_prints_the_traceback_instead(
    buggy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RELROT_DEBUG", "1")
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 3
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err
    assert "ZeroDivisionError: a bug planted by the test" in err
    assert not (buggy.parent / "cache").exists()


def test_an_unwritable_cache_still_gives_one_line(
    buggy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = buggy.parent / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    with pytest.raises(SystemExit):
        main()
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "no crash log could be written" in err
    assert "RELROT_DEBUG=1" in err
