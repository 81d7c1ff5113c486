"""The project façade: one calendar, memoised plans, one report, edits as values."""

from __future__ import annotations

import ast
import datetime as dt
import json
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from relrot import calendar, plan, rotation
from relrot.problems import RelrotError, Severity
from relrot.project import Project
from relrot.references import REFERENCE_REACH
from relrot.render.change import summary
from tests.conftest import CREW, ROOT, Result

TODAY = dt.date(2026, 1, 1)
SRC = ROOT / "src" / "relrot"

# A misspelled swap member, an unknown `skip` entry and a non-core pinned pilot: three
# problems of three kinds, none of which may hide the others.
THREE_PROBLEMS = """\
schedule:
  first_release: 2026-01-13
  skip: [26.4.0]
members:
  - {id: bob}
  - {id: jane}
  - {id: tobby}
  - {id: zed, core: false}
releases:
  - {version: 26.1.0, pilot: zed, co_pilot: jane}
swaps:
  - {release: 26.5.0, seat: pilot, out: jane, in: tobbby}
"""


@pytest.fixture
def crew_file(tmp_path: Path) -> Path:
    path = tmp_path / "rotation.yaml"
    path.write_text(CREW, encoding="utf-8")
    return path


def test_swap_works_from_python_and_its_result_validates(crew_file: Path) -> None:
    change = Project.load(crew_file).swap("26.7.0", "tobby", today=TODAY)
    assert summary(change)[0] == "26.7.0 (Mon 2026-07-13): Tobby Tanaka opts out as pilot"
    # tobby was to pilot 26.9.0 after co-piloting 26.7.0: the swap says what it costs.
    assert [(p.rule, p.severity.value, p.release) for p in change.added] == [
        ("untrained-pilot", "warning", "26.9.0")
    ]
    assert not change.refused
    assert change.refuses(strict=True)
    assert change.after.check(TODAY).errors == []
    assert change.diff().endswith(
        "+swaps:\n"
        "+  - {release: 26.7.0, seat: pilot, out: tobby, in: jane}\n"
        "+  - {release: 26.7.0, seat: co_pilot, out: jane, in: bob}\n"
    )
    assert crew_file.read_text(encoding="utf-8") == CREW
    assert change.write() is True
    assert crew_file.read_bytes() == change.after.loaded.raw  # type: ignore[union-attr]
    assert Project.load(crew_file).plan(4).releases[3].pilot == "jane"


def test_away_and_pin_are_values_too(crew_file: Path) -> None:
    project = Project.load(crew_file)
    away = project.away("tobby", dt.date(2026, 7, 1), dt.date(2026, 7, 31), today=TODAY)
    assert summary(away)[0] == "Tobby Tanaka away 2026-07-01..2026-07-31:"
    assert away.after.model.members[2].away[0].start == dt.date(2026, 7, 1)
    pinned = project.pin("26.3.0", today=TODAY)
    assert summary(pinned)[0] == "pinning 2 release(s): 26.1.0, 26.3.0"
    assert [r.version for r in pinned.after.model.releases] == ["26.1.0", "26.3.0"]
    assert crew_file.read_text(encoding="utf-8") == CREW


