"""A change in words (`relrot.render.change`): the lines the edit commands print, made from
the facts a `Change` carries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from relrot.project import Project
from relrot.render.change import summary, what
from tests.conftest import CREW, ROOT

TODAY = dt.date(2026, 1, 1)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    path = tmp_path / "rotation.yaml"
    path.write_text(CREW, encoding="utf-8")
    return Project.load(path)


def test_a_swap_is_explained_from_its_proposal() -> None:
    change = Project.load(ROOT / "rotation.yaml").swap("27.3.0", "eli", today="2026-11-21")
    assert summary(change)[:3] == [
        "27.3.0 (Mon 2027-03-08): Eli Navarro opts out as pilot",
        "  Dana Kowalski steps up from co-pilot to pilot (has piloted before)",
        "  co-pilot: Chen Wei",
    ]
    assert what(change) == "2 swap entries"


def test_an_away_range_names_the_member_then_the_seats_it_moves(project: Project) -> None:
    change = project.away("tobby", "2026-07-01", "2026-07-31", today=TODAY)
    assert summary(change)[:3] == [
        "Tobby Tanaka away 2026-07-01..2026-07-31:",
        "26.5.0 (Wed 2026-05-13)",
        "  co-pilot: Tobby Tanaka -> Elvis Presley",
    ]
    assert what(change) == "the away range"


def test_a_pin_lists_its_versions_and_every_seat_it_takes_from_the_plan(project: Project) -> None:
    change = project.pin("26.3.0", today=TODAY)
    assert summary(change) == [
        "pinning 2 release(s): 26.1.0, 26.3.0",
        "  26.1.0: pilot Bob Ross, co-pilot Jane Doe (from the plan, not a record)",
        "  26.3.0: pilot Jane Doe, co-pilot Bob Ross (from the plan, not a record)",
    ]
    assert what(change) == "2 pinned releases"
    empty = project.pin(None, today=TODAY)
    assert summary(empty) == ["nothing to pin: releases up to none are already pinned"]
    assert what(empty) == "nothing"


def test_a_shipped_release_says_when_it_was_planned(project: Project) -> None:
    change = project.shipped("26.1.0", "2026-01-14", today="2026-02-01")
    assert summary(change) == [
        "pinning 1 release(s): 26.1.0",
        "  26.1.0: pilot Bob Ross, co-pilot Jane Doe (from the plan, not a record)",
        "26.1.0 shipped on Wed 2026-01-14 (planned Tue 2026-01-13)",
    ]
    assert what(change) == "1 pinned releases"
