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


HISTORY = ("--file", "tests/data/portfolio/history.yaml", "stats", "--today", "2026-06-01")


def test_across_projects_json_worked_out_by_hand(relrot: Run) -> None:
    # Two releases of each project counted, every one pinned. Each has 2 seats and 4 core
    # members free (eve is not core), so each member's fair share is 0.5 a release: 1.0 per
    # project, 2.0 in all. Seats: ana 2 + 1 = 3, ben 2, cy 1, dee 2, so spread 3 - 1 = 2;
    # mean 2, stdev sqrt((1 + 0 + 1 + 0) / 4) = 0.7071; Gini: the pairs differ by
    # 1, 1, 2, 0, 1, 1 = 6, twice over 16 pairs is 12/16 = 0.75, over twice the mean: 0.1875.
    result = relrot(*HISTORY, "--count", "2", "--format", "json")
    assert result.exit_code == 0, result
    shown = json.loads(result.stdout)
    totals = [
        (m["member"], m["pilot"], m["co_pilot"], m["seats"], m["projects"], m["fair_share"])
        for m in shown["members"]
    ]
    assert totals == [
        ("ana", 1, 2, 3, {"app": 2, "lib": 1}, 2.0),
        ("ben", 1, 1, 2, {"app": 2, "lib": 0}, 2.0),
        ("cy", 1, 0, 1, {"app": 0, "lib": 1}, 2.0),
        ("dee", 1, 1, 2, {"app": 0, "lib": 2}, 2.0),
        ("eve", 0, 0, 0, {"app": 0, "lib": 0}, 0.0),
    ]
    assert [m["over"] for m in shown["members"]] == [1.0, 0.0, -1.0, 0.0, 0.0]
    assert shown["members"][4]["jump_seat"] == 1
    assert shown["team"] == {
        "active_core": ["ana", "ben", "cy", "dee"],
        "spread": 2,
        "stdev": 0.7071,
        "gini": 0.1875,
        "most_over": {"member": "ana", "by": 1.0},
        "most_seats": {"member": "ana", "seats": 3},
    }
    # Each project's own report, as `--project` prints it, with its id first.
    spans = [(p["project"], p["from"], p["through"], p["pinned"]) for p in shown["projects"]]
    assert spans == [("app", "26.1.0", "26.3.0", 2), ("lib", "2026-01", "2026-03", 2)]
    alone = relrot(
        "--project", "lib", *HISTORY[:3], *HISTORY[3:], "--count", "2", "--format", "json"
    )
    assert {"project": "lib", "name": "lib", **json.loads(alone.stdout)} == shown["projects"][1]
    assert shown["projects"][0]["name"] == "The app"


def test_across_projects_text_worked_out_by_hand(relrot: Run) -> None:
    result = relrot(*HISTORY, "--count", "2")
    assert result.exit_code == 0, result
    rows = [line.split("│")[1:-1] for line in result.stdout.splitlines() if "│" in line]
    assert [[c.strip() for c in row] for row in rows] == [
        ["Ana", "2", "1", "3", "1", "2", "0", "2.0", "+1.0"],
        ["Ben", "2", "0", "2", "1", "1", "0", "2.0", "+0.0"],
        ["Cy", "0", "1", "1", "1", "0", "0", "2.0", "-1.0"],
        ["Dee", "0", "2", "2", "1", "1", "0", "2.0", "+0.0"],
        ["Eve", "0", "0", "0", "0", "0", "1", "-", "-"],
    ]
    assert result.stdout.splitlines()[-5:] == [
        "Project app (The app): 2 releases, 26.1.0 to 26.3.0 (2 pinned).",
        "Project lib: 2 releases, 2026-01 to 2026-03 (2 pinned).",
        "Seats per active core member over 2 project(s): spread 2, standard deviation 0.71, "
        "Gini 0.19.",
        "Most seats: Ana, 3 in all projects.",
        "Most over their fair share: Ana, by 1.0 seat(s) (3 held, 2.0 fair).",
    ]
    markdown = relrot(*HISTORY, "--count", "2", "--format", "markdown")
    assert "| Member | app | lib | Seats | Pilot |" in markdown.stdout
    assert "| Ana | 2 | 1 | 3 | 1 | 2 | 0 | 2.0 | +1.0 |" in markdown.stdout


def test_across_projects_from_names_a_release_of_every_project(relrot: Run) -> None:
    # A date starts every project there: the app's 26.3.0 and the library's 2026-03 term.
    result = relrot(*HISTORY, "--from", "2026-03-01", "--count", "1", "--format", "json")
    assert result.exit_code == 0, result
    spans = [(p["project"], p["from"]) for p in json.loads(result.stdout)["projects"]]
    assert spans == [("app", "26.3.0"), ("lib", "2026-03")]
    version = relrot(*HISTORY, "--from", "26.3.0")
    assert version.exit_code == 2, version
    assert "--from 26.3.0 is not a release of every project" in version.stderr
