"""Reading crews back from release issues: every table shape, spelling and title teams use.

The issue bodies here are made up for these tests; they imitate the shapes, not any text.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from itertools import accumulate
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relrot.importing import (
    MAX_EXTRAS,
    MAX_INPUT_BYTES,
    MAX_JSON_DEPTH,
    MAX_JSON_NUMBER,
    Extra,
    FoundCrew,
    Issue,
    Name,
    Reading,
    Roster,
    _shallow,
    issues_from_text,
    read_inputs,
    read_issues,
    title_versions,
    version_month,
)
from relrot.problems import RelrotError, UsageError
from relrot.project import Project
from relrot.render.issue import fill_template, render


def read_one(body: str, title: str = "Release 26.3.x") -> FoundCrew:
    reading = read_issues([Issue("#7", title, body, 7, "https://example.org/7")])
    assert not reading.skipped, reading.skipped
    assert len(reading.found) == 1
    return reading.found[0]


def seats(crew: FoundCrew) -> tuple[str | None, str | None, str | None]:
    return crew.pilot, crew.co_pilot, crew.jump_seat


# --- table shapes -------------------------------------------------------------------------------


def test_a_vertical_table_whose_first_role_row_is_the_header() -> None:
    body = "Crew for this one:\n\n| Pilot | @ana |\n|---|---|\n| Co-pilot | @ben |\n"

    assert seats(read_one(body)) == ("ana", "ben", None)


def test_a_vertical_table_under_a_roles_and_person_header_with_trailing_spaces() -> None:
    body = (
        "| Roles   | Person    |\n"
        "| ------- | --------- |\n"
        "| Pilot   | @ana      |   \n"
        "| Co-Pilot | @ben   |\n"
        "| Jump seat | @cy |\n"
    )

    assert seats(read_one(body)) == ("ana", "ben", "cy")


def test_a_seat_without_a_handle_over_a_role_row_is_still_a_vertical_table() -> None:
    # What a team template fills for a co-pilot with no `github:`: the row under it is a
    # label, not that seat's cell.
    body = "| Role | Person |\n| --- | --- |\n| Pilot | @ana |\n| Co-pilot | ben |\n| QA | @cy |\n"

    crew = read_one(body)
    assert seats(crew) == ("ana", None, None)
    assert [(extra.who, extra.role) for extra in crew.also] == [("cy", "QA")]


def test_a_horizontal_table() -> None:
    body = "## Who\n\n| Pilot | Copilot |\n|:--|:--|\n| @ana | @ben |\n"

    assert seats(read_one(body)) == ("ana", "ben", None)


def test_a_horizontal_table_with_a_jumpseat_and_a_trainee_column() -> None:
    body = "| Pilot | Copilot | Jumpseat | Pilot-in-training |\n|-|-|-|-|\n| @a | @b | @c | @d |\n"

    crew = read_one(body)

    assert seats(crew) == ("a", "b", "c")
    assert crew.also == (Extra("d", "Pilot-in-training"),)


@pytest.mark.parametrize(
    ("label", "seat"),
    [
        ("Pilot", "pilot"),
        ("**Pilot**", "pilot"),
        ("Co-pilot", "co_pilot"),
        ("Co-Pilot", "co_pilot"),
        ("Copilot", "co_pilot"),
        ("co pilot:", "co_pilot"),
        ("Jumpseat", "jump_seat"),
        ("Jump seat", "jump_seat"),
        ("Jump Seat", "jump_seat"),
    ],
)
def test_role_spellings(label: str, seat: str) -> None:
    crew = read_one(f"| Role | Who |\n|---|---|\n| {label} | @someone |\n")

    assert crew.seat(seat) == "someone"  # type: ignore[arg-type]


def test_an_extra_row_goes_to_also_with_its_label() -> None:
    body = "| Pilot | @ana |\n|---|---|\n| Co-pilot | @ben |\n| Pilot-in-training | @dee |\n"

    crew = read_one(body)

    assert seats(crew) == ("ana", "ben", None)
    assert crew.also == (Extra("dee", "Pilot-in-training"),)


def test_two_handles_in_one_cell_the_first_holds_the_seat() -> None:
    body = "| Pilot | @ana |\n|---|---|\n| Co-pilot | @ben @cat |\n"

    crew = read_one(body)

    assert seats(crew) == ("ana", "ben", None)
    assert crew.also == (Extra("cat", "co-pilot"),)


@pytest.mark.parametrize("nobody", ["???", "<copilot>", "<pilot>", "TBD", "", "(empty)"])
def test_placeholders_mean_an_empty_seat(nobody: str) -> None:
    body = f"| Pilot | @ana |\n|---|---|\n| Co-pilot | {nobody} |\n"

    reading = read_issues([Issue("#7", "Release 26.3.x", body)])

    assert seats(reading.found[0]) == ("ana", None, None)
    assert reading.notes == []


def test_a_name_on_no_member_is_read_as_empty_and_said() -> None:
    reading = read_issues([Issue("#7", "Release 26.3.x", "| Pilot | Ana Alves |\n|-|-|\n")])

    assert seats(reading.found[0]) == (None, None, None)
    assert reading.notes == [
        "#7: the pilot cell 'Ana Alves' has no @handle and is no member's id or name; read as empty"
    ]


# --- relrot's marker and members named without a handle (SPEC 5.4) ------------------------------

# Four members: one without a handle, two who share a display name.
NAMED = """project: {name: gadgets}
schedule: {first_release: 2026-01-13}
members:
  - {id: ana, name: Ana Alves, github: Ana-Alves}
  - {id: ben, name: Ben Brown}
  - {id: cat, name: Sam Reyes}
  - {id: dee, name: Sam Reyes, github: deedee}
