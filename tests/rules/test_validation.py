"""Running the catalogue over a plan: each problem says which seat it is about, as a field."""

from __future__ import annotations

import datetime as dt

from relrot.project import Project

# A non-core pilot pinned with no co-pilot, a stale co-pilot swap, a jump-seat request for a
# release pinned without one, and a first-time pilot: one problem about each kind of seat.
SEATS = """\
schedule:
  first_release: 2026-01-13
members:
  - {id: bob}
  - {id: jane}
  - {id: tobby}
  - {id: zed, core: false}
releases:
  - {version: 26.1.0, pilot: zed}
swaps:
  - {release: 26.5.0, seat: co_pilot, out: zed, in: bob}
jump_seat:
  - {member: bob, release: 26.1.0}
"""


def test_each_problem_about_a_seat_names_it() -> None:
    problems = Project.parse(SEATS.encode()).check(dt.date(2026, 1, 1), 3).problems
    assert sorted((p.rule, p.release, p.seat) for p in problems) == [
        ("empty-seat", "26.1.0", "co_pilot"),  # found by a seat check: the seat checked
        ("jump-seat-conflict", "26.1.0", "jump_seat"),
        ("not-core", "26.1.0", "pilot"),
        ("stale-swap", "26.5.0", "co_pilot"),  # the seat the swap moves
        ("untrained-pilot", "26.3.0", "pilot"),
    ]


def test_a_problem_about_no_one_seat_names_none() -> None:
    text = SEATS.replace("pilot: zed}", "pilot: bob, co_pilot: bob}")
    problems = Project.parse(text.encode()).check(dt.date(2026, 1, 1), 3).problems
    assert [(p.rule, p.seat) for p in problems if p.rule == "double-seat"] == [
        ("double-seat", None)
    ]
