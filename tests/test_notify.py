"""The notices due on a day (SPEC 5.6), worked out by hand, and a year of them day by day."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relrot.diff import moves_by_person, plan_changes
from relrot.notify import Notice, crew_seats, empty_seats, notices
from relrot.project import Project
from relrot.render.notify import render_json, render_markdown
from tests.conftest import ROOT

# Its plan, by hand from the stint (SPEC 3.3) and the calendar (SPEC 2): each window opens
# at release-branch, seven days before release day.
#   26.3.0 Thu 2026-03-12 (moved from Fri 03-13), opens Thu 03-05: jane / bob, QA zed
#   26.5.0 Wed 2026-05-13, opens Wed 05-06: jane / tobby, QA zed
#   26.7.0 Mon 2026-07-13, opens Mon 07-06: tobby / jane, QA empty (zed is away in July)
#   26.9.0 Thu 2026-09-10 (moved from Sun 09-13), opens Thu 09-03: tobby / elvis, QA zed
ROSTER = """\
project: {name: widgets}
schedule:
  first_release: 2026-01-13
  milestones:
    - {name: release-branch, days: -7}
    - {name: all-clear, days: 7}
members:
  - {id: bob, name: Bob Ross, chat: "<@U01BOB>"}
  - {id: jane, name: Jane Doe, chat: "@**Jane Doe**"}
  - {id: tobby, github: tobby-t}
  - {id: elvis}
  - id: zed
    core: false
    away:
      - {from: 2026-07-01, to: 2026-07-31, reason: secret surgery}
roles:
  - {id: qa, name: QA lead, pool: [zed]}
