"""The starter file `relrot init` writes: it validates as it is, on any day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from relrot.project import Project
from relrot.starter import next_conda_release, portfolio_text, second_monday, starter_text
from tests.conftest import Result


@pytest.mark.parametrize(
    ("today", "first"),
    [
        (dt.date(2026, 1, 1), dt.date(2026, 1, 12)),
        (dt.date(2026, 1, 12), dt.date(2026, 1, 12)),
        (dt.date(2026, 1, 13), dt.date(2026, 3, 9)),
        (dt.date(2026, 12, 1), dt.date(2027, 1, 11)),
    ],
)
def test_the_first_release_is_the_next_conda_release(today: dt.date, first: dt.date) -> None:
    assert next_conda_release(today) == first
    assert first == second_monday(first.year, first.month)


@pytest.mark.parametrize("today", [dt.date(2026, 1, 1), dt.date(2026, 11, 30), dt.date(2030, 7, 4)])
def test_the_starter_file_validates_as_written(today: dt.date) -> None:
    project = Project.parse(starter_text(today).encode("utf-8"), "rotation.yaml")
    assert project.check(today).problems == []
    assert project.model.schedule.first_release == next_conda_release(today)


def test_the_commented_roles_example_validates_and_plans_a_qa_owner() -> None:
    today = dt.date(2026, 11, 21)
    text = starter_text(today)
    assert "\n# roles:\n#   - {id: qa, name: QA, pool: [" in text
    uncommented = text.replace("# roles:", "roles:").replace("#   - {id: qa", "  - {id: qa")
    project = Project.parse(uncommented.encode("utf-8"), "rotation.yaml")
    assert project.check(today).problems == []
    # Three maintainers: the one neither piloting nor co-piloting holds QA.
    plan = [(r.pilot, r.co_pilot, r.roles["qa"]) for r in project.plan(3).releases]
    assert plan == [
        ("maintainer-a", "maintainer-b", "maintainer-c"),
        ("maintainer-b", "maintainer-a", "maintainer-c"),
        ("maintainer-b", "maintainer-c", "maintainer-a"),
    ]


def test_init_never_overwrites(tmp_path: Path, relrot: Callable[..., Result]) -> None:
    target = tmp_path / "rotation.yaml"
    first = relrot("init", target, "--today", "2026-01-01")
    assert first.exit_code == 0, first
    written = target.read_bytes()
    again = relrot("init", target, "--today", "2027-01-01")
    assert again.exit_code == 2, again
    assert (
        again.stderr
        == f"relrot: error: {target} already exists; relrot init never overwrites a file\n"
    )
    assert target.read_bytes() == written


@pytest.mark.parametrize("today", [dt.date(2026, 1, 1), dt.date(2026, 11, 30), dt.date(2030, 7, 4)])
def test_the_starter_portfolio_validates_as_written(today: dt.date) -> None:
    project = Project.parse(portfolio_text(today).encode("utf-8"), "rotation.yaml")
    assert [p.id for p in project.model.projects] == ["conda", "conda-build", "conda-pypi"]
    assert project.portfolio.check(today, 30) == []
    conda, build, pypi = project.model.projects
    assert build.crew_from == "conda"
    assert build.rotation is None
    assert pypi.on_demand is not None
    assert pypi.schedule is None
    # The first term is the month of conda's first release, so both start together.
    first = next_conda_release(today)
    assert pypi.on_demand.first_term == first.replace(day=1)
    assert pypi.on_demand.every_months == 2
    assert pypi.rotation is not None
    assert pypi.rotation.stint == ("co_pilot", "pilot")
    assert conda.schedule is not None
    assert conda.schedule.first_release == first


def test_init_projects_writes_a_portfolio_that_validates_and_plans(
    tmp_path: Path, relrot: Callable[..., Result]
) -> None:
    target = tmp_path / "rotation.yaml"
    written = relrot("init", target, "--projects", "--today", "2026-11-21")
    assert written.exit_code == 0, written
    assert written.stderr == f"wrote {target}: edit the roster, then run `relrot validate`\n"
    assert target.read_text(encoding="utf-8") == portfolio_text(dt.date(2026, 11, 21))
    checked = relrot("--file", target, "validate", "--today", "2026-11-21")
    assert (checked.exit_code, checked.stdout) == (0, f"{target}: valid\n"), checked
    planned = relrot("--file", target, "plan", "--format", "csv", "--today", "2026-11-21")
    assert planned.exit_code == 0, planned
    rows = planned.stdout.splitlines()
    firsts = [row.split(",")[:3] for row in rows[1:] if row.split(",")[1] == "1"]
    assert firsts == [
        ["conda", "1", "27.1.0"],
        ["conda-build", "1", "27.1.0"],
        ["conda-pypi", "1", "2027-01"],
    ]


def test_init_projects_never_overwrites(tmp_path: Path, relrot: Callable[..., Result]) -> None:
    target = tmp_path / "rotation.yaml"
    target.write_text("members: []\n", encoding="utf-8")
    again = relrot("init", target, "--projects", "--today", "2027-01-01")
    assert again.exit_code == 2, again
    assert (
        again.stderr
        == f"relrot: error: {target} already exists; relrot init never overwrites a file\n"
    )
    assert target.read_text(encoding="utf-8") == "members: []\n"
