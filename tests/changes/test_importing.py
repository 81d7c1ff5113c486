"""`relrot.changes.importing` as values: the crews read become one `Append` of `releases:`
entries, and the choices made (a gap, an issue for a pinned release) are facts."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relrot.changes import Append, Imported, PinEntry, RemoveItems
from relrot.importing import Reading, read_inputs
from relrot.problems import RelrotError
from relrot.project import Project
from relrot.render.change import summary
from relrot.render.issue import for_release
from tests.test_importing import LONG_RUN, LONG_RUN_ISSUES, NAMED, named_roster

# The day relrot wrote the issues these tests read back: their wording depends on it, the
# crews they record do not.
WRITTEN = dt.date(2026, 10, 1)

TODAY = dt.date(2026, 8, 1)


def test_an_import_appends_the_crews_read_with_a_gap_as_empty_seats() -> None:
    project = Project.parse(LONG_RUN.encode())
    issues = [LONG_RUN_ISSUES[0], *LONG_RUN_ISSUES[2:]]  # no issue for 26.3.0
    reading = read_inputs([("issues.json", json.dumps(issues))])
    change = project.import_issues(reading, today=TODAY, allow_gaps=True)
    assert change.kind == "import"
    assert change.facts == Imported(gaps=("26.3.0",))
    (edit,) = change.edits
    assert isinstance(edit, Append)
    assert edit.key == "releases"
    assert [(e.version, e.pilot, e.co_pilot) for e in edit.entries if isinstance(e, PinEntry)] == [
        ("26.1.0", "abe", "xan"),
        ("26.3.0", None, None),
        ("26.5.0", "abe", "bea"),
        ("26.7.0", "abe", "bea"),
    ]
    assert summary(change)[-2:] == [
        "26.3.0: no issue; pinned with empty seats",
        "pinning 4 release(s): 26.1.0, 26.3.0, 26.5.0, 26.7.0",
    ]


def test_importing_what_is_pinned_already_is_an_empty_change_that_says_so() -> None:
    project = Project.parse(LONG_RUN.encode())
    reading = read_inputs([("issues.json", json.dumps(LONG_RUN_ISSUES))])
    pinned = project.import_issues(reading, today=TODAY).after
    again = pinned.import_issues(reading, today=TODAY)
    assert again.empty
    assert again.edits == ()
    assert [version for _, version in again.facts.kept] == [  # type: ignore[union-attr]
        "26.1.0",
        "26.3.0",
        "26.5.0",
        "26.7.0",
    ]
    assert summary(again)[-1] == "nothing to import: every release read is pinned in rotation.yaml"


# --- SPEC 3.6: an import meets the file's swaps ---------------------------------------------------

# A commented roster pinned through 26.11.0, with two swaps for 27.3.0: bob opted out, alice
# (his co-pilot) stepped up and carol took her co-pilot seat.
SWAPPED = """\
# Release crew of the widgets project.
schedule:
  first_release: 2025-09-08   # the second Monday, odd months
  rrule: "FREQ=MONTHLY;INTERVAL=2;BYDAY=+2MO"
members:
  # Core team, in the order they joined.
  - id: dan
    github: dan-d
  - id: carol
    github: carol-c
  - id: erin
    github: erin-e   # prefers Erin
  - id: frank
    github: frankly
  - id: alice
    github: alice-a
  - id: bob
    github: bobby
swaps:
  # bob opted out of 27.3.0; alice stepped up and carol took her co-pilot seat.
  - {release: 27.3.0, seat: pilot, out: bob, in: alice, reason: conference}
  - {release: 27.3.0, seat: co_pilot, out: alice, in: carol, reason: conference}
releases:
  - {version: 25.9.0, date: 2025-09-08, pilot: dan, co_pilot: carol}
  - {version: 25.11.0, date: 2025-11-10, pilot: carol, co_pilot: dan}
  - {version: 26.1.0, date: 2026-01-12, pilot: carol, co_pilot: erin}
  - {version: 26.3.0, date: 2026-03-09, pilot: erin, co_pilot: carol}
  - {version: 26.5.0, date: 2026-05-11, pilot: erin, co_pilot: frank}
  - {version: 26.7.0, date: 2026-07-13, pilot: frank, co_pilot: erin}
  - {version: 26.9.0, date: 2026-09-14, pilot: frank, co_pilot: alice}
  - {version: 26.11.0, date: 2026-11-09, pilot: alice, co_pilot: frank}
