"""`relrot stats`: the fairness report in its three formats (SPEC 5.5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import TODAY, Run


@pytest.mark.usefixtures("crew")
def test_stats_in_every_format(relrot: Run) -> None:
    base = ("--file", "rotation.yaml", "stats", "--count", "8", "--today", TODAY)
    shown = json.loads(relrot(*base, "--format", "json").stdout)
    assert (shown["from"], shown["through"], shown["releases"]) == ("26.1.0", "27.3.0", 8)
    assert sum(m["seats"] for m in shown["members"]) == 16
    markdown = relrot(*base, "--format", "markdown")
    assert markdown.exit_code == 0, markdown
    assert markdown.stdout.startswith("### Is the rotation fair?\n\n| Member | Pilot |")
    table = relrot(*base)
    assert table.exit_code == 0, table
    assert "Seats per active core member: spread" in table.stdout


def test_from_names_the_first_release_counted(crew: Path, relrot: Run) -> None:
    result = relrot("--file", crew, "stats", "--from", "26.5.0", "-n", "2", "--format", "json")
    assert json.loads(result.stdout)["from"] == "26.5.0"
