"""`away`, `pin` and `shipped` as values: the typed edit, the facts and the seats moved."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from relrot.changes import (
    AddAway,
    Append,
    FromPlan,
    PinEntry,
    Pinned,
    SeatChange,
    SetDate,
    Shipped,
)
from relrot.project import Project
from tests.conftest import CREW

TODAY = dt.date(2026, 1, 1)
JAN, MARCH = dt.date(2026, 1, 13), dt.date(2026, 3, 12)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    path = tmp_path / "rotation.yaml"
    path.write_text(CREW, encoding="utf-8")
    return Project.load(path)


def test_an_away_range_is_one_typed_edit_and_the_seats_it_moves(project: Project) -> None:
    change = project.away("tobby", "2026-07-01", "2026-07-31", today=TODAY, reason="leave")
    assert change.kind == "away"
    assert change.edits == (
        AddAway(2, "tobby", dt.date(2026, 7, 1), dt.date(2026, 7, 31), "leave"),
    )
    assert change.moves[:2] == [
        SeatChange("26.5.0", dt.date(2026, 5, 13), "co_pilot", "tobby", "elvis"),
        SeatChange("26.7.0", dt.date(2026, 7, 13), "pilot", "tobby", "elvis"),
    ]
    assert all(isinstance(move, SeatChange) for move in change.moves)
    assert change.added == ()


def test_a_pin_appends_the_planned_releases_and_moves_nobody(project: Project) -> None:
    change = project.pin("26.3.0", today=TODAY)
    assert change.kind == "pin"
    # Every seat it records comes from the plan, and the change says which (SPEC 5.4).
    assert change.facts == Pinned(
        2,
        from_plan=(
            FromPlan("26.1.0", "pilot", "bob"),
            FromPlan("26.1.0", "co_pilot", "jane"),
            FromPlan("26.3.0", "pilot", "jane"),
            FromPlan("26.3.0", "co_pilot", "bob"),
        ),
    )
    assert change.edits == (
        Append(
            "releases",
            (
                PinEntry("26.1.0", dt.date(2026, 1, 13), pilot="bob", co_pilot="jane"),
                PinEntry("26.3.0", dt.date(2026, 3, 12), pilot="jane", co_pilot="bob"),
            ),
            "pin the releases",
        ),
    )
    assert change.moves == []


def test_nothing_to_pin_is_an_empty_change(project: Project) -> None:
    change = project.pin(None, today=TODAY)
    assert change.empty
    assert change.facts == Pinned(0)
    assert change.edits == ()
    assert change.write() is False


def test_shipping_an_unpinned_release_pins_it_with_its_day(project: Project) -> None:
    change = project.shipped("26.1.0", "2026-01-14", today="2026-02-01")
    assert change.kind == "pin"
    shipped = Shipped("26.1.0", dt.date(2026, 1, 14), dt.date(2026, 1, 13))
    from_plan = (FromPlan("26.1.0", "pilot", "bob"), FromPlan("26.1.0", "co_pilot", "jane"))
    assert change.facts == Pinned(1, shipped, from_plan)


def test_shipping_a_pinned_release_sets_its_date(project: Project) -> None:
    pinned = project.pin("26.3.0", today=TODAY)
    pinned.write()
    again = Project.load(project.path)
    change = again.shipped("26.3.0", dt.date(2026, 3, 13), today=dt.date(2026, 4, 1))
    assert change.kind == "shipped"
    assert change.edits == (SetDate(1, dt.date(2026, 3, 13)),)
    assert change.facts == Shipped("26.3.0", dt.date(2026, 3, 13), dt.date(2026, 3, 12))
    change.write()
    same = Project.load(project.path).shipped("26.3.0", "2026-03-13", today="2026-04-01")
    assert same.empty
    assert same.facts == Shipped("26.3.0", dt.date(2026, 3, 13), dt.date(2026, 3, 12), True)
