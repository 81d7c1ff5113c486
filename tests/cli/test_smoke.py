from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import SEED, Result


def test_seed_example_through_the_cli(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    path = rotation_file(SEED)
    result = relrot(
        "--file", path, "plan", "--from", "1900-01-01", "--count", "5", "--format", "json"
    )
    assert result.exit_code == 0, result
    crews = [(r["pilot"], r["co_pilot"]) for r in json.loads(result.stdout)["releases"]]
    assert crews == [
        ("bob", "jane"),
        ("jane", "bob"),
        ("jane", "tobby"),
        ("tobby", "jane"),
        ("tobby", "elvis"),
    ]


def test_file_is_accepted_after_the_command_name_too(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    path = rotation_file(SEED)
    args = ("--from", "1900-01-01", "--count", "2", "--format", "json")
    before = relrot("--file", path, "plan", *args)
    after = relrot("plan", *args, "--file", path)
    short = relrot("plan", "-f", path, *args)
    assert before.exit_code == after.exit_code == short.exit_code == 0, after
    assert before.stdout == after.stdout == short.stdout
    # Given in both places, the one after the command name is the one used.
    elsewhere = rotation_file(SEED.replace("2026-01-13", "2027-01-12"), "other.yaml")
    both = relrot("--file", path, "plan", *args, "--file", elsewhere)
    assert json.loads(both.stdout)["releases"][0]["version"] == "27.1.0"