def test_a_change_that_adds_an_error_is_refused_and_writes_nothing(crew_file: Path) -> None:
    change = Project.load(crew_file).swap("26.7.0", "tobby", today=TODAY, with_member="elvis")
    assert change.refused
    assert [p.rule for p in change.added] == [
        "serving-streak",
        "untrained-pilot",
        "untrained-pilot",
    ]
    with pytest.raises(Exception, match="refused: this swap would add 3 problem"):
        change.write()
    assert crew_file.read_text(encoding="utf-8") == CREW


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many calendars, plans and seat queues get built, counted at their constructors."""
    counts = {"calendars": 0, "plans": 0, "rotations": 0}
    calendar_init = calendar.Calendar.__init__
    builder_init = plan._PlanBuilder.__init__
    planner_init = rotation.RotationPlanner.__init__

    def count_rotation(self: rotation.RotationPlanner, *args: Any, **kwargs: Any) -> None:
        counts["rotations"] += 1
        planner_init(self, *args, **kwargs)

    def count_calendar(self: calendar.Calendar, *args: object, **kwargs: object) -> None:
        counts["calendars"] += 1
        calendar_init(self, *args, **kwargs)  # type: ignore[arg-type]

    def count_plan(self: plan._PlanBuilder, *args: object, **kwargs: object) -> None:
        counts["plans"] += 1
        builder_init(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(calendar.Calendar, "__init__", count_calendar)
    monkeypatch.setattr(plan._PlanBuilder, "__init__", count_plan)
    monkeypatch.setattr(rotation.RotationPlanner, "__init__", count_rotation)
    return counts


def test_swap_dry_run_builds_a_calendar_and_a_plan_per_file_it_looks_at(
    crew_file: Path, relrot: Callable[..., Result], counted: dict[str, int]
) -> None:
    result = relrot(
        "--file", crew_file, "swap", "26.7.0", "tobby", "--dry-run", "--today", "2026-01-01"
    )
    assert result.exit_code == 0, result
    # One plan for the file as it is, and one for the file as each candidate worked out
    # would leave it (the chosen one's is reused for the change): here the best-ranked adds a
    # warning, so the next is worked out too. Swaps leave the calendar and the seat queue as
    # they are (SPEC 3.6), so the changed files share the one calendar and the one queue:
    # each further plan only applies its swaps and jump seats.
    assert counted == {"calendars": 1, "plans": 3, "rotations": 1}


def test_swap_whose_best_choice_adds_nothing_builds_two_plans(
    crew_file: Path, relrot: Callable[..., Result], counted: dict[str, int]
) -> None:
    result = relrot(
        "--file", crew_file, "swap", "26.5.0", "jane", "--dry-run", "--today", "2026-01-01"
    )
    assert result.exit_code == 0, result
    assert "  1. Bob Ross: has held the pilot seat before" in result.stdout
    assert counted == {"calendars": 1, "plans": 2, "rotations": 1}


def test_swap_with_a_named_member_builds_one_calendar_and_two_plans(
    crew_file: Path, relrot: Callable[..., Result], counted: dict[str, int]
) -> None:
    result = relrot(
        "--file",
        crew_file,
        "swap",
        "26.7.0",
        "tobby",
        "--with",
        "bob",
        "--dry-run",
        "--today",
        "2026-01-01",
    )
    assert result.exit_code == 0, result
    assert counted == {"calendars": 1, "plans": 2, "rotations": 1}


def test_an_away_range_works_out_the_queue_again(
    crew_file: Path, relrot: Callable[..., Result], counted: dict[str, int]
) -> None:
    """An away range changes a member, so the queue is not shared: the key must see it."""
    result = relrot(
        "--file",
        crew_file,
        "away",
        "tobby",
        "2026-06-01",
        "2026-07-31",
        "--dry-run",
        "--today",
        "2026-01-01",
    )
    assert result.exit_code == 0, result
    assert counted["calendars"] == 1
    assert counted["rotations"] == 2


def test_validate_builds_one_calendar_one_plan_and_one_queue(
    relrot: Callable[..., Result], counted: dict[str, int]
) -> None:
    # The check finds today's first release, plans through the horizon and runs the rules
    # on the one calendar and the one plan.
    result = relrot("--file", ROOT / "rotation.yaml", "validate", "--today", "2026-11-21")
    assert result.exit_code == 0, result
    assert counted == {"calendars": 1, "plans": 1, "rotations": 1}


def test_calendar_and_plan_builder_are_constructed_in_one_place_each() -> None:
    calls: dict[str, list[str]] = {"Calendar": [], "_PlanBuilder": [], "build_plan": []}
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in calls:
                    calls[name].append(str(path.relative_to(SRC)))
    assert calls == {
        "Calendar": ["project.py"],
        "_PlanBuilder": ["plan.py"],
        "build_plan": ["project.py"],
    }


def test_three_problems_of_three_kinds_are_reported_in_one_run(tmp_path: Path) -> None:
    path = tmp_path / "rotation.yaml"
    path.write_text(THREE_PROBLEMS, encoding="utf-8")
    report = Project.load(path).check(TODAY)
    found = [(p.rule, p.line, p.column, p.severity) for p in report.problems]
    assert sorted(found) == [
        ("not-core", 10, 30, Severity.ERROR),
        ("unknown-member", 12, 51, Severity.ERROR),
        ("unknown-release", 3, 10, Severity.ERROR),
    ]


def test_plan_and_validate_read_the_same_report(
    tmp_path: Path, relrot: Callable[..., Result]
) -> None:
    path = tmp_path / "rotation.yaml"
    path.write_text(THREE_PROBLEMS, encoding="utf-8")
    validated = relrot("--file", path, "validate", "--format", "json", "--today", "2026-01-01")
    errors = [p for p in json.loads(validated.stdout)["problems"] if p["severity"] == "error"]
    assert len(errors) == 3
    planned = relrot("--file", path, "plan", "--today", "2026-01-01")
    assert planned.exit_code == 0, planned
    assert planned.stderr == f"3 problem(s) in {path}; run `relrot validate` for details\n"


def test_horizon_zero_checks_only_the_file_and_its_pins(tmp_path: Path) -> None:
    path = tmp_path / "rotation.yaml"
    # Two core members: every coming release would be `roster-too-small`; the pin is checked.
    path.write_text(
        textwrap.dedent(
            """\
            schedule: {first_release: 2026-01-13}
            members: [{id: bob}, {id: jane}]
            releases: [{version: 26.1.0, pilot: bob, co_pilot: bob}]
            """
        ),
        encoding="utf-8",
    )
    project = Project.load(path)
    assert [p.rule for p in project.check(TODAY, horizon=0).problems] == ["double-seat"]
    assert "roster-too-small" in [p.rule for p in project.check(TODAY).problems]


def test_plans_are_memoised_and_rows_come_from_a_longer_plan(crew_file: Path) -> None:
    project = Project.load(crew_file)
    longer = project.plan(12)
    assert project.plan(12) is longer
    assert project.rows(3, 2) == longer.releases[2:4]


def test_mypy_rejects_a_misspelled_model_attribute(tmp_path: Path) -> None:
    from mypy import api

    probe = tmp_path / "probe.py"
    probe.write_text(
        "from relrot.project import Project\n"
        "def first(project: Project) -> object:\n"
        "    return project.model.schedul\n",
        encoding="utf-8",
    )
    cache = ROOT / ".mypy_cache"
    out, _, status = api.run(["--strict", "--cache-dir", str(cache), str(probe)])
    assert status == 1, out
    assert '"RotationFile" has no attribute "schedul"' in out


def test_a_large_valid_file_stays_editable(tmp_path: Path) -> None:
    # 5,820 members are more than 10,000 YAML values: the edit's own check must admit every
    # value the loader admitted, or each edit is refused as "reformatting".
    ids = [f"m{n:x}" for n in range(5820)]
    text = "schedule: {first_release: 2026-01-13}\nmembers:\n" + "".join(
        f"- id: {member}\n" for member in ids
    )
    path = tmp_path / "rotation.yaml"
    path.write_text(text, encoding="utf-8")
    assert len(text.encode()) < 64 << 10
    change = Project.load(path).pin("1", today=TODAY)
    assert change.diff().endswith(
        "+releases:\n+- {version: 26.1.0, date: 2026-01-13, pilot: m0, co_pilot: m1}\n"
    )


def test_a_long_value_is_quoted_short_in_a_message(tmp_path: Path) -> None:
    path = tmp_path / "rotation.yaml"
    path.write_text(
        "schedule: {first_release: 2026-01-13, shift: " + "x" * 5000 + "}\nmembers: [{id: a}]\n",
        encoding="utf-8",
    )
    with pytest.raises(RelrotError) as raised:
        Project.load(path)
    [problem] = raised.value.problems
    assert problem.message.startswith("`schedule.shift` must be one of earlier, later, not 'xxx")
    assert len(problem.message) < 150


@pytest.mark.parametrize(
    ("ask", "message"),
    [
        (
            lambda project: project.rows(1, 1_000_000_000),
            "--count 1000000000 is more than relrot plans at once (10000 releases)",
        ),
        (
            lambda project: project.check(TODAY, horizon=100_000),
            "--horizon 100000 is more than relrot plans at once (10000 releases)",
        ),
    ],
)
def test_a_question_past_ten_thousand_releases_is_a_usage_error(
    crew_file: Path, ask: Callable[[Project], object], message: str
) -> None:
    with pytest.raises(RelrotError) as raised:
        ask(Project.load(crew_file))
    assert raised.value.exit_code == 2
    assert [p.message for p in raised.value.problems] == [message]


def test_an_edit_reads_the_file_once_each_way_and_its_result_once(
    crew_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is read for its values through the C scanner; an edit parses it round-trip
    once, and each edited text once, round-trip, for both its model and its read-back check."""
    from relrot.yamlfile import c_reader, load

    calls = {"c": 0, "round trip": 0}
    read, parse_round_trip = c_reader._c_document, load.parse_document

    def count_c(text: str) -> Any:
        calls["c"] += 1
        return read(text)

    def count_round_trip(text: str, name: str) -> Any:
        calls["round trip"] += 1
        return parse_round_trip(text, name)

    monkeypatch.setattr(c_reader, "_c_document", count_c)
    monkeypatch.setattr(load, "parse_document", count_round_trip)
    change = Project.load(crew_file).swap("26.7.0", "tobby", today=TODAY, with_member="elvis")
    assert change.after.loaded is not None
    assert change.after.loaded.read is not None  # kept from the read-back, not parsed again
    assert calls == {"c": 1, "round trip": 2}


