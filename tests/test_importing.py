"""Reading crews back from release issues: every table shape, spelling and title teams use.

The issue bodies here are made up for these tests; they imitate the shapes, not any text.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relrot.importing import (
    Extra,
    FoundCrew,
    Issue,
    Reading,
    issues_from_text,
    read_inputs,
    read_issues,
    title_versions,
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


def test_a_name_without_a_handle_is_read_as_empty_and_said() -> None:
    reading = read_issues([Issue("#7", "Release 26.3.x", "| Pilot | Ana Alves |\n|-|-|\n")])

    assert seats(reading.found[0]) == (None, None, None)
    assert reading.notes == ["#7: the pilot cell 'Ana Alves' has no @handle; read as empty"]


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