"""
# elvis takes jane's pilot seat of 26.5.0.
SWAPPED = ROSTER + (
    "swaps:\n  - {release: 26.5.0, seat: pilot, out: jane, in: elvis, reason: conference}\n"
)
# tobby is away through September: 26.9.0 (and what follows) is reseated.
TOBBY_AWAY = SWAPPED.replace(
    "  - {id: tobby, github: tobby-t}\n",
    "  - id: tobby\n    github: tobby-t\n"
    "    away: [{from: 2026-08-30, to: 2026-09-30, reason: secret surgery}]\n",
)


def project(text: str) -> Project:
    return Project.parse(text.encode())


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def summary(found: list[Notice]) -> list[tuple[str, str | None, tuple[str, ...], bool]]:
    return [(n.kind, n.member, n.seats or (*n.before, "->", *n.after), n.catch_up) for n in found]


def test_the_crew_is_reminded_fourteen_days_and_one_day_before_the_window_opens() -> None:
    plan = project(ROSTER)
    on_14 = notices(plan, day("2026-02-19"))
    assert summary(on_14) == [
        ("reminder", "bob", ("co_pilot",), False),
        ("reminder", "jane", ("pilot",), False),
        ("reminder", "zed", ("qa",), False),
    ]
    assert [n.id for n in on_14] == [
        "reminder/26.3.0/bob/2026-02-19",
        "reminder/26.3.0/jane/2026-02-19",
        "reminder/26.3.0/zed/2026-02-19",
    ]
    assert {(n.version, n.release_date, n.opens, n.days_left) for n in on_14} == {
        ("26.3.0", day("2026-03-12"), day("2026-03-05"), 14)
    }
    on_1 = notices(plan, day("2026-03-04"))
    assert [(n.member, n.days_left) for n in on_1] == [("bob", 1), ("jane", 1), ("zed", 1)]
    # Nothing on the days between, nor on the day the window opens.
    for quiet in ("2026-02-18", "2026-02-20", "2026-03-03", "2026-03-05"):
        assert notices(plan, day(quiet)) == [], quiet


def test_remind_days_sets_the_days_and_zero_is_the_day_the_window_opens() -> None:
    plan = project(ROSTER.replace("{name: widgets}", "{name: widgets, remind_days: [0, 3]}"))
    assert [n.member for n in notices(plan, day("2026-03-05"))] == ["bob", "jane", "zed"]
    assert [n.days_left for n in notices(plan, day("2026-03-02"))] == [3, 3, 3]
    assert notices(plan, day("2026-02-19")) == []
    silent = project(ROSTER.replace("{name: widgets}", "{name: widgets, remind_days: []}"))
    assert notices(silent, day("2026-02-19")) == []


def test_an_empty_seat_calls_for_volunteers_on_the_reminder_days_only() -> None:
    plan = project(ROSTER)
    assert summary(notices(plan, day("2026-06-22"))) == [
        ("reminder", "jane", ("co_pilot",), False),
        ("reminder", "tobby", ("pilot",), False),
        ("volunteers", None, ("qa",), False),
    ]
    assert notices(plan, day("2026-06-22"))[-1].id == "volunteers/26.7.0/qa/2026-06-22"
    assert [n.kind for n in notices(plan, day("2026-07-05"))][-1] == "volunteers"
    assert notices(plan, day("2026-06-23")) == []


def test_the_jump_seat_and_request_roles_are_not_reminded_nor_called_for() -> None:
    text = ROSTER + (
        "  - {id: trainee, name: Pilot in training, fill: request}\n"
        "jump_seat:\n  - {member: elvis, release: 26.3.0}\n"
        "requests:\n  - {member: tobby, role: trainee, release: 26.3.0}\n"
    )
    found = notices(project(text), day("2026-02-19"))
    assert [n.member for n in found] == ["bob", "jane", "zed"]
    release = project(text).plan(2).releases[1]
    assert release.jump_seat == "elvis"
    assert release.roles == {"qa": "zed", "trainee": "tobby"}
    assert crew_seats(release, ["qa"]) == {"jane": ("pilot",), "bob": ("co_pilot",), "zed": ("qa",)}
    assert empty_seats(release, ["qa"]) == []


def test_reminders_follow_the_plan_as_it_stands_with_its_swaps() -> None:
    found = notices(project(SWAPPED), day("2026-04-22"))
    assert summary(found) == [
        ("reminder", "elvis", ("pilot",), False),
        ("reminder", "tobby", ("co_pilot",), False),
        ("reminder", "zed", ("qa",), False),
    ]


def test_who_became_crew_after_a_reminder_day_gets_it_once_on_their_first_day() -> None:
    base, now = project(ROSTER), project(SWAPPED)
    # 26.5.0's reminder days are 04-22 and 05-05; the swap lands on 04-28, in between.
    assert summary(notices(now, day("2026-04-28"), base)) == [
        ("reminder", "elvis", ("pilot",), True),
        ("seat-moved", "elvis", ("->", "pilot"), False),
        ("seat-moved", "jane", ("pilot", "->"), False),
    ]
    # The next day the file is what it was the day before: nothing new.
    assert notices(now, day("2026-04-29"), now) == []
    # Without the file as it was, who is new cannot be known: only reminder days remind.
    assert notices(now, day("2026-04-28")) == []
    # On the day the window opens, the reminder says duty starts today.
    assert summary(notices(now, day("2026-05-06"), base))[0] == (
        "reminder",
        "elvis",
        ("pilot",),
        True,
    )
    # Before the first reminder day there is nothing missed; once the window has opened,
    # the reminder is too late, and the moved seat says it all.
    for moved_only in ("2026-04-21", "2026-05-07"):
        assert {n.kind for n in notices(now, day(moved_only), base)} == {"seat-moved"}


def test_a_seat_moved_names_the_seats_before_and_after() -> None:
    base, now = project(ROSTER), project(SWAPPED)
    found = [n for n in notices(now, day("2026-04-28"), base) if n.kind == "seat-moved"]
    assert [(n.member, n.version, n.before, n.after, n.id) for n in found] == [
        ("elvis", "26.5.0", (), ("pilot",), "seat-moved/26.5.0/elvis/2026-04-28"),
        ("jane", "26.5.0", ("pilot",), (), "seat-moved/26.5.0/jane/2026-04-28"),
    ]


def test_a_seat_moved_goes_to_exactly_the_members_diff_names() -> None:
    base, now = project(SWAPPED), project(TOBBY_AWAY)
    today = day("2026-08-25")
    moved = {n.member for n in notices(now, today, base) if n.kind == "seat-moved"}
    named = {person.member for person in moves_by_person(plan_changes(now, base, today, 12))}
    assert moved == named
    assert len(moved) >= 2


def test_no_notice_holds_an_away_reason() -> None:
    plan = project(TOBBY_AWAY)
    base = project(ROSTER)
    shown = []
    for offset in range(0, 366, 1):
        today = day("2026-01-01") + dt.timedelta(days=offset)
        found = notices(plan, today, base)
        shown += [render_markdown(found, plan.model, base.model)]
        shown += [render_json(found, plan.model, base.model)]
    # The notices were written, and name tobby, who is away for that reason.
    assert "tobby" in "".join(shown)
    assert not [text for text in shown if "surgery" in text]


# --- a year, day by day ------------------------------------------------------------------------

# The file as it stood on each day: the swap lands between 26.5.0's reminder days, tobby's
# away range between 26.9.0's.
VERSIONS = (
    (day("2025-01-01"), ROSTER),
    (day("2026-04-28"), SWAPPED),
    (day("2026-08-25"), TOBBY_AWAY),
)
YEAR = [day("2026-01-01") + dt.timedelta(days=n) for n in range(365)]


@pytest.fixture(scope="module")
def files() -> dict[str, Project]:
    return {text: project(text) for _, text in VERSIONS}


def file_on(today: dt.date, files: dict[str, Project]) -> Project:
    return files[next(text for first, text in reversed(VERSIONS) if first <= today)]


def run_year(files: dict[str, Project]) -> dict[dt.date, list[Notice]]:
    """notify as a daily workflow runs it: `--since` the file of the day before."""
    return {
        today: notices(file_on(today, files), today, file_on(today - dt.timedelta(1), files))
        for today in YEAR
    }


def crew_on(today: dt.date, version: str, files: dict[str, Project]) -> set[str]:
    release = file_on(today, files).plan(12).find(version)
    assert release is not None
    return set(crew_seats(release, ["qa"]))


def expected_reminders(files: dict[str, Project]) -> Counter[tuple[str, str, dt.date]]:
    """Each crew member on each reminder day; each member who becomes crew between the
    first reminder day and the window's opening, on that first day as crew."""
    expected: Counter[tuple[str, str, dt.date]] = Counter()
    for release in file_on(YEAR[-1], files).plan(12).releases:
        opens = release.duty_window[0]
        reminder_days = [opens - dt.timedelta(days=14), opens - dt.timedelta(days=1)]
        for today in YEAR:
            if today in reminder_days:
                crew = crew_on(today, release.version, files)
            elif reminder_days[0] < today <= opens:
                before = crew_on(today - dt.timedelta(1), release.version, files)
                crew = crew_on(today, release.version, files) - before
            else:
                continue
            expected.update((release.version, member, today) for member in crew)
    return expected


