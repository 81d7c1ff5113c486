"""Edits of one project of a file with `projects:` (SPEC 6): `swap`, `pin` and `shipped`
write into that project's entry and keep every other byte of the file."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, Golden, Result

Run = Callable[..., Result]
GOLDEN = ROOT / "tests" / "data" / "golden"
TEAM = ROOT / "tests" / "data" / "portfolio" / "team.yaml"
BEFORE = TEAM.read_text(encoding="utf-8")
# The last line of each project's entry in tests/data/portfolio/team.yaml, after which a key
# the entry does not have yet is added.
MANAGER_PINS = "      - {version: 26.1.0, pilot: kai, co_pilot: lin, roles: {qa: max}}\n"
MANAGER_END = "      - {member: sol}\n"
PLUGIN_END = "    rotation: {stint: [co_pilot, pilot]}\n"


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "rotation.yaml"
    shutil.copyfile(TEAM, path)
    monkeypatch.chdir(tmp_path)
    return path


def shipped(version: str, day: str, today: str, relrot: Run) -> Result:
    return relrot("shipped", version, day, "--project", "plugin", "--today", today)


def after(line: str, added: str) -> str:
    """The file with `added` right after its one line `line`: every other byte kept."""
    assert BEFORE.count(line) == 1
    return BEFORE.replace(line, line + added)


def test_a_swap_goes_into_the_swaps_of_the_project_named(team: Path, relrot: Run) -> None:
    result = relrot("swap", "26.5.0", "max", "--project", "manager", "--today", "2026-03-01")
    assert result.exit_code == 0, result
    assert team.read_text(encoding="utf-8") == after(
        MANAGER_END,
        "    swaps:\n"
        "      - {release: 26.5.0, seat: co_pilot, out: max, in: kai}\n"
        "      - {release: 26.5.0, seat: qa, out: kai, in: noa}\n",
    )
    # The build tool takes its crews from the manager: the swap reaches it (SPEC 6).
    shown = relrot("plan", "--project", "builder", "--today", "2026-03-01", "--format", "json")
    (release,) = [r for r in json.loads(shown.stdout)["releases"] if r["version"] == "26.5.0"]
    assert (release["pilot"], release["co_pilot"]) == ("lin", "kai")


def test_a_swap_of_a_term_names_the_term(team: Path, relrot: Run) -> None:
    result = relrot("--project", "plugin", "swap", "2026-05", "pia", "--today", "2026-03-01")
    assert result.exit_code == 0, result
    assert result.stdout.startswith(
        "2026-05 (Fri 2026-05-01): Pia Roth opts out as pilot\n  pilot: Noa Brandt\n"
    )
    assert team.read_text(encoding="utf-8") == after(
        PLUGIN_END, "    swaps:\n      - {release: 2026-05, seat: pilot, out: pia, in: noa}\n"
    )


def test_pin_writes_the_terms_of_an_on_demand_project(team: Path, relrot: Run) -> None:
    result = relrot("pin", "--project", "plugin", "--today", "2026-05-10")
    assert result.exit_code == 0, result
    assert result.stdout == (
        "pinning 3 release(s): 2026-01, 2026-03, 2026-05\n"
        "  2026-01: pilot Noa Brandt, co-pilot Ola Sund (from the plan, not a record)\n"
        "  2026-03: pilot Ola Sund, co-pilot Pia Roth (from the plan, not a record)\n"
        "  2026-05: pilot Pia Roth, co-pilot Quin Adair (from the plan, not a record)\n"
    )
    assert team.read_text(encoding="utf-8") == after(
        PLUGIN_END,
        "    releases:\n"
        "      - {term: 2026-01, pilot: noa, co_pilot: ola}\n"
        "      - {term: 2026-03, pilot: ola, co_pilot: pia}\n"
        "      - {term: 2026-05, pilot: pia, co_pilot: quin}\n",
    )


def test_pin_of_a_cadence_project_appends_to_its_releases(team: Path, relrot: Run) -> None:
    result = relrot("pin", "--project", "manager", "--through", "26.3.0", "--today", "2026-03-20")
    assert result.exit_code == 0, result
    assert team.read_text(encoding="utf-8") == after(
        MANAGER_PINS,
        "      - {version: 26.3.0, date: 2026-03-09, pilot: lin, co_pilot: kai, jump_seat: sol, "
        "roles: {qa: noa}}\n",
    )


def test_shipped_pins_the_term_holding_the_day_and_those_before(team: Path, relrot: Run) -> None:
    result = shipped("0.7.2", "2026-04-14", "2026-05-10", relrot)
    assert result.exit_code == 0, result
    assert result.stdout == (
        "pinning 2 release(s): 2026-01, 2026-03\n"
        "  2026-01: pilot Noa Brandt, co-pilot Ola Sund (from the plan, not a record)\n"
        "  2026-03: pilot Ola Sund, co-pilot Pia Roth (from the plan, not a record)\n"
        "0.7.2 shipped on Tue 2026-04-14, in term 2026-03\n"
    )
    pinned = after(
        PLUGIN_END,
        "    releases:\n"
        "      - {term: 2026-01, pilot: noa, co_pilot: ola}\n"
        "      - {term: 2026-03, pilot: ola, co_pilot: pia, "
        "shipped: [{version: 0.7.2, date: 2026-04-14}]}\n",
    )
    assert team.read_text(encoding="utf-8") == pinned
    # A second release in a pinned term joins its list; nothing else is pinned.
    result = shipped("0.8.0", "2026-04-28", "2026-05-10", relrot)
    assert result.stdout == "0.8.0 shipped on Tue 2026-04-28, in term 2026-03\n"
    assert team.read_text(encoding="utf-8") == pinned.replace(
        "2026-04-14}]}", "2026-04-14}, {version: 0.8.0, date: 2026-04-28}]}"
    )
    again = shipped("0.8.0", "2026-04-28", "2026-05-10", relrot)
    assert again.stdout == "0.8.0 is recorded as shipped on 2026-04-28 already\n"
    # Another day for a version recorded already is refused: a version ships once.
    recorded = team.read_text(encoding="utf-8")
    other = shipped("0.7.2", "2026-05-04", "2026-05-10", relrot)
    assert other.exit_code == 2, other
    assert other.stderr == (
        "relrot: error: 0.7.2 is recorded already, as shipped on 2026-04-14 in term 2026-03; "
        "a version ships once: if 2026-04-14 is wrong, correct that entry's date in the "
        "`shipped:` of term 2026-03\n"
    )
    assert team.read_text(encoding="utf-8") == recorded


def test_shipped_on_a_friday_in_a_term_in_progress_is_refused(team: Path, relrot: Run) -> None:
    result = shipped("0.7.3", "2026-04-17", "2026-04-20", relrot)
    assert result.exit_code == 1
    assert result.stderr == (
        "rotation.yaml: error [edit] refused: pinning would add 1 problem(s); rotation.yaml is "
        "unchanged\n"
        "rotation.yaml:38:85: error [friday-release] plugin: 0.7.3 shipped on Fri 2026-04-17, "
        "a Friday; releases never go out on a Friday: correct the date if it is wrong\n"
    )
    assert team.read_text(encoding="utf-8") == BEFORE


@pytest.mark.usefixtures("team")
def test_shipped_before_the_first_term_is_a_usage_error(relrot: Run) -> None:
    result = shipped("0.6.0", "2025-12-01", "2026-05-10", relrot)
    assert result.exit_code == 2
    assert result.stderr == (
        "relrot: error: 2025-12-01 is before the first term (2026-01); record only releases "
        "shipped since `on_demand.first_term`, or move it earlier\n"
    )


def test_pin_without_a_project_pins_every_project(team: Path, relrot: Run) -> None:
    result = relrot("pin", "--today", "2026-03-20")
    assert result.exit_code == 0, result
    assert result.stdout == (
        "manager:\n"
        "pinning 1 release(s): 26.3.0\n"
        "  26.3.0: pilot Lin Osei, co-pilot Kai Moreau, jump seat Sol Ibarra, qa Noa Brandt "
        "(from the plan, not a record)\n"
        "builder:\n"
        "pinning 2 release(s): 26.1.0, 26.3.0\n"
        "  26.1.0: pilot Kai Moreau, co-pilot Lin Osei (from the plan, not a record)\n"
        "  26.3.0: pilot Lin Osei, co-pilot Kai Moreau (from the plan, not a record)\n"
        "plugin:\n"
        "pinning 2 release(s): 2026-01, 2026-03\n"
        "  2026-01: pilot Noa Brandt, co-pilot Ola Sund (from the plan, not a record)\n"
        "  2026-03: pilot Ola Sund, co-pilot Pia Roth (from the plan, not a record)\n"
    )
    expected = after(
        MANAGER_PINS,
        "      - {version: 26.3.0, date: 2026-03-09, pilot: lin, co_pilot: kai, jump_seat: sol, "
        "roles: {qa: noa}}\n",
    ).replace(
        PLUGIN_END,
        PLUGIN_END + "    releases:\n"
        "      - {term: 2026-01, pilot: noa, co_pilot: ola}\n"
        "      - {term: 2026-03, pilot: ola, co_pilot: pia}\n",
    )
    assert BEFORE.endswith('BYDAY=+2TU"\n')
    expected += (
        "    releases:\n"
        "      - {version: 26.1.0, date: 2026-01-13, pilot: kai, co_pilot: lin}\n"
        "      - {version: 26.3.0, date: 2026-03-10, pilot: lin, co_pilot: kai}\n"
    )
    assert team.read_text(encoding="utf-8") == expected
    again = relrot("pin", "--today", "2026-03-20")
    assert again.exit_code == 0
    assert "pinning" not in again.stdout


def test_away_moves_seats_of_every_project_and_writes_one_range(team: Path, relrot: Run) -> None:
    result = relrot("away", "kai", "2026-07-01", "2026-07-31", "--today", "2026-05-12")
    assert result.exit_code == 0, result
    assert result.stdout == (
        "manager:\nKai Moreau away 2026-07-01..2026-07-31:\nNo one moves: the plan is the same.\n"
        "builder:\nKai Moreau away 2026-07-01..2026-07-31:\nNo one moves: the plan is the same.\n"
        "plugin:\nKai Moreau away 2026-07-01..2026-07-31:\n"
        "2026-07 (Wed 2026-07-01)\n  co-pilot: Kai Moreau -> Ria Vance\n"
        "2026-09 (Tue 2026-09-01)\n  pilot: Kai Moreau -> Ria Vance\n"
        "2026-11 (Sun 2026-11-01)\n  co-pilot: Lin Osei -> Kai Moreau\n"
        "2027-01 (Fri 2027-01-01)\n  pilot: Lin Osei -> Kai Moreau\n"
        "  co-pilot: Pia Roth -> Lin Osei\n"
        "2027-03 (Mon 2027-03-01)\n  pilot: Pia Roth -> Lin Osei\n"
    )
    kai = "  - {id: kai, name: Kai Moreau, experienced: true"
    assert team.read_text(encoding="utf-8") == BEFORE.replace(
        kai + "}", kai + ", away: [{from: 2026-07-01, to: 2026-07-31}]}"
    )


@pytest.mark.usefixtures("team")
def test_away_moves_the_seats_of_a_term_in_progress(relrot: Run) -> None:
    # Term 2026-01 runs to 2026-02-28: on 2026-01-10 it is not history yet (SPEC 6).
    result = relrot(
        "away", "noa", "2026-02-02", "2026-02-06", "--project", "plugin", "--today", "2026-01-10"
    )
    assert result.exit_code == 0, result
    assert result.stdout.startswith(
        "Noa Brandt away 2026-02-02..2026-02-06:\n2026-01 (Thu 2026-01-01)\n"
        "  pilot: Noa Brandt -> Ola Sund\n  co-pilot: Ola Sund -> Pia Roth\n"
    )


def test_a_swap_in_a_term_in_progress_is_not_history(team: Path, relrot: Run) -> None:
    result = relrot("swap", "2026-01", "noa", "--project", "plugin", "--today", "2026-01-10")
    assert result.exit_code == 0, result
    assert "{release: 2026-01, seat: pilot, out: noa" in team.read_text(encoding="utf-8")
    # Once its last day is behind, it is.
    shutil.copyfile(TEAM, team)
    result = relrot("swap", "2026-01", "noa", "--project", "plugin", "--today", "2026-03-01")
    assert result.exit_code == 1, result
    assert "plugin: 2026-01 ended on 2026-02-28, before today (2026-03-01); history" in (
        result.stderr
    )


def test_a_reference_of_one_project_needs_no_project(team: Path, relrot: Run) -> None:
    # 2026-05 is a term of the plugin only; 0.7.2 no cadence project has (its `{yy}`
    # would read it as 2100), so it is the plugin's.
    assert relrot("swap", "2026-05", "pia", "--today", "2026-03-01").exit_code == 0
    assert relrot("shipped", "0.7.2", "2026-04-14", "--today", "2026-05-10").exit_code == 0
    text = team.read_text(encoding="utf-8")
    assert "      - {release: 2026-05, seat: pilot, out: pia, in: noa}\n" in text
    assert "shipped: [{version: 0.7.2, date: 2026-04-14}]}\n" in text


@pytest.mark.usefixtures("team")
@pytest.mark.parametrize("command", ["swap", "shipped"])
def test_a_version_two_projects_share_asks_for_the_project(relrot: Run, command: str) -> None:
    second = "max" if command == "swap" else "2026-05-12"
    result = relrot(command, "26.5.0", second, "--today", "2026-05-13")
    assert result.exit_code == 2
    assert result.stderr == (
        "relrot: error: 26.5.0 is a release of several projects (manager, builder); name one "
        "with `--project ID`\n"
    )


# --- import -------------------------------------------------------------------------------------

IMPORTING = ROOT / "tests" / "data" / "portfolio" / "importing.yaml"
ISSUES = ROOT / "tests" / "data" / "portfolio" / "importing-issues.json"


@pytest.fixture
def importing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "rotation.yaml"
    shutil.copyfile(IMPORTING, path)
    monkeypatch.chdir(tmp_path)
    return path


def test_import_pins_each_on_demand_issue_to_the_term_of_its_date(
    importing: Path, relrot: Run
) -> None:
    # The plugin's plan from the file alone: 2026-01 max/noa, 2026-03 noa/ola, 2026-05
    # ola/pia. #31 (closed 2026-01-21) names ola as pilot and leaves `<copilot>`: term
    # 2026-01 is ola's, with the plan's co-pilot noa. #33 (closed 2026-02-24, the same term)
    # names max and noa: reported, its version recorded. No issue names 2026-03: planned
    # with 2026-01 as pinned (ola has served, so noa/pia). #40 (closed 2026-05-06) says
    # "TBD" twice: the plan's crew.
    # #12 is the manager's, by its repository.
    result = relrot("import", ISSUES, "--today", "2026-06-01")
    assert result.exit_code == 0, result
    # What was read shows the plugin's versions as written, not as a regular 0.7.0's patch.
    rows = [line.split("│")[1:3] for line in result.stdout.splitlines() if "│ #" in line]
    assert [(i.strip(), v.strip()) for i, v in rows] == [
        ("#31", "0.7.0"),
        ("#33", "0.7.2"),
        ("#40", "0.10.1"),
        ("#12", "26.1.0"),
    ]
    assert result.stdout.split("└", 1)[1].split("\n", 1)[1] == (
        "manager:\n"
        "pinning 1 release(s): 26.1.0\n"
        "plugin:\n"
        "#33: not used: names another crew than #31, which pins term 2026-01; its version is "
        "recorded\n"
        "2026-01 co-pilot: noa, from the plan, not a record\n"
        "2026-03 pilot: noa, from the plan, not a record\n"
        "2026-03 co-pilot: pia, from the plan, not a record\n"
        "2026-05 pilot: pia, from the plan, not a record\n"
        "2026-05 co-pilot: quin, from the plan, not a record\n"
        "pinning 3 release(s): 2026-01, 2026-03, 2026-05\n"
    )
    before = IMPORTING.read_text(encoding="utf-8")
    manager_end = '      rrule: "FREQ=MONTHLY;INTERVAL=2;BYDAY=+2MO"\n'
    assert importing.read_text(encoding="utf-8") == before.replace(
        manager_end,
        manager_end
        + "    releases:\n      - {version: 26.1.0, date: 2026-01-12, pilot: kai, co_pilot: lin}\n",
    ) + (
        "    releases:\n"
        "      - {term: 2026-01, pilot: ola, co_pilot: noa, shipped: [{version: 0.7.0, date: "
        "2026-01-21}, {version: 0.7.2, date: 2026-02-24}]}\n"
        "      - {term: 2026-03, pilot: noa, co_pilot: pia}\n"
        "      - {term: 2026-05, pilot: pia, co_pilot: quin, shipped: [{version: 0.10.1, date: "
        "2026-05-06}]}\n"
    )
    assert relrot("validate", "--today", "2026-06-01").exit_code == 0


def test_a_placeholder_never_takes_the_member_the_other_seat_names(
    importing: Path, relrot: Run
) -> None:
    # The plan gives 2026-01 max (pilot) and noa (co-pilot). The issue names noa as pilot
    # and leaves `<copilot>`: not noa again (a double seat), but max, the other one the
    # plan gave the term: the two planned, in the seats the issue says.
    issue = {
        "number": 31,
        "title": "Release index-plugin 0.7.0",
        "body": "| Pilot | Co-pilot |\n|:---:|:---:|\n| @noab | <copilot> |\n",
        "url": "https://github.com/example/index-plugin/issues/31",
        "createdAt": "2026-01-19T09:12:00Z",
        "closedAt": "2026-01-21T16:40:00Z",
    }
    Path("issues.json").write_text(json.dumps([issue]), encoding="utf-8")
    result = relrot("import", "issues.json", "--project", "plugin", "--today", "2026-02-01")
    assert result.exit_code == 0, result
    assert result.stdout.split("└", 1)[1].split("\n", 1)[1] == (
        "2026-01 co-pilot: max, from the plan, not a record\npinning 1 release(s): 2026-01\n"
    )
    assert importing.read_text(encoding="utf-8").endswith(
        "    releases:\n"
        "      - {term: 2026-01, pilot: noa, co_pilot: max, shipped: [{version: 0.7.0, date: "
        "2026-01-21}]}\n"
    )


def test_an_issue_of_no_project_refuses_the_import(importing: Path, relrot: Run) -> None:
    issues = json.loads(ISSUES.read_text(encoding="utf-8"))
    issues[0]["url"] = "https://github.com/example/elsewhere/issues/31"
    moved = importing.parent / "issues.json"
    moved.write_text(json.dumps(issues), encoding="utf-8")
    result = relrot("import", moved, "--today", "2026-06-01")
    assert result.exit_code == 1
    assert result.stderr == (
        "rotation.yaml: error [edit] refused: #31 is in no project's `repository` (manager: "
        "example/manager, plugin: example/index-plugin); name the project with --project, or "
        "set its `repository:`; rotation.yaml is unchanged\n"
    )
    assert importing.read_text(encoding="utf-8") == IMPORTING.read_text(encoding="utf-8")


def test_an_on_demand_issue_with_no_date_is_refused(importing: Path, relrot: Run) -> None:
    issues = json.loads(ISSUES.read_text(encoding="utf-8"))[:1]
    del issues[0]["createdAt"], issues[0]["closedAt"]
    moved = importing.parent / "issues.json"
    moved.write_text(json.dumps(issues), encoding="utf-8")
    result = relrot("import", moved, "--project", "plugin", "--today", "2026-06-01")
    assert result.exit_code == 1
    assert result.stderr == (
        "rotation.yaml: error [edit] refused: #31 has no date: list the issues with "
        "`--json number,title,body,url,createdAt,closedAt`; rotation.yaml is unchanged\n"
    )


# --- issue --------------------------------------------------------------------------------------


@pytest.mark.usefixtures("team")
def test_issue_answers_an_on_demand_version_with_its_terms_crew(relrot: Run) -> None:
    assert shipped("0.7.2", "2026-04-14", "2026-05-10", relrot).exit_code == 0
    # Shipped: its term's crew (2026-03: ola, pia) and the day it shipped.
    body = relrot("issue", "0.7.2", "--today", "2026-05-10").stdout
    assert body.split("\n")[:6] == [
        "<!-- relrot: plugin 0.7.2 date=2026-04-14 pilot=ola co_pilot=pia jump_seat=- -->",
        "Release 0.7.2 shipped on Tuesday 2026-04-14.",
        "",
        "| Pilot | Co-pilot | Jump seat |",
        "|---|---|---|",
        "| Ola Sund | Pia Roth | - |",
    ]
    # Not shipped yet: the term holding today (2026-05: pia, quin), dated today as
    # `sync --release` dates it, not the term's last day.
    body = relrot("issue", "0.8.0", "--project", "plugin", "--today", "2026-05-12").stdout
    marker = "<!-- relrot: plugin 0.8.0 date=2026-05-12 pilot=pia co_pilot=quin jump_seat=- -->"
    assert body.split("\n")[:2] == [
        marker,
        "Release 0.8.0 is in progress: release day is Tuesday 2026-05-12.",
    ]
    Path("issues.json").write_text("[]", encoding="utf-8")
    synced = relrot(
        "sync", "issues.json", "--today", "2026-05-12", "--project", "plugin",
        "--release", "0.8.0", "--format", "json",
    )  # fmt: skip
    assert json.loads(synced.stdout)["operations"][0]["body"].split("\n")[0] == marker
    # A cadence project's version is its release, as in a file of one project.
    body = relrot("issue", "26.5.0", "--project", "manager", "--today", "2026-05-10").stdout
    assert body.split("\n")[1] == "Release 26.5.0 is in progress: release day is Monday 2026-05-11."


# --- who ----------------------------------------------------------------------------------------


@pytest.mark.usefixtures("team")
def test_who_answers_an_on_demand_version_with_its_terms_crew(relrot: Run) -> None:
    assert shipped("0.7.2", "2026-04-14", "2026-05-10", relrot).exit_code == 0
    # Shipped in term 2026-03 (ola, pia), on the day recorded.
    shown = relrot("who", "0.7.2", "--project", "plugin", "--today", "2026-05-12").stdout
    assert shown.split("\n")[:3] == [
        "0.7.2 (Tue 2026-04-14), duty window 2026-04-14..2026-04-30",
        "  Pilot:     Ola Sund",
        "  Co-pilot:  Pia Roth",
    ]
    # Not shipped yet: the term holding today (2026-05: pia, quin).
    shown = relrot("who", "0.8.0", "--project", "plugin", "--today", "2026-05-12").stdout
    assert shown.split("\n")[:3] == [
        "0.8.0 (Tue 2026-05-12), duty window 2026-05-12..2026-06-30",
        "  Pilot:     Pia Roth",
        "  Co-pilot:  Quin Adair",
    ]
    # Before the first term: that term's crew, dated the day it opens.
    shown = relrot("who", "0.1.0", "--project", "plugin", "--today", "2025-12-10").stdout
    assert shown.split("\n")[0] == "0.1.0 (Thu 2026-01-01), duty window 2026-01-01..2026-02-28"


@pytest.mark.usefixtures("team")
def test_who_without_project_asks_no_cadence_project_for_a_plugins_version(
    relrot: Run,
) -> None:
    # `{yy}.{mm}` reads 0.7.2 as a manager release of 2100: only the plugin answers.
    shown = relrot("who", "0.7.2", "--today", "2026-05-12").stdout
    assert shown.split("\n")[:2] == [
        "Project Index plugin (plugin):",
        "0.7.2 (Tue 2026-05-12), duty window 2026-05-12..2026-06-30",
    ]
    # A version of the manager is its release, and the plugin has no say in it.
    shown = relrot("who", "26.5.0", "--today", "2026-05-12").stdout
    assert "Project Index plugin" not in shown
    assert shown.startswith("Project Package manager (manager):\n26.5.0 (Mon 2026-05-11)")


BLOCK_STYLE = """\
members:
- id: kai
  experienced: true
