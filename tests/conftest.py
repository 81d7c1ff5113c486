"""Shared fixtures: rotation files on disk and CLI runs that explain themselves on failure."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from relrot.cli import app
from relrot.model import RotationFile
from relrot.plan import Plan
from relrot.problems import Problem, RelrotError
from relrot.project import Project
from relrot.yamlfile.load import load, parse

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
GOLDEN = DATA / "golden"
# Four pilots and a QA lead taken in turn from a pool of three who never pilot, shared by
# the tests of roles in several commands. Releases every two months: 26.1.0 kai, 26.3.0
# amy, 26.5.0 zed, 26.7.0 kai, 26.9.0 amy, ... (no comment in the file: tests quote its
# line numbers).
QA_ROSTER = (DATA / "qa" / "rotation.yaml").read_text(encoding="utf-8")

SEED = """\
schedule:
  first_release: 2026-01-13
members:
  - {id: bob}
  - {id: jane}
  - {id: tobby}
  - {id: elvis}
"""

# A small roster with a non-core observer, shared by the swap and away tests. Its plan from
# 2026-01-01: 26.1.0 bob/jane, 26.3.0 jane/bob, 26.5.0 jane/tobby (jump seat zed),
# 26.7.0 tobby/jane, 26.9.0 tobby/elvis, 26.11.0 elvis/tobby, 27.1.0 elvis/bob, 27.3.0 bob/elvis
CREW = """\
# Release crew for the widgets project.
schedule:
  first_release: 2026-01-13
members:
  - id: bob
    name: Bob Ross
  - id: jane
    name: Jane Doe
  - id: tobby
    name: Tobby Tanaka
  - id: elvis
    name: Elvis Presley
  - id: zed
    name: Zed Zimmer
    core: false
jump_seat:
  - {member: zed, release: 26.5.0}   # observes 26.5.0
"""


def plan_of(rotation: RotationFile, through: int) -> Plan:
    """The plan of releases 1..`through`, as every command computes it."""
    return Project(rotation).plan(through)


# A problem as the tests compare it: rule, severity, line, column, message.
Summary = tuple[str, str, int | None, int | None, str]


def summary(problems: list[Problem]) -> list[Summary]:
    return [(p.rule, p.severity.value, p.line, p.column, p.message) for p in problems]


def problems_in(path: Path) -> list[Problem]:
    """The problems loading `path` raises; the test fails if it loads."""
    with pytest.raises(RelrotError) as caught:
        load(path)
    return caught.value.problems


def problems_in_bytes(raw: bytes) -> list[Problem]:
    with pytest.raises(RelrotError) as caught:
        parse(raw, "rotation.yaml")
    return caught.value.problems


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return f"exit {self.exit_code}\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"


@pytest.fixture
def rotation_file(tmp_path: Path) -> Callable[[str], Path]:
    """Write a rotation file (dedented) and return its path."""

    def write(text: str, name: str = "rotation.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def relrot(request: pytest.FixtureRequest) -> Generator[Callable[..., Result], None, None]:
    """Run the CLI in-process; on a failing test the output is printed with the report."""
    runner = CliRunner()
    results: list[Result] = []

    def run(*args: str | Path) -> Result:
        outcome = runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
        result = Result(outcome.exit_code, outcome.stdout, outcome.stderr)
        results.append(result)
        return result

    yield run
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        for result in results:
            print(result)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite golden files and the output shown in the docs instead of comparing "
        "(what `make golden` runs); read the diff before committing",
    )


@dataclass(frozen=True)
class Golden:
    """Expected output kept in a file: compared, or rewritten with `--update-golden`."""

    updating: bool

    def check(self, path: Path, actual: str | bytes) -> None:
        data = actual.encode("utf-8") if isinstance(actual, str) else actual
        if self.updating:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        expected = path.read_bytes()
        assert data == expected, f"{path.name} differs; run `make golden` if that is intended"


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    return Golden(bool(request.config.getoption("--update-golden")))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item,
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
