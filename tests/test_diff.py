"""relrot.diff: the seat changes between two versions of a file."""

from __future__ import annotations

import datetime as dt

import pytest
from msgspec.structs import replace

from relrot.diff import SeatChange

DAY = dt.date(2026, 3, 10)
MOVE = SeatChange("26.3.0", DAY, "pilot", "bob", "eli")


def test_a_change_is_its_seat_and_holders_not_how_it_is_shown() -> None:
    # The window decides consent and the label is the role's name: two changes that differ
    # only there are one move (the diff of a file keeps one of them).
    shown = replace(MOVE, window=(DAY, DAY), label="QA")
    assert shown == MOVE
    assert hash(shown) == hash(MOVE)
    assert len({shown, MOVE}) == 1


@pytest.mark.parametrize(
    "other",
    [
        {"version": "26.5.0"},
        {"date": dt.date(2026, 3, 11)},
        {"seat": "co_pilot"},
        {"before": None},
        {"after": "farah"},
        {"project": "web"},
    ],
)
def test_every_other_field_makes_another_change(other: dict[str, object]) -> None:
    assert replace(MOVE, **other) != MOVE