"""


def named_roster() -> Roster:
    return Roster(Project.parse(NAMED.encode()).model)


def test_the_marker_names_the_release_when_the_title_misleads() -> None:
    # The issue was opened by copying the last one, and its title still names 26.1.x.
    body = (
        "<!-- relrot: gadgets 26.3.0 date=2026-03-12 pilot=ben co_pilot=ana jump_seat=- -->\n"
        "Copied from 26.1.x, then updated.\n\n| Pilot | Co-pilot |\n|---|---|\n"
        "| @benb | @ana-alves |\n"
    )

    crew = read_one(body, title="Release 26.1.x (copy of the last one)")

    assert (crew.version, crew.named, crew.patch) == ("26.3.0", ("26.3.0",), False)
    assert crew.project == "gadgets"
    assert crew.recorded("pilot") == "ben"
    assert crew.recorded("jump_seat") is None
    assert seats(crew) == ("benb", "ana-alves", None)


@pytest.mark.parametrize(
    "opening",
    [
        pytest.param("Notes first.\n<!-- relrot: - 26.3.0 -->\n", id="pasted-lower-down"),
        pytest.param("<!-- relrot: 26.3.0 -->\n", id="no-version-field"),
        pytest.param("<!-- relrot: - 26.3.0 pilot -->\n", id="a-field-without-a-value"),
        pytest.param("<!-- relrot: - Release pilot=ana -->\n", id="no-version-in-it"),
    ],
)
def test_without_a_marker_that_reads_the_title_names_the_release(opening: str) -> None:
    crew = read_one(opening + "| Pilot | @ana |\n|-|-|\n", title="Release 26.5.x")

    assert crew.version == "26.5.0"


def test_a_markdown_file_s_marker_beats_its_title_line_and_heading() -> None:
    text = (
        "title:\tRelease 26.1.x\nnumber:\t12\n--\n"
        "<!-- relrot: - 26.5.0 date=2026-05-13 pilot=ana co_pilot=ben jump_seat=- -->\n"
        "# Release 26.7.x\n\n| Pilot | @ana |\n|-|-|\n"
    )

    (crew,) = read_inputs([("old.md", text)]).found

    assert (crew.version, crew.issue.title, crew.issue.number) == ("26.5.0", "Release 26.1.x", 12)


def test_a_relrot_file_s_title_is_its_heading_not_its_marker_line() -> None:
    text = "<!-- relrot: - 26.5.0 -->\nCrew:\n\n# Release 26.5.x\n\n| Pilot | @ana |\n|-|-|\n"

    (crew,) = read_inputs([("26.5.0.md", text)]).found

    assert crew.issue.title == "Release 26.5.x"


def test_an_issue_with_a_marker_and_no_table_is_skipped_saying_the_marker_is_the_plan() -> None:
    body = "<!-- relrot: - 26.3.0 pilot=ana co_pilot=ben -->\nNo table here.\n"

    reading = read_issues([Issue("#9", "Release 26.3.x", body)])

    assert [s.reason for s in reading.skipped] == [
        "no crew table in the body; relrot's marker records the plan, not who served "
        "(`relrot pin` records the plan)"
    ]


def test_cells_name_members_by_id_or_display_name_in_any_case() -> None:
    body = (
        "| Pilot | Co-pilot | Jump seat | QA | Due |\n|---|---|---|---|---|\n"
        "| BEN | ana alves | **Ana_Alves** | ben | 2026-03-12 |\n"
    )

    reading = read_issues([Issue("#7", "Release 26.3.x", body)], named_roster())

    (crew,) = reading.found
    assert seats(crew) == (
        Name("BEN", ("ben",)),
        Name("ana alves", ("ana",)),
        Name("**Ana_Alves**", ("ana",)),
    )
    # The date under `Due` names nobody, so it is not crew; nor is it noted.
    assert crew.also == (Extra(Name("ben", ("ben",)), "QA"),)
    assert reading.notes == []


def test_a_display_name_two_members_share_names_both() -> None:
    crew = read_issues(
        [Issue("#7", "Release 26.3.x", "| Pilot | sam reyes |\n|-|-|\n")], named_roster()
    ).found[0]

    assert crew.pilot == Name("sam reyes", ("cat", "dee"))


def test_a_handle_in_a_cell_wins_over_the_name_beside_it() -> None:
    crew = read_issues(
        [Issue("#7", "Release 26.3.x", "| Pilot | Sam Reyes (@deedee) |\n|-|-|\n")],
        named_roster(),
    ).found[0]

    assert crew.pilot == "deedee"


def test_a_cell_of_comment_openers_reads_as_nobody() -> None:
    # Each `<!--` was once scanned to the end of the cell (quadratic: 160 KB took half a
    # minute); the comparison now drops only the empty comment relrot writes, which
    # `test_only_the_empty_comment_relrot_writes_is_left_out_of_a_label` pins down.
    body = "| Pilot | " + "<!--" * 250_000 + " |\n|-|-|\n"

    reading = read_issues([Issue("#7", "Release 26.3.x", body)], named_roster())

    assert seats(reading.found[0]) == (None, None, None)


def test_only_the_empty_comment_relrot_writes_is_left_out_of_a_label() -> None:
    from relrot.roles import label_key

    assert label_key("Pilot<!-- -->in<!---->training") == "pilotintraining"
    # A comment with text is not dropped (its dashes are, as everywhere): nothing looks ahead
    # for where a comment ends.
    assert label_key("Pilot<!--x-->") == "pilot<!x>"
    assert label_key("<!--" * 3) == "<!" * 3


def test_a_placeholder_reads_as_nobody_even_where_the_marker_names_someone() -> None:
    body = "<!-- relrot: - 26.3.0 pilot=ben co_pilot=ana -->\n| Pilot | ??? |\n|-|-|\n"

    reading = read_issues([Issue("#7", "Release 26.3.x", body)], named_roster())

    assert seats(reading.found[0]) == (None, None, None)
    assert reading.found[0].recorded("pilot") == "ben"


def test_handles_in_the_prose_are_not_crew() -> None:
    body = (
        "Thanks @helper for the heads-up; ping @conda/core or mail x@example.org.\n\n"
        "| Pilot | @ana |\n|---|---|\n| Co-pilot | ??? |\n\n"
        "- [ ] @ana: cut the branch\n"
    )

    crew = read_one(body)

    assert crew.handles() == ["ana"]


def test_a_table_that_names_no_seat_is_not_the_crew_table() -> None:
    body = (
        "| Title | Widget release |\n|---|---|\n| Owner | @someone |\n\n"
        "| Pilot | Co-pilot |\n|---|---|\n| @ana | @ben |\n"
    )

    assert seats(read_one(body)) == ("ana", "ben", None)


def test_a_table_in_a_code_block_is_not_read() -> None:
    body = "```\n| Pilot | @nobody |\n```\n\n| Pilot | @ana |\n|-|-|\n"

    assert read_one(body).pilot == "ana"


def test_a_body_with_no_crew_table_is_skipped_and_said() -> None:
    reading = read_issues([Issue("#9", "Release 24.5.x", "Checklist only.\n\n- [ ] tag @ana\n")])

    assert reading.found == []
    assert [(s.issue.name, s.reason) for s in reading.skipped] == [
        ("#9", "no crew table in the body")
    ]


# --- titles -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "versions"),
    [
        ("Release 23.1.X", ["23.1.0"]),
        ("Release 25.5.x", ["25.5.0"]),
        ("Release `26.3.0`/`26.3.1`/`26.3.2`", ["26.3.0", "26.3.1", "26.3.2"]),
        ("v22.9.0", ["22.9.0"]),
        ("Release v24.11.0 (late)", ["24.11.0"]),
        ("Release 26.1.1", ["26.1.1"]),
        ("Release planning", []),
    ],
)
def test_title_versions(title: str, versions: list[str]) -> None:
    assert title_versions(title) == versions


def test_an_issue_that_names_several_versions_is_the_regular_ones() -> None:
    crew = read_one("| Pilot | @ana |\n|-|-|\n", "Release `26.3.0`/`26.3.1`/`26.3.2`")

    assert (crew.version, crew.patch) == ("26.3.0", False)


def test_a_patch_release_issue_belongs_to_its_regular_release() -> None:
    crew = read_one("| Pilot | @ana |\n|-|-|\n", "Release 26.1.1")

    assert (crew.version, crew.patch) == ("26.1.0", True)


def test_a_title_with_no_version_is_skipped() -> None:
    reading = read_issues([Issue("#3", "Roadmap", "| Pilot | @ana |\n|-|-|\n")])

    assert [s.reason for s in reading.skipped] == ["no version in the title 'Roadmap'"]


# --- inputs -------------------------------------------------------------------------------------


def test_gh_issue_list_json() -> None:
    issues = [
        {
            "number": 12,
            "title": "Release 26.1.x",
            "url": "https://github.com/acme/widgets/issues/12",
            "body": "| Pilot | @Ana |\r\n|---|---|\r\n| Co-pilot | @ben |\r\n",
        },
        {"number": 13, "title": "Release 26.3.x", "url": "u", "body": None},
    ]

    reading = read_inputs([("issues.json", json.dumps(issues))])

    assert [(c.issue.name, c.issue.url, c.version, seats(c)) for c in reading.found] == [
        ("#12", "https://github.com/acme/widgets/issues/12", "26.1.0", ("Ana", "ben", None))
    ]
    assert [(s.issue.name, s.reason) for s in reading.skipped] == [
        ("#13", "no crew table in the body")
    ]


def test_json_that_is_not_issues_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match=r"item 1 is not an issue with a title"):
        issues_from_text("[1, 2]", "x.json")
    with pytest.raises(UsageError, match=r"x.json: not JSON at line 1"):
        issues_from_text("[{]", "x.json")


def test_a_markdown_files_title_is_its_first_heading_naming_a_version() -> None:
    text = "# Notes\n\n## Release 26.5.x\n\n| Pilot | @ana |\n|-|-|\n"

    (issue,) = issues_from_text(text, "notes.md")

    assert issue.title == "Release 26.5.x"


def test_a_markdown_file_without_such_a_heading_is_titled_by_its_name() -> None:
    (issue,) = issues_from_text("| Pilot | @ana |\n|-|-|\n", "release-26.5.0.md")

    assert issue.title == "release-26.5.0.md"
    assert read_issues([issue]).found[0].version == "26.5.0"


def test_nothing_read_from_nothing() -> None:
    assert read_inputs([]) == Reading()


# --- reading back what `relrot issue` writes ------------------------------------------------------

# A team's own template in the style of a real one: a summary, a two-column crew table, then
# the checklists of the week before release week and of release week.
TEAM_TEMPLATE = """\
### Summary

