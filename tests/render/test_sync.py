"""How `sync`'s operations read (SPEC 5.6): each fact of an operation in its reason."""

from __future__ import annotations

import datetime as dt
import json

from relrot.issue_body import CellChange, Mismatch
from relrot.project import Project
from relrot.render.sync import as_json, as_text, reason
from relrot.sync import Due, Operation
from tests.test_issue_body import ROSTER

ROTATION = Project.parse(ROSTER.encode()).model


def test_an_edit_names_each_cell_row_date_and_assignee() -> None:
    edit = Operation(
        "edit",
        "26.3.0",
        41,
        "Release 26.3.x",
        "body",
        ("tobby",),
        ("janedoe",),
        cells=(CellChange("pilot", "jane", "tobby"), CellChange("qa", None, "elvis")),
        added=("qa",),
        moved=(dt.date(2026, 3, 10), dt.date(2026, 3, 12)),
        marker_changed=True,
    )
    assert reason(edit, ROTATION) == (
        "pilot: jane -> tobby; QA: (empty) -> elvis; add the QA row; "
        "release day 2026-03-10 -> 2026-03-12; assign @tobby; unassign @janedoe"
    )


def test_an_edit_names_each_milestone_that_moved_without_release_day() -> None:
    edit = Operation(
        "edit",
        "26.3.0",
        41,
        "t",
        "body",
        milestones=(("release-branch", dt.date(2026, 3, 5), dt.date(2026, 3, 4)),),
    )
    assert reason(edit, ROTATION) == "release-branch 2026-03-05 -> 2026-03-04"


def test_an_edit_of_the_marker_alone_says_so() -> None:
    edit = Operation("edit", "26.3.0", 41, "t", "body", marker_changed=True)
    assert reason(edit, ROTATION) == "record the crew in relrot's marker"


def test_a_create_names_its_due_day_and_milestone() -> None:
    create = Operation(
        "create", "26.3.0", None, "t", "b", ("a",), due=Due(dt.date(2026, 3, 2), None)
    )
    assert reason(create, ROTATION) == "due since 2026-03-02; assign @a"


def test_mismatches_quote_what_the_issue_says_as_data() -> None:
    typed = Mismatch("typed", "co_pilot", "kai", "bob", "jane")
    unreadable = Mismatch("unreadable", "qa", "\x1b[31m@ghost\u202e", "elvis", None)
    mismatch = Operation(
        "mismatch",
        "26.3.0",
        7,
        "Release\r::error::x",
        None,
        mismatches=(typed, unreadable, Mismatch("no-table")),
    )
    text = as_text(1, [mismatch], ROTATION)
    assert text == (
        "Read 1 issue.\n"
        'mismatch #7 26.3.0 "Release\\r::error::x": the co-pilot cell names kai, but the plan '
        "has bob and relrot wrote jane: record the change with `relrot swap` or `relrot "
        "import`, or put the plan's crew back in the issue; the QA cell names "
        "'\\x1b[31m@ghost\\u202e', nobody on the roster, but the plan has elvis: record the "
        "change with `relrot swap` or `relrot import`, or put the plan's crew back in the "
        "issue; no crew table relrot can read and no relrot marker: add a `| Pilot | … |` "
        "table, or record the crew with `relrot import`\n"
    )
    found = json.loads(as_json(1, [mismatch], ROTATION))
    assert found["operations"][0]["body"] is None
    assert as_json(1, [mismatch], ROTATION).isascii()


def test_nothing_to_do_is_said() -> None:
    assert as_text(0, [], ROTATION) == (
        "Read 0 issues.\nNothing to do: the tracking issues are in step with the plan.\n"
    )
