"""`relrot import`: release issues in, pinned history out, with the same safe write as swap."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from relrot.cli import app
from tests.cli.conftest import in_folder
from tests.conftest import Result

Run = Callable[..., Result]
TODAY = "2026-06-01"

# Comments and flow style of its own: an import may only add the `releases:` entries.
ROSTER = """\
# Release crew of the gadgets project.
schedule:
  first_release: 2026-01-13   # the first release we tracked in an issue
members:
  # Core team, in the order they joined.
  - id: ana
    github: Ana-Alves
  - id: ben
    github: benito   # prefers Ben
  - id: cat
    github: cat-c
  - id: dee
    github: deedee
"""


def issue(number: int, title: str, body: str) -> dict[str, object]:
    url = f"https://github.com/gadgets/gadgets/issues/{number}"
    return {"number": number, "title": title, "url": url, "body": body}


ISSUES = [
    issue(
        21,
        "Release 26.3.x",
        "Planned for March.\n\n| Roles | Person |\n|---|---|\n| Pilot | @benito  |\n"
        "| Co-Pilot | @cat-c |\n| Jump seat | ??? |\n\nThanks @deedee for the notes.\n",
    ),
    issue(
        17,
        "Release `26.1.0`/`26.1.1`",
        "| Pilot | Copilot |\n|--|--|\n| @ana-alves | @Benito |\n",
    ),
    issue(19, "Release 26.1.1", "| Pilot | @deedee |\n|---|---|\n| Co-pilot | TBD |\n"),
    issue(23, "Release 26.5.x", "No table was kept for this one; @ana ran it."),
]


@pytest.fixture
def roster(rotation_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    path = in_folder(ROSTER, rotation_file, monkeypatch)
    (path.parent / "issues.json").write_text(json.dumps(ISSUES), encoding="utf-8")
    return path


def assert_refused(result: Result, path: Path, stderr: str) -> None:
    """Refused with exit 1 and `stderr`; the roster as it was and no temporary file left."""
    assert result.exit_code == 1, result
    assert result.stderr == stderr
    assert path.read_text(encoding="utf-8") == ROSTER
    assert sorted(p.name for p in path.parent.iterdir()) == ["issues.json", "rotation.yaml"]


def run_import(relrot: Run, *options: str) -> Result:
    return relrot("--file", "rotation.yaml", "import", "issues.json", "--today", TODAY, *options)


@pytest.mark.usefixtures("roster")
def test_it_shows_what_it_read_from_which_issue_then_the_diff(relrot: Run) -> None:
    result = run_import(relrot, "--dry-run")

    assert result.exit_code == 0, result
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert lines[0] == "Read from the issues"
    table = "\n".join(lines[:8])
    for row in (
        "│ #21   │ 26.3.0               │ @benito    │ @cat-c   │ -         │      │ "
        "https://github.com/gadgets/gadgets/issues/21 │",
        "│ #17   │ 26.1.0               │ @ana-alves │ @Benito  │ -         │      │ "
        "https://github.com/gadgets/gadgets/issues/17 │",
        "│ #19   │ 26.1.0 (patch issue) │ @deedee    │ -        │ -         │      │ "
        "https://github.com/gadgets/gadgets/issues/19 │",
    ):
        assert row in table
    assert lines[8:] == [
        "#23: skipped: no crew table in the body",
        "#19: not used: a patch release's issue for 26.1.0; #17 gives its crew",
        "pinning 2 release(s): 26.1.0, 26.3.0",
        "",
        "--- a/rotation.yaml",
        "+++ b/rotation.yaml",
        "@@ -11,3 +11,6 @@",
        "     github: cat-c",
        "   - id: dee",
        "     github: deedee",
        "+releases:",
        "+  - {version: 26.1.0, date: 2026-01-13, pilot: ana, co_pilot: ben}",
        "+  - {version: 26.3.0, date: 2026-03-12, pilot: ben, co_pilot: cat}",
    ]
    assert result.stderr == "(dry run: nothing written)\n"


def test_it_only_adds_the_releases_and_a_second_import_changes_nothing(
    relrot: Run, roster: Path
) -> None:
    result = run_import(relrot, "--yes")

    assert result.exit_code == 0, result
    assert result.stderr == "wrote 2 imported releases to rotation.yaml\n"
    once = roster.read_bytes()
    assert (
        once
        == (
            ROSTER + "releases:\n"
            "  - {version: 26.1.0, date: 2026-01-13, pilot: ana, co_pilot: ben}\n"
            "  - {version: 26.3.0, date: 2026-03-12, pilot: ben, co_pilot: cat}\n"
        ).encode()
    )

    again = run_import(relrot, "--yes")

    assert again.exit_code == 0, again
    assert again.stdout.splitlines()[-1] == (
        "nothing to import: every release read is pinned in rotation.yaml"
    )
    assert roster.read_bytes() == once


def test_a_handle_on_no_member_is_refused_naming_the_issue_and_handle(
    relrot: Run, roster: Path
) -> None:
    strangers = [
        *ISSUES,
        issue(25, "Release 26.7.x", "| Pilot | @outsider |\n|-|-|\n| Co-pilot | @cat-c |\n"),
    ]
    (roster.parent / "issues.json").write_text(json.dumps(strangers), encoding="utf-8")

    result = run_import(relrot, "--yes", "--allow-gaps")

    assert_refused(
        result,
        roster,
        "rotation.yaml: error [edit] refused: nothing imported; rotation.yaml is unchanged\n"
        "rotation.yaml: error [import] #25 (Release 26.7.x): @outsider is not the `github` of "
        "any member; add it to their entry in `members:`\n",
    )


def test_a_gap_is_refused_naming_the_releases_without_an_issue(relrot: Run, roster: Path) -> None:
    later = [issue(30, "Release 26.9.x", "| Pilot | @deedee |\n|-|-|\n| Co-pilot | @ana-alves |\n")]
    (roster.parent / "issues.json").write_text(json.dumps([*ISSUES, *later]), encoding="utf-8")

    result = relrot("import", "issues.json", "--today", "2026-10-01", "--yes")

    assert_refused(
        result,
        roster,
        "rotation.yaml: error [edit] refused: no issue was read for 26.5.0, 26.7.0, so the "
        "pinned run would have a gap; import their issues too, or pass --allow-gaps to pin "
        "them with empty seats; rotation.yaml is unchanged\n",
    )


def test_allow_gaps_pins_the_releases_without_an_issue_with_empty_seats(
    relrot: Run, roster: Path
) -> None:
    later = [issue(30, "Release 26.7.x", "| Pilot | @deedee |\n|-|-|\n| Co-pilot | @ana-alves |\n")]
    (roster.parent / "issues.json").write_text(json.dumps([*ISSUES, *later]), encoding="utf-8")

    result = relrot("import", "issues.json", "--today", "2026-10-01", "--yes", "--allow-gaps")

    assert result.exit_code == 0, result
    assert "26.5.0: no issue; pinned with empty seats" in result.stdout
    assert roster.read_text(encoding="utf-8").endswith(
        "  - {version: 26.3.0, date: 2026-03-12, pilot: ben, co_pilot: cat}\n"
        "  - {version: 26.5.0, date: 2026-05-13}\n"
        "  - {version: 26.7.0, date: 2026-07-13, pilot: dee, co_pilot: ana}\n"
    )


def test_markdown_files_and_standard_input(roster: Path) -> None:
    (roster.parent / "26.1.md").write_text(
        "# Release 26.1.x\n\n| Pilot | @ana-alves |\n|---|---|\n| Co-pilot | @benito |\n",
        encoding="utf-8",
    )
    body = "## Release 26.3.x\n\n| Pilot | Co-pilot |\n|-|-|\n| @benito | @cat-c |\n"

    result = CliRunner().invoke(
        app, ["import", "26.1.md", "-", "--today", TODAY, "--yes"], input=body.encode()
    )

    assert result.exit_code == 0, result.output
    assert roster.read_text(encoding="utf-8").endswith(
        "  - {version: 26.1.0, date: 2026-01-13, pilot: ana, co_pilot: ben}\n"
        "  - {version: 26.3.0, date: 2026-03-12, pilot: ben, co_pilot: cat}\n"
    )


@pytest.mark.usefixtures("roster")
def test_an_input_that_cannot_be_read_is_a_usage_error(relrot: Run) -> None:
    result = relrot("import", "missing.json", "--today", TODAY)

    assert result.exit_code == 2, result
    assert "missing.json: no such file" in result.stderr
