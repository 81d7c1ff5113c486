"""`relrot who` (SPEC 5.4): "on duty" only inside a duty window, else "next on duty"; where
windows overlap, every release on duty."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Result

Run = Callable[..., Result]
ROSTER = "members: [{id: bob}, {id: jane}, {id: tobby}, {id: elvis}]\n"
# Bi-monthly; a duty window runs from a week before release day to a week after:
# 26.1.0 Tue 2026-01-13 (01-06..01-20, bob/jane), 26.3.0 Thu 2026-03-12 (03-05..03-19,
# jane/bob), ...
WEEK_EACH_SIDE = (
    "schedule:\n  first_release: 2026-01-13\n  milestones:\n"
    "    - {name: branch, days: -7}\n    - {name: all-clear, days: 7}\n" + ROSTER
)
# Monthly, with windows from two weeks before to three weeks after release day, so that
# each window overlaps the next: 26.1.0 Tue 01-13 (12-30..02-03), 26.2.0 Fri 02-13 moved to
# Thu 02-12 (01-29..03-05), 26.3.0 Thu 03-12 (02-26..04-02).
OVERLAPPING = (
    "schedule:\n  first_release: 2026-01-13\n  every_months: 1\n  version: '{yy}.{m}.0'\n"
    "  milestones:\n    - {name: branch, days: -14}\n    - {name: all-clear, days: 21}\n" + ROSTER
)


def who(relrot: Run, rotation_file: Callable[[str], Path], text: str, *args: str) -> str:
    result = relrot("--file", rotation_file(text), "who", *args)
    assert result.exit_code == 0, result
    return result.stdout


def headings(output: str) -> list[str]:
    return [
        line for line in output.splitlines() if line and not line.startswith((" ", "Mil", "Go"))
    ]


def test_between_duty_windows_the_next_release_is_next_on_duty(
    relrot: Run, rotation_file: Callable[[str], Path]
) -> None:
    # 2026-02-01 lies between 26.1.0's window (to 01-20) and 26.3.0's (from 03-05).
    output = who(relrot, rotation_file, WEEK_EACH_SIDE, "--today", "2026-02-01")
    assert headings(output) == [
        "Next on duty after 2026-02-01: 26.3.0 (Thu 2026-03-12), duty window "
        "2026-03-05..2026-03-19",
    ]
    assert "On duty" not in output


def test_inside_a_duty_window_the_release_is_on_duty(
    relrot: Run, rotation_file: Callable[[str], Path]
) -> None:
    # The branch week before release day is on duty already.
    output = who(relrot, rotation_file, WEEK_EACH_SIDE, "2026-03-06", "--today", "2026-01-01")
    assert headings(output) == [
        "On duty on 2026-03-06: 26.3.0 (Thu 2026-03-12), duty window 2026-03-05..2026-03-19",
    ]
    assert output.splitlines()[1:3] == ["  Pilot:     jane", "  Co-pilot:  bob"]


def test_where_windows_overlap_every_release_on_duty_is_listed(
    relrot: Run, rotation_file: Callable[[str], Path]
) -> None:
    # 2026-03-01 is in 26.2.0's all-clear weeks and 26.3.0's branch weeks.
    output = who(relrot, rotation_file, OVERLAPPING, "--today", "2026-03-01")
    assert headings(output) == [
        "On duty on 2026-03-01: 26.2.0 (Thu 2026-02-12), duty window 2026-01-29..2026-03-05",
        "On duty on 2026-03-01: 26.3.0 (Thu 2026-03-12), duty window 2026-02-26..2026-04-02",
    ]


def test_a_version_names_its_window_without_saying_on_duty(
    relrot: Run, rotation_file: Callable[[str], Path]
) -> None:
    output = who(relrot, rotation_file, WEEK_EACH_SIDE, "26.3.1", "--today", "2026-01-01")
    assert headings(output) == [
        "26.3.0 (Thu 2026-03-12), duty window 2026-03-05..2026-03-19 (asked: 26.3.1)",
    ]


ROLES = (
    "schedule:\n  first_release: 2026-01-13\n"
    "members: [{id: bob}, {id: jane}, {id: tobby}, {id: elvis, name: Elvis P}, "
    "{id: zed, core: false}]\n"
    "roles:\n  - {id: qa, name: QA, pool: [tobby, elvis]}\n"
    "  - {id: pilot_in_training, name: Pilot in training, fill: request}\n"
    "requests:\n  - {member: zed, role: pilot_in_training, release: 26.3.0}\n"
)


def test_the_crew_lists_each_role_of_the_release(
    relrot: Run, rotation_file: Callable[[str], Path]
) -> None:
    first = who(relrot, rotation_file, ROLES, "26.1.0").splitlines()
    assert first[1:6] == [
        "  Pilot:     bob",
        "  Co-pilot:  jane",
        "  Jump seat: -",
        "  QA:        tobby",
        "  Pilot in training: -",
    ]
    assert "  Pilot in training: zed" in who(relrot, rotation_file, ROLES, "26.3.0")


def test_json_gives_the_roles_of_the_release(
    relrot: Run, rotation_file: Callable[[str], Path]
) -> None:
    import json

    found = json.loads(who(relrot, rotation_file, ROLES, "26.3.0", "--format", "json"))
    assert found["roles"] == {"qa": "elvis", "pilot_in_training": "zed"}
    plain = who(relrot, rotation_file, WEEK_EACH_SIDE, "26.1.0", "--format", "json")
    assert json.loads(plain)["roles"] == {}


TEAM = "tests/data/portfolio/team.yaml"


def test_without_project_every_project_answers_under_its_name(relrot: Run) -> None:
    # 2026-04-20: the manager's 26.3.0 window ended 03-16 and 26.5.0's opens 05-04; the
    # build tool takes the manager's crew; the plugin's term 2026-03 runs 03-01..04-30.
    result = relrot("--file", TEAM, "who", "--today", "2026-04-20")
    assert result.exit_code == 0, result
    assert headings(result.stdout) == [
        "Project Package manager (manager):",
        "Next on duty after 2026-04-20: 26.5.0 (Mon 2026-05-11), duty window "
        "2026-05-04..2026-05-18",
        "Project Build tool (builder):",
        "Next on duty after 2026-04-20: 26.5.0 (Tue 2026-05-12), duty window "
        "2026-05-12..2026-05-12",
        "Project Index plugin (plugin):",
        "On duty on 2026-04-20: 2026-03 (Sun 2026-03-01), duty window 2026-03-01..2026-04-30",
    ]


def test_without_project_json_rows_name_their_project(relrot: Run) -> None:
    result = relrot("--file", TEAM, "who", "--today", "2026-04-20", "--format", "json")
    assert result.exit_code == 0, result
    rows = json.loads(result.stdout)["releases"]
    crews = [(r["project"], r["on_duty"], r["version"], r["pilot"], r["co_pilot"]) for r in rows]
    assert crews == [
        ("manager", False, "26.5.0", "lin", "max"),
        ("builder", False, "26.5.0", "lin", "max"),
        ("plugin", True, "2026-03", "ola", "pia"),
    ]


def test_a_version_answers_in_the_projects_that_have_it(relrot: Run) -> None:
    result = relrot("--file", TEAM, "who", "26.3.0", "--today", "2026-04-20", "--format", "json")
    assert result.exit_code == 0, result
    rows = json.loads(result.stdout)["releases"]
    assert [(r["project"], r["on_duty"], r["pilot"], r["co_pilot"]) for r in rows] == [
        ("manager", None, "lin", "kai"),
        ("builder", None, "lin", "kai"),
    ]
    term = relrot("--file", TEAM, "who", "2026-03", "--today", "2026-04-20")
    assert headings(term.stdout)[0] == "Project Index plugin (plugin):"


def test_a_reference_no_project_has_is_a_usage_error(relrot: Run) -> None:
    # No version text (`shipped:` holds letters, digits and `._+~-`), no number, no date.
    result = relrot("--file", TEAM, "who", "no/such", "--today", "2026-04-20")
    assert result.exit_code == 2, result
    assert result.stdout == ""


def test_a_version_no_cadence_project_has_is_the_on_demand_projects(relrot: Run) -> None:
    # SPEC 5.6: a version not shipped yet names the term holding today.
    result = relrot("--file", TEAM, "who", "26.4.0", "--today", "2026-04-20")
    assert result.exit_code == 0, result
    assert headings(result.stdout) == [
        "Project Index plugin (plugin):",
        "26.4.0 (Mon 2026-04-20), duty window 2026-04-20..2026-04-30",
    ]


def test_project_after_the_command_answers_for_that_project_alone(relrot: Run) -> None:
    result = relrot("--file", TEAM, "who", "--project", "plugin", "--today", "2026-04-20")
    assert result.exit_code == 0, result
    assert "Project" not in result.stdout
    assert headings(result.stdout)[0].startswith("On duty on 2026-04-20: 2026-03 ")
