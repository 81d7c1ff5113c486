"""`relrot sync` over a file with `projects:` (SPEC 5.6, 6): each project's issues found by its
own marker, repository and title; `crew_from` issues with the other project's crew; an
on-demand release's issue on request; `--apply` through the fake `gh`, per repository."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import DATA, Result
from tests.github.test_gh import FakeGh, install_fake_gh

Run = Callable[..., Result]
TEAM = DATA / "portfolio" / "release-team.yaml"
# example/manager's and example/plugin's issues, as `gh issue list` prints them: the
# manager's closed 26.1.x issue, the build tool's 26.3.x issue opened by hand with
# placeholders, the plugin's closed 0.4.0 issue, and an unrelated issue in each.
ISSUES = DATA / "portfolio" / "issues" / "release-team.json"


@pytest.fixture
def github(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeGh:
    return install_fake_gh(tmp_path, monkeypatch)


def test_each_project_finds_its_own_issue_in_a_shared_repository(relrot: Run) -> None:
    # 2026-03-02 is the manager's release-branch day (26.3.0 on Mon 03-09, -7); the build
    # tool's is 03-05, but its issue was opened early by hand, titled with its own name:
    # it is kept in step and is not taken for the manager's.
    result = relrot("--file", TEAM, "sync", ISSUES, "--today", "2026-03-02")
    assert result.exit_code == 0, result
    assert result.stdout == (
        "Read 5 issues.\n"
        'manager: create 26.3.0 "Release Package manager `26.3.x`": due since 2026-03-02 '
        "(release-branch); assign @linosei, @kaim, @noab\n"
        'builder: edit #5 26.3.0 "Release Build tool `26.3.x`": pilot: (empty) -> lin; '
        "co-pilot: (empty) -> kai; assign @linosei, @kaim\n"
    )


def test_json_names_the_project_of_each_operation(relrot: Run) -> None:
    result = relrot("--file", TEAM, "sync", ISSUES, "--today", "2026-03-02", "--format", "json")
    found = json.loads(result.stdout)["operations"]
    assert [list(op)[:2] for op in found] == [["project", "op"]] * 2
    assert [(op["project"], op["op"], op["number"]) for op in found] == [
        ("manager", "create", None),
        ("builder", "edit", 5),
    ]
    # The build tool takes the manager's crew of the month (SPEC 6): lin and kai, no QA.
    assert found[1]["body"] == (
        "<!-- relrot: builder 26.3.0 date=2026-03-10 pilot=lin co_pilot=kai jump_seat=- -->\n"
        "Opened by hand ahead of the branch cut.\n\n| Role | Who |\n| --- | --- |\n"
        "| Pilot | Lin Osei (@linosei) |\n| Co-pilot | Kai Moreau (@kaim) |\n\n"
        "- [x] ask the packagers for a slot\n"
    )
    assert found[0]["body"].startswith(
        "<!-- relrot: manager 26.3.0 date=2026-03-09 pilot=lin co_pilot=kai jump_seat=- qa=noa -->"
    )


def test_project_selects_one(relrot: Run) -> None:
    result = relrot("--file", TEAM, "sync", ISSUES, "--today", "2026-03-02", "--project", "manager")
    assert result.stdout.splitlines()[1:] == [
        'manager: create 26.3.0 "Release Package manager `26.3.x`": due since 2026-03-02 '
        "(release-branch); assign @linosei, @kaim, @noab"
    ]


def test_another_projects_marker_is_not_this_projects_issue(relrot: Run, tmp_path: Path) -> None:
    # The build tool's own issue for 26.3.0, titled as the manager's would be: its marker
    # says whose it is, so the manager still needs its own.
    issue = {
        "number": 7,
        "title": "Release Package manager `26.3.x`",
        "state": "OPEN",
        "url": "https://github.com/example/manager/issues/7",
        "assignees": [{"login": "linosei"}, {"login": "kaim"}],
        "body": "<!-- relrot: builder 26.3.0 date=2026-03-10 pilot=lin co_pilot=kai "
        "jump_seat=- -->\n| Pilot | @linosei |\n|---|---|\n| Co-pilot | @kaim |\n",
    }
    path = tmp_path / "issues.json"
    path.write_text(json.dumps([issue]), encoding="utf-8")
    result = relrot("--file", TEAM, "sync", path, "--today", "2026-03-05", "--format", "json")
    found = json.loads(result.stdout)["operations"]
    assert [(op["project"], op["op"], op["number"]) for op in found] == [
        ("manager", "create", None)
    ]


def test_on_demand_issue_is_due_only_on_request(relrot: Run) -> None:
    quiet = relrot("--file", TEAM, "sync", ISSUES, "--today", "2026-04-08", "--project", "plugin")
    assert quiet.stdout == (
        "Read 5 issues.\nNothing to do: the tracking issues are in step with the plan.\n"
    )
    result = relrot(
        "--file", TEAM, "sync", ISSUES, "--today", "2026-04-08", "--project", "plugin",
        "--release", "0.5.0", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result
    [op] = json.loads(result.stdout)["operations"]
    # Term 2026-03 (March and April) holds today: ola pilots, pia co-pilots (no handle).
    assert op == {
        "project": "plugin",
        "op": "create",
        "release": "0.5.0",
        "number": None,
        "title": "Release 0.5.0",
        "body": "<!-- relrot: plugin 0.5.0 date=2026-04-08 pilot=ola co_pilot=pia "
        "jump_seat=- -->\nRelease 0.5.0 is planned for Wednesday 2026-04-08.\n\n"
        "| Pilot | Co-pilot | Jump seat |\n|---|---|---|\n| Ola Sund (@olasund) | Pia Roth | - |\n"
        "\n## Timeline\n\n- [ ] Wed 2026-04-08: **release 0.5.0**\n\nQuestions or a problem "
        "with this release? Contact the pilot, Ola Sund (@olasund), or the co-pilot, Pia Roth.\n",
        "assignees_add": ["olasund"],
        "assignees_remove": [],
        "reason": "due since 2026-04-08; assign @olasund",
    }


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (
            ["--release", "0.5.0"],
            "relrot: error: --release 0.5.0: name its project with --project\n",
        ),
        (
            ["--release", "26.3.0", "--project", "manager"],
            "relrot: error: --release 26.3.0: the issues of manager are due by its calendar; "
            "--release asks for an on-demand project's issue\n",
        ),
        (
            ["--release", "0.4.0", "--project", "plugin"],
            "relrot: error: --release 0.4.0: 0.4.0 shipped in term 2026-01 of plugin, which "
            "has ended; sync leaves the issues of past terms alone\n",
        ),
        (
            # A term's name is not a version: it would open "Release `2026-03`".
            ["--release", "2026-03", "--project", "plugin"],
            "relrot: error: --release 2026-03: 2026-03 names a term of plugin, not a version; "
            "VERSION is the version being released, such as 1.2.0\n",
        ),
        (
            ["--release", "", "--project", "plugin"],
            "relrot: error: --release '': VERSION is the version being released, such as "
            "1.2.0: letters, digits and . _ + ~ - only\n",
        ),
    ],
)
def test_release_is_for_a_current_on_demand_term(relrot: Run, args: list[str], stderr: str) -> None:
    result = relrot("--file", TEAM, "sync", ISSUES, "--today", "2026-04-08", *args)
    assert result.exit_code == 2, result
    assert result.stderr == stderr


def test_apply_acts_in_each_projects_repository_then_nothing_is_due(
    relrot: Run, github: FakeGh
) -> None:
    github.hold("issues.json", json.loads(ISSUES.read_text(encoding="utf-8")))
    result = relrot("--file", TEAM, "sync", "--today", "2026-03-05", "--apply")
    assert result.exit_code == 0, result
    assert result.stdout.splitlines()[-2:] == [
        'created "Release Package manager `26.3.x`" of manager 26.3.0: '
        "https://github.com/example/manager/issues/7",
        "edited #5 of builder 26.3.0",
    ]
    calls = github.calls
    # One listing per repository (the manager and the build tool share theirs).
    assert [c[c.index("--repo") + 1] for c in calls if c[1] == "list"] == [
        "example/manager",
        "example/plugin",
    ]
    assert calls[2][:5] == ["issue", "create", "--repo", "example/manager", "--title"]
    assert calls[3][:5] == ["issue", "edit", "5", "--repo", "example/manager"]
    again = relrot("--file", TEAM, "sync", "--today", "2026-03-05")
    assert again.stdout == (
        "Read 6 issues.\nNothing to do: the tracking issues are in step with the plan.\n"
    )
    asked = relrot(
        "--file", TEAM, "sync", "--today", "2026-04-08", "--project", "plugin",
        "--release", "0.5.0", "--apply",
    )  # fmt: skip
    assert asked.stdout.splitlines()[-1] == (
        'created "Release 0.5.0" of plugin 0.5.0: https://github.com/example/plugin/issues/13'
    )
    # Asked for once, the issue is kept from then on without --release; nothing to do.
    later = relrot("--file", TEAM, "sync", "--today", "2026-04-09")
    assert later.stdout == (
        "Read 7 issues.\nNothing to do: the tracking issues are in step with the plan.\n"
    )


def test_every_cadence_release_gets_one_create_on_its_due_day(relrot: Run, github: FakeGh) -> None:
    github.hold("issues.json", [])
    creates: list[tuple[dt.date, str, str]] = []
    day = dt.date(2026, 2, 20)
    while day < dt.date(2026, 7, 15):
        result = relrot("--file", TEAM, "sync", "--today", day, "--apply", "--format", "json")
        assert result.exit_code == 0, (day, result)
        for op in json.loads(result.stdout)["operations"]:
            assert op["op"] == "create", (day, op)
            creates.append((day, op["project"], op["release"]))
        again = relrot("--file", TEAM, "sync", "--today", day, "--format", "json")
        assert json.loads(again.stdout)["operations"] == [], day
        day += dt.timedelta(days=1)
    assert creates == [
        (dt.date(2026, 3, 2), "manager", "26.3.0"),
        (dt.date(2026, 3, 5), "builder", "26.3.0"),
        (dt.date(2026, 5, 4), "manager", "26.5.0"),
        (dt.date(2026, 5, 7), "builder", "26.5.0"),
        (dt.date(2026, 7, 6), "manager", "26.7.0"),
        (dt.date(2026, 7, 9), "builder", "26.7.0"),
    ]
    bodies = {(i["url"].split("/")[4], i["title"]): i["body"] for i in github.issues}
    # The build tool's 26.5.0 takes the manager's 26.5.0 crew: lin and max.
    assert str(bodies["manager", "Release Build tool `26.5.x`"]).startswith(
        "<!-- relrot: builder 26.5.0 date=2026-05-12 pilot=lin co_pilot=max jump_seat=- -->"
    )


def test_an_on_demand_issue_follows_its_terms_swaps_and_its_shipped_day(
    relrot: Run, github: FakeGh, tmp_path: Path
) -> None:
    github.hold("issues.json", [])
    team = TEAM.read_text(encoding="utf-8")
    path = tmp_path / "rotation.yaml"
    path.write_text(team, encoding="utf-8")
    asked = ("--project", "plugin", "--release", "0.5.0")
    relrot("--file", path, "sync", "--today", "2026-04-08", *asked, "--apply")
    # Shipped a day later, recorded in its term's pin (the run of pins stays unbroken).
    shipped = (
        "      - {term: 2026-03, pilot: ola, co_pilot: pia,\n"
        "         shipped: [{version: 0.5.0, date: 2026-04-09}]}\n"
    )
    path.write_text(team + shipped, encoding="utf-8")
    result = relrot("--file", path, "sync", "--today", "2026-04-10", "--apply")
    assert result.exit_code == 0, result
    assert result.stdout.splitlines()[1:] == [
        'plugin: edit #1 0.5.0 "Release 0.5.0": release day 2026-04-08 -> 2026-04-09',
        "edited #1 of plugin 0.5.0",
    ]
    [issue] = github.issues
    assert str(issue["body"]).startswith(
        "<!-- relrot: plugin 0.5.0 date=2026-04-09 pilot=ola co_pilot=pia jump_seat=- -->\n"
        "Release 0.5.0 is planned for Thursday 2026-04-09.\n"
    )
    swapped = "    swaps:\n      - {release: 2026-03, seat: pilot, out: ola, in: kai}\n"
    path.write_text(team + shipped + swapped, encoding="utf-8")
    result = relrot("--file", path, "sync", "--today", "2026-04-10")
    assert result.stdout.splitlines()[1:] == [
        'plugin: edit #1 0.5.0 "Release 0.5.0": pilot: ola -> kai; assign @kaim; unassign @olasund'
    ]
    # Once the term has ended, the issue is left as it is.
    ended = relrot("--file", path, "sync", "--today", "2026-05-01", "--project", "plugin")
    assert ended.stdout.splitlines()[1:] == [
        "Nothing to do: the tracking issues are in step with the plan."
    ]


def test_import_refuses_another_projects_marker_by_its_id(relrot: Run, tmp_path: Path) -> None:
    # The build tool's issue, filed in the manager's repository and titled like its issues:
    # the marker's id says whose crew it holds.
    issue = {
        "number": 7,
        "title": "Release Package manager `26.3.x`",
        "url": "https://github.com/example/manager/issues/7",
        "body": "<!-- relrot: builder 26.3.0 date=2026-03-10 pilot=lin co_pilot=kai "
        "jump_seat=- -->\n| Pilot | @linosei |\n|---|---|\n| Co-pilot | @kaim |\n",
    }
    path = tmp_path / "issues.json"
    path.write_text(json.dumps([issue]), encoding="utf-8")
    result = relrot(
        "--file", TEAM, "--project", "manager", "import", path, "--dry-run", "--today", "2026-04-01"
    )
    assert result.exit_code == 1, result
    assert result.stderr.splitlines()[-1] == (
        f"{TEAM}: error [import] relrot's marker names another project than manager in 1 "
        "issue(s): #7 (builder). Leave them out of the input: import each project's issues "
        "with `--project ID` (this is manager)"
    )


def test_a_swap_in_a_project_edits_the_issues_of_the_project_taking_its_crew(
    relrot: Run, github: FakeGh, tmp_path: Path
) -> None:
    github.hold("issues.json", [])
    team = TEAM.read_text(encoding="utf-8")
    path = tmp_path / "rotation.yaml"
    path.write_text(team, encoding="utf-8")
    created = relrot("--file", path, "sync", "--today", "2026-03-05", "--apply")
    assert created.exit_code == 0, created
    # The manager's 26.3.0 pilot swapped: the build tool takes the crew after its swaps.
    swap = "    swaps:\n      - {release: 26.3.0, seat: pilot, out: lin, in: max}\n"
    path.write_text(team.replace("  - id: builder\n", swap + "  - id: builder\n"), encoding="utf-8")
    result = relrot("--file", path, "sync", "--today", "2026-03-06", "--apply")
    assert result.exit_code == 0, result
    assert result.stdout.splitlines()[1:] == [
        'manager: edit #1 26.3.0 "Release Package manager `26.3.x`": pilot: lin -> max; '
        "assign @maxfeld; unassign @linosei",
        'builder: edit #2 26.3.0 "Release Build tool `26.3.x`": pilot: lin -> max; '
        "assign @maxfeld; unassign @linosei",
        "edited #1 of manager 26.3.0",
        "edited #2 of builder 26.3.0",
    ]
    again = relrot("--file", path, "sync", "--today", "2026-03-06")
    assert again.stdout.splitlines()[1:] == [
        "Nothing to do: the tracking issues are in step with the plan."
    ]


def test_a_one_project_file_has_no_release_on_request(relrot: Run) -> None:
    alone = DATA / "portfolio" / "manager-alone.yaml"
    result = relrot("--file", alone, "sync", ISSUES, "--today", "2026-03-02", "--release", "1.0")
    assert result.exit_code == 2, result
    assert result.stderr == (
        "relrot: error: --release 1.0: the issues of this project are due by its calendar; "
        "--release asks for an on-demand project's issue\n"
    )


def test_a_marker_anyone_could_type_does_not_make_sync_edit_or_assign(
    relrot: Run, tmp_path: Path
) -> None:
    # Anyone can open an issue whose body starts with the plugin's marker: an unshipped
    # version sync was never asked for, under another title, is not relrot's issue.
    forged = {
        "number": 14,
        "title": "anything",
        "body": "<!-- relrot: plugin 0.9 date=2026-04-01 pilot=- co_pilot=- -->\n"
        "| Pilot | Co-pilot |\n|---|---|\n| <pilot> | <copilot> |\n",
        "url": "https://github.com/example/plugin/issues/14",
        "state": "OPEN",
        "assignees": [],
    }
    held = tmp_path / "issues.json"
    held.write_text(json.dumps([forged]), encoding="utf-8")
    args = ("--file", TEAM, "sync", held, "--today", "2026-04-08", "--project", "plugin")
    result = relrot(*args)
    assert result.exit_code == 0, result
    assert result.stdout == (
        "Read 1 issue.\nNothing to do: the tracking issues are in step with the plan.\n"
    )
    # Titled as sync titles that version, the same issue is relrot's to keep in step.
    held.write_text(json.dumps([{**forged, "title": "Release 0.9"}]), encoding="utf-8")
    assert relrot(*args).stdout.startswith("Read 1 issue.\nplugin: edit #14 0.9 ")