def test_over_a_year_every_crew_member_gets_each_reminder_exactly_once(
    files: dict[str, Project],
) -> None:
    year = run_year(files)
    sent = Counter(
        (n.version, n.member, n.due)
        for found in year.values()
        for n in found
        if n.kind == "reminder"
    )
    expected = expected_reminders(files)
    assert sent == expected
    assert set(sent.values()) == {1}
    # The year saw catch-ups: elvis on the swap's day, and the new crew of 26.9.0.
    assert ("26.5.0", "elvis", day("2026-04-28")) in sent
    assert any(when == day("2026-08-25") for _, _, when in sent)
    # Six releases ship in the year's window, each reminded twice, three seats each.
    assert len(expected) >= 6 * 2 * 3 - 2


def test_over_a_year_seats_move_on_the_days_the_file_changed_for_whom_diff_names(
    files: dict[str, Project],
) -> None:
    year = run_year(files)
    for today, found in year.items():
        moved = {n.member for n in found if n.kind == "seat-moved"}
        now, before = file_on(today, files), file_on(today - dt.timedelta(1), files)
        named = {p.member for p in moves_by_person(plan_changes(now, before, today, 12))}
        assert moved == named, today
        assert bool(moved) == (now is not before), today


def test_over_a_year_volunteers_are_called_on_reminder_days_for_the_empty_seat(
    files: dict[str, Project],
) -> None:
    calls = [n for found in run_year(files).values() for n in found if n.kind == "volunteers"]
    assert [(n.version, n.seats, n.due) for n in calls] == [
        ("26.7.0", ("qa",), day("2026-06-22")),
        ("26.7.0", ("qa",), day("2026-07-05")),
    ]


def each(kind: str, version: str, today: str, members: str) -> list[str]:
    return [f"{kind}/{version}/{member}/{today}" for member in members.split()]


