"""`relrot sync` end to end (SPEC 5.6): recorded `gh issue list` payloads, and a fake `gh` on
PATH (tests/data/fake_gh.py) that records its calls and holds the issues as GitHub would."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from relrot.project import Project
from tests.cli.test_notify import ENDED
from tests.conftest import Result
from tests.github.test_gh import FakeGh, install_fake_gh
from tests.test_issue_body import ROSTER, SWAPPED
from tests.test_sync import PAYLOAD

Run = Callable[..., Result]
DUE = "2026-03-05"


@pytest.fixture
def github(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeGh:
    return install_fake_gh(tmp_path, monkeypatch)


@pytest.fixture
def roster(rotation_file: Callable[[str], Path]) -> Path:
    return rotation_file(ROSTER)


def test_text_says_how_many_issues_it_read_and_each_operation(relrot: Run, roster: Path) -> None:
    result = relrot("--file", roster, "sync", PAYLOAD, "--today", DUE)
    assert result.exit_code == 0, result
    assert result.stdout == (
        "Read 5 issues.\n"
        'edit #102 26.3.0 "Release 26.3.x": pilot: (empty) -> jane; co-pilot: (empty) -> bob; '
        "add the QA row; assign @janedoe, @bobross\n"
        'edit #104 26.5.0 "Release `26.5.x`": co-pilot: (empty) -> tobby; add the QA row; '
        "assign @tobby, @kai-qa\n"
    )


def test_json_is_the_documented_contract(relrot: Run, roster: Path) -> None:
    result = relrot("--file", roster, "sync", "-", "--today", DUE, "--format", "json")
    assert result.exit_code == 2  # nothing on standard input: not JSON
    result = relrot("--file", roster, "sync", PAYLOAD, "--today", DUE, "--format", "json")
    found = json.loads(result.stdout)
    assert found["read"] == 5
    first = found["operations"][0]
    assert list(first) == [
        "op",
        "release",
        "number",
        "title",
        "body",
        "assignees_add",
        "assignees_remove",
        "reason",
    ]
    assert first["body"].startswith(
        "<!-- relrot: widgets 26.3.0 date=2026-03-12 pilot=jane co_pilot=bob jump_seat=- "
        "qa=elvis -->\r\n### Summary\r\n"
    )
    assert first["body"].endswith(
        "\r\n| QA | elvis |\r\n\r\n- [x] Thu 2026-03-05: cut the branch"
        "\r\n- [ ] Thu 2026-03-12: release\r\n\r\nWe agreed on the "
        "call to ship in the morning.\r\n"
    )


def test_markdown_is_not_sync_input(relrot: Run, roster: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# Release 26.3.x\n", encoding="utf-8")
    result = relrot("--file", roster, "sync", notes, "--today", DUE)
    assert result.exit_code == 2
    assert "sync reads what `gh issue list --state all" in result.stderr


def test_issues_listed_without_their_state_are_refused(
    relrot: Run, roster: Path, tmp_path: Path
) -> None:
    # What `import` reads: closed issues would read as open ones.
    path = tmp_path / "issues.json"
    path.write_text('[{"number": 1, "title": "Release 26.3.x", "body": ""}]', encoding="utf-8")
    result = relrot("--file", roster, "sync", path, "--today", DUE)
    assert result.exit_code == 2
    assert result.stderr == (
        f"relrot: error: {path}: issues without their `state`; sync reads what `gh issue "
        "list --state all --limit 1000 --json number,title,body,url,state,assignees` prints\n"
    )


def test_apply_creates_through_gh_then_there_is_nothing_to_do(
    relrot: Run, roster: Path, github: FakeGh
) -> None:
    result = relrot("--file", roster, "sync", "--today", DUE, "--apply")
    assert result.exit_code == 0, result
    assert result.stdout.splitlines() == [
        "Read 0 issues.",
        'create 26.3.0 "Release `26.3.x`": due since 2026-03-05 (release-branch); '
        "assign @janedoe, @bobross",
        'created "Release `26.3.x`" of 26.3.0: https://github.com/widgets/widgets/issues/1',
    ]
    assert github.calls[0][:2] == ["issue", "list"]
    assert github.calls[1][:4] == ["issue", "create", "--title", "Release `26.3.x`"]
    assert github.calls[1][-2:] == ["--assignee", "janedoe,bobross"]
    [issue] = github.issues
    assert issue["assignees"] == [{"login": "janedoe"}, {"login": "bobross"}]
    again = relrot("--file", roster, "sync", "--today", DUE, "--apply")
    assert again.stdout == (
        "Read 1 issue.\nNothing to do: the tracking issues are in step with the plan.\n"
    )
    assert len(github.calls) == 3


def test_a_swap_is_one_edit_through_gh(
    relrot: Run, rotation_file: Callable[[str], Path], github: FakeGh
) -> None:
    relrot("--file", rotation_file(ROSTER), "sync", "--today", DUE, "--apply")
    swapped = rotation_file(SWAPPED)
    result = relrot("--file", swapped, "sync", "--today", DUE, "--apply")
    assert result.exit_code == 0, result
    assert result.stdout.splitlines()[1:] == [
        'edit #1 26.3.0 "Release `26.3.x`": pilot: jane -> tobby; assign @tobby; unassign @janedoe',
        "edited #1 of 26.3.0",
    ]
    assert github.calls[-1][:3] == ["issue", "edit", "1"]
    assert github.calls[-1][-4:] == ["--add-assignee", "tobby", "--remove-assignee", "janedoe"]
    [issue] = github.issues
    assert "| tobby (@tobby) | Bob Ross (@bobross) |" in str(issue["body"])
    assert issue["assignees"] == [{"login": "bobross"}, {"login": "tobby"}]


def test_a_failure_stops_at_that_operation_and_names_it(
    relrot: Run, roster: Path, github: FakeGh
) -> None:
    (github.state / "fail-on").write_text("edit", encoding="utf-8")
    result = relrot("--file", roster, "sync", PAYLOAD, "--today", DUE, "--apply")
    assert result.exit_code == 1
    assert result.stderr == (
        "relrot: error: could not edit the issue #102 of 26.3.0: `gh issue edit 102 "
        "--body-file` failed: HTTP 403: Resource not accessible by integration\n"
    )
    # Stopped there: #104 was not tried.
    assert [call[:3] for call in github.calls] == [["issue", "edit", "102"]]


def test_a_crew_typed_into_an_issue_is_a_mismatch_and_exit_1(
    relrot: Run, roster: Path, tmp_path: Path
) -> None:
    typed = [
        {
            "number": 8,
            "title": "Release 26.3.x",
            "state": "OPEN",
            "assignees": [],
            "body": "| Pilot | @kai-qa |\n|---|---|\n| Co-pilot | @bobross |\n",
            "url": "u",
        }
    ]
    path = tmp_path / "issues.json"
    path.write_text(json.dumps(typed), encoding="utf-8")
    result = relrot("--file", roster, "sync", path, "--today", DUE, "--apply")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1] == (
        'mismatch #8 26.3.0 "Release 26.3.x": the pilot cell names kai, but the plan has '
        "jane: record the change with `relrot swap` or `relrot import`, or put the plan's "
        "crew back in the issue"
    )


# --- a year of days ----------------------------------------------------------------------------

# Plan: 26.1.0 bob/jane, 26.3.0 jane/bob, 26.5.0 jane/elvis, 26.7.0 elvis/jane (tobby is
# away), 26.9.0 elvis/tobby with QA empty (kai, its only pool member, is away), 26.11.0
# tobby/elvis; QA kai otherwise. The team's template has no QA row: sync adds it.
YEAR = """\
project:
  name: widgets
  issue_template: release.md