{{project}} {{version}} ships from the `{{series}}` branch on {{weekday}} {{date}}.

| Role | Person |
| --- | --- |
| Pilot | {{ pilot }} |
| Co-pilot | {{co_pilot}} |
| Jump seat | {{jump_seat}} |

### The week before release week

- [ ] {{milestone.release-branch}}: cut `{{series}}`; ask @reviewers to look at the changelog

### Release week

- [ ] {{date}}: release {{version}}; thank @everyone who helped
"""


@st.composite
def teams(draw: st.DrawFn) -> dict[str, Any]:
    """3-6 core members and an observer, all with handles in mixed case; some away."""
    first = draw(st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 12, 31)))
    members: list[dict[str, Any]] = []
    for n in range(draw(st.integers(3, 6))):
        member: dict[str, Any] = {"id": f"m{n}", "github": draw(st.sampled_from(["Dev", "dev"]))}
        member["github"] += f"-{n}"
        if draw(st.booleans()):
            start = first + dt.timedelta(days=draw(st.integers(0, 400)))
            end = start + dt.timedelta(days=draw(st.integers(0, 120)))
            member["away"] = [{"from": start.isoformat(), "to": end.isoformat()}]
        members.append(member)
    members.append({"id": "guest", "github": "Guest-G", "core": False})
    return {
        "project": {"name": "gadgets"},
        "schedule": {
            "first_release": first.isoformat(),
            "every_months": draw(st.integers(1, 2)),
            "milestones": [{"name": "release-branch", "days": -7}],
        },
        "members": members,
        "jump_seat": [{"member": "guest"}] if draw(st.booleans()) else [],
    }


@settings(max_examples=40, deadline=None)
@given(team=teams(), count=st.integers(1, 8), own_template=st.booleans())
def test_import_reads_back_the_crews_relrot_issue_writes(
    team: dict[str, Any], count: int, own_template: bool
) -> None:
    project = Project.parse(json.dumps(team).encode())
    plan = project.rows(1, count)
    bodies = [
        (
            f"{release.version}.md",
            fill_template(TEAM_TEMPLATE, release, project.model, "template.md")
            if own_template
            else render(release, project.model),
        )
        for release in plan
    ]

    change = project.import_issues(read_inputs(bodies), today=dt.date(2031, 1, 1))

    pinned = change.after.model.releases
    assert [(p.version, p.pilot, p.co_pilot, p.jump_seat) for p in pinned] == [
        (r.version, r.pilot, r.co_pilot, r.jump_seat) for r in plan
    ]


def test_an_unknown_placeholder_is_an_error_naming_its_line() -> None:
    project = Project.parse(b"schedule: {first_release: 2026-01-13}\nmembers: [{id: a}]\n")
    release = project.rows(1, 1)[0]

    with pytest.raises(RelrotError) as caught:
        fill_template("# {{version}}\n\nOwner: {{ owner }}\n", release, project.model, "t.md")

    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.column) == ("t.md", 3, 8)
    assert problem.message.startswith("unknown placeholder '{{ owner }}'; use {{version}}, ")


# --- planning after an import ---------------------------------------------------------------------

# One member flew every release of the history; the in-flight stint cannot go on with them
# (their run would pass the stint's length), and the roster's first member never served.
LONG_RUN = """\
schedule:
  first_release: 2026-01-13
