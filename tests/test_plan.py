"""The plan builder: rows carry facts (first seats, where a seat comes from), and entries that
cannot be applied are reported and left out instead of stopping the plan."""

from __future__ import annotations

from typing import Any

import pytest

from relrot.model import RotationFile
from relrot.plan import Plan
from relrot.problems import RelrotError
from relrot.render.notes import release_notes
from tests.conftest import plan_of

SEED_MEMBERS = [{"id": "bob"}, {"id": "jane"}, {"id": "tobby"}, {"id": "elvis"}]


def planned(through: int = 6, **extra: Any) -> Plan:
    data = {"schedule": {"first_release": "2026-01-13"}, "members": SEED_MEMBERS, **extra}
    return plan_of(RotationFile.model_validate(data), through)


def test_newcomers_are_facts_of_their_first_release() -> None:
    plan = planned(5)
    assert [r.newcomers for r in plan.releases] == [
        ("bob", "jane"),
        (),
        ("tobby",),
        (),
        ("elvis",),
    ]


def test_seat_sources_say_roster_pin_or_swap() -> None:
    plan = planned(
        3,
        releases=[{"version": "26.1.0", "pilot": "bob", "co_pilot": "jane"}],
        swaps=[{"release": "26.5.0", "seat": "pilot", "out": "jane", "in": "elvis"}],
    )
    first, second, third = plan.releases
    assert (first.source("pilot"), first.source("co_pilot")) == ("pin", "pin")
    assert (second.source("pilot"), second.source("co_pilot")) == ("roster", "roster")
    assert (third.source("pilot"), third.source("co_pilot")) == ("swap", "roster")
    # A swapped-in member's first seat is where the swap puts them.
    assert third.newcomers == ("elvis", "tobby")


def test_notes_are_written_from_the_facts_with_the_names_asked_for() -> None:
    plan = planned(
        3,
        swaps=[
            {"release": "26.3.0", "seat": "pilot", "out": "jane", "in": "tobby", "reason": "trip"}
        ],
    )
    second = plan.releases[1]
    assert release_notes(second) == [
        "moved from Fri 2026-03-13",
        "tobby: first release",
        "swap: tobby for jane as pilot (trip)",
    ]
    assert release_notes(second, str.upper, first_seats=False) == [
        "moved from Fri 2026-03-13",
        "swap: TOBBY for JANE as pilot (trip)",
    ]


def test_a_request_for_someone_not_on_the_roster_is_reported_and_left_out() -> None:
    plan = planned(3, jump_seat=[{"member": "zedd", "release": "26.3.0"}])
    assert [(p.rule, p.path) for p in plan.problems] == [
        ("unknown-member", ("jump_seat", 0, "member"))
    ]
    assert [r.jump_seat for r in plan.releases] == [None, None, None]


def test_pins_after_one_out_of_order_are_left_out() -> None:
    pins = [
        {"version": "26.1.0", "pilot": "bob", "co_pilot": "jane"},
        {"version": "26.5.0", "pilot": "jane", "co_pilot": "bob"},
        {"version": "26.5.0", "pilot": "jane", "co_pilot": "tobby"},
    ]
    plan = planned(4, releases=pins)
    assert [(p.rule, p.path) for p in plan.problems] == [("schema", ("releases", 1, "version"))]
    assert plan.last_pinned == 1
    assert [r.pinned for r in plan.releases] == [True, False, False, False]


def test_a_pinned_skipped_release_keeps_no_crew() -> None:
    plan = planned(
        2,
        schedule={"first_release": "2026-01-13", "skip": ["26.3.0"]},
        releases=[
            {"version": "26.1.0", "pilot": "bob", "co_pilot": "jane"},
            {"version": "26.3.0", "pilot": "jane", "co_pilot": "bob"},
        ],
    )
    assert [(p.rule, p.path) for p in plan.problems] == [("schema", ("releases", 1))]
    assert (plan.releases[1].pilot, plan.releases[1].co_pilot) == (None, None)


def test_only_a_stint_that_cannot_tile_stops_the_plan() -> None:
    with pytest.raises(RelrotError) as raised:
        planned(
            2,
            rotation={"stint": ["pilot", "pilot"]},
            swaps=[{"release": 1, "seat": "pilot", "out": "bob", "in": "nobody"}],
        )
    assert [p.rule for p in raised.value.problems] == ["invalid-stint"]