def _unknown_skips(count: int) -> bytes:
    """A file whose one-line `skip:` names `count` versions the calendar never reaches."""
    versions = ", ".join(f"9.{n}.1" for n in range(count))
    return (
        f"schedule:\n  first_release: 2026-01-13\n  skip: [{versions}]\n"
        "members:\n  - {id: bob}\n  - {id: jane}\n  - {id: tobby}\n"
    ).encode()


def test_unknown_skips_cost_one_look_up_each(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each unknown `skip` entry used to walk the calendar's first 500 releases again: a
    one-line list of 5,000 took 2.5 million steps (11.9 s). Releases are now worked out once."""
    steps = {"count": 0}
    release, extend = calendar.Calendar.release, calendar.Calendar._extend

    def counted_release(self: calendar.Calendar, number: int) -> Any:
        steps["count"] += 1
        return release(self, number)

    def counted_extend(self: calendar.Calendar) -> bool:
        steps["count"] += 1
        return extend(self)

    monkeypatch.setattr(calendar.Calendar, "release", counted_release)
    monkeypatch.setattr(calendar.Calendar, "_extend", counted_extend)
    for count in (1000, 2000):
        steps["count"] = 0
        report = Project.parse(_unknown_skips(count)).check(TODAY)
        assert len(report.errors) == count
        # The calendar's 500 releases of reach and a little planning; nothing per entry.
        assert steps["count"] < 2 * REFERENCE_REACH


LONG = "x" * 30_000


@pytest.mark.parametrize(
    "listed",
    [
        "schedule:\n  first_release: 2026-01-13\n  holidays: [&a {long}, {aliases}]\n",
        "schedule:\n  first_release: 2026-01-13\njump_seat: [{{member: &a {long}}}, {aliases}]\n",
    ],
    ids=["holiday codes", "jump-seat members"],
)
def test_a_long_text_named_by_thousands_of_aliases_is_never_compared_for_a_guess(
    monkeypatch: pytest.MonkeyPatch, listed: str
) -> None:
    """One 30 KB text and 2,000 aliases of it: each was compared with every holiday code or
    member id for a "did you mean" (28 s), and quoted whole in its message (500 MiB)."""
    import difflib

    compared: list[int] = []
    real = difflib.get_close_matches

    def counted(word: str, *args: Any, **kwargs: Any) -> list[str]:
        compared.append(len(word))
        return real(word, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    alias = "*a" if "holidays" in listed else "{member: *a}"
    text = listed.format(long=LONG, aliases=", ".join([alias] * 2000))
    raw = f"{text}members:\n  - {{id: bob}}\n".encode()
    try:
        problems = Project.parse(raw).check(TODAY).problems
    except RelrotError as exc:
        problems = exc.problems
    assert len(problems) > 2000
    assert max(len(p.message) for p in problems) <= 400
    assert [n for n in compared if n > 100] == []


# --- what a change adds is decided by facts, not by the words of a message -------------------

BOB_AWAY_ON_RELEASE_DAY = """\
schedule:
  first_release: 2026-01-13
members:
  - {id: bob, away: [{from: 2026-01-13, to: 2026-01-13, reason: holiday}]}
  - {id: jane}
  - {id: tobby}
releases:
  - {version: 26.1.0, pilot: bob, co_pilot: jane}
"""


@pytest.mark.parametrize("reason", ["holiday", "pilot training", "co-pilot course"])
def test_the_words_of_a_reason_never_decide_whether_a_change_adds_a_problem(
    tmp_path: Path, reason: str
) -> None:
    # bob is away on the day of the release he is pinned to pilot: a second range over the
    # same day is the same problem, not a new one, whatever its reason says. Found by seat,
    # a reason naming a seat made it "new" and refused the edit.
    path = tmp_path / "rotation.yaml"
    path.write_text(BOB_AWAY_ON_RELEASE_DAY, encoding="utf-8")
    day = dt.date(2026, 1, 13)
    change = Project.load(path).away("bob", day, day, today=TODAY, reason=reason)
    assert change.added == ()
    assert not change.refused


def _names(node: ast.AST, word: str) -> bool:
    """Whether `node` mentions a variable or attribute called `word`."""
    return any(
        getattr(n, "id", None) == word or getattr(n, "attr", None) == word for n in ast.walk(node)
    )


def _release_lookups(tree: ast.AST) -> list[str]:
    """Where a module walks the calendar (or a resolver's releases) or searches it itself."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.For, ast.comprehension)) and (
            _names(node.iter, "calendar") or _names(node.iter, "resolver")
        ):
            found.append(f"for ... in {ast.unparse(node.iter)}")
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "find"
            and _names(func.value, "calendar")
        ):
            found.append(ast.unparse(node))
        if getattr(node.func, "id", None) in ("iter", "next") and any(
            _names(a, "calendar") for a in node.args
        ):
            found.append(ast.unparse(node))
    return found


