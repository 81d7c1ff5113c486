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