# The year's ids, from the plan above: each release's reminder days are 14 and 1 days
# before its window opens (26.1.0 opens 01-06, so only its 01-05 is in the year; 27.1.0
# opens 2027-01-06, so only its 12-23 is). Members in id order within a release; 08-25's
# reseat moves tobby out of every release he held from 26.9.0 on, and who filled in.
YEAR_IDS = [
    *each("reminder", "26.1.0", "2026-01-05", "bob jane zed"),
    *each("reminder", "26.3.0", "2026-02-19", "bob jane zed"),
    *each("reminder", "26.3.0", "2026-03-04", "bob jane zed"),
    *each("reminder", "26.5.0", "2026-04-22", "jane tobby zed"),
    "reminder/26.5.0/elvis/2026-04-28",
    *each("seat-moved", "26.5.0", "2026-04-28", "elvis jane"),
    *each("reminder", "26.5.0", "2026-05-05", "elvis tobby zed"),
    *each("reminder", "26.7.0", "2026-06-22", "jane tobby"),
    "volunteers/26.7.0/qa/2026-06-22",
    *each("reminder", "26.7.0", "2026-07-05", "jane tobby"),
    "volunteers/26.7.0/qa/2026-07-05",
    *each("reminder", "26.9.0", "2026-08-20", "elvis tobby zed"),
    "reminder/26.9.0/bob/2026-08-25",
    *each("seat-moved", "26.9.0", "2026-08-25", "bob elvis tobby"),
    *each("seat-moved", "26.11.0", "2026-08-25", "bob elvis tobby"),
    *each("seat-moved", "27.1.0", "2026-08-25", "bob elvis tobby"),
    *each("seat-moved", "27.3.0", "2026-08-25", "bob elvis tobby"),
    *each("seat-moved", "27.5.0", "2026-08-25", "bob tobby"),
    *each("seat-moved", "27.7.0", "2026-08-25", "bob tobby"),
    *each("seat-moved", "27.9.0", "2026-08-25", "elvis tobby"),
    *each("seat-moved", "27.11.0", "2026-08-25", "elvis tobby"),
    *each("seat-moved", "28.1.0", "2026-08-25", "bob elvis tobby"),
    *each("seat-moved", "28.3.0", "2026-08-25", "bob elvis tobby"),
    *each("seat-moved", "28.5.0", "2026-08-25", "bob elvis tobby"),
    *each("seat-moved", "28.7.0", "2026-08-25", "bob elvis tobby"),
    *each("reminder", "26.9.0", "2026-09-02", "bob elvis zed"),
    *each("reminder", "26.11.0", "2026-10-22", "bob elvis zed"),
    *each("reminder", "26.11.0", "2026-11-04", "bob elvis zed"),
    *each("reminder", "27.1.0", "2026-12-23", "bob tobby zed"),
]
# Prints the year's ids, one a line, in a fresh interpreter.
PRINT_YEAR_IDS = (
    "import tests.test_notify as t\n"
    "files = {text: t.project(text) for _, text in t.VERSIONS}\n"
    "print('\\n'.join(n.id for found in t.run_year(files).values() for n in found))\n"
)


def test_over_a_year_ids_are_the_ones_worked_out_and_unique(files: dict[str, Project]) -> None:
    assert [n.id for found in run_year(files).values() for n in found] == YEAR_IDS
    assert len(set(YEAR_IDS)) == len(YEAR_IDS)


@pytest.mark.parametrize("seed", ["0", "12345"])
def test_ids_are_the_same_in_a_process_with_other_hash_seeds(seed: str) -> None:
    run = subprocess.run(
        [sys.executable, "-c", PRINT_YEAR_IDS],
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": seed},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert run.stdout.splitlines() == YEAR_IDS


def test_over_a_year_no_notice_holds_an_away_reason(files: dict[str, Project]) -> None:
    shown = []
    for today, found in run_year(files).items():
        rosters = (file_on(today, files).model, file_on(today - dt.timedelta(1), files).model)
        shown += [render_markdown(found, *rosters), render_json(found, *rosters)]
    assert "tobby" in "".join(shown)
    assert not [text for text in shown if "surgery" in text]


@settings(max_examples=40, deadline=None)
@given(
    offset=st.integers(min_value=0, max_value=730),
    remind=st.lists(st.integers(min_value=0, max_value=40), unique=True, max_size=4),
)
def test_the_file_unchanged_since_gives_the_reminder_days_notices_only(
    offset: int, remind: list[int]
) -> None:
    text = ROSTER.replace("{name: widgets}", f"{{name: widgets, remind_days: {remind}}}")
    plan = project(text)
    today = day("2026-01-01") + dt.timedelta(days=offset)
    found = notices(plan, today, project(text))
    assert found == notices(plan, today)
    for notice in found:
        assert notice.kind in ("reminder", "volunteers")
        assert notice.days_left in remind
        assert notice.due == today
        assert not notice.catch_up
    assert len({n.id for n in found}) == len(found)