schedule:
  first_release: 2026-01-13
  milestones:
    - {name: release-branch, days: -7, note: cut the branch}
    - {name: all-clear, days: 7}
members:
  - {id: bob, name: Bob Ross, github: bobross}
  - {id: jane, name: Jane Doe, github: janedoe}
  - {id: tobby, github: tobby, away: [{from: 2026-07-01, to: 2026-07-31, reason: leave}]}
  - {id: elvis}
  - {id: kai, github: kai-qa, away: [{from: 2026-09-01, to: 2026-09-30}]}
roles:
  - {id: qa, name: QA, pool: [kai]}
"""
TEMPLATE = """\
### Summary

{{project}} {{version}} ships on {{weekday}} {{date}}.

| Role | Person |
| --- | --- |
| Pilot | {{pilot}} |
| Co-pilot | {{co_pilot}} |

- [ ] {{milestone.release-branch}}: cut `{{series}}`
"""
# Swaps added on a day: 26.5.0's, after its issue was closed early; 26.7.0's, after its
# all-clear with its issue left open; 26.11.0's, while its issue is open.
SWAPS = {
    dt.date(2026, 5, 14): "  - {release: 26.5.0, seat: co_pilot, out: elvis, in: bob}\n",
    dt.date(2026, 8, 1): "  - {release: 26.7.0, seat: pilot, out: elvis, in: bob}\n",
    dt.date(2026, 11, 7): "  - {release: 26.11.0, seat: pilot, out: tobby, in: bob}\n",
}
CLOSED_EARLY = {"26.5.0": dt.date(2026, 5, 13)}
NEVER_CLOSED = {"26.7.0"}


def test_a_year_of_days(relrot: Run, rotation_file: Callable[[str], Path], github: FakeGh) -> None:
    path = rotation_file(YEAR)
    (path.parent / "release.md").write_text(TEMPLATE, encoding="utf-8")
    listed = github.state / "issues.json"
    listed.write_text("[]", encoding="utf-8")
    swaps = ""
    done: list[tuple[dt.date, dict[str, object]]] = []
    day = dt.date(2026, 1, 1)
    while day.year == 2026:
        if day in SWAPS:
            swaps += SWAPS[day]
            path.write_text(YEAR + "swaps:\n" + swaps, encoding="utf-8")
        _close_past_issues(github, Project.load(path), day)
        before = {i["number"]: i["state"] for i in github.issues}
        result = relrot(
            "--file", path, "sync", listed, "--today", day, "--format", "json", "--apply"
        )
        assert result.exit_code == 0, (day, result)
        ends = {r.version: r.duty_window[1] for r in Project.load(path).rows(1, 8)}
        for op in json.loads(result.stdout)["operations"]:
            assert op["number"] is None or before[op["number"]] == "OPEN", (day, op)
            assert ends[op["release"]] >= day, (day, op)
            done.append((day, op))
        again = relrot("--file", path, "sync", listed, "--today", day, "--format", "json")
        assert json.loads(again.stdout)["operations"] == [], day
        day += dt.timedelta(days=1)

    creates = [(d, op["release"]) for d, op in done if op["op"] == "create"]
    assert creates == [
        (dt.date(2026, 1, 6), "26.1.0"),
        (dt.date(2026, 3, 5), "26.3.0"),
        (dt.date(2026, 5, 6), "26.5.0"),
        (dt.date(2026, 7, 6), "26.7.0"),
        (dt.date(2026, 9, 3), "26.9.0"),
        (dt.date(2026, 11, 5), "26.11.0"),
    ]
    edits = [(d, op["release"], op["reason"]) for d, op in done if op["op"] == "edit"]
    assert edits == [
        (dt.date(2026, 11, 7), "26.11.0", "pilot: tobby -> bob; assign @bobross; unassign @tobby")
    ]
    assert Counter(op["op"] for _, op in done) == {"create": 6, "edit": 1}
    held = {i["title"]: i for i in github.issues}
    # The empty QA seat reads as one, and the role row the template lacks was added.
    assert "| Pilot | elvis |\n| Co-pilot | @tobby |\n| QA | (empty) |\n" in str(
        held["Release `26.9.x`"]["body"]
    )
    assert "| Co-pilot | elvis |" in str(held["Release `26.5.x`"]["body"])
    assert "| Pilot | elvis |" in str(held["Release `26.7.x`"]["body"])
    assert held["Release `26.7.x`"]["state"] == "OPEN"


def _close_past_issues(github: FakeGh, project: Project, day: dt.date) -> None:
    """The team closes each issue the day after its all-clear (26.5.0's on release day)."""
    rows = {r.version: r for r in project.rows(1, 8)}
    held = github.issues
    for issue in held:
        version = next(v for v in rows if f"`{v[:-2]}.x`" in str(issue["title"]))
        closes = CLOSED_EARLY.get(version, rows[version].duty_window[1] + dt.timedelta(days=1))
        if day >= closes and version not in NEVER_CLOSED:
            issue["state"] = "CLOSED"
    (github.state / "issues.json").write_text(json.dumps(held), encoding="utf-8")


def test_json_with_apply_keeps_standard_output_json(
    relrot: Run, roster: Path, github: FakeGh
) -> None:
    result = relrot("--file", roster, "sync", "--today", DUE, "--apply", "--format", "json")
    assert result.exit_code == 0, result
    assert [op["op"] for op in json.loads(result.stdout)["operations"]] == ["create"]
    assert result.stderr == (
        'created "Release `26.3.x`" of 26.3.0: https://github.com/widgets/widgets/issues/1\n'
    )
    assert len(github.issues) == 1


def test_an_ended_calendar_has_nothing_to_do(
    relrot: Run, rotation_file: Callable[[str], Path], tmp_path: Path
) -> None:
    path = rotation_file(ENDED)
    listed = tmp_path / "issues.json"
    listed.write_text("[]", encoding="utf-8")
    result = relrot("--file", path, "sync", listed, "--today", "2026-05-20", "--format", "json")
    assert result.exit_code == 0, result
    assert json.loads(result.stdout)["operations"] == []