def test_only_references_picks_a_release_by_date_or_version() -> None:
    """Issue 25: four walkers disagreed on how far to look, so `validate` and `plan` gave two
    answers for one file. One module answers "which release is X"; everything else asks it
    (or asks the calendar for a release by number)."""
    found = {
        str(path.relative_to(SRC)): _release_lookups(ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(SRC.rglob("*.py"))
    }
    assert found.pop("references.py")
    assert {name: where for name, where in found.items() if where} == {}


def test_the_api_takes_today_as_a_date_or_its_iso_text() -> None:
    project = Project.load(ROOT / "rotation.yaml")
    by_text = project.check(today="2026-12-07")
    assert by_text.problems == project.check(today=dt.date(2026, 12, 7)).problems
    assert project.stats("2026-12-07") == project.stats(dt.date(2026, 12, 7))


@pytest.mark.parametrize(
    ("today", "error", "message"),
    [
        (20261207, TypeError, "today must be a datetime.date or an ISO date string, not int"),
        (dt.datetime(2026, 12, 7, 9), TypeError, "today must be a datetime.date, not a datetime"),
        ("07/12/2026", ValueError, "today='07/12/2026' is not an ISO date such as '2026-12-07'"),
    ],
)
def test_a_wrong_today_is_refused_at_the_call_in_one_line(
    today: object, error: type[Exception], message: str
) -> None:
    project = Project.load(ROOT / "rotation.yaml")
    with pytest.raises(error) as raised:
        project.check(today=today)  # type: ignore[arg-type]
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)
    # Raised by the method called, not deep inside the core.
    assert raised.traceback[-1].name == "as_day"
    assert raised.traceback[-2].name == "check"


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module, *(f"{node.module}.{alias.name}" for alias in node.names)}
    return found


