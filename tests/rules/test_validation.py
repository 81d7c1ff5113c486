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


# bob pilots pinned 26.1.0 though away then, and co-pilots 26.3.0 though he left before it;
# zed (not core) pilots 26.3.0; 26.5.0 is not pinned.
PAST = """\
schedule:
  first_release: 2026-01-13
members:
  - id: bob
    left: 2026-03-01
    away: [{from: 2026-01-10, to: 2026-01-20, reason: private}]
  - {id: jane}
  - {id: tobby}
  - {id: zed, core: false}
releases:
  - {version: 26.1.0, pilot: bob, co_pilot: jane}
  - {version: 26.3.0, pilot: zed, co_pilot: bob}
"""


def test_a_problem_in_history_never_suggests_a_swap() -> None:
    """SPEC 4: `relrot swap` refuses history, so history's advice is a `left`, `core` or
    away change, or a correction of the pin (it said `run relrot swap 26.1.0 bob`)."""
    problems = Project.parse(PAST.encode()).check(dt.date(2026, 6, 1), 3).problems
    said = {(p.rule, p.release): p.message for p in problems}
    assert said[("away-on-duty", "26.1.0")].endswith(
        "; if they served, shorten the away range; else correct the pin of 26.1.0 in `releases:`"
    )
    assert said[("inactive", "26.3.0")].endswith(
        "; if they served, correct their `left` date; else correct the pin of 26.3.0 in `releases:`"
    )
    assert said[("not-core", "26.3.0")].endswith(
        ": if they served as core, drop `core: false` from them; else correct the pin of "
        "26.3.0 in `releases:`"
    )
    history = [p for p in problems if p.release in ("26.1.0", "26.3.0")]
    assert {"away-on-duty", "inactive", "not-core"} <= {p.rule for p in history}
    assert not [p.message for p in history if "relrot swap" in p.message]


def test_a_coming_release_still_suggests_a_swap() -> None:
    problems = Project.parse(PAST.encode()).check(dt.date(2026, 1, 1), 3).problems
    said = {(p.rule, p.release): p.message for p in problems}
    assert said[("away-on-duty", "26.1.0")].endswith("; run `relrot swap 26.1.0 bob`")
    assert said[("inactive", "26.3.0")].endswith("; run `relrot swap 26.3.0 bob`")


def test_an_unpinned_release_of_history_is_pinned_before_it_is_corrected() -> None:
    text = SEATS.partition("releases:")[0]
    text += "swaps:\n  - {release: 26.1.0, seat: pilot, out: bob, in: zed}\n"
    problems = Project.parse(text.encode()).check(dt.date(2026, 6, 1), 3).problems
    [not_core] = [p for p in problems if p.rule == "not-core"]
    assert not_core.message.endswith(
        "else record 26.1.0 with `relrot pin`, then correct its seats in `releases:`"
    )


STALE = PAST + "swaps:\n  - {release: 26.3.0, seat: pilot, out: tobby, in: jane}\n"


def test_a_stale_swap_in_history_advises_the_pin_not_a_new_swap() -> None:
    # It said "record a new one with `relrot swap`", which refuses a release of history.
    problems = Project.parse(STALE.encode()).check(dt.date(2026, 6, 1), 3).problems
    [stale] = [p for p in problems if p.rule == "stale-swap"]
    assert stale.message == (
        "swap 1 moves the pilot seat of 26.3.0 from tobby to jane, but zed holds it now; the "
        "roster changed under it: record who served 26.3.0 in its `releases:` entry "
        "(`relrot import` reads its issue) and remove the swap"
    )


def test_a_stale_swap_still_to_come_advises_a_new_swap() -> None:
    problems = Project.parse(STALE.encode()).check(dt.date(2026, 1, 1), 3).problems
    [stale] = [p for p in problems if p.rule == "stale-swap"]
    assert stale.message.endswith(": remove the swap or record a new one with `relrot swap`")


# kai is away for 26.5.0 and holds its QA seat through a swap; bob, who has left by 26.7.0,
# holds its QA seat and its pilot seat (swaps), so `relrot swap` would take the pilot seat.
ROLE_HOLDERS = """\
schedule:
  first_release: 2026-01-13
members:
  - {id: bob, left: 2026-07-01}
  - {id: jane}
  - {id: tobby}
  - {id: kai, core: false, away: [{from: 2026-05-01, to: 2026-05-31}]}
  - {id: amy, core: false}
roles:
  - {id: qa, name: QA lead, pool: [kai, amy, bob]}
swaps:
  - {release: 26.5.0, seat: qa, out: %s, in: kai}
  - {release: 26.7.0, seat: qa, out: %s, in: bob}
  - {release: 26.7.0, seat: pilot, out: %s, in: bob}
"""


def test_a_role_holder_is_pointed_at_swap_unless_swap_would_take_another_seat() -> None:
    today = dt.date(2026, 1, 1)
    planned = Project.parse((ROLE_HOLDERS % ("x", "x", "x")).encode()).plan(4).releases
    outs = (planned[2].roles["qa"], planned[3].roles["qa"], planned[3].pilot)
    problems = Project.parse((ROLE_HOLDERS % outs).encode()).check(today, 4).problems
    said = {(p.rule, p.release, p.seat): p.message for p in problems}
    assert said[("away-on-duty", "26.5.0", "qa")].endswith("; run `relrot swap 26.5.0 kai`")
    assert said[("inactive", "26.7.0", "pilot")].endswith("; run `relrot swap 26.7.0 bob`")
    assert said[("inactive", "26.7.0", "qa")].endswith(
        "give the QA lead seat of 26.7.0 to another member of its pool (a swap with `seat:` "
        "in `swaps:`)"
    )
