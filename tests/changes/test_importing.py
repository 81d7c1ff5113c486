"""`relrot.changes.importing` as values: the crews read become one `Append` of `releases:`
entries, and the choices made (a gap, an issue for a pinned release) are facts."""

from __future__ import annotations

import datetime as dt
import json

from relrot.changes import Append, Imported, PinEntry
from relrot.importing import read_inputs
from relrot.project import Project
from relrot.render.change import summary
from tests.test_importing import LONG_RUN, LONG_RUN_ISSUES

TODAY = dt.date(2026, 8, 1)


def test_an_import_appends_the_crews_read_with_a_gap_as_empty_seats() -> None:
    project = Project.parse(LONG_RUN.encode())
    issues = [LONG_RUN_ISSUES[0], *LONG_RUN_ISSUES[2:]]  # no issue for 26.3.0
    reading = read_inputs([("issues.json", json.dumps(issues))])
    change = project.import_issues(reading, today=TODAY, allow_gaps=True)
    assert change.kind == "import"
    assert change.facts == Imported(gaps=("26.3.0",))
    (edit,) = change.edits
    assert isinstance(edit, Append)
    assert edit.key == "releases"
    assert [(e.version, e.pilot, e.co_pilot) for e in edit.entries if isinstance(e, PinEntry)] == [
        ("26.1.0", "abe", "xan"),
        ("26.3.0", None, None),
        ("26.5.0", "abe", "bea"),
        ("26.7.0", "abe", "bea"),
    ]
    assert summary(change)[-2:] == [
        "26.3.0: no issue; pinned with empty seats",
        "pinning 4 release(s): 26.1.0, 26.3.0, 26.5.0, 26.7.0",
    ]


def test_importing_what_is_pinned_already_is_an_empty_change_that_says_so() -> None:
    project = Project.parse(LONG_RUN.encode())
    reading = read_inputs([("issues.json", json.dumps(LONG_RUN_ISSUES))])
    pinned = project.import_issues(reading, today=TODAY).after
    again = pinned.import_issues(reading, today=TODAY)
    assert again.empty
    assert again.edits == ()
    assert [version for _, version in again.facts.kept] == [  # type: ignore[union-attr]
        "26.1.0",
        "26.3.0",
        "26.5.0",
        "26.7.0",
    ]
    assert summary(again)[-1] == "nothing to import: every release read is pinned in rotation.yaml"
