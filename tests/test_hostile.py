"""Hostile rotation files: `validate` runs in CI on files anyone can propose, so every input
ends in a documented exit code with a located one-line reason, within a work budget that
follows its size, and in little memory.

Exit codes asserted here: 0 the file is valid, 1 the file has problems, 2 the file cannot be
read. Exit 3 (internal error) or a traceback is a bug. Work is bounded by counting what the
loader and the calendar do (values converted, values merges copy, calendar steps), never by
the clock: the clock only stops a run that hangs, so that it fails instead of stalling.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from relrot import calendar
from relrot.calendar import STEPS_PER_RELEASE
from relrot.yamlfile import c_reader, document
from relrot.yamlfile.load import MAX_FILE_BYTES
from tests.conftest import ROOT, Result

TODAY = "2026-11-21"
# An in-process run still going after this long is stopped, so a hang fails instead of
# stalling the suite; how much work a run may do is counted (`Work`), not timed.
HARD_LIMIT = 60.0
MEMORY_BUDGET = 250 << 20
ADDRESS_SPACE = 1 << 30

# Release 1 after TODAY: no release is history yet, so no case reports `unpinned-history`.
SCHEDULE = "schedule:\n  first_release: 2027-01-13\n"
ROSTER = "members:\n  - {id: ann}\n  - {id: bea}\n  - {id: cai}\n  - {id: dov}\n"
VALID = SCHEDULE + ROSTER


def with_schedule(lines: str, *, first_release: str = "2026-01-13") -> bytes:
    """A valid roster under a schedule with extra `lines` (already indented by two)."""
    return f"schedule:\n  first_release: {first_release}\n{lines}{ROSTER}".encode()


def alias_bomb(levels: int = 9) -> bytes:
    """'Billion laughs': each level is nine aliases of the one before, 9**levels leaves."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels):
        aliases = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    return ("\n".join(lines) + "\n" + VALID).encode()


def merge_chain(size: int) -> bytes:
    """Mappings that each merge the one before, as many as fit in `size` bytes."""
    lines = ["m0: &m0 {k0: x}"]
    total = len(VALID) + len(lines[0])
    while total < size - 40:
        level = len(lines)
        lines.append(f"m{level}: &m{level} {{<<: *m{level - 1}, k{level}: x}}")
        total += len(lines[-1]) + 1
    return (VALID + "\n".join(lines) + "\n").encode()


def block_mappings(levels: int) -> bytes:
    return "".join(" " * depth + f"k{depth}:\n" for depth in range(levels)).encode()


def members(count: int) -> bytes:
    ids = "".join(f"- id: m{number:x}\n" for number in range(count))
    return (SCHEDULE + "members:\n" + ids).encode()


def away_ranges(count: int) -> bytes:
    """`ann` away on `count` single days from 2026-01-01: never seated, never a problem."""
    first = dt.date(2026, 1, 1)
    days = (first + dt.timedelta(days=offset) for offset in range(count))
    ranges = "".join(f"  - {{from: {day}, to: {day}}}\n" for day in days)
    others = "- {id: bea}\n- {id: cai}\n- {id: dov}\n- {id: eve}\n"
    return (SCHEDULE + "members:\n- id: ann\n  away:\n" + ranges + others).encode()


def random_binary() -> bytes:
    noise = random.Random(20261121).randbytes(4096)
    return b"\x00" + noise + b"\x00"


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
# The longest line the size limit lets through, and never more than 500 KB.
LONG_LINE = min(500_000, MAX_FILE_BYTES - len(VALID) - 100)


@dataclass(frozen=True)
class Case:
    content: bytes
    exit_code: int
    # Rules the report may name for one of the file's problems (exit 1 only).
    rules: tuple[str, ...] = ()
    args: tuple[str, ...] = ()
    # Big files whose answer depends on the size limit (see `size_dependent`).
    sized: bool = False


def size_dependent(content: bytes, exit_code: int, rules: tuple[str, ...] = ()) -> Case:
    """Big files: refused for their size (exit 2) when over the limit, else `exit_code`."""
    if len(content) > MAX_FILE_BYTES:
        return Case(content, 2, sized=True)
    return Case(content, exit_code, rules, sized=True)


