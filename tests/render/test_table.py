"""The plan table: a few screens' worth of rows, then a pointer to the formats for tools."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from relrot.model import RotationFile
from relrot.render.table import MAX_ROWS, build_table
from relrot.yamlfile.load import parse
from tests.conftest import SEED, plan_of

ROTATION: RotationFile = parse(SEED.replace("13\n", "13\n  version: '{n}.0'\n", 1).encode()).model


def _shown(count: int) -> list[str]:
    out = io.StringIO()
    releases = plan_of(ROTATION, count).releases[:count]
    Console(file=out, width=120, color_system=None).print(build_table(releases, ROTATION, "t"))
    return out.getvalue().splitlines()


def _numbers(lines: list[str]) -> list[int]:
    cells = [line.split("│")[1].strip() for line in lines if line.startswith("│")]
    return [int(cell) for cell in cells if cell.isdigit()]


@pytest.mark.parametrize("count", [1, 6, MAX_ROWS])
def test_a_plan_of_a_few_screens_shows_every_release_and_no_note(count: int) -> None:
    lines = _shown(count)
    assert _numbers(lines) == list(range(1, count + 1))
    assert lines[-1].startswith("└")


def test_a_longer_plan_shows_the_first_rows_and_names_the_formats_for_all() -> None:
    lines = _shown(MAX_ROWS + 1)
    assert _numbers(lines) == list(range(1, MAX_ROWS + 1))
    assert lines[-1].rstrip() == (
        "The first 200 of 201 releases; for all of them, use --format csv or --format json."
    )
