"""`diff --format markdown`'s count of seats, worked out by hand."""

from __future__ import annotations

import datetime as dt

from relrot.diff import SeatChange
from relrot.project import Project
from relrot.render.diff import render_markdown

ROSTER = """\
schedule: {first_release: 2026-01-12}
members:
  - {id: anna, name: Anna Alm}
  - {id: amy, name: Amy Ash}
  - {id: zed, name: Zed Zorn}
roles:
  - {id: qa, name: QA lead, pool: [amy, zed]}
"""
DAY = dt.date(2026, 1, 12)


def counts(*changes: SeatChange) -> list[str]:
    rotation = Project.parse(ROSTER.encode()).model
    shown = render_markdown(changes, rotation)
    return shown.split("#### Seats over these releases\n\n")[1].splitlines()


def test_a_count_of_pilot_and_co_pilot_seats_says_so_when_other_seats_moved() -> None:
    # 26.1.0: Amy takes Anna's pilot seat and gives her QA lead seat to Zed. Amy: +1 pilot
    # seat and -1 role seat; Anna -1 pilot seat; Zed +1 role seat, no pilot seat.
    assert counts(
        SeatChange("26.1.0", DAY, "pilot", before="anna", after="amy"),
        SeatChange("26.1.0", DAY, "qa", before="amy", after="zed"),
    ) == [
        "- Amy Ash: +1 pilot or co-pilot seat",
        "- Anna Alm: -1 seat",
        "- Zed Zorn: no change in pilot and co-pilot seats",
    ]


def test_pilot_and_co_pilot_moves_alone_are_counted_as_seats() -> None:
    assert counts(
        SeatChange("26.1.0", DAY, "pilot", before="anna", after="amy"),
        SeatChange("26.1.0", DAY, "co_pilot", before="amy", after="anna"),
    ) == ["- Amy Ash: no change", "- Anna Alm: no change"]