"""
AFTER_SWAPS = dt.date(2027, 4, 1)


def relrot_issues(project: Project, *versions: str) -> Reading:
    """The bodies `relrot issue` writes for `versions`, read back as Markdown files."""
    return read_inputs([(f"{v}.md", for_release(project, v, WRITTEN)) for v in versions])


def seat_table(project: Project, first: int = 9, count: int = 16) -> list[tuple[str | None, ...]]:
    return [(r.version, r.pilot, r.co_pilot) for r in project.rows(first, count)]


def test_importing_relrot_issues_keeps_the_swaps_and_equals_pinning() -> None:
    project = Project.parse(SWAPPED.encode())
    reading = relrot_issues(project, "27.1.0", "27.3.0")
    pinned = project.pin("27.3.0", today=AFTER_SWAPS).after

    change = project.import_issues(reading, today=AFTER_SWAPS)

    # Before SPEC 3.6 the seats served were pinned under the swaps: both went stale and
    # 16 seats moved through 29.3.0.
    assert change.after.file.raw == pinned.file.raw
    assert change.moves == []
    rules = {p.rule for p in change.after.check(AFTER_SWAPS).problems}
    assert "stale-swap" not in rules
    assert seat_table(change.after) == seat_table(project)
    again = change.after.import_issues(reading, today=AFTER_SWAPS)
    assert again.empty


def test_an_issue_naming_another_crew_pins_it_and_removes_that_releases_swaps() -> None:
    project = Project.parse(SWAPPED.encode())
    body = for_release(project, "27.3.0", WRITTEN).replace(
        "alice (@alice-a) | carol", "erin (@erin-e) | carol"
    )
    reading = read_inputs(
        [("27.1.0.md", for_release(project, "27.1.0", WRITTEN)), ("27.3.0.md", body)]
    )

    change = project.import_issues(reading, today=AFTER_SWAPS)

    assert change.facts.served == (("27.3.0", 2, "27.3.0.md"),)  # type: ignore[union-attr]
    assert [e for e in change.edits if isinstance(e, RemoveItems)] == [
        RemoveItems("swaps", (0, 1), "remove the swaps")
    ]
    assert change.after.model.swaps == ()
    assert change.after.model.releases[-1].pilot == "erin"
    assert "27.3.0: pinned as 27.3.0.md names its crew, not as planned; its 2 swaps removed" in (
        summary(change)
    )
    assert "-  # bob opted out of 27.3.0; alice stepped up and carol took her co-pilot seat.\n" in (
        change.diff()
    )
    assert "+swaps: []\n" in change.diff()


def test_as_swaps_pins_the_planned_seats_and_records_the_issue_as_a_swap() -> None:
    project = Project.parse(SWAPPED.encode())
    body = for_release(project, "27.1.0", WRITTEN).replace("bob (@bobby)", "dan (@dan-d)")
    issue = {"number": 88, "title": "Release 27.1.x", "body": body, "url": "u/88"}
    reading = read_inputs([("issues.json", json.dumps([issue]))])

    change = project.import_issues(reading, today=AFTER_SWAPS, as_swaps=True)

    assert change.after.model.releases[-1].co_pilot == "bob"  # the planned seat
    swap = change.after.model.swaps[-1]
    assert (swap.release, swap.seat, swap.out, swap.in_, swap.reason) == (
        "27.1.0", "co_pilot", "bob", "dan", "from issue #88"
    )  # fmt: skip
    assert change.after.rows(9, 1)[0].co_pilot == "dan"
    # A stand-in recorded as a swap inherits nothing: every later seat stays as planned.
    assert seat_table(change.after, 10) == seat_table(project, 10)
    assert "27.1.0 co-pilot: recorded as a swap, bob -> dan" in summary(change)


def test_a_placeholder_cell_is_pinned_with_the_planned_holder_and_said() -> None:
    project = Project.parse(SWAPPED.encode())
    body = for_release(project, "27.3.0", WRITTEN).replace("carol (@carol-c)", "???")
    reading = read_inputs(
        [("27.1.0.md", for_release(project, "27.1.0", WRITTEN)), ("27.3.0.md", body)]
    )

    change = project.import_issues(reading, today=AFTER_SWAPS)

    assert change.after.file.raw == project.pin("27.3.0", today=AFTER_SWAPS).after.file.raw
    assert "27.3.0 co-pilot: carol, from the plan, not a record" in summary(change)


# --- SPEC 5.5: readable refusals -----------------------------------------------------------------

# conda-pypi's numbering against a conda calendar: none of these is a release of it.
ZERO_X = [
    {"number": n, "title": f"Release 0.{n}.0", "body": "| Pilot | @dan-d |\n|-|-|\n"}
    for n in range(1, 40)
]


def test_versions_of_another_numbering_are_one_short_error() -> None:
    project = Project.parse(SWAPPED.encode())
    reading = read_inputs([("pypi.json", json.dumps(ZERO_X))])

    with pytest.raises(RelrotError) as caught:
        project.import_issues(reading, today=AFTER_SWAPS)

    _, problem = caught.value.problems
    assert problem.message.startswith(
        '39 issue(s) name versions that do not follow `schedule.version` ("{yy}.{m}.0"): '
        "0.1.0 (#1), 0.2.0 (#2), 0.3.0 (#3), 0.4.0 (#4), 0.5.0 (#5), 0.6.0 (#6), 0.7.0 (#7), "
        "0.8.0 (#8), 0.9.0 (#9), 0.10.0 (#10) and 29 more. Leave them out of the input; "
    )
    assert problem.message.endswith("is an on-demand project (SPEC 6), not this calendar")


def test_a_gap_names_ten_releases_and_how_many_more() -> None:
    project = Project.parse(LONG_RUN.encode())
    late = {"number": 9, "title": "Release 29.1.x", "body": "| Pilot | @abe |\n|-|-|\n"}
    reading = read_inputs([("issues.json", json.dumps([late]))])

    with pytest.raises(RelrotError) as caught:
        project.import_issues(reading, today=TODAY)

    assert caught.value.problems[0].message.startswith(
        "refused: no issue was read for 26.1.0, 26.3.0, 26.5.0, 26.7.0, 26.9.0, 26.11.0, "
        "27.1.0, 27.3.0, 27.5.0, 27.7.0 and 8 more, so the pinned run would have a gap"
    )


def test_input_with_no_release_is_refused_with_the_reason_per_file() -> None:
    project = Project.parse(LONG_RUN.encode())
    reading = read_inputs([("notes.md", "Nothing to see.\n"), ("crew.md", "# Release 26.1.x\n")])

    with pytest.raises(RelrotError) as caught:
        project.import_issues(reading, today=TODAY)

    assert [(p.file, p.message) for p in caught.value.problems] == [
        ("rotation.yaml", "refused: no release read: no issue names a release of this calendar; "
         "rotation.yaml is unchanged"),
        ("notes.md", "no version in its `title:` line, its headings, its text or its name; add a "
         "heading such as `# Release 26.3.x`"),
        ("crew.md", "no crew table in the body"),
    ]  # fmt: skip


# --- SPEC 3.5: experience from before first_release ----------------------------------------------


def test_an_issue_older_than_the_calendar_marks_its_pilot_and_co_pilot_experienced() -> None:
    project = Project.parse(SWAPPED.encode())
    older = [
        # July 2025, before first_release; the jump seat and a stranger count for nothing.
        {"number": 3, "title": "Release 25.7.x", "body": "| Pilot | Co-pilot | Jump seat |\n"
         "|-|-|-|\n| @bobby | @someone-else | @erin-e |\n"},
        {"number": 2, "title": "Release 25.5.1", "body": "| Pilot | @alice-a |\n|-|-|\n"},
    ]  # fmt: skip
    reading = read_inputs([("old.json", json.dumps(older))])

    change = project.import_issues(reading, today=AFTER_SWAPS)

    assert [m.id for m in change.after.model.members if m.experienced] == ["alice", "bob"]
    assert "+    experienced: true\n" in change.diff()
    added = [line for line in change.diff().splitlines() if line.startswith("+")]
    assert added == ["+++ b/rotation.yaml", "+    experienced: true", "+    experienced: true"]
    assert summary(change) == [
        "alice: marked experienced: #2 names them before `first_release`",
        "bob: marked experienced: #3 names them before `first_release`",
    ]
    assert change.after.import_issues(reading, today=AFTER_SWAPS).empty


# --- the done-when, over many rosters -----------------------------


@settings(max_examples=60, deadline=None)
@given(
    size=st.integers(3, 7),
    away=st.lists(st.tuples(st.integers(0, 6), st.integers(1, 10)), max_size=2),
    opt_outs=st.lists(st.tuples(st.integers(1, 10), st.integers(0, 6)), max_size=3),
    through=st.integers(1, 10),
)
def test_importing_relrot_issues_always_equals_pinning(
    size: int,
    away: list[tuple[int, int]],
    opt_outs: list[tuple[int, int]],
    through: int,
) -> None:
    """Whatever the roster, its away ranges and its swaps, importing the issues relrot wrote
    for releases 1..through writes what `pin --through` writes, and a second import nothing."""
    lines = ["schedule:", "  first_release: 2026-01-13", "members:"]
    for index in range(size):
        lines.append(f"  - id: m{index}")
        lines.append(f"    github: gh-m{index}")
        ranges = [
            f"{{from: {dt.date(2026, 1, 1) + dt.timedelta(days=61 * r)}, "
            f"to: {dt.date(2026, 1, 1) + dt.timedelta(days=61 * r + 30)}}}"
            for who, r in away
            if who == index
        ]
        if ranges:
            lines.append(f"    away: [{', '.join(ranges)}]")
    project = Project.parse(("\n".join(lines) + "\n").encode())
    for release, who in opt_outs:
        try:
            project = project.swap(str(release), f"m{who}", today=dt.date(2026, 1, 1)).after
        except RelrotError:
            continue  # not seated there, or nobody to stand in: no swap
    today = project.rows(through, 1)[0].date + dt.timedelta(days=1)
    numbers = [str(n) for n in range(1, through + 1)]
    reading = read_inputs([(f"{n}.md", for_release(project, n, WRITTEN)) for n in numbers])

    imported = project.import_issues(reading, today=today).after

    assert imported.file.raw == project.pin(str(through), today=today).after.file.raw
    assert imported.import_issues(reading, today=today).empty


# --- relrot's marker and members named without a handle (SPEC 5.4) ------------------------------

# The plan of NAMED: 26.1.0 ana and ben, 26.3.0 ben and ana, 26.5.0 ben and cat, 26.7.0 cat
# and ben. cat and dee share the display name "Sam Reyes"; only dee has a handle.
NAMED_TODAY = dt.date(2026, 8, 1)


def named_issues(*issues: tuple[int, str, str]) -> Reading:
    records = [{"number": n, "title": title, "body": body} for n, title, body in issues]
    return read_inputs([("issues.json", json.dumps(records))], named_roster())


def pins(project: Project) -> list[tuple[str, str | None, str | None]]:
    return [(e.version, e.pilot, e.co_pilot) for e in project.model.releases]


def test_a_misleading_title_gives_way_to_the_marker_and_names_pin_their_members() -> None:
    project = Project.parse(NAMED.encode())
    reading = named_issues(
        (1, "Release 26.1.x", "| Pilot | Co-pilot |\n|---|---|\n| ANA | Ben Brown |\n"),
        # Opened by copying #1: the title was never changed, the marker names 26.3.0.
        (
            2,
            "Release 26.1.x",
            "<!-- relrot: gadgets 26.3.0 date=2026-03-12 pilot=ben co_pilot=ana -->\n"
            "| Pilot | Co-pilot |\n|---|---|\n| ben | ana alves |\n",
        ),
    )

    change = project.import_issues(reading, today=NAMED_TODAY, allow_gaps=True)

    assert pins(change.after) == [("26.1.0", "ana", "ben"), ("26.3.0", "ben", "ana")]
    assert change.facts == Imported()


def test_a_name_two_members_share_is_refused_naming_both() -> None:
    project = Project.parse(NAMED.encode())
    reading = named_issues(
        (1, "Release 26.1.x", "| Pilot | Co-pilot |\n|---|---|\n| @ana-alves | Sam Reyes |\n")
    )

    with pytest.raises(RelrotError) as caught:
        project.import_issues(reading, today=NAMED_TODAY)

    assert [p.message for p in caught.value.problems] == [
        "refused: nothing imported; rotation.yaml is unchanged",
        "#1 (Release 26.1.x): the co-pilot cell 'Sam Reyes' names 2 members, `cat` and `dee`; "
        "write the @handle or id of the one who served",
    ]


def test_the_marker_settles_a_shared_name_for_the_seat_it_recorded() -> None:
    project = Project.parse(NAMED.encode())
    marker = "<!-- relrot: gadgets 26.5.0 date=2026-05-13 pilot=ben co_pilot=cat -->\n"
    table = "| Pilot | Co-pilot |\n|---|---|\n| Ben Brown | Sam Reyes |\n"
    reading = named_issues((5, "Release 26.5.x", marker + table))

    change = project.import_issues(reading, today=NAMED_TODAY, allow_gaps=True)

    assert pins(change.after)[-1] == ("26.5.0", "ben", "cat")
    # The marker records cat as pilot of 26.7.0, not as the co-pilot this cell names.
    other = marker.replace("pilot=ben co_pilot=cat", "pilot=cat co_pilot=ben")
    with pytest.raises(RelrotError):
        project.import_issues(named_issues((5, "x", other + table)), today=NAMED_TODAY)


def test_a_placeholder_is_the_plan_s_holder_whoever_the_marker_recorded() -> None:
    project = Project.parse(NAMED.encode())
    # The marker still has dee, written before a roster change; the cell records nobody.
    marker = "<!-- relrot: gadgets 26.1.0 date=2026-01-13 pilot=ana co_pilot=dee -->\n"
    table = "| Pilot | Co-pilot |\n|---|---|\n| @ana-alves | ??? |\n"

    change = project.import_issues(
        named_issues((1, "Release 26.1.x", marker + table)), today=NAMED_TODAY
    )

    assert pins(change.after) == [("26.1.0", "ana", "ben")]
    assert change.facts == Imported(from_plan=(("26.1.0", "co_pilot", "ben"),))


def test_an_issue_whose_marker_names_another_project_is_refused() -> None:
    project = Project.parse(NAMED.encode())
    mine = "<!-- relrot: Gadgets 26.1.0 -->\n| Pilot | @ana-alves |\n|-|-|\n"
    theirs = "<!-- relrot: gizmo%2Ebox 26.3.0 -->\n| Pilot | @ana-alves |\n|-|-|\n"
    reading = named_issues((1, "Release 26.1.x", mine), (8, "Release 26.3.x", theirs))

    with pytest.raises(RelrotError) as caught:
        project.import_issues(reading, today=NAMED_TODAY)

    assert [p.message for p in caught.value.problems] == [
        "refused: nothing imported; rotation.yaml is unchanged",
        "relrot's marker names another project than gadgets in 1 issue(s): #8 (gizmo.box). "
        "Leave them out of the input: a file imports its own project's issues (if the project "
        "was renamed, put the old name back in `project.name` for the import)",
    ]
    # A file that names no project, or a marker that names none, claims nothing.
    unnamed = Project.parse(NAMED.replace("project: {name: gadgets}\n", "").encode())
    assert not unnamed.import_issues(reading, today=NAMED_TODAY, allow_gaps=True).empty


def test_relrot_issues_naming_members_without_handles_import_as_pin_writes() -> None:
    project = Project.parse(NAMED.encode())
    versions = ("26.1.0", "26.3.0", "26.5.0", "26.7.0")
    bodies = {v: for_release(project, v, NAMED_TODAY) for v in versions}
    assert "| Ben Brown | Sam Reyes |" in bodies["26.5.0"]  # cat, by a name dee shares
    reading = read_inputs([(f"{v}.md", body) for v, body in bodies.items()], named_roster())

    change = project.import_issues(reading, today=NAMED_TODAY)

    assert change.after.file.raw == project.pin("26.7.0", today=NAMED_TODAY).after.file.raw
    assert change.moves == []
