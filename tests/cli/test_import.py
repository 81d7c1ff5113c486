"""`relrot import`: release issues in, pinned history out, with the same safe write as swap."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from relrot.cli import app
from tests.cli.conftest import in_folder
from tests.conftest import DATA, Result

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
        "any member; add it to their entry in `members:`, or add them as a member with "
        "`core: false` (they helped once) or `left:` (they have left), so the planner never "
        "gives them a stint\n",
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


# --- hostile issues ---------------------------------------------------------------------------

HIDDEN = {"Cc", "Cf", "Cs", "Zl", "Zp"}
CREW_TABLE = "| Pilot | @ana-alves |\n|-|-|\n| Co-pilot | @benito |\n"


def write_issues(folder: Path, *issues: dict[str, object], name: str = "issues.json") -> None:
    (folder / name).write_text(json.dumps(list(issues)), encoding="utf-8")


def assert_inert(result: Result) -> None:
    """Nothing in the output can drive a terminal or a CI runner."""
    output = result.stdout + result.stderr
    raw = sorted({c for c in output if unicodedata.category(c) in HIDDEN and c != "\n"})
    assert not raw, raw
    for line in re.split(r"\r\n|\r|\n", output):
        assert not line.lstrip().startswith("::"), line


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000, '[{"number": ' + "9" * 5000 + ', "title": "Release 26.1.x", "body": ""}]'],
    ids=["deep", "long number"],
)
def test_json_too_deep_or_with_a_number_too_long_is_exit_2_naming_the_input(
    relrot: Run, roster: Path, text: str
) -> None:
    (roster.parent / "issues.json").write_text(text, encoding="utf-8")

    result = run_import(relrot, "--yes")

    assert result.exit_code == 2, result
    assert result.stderr.startswith("relrot: error: issues.json: ")
    assert "at line 1, column " in result.stderr
    assert roster.read_text(encoding="utf-8") == ROSTER


@pytest.mark.usefixtures("roster")
def test_deep_json_on_standard_input_names_it() -> None:
    result = CliRunner().invoke(app, ["import", "-", "--today", TODAY], input=b"[" * 100_000)

    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(
        "relrot: error: standard input: JSON nested more than 64 levels deep at line 1, column 65;"
    )


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("https://x/[/bold]", CREW_TABLE),
        ("https://github.com/gadgets/gadgets/issues/1", CREW_TABLE + "| [/bold] | @cat-c |\n"),
        (
            "https://github.com/gadgets/gadgets/issues/1",
            "| Pilot | @ana-alves |\n|-|-|\n| Co-pilot | [/y] |\n",
        ),
    ],
    ids=["url", "role cell", "member cell"],
)
def test_markup_in_an_issue_is_shown_as_written(
    relrot: Run, roster: Path, url: str, body: str
) -> None:
    write_issues(roster.parent, {"number": 1, "title": "Release 26.1.x", "url": url, "body": body})

    result = run_import(relrot, "--dry-run")

    assert result.exit_code == 0, result
    assert "[/" in result.stdout


def test_an_input_file_named_like_markup_is_shown_as_named(relrot: Run, roster: Path) -> None:
    (roster.parent / "[").mkdir()
    write_issues(roster.parent, {"title": "Release 26.1.x", "body": CREW_TABLE}, name="[/x].json")

    result = relrot("import", "[/x].json", "--today", TODAY, "--dry-run")

    assert result.exit_code == 0, result
    assert "│ [/x].json item 1 │" in result.stdout


def test_a_markup_link_or_blink_in_an_issue_never_reaches_a_terminal(
    relrot: Run, roster: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # rich writes styles and OSC 8 links only to a terminal: pretend to be one.
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "300")
    spoof = "[link=https://evil.example]https://github.com/a/b/issues/1[/link] [blink]x[/blink]"
    body = CREW_TABLE + "| [blink]Trainee[/blink] | @cat-c |\n"
    write_issues(
        roster.parent, {"number": 1, "title": "Release 26.1.x", "url": spoof, "body": body}
    )

    result = run_import(relrot, "--dry-run")

    assert result.exit_code == 0, result
    assert "\x1b]8;" not in result.stdout
    assert "\x1b[5m" not in result.stdout
    assert spoof in result.stdout
    assert "@cat-c ([blink]Trainee[/blink])" in result.stdout


def test_escape_codes_in_issue_text_are_shown_escaped(relrot: Run, roster: Path) -> None:
    body = CREW_TABLE + "| Trainee\u001b[5m\u202e | @cat-c |\n| QA | @outsider |\n"
    write_issues(
        roster.parent,
        {"number": 1, "title": "Release 26.1.x \u001b[5m", "url": "u\u001b[2J", "body": body},
    )

    result = run_import(relrot, "--yes")

    assert_inert(result)
    assert result.exit_code == 1, result
    assert "│ u\\x1b[2J │" in result.stdout
    assert "#1: the role 'Trainee\\x1b[5m\\u202e' is recorded as 'Trainee[5m': " in result.stdout
    assert result.stderr.endswith(
        "rotation.yaml: error [import] #1 (Release 26.1.x \\x1b[5m): @outsider is not the "
        "`github` of any member; add it to their entry in `members:`, or add them as a member "
        "with `core: false` (they helped once) or `left:` (they have left), so the planner "
        "never gives them a stint\n"
    )


# One hostile corpus for every field of an issue (docs/decisions.md, "Output nobody can forge").
HOSTILE = [
    "\r",
    "\n",
    "\r\n",
    "\x00",
    "\x1b[5m",
    "\x1b[2J\x1b[H",
    "\x1b]8;;https://evil.example\x1b\\",
    "\x1b]0;title\x07",
    "\x9b31m",
    "[/bold]",
    "[link=https://evil.example]https://github.com/a/b/issues/1[/link]",
    "[blink]",
    ":smile:",
    "\u202e",
    "\u200b",
    "\ud800",
    "::error::x",
    "%0A::warning::y",
    "|",
    "\\|",
    "@ana-alves",
    "@outsider",
    "Pilot",
    "Co-pilot",
    "Trainee",
    " ",
    "26.1.x",
]
hostile = st.lists(st.sampled_from(HOSTILE) | st.text(max_size=4), max_size=6).map("".join)


@st.composite
def hostile_issues(draw: st.DrawFn) -> list[dict[str, object]]:
    issues = []
    for number in range(1, draw(st.integers(1, 3)) + 1):
        rows = [f"| {draw(hostile)} | {draw(hostile)} |" for _ in range(draw(st.integers(0, 3)))]
        body = "\n".join([draw(hostile), "| Pilot | @ana-alves |", "|-|-|", *rows, draw(hostile)])
        title = draw(st.sampled_from(["Release 26.1.x ", "Release 26.3.x", ""])) + draw(hostile)
        issue = {"title": title, "body": body, "url": draw(hostile)}
        issues.append({**issue, "number": number} if draw(st.booleans()) else issue)
    return issues


@settings(max_examples=60, deadline=None)
@given(issues=hostile_issues(), escaped=st.booleans(), write=st.booleans())
def test_no_issue_text_reaches_the_output_raw(
    tmp_path_factory: pytest.TempPathFactory,
    issues: list[dict[str, object]],
    escaped: bool,
    write: bool,
) -> None:
    folder = tmp_path_factory.mktemp("hostile")
    rotation = folder / "rotation.yaml"
    rotation.write_text(ROSTER, encoding="utf-8")
    # Escaped is what `gh` prints; raw characters are what a hand-made file may hold.
    text = json.dumps(issues, ensure_ascii=escaped)
    (folder / "issues.json").write_bytes(text.encode("utf-8", "surrogatepass"))
    options = ["--yes", "--allow-gaps"] if write else ["--dry-run"]

    outcome = CliRunner().invoke(
        app,
        ["-f", str(rotation), "import", str(folder / "issues.json"), "--today", TODAY, *options],
    )
    result = Result(outcome.exit_code, outcome.stdout, outcome.stderr)

    assert result.exit_code in (0, 1, 2), (result, outcome.exc_info)
    assert_inert(result)
    written = rotation.read_text(encoding="utf-8")
    assert not [c for c in written if unicodedata.category(c) in HIDDEN and c != "\n"]


def test_a_flood_of_issues_is_shown_cut_with_a_count(relrot: Run, roster: Path) -> None:
    flood = [issue(n, "Release 26.1.x", CREW_TABLE) for n in range(1, 251)]
    flood += [issue(n, "No version", "") for n in range(251, 501)]
    write_issues(roster.parent, *flood)

    result = run_import(relrot, "--dry-run")

    assert result.exit_code == 0, result
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert "│ #200  │" in result.stdout
    assert "│ #201  │" not in result.stdout
    assert "… and 50 more issues read" in lines
    assert lines.count("#450: skipped: no version in the title 'No version'") == 1
    assert "#451: skipped" not in result.stdout
    assert "… and 50 more skipped issues" in lines
    assert "#201: not used: a second issue for 26.1.0; #1 gives its crew" in lines
    assert "#202: not used" not in result.stdout
    assert "… and 49 more issues not used" in lines


# --- issue 26: relrot's own issues, Markdown files, readable refusals ----------------------------


@pytest.fixture
def swapped(rotation_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    """The commented roster with two swaps for 27.3.0, and the issues relrot wrote for
    27.1.0 and 27.3.0 saved as Markdown files beside it."""
    from tests.changes.test_importing import SWAPPED

    path = in_folder(SWAPPED, rotation_file, monkeypatch)
    runner = CliRunner()
    for version in ("27.1.0", "27.3.0"):
        body = runner.invoke(app, ["issue", version], catch_exceptions=False).stdout
        (path.parent / f"{version}.md").write_text(body, encoding="utf-8")
    return path


def test_importing_relrot_issues_then_diff_against_the_pinned_file_moves_nobody(
    relrot: Run, swapped: Path
) -> None:
    pinned = swapped.parent / "pinned.yaml"
    pinned.write_text(swapped.read_text("utf-8"), encoding="utf-8")
    today = ("--today", "2027-04-01")
    assert relrot("-f", pinned, "pin", "--through", "27.3.0", "--yes", *today).exit_code == 0

    first = relrot("import", "27.1.0.md", "27.3.0.md", "--yes", *today)
    again = relrot("import", "27.1.0.md", "27.3.0.md", "--yes", *today)
    moved = relrot("diff", pinned, *today)

    assert first.exit_code == 0, first
    assert swapped.read_bytes() == pinned.read_bytes()
    assert again.stdout.splitlines()[-1] == (
        "nothing to import: every release read is pinned in rotation.yaml"
    )
    assert moved.stdout.strip() == "No one moves: the plan is the same."
    assert "stale-swap" not in relrot("validate", *today).stdout


def test_as_swaps_records_a_stand_in_as_a_swap(relrot: Run, swapped: Path) -> None:
    stood_in = (swapped.parent / "27.1.0.md").read_text("utf-8").replace("(@bobby)", "(@dan-d)")
    (swapped.parent / "27.1.0.md").write_text(stood_in, encoding="utf-8")

    result = relrot("import", "27.1.0.md", "--as-swaps", "--yes", "--today", "2027-04-01")

    assert result.exit_code == 0, result
    assert "27.1.0 co-pilot: recorded as a swap, bob -> dan" in result.stdout
    assert swapped.read_text("utf-8").endswith(
        "  - {version: 27.1.0, date: 2027-01-11, pilot: alice, co_pilot: bob}\n"
    )
    assert "reason: from issue 27.1.0.md" in swapped.read_text("utf-8")


def test_a_year_of_markdown_issues_imports_every_crew(
    relrot: Run, rotation_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    roster = ROSTER.replace("2026-01-13", "2026-01-12").replace("github: deedee", "github: dan-d")
    in_folder(
        roster + "  - {id: cy, github: carol-c}\n  - {id: er, github: erin-e}\n"
        "  - {id: fr, github: frankly}\n  - {id: bo, github: bobby, core: false}\n",
        rotation_file,
        monkeypatch,
    )
    files = sorted(str(p) for p in (DATA / "issues").glob("*.md"))

    result = relrot("import", *files, "--yes", "--today", "2026-12-07")

    assert result.exit_code == 0, result
    assert "skipped" not in result.stdout
    assert result.stdout.splitlines()[-1] == (
        "pinning 6 release(s): 26.1.0, 26.3.0, 26.5.0, 26.7.0, 26.9.0, 26.11.0"
    )


def test_files_with_no_release_are_refused_with_the_reason_for_each(
    relrot: Run, roster: Path
) -> None:
    (roster.parent / "notes.md").write_text("Nothing to see here.\n", encoding="utf-8")
    (roster.parent / "later.md").write_text("# Release 26.5.x\n\nNo table.\n", encoding="utf-8")

    result = relrot("import", "notes.md", "later.md", "--today", TODAY)

    assert result.exit_code == 1, result
    assert roster.read_text(encoding="utf-8") == ROSTER
    assert result.stderr == (
        "rotation.yaml: error [edit] refused: no release read: no issue names a release of "
        "this calendar; rotation.yaml is unchanged\n"
        "notes.md: error [import] no version in its `title:` line, its headings, its text or "
        "its name; add a heading such as `# Release 26.3.x`\n"
        "later.md: error [import] no crew table in the body\n"
    )
    assert "every release read is pinned" not in result.stdout


def test_a_0x_project_is_one_short_error_not_455_missing_releases(
    relrot: Run, roster: Path
) -> None:
    zero = [issue(n, f"Release 0.{n}.0", "| Pilot | @deedee |\n|-|-|\n") for n in range(1, 40)]
    (roster.parent / "issues.json").write_text(json.dumps(zero), encoding="utf-8")

    result = run_import(relrot, "--yes")

    assert result.exit_code == 1, result
    first, problem = result.stderr.splitlines()
    assert (
        first == "rotation.yaml: error [edit] refused: nothing imported; rotation.yaml is unchanged"
    )
    assert problem.startswith(
        "rotation.yaml: error [import] 39 issue(s) name versions that do not follow "
        '`schedule.version` ("{yy}.{m}.0"): 0.1.0 (#1),'
    )
    assert len(problem) < 400


def test_a_missing_input_says_how_to_save_the_issues(roster: Path, relrot: Run) -> None:
    # It said "create one with `relrot init`", which makes a roster, not an input.
    result = relrot("--file", "rotation.yaml", "import", "saved.json", "--today", TODAY)
    assert result.exit_code == 2, result
    assert result.stderr == (
        "relrot: error: saved.json: no such file; save the issues first, e.g. `gh issue list "
        "--state all --json number,title,body,url > issues.json`, or name the Markdown files "
        "of their bodies\n"
    )
    assert roster.read_text(encoding="utf-8") == ROSTER


def test_an_issue_older_than_the_calendar_naming_nobody_known_says_so(
    roster: Path, relrot: Run
) -> None:
    # It said "the experience read is recorded", though nothing was: the handles are unknown.
    old = "title:\tRelease 24.11.x\n--\n| Pilot | Co-pilot |\n|---|---|\n| @old-one | @old-two |\n"
    (roster.parent / "old.md").write_text(old, encoding="utf-8")
    result = relrot("--file", "rotation.yaml", "import", "old.md", "--today", TODAY)
    assert result.exit_code == 0, result
    assert result.stdout.splitlines()[-1] == (
        "nothing to import: the issues read are older than the calendar, and every member "
        "they name as pilot or co-pilot is `experienced` in rotation.yaml already"
    )
    assert roster.read_text(encoding="utf-8") == ROSTER


# A QA rotation from a pool of three and a pilot-in-training asked for by name (SPEC 3.7).
ROLES = """\
schedule:
  first_release: 2026-01-13
