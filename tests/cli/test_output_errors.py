"""Output that cannot be written is a usage error with one line, never a crash (exit 3)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED

RELROT = [sys.executable, "-m", "relrot"]


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    path = tmp_path / "rotation.yaml"
    path.write_text(SEED, encoding="utf-8")
    return path


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_exit_2_with_a_reason(seed: Path) -> None:
    with Path("/dev/full").open("w") as full:
        result = subprocess.run(
            [*RELROT, "--file", str(seed), "plan", "--format", "ics", "--count", "400"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode == 2, result.stderr
    assert result.stderr == "relrot: error: cannot write the output: No space left on device\n"


def test_a_closed_standard_output_is_exit_2_with_a_reason(seed: Path) -> None:
    result = subprocess.run(
        ["/bin/sh", "-c", '"$@" >&-', "sh", *RELROT, "--file", str(seed), "validate"],
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr == "relrot: error: cannot write the output: standard output is closed\n"


def test_a_reader_that_goes_away_is_not_an_error(seed: Path) -> None:
    result = subprocess.run(
        [
            "/bin/sh",
            "-c",
            '"$@" | head -c 10 >/dev/null',
            "sh",
            *RELROT,
            "--file",
            str(seed),
            "plan",
            "--format",
            "ics",
            "--count",
            "500",
            "--from",
            "1",
        ],
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.stderr == ""
