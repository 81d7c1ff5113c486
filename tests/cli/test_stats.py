"""`relrot stats`: the fairness report in its three formats (SPEC 5.5)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import TODAY, Run
from tests.test_fairness import QA_HISTORY


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


def test_the_table_has_a_column_and_a_line_per_role(
    rotation_file: Callable[[str], Path], relrot: Run
) -> None:
    path = rotation_file(json.dumps(QA_HISTORY))
    result = relrot("--file", path, "stats", "--from", "1", "-n", "4", "--today", "2027-01-01")
    assert result.exit_code == 0, result
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    header = next(line for line in lines if "Member" in line)
    assert [cell.strip() for cell in header.strip("┃").split("┃")] == [
        "Member",
        "Pilot",
        "Co-pilot",
        "Jump seat",
        "QA",
        "Pilot-in-training",
        "Seats",
        "Share",
        "Fair share",
        "Last seat",
        "Next seat",
    ]
    dee = next(line for line in lines if "Dee" in line and "│" in line)
    assert [cell.strip() for cell in dee.strip("│").split("│")] == (
        ["Dee", "0", "0", "0", "1", "0", "0", "0%", "1.5", "-", "-"]
    )
    assert lines[
        lines.index("Why the load is uneven:") - 3 : lines.index("Why the load is uneven:")
    ] == [
        "Role QA: held in 4 of 4 release(s) by a pool of 3 active member(s); spread 1, standard "
        "deviation 0.47, Gini 0.17; most over their fair share: Bo, by 0.5.",
        "Role Pilot-in-training, by request: held in 1 of 4 release(s).",
        "",
    ]