members:
  - {id: ana, github: Ana-Alves}
  - {id: ben, github: benito}
  - {id: cat, github: cat-c}
  - {id: dee, github: deedee}
  - {id: eve, github: eve-e}
  - {id: fay, github: fay-f, core: false}
roles:
  - {id: qa, name: QA, pool: [cat, dee, eve]}
  - {id: pilot_in_training, name: Pilot in training, fill: request}
requests:
  - {member: fay, role: pilot_in_training, release: 26.3.0}
"""


@pytest.fixture
def crewed(rotation_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    """The roster with roles, and the issues relrot writes for its first two releases."""
    return write_crewed(ROLES, rotation_file, monkeypatch)


def write_crewed(
    text: str, rotation_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> Path:
    path = in_folder(text, rotation_file, monkeypatch)
    runner = CliRunner()
    for version in ("26.1.0", "26.3.0"):
        body = runner.invoke(app, ["issue", version], catch_exceptions=False).stdout
        (path.parent / f"{version}.md").write_text(body, encoding="utf-8")
    return path


def test_importing_relrot_issues_with_roles_then_diff_against_the_pinned_file_moves_nobody(
    relrot: Run, crewed: Path
) -> None:
    assert "| QA | Pilot in training |" in (crewed.parent / "26.3.0.md").read_text("utf-8")
    pinned = crewed.parent / "pinned.yaml"
    pinned.write_text(crewed.read_text("utf-8"), encoding="utf-8")
    today = ("--today", "2026-04-01")
    assert relrot("-f", pinned, "pin", "--through", "26.3.0", "--yes", *today).exit_code == 0

    first = relrot("import", "26.1.0.md", "26.3.0.md", "--yes", *today)

    assert first.exit_code == 0, first
    assert "roles: {qa: dee, pilot_in_training: fay}" in crewed.read_text("utf-8")
    assert "also" not in crewed.read_text("utf-8")
    assert crewed.read_bytes() == pinned.read_bytes()
    assert relrot("diff", pinned, *today).stdout.strip() == "No one moves: the plan is the same."


def test_condas_pilot_in_training_row_fills_the_role_and_other_rows_go_to_also(
    relrot: Run, crewed: Path
) -> None:
    (crewed.parent / "26.1.0.md").write_text(
        "# Release 26.1.x\n\n| Role | Person |\n|---|---|\n| Pilot | @Ana-Alves |\n"
        "| Co-pilot | @benito |\n| Pilot-in-training | @fay-f |\n| q_a | @deedee |\n"
        "| Docs | @eve-e |\n",
        encoding="utf-8",
    )
    result = relrot("import", "26.1.0.md", "--yes", "--today", "2026-02-01")
    assert result.exit_code == 0, result
    assert crewed.read_text("utf-8").endswith(
        "  - {version: 26.1.0, date: 2026-01-13, pilot: ana, co_pilot: ben, roles: {qa: dee, "
        "pilot_in_training: fay}, also: [{member: eve, role: Docs}]}\n"
    )


def qa_issue(crewed: Path, cell: str) -> None:
    (crewed.parent / "26.1.0.md").write_text(
        "# Release 26.1.x\n\n| Pilot | Co-pilot | QA |\n|---|---|---|\n"
        f"| @Ana-Alves | @benito | {cell} |\n",
        encoding="utf-8",
    )


def test_a_qa_placeholder_is_pinned_with_the_planned_holder_from_the_plan(
    relrot: Run, crewed: Path
) -> None:
    qa_issue(crewed, "???")
    result = relrot("import", "26.1.0.md", "--yes", "--today", "2026-02-01")
    assert result.exit_code == 0, result
    assert "26.1.0 qa: cat, from the plan, not a record" in result.stdout
    assert "roles: {qa: cat}" in crewed.read_text("utf-8")


def test_another_qa_than_planned_is_the_crew_served(relrot: Run, crewed: Path) -> None:
    qa_issue(crewed, "@eve-e")
    result = relrot("import", "26.1.0.md", "--yes", "--today", "2026-02-01")
    assert result.exit_code == 0, result
    assert "roles: {qa: eve}" in crewed.read_text("utf-8")
    swaps = relrot("import", "26.1.0.md", "--as-swaps", "--dry-run", "--today", "2026-02-01")
    assert "pinned already" in swaps.stdout, swaps


def test_as_swaps_records_another_qa_as_a_role_swap(relrot: Run, crewed: Path) -> None:
    qa_issue(crewed, "@eve-e")
    result = relrot("import", "26.1.0.md", "--as-swaps", "--yes", "--today", "2026-02-01")
    assert result.exit_code == 0, result
    assert "26.1.0 qa: recorded as a swap, cat -> eve" in result.stdout
    text = crewed.read_text("utf-8")
    assert "roles: {qa: cat}" in text
    assert "seat: qa" in text
    assert "out: cat" in text
    assert "stale-swap" not in relrot("validate", "--today", "2026-02-01").stdout


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param("name: Pilot in training, ", "", id="no-name-shows-the-id"),
        pytest.param("name: QA, ", "name: 'QA & docs *team*', ", id="markdown-in-the-name"),
    ],
)
def test_a_role_label_relrot_escaped_reads_back_as_the_role(
    relrot: Run,
    rotation_file: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
    before: str,
    after: str,
) -> None:
    path = write_crewed(ROLES.replace(before, after), rotation_file, monkeypatch)
    result = relrot("import", "26.1.0.md", "26.3.0.md", "--yes", "--today", "2026-04-01")
    assert result.exit_code == 0, result
    assert "roles: {qa: dee, pilot_in_training: fay}" in path.read_text("utf-8")
    assert "also" not in path.read_text("utf-8")


# --- relrot's marker and members named without a handle (SPEC 5.4) ------------------------------

# The roster of these tests, named, with ben known by name only and two members both called
# Sam Reyes (cat has no handle).
NAMED = "project: {name: gadgets}\n" + ROSTER.replace(
    "    github: benito   # prefers Ben\n", "    name: Ben Brown\n"
).replace("    github: cat-c\n", "    name: Sam Reyes\n").replace(
    "    github: deedee\n", "    name: Sam Reyes\n    github: deedee\n"
)


@pytest.fixture
def named(rotation_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    return in_folder(NAMED, rotation_file, monkeypatch)


def write_json(folder: Path, *issues: dict[str, object]) -> None:
    (folder / "issues.json").write_text(json.dumps(issues), encoding="utf-8")


def test_the_marker_names_the_release_and_cells_name_members_by_id_or_name(
    relrot: Run, named: Path
) -> None:
    write_json(
        named.parent,
        issue(1, "Release 26.1.x", "| Pilot | Co-pilot |\n|---|---|\n| ANA | ben brown |\n"),
        issue(
            2,
            "Release 26.1.x",  # copied from #1, title unchanged
            "<!-- relrot: gadgets 26.3.0 date=2026-03-12 pilot=ben co_pilot=ana -->\n"
            "| Pilot | Co-pilot |\n|---|---|\n| Ben | @ana-alves |\n",
        ),
    )

    result = run_import(relrot, "--dry-run")

    assert result.exit_code == 0, result
    rows = [line.rstrip() for line in result.stdout.splitlines() if line.startswith("│ #")]
    assert rows == [
        "│ #1    │ 26.1.0  │ ANA   │ ben brown  │ -         │      │ "
        "https://github.com/gadgets/gadgets/issues/1 │",
        "│ #2    │ 26.3.0  │ Ben   │ @ana-alves │ -         │      │ "
        "https://github.com/gadgets/gadgets/issues/2 │",
    ]
    assert result.stdout.splitlines()[-2:] == [
        "+  - {version: 26.1.0, date: 2026-01-13, pilot: ana, co_pilot: ben}",
        "+  - {version: 26.3.0, date: 2026-03-12, pilot: ben, co_pilot: ana}",
    ]


def test_a_shared_display_name_is_refused_naming_both_members(relrot: Run, named: Path) -> None:
    write_json(
        named.parent,
        issue(1, "Release 26.1.x", "| Pilot | @Ana-Alves |\n|-|-|\n| Co-pilot | Sam Reyes |\n"),
    )

    result = run_import(relrot, "--yes")

    assert result.exit_code == 1, result
    assert result.stderr == (
        "rotation.yaml: error [edit] refused: nothing imported; rotation.yaml is unchanged\n"
        "rotation.yaml: error [import] #1 (Release 26.1.x): the co-pilot cell 'Sam Reyes' "
        "names 2 members, `cat` and `dee`; write the @handle or id of the one who served\n"
    )
    assert named.read_text(encoding="utf-8") == NAMED


def test_an_issue_of_another_project_is_refused_in_one_line(relrot: Run, named: Path) -> None:
    write_json(
        named.parent,
        issue(
            4,
            "Release 26.1.x",
            "<!-- relrot: widgets 26.1.0 -->\n| Pilot | @Ana-Alves |\n|-|-|\n| Co-pilot | ben |\n",
        ),
    )

    result = run_import(relrot, "--yes")

    assert result.exit_code == 1, result
    assert result.stderr == (
        "rotation.yaml: error [edit] refused: nothing imported; rotation.yaml is unchanged\n"
        "rotation.yaml: error [import] relrot's marker names another project than gadgets in "
        "1 issue(s): #4 (widgets). Leave them out of the input: a file imports its own "
        "project's issues (if the project was renamed, put the old name back in "
        "`project.name` for the import)\n"
    )
    assert named.read_text(encoding="utf-8") == NAMED


def test_relrot_issues_naming_members_by_name_import_byte_identical_to_pin(
    relrot: Run, named: Path
) -> None:
    runner = CliRunner()
    versions = ("26.1.0", "26.3.0", "26.5.0", "26.7.0")
    for version in versions:
        body = runner.invoke(app, ["issue", version, "--today", TODAY]).stdout
        (named.parent / f"{version}.md").write_text(body, encoding="utf-8")
    assert "| Ben Brown | Sam Reyes |" in (named.parent / "26.5.0.md").read_text("utf-8")
    pinned = named.parent / "pinned.yaml"
    pinned.write_text(NAMED, encoding="utf-8")
    today = ("--today", TODAY)
    assert relrot("-f", pinned, "pin", "--through", "26.7.0", "--yes", *today).exit_code == 0

    result = relrot("import", *(f"{v}.md" for v in versions), "--yes", *today)

    assert result.exit_code == 0, result
    assert named.read_bytes() == pinned.read_bytes()