def up_to_the_limit(unit: bytes, count: int) -> bytes:
    """`unit` repeated `count` times, or as often as fits under the size limit."""
    return unit * min(count, (MAX_FILE_BYTES - 1) // len(unit)) + b"\n"


DATE_PROBLEM = ("calendar", "schema")

CASES: dict[str, Case] = {
    # --- the YAML layer
    "alias-bomb": Case(alias_bomb(), 1, ("yaml-syntax",)),
    "flow-nesting-1000": Case(b"[" * 1000 + b"]" * 1000 + b"\n", 1, ("yaml-syntax",)),
    "flow-nesting-100000": size_dependent(
        b"[" * 100_000 + b"]" * 100_000 + b"\n", 1, ("yaml-syntax",)
    ),
    # Opening brackets only (a cut-off document): as deep as the size limit lets a file be.
    "flow-nesting-to-the-limit": Case(up_to_the_limit(b"[", 100_000), 1, ("yaml-syntax",)),
    "flow-mappings-to-the-limit": Case(up_to_the_limit(b"{a: ", 100_000), 1, ("yaml-syntax",)),
    "block-mappings-300": Case(block_mappings(300), 1, ("yaml-syntax", "schema")),
    "block-sequences-to-the-limit": Case(
        up_to_the_limit(b"- ", 50_000), 1, ("yaml-syntax", "schema")
    ),
    "latin-1": Case(VALID.encode() + b"  - {id: jos\xe9}\n", 1, ("yaml-syntax",)),
    "utf-16": Case(VALID.encode("utf-16"), 1, ("yaml-syntax",)),
    "empty": Case(b"", 1, ("schema",)),
    "whitespace-only": Case(b"   \n\n      \n", 1, ("schema",)),
    "comments-only": Case(b"# a rotation\n# file\n\n", 1, ("schema",)),
    "random-binary": Case(random_binary(), 1, ("yaml-syntax",)),
    "png-header": Case(PNG, 1, ("yaml-syntax",)),
    "very-long-line": Case((VALID + "notes: " + "x" * LONG_LINE + "\n").encode(), 1, ("schema",)),
    "numeric-key": Case(VALID.encode() + b"1: one\n", 1, ("schema",)),
    "boolean-key": Case(VALID.encode() + b"true: yes\n", 1, ("schema",)),
    "null-key": Case(VALID.encode() + b"null: nothing\n", 1, ("schema",)),
    "date-key": Case(VALID.encode() + b"2026-01-01: new year\n", 1, ("schema",)),
    "sequence-key": Case(VALID.encode() + b"? [a, b]\n: pair\n", 1, ("schema",)),
    "mapping-as-member-id": Case(
        (SCHEDULE + "members:\n  - id: {name: ann}\n  - {id: bea}\n").encode(), 1, ("schema",)
    ),
    "members-as-mapping-of-numbers": Case(
        (SCHEDULE + "members: {1: ann, 2: bea}\n").encode(), 1, ("schema",)
    ),
    # YAML allows an anchor to be defined again; the parser's warning is not for the user.
    "reused-anchor": Case(
        (SCHEDULE + "members:\n  - &m {id: ann}\n  - &m {id: bea}\n  - {id: cai}\n").encode(), 0
    ),
    # Each mapping merges the one before: quadratic copying inside the parser.
    "merge-chain-40k": Case(merge_chain(40_000), 1, ("yaml-syntax",)),
    "merge-of-its-own-parent": Case(
        VALID.encode() + b"x: &x\n  y: {<<: *x}\n", 1, ("yaml-syntax",)
    ),
    "mapping-key-holding-a-list": Case(VALID.encode() + b"? {a: [1]}\n: x\n", 1, ("schema",)),
    "lone-surrogate": Case(
        (SCHEDULE + 'members:\n  - {id: ann, name: "\\ud800"}\n').encode(),
        1,
        ("yaml-syntax",),
    ),
    "escaped-escape-sequence": Case(
        (SCHEDULE + 'members:\n  - {id: ann, name: "\\e[2J\\e]0;x\\a"}\n').encode(),
        1,
        ("yaml-syntax",),
    ),
    "raw-next-line": Case(VALID.encode() + "# \x85\n".encode(), 1, ("yaml-syntax",)),
    "cr-only-line-endings": Case(VALID.replace("\n", "\r").encode(), 0),
    "anchored-empty-swaps": Case(VALID.encode() + b"swaps: &s []\nreleases: &r []\n", 0),
    "swaps-left-empty": Case(VALID.encode() + b"swaps:\nreleases:\njump_seat:\n", 0),
    "github-team": Case(
        (SCHEDULE + "members:\n  - {id: ann, github: conda/core}\n").encode(), 1, ("schema",)
    ),
    # --- the calendar
    "year-9999": Case(with_schedule("", first_release="9999-01-04"), 1, DATE_PROBLEM),
    "year-0001": Case(with_schedule("", first_release="0001-01-01"), 1, DATE_PROBLEM),
    "year-0001-on-a-saturday": Case(with_schedule("", first_release="0001-01-06"), 1, DATE_PROBLEM),
    "year-0001-with-a-milestone-before": Case(
        with_schedule("  milestones: [{name: branch, days: -7}]\n", first_release="0001-01-01"),
        1,
        DATE_PROBLEM,
    ),
    "milestone-a-million-years-later": Case(
        with_schedule("  milestones: [{name: all-clear, days: 999999999}]\n"), 1, DATE_PROBLEM
    ),
    "milestone-a-million-years-earlier": Case(
        with_schedule("  milestones: [{name: branch, days: -999999999}]\n"), 1, DATE_PROBLEM
    ),
    "every-120-months": Case(with_schedule("  every_months: 120\n"), 1, ("calendar",)),
    "every-0-months": Case(with_schedule("  every_months: 0\n"), 1, ("schema",)),
    "every-minus-1-months": Case(with_schedule("  every_months: -1\n"), 1, ("schema",)),
    "every-10**30-months": Case(
        with_schedule("  every_months: " + "9" * 30 + "\n"), 1, ("schema",)
    ),
    "rrule-count-1": Case(with_schedule("  rrule: FREQ=MONTHLY;COUNT=1\n"), 1, ("calendar",)),
    "rrule-daily": Case(with_schedule("  rrule: FREQ=DAILY\n"), 1, ("calendar",)),
    "rrule-never-feb-30": Case(
        with_schedule("  rrule: FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30\n"), 1, ("schema",)
    ),
    # Walked second by second, this rule takes 86,400 steps a day. Releases are days: a rule
    # finer than daily is refused (Monday to Thursday with {n}, nothing else is wrong).
    "rrule-secondly": Case(
        with_schedule(
            "  rrule: FREQ=SECONDLY;BYDAY=MO,TU,WE,TH\n  version: '{n}'\n  blocked_weekdays: []\n",
            first_release="2026-01-12",
        ),
        1,
        ("schema",),
    ),
    # dateutil never advances a rule with INTERVAL=0.
    "rrule-interval-0": Case(with_schedule("  rrule: FREQ=MONTHLY;INTERVAL=0\n"), 1, ("schema",)),
    # A folder of the time zone database, not a zone.
    "timezone-a-directory": Case(with_schedule("  timezone: Europe\n"), 1, ("schema",)),
    "blackout-10-years": Case(
        with_schedule("  blackout: [{from: 2021-01-01, to: 2030-12-31, reason: gone}]\n"),
        1,
        ("calendar",),
    ),
    "version-n-from-9999-12-01": Case(
        with_schedule("  version: '{n}'\n", first_release="9999-12-01"), 1, DATE_PROBLEM
    ),
    "version-bad-format-spec": Case(with_schedule("  version: '{n:q}'\n"), 1, ("schema",)),
    "version-bad-conversion": Case(with_schedule("  version: '{n!x}'\n"), 1, ("schema",)),
    # --- the command line
    "horizon-100000": Case(VALID.encode(), 2, (), ("--horizon", "100000")),
    "horizon-100000-version-n": Case(
        with_schedule("  version: '{n}'\n"), 2, (), ("--horizon", "100000")
    ),
    "today-9999-12-31": Case(
        with_schedule("  version: '{yyyy}.{m}'\n"), 1, DATE_PROBLEM, ("--today", "9999-12-31")
    ),
    # --- big but honest files
    "members-10000": size_dependent(members(10_000), 0),
    "members-as-many-as-fit": Case(members(min(10_000, MAX_FILE_BYTES // 12)), 0),
    "away-ranges-3000": size_dependent(away_ranges(3_000), 0),
    "away-ranges-as-many-as-fit": Case(away_ranges(min(3_000, MAX_FILE_BYTES // 45)), 0),
}

# Tags that would run code or import modules under an unsafe loader.
CODE_TAGS = {
    "apply-at-a-key": VALID + 'x: !!python/object/apply:os.system ["touch PWNED"]\n',
    "apply-as-the-roster": SCHEDULE + 'members: !!python/object/apply:os.system ["touch PWNED"]\n',
    "apply-as-the-document": '!!python/object/apply:os.system ["touch PWNED"]\n',
    "apply-as-a-mapping-key": '? !!python/object/apply:os.system ["touch PWNED"]\n: 1\n' + VALID,
    "apply-in-a-member": SCHEDULE
    + "members:\n  - id: ann\n    name: !!python/object/apply:os.system [touch PWNED]\n",
    "new": VALID + 'x: !!python/object/new:os.system ["touch PWNED"]\n',
    "name": VALID + "x: !!python/name:os.system\n",
    "name-as-a-date": SCHEDULE.replace("2027-01-13", "!!python/name:os.system") + ROSTER,
    "module": VALID + "x: !!python/module:os\n",
}


# --- helpers -----------------------------------------------------------------------------------


class Overran(BaseException):
    """Raised into a run far over its budget; not an Exception, so nothing swallows it."""


@contextmanager
def hard_limit(seconds: float) -> Iterator[None]:
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise Overran(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Work:
    """What a run's loaders and calendars did, counted as they did it."""

    plainers: list[document.Plainer]
    parsers: list[Any]
    calendars: list[calendar.Calendar]

    def assert_bounded(self, size: int) -> None:
        """Every count within a budget that follows the file's size (or the releases asked)."""
        budget = document.node_budget("x" * size)
        for plainer in self.plainers:
            if plainer.budget is not None:
                assert plainer.budget <= budget
                assert plainer.nodes <= plainer.budget + 1
        for parser in self.parsers:
            merged = getattr(parser.constructor, "merged_values", 0)
            assert merged <= 2 * budget
        for cal in self.calendars:
            assert cal.steps <= STEPS_PER_RELEASE * (len(cal._releases) + 1)


@pytest.fixture
def work(monkeypatch: pytest.MonkeyPatch) -> Work:
    counted = Work([], [], [])
    plainer_init = document.Plainer.__init__
    calendar_init = calendar.Calendar.__init__
    round_trip_yaml = document.round_trip_yaml
    reader_init = c_reader.CReader.__init__

    def record_plainer(self: document.Plainer, *args: Any, **kwargs: Any) -> None:
        plainer_init(self, *args, **kwargs)
        counted.plainers.append(self)

    def record_calendar(self: calendar.Calendar, *args: Any, **kwargs: Any) -> None:
        calendar_init(self, *args, **kwargs)
        counted.calendars.append(self)

    def record_parser(**kwargs: Any) -> Any:
        parser = round_trip_yaml(**kwargs)
        counted.parsers.append(parser)
        return parser

    monkeypatch.setattr(document.Plainer, "__init__", record_plainer)
    monkeypatch.setattr(calendar.Calendar, "__init__", record_calendar)

    def record_reader(self: c_reader.CReader, *args: Any, **kwargs: Any) -> None:
        reader_init(self, *args, **kwargs)
        counted.parsers.append(self)

    monkeypatch.setattr(document, "round_trip_yaml", record_parser)
    monkeypatch.setattr(c_reader.CReader, "__init__", record_reader)
    return counted


def guarded(relrot: Callable[..., Result], *args: str | Path) -> Result:
    """Run relrot in this process; a run that hangs is stopped and fails the test."""
    try:
        with hard_limit(HARD_LIMIT):
            result = relrot(*args)
    except Overran:
        # Reported without the interrupted stack, which may have no line numbers to show.
        result = None
    if result is None:
        shown = " ".join(str(a) for a in args)
        pytest.fail(f"relrot {shown}: still running after {HARD_LIMIT} s", pytrace=False)
    return result


def assert_clean(
    exit_code: int,
    stdout: str,
    stderr: str,
    path: Path,
    expected: int,
    rules: tuple[str, ...] = (),
) -> None:
    """The documented exit code and a one-line reason naming the file; never a traceback."""
    assert "Traceback" not in stdout + stderr
    assert "internal error" not in stdout + stderr
    assert exit_code == expected
    if expected == 0:
        assert stdout == f"{path}: valid\n"
        assert stderr == ""
    elif expected == 1:
        named = "|".join(re.escape(rule) for rule in rules) or r"[a-z-]+"
        reason = rf"^  {re.escape(str(path))}(:\d+:\d+)?: \[({named})\] \S.*$"
        assert re.search(reason, stdout, re.MULTILINE), f"no [{named}] line for {path}"
        assert stderr == ""
    else:
        assert stdout == ""
        assert len(stderr.splitlines()) == 1
        assert str(path) in stderr


# --- in process --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_file_gets_a_clean_answer_within_its_work_budget(
    tmp_path: Path, relrot: Callable[..., Result], work: Work, name: str
) -> None:
    case = CASES[name]
    path = tmp_path / "rotation.yaml"
    path.write_bytes(case.content)
    result = guarded(relrot, "--file", path, "validate", "--today", TODAY, *case.args)
    assert_clean(result.exit_code, result.stdout, result.stderr, path, case.exit_code, case.rules)
    work.assert_bounded(len(case.content))


def test_parser_cases_fit_under_the_size_limit() -> None:
    """Cases meant for the parser must reach it, not be refused for their size."""
    parser_cases = [name for name, case in CASES.items() if not case.sized]
    too_big = [name for name in parser_cases if len(CASES[name].content) > MAX_FILE_BYTES]
    assert too_big == []


def test_alias_bomb_is_refused_as_an_alias_expansion(
    tmp_path: Path, relrot: Callable[..., Result]
) -> None:
    path = tmp_path / "rotation.yaml"
    path.write_bytes(alias_bomb())
    result = guarded(relrot, "--file", path, "validate", "--today", TODAY)
    assert result.exit_code == 1
    assert "[yaml-syntax]" in result.stdout
    assert "aliases" in result.stdout


def test_ordinary_aliases_still_load(tmp_path: Path, relrot: Callable[..., Result]) -> None:
    """The alias budget stops expansion bombs, not the odd shared away range."""
    path = tmp_path / "rotation.yaml"
    path.write_text(
        SCHEDULE + "members:\n"
        "  - {id: ann, away: &summer [{from: 2031-07-01, to: 2031-07-31}]}\n"
        "  - {id: bea, away: *summer}\n"
        "  - {id: cai}\n"
        "  - {id: dov}\n",
        encoding="utf-8",
    )
    result = guarded(relrot, "--file", path, "validate", "--today", TODAY)
    assert_clean(result.exit_code, result.stdout, result.stderr, path, 0)


def test_brackets_inside_quotes_and_comments_are_not_nesting(
    tmp_path: Path, relrot: Callable[..., Result]
) -> None:
    """The nesting guard counts YAML structure, not characters in text or comments."""
    path = tmp_path / "rotation.yaml"
    path.write_text(
        "# {{{ folded section " + "{" * 80 + "\n"
        "schedule:\n"
        "  first_release: 2027-01-13\n"
        "  milestones:\n"
        "    - {name: branch, days: -7, note: '" + "[" * 100 + "'}\n" + ROSTER,
        encoding="utf-8",
    )
    result = guarded(relrot, "--file", path, "validate", "--today", TODAY)
    assert_clean(result.exit_code, result.stdout, result.stderr, path, 0)


@pytest.mark.parametrize(
    "rule",
    ["FREQ=MONTHLY;COUNT=1", "FREQ=MONTHLY;UNTIL=20260601", "FREQ=MONTHLY;INTERVAL=99999999"],
)
def test_calendar_ending_before_today_is_located(
    tmp_path: Path, relrot: Callable[..., Result], rule: str
) -> None:
    """No release from today on is the rule's doing: the problem points into the file."""
    path = tmp_path / "rotation.yaml"
    path.write_bytes(with_schedule(f"  rrule: {rule}\n"))
    result = guarded(relrot, "--file", path, "validate", "--today", TODAY, "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    assert [p["rule"] for p in problems] == ["calendar"]
    assert isinstance(problems[0]["line"], int)
    assert isinstance(problems[0]["column"], int)
    assert problems[0]["line"] >= 1
    assert problems[0]["column"] >= 1


@pytest.mark.parametrize("name", list(CODE_TAGS))
def test_code_tags_construct_nothing(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    relrot: Callable[..., Result],
    name: str,
) -> None:
    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *args: calls.append(args) or 0)
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "rotation.yaml"
    path.write_text(CODE_TAGS[name], encoding="utf-8")
    result = guarded(relrot, "--file", path, "validate", "--today", TODAY)
    assert_clean(result.exit_code, result.stdout, result.stderr, path, 1, ("schema",))
    assert calls == []
    assert not (tmp_path / "PWNED").exists()
    assert not (ROOT / "PWNED").exists()


def test_file_over_the_size_limit_is_refused_before_parsing(
    tmp_path: Path, relrot: Callable[..., Result]
) -> None:
    """Content that would be a parse error: the answer is about the size, so nothing parsed it."""
    path = tmp_path / "rotation.yaml"
    path.write_bytes(b"\x00" + alias_bomb() + b"#" * MAX_FILE_BYTES)
    result = guarded(relrot, "--file", path, "validate", "--today", TODAY)
    assert_clean(result.exit_code, result.stdout, result.stderr, path, 2)
    assert "larger than" in result.stderr


def test_file_one_byte_over_the_limit_is_refused(
    tmp_path: Path, relrot: Callable[..., Result]
) -> None:
    path = tmp_path / "rotation.yaml"
    path.write_bytes(VALID.encode() + b"#" * (MAX_FILE_BYTES - len(VALID) + 1))
    result = guarded(relrot, "--file", path, "validate", "--today", TODAY)
    assert_clean(result.exit_code, result.stdout, result.stderr, path, 2)


def test_file_at_the_limit_is_read(tmp_path: Path, relrot: Callable[..., Result]) -> None:
    path = tmp_path / "rotation.yaml"
    path.write_bytes(VALID.encode() + b"#" * (MAX_FILE_BYTES - len(VALID)))
    assert path.stat().st_size == MAX_FILE_BYTES
    result = guarded(relrot, "--file", path, "validate", "--today", TODAY)
    assert_clean(result.exit_code, result.stdout, result.stderr, path, 0)


def test_sparse_8_gib_file_is_refused_without_reading_it(
    tmp_path: Path, relrot: Callable[..., Result]
) -> None:
    path = tmp_path / "rotation.yaml"
    with path.open("wb") as handle:
        handle.truncate(8 << 30)
    result = guarded(relrot, "--file", path, "validate", "--today", TODAY)
    assert_clean(result.exit_code, result.stdout, result.stderr, path, 2)


def test_directory_is_refused(tmp_path: Path, relrot: Callable[..., Result]) -> None:
    result = guarded(relrot, "--file", tmp_path, "validate", "--today", TODAY)
    assert_clean(result.exit_code, result.stdout, result.stderr, tmp_path, 2)
    assert "directory" in result.stderr


def test_missing_file_is_refused(tmp_path: Path, relrot: Callable[..., Result]) -> None:
    path = tmp_path / "nowhere" / "rotation.yaml"
    result = guarded(relrot, "--file", path, "validate", "--today", TODAY)
    assert_clean(result.exit_code, result.stdout, result.stderr, path, 2)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_named_pipe_is_refused_without_waiting_for_a_writer(
    tmp_path: Path, relrot: Callable[..., Result]
) -> None:
    path = tmp_path / "rotation.yaml"
    os.mkfifo(path)
    result = guarded(relrot, "--file", path, "validate", "--today", TODAY)
    assert_clean(result.exit_code, result.stdout, result.stderr, path, 2)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_device_is_refused(relrot: Callable[..., Result]) -> None:
    path = Path("/dev/zero")
    result = guarded(relrot, "--file", path, "validate", "--today", TODAY)
    assert_clean(result.exit_code, result.stdout, result.stderr, path, 2)


# --- in a real process, with its memory measured --------------------------------------------

# The child caps its own address space before importing relrot, then runs `python -m relrot`.
LIMITED_RELROT = (
    "import resource, runpy\n"
    f"resource.setrlimit(resource.RLIMIT_AS, ({ADDRESS_SPACE}, {ADDRESS_SPACE}))\n"
    "runpy.run_module('relrot', run_name='__main__', alter_sys=True)\n"
)
# ru_maxrss is in KiB on Linux and in bytes on macOS.
MAXRSS_UNIT = 1 if sys.platform == "darwin" else 1024
# Only stops a hang. The size and depth limits bound the work of every case; how long that
# work takes is a benchmark's figure (benchmarks/startup.py), not a test's, since a slow
# machine under coverage runs several times slower.
CHILD_TIMEOUT = 300.0


@dataclass
class Child:
    exit_code: int
    stdout: str
    stderr: str
    peak_bytes: int
    timed_out: bool


# A forked child starts with its parent's resident pages counted in its peak RSS, and a big
# test process would drown relrot's own figure. So a small wrapper process starts relrot
# and reports the grandchild's peak (from wait4) in a file.
MEASURING_WRAPPER = (
    "import os, subprocess, sys\n"
    "child = subprocess.Popen([sys.executable, '-c', sys.argv[1], *sys.argv[3:]])\n"
    "_, status, usage = os.wait4(child.pid, 0)\n"
    "with open(sys.argv[2], 'w') as report:\n"
    "    report.write(str(usage.ru_maxrss))\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def run_child(*args: str | Path, cwd: Path) -> Child:
    """`python -m relrot ARGS` with 1 GiB of address space, and its own peak RSS."""
    peak_file = cwd / "peak-rss.txt"
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                MEASURING_WRAPPER,
                LIMITED_RELROT,
                str(peak_file),
                *(str(a) for a in args),
            ],
            stdout=out,
            stderr=err,
            cwd=cwd,
            start_new_session=True,
        )
        timed_out = False
        try:
            process.wait(timeout=CHILD_TIMEOUT)
        except subprocess.TimeoutExpired:
            timed_out = True
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        out.seek(0)
        err.seek(0)
        peak = int(peak_file.read_text()) if peak_file.exists() else 0
        return Child(
            process.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            peak * MAXRSS_UNIT,
            timed_out,
        )


SUBPROCESS_CASES = [
    "alias-bomb",
    "merge-chain-40k",
    "flow-nesting-100000",
    "flow-nesting-to-the-limit",
    "block-mappings-300",
    "random-binary",
    "very-long-line",
    "year-9999",
    "version-n-from-9999-12-01",
    "rrule-secondly",
    "rrule-never-feb-30",
    "rrule-interval-0",
    "timezone-a-directory",
    "reused-anchor",
    "horizon-100000-version-n",
    "members-10000",
    "members-as-many-as-fit",
    "away-ranges-as-many-as-fit",
]


@pytest.mark.skipif(not hasattr(os, "wait4"), reason="measures the child with wait4")
@pytest.mark.parametrize("name", SUBPROCESS_CASES)
def test_hostile_file_in_a_real_process(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    path = tmp_path / "rotation.yaml"
    path.write_bytes(case.content)
    child = run_child("--file", path, "validate", "--today", TODAY, *case.args, cwd=tmp_path)
    assert not child.timed_out
    assert_clean(child.exit_code, child.stdout, child.stderr, path, case.exit_code, case.rules)
    assert child.peak_bytes < MEMORY_BUDGET


@pytest.mark.skipif(not hasattr(os, "wait4"), reason="measures the child with wait4")
def test_code_tag_in_a_real_process(tmp_path: Path) -> None:
    path = tmp_path / "rotation.yaml"
    path.write_text(CODE_TAGS["apply-at-a-key"], encoding="utf-8")
    child = run_child("--file", path, "validate", "--today", TODAY, cwd=tmp_path)
    assert_clean(child.exit_code, child.stdout, child.stderr, path, 1, ("schema",))
    assert not (tmp_path / "PWNED").exists()


@pytest.mark.skipif(not hasattr(os, "wait4"), reason="measures the child with wait4")
def test_sparse_8_gib_file_in_a_real_process(tmp_path: Path) -> None:
    path = tmp_path / "rotation.yaml"
    with path.open("wb") as handle:
        handle.truncate(8 << 30)
    child = run_child("--file", path, "validate", "--today", TODAY, cwd=tmp_path)
    assert_clean(child.exit_code, child.stdout, child.stderr, path, 2)
    assert child.peak_bytes < MEMORY_BUDGET


@pytest.mark.skipif(not hasattr(os, "wait4"), reason="measures the child with wait4")
def test_version_padding_bomb_in_a_real_process(tmp_path: Path) -> None:
    """`{n:>999999999}` pads each version to a gigabyte: run only in a child with capped memory."""
    path = tmp_path / "rotation.yaml"
    path.write_bytes(with_schedule("  version: '{n:>999999999}'\n"))
    child = run_child("--file", path, "validate", "--today", TODAY, cwd=tmp_path)
    assert not child.timed_out
    assert_clean(child.exit_code, child.stdout, child.stderr, path, 1, ("schema",))
    assert child.peak_bytes < MEMORY_BUDGET
