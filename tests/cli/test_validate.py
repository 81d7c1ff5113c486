"""`relrot validate`: how the rules' problems are rendered, and its exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from msgspec.structs import replace

from relrot.problems import Severity
from tests.conftest import ROOT, SEED, Result
from tests.test_rules import EXAMPLES, TODAY

Problems = list[dict[str, object]]


def validate(relrot: Callable[..., Result], path: Path, *options: str) -> tuple[int, Problems]:
    """Exit code and problems of `relrot validate --format json`."""
    result = relrot("--file", path, "validate", "--format", "json", *options)
    assert result.exit_code in (0, 1), result
    payload = json.loads(result.stdout)
    return result.exit_code, payload["problems"]


def problem(
    rule: str,
    severity: str,
    message: str,
    path: Path,
    line: int,
    column: int,
    release: str | None = None,
    member: str | None = None,
) -> dict[str, object]:
    return {
        "rule": rule,
        "severity": severity,
        "message": message,
        "file": str(path),
        "line": line,
        "column": column,
        "release": release,
        "member": member,
    }


# --- the rules' examples ----------------------------------------------------------------------


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_rule_example_as_json(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result], name: str
) -> None:
    """Each example of tests/test_rules.py: the same problems, in the file, and its exit code."""
    case = EXAMPLES[name]
    path = rotation_file(case.text)
    options = ["--today", case.today]
    if case.horizon is not None:
        options += ["--horizon", str(case.horizon)]
    expected = [replace(p, file=str(path)).to_json() for p in case.problems]
    severities = {p.severity for p in case.problems}
    # Errors fail the check; warnings fail it only with --strict.
    failing = Severity.ERROR in severities
    assert validate(relrot, path, *options) == (1 if failing else 0, expected)
    failing_strictly = failing or Severity.WARNING in severities
    assert validate(relrot, path, *options, "--strict") == (1 if failing_strictly else 0, expected)


# --- history, output formats ------------------------------------------------------------------

# Six pinned releases, all of 2026 (none before 2027 is left to the plan): zed (not core)
# pilots 26.1.0, 26.3.0 has no co-pilot, and bob pilots four releases in a row after
# co-piloting the first: five seats in a row.
HISTORY = """\
    schedule:
      first_release: 2026-01-13
    members:
      - {id: bob}
      - {id: jane}
      - {id: tobby}
      - {id: elvis}
      - {id: zed, core: false}
    releases:
      - {version: 26.1.0, pilot: zed, co_pilot: bob}
      - {version: 26.3.0, pilot: bob}
      - {version: 26.5.0, pilot: bob, co_pilot: jane}
      - {version: 26.7.0, pilot: bob, co_pilot: tobby}
      - {version: 26.9.0, pilot: bob, co_pilot: jane}
      - {version: 26.11.0, pilot: jane, co_pilot: elvis}
    """

NOT_CORE = (
    "zed is the pilot of 26.1.0 but is not a core member; only core members fly pilot or "
    "co-pilot: pick a core member"
)
# In history a seat cannot be given to someone else: the pin or the roster is corrected.
NOT_CORE_THEN = (
    "zed is the pilot of 26.1.0 but is not a core member; only core members fly pilot or "
    "co-pilot: if they served as core, drop `core: false` from them; else correct the pin "
    "of 26.1.0 in `releases:`"
)
EMPTY_SEAT = (
    "26.3.0 (2026-03-12) is pinned with no co-pilot; record who serves as co-pilot in `releases:`"
)
STREAK = (
    "bob is seated in 5 releases in a row, 26.1.0 to 26.9.0; a stint is 4: nobody serves two "
    "stints back to back, so give one of these seats to someone else"
)


def history_problems(path: Path, severities: tuple[str, str, str]) -> Problems:
    not_core, empty, streak = severities
    zed = NOT_CORE_THEN if not_core == "info" else NOT_CORE
    return [
        problem("not-core", not_core, zed, path, 10, 30, release="26.1.0", member="zed"),
        problem("empty-seat", empty, EMPTY_SEAT, path, 11, 5, release="26.3.0"),
        problem("serving-streak", streak, STREAK, path, 14, 30, release="26.9.0", member="bob"),
    ]


def test_history_is_info_and_never_fails(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    path = rotation_file(HISTORY)
    expected = history_problems(path, ("info", "info", "info"))
    assert validate(relrot, path, "--today", "2027-01-01") == (0, expected)
    assert validate(relrot, path, "--today", "2027-01-01", "--strict") == (0, expected)


def test_history_before_it_happened_is_errors(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    path = rotation_file(HISTORY)
    expected = history_problems(path, ("error", "error", "error"))
    assert validate(relrot, path, "--today", TODAY) == (1, expected)


def test_a_release_on_today_is_not_history(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    # 26.9.0 is on 2026-09-10: on that day it is not yet history.
    path = rotation_file(HISTORY)
    expected = history_problems(path, ("info", "info", "error"))
    assert validate(relrot, path, "--today", "2026-09-10") == (1, expected)


def test_github_annotations(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    path = rotation_file(HISTORY)
    before = relrot("--file", path, "validate", "--format", "github", "--today", TODAY)
    assert before.exit_code == 1, before
    assert before.stdout.splitlines() == [
        f"::error file={path},line=10,col=30,title=not-core::{NOT_CORE}",
        f"::error file={path},line=11,col=5,title=empty-seat::{EMPTY_SEAT}",
        f"::error file={path},line=14,col=30,title=serving-streak::{STREAK}",
    ]
    after = relrot("--file", path, "validate", "--format", "github", "--today", "2027-01-01")
    assert after.exit_code == 0, after
    assert after.stdout.splitlines() == [
        f"::notice file={path},line=10,col=30,title=not-core::{NOT_CORE_THEN}",
        f"::notice file={path},line=11,col=5,title=empty-seat::{EMPTY_SEAT}",
        f"::notice file={path},line=14,col=30,title=serving-streak::{STREAK}",
    ]


def test_github_annotation_for_a_warning(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    path = rotation_file(EXAMPLES["untrained-pilot"].text)
    result = relrot("--file", path, "validate", "--format", "github", "--today", TODAY)
    assert result.exit_code == 0, result
    assert result.stdout == (
        f"::warning file={path},line=10,col=30,title=untrained-pilot::tobby pilots 26.3.0 for "
        "the first time without having been co-pilot of 26.1.0; pair them with an "
        "experienced co-pilot or let them co-pilot first\n"
    )


def test_json_shape(rotation_file: Callable[[str], Path], relrot: Callable[..., Result]) -> None:
    path = rotation_file(HISTORY)
    result = relrot("--file", path, "validate", "--format", "json", "--today", "2027-01-01")
    assert result.exit_code == 0, result
    payload = json.loads(result.stdout)
    assert list(payload) == ["valid", "problems"]
    assert payload["valid"] is True
    assert [list(p) for p in payload["problems"]] == [
        ["rule", "severity", "message", "file", "line", "column", "release", "member"]
    ] * 3
    assert payload["problems"][0] == {
        "rule": "not-core",
        "severity": "info",
        "message": NOT_CORE_THEN,
        "file": str(path),
        "line": 10,
        "column": 30,
        "release": "26.1.0",
        "member": "zed",
    }


def test_json_of_a_valid_file(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    path = rotation_file(SEED)
    result = relrot("--file", path, "validate", "--format", "json", "--today", TODAY)
    assert result.exit_code == 0, result
    assert result.stdout == '{\n  "valid": true,\n  "problems": []\n}\n'


# --- several files, as pre-commit passes them --------------------------------------------------


def test_each_file_given_is_checked_and_named(
    tmp_path: Path, relrot: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "team").mkdir()
    Path("rotation.yaml").write_text(SEED, encoding="utf-8")
    Path("team/rotation.yaml").write_text(
        SEED.replace("  - {id: tobby}\n", "  - {id: tobby}\n  - {id: bob}\n"), encoding="utf-8"
    )
    result = relrot("validate", "rotation.yaml", "team/rotation.yaml", "--today", "2026-01-01")
    assert result.exit_code == 1, result
    assert result.stdout.startswith("rotation.yaml: valid\nteam/rotation.yaml: 1 error\n")
    assert "  team/rotation.yaml:7:10: [duplicate-member]" in result.stdout
    # --file still names the one file when no FILE is given, before or after the command.
    assert (
        relrot("validate", "--file", "team/rotation.yaml", "--today", "2026-01-01").exit_code == 1
    )
    assert relrot("--file", "rotation.yaml", "validate", "--today", "2026-01-01").exit_code == 0


def test_an_unreadable_file_does_not_hide_the_others(
    tmp_path: Path, relrot: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("rotation.yaml").write_text(SEED, encoding="utf-8")
    result = relrot("validate", "missing.yaml", "rotation.yaml", "--today", "2026-01-01")
    assert result.exit_code == 2, result
    assert result.stdout == "rotation.yaml: valid\n"
    assert result.stderr.startswith("relrot: error: missing.yaml: no such file")


def test_json_of_several_files_is_one_verdict(
    tmp_path: Path, relrot: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.yaml").write_text(SEED, encoding="utf-8")
    Path("b.yaml").write_text("members: [\n", encoding="utf-8")
    result = relrot("validate", "a.yaml", "b.yaml", "--format", "json", "--today", "2026-01-01")
    assert result.exit_code == 1, result
    payload = json.loads(result.stdout)
    assert payload["valid"] is False
    assert {p["file"] for p in payload["problems"]} == {"b.yaml"}


@pytest.mark.parametrize("roster", ["seed", "repository"])
def test_horizon_0_checks_a_file_without_pinned_releases(
    relrot: Callable[..., Result], rotation_file: Callable[[str], Path], roster: str
) -> None:
    # With nothing pinned, `--horizon 0` plans no release at all: the file alone is checked.
    path = ROOT / "rotation.yaml" if roster == "repository" else rotation_file(SEED)
    result = relrot("--file", path, "validate", "--horizon", "0", "--today", TODAY)
    assert result.exit_code == 0, result
    assert result.stdout == f"{path}: valid\n"


def test_horizon_0_still_reports_the_file_s_own_errors(
    relrot: Callable[..., Result], rotation_file: Callable[[str], Path]
) -> None:
    path = rotation_file(
        SEED + "swaps:\n  - {release: 26.3.0, seat: pilot, out: nobody, in: bob}\n"
    )
    code, problems = validate(relrot, path, "--horizon", "0", "--today", TODAY)
    assert code == 1
    assert [p["rule"] for p in problems] == ["unknown-member"]


# --- bounded output ---------------------------------------------------------------------------


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = digits[number % 36]
    while number := number // 36:
        text = digits[number % 36] + text
    return text


# 4,000 requests of members nobody knows, on one flow line: 63 KB, under the 64 KiB limit.
# Quoting that line for each of them made `validate` write 376 MB.
ONE_LINE = SEED + "jump_seat: [{}]\n".format(
    ", ".join(f"{{member: u{_base36(n)}}}" for n in range(4000))
)


def test_one_line_of_4000_problems_shows_five_and_counts_the_rest(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    path = rotation_file(ONE_LINE)
    assert 60_000 < path.stat().st_size < 64 << 10
    text = relrot("--file", path, "validate", "--today", TODAY)
    assert text.exit_code == 1, text
    lines = text.stdout.splitlines()
    assert lines[0] == f"{path}: 4000 errors"
    assert sum("[unknown-member]" in line for line in lines) == 6
    assert lines[-1] == (
        "  and 3,995 more [unknown-member] problems, not shown "
        "(a report shows 20 of a rule and 5 of a line)"
    )
    # Each quoted line is cut to 80 characters around its column, and marked where it is cut.
    quoted = [(line, lines[i + 1]) for i, line in enumerate(lines) if line.startswith("     8 | ")]
    assert len(quoted) == 5
    assert [len(line) for line, _ in quoted] == [len("     8 | ") + n for n in (81, 81, 82, 82, 82)]
    for line, caret in quoted:
        # The caret stands under the member it is about.
        assert caret.endswith("^")
        assert line[len(caret) - 1] == "u"
    assert len(text.stdout) < 2_000

    result = relrot("--file", path, "validate", "--today", TODAY, "--format", "json")
    assert result.exit_code == 1, result
    payload = json.loads(result.stdout)
    assert list(payload) == ["valid", "problems", "omitted"]
    assert payload["valid"] is False
    assert [p["member"] for p in payload["problems"]] == ["u0", "u1", "u2", "u3", "u4"]
    assert payload["omitted"] == {"unknown-member": 3995}

    github = relrot("--file", path, "validate", "--today", TODAY, "--format", "github")
    assert github.exit_code == 1, github
    annotations = github.stdout.splitlines()
    assert [line.split(" ", 1)[0] for line in annotations] == ["::error"] * 5 + ["::notice"]
    assert annotations[-1] == (
        "::notice title=relrot::3,995 more problems not shown (unknown-member: 3,995); "
        "relrot annotates at most 20 problems of a rule and 5 of a line"
    )


def test_a_rule_shows_twenty_problems_however_many_lines_they_are_on(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    requests = "".join(f"  - {{member: nobody{n}}}\n" for n in range(30))
    path = rotation_file(SEED + "jump_seat:\n" + requests)
    result = relrot("--file", path, "validate", "--today", TODAY, "--format", "json")
    assert result.exit_code == 1, result
    payload = json.loads(result.stdout)
    assert [p["line"] for p in payload["problems"]] == list(range(9, 29))
    assert payload["omitted"] == {"unknown-member": 10}
    text = relrot("--file", path, "validate", "--today", TODAY)
    assert text.stdout.count("[unknown-member]") == 21
    assert "  and 10 more [unknown-member] problems, not shown" in text.stdout


@pytest.mark.parametrize("output", ["json", "github"])
def test_other_formats_never_build_the_text_report(
    rotation_file: Callable[[str], Path],
    relrot: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    output: str,
) -> None:
    from relrot.render import problems

    def refuse(*_: object) -> str:
        raise AssertionError("the text report was built")

    monkeypatch.setattr(problems, "render_text", refuse)
    path = rotation_file(ONE_LINE)
    result = relrot("--file", path, "validate", "--today", TODAY, "--format", output)
    assert result.exit_code == 1, result


def test_the_hook_checks_a_portfolio_file_like_any_other(
    tmp_path: Path, relrot: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    # pre-commit passes the changed rotation files, with no --project.
    team = Path("tests/data/portfolio/team.yaml").resolve().read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "team").mkdir()
    Path("rotation.yaml").write_text(SEED, encoding="utf-8")
    Path("team/rotation.yaml").write_text(team.replace("pilot: kai,", "pilot: kay,"), "utf-8")
    result = relrot("validate", "rotation.yaml", "team/rotation.yaml", "--today", "2026-01-01")
    assert result.exit_code == 1, result
    assert result.stdout.startswith("rotation.yaml: valid\nteam/rotation.yaml: 1 error")
    assert "[unknown-member] manager: " in result.stdout