- id: lin
  experienced: true
- id: max
- id: noa
projects:
- id: plugin
  on_demand:
    first_term: 2026-01-01
    every_months: 2
  releases:
  - term: 2026-01
    pilot: kai
    co_pilot: lin   # from the issue
  # next term not pinned yet
"""


def test_a_block_style_portfolio_is_written_in_its_own_style(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, relrot: Run
) -> None:
    path = tmp_path / "rotation.yaml"
    path.write_text(BLOCK_STYLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert relrot("shipped", "0.2.0", "2026-02-03", "--today", "2026-03-10").exit_code == 0
    pin = "    co_pilot: lin   # from the issue\n"
    recorded = "    shipped:\n    - {version: 0.2.0, date: 2026-02-03}\n"
    first = BLOCK_STYLE.replace(pin, pin + recorded)
    assert path.read_text(encoding="utf-8") == first
    assert relrot("shipped", "0.3.0", "2026-03-03", "--today", "2026-03-10").exit_code == 0
    added = "  - term: 2026-03\n    pilot: lin\n    co_pilot: kai\n"
    added += "    shipped: [{version: 0.3.0, date: 2026-03-03}]\n"
    assert path.read_text(encoding="utf-8") == first.replace(
        "  # next term not pinned yet\n", added + "  # next term not pinned yet\n"
    )


def test_a_swap_into_another_projects_duty_adds_double_duty(team: Path, relrot: Run) -> None:
    # Lin pilots the manager's 26.5.0 (on duty 2026-05-04..2026-05-18), inside the term.
    result = relrot("swap", "2026-05", "pia", "--with", "lin", "--today", "2026-03-01", "--strict")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1] == (
        "rotation.yaml:37:9: warning [double-duty] lin holds the pilot seat of plugin 2026-05 "
        "(2026-05-01..2026-06-30) and the pilot seat of manager 26.5.0 (2026-05-04..2026-05-18): "
        "the duty windows overlap; give one of the seats to someone else (`relrot swap`), or "
        "correct the pin"
    )
    assert team.read_text(encoding="utf-8") == BEFORE


@pytest.mark.usefixtures("team")
def test_swap_ranks_out_members_busy_in_another_project(relrot: Run, golden: Golden) -> None:
    # The plugin's 2026-05 term (2026-05-01..2026-06-30) overlaps the manager's 26.5.0
    # (2026-05-04..2026-05-18): its pilot lin, co-pilot max and QA lead kai are busy there,
    # so noa is chosen, who adds nothing; before, the best-ranked was in double duty.
    result = relrot("swap", "2026-05", "pia", "--today", "2026-03-01", "--dry-run")
    assert result.exit_code == 0, result
    golden.check(GOLDEN / "swap-busy-elsewhere.txt", result.stdout)
    assert "  pilot: Noa Brandt\n" in result.stdout


@pytest.mark.usefixtures("team")
def test_swap_ranks_out_members_busy_in_a_project_planned_later(relrot: Run) -> None:
    # The manager is planned before the plugin, yet a seat in the plugin's 2026-05 term is
    # double duty with 26.5.0 all the same: pia and quin are ranked out. The build tool takes
    # the manager's crews, so nobody is busy for being in it.
    result = relrot("--project", "manager", "swap", "26.5.0", "max", "--today", "2026-03-01")
    assert result.exit_code == 0, result
    shown = result.stdout.split("Not eligible:\n")[1].split("\n\n")[0].splitlines()
    window = "(duty window 2026-05-01..2026-06-30)"
    assert shown == [
        "  - Lin Osei: already seated in 26.5.0",
        f"  - Pia Roth: busy as pilot of plugin 2026-05 {window}",
        f"  - Quin Adair: busy as co-pilot of plugin 2026-05 {window}",
        "  - Ria Vance: joins on 2026-06-15",
        "  - Sol Ibarra: not a core member",
    ]
