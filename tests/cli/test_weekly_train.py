"""A weekly train ten years old: every command finds today's release the same way (issue 25).

Its 500th release is 2025-07-29. `validate` walked the calendar to today, but `plan`, `who`
and `site` looked only 500 releases past the pins and stopped with exit 2, and `pin` pinned
through 2025-07-29 and called that done.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Result

Run = Callable[..., Result]
WEEKLY = """\
schedule:
  first_release: 2016-01-05
  rrule: "FREQ=WEEKLY;BYDAY=TU"
  version: "{yyyy}.{n}"
members: [{id: ann}, {id: bob}, {id: cat}, {id: dan}]
"""
TODAY = ("--today", "2026-11-21")
# Saturday 2026-11-21: the last release before it is 568 (Tue 11-17), the next 569 (11-24).
LAST, NEXT = "2026.568", "2026.569"


def weekly(rotation_file: Callable[[str], Path], extra: str = "") -> Path:
    return rotation_file(WEEKLY + extra)


def test_every_command_answers_from_the_same_release(
    rotation_file: Callable[[str], Path], relrot: Run, tmp_path: Path
) -> None:
    path = weekly(rotation_file)
    validated = relrot("--file", path, "validate", *TODAY)
    # Ten years of releases and none pinned: one warning, counting every one of them.
    assert validated.exit_code == 0, validated
    assert validated.stdout.startswith(f"{path}: 1 warning\n"), validated
    assert "[unpinned-history] 568 releases before today are not pinned" in validated.stdout
    planned = relrot("--file", path, "plan", "--format", "json", "--count", "2", *TODAY)
    assert planned.exit_code == 0, planned
    assert [r["version"] for r in json.loads(planned.stdout)["releases"]] == [NEXT, "2026.570"]
    who = relrot("--file", path, "who", "--format", "json", *TODAY)
    assert who.exit_code == 0, who
    assert json.loads(who.stdout)["version"] == NEXT
    site = relrot("--file", path, "site", tmp_path / "site", *TODAY)
    assert site.exit_code == 0, site
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    on_duty = re.search(r'class="version">([^<]*)<', page)
    assert on_duty is not None
    assert on_duty.group(1) == NEXT
    issue = relrot("--file", path, "issue", NEXT, "--format", "json", *TODAY)
    assert issue.exit_code == 0, issue
    assert (
        json.loads(issue.stdout)["body"]
        .splitlines()[1]
        .startswith(f"Release {NEXT} is planned for ")
    )
    pinned = relrot("--file", path, "pin", "--dry-run", *TODAY)
    assert pinned.exit_code == 0, pinned
    assert pinned.stdout.startswith("pinning 568 release(s): 2016.1, 2016.2, ")
    # Each release's seats from the plan, one line a release, cut after the first 200.
    assert pinned.stdout.count("(from the plan, not a record)") == 200
    assert "… and 368 more releases from the plan\n" in pinned.stdout
    assert f'{{version: "{LAST}", date: 2026-11-17,' in pinned.stdout


def test_references_reach_past_the_500th_release_on_the_command_line(
    rotation_file: Callable[[str], Path], relrot: Run
) -> None:
    path = weekly(rotation_file)
    for ref in ("2027.600", "600", "2027-06-29"):
        who = relrot("--file", path, "who", ref, "--format", "json", *TODAY)
        assert who.exit_code == 0, who
        assert json.loads(who.stdout)["version"] == "2027.600"
    # The reach runs 500 releases past today's: 1,068 is the last release relrot looks at.
    far = relrot("--file", path, "who", "1069", *TODAY)
    assert far.exit_code == 2, far
    assert far.stderr == (
        f"relrot: error: {path}: there is no release number 1069: numbers run from 1 to 1068 "
        "(relrot looks no further ahead)\n"
    )