members:
  - {id: nia, github: nia}
  - {id: abe, github: abe}
  - {id: bea, github: bea}
  - {id: xan, github: xan}
"""
LONG_RUN_ISSUES = [
    {"number": n, "title": f"Release {version}", "url": f"u/{n}", "body": body}
    for n, version, body in [
        (1, "26.1.x", "| Pilot | @abe |\n|-|-|\n| Co-pilot | @xan |\n"),
        (2, "26.3.x", "| Pilot | @abe |\n|-|-|\n| Co-pilot | @bea |\n"),
        (3, "26.5.x", "| Pilot | Co-pilot |\n|-|-|\n| @abe | @bea |\n"),
        (4, "26.7.x", "| Roles | Person |\n|-|-|\n| Pilot | @abe |\n| Co-Pilot | @bea |\n"),
    ]
]


def test_plan_after_an_import_gives_no_first_timer_a_pilot_seat() -> None:
    project = Project.parse(LONG_RUN.encode())
    reading = read_inputs([("issues.json", json.dumps(LONG_RUN_ISSUES))])
    imported = project.import_issues(reading, today=dt.date(2026, 8, 1)).after
    assert [(p.pilot, p.co_pilot) for p in imported.model.releases] == [
        ("abe", "xan"),
        ("abe", "bea"),
        ("abe", "bea"),
        ("abe", "bea"),
    ]

    coming = imported.rows(5, 8)

    seated = {"abe", "bea", "xan"}
    for release in coming:
        assert release.pilot in seated, f"{release.version}: {release.pilot} pilots first"
        seated.update(m for m in (release.pilot, release.co_pilot) if m)
    # The rest of the in-flight stint goes to the one experienced member who fits.
    assert coming[0].pilot == "xan"


# --- hostile input --------------------------------------------------------------------------------


def refusal(text: str, name: str = "x.json") -> str:
    with pytest.raises(UsageError) as caught:
        issues_from_text(text, name)
    (problem,) = caught.value.problems
    assert problem.file == name
    return problem.message


def test_json_nested_past_the_limit_is_an_input_error_at_the_bracket_past_it() -> None:
    # Unclosed and closed alike: the parser would recurse into either until RecursionError.
    for text in ("[" * 100_000, "[" * 100_000 + "]" * 100_000):
        assert refusal(text) == (
            "x.json: JSON nested more than 64 levels deep at line 1, column 65; "
            "`gh issue list --json` prints issues a few levels deep: is this the right input?"
        )


def test_the_depth_is_counted_outside_strings_and_found_after_a_flat_start() -> None:
    issue = '{"title": "Release 26.1.x [[[[{{{{", "body": "\\"[[[[[[[[ ]]"}'
    flat = "[" + f"{issue},\n" * 1000
    deep = flat + "[" * MAX_JSON_DEPTH

    assert len(issues_from_text(f"{flat}{issue}]", "x.json")) == 1001
    assert refusal(deep).startswith(
        f"x.json: JSON nested more than 64 levels deep at line 1001, column {MAX_JSON_DEPTH}; "
    )


def test_json_exactly_as_deep_as_the_limit_is_parsed() -> None:
    nested = "[" * (MAX_JSON_DEPTH - 2) + "]" * (MAX_JSON_DEPTH - 2)  # inside `[{`
    text = '[{"title": "Release 26.1.x", "body": "", "extra": ' + nested + "}]"

    (issue,) = issues_from_text(text, "x.json")

    assert issue.title == "Release 26.1.x"


@settings(max_examples=300)
@given(st.text(alphabet="()", max_size=200))
def test_brackets_cleared_by_the_quick_check_never_nest_past_the_limit(brackets: str) -> None:
    depths = list(accumulate(1 if b == "(" else -1 for b in brackets))
    balanced = not depths or (min(depths) >= 0 and depths[-1] == 0)
    deepest = max(depths, default=0)

    if _shallow(brackets):
        assert deepest <= MAX_JSON_DEPTH
    elif balanced:
        # Any JSON a user gives is balanced: the quick check clears it when it is shallow.
        assert deepest > MAX_JSON_DEPTH


def test_a_number_too_long_is_an_input_error_not_an_internal_one() -> None:
    # Python refuses to turn more than 4,300 digits into an int (ValueError, exit 3).
    text = '[{"number": ' + "9" * 5000 + ', "title": "Release 26.1.x", "body": ""}]'

    assert refusal(text) == (
        "x.json: a number of 5000 characters at line 1, column 13; relrot reads JSON numbers "
        "of up to 40 characters: is this the right input?"
    )
    assert refusal('{"title": "x", "n": -1.' + "0" * 60 + "e5}").startswith(
        "x.json: a number of 65 characters at line 1, column 21; "
    )


def test_numbers_up_to_the_limit_and_digits_in_strings_are_read() -> None:
    digits = "1" * MAX_JSON_NUMBER
    text = f'[{{"number": {digits}, "title": "Release 26.1.x {"9" * 5000}", "body": ""}}]'

    (issue,) = issues_from_text(text, "x.json")

    assert issue.number == int(digits)


def test_an_input_larger_than_the_limit_is_refused() -> None:
    assert refusal(" " * (MAX_INPUT_BYTES + 1), "big.md") == (
        f"big.md: {MAX_INPUT_BYTES + 1} characters is more than the {MAX_INPUT_BYTES} relrot "
        "reads from one input; import the issues in parts"
    )


HIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}
TODAY = dt.date(2026, 4, 1)


def test_issue_text_in_messages_is_escaped_and_cut() -> None:
    title = "Nothing \x1b]0;pwned\x07 \x1b[2J \u202e" + "x" * 100
    reading = read_issues([Issue("#7", title, "", 7)])

    (skipped,) = reading.skipped
    assert skipped.reason == (
        f"no version in the title 'Nothing \\x1b]0;pwned\\x07 \\x1b[2J \\u202e{'x' * 34}…'"
    )


def test_a_role_label_is_written_without_control_bidi_or_zero_width_characters() -> None:
    label = "x\x1b[31m\u202e in\u200b\ttraining" + "!" * 80
    body = f"| Pilot | @ana |\n|-|-|\n| {label} | @cy |\n"
    crew = read_issues([Issue("#7", "Release 26.3.x", body)])

    (found,) = crew.found
    role = "x[31m in training" + "!" * 42 + "…"
    assert found.also == (Extra("cy", role),)
    assert crew.notes == [
        f"#7: the role 'x\\x1b[31m\\u202e in\\u200b training{'!' * 39}…' is recorded as "
        f"'{role}': a role is one line of at most 60 characters, without control, bidi or "
        "zero-width characters"
    ]


# Labels that mean something to YAML, or to a reader that trusts the file, and the role each
# is written as (Markdown emphasis and a trailing colon are not part of a label).
YAML_LABELS = {
    "x: {a: b} #c": "x: {a: b} #c",
    "- y": "- y",
    "&anchor": "&anchor",
    "*alias*": "alias",
    "!!python/object/apply:os.system ['id']": "!!python/object/apply:os.system ['id']",
    "'\"": "'\"",
    "%TAG": "%TAG",
    "@ana": "@ana",
    "? key": "? key",
    "> folded": "> folded",
    "pipe \\| in it": "pipe | in it",
    "{{version}}": "{{version}}",
    "null": "null",
    "true": "true",
    "1.0": "1.0",
    "2026-01-01": "2026-01-01",
    "[/bold] [link=https://evil.example]": "[/bold] [link=https://evil.example]",
    "::error::x": "::error::x",
    "": "",
}


def test_role_labels_from_issues_are_written_as_plain_strings() -> None:
    project = Project.parse(LONG_RUN.encode())
    labels = list(YAML_LABELS)
    issues = []
    for version, start in (("26.1.x", 0), ("26.3.x", MAX_EXTRAS)):
        rows = "".join(f"| {label} | @xan |\n" for label in labels[start : start + MAX_EXTRAS])
        body = f"| Pilot | @abe |\n|-|-|\n| Co-pilot | @bea |\n{rows}"
        issues.append({"title": f"Release {version}", "body": body})

    reading = read_inputs([("x.json", json.dumps(issues))])
    after = project.import_issues(reading, today=TODAY).after

    pinned = after.model.releases
    written = [(extra.member, extra.role) for release in pinned for extra in release.also]
    assert written == [("xan", role) for role in YAML_LABELS.values()]
    assert after.loaded is not None
    text = after.loaded.text
    assert Project.parse(text.encode()).model.releases == pinned
    assert not [c for c in text if unicodedata.category(c) in HIDDEN_CATEGORIES and c != "\n"]


def test_a_crew_table_names_at_most_ten_people_besides_its_seats() -> None:
    rows = "".join(f"| Helper {n} \u200b | @h{n} |\n" for n in range(50))
    reading = read_issues([Issue("#7", "Release 26.3.x", f"| Pilot | @ana |\n|-|-|\n{rows}")])

    (found,) = reading.found
    assert found.also == tuple(Extra(f"h{n}", f"Helper {n}") for n in range(MAX_EXTRAS))
    assert len(reading.notes) == MAX_EXTRAS + 1
    assert reading.notes[-1] == (
        "#7: 40 more people in the crew table not read; relrot reads up to 10 besides the "
        "pilot, co-pilot and jump seat"
    )


def test_an_input_named_with_a_bidi_character_names_its_issues_escaped() -> None:
    name = "release\u202e.md"
    (markdown,) = issues_from_text("| Pilot | @ana |\n|-|-|\n", name)
    (item,) = issues_from_text('[{"title": "Release 26.1.x"}]', name)

    assert markdown.name == "release\\u202e.md"
    assert item.name == "release\\u202e.md item 1"


def test_a_table_is_read_up_to_its_hundredth_row() -> None:
    rows = "| Notes | nothing here |\n" * 150 + "| Trainee | @late |\n"
    body = f"| Pilot | @ana |\n|-|-|\n{rows}\nText.\n\n| Co-pilot | @ben |\n|-|-|\n"
    reading = read_issues([Issue("#7", "Release 26.3.x", body)])

    (found,) = reading.found
    assert (found.pilot, found.co_pilot, found.also) == ("ana", None, ())
    assert reading.notes == ["#7: 52 rows of the crew table past its first 100 not read"]


# --- a year of issues, as gh prints them and as Markdown files (SPEC 5.5) ------------------------

ISSUES = Path(__file__).parent / "data" / "issues"
# The crews the year's issues name, whatever shape each body takes.
YEAR = [
    ("26.1.0", "dan-d", "carol-c", None),
    ("26.3.0", "carol-c", "dan-d", None),
    ("26.5.0", "carol-c", "erin-e", "bobby"),
    ("26.7.0", "erin-e", "carol-c", None),
    ("26.9.0", "erin-e", "frankly", None),
    ("26.11.0", "frankly", None, None),
]


def crews(reading: Reading) -> list[tuple[str, str | None, str | None, str | None]]:
    return sorted(((c.version, *seats(c)) for c in reading.found), key=lambda c: YEAR.index((*c,)))


def test_a_year_of_issues_as_gh_issue_list_json_reads_every_crew() -> None:
    reading = read_inputs([("widgets.json", (ISSUES / "widgets.json").read_text("utf-8"))])

    assert reading.skipped == []
    assert crews(reading) == YEAR


def test_a_year_of_issues_as_markdown_files_reads_every_crew_from_their_text() -> None:
    files = sorted(ISSUES.glob("*.md"))
    reading = read_inputs([(f.name, f.read_text("utf-8")) for f in files])

    # Before SPEC 5.5 every file was "skipped: no version in the title '<path>'".
    assert reading.skipped == []
    assert crews(reading) == YEAR
    titles = {c.issue.name: c.issue.title for c in reading.found}
    assert titles["widgets-26.1.md"] == "Release 26.1.x"  # gh issue view's `title:`
    assert titles["widgets-26.3.md"] == "Placeholder for `widgets 26.3.0` release."
    assert titles["widgets-26.5.md"] == "Cut the `26.5.x` branch on the Monday before release day."
    assert titles["widgets-26.7.md"] == "Release `26.7.x`: the summer release."


def test_gh_issue_view_output_gives_the_title_number_and_body() -> None:
    text = "title:\tRelease 26.3.x\nstate:\tCLOSED\nnumber:\t41\n--\n| Pilot | @ana |\n|-|-|\n"

    (issue,) = issues_from_text(text, "41.md")

    assert (issue.title, issue.number, issue.body) == (
        "Release 26.3.x",
        41,
        "| Pilot | @ana |\n|-|-|\n",
    )


def test_a_file_that_only_looks_like_a_header_is_all_body() -> None:
    text = "title: not gh's\n\n# Release 26.5.x\n"

    (issue,) = issues_from_text(text, "x.md")

    assert (issue.title, issue.body) == ("Release 26.5.x", text)


@pytest.mark.parametrize(
    ("template", "version", "month"),
    [
        ("{yy}.{m}.0", "25.11.0", dt.date(2025, 11, 1)),
        ("{yy}.{m}.0", "0.7.0", dt.date(2000, 7, 1)),  # not July 2100
        ("{yy}.{m}.0", "4.14.0", None),  # no 14th month
        ("{yyyy}.{mm}", "2025.03", dt.date(2025, 3, 1)),
        ("{n}.0.0", "3.0.0", None),  # names no month
        ("{yy}.{m}.0", "v26.3.0", None),
    ],
)
def test_a_version_read_by_the_fields_of_schedule_version(
    template: str, version: str, month: dt.date | None
) -> None:
    assert version_month(template, version, dt.date(2026, 1, 12)) == month
