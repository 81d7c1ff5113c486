"""Editing an open tracking issue in place (SPEC 5.6): only the cells, rows, dates and
marker sync may touch change, byte for byte; a crew typed into the issue is a mismatch."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from relrot.issue_body import CellChange, CellWriter, Mismatch, Updated, lines_of, update
from relrot.issue_marker import Marker, read, write
from relrot.project import Project
from relrot.render.issue import marker

# Plan: 26.1.0 (Tue 01-13) bob/jane, QA kai; 26.3.0 (Thu 03-12) jane/bob, QA elvis.
ROSTER = """\
project:
  name: widgets
schedule:
  first_release: 2026-01-13
  milestones:
    - {name: release-branch, days: -7, note: cut the branch}
    - {name: all-clear, days: 7}
members:
  - {id: bob, name: Bob Ross, github: bobross}
  - {id: jane, name: Jane Doe, github: janedoe}
  - {id: tobby, github: tobby}
  - {id: elvis}
  - {id: kai, github: kai-qa}
roles:
  - {id: qa, name: QA, pool: [kai, elvis, tobby]}
"""
SWAPPED = ROSTER + "swaps:\n  - {release: 26.3.0, seat: pilot, out: jane, in: tobby}\n"

# A team's own shape: a vertical table with a placeholder, checked boxes and notes, CRLF.
CONDA_LIKE = (
    "<!-- relrot: widgets 26.3.0 date=2026-03-12 pilot=jane co_pilot=- jump_seat=- -->\r\n"
    "### Summary\r\n"
    "\r\n"
    "Placeholder for `widgets 26.3.0`, shipping Thursday 2026-03-12.\r\n"
    "\r\n"
    "| Role | Who |\r\n"
    "| --- | --- |\r\n"
    "| Pilot | @janedoe |\r\n"
    "| Co-pilot | <copilot> |\r\n"
    "\r\n"
    "- [x] Thu 2026-03-05: cut `26.3.x`\r\n"
    "- [ ] Thu 2026-03-12: release\r\n"
    "Notes: @janedoe is out on 2026-03-20; keep the | pipes | here.\r\n"
)


def release_of(text: str, version: str = "26.3.0") -> tuple[Project, object]:
    project = Project.parse(text.encode())
    found = next(r for r in project.rows(1, 3) if r.version == version)
    return project, found


def run(body: str, text: str = ROSTER, *, templated: bool = True) -> Updated:
    project, release = release_of(text)
    rotation = project.model
    wanted = marker(release, rotation)  # type: ignore[arg-type]
    return update(body, release, rotation, wanted, CellWriter(rotation, templated=templated))  # type: ignore[arg-type]


def test_a_placeholder_and_the_missing_role_row_are_filled_and_nothing_else_moves() -> None:
    done = run(CONDA_LIKE)
    assert done.mismatches == ()
    assert done.cells == (CellChange("co_pilot", None, "bob"),)
    assert done.added == ("qa",)
    assert done.body == (
        "<!-- relrot: widgets 26.3.0 date=2026-03-12 pilot=jane co_pilot=bob jump_seat=- "
        "qa=elvis -->\r\n"
        "### Summary\r\n"
        "\r\n"
        "Placeholder for `widgets 26.3.0`, shipping Thursday 2026-03-12.\r\n"
        "\r\n"
        "| Role | Who |\r\n"
        "| --- | --- |\r\n"
        "| Pilot | @janedoe |\r\n"
        "| Co-pilot | @bobross |\r\n"
        "| QA | elvis |\r\n"
        "\r\n"
        "- [x] Thu 2026-03-05: cut `26.3.x`\r\n"
        "- [ ] Thu 2026-03-12: release\r\n"
        "Notes: @janedoe is out on 2026-03-20; keep the | pipes | here.\r\n"
    )
    # In step now: a second pass changes nothing.
    assert run(done.body).body == done.body


def test_a_swap_replaces_the_cell_the_marker_recorded() -> None:
    first = run(CONDA_LIKE).body
    done = run(first, SWAPPED)
    assert done.cells == (CellChange("pilot", "jane", "tobby"),)
    assert done.body == first.replace("| Pilot | @janedoe |", "| Pilot | @tobby |").replace(
        "pilot=jane", "pilot=tobby"
    )


def test_a_crew_typed_into_the_issue_is_a_mismatch_and_nothing_is_edited() -> None:
    typed = CONDA_LIKE.replace("| Pilot | @janedoe |", "| Pilot | @kai-qa |")
    done = run(typed, SWAPPED)
    assert done.body == typed
    assert done.mismatches == (Mismatch("typed", "pilot", "kai", "tobby", "jane"),)


def test_a_cell_naming_nobody_on_the_roster_is_unreadable() -> None:
    typed = CONDA_LIKE.replace("<copilot>", "@someone-else")
    assert run(typed).mismatches == (
        Mismatch("unreadable", "co_pilot", "@someone-else", "bob", None),
    )


def test_a_name_without_a_handle_reads_as_that_member() -> None:
    named = CONDA_LIKE.replace("@janedoe |", "Jane Doe |").replace("<copilot>", "bob")
    done = run(named)
    assert done.cells == ()
    assert "| Pilot | Jane Doe |\r\n| Co-pilot | bob |\r\n| QA | elvis |\r\n" in done.body


def test_a_name_members_share_reads_as_the_marker_s_member_else_the_plan_s() -> None:
    # tobby is "Jane Doe" too; the marker recorded jane as pilot, the swap gives tobby.
    shared = SWAPPED.replace("{id: tobby, github: tobby}", "{id: tobby, name: Jane Doe}")
    named = CONDA_LIKE.replace("@janedoe |", "Jane Doe |")
    assert run(named, shared).cells == (
        CellChange("pilot", "jane", "tobby"),
        CellChange("co_pilot", None, "bob"),
    )
    unmarked = named.split("\r\n", 1)[1]
    assert run(unmarked, shared).cells == (CellChange("co_pilot", None, "bob"),)
    # Without the marker or the plan to settle it, the cell cannot be read.
    assert run(
        unmarked.replace("Jane Doe |", "jane doe |", 1),
        shared.replace("out: jane, in: tobby", "out: jane, in: kai"),
    ).mismatches == (Mismatch("unreadable", "pilot", "jane doe", "kai", None),)


def test_no_table_and_no_marker_is_a_mismatch() -> None:
    text = "### Summary\n\nRelease 26.3.0 soon, ask @janedoe.\n"
    assert run(text).mismatches == (Mismatch("no-table"),)
    # With relrot's marker, the marker is the crew record: only the marker is brought up.
    marked = write(Marker("widgets", "26.3.0", dt.date(2026, 3, 12), {"pilot": "jane"})) + "\n"
    done = run(marked + text)
    assert done.mismatches == ()
    assert done.body.endswith("\n" + text)


def test_dates_follow_release_day_with_their_weekdays() -> None:
    # Written when release day was Tue 2026-03-10: the branch cut was Tue 2026-03-03. Only
    # the lines relrot's layout writes move; the team's notes quoting a date stay.
    old = (
        "<!-- relrot: widgets 26.3.0 date=2026-03-10 pilot=jane co_pilot=bob jump_seat=- "
        "qa=elvis -->\n"
        "Release 26.3.0 is planned for Tuesday 2026-03-10.\n"
        "\n"
        "| Pilot | Co-pilot | Jump seat | QA |\n"
        "|---|---|---|---|\n"
        "| Jane Doe (@janedoe) | Bob Ross (@bobross) | - | elvis |\n"
        "\n"
        "- Tue 2026-03-03: release-branch (this issue opens)\n"
        "- [x] Tue 2026-03-10: **release 26.3.0**\n"
        "- [ ] Tue 2026-03-17: all-clear; 2026-03-11 is not ours\n"
        "- [X] Tue 2026-03-17: all-clear\n"
        "> Release 26.3.0 is planned for Tuesday 2026-03-10, said the first post.\n"
        "- [x] Tue 2026-03-03 branch cut early, see #12\n"
    )
    done = run(old, templated=False)
    assert done.moved == (dt.date(2026, 3, 10), dt.date(2026, 3, 12))
    assert done.milestones == (
        ("release-branch", dt.date(2026, 3, 3), dt.date(2026, 3, 5)),
        ("all-clear", dt.date(2026, 3, 17), dt.date(2026, 3, 19)),
    )
    assert done.cells == ()
    assert done.body == (
        "<!-- relrot: widgets 26.3.0 date=2026-03-12 pilot=jane co_pilot=bob jump_seat=- "
        "qa=elvis -->\n"
        "Release 26.3.0 is planned for Thursday 2026-03-12.\n"
        "\n"
        "| Pilot | Co-pilot | Jump seat | QA |\n"
        "|---|---|---|---|\n"
        "| Jane Doe (@janedoe) | Bob Ross (@bobross) | - | elvis |\n"
        "\n"
        "- Thu 2026-03-05: release-branch (this issue opens)\n"
        "- [x] Thu 2026-03-12: **release 26.3.0**\n"
        "- [ ] Tue 2026-03-17: all-clear; 2026-03-11 is not ours\n"
        "- [X] Thu 2026-03-19: all-clear\n"
        "> Release 26.3.0 is planned for Tuesday 2026-03-10, said the first post.\n"
        "- [x] Tue 2026-03-03 branch cut early, see #12\n"
    )
    assert run(done.body, templated=False).body == done.body


# relrot's own layout of 26.3.0, CRLF, with a note of the team's quoting the branch day.
LAYOUT = (
    "<!-- relrot: widgets 26.3.0 date=2026-03-12 pilot=jane co_pilot=bob jump_seat=- "
    "qa=elvis -->\r\n"
    "Release 26.3.0 is planned for Thursday 2026-03-12.\r\n"
    "\r\n"
    "| Pilot | Co-pilot | Jump seat | QA |\r\n"
    "|---|---|---|---|\r\n"
    "| Jane Doe (@janedoe) | Bob Ross (@bobross) | - | elvis |\r\n"
    "\r\n"
    "## Timeline\r\n"
    "\r\n"
    "- Thu 2026-03-05: release-branch (this issue opens)\r\n"
    "- [x] Thu 2026-03-05: release-branch: cut the branch\r\n"
    "- [ ] Thu 2026-03-12: **release 26.3.0**\r\n"
    "- [ ] Thu 2026-03-19: all-clear\r\n"
    "\r\n"
    "Note: the branch is cut on Thu 2026-03-05, as planned.\r\n"
    "```\r\n"
    "- Thu 2026-03-05: release-branch (this issue opens)\r\n"
    "```\r\n"
)


def test_a_moved_milestone_edits_only_its_own_lines() -> None:
    # The branch is now cut eight days before release day: Wed 2026-03-04. Release day
    # has not moved, so the marker is as it was; the note and the fenced copy stay.
    moved = ROSTER.replace("days: -7", "days: -8")
    done = run(LAYOUT, moved, templated=False)
    assert done.moved is None
    assert done.milestones == (("release-branch", dt.date(2026, 3, 5), dt.date(2026, 3, 4)),)
    assert done.body == LAYOUT.replace(
        "- Thu 2026-03-05: release-branch (this", "- Wed 2026-03-04: release-branch (this", 1
    ).replace("- [x] Thu 2026-03-05: release-branch:", "- [x] Wed 2026-03-04: release-branch:")
    assert run(done.body, moved, templated=False).body == done.body
    # In step with the plan, the body is left exactly as it is.
    assert run(LAYOUT, templated=False).body == LAYOUT


def test_a_templates_dates_move_only_in_its_own_lines() -> None:
    template = (
        "Branch cut {{ milestone.release-branch }}, release on {{weekday}} {{date}}.\n"
        "{{status}}\n"
        "| Role | Who |\n| --- | --- |\n| Pilot | {{pilot}} |\n"
    )
    body = (
        "<!-- relrot: widgets 26.3.0 date=2026-03-10 pilot=jane co_pilot=- jump_seat=- -->\n"
        "Branch cut 2026-03-03, release on Tuesday 2026-03-10.\n"
        "Release 26.3.0 is planned for Tuesday 2026-03-10.\n"
        "| Role | Who |\n| --- | --- |\n| Pilot | @janedoe |\n"
        "We said 2026-03-03 in the call; release on Tuesday 2026-03-10 still?\n"
    )
    project, release = release_of(ROSTER)
    rotation = project.model
    wanted = marker(release, rotation)  # type: ignore[arg-type]
    writer = CellWriter(rotation, templated=True)
    done = update(body, release, rotation, wanted, writer, template)  # type: ignore[arg-type]
    assert done.body == (
        "<!-- relrot: widgets 26.3.0 date=2026-03-12 pilot=jane co_pilot=bob jump_seat=- "
        "qa=elvis -->\n"
        "Branch cut 2026-03-05, release on Thursday 2026-03-12.\n"
        "Release 26.3.0 is planned for Thursday 2026-03-12.\n"
        "| Role | Who |\n| --- | --- |\n| Pilot | @janedoe |\n| QA | elvis |\n"
        "We said 2026-03-03 in the call; release on Tuesday 2026-03-10 still?\n"
    )


def test_a_missing_role_becomes_a_column_of_a_horizontal_table() -> None:
    old = (
        "<!-- relrot: widgets 26.3.0 date=2026-03-12 pilot=jane co_pilot=bob jump_seat=- -->\n"
        "| Pilot | Co-pilot | Jump seat |\n"
        "|---|---|---|\n"
        "| Jane Doe (@janedoe) | Bob Ross (@bobross) | - |\n"
        "\n"
        "- [ ] notes\n"
    )
    done = run(old, templated=False)
    assert done.added == ("qa",)
    assert done.body == (
        "<!-- relrot: widgets 26.3.0 date=2026-03-12 pilot=jane co_pilot=bob jump_seat=- "
        "qa=elvis -->\n"
        "| Pilot | Co-pilot | Jump seat | QA |\n"
        "|---|---|---|---|\n"
        "| Jane Doe (@janedoe) | Bob Ross (@bobross) | - | elvis |\n"
        "\n"
        "- [ ] notes\n"
    )


def test_two_placeholders_in_one_horizontal_row_are_both_filled() -> None:
    old = "| Pilot | Co-pilot | QA |\n|---|---|---|\n| <pilot> | <copilot> | TBD |\n"
    done = run(old)
    assert done.body.endswith(
        "| Pilot | Co-pilot | QA |\n|---|---|---|\n| @janedoe | @bobross | elvis |\n"
    )


def test_an_issue_without_a_marker_gets_one_and_a_table_at_the_end_of_the_body() -> None:
    old = "| Pilot | Co-pilot |\n|---|---|\n| @janedoe | ??? |"
    done = run(old)
    assert done.marker_changed
    assert done.body == (
        "<!-- relrot: widgets 26.3.0 date=2026-03-12 pilot=jane co_pilot=bob jump_seat=- "
        "qa=elvis -->\n"
        "| Pilot | Co-pilot | QA |\n|---|---|---|\n| @janedoe | @bobross | elvis |"
    )


def test_a_table_in_fenced_code_is_not_the_crew() -> None:
    old = "```\n| Pilot | @bobross |\n```\n| Pilot | @janedoe |\n| Co-pilot | @bobross |\n"
    done = run(old)
    assert done.mismatches == ()
    assert done.body.endswith(
        "```\n| Pilot | @bobross |\n```\n| Pilot | @janedoe |\n| Co-pilot | @bobross |\n"
        "| QA | elvis |\n"
    )


def test_lines_keep_their_endings() -> None:
    assert lines_of("a\r\nb\rc\n\nd") == [
        ("a", "\r\n"),
        ("b", "\r"),
        ("c", "\n"),
        ("", "\n"),
        ("d", ""),
    ]
    assert lines_of("") == []


def test_the_marker_reads_back_what_it_wrote() -> None:
    written = Marker("my tool -->", "1.0 x", dt.date(2026, 3, 12), {"pilot": "a.b", "qa": None})
    line = write(written)
    assert line.startswith("<!-- relrot: my%20tool%20--%3E 1.0%20x date=2026-03-12 ")
    assert line.count("-->") == 1
    assert read(line + "\nrest") == (written, len(line))
    assert read("text\n" + line) is None


# --- properties --------------------------------------------------------------------------------

LABELS = ("Pilot", "Co-pilot", "Copilot", "Jump seat", "QA", "Notes")
CELLS = ("@janedoe", "@bobross", "<pilot>", "TBD", "???", "", "Jane Doe", "elvis", "bob")
ENDINGS = ("\n", "\r\n")
TEXT = ("### Summary", "- [x] Thu 2026-03-05: cut", "- [ ] Thu 2026-03-12: ship", "notes | here")


@st.composite
def bodies(draw: st.DrawFn) -> str:
    """A body as teams write them: text, then a vertical or horizontal crew table."""
    end = draw(st.sampled_from(ENDINGS))
    labels = draw(st.lists(st.sampled_from(LABELS), min_size=1, max_size=4, unique=True))
    cells = [draw(st.sampled_from(CELLS)) for _ in labels]
    if draw(st.booleans()):
        rows = [
            "| Role | Who |",
            "| --- | --- |",
            *(f"| {a} | {b} |" for a, b in zip(labels, cells, strict=True)),
        ]
    else:
        rows = [
            "| " + " | ".join(labels) + " |",
            "|" + "---|" * len(labels),
            "| " + " | ".join(cells) + " |",
        ]
    before = draw(st.lists(st.sampled_from(TEXT), max_size=2))
    after = draw(st.lists(st.sampled_from(TEXT), max_size=2))
    return end.join([*before, *rows, *after]) + draw(st.sampled_from(("", end)))


@settings(max_examples=150, deadline=None)
@given(body=bodies(), swapped=st.booleans())
def test_an_edited_body_is_in_step_and_keeps_every_line_it_does_not_own(
    body: str, swapped: bool
) -> None:
    text = SWAPPED if swapped else ROSTER
    done = run(body, text)
    if done.mismatches:
        assert done.body == body
        return
    again = run(done.body, text)
    assert again.body == done.body
    assert (again.cells, again.added, again.mismatches) == ((), (), ())
    # Lines outside the crew table are the body's own, endings included.
    kept = [line for line in lines_of(body) if not line[0].startswith("|")]
    new = [line for line in lines_of(done.body)[1:] if not line[0].startswith("|")]
    assert [t for t, _ in new] == [t for t, _ in kept]
    assert {e for _, e in new} - {""} <= {e for _, e in kept} | {e for _, e in lines_of(body)}


# Notes a team writes, quoting the days relrot's lines hold (the branch cut, release day).
NOTES = (
    "> Release 26.3.0 is planned for Thursday 2026-03-12, said the kickoff.",
    "- [x] Thu 2026-03-05 branch cut early",
    "- [ ] Thu 2026-03-05: release-branch, again",
    "Release 26.3.0 is planned for Tuesday 2026-03-12.",
    "Thu 2026-03-05",
    "- Thu 2026-03-12: **release 26.3.0** (moved?)",
)


@settings(max_examples=60, deadline=None)
@given(
    notes=st.lists(st.sampled_from(NOTES), min_size=1, max_size=4),
    days=st.sampled_from((-9, -8, -6)),
    release_day=st.sampled_from(("2026-01-13", "2026-01-15")),
)
def test_a_note_quoting_a_date_stays_whatever_moves(
    notes: list[str], days: int, release_day: str
) -> None:
    moved = ROSTER.replace("days: -7", f"days: {days}").replace("2026-01-13", release_day)
    body = LAYOUT + "\r\n".join(notes) + "\r\n"
    done = run(body, moved, templated=False)
    assert done.body.endswith("\r\n".join(notes) + "\r\n")
    assert done.body != body
    assert run(done.body, moved, templated=False).body == done.body


def test_a_step_whose_note_and_days_changed_moves_by_its_name() -> None:
    # The branch is now cut eight days before release day and its note reads otherwise:
    # the step relrot wrote with the old note still names the milestone, so its date moves
    # (its text stays). A step of the team's naming it in other words keeps its date.
    changed = ROSTER.replace("days: -7, note: cut the branch", "days: -8, note: branch off")
    user = "- [ ] Thu 2026-03-05: release-branch was early last time\r\n"
    body = LAYOUT.replace("\r\n\r\nNote:", "\r\n" + user + "\r\nNote:")
    done = run(body, changed, templated=False)
    assert done.moved is None
    assert done.milestones == (("release-branch", dt.date(2026, 3, 5), dt.date(2026, 3, 4)),)
    assert done.body == body.replace(
        "- Thu 2026-03-05: release-branch (this", "- Wed 2026-03-04: release-branch (this", 1
    ).replace("- [x] Thu 2026-03-05: release-branch:", "- [x] Wed 2026-03-04: release-branch:")
    assert user in done.body
    assert run(done.body, changed, templated=False).body == done.body


def test_a_renamed_milestones_step_moves_when_it_is_the_only_one_left() -> None:
    # `all-clear` is now `all clear`, nine days after release day (Sat 2026-03-21): the one
    # step naming no milestone is its step. A note quoting the old day stays.
    renamed = ROSTER.replace("{name: all-clear, days: 7}", "{name: all clear, days: 9}")
    body = LAYOUT.replace("Note: the", "Note: all-clear was Thu 2026-03-19; the")
    done = run(body, renamed, templated=False)
    assert done.milestones == (("all clear", dt.date(2026, 3, 19), dt.date(2026, 3, 21)),)
    assert done.body == body.replace(
        "- [ ] Thu 2026-03-19: all-clear\r\n", "- [ ] Sat 2026-03-21: all-clear\r\n"
    )
    assert "Note: all-clear was Thu 2026-03-19; the" in done.body
    assert run(done.body, renamed, templated=False).body == done.body
    # With a second step naming no milestone, neither can be told to be the renamed one.
    extra = body.replace("\r\n\r\nNote:", "\r\n- [ ] Thu 2026-03-19: tell the list\r\n\r\nNote:")
    kept = run(extra, renamed, templated=False)
    assert (kept.body, kept.milestones) == (extra, ())