def test_the_project_and_its_changes_word_nothing() -> None:
    """Issue 25: a change carries facts; only `relrot.render` words them, so neither the
    project nor an edit imports a renderer (`relrot.render.change` words a change)."""
    paths = [SRC / "project.py", *sorted((SRC / "changes").glob("*.py"))]
    assert len(paths) == 8  # with `terms`: import into on-demand terms
    found = {
        str(path.relative_to(SRC)): sorted(
            name for name in _imports(path) if name.startswith(("relrot.render", "rich", "typer"))
        )
        for path in paths
    }
    assert {name: where for name, where in found.items() if where} == {}


def test_project_stays_a_small_facade() -> None:
    assert len((SRC / "project.py").read_text(encoding="utf-8").splitlines()) <= 250


def test_validate_loads_no_edit() -> None:
    """The edits are bound to Project lazily: checking a file costs no edit module."""
    from tests.test_lazy_imports import modules_after

    modules = modules_after("validate", "--today", "2026-11-21")
    assert "relrot.project" in modules
    assert [m for m in modules if m.startswith("relrot.changes")] == []


# What else relrot opens, and why it is not the rotation file.
OTHER_FILES = {
    "cli/app.py": ["os.open(os.devnull, os.O_WRONLY)"],  # a closed stdout put back
    "cli/ci.py": ["Path(summary).open('a', encoding='utf-8')"],  # the job summary
    "cli/crash.py": ["path.write_text(text, encoding='utf-8')"],  # the crash log
    # relrot's own models, whose text the saved core schema must have been written from.
    "file_validator.py": ["Path(model.__file__).read_bytes()"],
    "github/event.py": ["Path(path).open('rb')"],  # the event payload
    "github/gh.py": ["payload.write_text(json.dumps({'body': body}), encoding='utf-8')"],
    # The body `sync` hands `gh issue create/edit`, in a scratch folder.
    "github/issues.py": ["body_file.write_bytes(operation.body.encode('utf-8'))"],
}
_OPENERS = {"open", "read_bytes", "read_text", "write_bytes", "write_text", "fdopen"}


def _opens(tree: ast.AST) -> list[str]:
    """Calls that open a file (`open`, `os.open`, `Path.open`, `read_text`, ...)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name in _OPENERS:
                found.append(ast.unparse(node))
    return found


def test_only_yamlfile_opens_the_rotation_file() -> None:
    """Issue 25: reading and writing the file is one package, so its limits (size, the
    checkout's boundary, no FIFOs, atomic replace) hold for every command. Other modules
    read it through `yamlfile` (the issue template and import inputs too, through its
    boundary-checked reader); the files they open themselves are listed above."""
    found = {
        path.relative_to(SRC).as_posix(): _opens(ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(SRC.rglob("*.py"))
        if not path.relative_to(SRC).as_posix().startswith("yamlfile/")
    }
    assert {name: where for name, where in found.items() if where} == OTHER_FILES
