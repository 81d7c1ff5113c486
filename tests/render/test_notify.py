"""How notices read in a chat and in JSON, line by line, worked out by hand."""

from __future__ import annotations

import datetime as dt
import json

from relrot.model import RotationFile
from relrot.notify import Notice, NoticeKind
from relrot.problems import Seat
from relrot.project import Project
from relrot.render.notify import render_json, render_markdown

ROSTER = """\
schedule: {first_release: 2026-01-13}
members:
  - {id: bob, name: Bob Ross, chat: "<@U01BOB>", github: bobross}
  - {id: ana, name: "<!channel> @**all** [x](https://evil.example)"}
  - {id: zed}
roles:
  - {id: qa, name: QA lead, pool: [zed]}
"""
SEVEN_DAYS_BEFORE = dt.date(2026, 3, 5)  # 26.3.0's duty window opens; release day is 03-12


def notice(
    kind: NoticeKind,
    member: str | None,
    seats: tuple[Seat, ...] = (),
    *,
    moved: tuple[tuple[Seat, ...], tuple[Seat, ...]] = ((), ()),
    catch_up: bool = False,
    due: dt.date = dt.date(2026, 2, 19),
) -> Notice:
    release_day = dt.date(2026, 3, 12)
    before, after = moved
    return Notice(
        kind, "26.3.0", release_day, SEVEN_DAYS_BEFORE, due, member, seats, before, after, catch_up
    )


def rotation() -> RotationFile:
    return Project.parse(ROSTER.encode()).model


def test_a_reminder_mentions_the_chat_handle_else_names_the_member() -> None:
    notices = [
        notice("reminder", "bob", ("pilot",)),
        notice("reminder", "zed", ("co_pilot", "qa")),
    ]
    assert render_markdown(notices, rotation()) == (
        "Reminder for <@U01BOB>: you are pilot of 26.3.0 (release day Thu 2026-03-12); "
        "duty starts in 14 days, on Thu 2026-03-05.\n"
        "Reminder for zed: you are co-pilot and QA lead of 26.3.0 (release day Thu 2026-03-12); "
        "duty starts in 14 days, on Thu 2026-03-05.\n"
    )


def test_a_catch_up_reminder_says_now_and_counts_the_days_left() -> None:
    one = notice("reminder", "bob", ("pilot",), catch_up=True, due=dt.date(2026, 3, 4))
    assert render_markdown([one], rotation()) == (
        "Reminder for <@U01BOB>: you are now pilot of 26.3.0 (release day Thu 2026-03-12); "
        "duty starts in 1 day, on Thu 2026-03-05.\n"
    )
    one = notice("reminder", "bob", ("pilot",), catch_up=True, due=SEVEN_DAYS_BEFORE)
    assert "duty starts today, on Thu 2026-03-05." in render_markdown([one], rotation())


def test_a_moved_seat_says_before_and_after_and_a_call_names_the_seat() -> None:
    notices = [
        notice("seat-moved", "bob", moved=(("pilot",), ())),
        notice("seat-moved", "zed", moved=((), ("pilot", "qa"))),
        notice("volunteers", None, ("qa",)),
    ]
    assert render_markdown(notices, rotation()).splitlines() == [
        "Seat moved for <@U01BOB>: in 26.3.0 (release day Thu 2026-03-12), before: pilot; "
        "now: no seat.",
        "Seat moved for zed: in 26.3.0 (release day Thu 2026-03-12), before: no seat; "
        "now: pilot and QA lead.",
        "Volunteers wanted: 26.3.0 (release day Thu 2026-03-12) has no QA lead; "
        "duty starts in 14 days, on Thu 2026-03-05.",
    ]


def test_a_name_that_mentions_the_room_or_links_is_neutralised() -> None:
    one = notice("reminder", "ana", ("pilot",))
    line = render_markdown([one], rotation())
    assert line.startswith(
        "Reminder for &lt;!channel&gt; \uff20**all** \uff3bx\uff3d(https://evil.example): "
    )
    assert "<" not in line
    assert "@" not in line


def test_json_holds_the_contract_and_names_the_member_in_its_text() -> None:
    notices = [
        notice("reminder", "bob", ("pilot",)),
        notice("volunteers", None, ("qa",)),
    ]
    assert json.loads(render_json(notices, rotation())) == {
        "notices": [
            {
                "id": "reminder/26.3.0/bob/2026-02-19",
                "kind": "reminder",
                "release": "26.3.0",
                "member": "bob",
                "github": "bobross",
                "chat": "<@U01BOB>",
                "date": "2026-02-19",
                "text": "Reminder for Bob Ross: you are pilot of 26.3.0 (release day Thu "
                "2026-03-12); duty starts in 14 days, on Thu 2026-03-05.",
            },
            {
                "id": "volunteers/26.3.0/qa/2026-02-19",
                "kind": "volunteers",
                "release": "26.3.0",
                "member": None,
                "github": None,
                "chat": None,
                "date": "2026-02-19",
                "text": "Volunteers wanted: 26.3.0 (release day Thu 2026-03-12) has no QA lead; "
                "duty starts in 14 days, on Thu 2026-03-05.",
            },
        ]
    }


def test_nothing_due_is_no_line_at_all_and_an_empty_json_list() -> None:
    assert render_markdown([], rotation()) == ""
    assert json.loads(render_json([], rotation())) == {"notices": []}


def test_a_member_the_change_removed_is_named_from_the_file_before() -> None:
    base = Project.parse(ROSTER.replace("pool: [zed]", "pool: [bob]").encode()).model
    gone = Project.parse(
        ROSTER.replace(
            '  - {id: bob, name: Bob Ross, chat: "<@U01BOB>", github: bobross}\n', ""
        ).encode()
    ).model
    one = notice("seat-moved", "bob", moved=(("pilot",), ()))
    assert render_markdown([one], gone, base).startswith("Seat moved for <@U01BOB>: ")


def test_a_role_the_change_removed_is_named_from_the_file_before() -> None:
    base = Project.parse(ROSTER.replace("name: QA lead", "name: Quality owner").encode()).model
    renamed = Project.parse(ROSTER.replace("{id: qa, name: QA lead", "{id: qc, name: QC").encode())
    one = notice("seat-moved", "zed", moved=(("qa",), ("qc",)))
    line = (
        "Seat moved for zed: in 26.3.0 (release day Thu 2026-03-12), before: Quality owner; "
        "now: QC."
    )
    assert render_markdown([one], renamed.model, base) == line + "\n"
    assert json.loads(render_json([one], renamed.model, base))["notices"][0]["text"] == line
