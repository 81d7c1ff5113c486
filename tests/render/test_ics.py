"""Calendar folding that no CI log reads as a workflow command."""

from __future__ import annotations

import datetime as dt

from relrot.model import RotationFile
from relrot.project import Project
from relrot.render.ics import render, unforgeable_folds
from tests.test_fairness import ANN_BO_CY, TRAINEE, dee_away


def test_a_fold_before_a_workflow_command_moves_back() -> None:
    folded = "BEGIN:VEVENT\r\nSUMMARY:ab\r\n ::error::x\r\n  ##[group]\r\nEND:VEVENT\r\n"
    assert unforgeable_folds(folded) == (
        "BEGIN:VEVENT\r\nSUMMARY:a\r\n b::error::\r\n x ##[group]\r\nEND:VEVENT\r\n"
    )


def test_other_folds_are_left_where_the_library_put_them() -> None:
    folded = "SUMMARY:ab\r\n cd\r\n"
    assert unforgeable_folds(folded) == folded


# Dee is QA from 26.3.0 (the only one in its pool) but away in May; she asked to train
# as pilot in 26.1.0.
ROLES = {
    "schedule": {"first_release": "2026-01-13"},
    "members": [*ANN_BO_CY, dee_away("2026-05-01", "2026-05-31", core=False)],
    "roles": [{"id": "qa", "name": "QA", "pool": ["dee"], "from": "26.3.0"}, TRAINEE],
    "requests": [{"member": "dee", "role": "trainee", "release": "26.1.0"}],
}


def test_each_event_names_the_role_holders_after_the_co_pilot() -> None:
    from icalendar import Calendar

    rotation = RotationFile.model_validate(ROLES)
    text = render(Project(rotation).rows(1, 3), rotation, today=dt.date(2026, 1, 1))
    events = Calendar.from_ical(text).walk("VEVENT")
    assert [(str(e["summary"]), str(e["description"]).split("\n")[0]) for e in events] == [
        # Before QA's `from` there is no QA seat; the request role shows only when held.
        (
            "Release 26.1.0: pilot Ann, co-pilot Bo, Pilot-in-training Dee",
            "Pilot Ann, co-pilot Bo, Pilot-in-training Dee",
        ),
        ("Release 26.3.0: pilot Bo, co-pilot Ann, QA Dee", "Pilot Bo, co-pilot Ann, QA Dee"),
        # An empty rotate role is an empty seat, as an empty co-pilot seat would be.
        (
            "Release 26.5.0: pilot Bo, co-pilot Cy, QA (empty)",
            "Pilot Bo, co-pilot Cy, QA (empty)",
        ),
    ]


def test_a_line_break_in_a_role_or_member_name_stays_inside_the_crew_line() -> None:
    from icalendar import Calendar

    names = {"ann": "Ann\r\nForged: x", "dee": "Dee\rX"}
    data = {
        **ROLES,
        "members": [{**m, "name": names.get(m["id"], m["name"])} for m in ROLES["members"]],
        "roles": [{**ROLES["roles"][0], "name": "Q\nA"}, ROLES["roles"][1]],
    }
    rotation = RotationFile.model_validate(data)
    text = render(Project(rotation).rows(2, 1), rotation, today=dt.date(2026, 1, 1))
    (event,) = Calendar.from_ical(text).walk("VEVENT")
    crew = "pilot Bo, co-pilot Ann Forged: x, Q A Dee X"
    assert str(event["summary"]) == f"Release 26.3.0: {crew}"
    assert str(event["description"]).split("\n")[0] == "P" + crew[1:]
