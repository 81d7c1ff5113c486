"""`sync`'s operations (SPEC 5.6), from the core: which release's issue is due, found, edited,
left alone or reported."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from relrot.importing import Issue, issues_from_text
from relrot.project import Project
from relrot.sync import Due, Operation, due, operations
from tests.conftest import DATA
from tests.test_issue_body import ROSTER, SWAPPED

PAYLOAD = DATA / "issues" / "sync-widgets.json"
# 26.3.0 is on Thu 2026-03-12; its branch is cut, and its issue due, on Thu 2026-03-05.
DUE = dt.date(2026, 3, 5)


def ops(text: str, issues: list[Issue], today: dt.date) -> list[Operation]:
    return operations(Project.parse(text.encode()), issues, today, None)


def listed(*records: dict[str, object]) -> list[Issue]:
    return issues_from_text(json.dumps(list(records)), "issues.json")


def applied(operation: Operation, number: int = 7, issue: Issue | None = None) -> Issue:
    """The issue as GitHub holds it after the operation."""
    if issue is None:
        return Issue(
            f"#{number}",
            operation.title,
            operation.body or "",
            number,
            None,
            False,
            "OPEN",
            operation.assignees_add,
        )
    held = [a for a in issue.assignees if a not in operation.assignees_remove]
    return Issue(
        issue.name,
        issue.title,
        operation.body or issue.body,
        issue.number,
        None,
        False,
        "OPEN",
        (*held, *operation.assignees_add),
    )


def test_the_issue_is_due_on_the_earliest_milestone_before_release_day() -> None:
    project = Project.parse(ROSTER.encode())
    release = project.rows(2, 1)[0]
    assert due(release, project.model) == Due(DUE, "release-branch")
    days = Project.parse(ROSTER.replace("project:\n", "project:\n  issue_opens: -10\n").encode())
    assert due(release, days.model) == Due(dt.date(2026, 3, 2), None)


def test_create_on_the_due_day_and_not_before() -> None:
    assert ops(ROSTER, [], DUE - dt.timedelta(days=1)) == []
    [create] = ops(ROSTER, [], DUE)
    assert (create.op, create.release, create.number) == ("create", "26.3.0", None)
    assert create.title == "Release `26.3.x`"
    # Pilot, co-pilot and the QA holder with a handle: elvis has none.
    assert create.assignees_add == ("janedoe", "bobross")
    assert create.body is not None
    assert create.body.splitlines()[:2] == [
        "<!-- relrot: widgets 26.3.0 date=2026-03-12 pilot=jane co_pilot=bob jump_seat=- "
        "qa=elvis -->",
        # The plan's wording, whatever the day it is opened on.
        "Release 26.3.0 is planned for Thursday 2026-03-12.",
    ]
    assert ops(ROSTER, [applied(create)], DUE) == []


def test_a_release_still_in_its_duty_window_with_no_issue_gets_one_late() -> None:
    [create] = ops(ROSTER, [], dt.date(2026, 3, 19))
    assert create.release == "26.3.0"
    assert ops(ROSTER, [], dt.date(2026, 3, 20)) == []


def test_the_recorded_issues_a_closed_one_a_patch_one_and_placeholders() -> None:
    found = ops(ROSTER, issues_from_text(PAYLOAD.read_text(encoding="utf-8"), "x"), DUE)
    assert [(o.op, o.number, o.release) for o in found] == [
        ("edit", 102, "26.3.0"),
        ("edit", 104, "26.5.0"),
    ]
    assert found[0].cells[0].after == "jane"
    assert found[1].assignees_add == ("tobby", "kai-qa")


def test_a_closed_issue_and_a_release_past_its_duty_window_are_never_touched() -> None:
    wrong = {"number": 3, "title": "Release 26.1.x", "body": "| Pilot | @kai-qa |\n"}
    assert ops(ROSTER, listed({**wrong, "state": "OPEN"}), dt.date(2026, 1, 21)) == []
    closed = {**wrong, "title": "Release 26.3.x", "state": "CLOSED"}
    assert ops(ROSTER, listed(closed), DUE) == []


def test_a_patch_release_issue_is_not_its_regular_release_issue() -> None:
    patch = {"number": 5, "title": "Release 26.3.1", "body": "", "state": "OPEN"}
    assert [o.op for o in ops(ROSTER, listed(patch), DUE)] == ["create"]


def test_a_swap_is_one_edit_that_moves_the_assignees() -> None:
    [create] = ops(ROSTER, [], DUE)
    issue = applied(create)
    [edit] = ops(SWAPPED, [issue], DUE)
    assert (edit.op, edit.number) == ("edit", 7)
    assert [(c.seat, c.before, c.after) for c in edit.cells] == [("pilot", "jane", "tobby")]
    assert (edit.assignees_add, edit.assignees_remove) == (("tobby",), ("janedoe",))
    assert ops(SWAPPED, [applied(edit, issue=issue)], DUE) == []


def test_someone_the_team_assigned_by_hand_stays_assigned() -> None:
    [create] = ops(ROSTER, [], DUE)
    issue = applied(create)
    by_hand = Issue(
        issue.name, issue.title, issue.body, 7, None, False, "OPEN", (*issue.assignees, "kai-qa")
    )
    assert ops(ROSTER, [by_hand], DUE) == []


def test_the_marker_finds_the_issue_whatever_its_title() -> None:
    [create] = ops(ROSTER, [], DUE)
    renamed = applied(create)
    renamed = Issue(renamed.name, "March!", renamed.body, 7, None, False, "OPEN", renamed.assignees)
    assert ops(ROSTER, [renamed], DUE) == []


@pytest.mark.parametrize("state", ["OPEN", "CLOSED"])
def test_a_marked_issue_wins_over_a_title_match(state: str) -> None:
    [create] = ops(ROSTER, [], DUE)
    marked = applied(create, 9)
    marked = Issue(marked.name, marked.title, marked.body, 9, None, False, state, marked.assignees)
    typed = {
        "number": 4,
        "title": "Release 26.3.x",
        "body": "| Pilot | @kai-qa |\n",
        "state": "OPEN",
    }
    assert ops(ROSTER, [*listed(typed), marked], DUE) == []


def test_a_long_title_is_cut_to_what_github_takes() -> None:
    text = ROSTER.replace("  name: widgets\n", f"  name: {'w' * 300}\n").replace(
        "project:\n", 'project:\n  issue_title: "{{project}} {{version}}"\n'
    )
    [create] = ops(text, [], DUE)
    assert len(create.title) == 256
    assert create.title.endswith("w…")


def test_a_team_template_titles_the_issue_from_issue_title() -> None:
    # Issue 29: a template whose first line is `### Summary` named the issue "## Summary".
    project = Project.parse(ROSTER.encode())
    template = (
        "### Summary\n\n| Pilot | {{pilot}} |\n|---|---|\n| Co-pilot | {{co_pilot}} |\n",
        "release.md",
    )
    [create] = operations(project, [], DUE, template)
    assert create.title == "Release `26.3.x`"
    assert create.body == (
        "<!-- relrot: widgets 26.3.0 date=2026-03-12 pilot=jane co_pilot=bob jump_seat=- "
        "qa=elvis -->\n"
        "### Summary\n\n| Pilot | @janedoe |\n|---|---|\n| Co-pilot | @bobross |\n| QA | elvis |\n"
    )
    assert operations(project, [applied(create)], DUE, template) == []


def test_a_milestone_that_moved_alone_is_an_edit_of_its_line() -> None:
    # The issue created on the due day; then the branch cut moves a day later (-6).
    [create] = ops(ROSTER, [], DUE)
    issue = applied(create)
    later = ROSTER.replace("days: -7", "days: -6")
    [edit] = ops(later, [issue], DUE)
    assert (edit.op, edit.moved) == ("edit", None)
    assert edit.milestones == (("release-branch", DUE, DUE + dt.timedelta(days=1)),)
    assert edit.body == issue.body.replace(
        "- Thu 2026-03-05: release-branch", "- Fri 2026-03-06: release-branch"
    )
    assert ops(later, [applied(edit, issue=issue)], DUE) == []
