"""`relrot issue`: the Markdown body of a release's tracking issue (SPEC 5.4)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import GOLDEN, ROOT, Golden, Result

Run = Callable[..., Result]

CREW = """\
schedule:
  first_release: 2026-01-13
  milestones:
    - {name: release-branch, days: -7, note: cut the 26.1.x branch}
    - {name: all-clear, days: 7}
members:
  - {id: bob, name: Bob Ross, github: bobross}
  - {id: jane, name: Jane Doe}
  - {id: tobby}
  - {id: elvis}
  - {id: zed, name: Zed Zimmer, core: false}
jump_seat:
  - {member: zed, release: 26.1.0}
"""

# History as it was: 26.1.0 flew without a co-pilot, 26.3.0 without a pilot.
EMPTY_SEATS = """\
schedule:
  first_release: 2026-01-13
members:
  - {id: bob, name: Bob Ross, github: bobross}
  - {id: jane, name: Jane Doe}
  - {id: tobby}
  - {id: elvis}
releases:
  - {version: 26.1.0, pilot: bob}
  - {version: 26.3.0, co_pilot: jane}
"""


@pytest.fixture
def repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


# Before every release of these files: the issue's first sentence says "planned for".
EARLY = "2025-12-01"


def issue(
    relrot: Run,
    version: str,
    file: str | Path = "rotation.yaml",
    *options: str,
    today: str = EARLY,
    marker: bool = False,
) -> str:
    """The body `relrot issue` prints; without `marker`, less the hidden marker's line that
    opens every body (its own tests below)."""
    result = relrot("--file", file, "issue", version, "--today", today, *options)
    assert result.exit_code == 0, result
    assert result.stderr == ""
    if marker or "--format" in options:
        return result.stdout
    first, _, rest = result.stdout.partition("\n")
    assert first.startswith("<!-- relrot: "), first
    assert first.endswith(" -->"), first
    return rest


@pytest.mark.usefixtures("repository")
def test_the_issue_of_a_release_of_the_repository_rotation(relrot: Run, golden: Golden) -> None:
    golden.check(GOLDEN / "issue-27.1.0.md", issue(relrot, "27.1.0", marker=True))


@pytest.mark.usefixtures("repository")
@pytest.mark.parametrize("version", ["27.1.1", "27.1.2", "7"])
def test_a_patch_version_or_the_number_answers_with_the_regular_release(
    relrot: Run, version: str
) -> None:
    assert issue(relrot, version) == issue(relrot, "27.1.0")


def test_members_without_a_handle_show_their_name_only(
    rotation_file: Callable[[str], Path], relrot: Run
) -> None:
    path = rotation_file(CREW)

    assert issue(relrot, "26.1.0", path) == (
        "Release 26.1.0 is planned for Tuesday 2026-01-13.\n"
        "\n"
        "| Pilot | Co-pilot | Jump seat |\n"
        "|---|---|---|\n"
        "| Bob Ross (@bobross) | Jane Doe | Zed Zimmer |\n"
        "\n"
        "## Timeline\n"
        "\n"
        "- Tue 2026-01-06: release-branch (this issue opens)\n"
        "- [ ] Tue 2026-01-13: **release 26.1.0**\n"
        "- [ ] Tue 2026-01-20: all-clear\n"
        "\n"
        "Questions or a problem with this release? Contact the pilot, Bob Ross (@bobross), or "
        "the co-pilot, Jane Doe.\n"
    )


def test_a_member_without_a_name_or_handle_shows_the_id(
    rotation_file: Callable[[str], Path], relrot: Run
) -> None:
    path = rotation_file(CREW)

    body = issue(relrot, "26.5.0", path)

    assert "| Jane Doe | tobby | - |\n" in body
    assert body.endswith("Contact the pilot, Jane Doe, or the co-pilot, tobby.\n")


def test_an_empty_co_pilot_seat_shows_empty(
    rotation_file: Callable[[str], Path], relrot: Run
) -> None:
    path = rotation_file(EMPTY_SEATS)

    assert issue(relrot, "26.1.0", path) == (
        "Release 26.1.0 is planned for Tuesday 2026-01-13.\n"
        "\n"
        "| Pilot | Co-pilot | Jump seat |\n"
        "|---|---|---|\n"
        "| Bob Ross (@bobross) | (empty) | - |\n"
        "\n"
        "## Timeline\n"
        "\n"
        "- [ ] Tue 2026-01-13: **release 26.1.0**\n"
        "\n"
        "Questions or a problem with this release? Contact the pilot, Bob Ross (@bobross).\n"
    )


def test_an_empty_pilot_seat_shows_empty_and_the_co_pilot_is_the_contact(
    rotation_file: Callable[[str], Path], relrot: Run
) -> None:
    path = rotation_file(EMPTY_SEATS)

    assert issue(relrot, "26.3.0", path) == (
        "Release 26.3.0 is planned for Thursday 2026-03-12.\n"
        "\n"
        "| Pilot | Co-pilot | Jump seat |\n"
        "|---|---|---|\n"
        "| (empty) | Jane Doe | - |\n"
        "\n"
        "## Timeline\n"
        "\n"
        "- [ ] Thu 2026-03-12: **release 26.3.0**\n"
        "\n"
        "Questions or a problem with this release? Contact the co-pilot, Jane Doe.\n"
    )


@pytest.mark.usefixtures("repository")
@pytest.mark.parametrize(
    ("version", "guess"),
    [
        pytest.param("26.01.0", "26.1.0", id="first-release"),
        pytest.param("27.01.0", "27.1.0", id="later-release"),
    ],
)
def test_an_unknown_version_fails_with_the_nearest_version(
    relrot: Run, version: str, guess: str
) -> None:
    result = relrot("--file", "rotation.yaml", "issue", version, "--today", EARLY)

    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert result.stderr == (
        f"relrot: error: rotation.yaml: no release has version '{version}'; did you mean {guess}?\n"
    )


TEMPLATED = """\
project:
  name: widgets
  issue_template: .github/release.md
schedule:
  first_release: 2026-01-13
  milestones:
    - {name: release-branch, days: -7}
members:
  - {id: bob, name: Bob Ross, github: bobross}
  - {id: jane, name: Jane Doe}
  - {id: tobby}
"""


def test_the_teams_template_is_filled_from_next_to_the_rotation_file(
    rotation_file: Callable[[str], Path], relrot: Run
) -> None:
    path = rotation_file(TEMPLATED)
    (path.parent / ".github").mkdir()
    (path.parent / ".github" / "release.md").write_text(
        "### Summary\n\n{{project}} {{version}} ({{series}}), {{weekday}} {{date}}\n\n"
        "| Pilot | {{pilot}} |\n|---|---|\n| Co-pilot | {{co_pilot}} |\n"
        "| Jump seat | {{jump_seat}} |\n\n- [ ] {{milestone.release-branch}}: branch\n",
        encoding="utf-8",
    )

    assert issue(relrot, "26.1.0", path) == (
        "### Summary\n\nwidgets 26.1.0 (26.1.x), Tuesday 2026-01-13\n\n"
        "| Pilot | @bobross |\n|---|---|\n| Co-pilot | Jane Doe |\n"
        "| Jump seat | (empty) |\n\n- [ ] 2026-01-06: branch\n"
    )


def test_an_unknown_placeholder_in_the_template_names_its_line(
    rotation_file: Callable[[str], Path], relrot: Run
) -> None:
    path = rotation_file(TEMPLATED)
    (path.parent / ".github").mkdir()
    template = path.parent / ".github" / "release.md"
    template.write_text("# {{version}}\n\n{{captain}} flies\n", encoding="utf-8")

    result = relrot("--file", path, "issue", "26.1.0", "--today", EARLY)

    assert result.exit_code == 1, result
    assert result.stdout == ""
    assert result.stderr.startswith(
        f"{template}:3:1: error [issue-template] unknown placeholder '{{{{captain}}}}'; "
        "use {{version}}, {{series}}, {{date}}, "
    )


def test_a_missing_template_is_a_usage_error(
    rotation_file: Callable[[str], Path], relrot: Run
) -> None:
    path = rotation_file(TEMPLATED)

    result = relrot("--file", path, "issue", "26.1.0", "--today", EARLY)

    assert result.exit_code == 2, result
    assert ".github/release.md: no such file" in result.stderr


def test_a_name_stays_text_in_the_templates_html_comment_and_fenced_code(
    rotation_file: Callable[[str], Path], relrot: Run
) -> None:
    # Backslashes do nothing in raw HTML, and an empty comment as a mention break would end
    # a comment the template opened: each place gets its own rule.
    roster = TEMPLATED.replace("name: Jane Doe", 'name: "Bea</summary><img src=y> @x"')
    path = rotation_file(roster.replace("{id: tobby}", "{id: tobby, name: 'Cai --> <b>'}"))
    (path.parent / ".github").mkdir()
    (path.parent / ".github" / "release.md").write_text(
        "<!-- jump seat: {{jump_seat}}, co-pilot {{co_pilot}} -->\n"
        "<details><summary>Co-pilot: {{co_pilot}}</summary>\n\n"
        "```bash\n{{co_pilot}} C#/{{version}}\n```\n",
        encoding="utf-8",
    )
    assert issue(relrot, "26.5.0", path) == (
        "<!-- jump seat: (empty), co-pilot Cai --&gt; &lt;b&gt; -->\n"
        "<details><summary>Co-pilot: Cai --&#62; &#60;b&#62;</summary>\n\n"
        "```bash\nCai --> <b> C#/26.5.0\n```\n"
    )
    assert issue(relrot, "26.1.0", path).splitlines()[1] == (
        "<details><summary>Co-pilot: Bea&#60;/summary&#62;&#60;img src=y&#62; @<!-- -->x</summary>"
    )


def test_a_value_cannot_close_the_templates_fence(
    rotation_file: Callable[[str], Path], relrot: Run
) -> None:
    path = rotation_file(TEMPLATED.replace("name: Jane Doe", 'name: "```"'))
    (path.parent / ".github").mkdir()
    (path.parent / ".github" / "release.md").write_text(
        "```\n{{co_pilot}}\n```\n", encoding="utf-8"
    )
    assert issue(relrot, "26.1.0", path) == "```\n'''\n```\n"


# --- issue 26, point 9 ---------------------------------------------------------------------

# 26.1.0 shipped a day late and is pinned; 26.3.0 is past and was never recorded.
SHIPPED = """\
schedule:
  first_release: 2026-01-13
  milestones:
    - {name: release-branch, days: -7, note: open the Release issue and cut the branch}
    - {name: all-clear, days: 7, note: pilot declares the release healthy}
members:
  - {id: bob, name: Bob Ross, github: bobross}
  - {id: jane, name: Jane Doe, github: janedoe}
  - {id: tobby, github: tobby}
  - {id: elvis}
releases:
  - {version: 26.1.0, date: 2026-01-14, pilot: bob, co_pilot: jane}
"""


@pytest.mark.parametrize(
    ("version", "today", "sentence"),
    [
        pytest.param("26.5.0", "2026-04-01", "is planned for Wednesday 2026-05-13.", id="before"),
        pytest.param(
            "26.5.0",
            "2026-05-06",
            "is in progress: release day is Wednesday 2026-05-13.",
            id="first-day",
        ),
        pytest.param(
            "26.5.0",
            "2026-05-13",
            "is in progress: release day is Wednesday 2026-05-13.",
            id="release-day",
        ),
        pytest.param("26.1.0", "2026-01-15", "shipped on Wednesday 2026-01-14.", id="shipped"),
        pytest.param(
            "26.3.0",
            "2026-12-07",
            "was planned for Thursday 2026-03-12 (not recorded).",
            id="not-recorded",
        ),
    ],
)
def test_the_first_sentence_follows_today(
    rotation_file: Callable[[str], Path], relrot: Run, version: str, today: str, sentence: str
) -> None:
    # Issue 26: there was no --today, and a shipped release was still "planned for".
    body = issue(relrot, version, rotation_file(SHIPPED), today=today)
    assert body.splitlines()[0] == f"Release {version} {sentence}"


def test_the_body_does_not_repeat_the_title(
    rotation_file: Callable[[str], Path], relrot: Run
) -> None:
    body = issue(relrot, "26.5.0", rotation_file(SHIPPED))
    assert not body.startswith("#")
    assert "26.5.x" not in body


def test_the_note_of_the_milestone_the_issue_opens_on_is_no_checklist_item(
    rotation_file: Callable[[str], Path], relrot: Run
) -> None:
    # Issue 26: the starter file's note became "open the Release issue" inside that issue.
    from relrot.starter import starter_text

    path = rotation_file(starter_text(dt.date(2026, 12, 7)))
    body = issue(relrot, "1", path)
    assert "open the Release issue" not in body
    assert "release-branch (this issue opens)" in body
    assert "healthy" in body


@pytest.mark.parametrize(
    ("opens", "no_checkbox"),
    [
        pytest.param("all-clear", "all-clear", id="a-milestone"),
        pytest.param("-10", None, id="days"),
    ],
)
def test_issue_opens_names_the_milestone_whose_note_is_left_out(
    rotation_file: Callable[[str], Path], relrot: Run, opens: str, no_checkbox: str | None
) -> None:
    path = rotation_file(f"project:\n  issue_opens: {opens}\n" + SHIPPED)
    lines = issue(relrot, "26.5.0", path).splitlines()
    plain = [line for line in lines if line.startswith("- ") and not line.startswith("- [ ]")]
    if no_checkbox is None:
        assert plain == []
        assert (
            "- [ ] Wed 2026-05-06: release-branch: open the Release issue and cut the branch"
            in lines
        )
    else:
        assert plain == [f"- Wed 2026-05-20: {no_checkbox} (this issue opens)"]


def test_issue_opens_naming_no_milestone_is_an_error_at_its_line(
    rotation_file: Callable[[str], Path], relrot: Run
) -> None:
    path = rotation_file("project:\n  issue_opens: release-brnach\n" + SHIPPED)
    result = relrot("--file", path, "issue", "26.5.0", "--today", EARLY)
    assert result.exit_code == 1, result
    assert result.stderr.startswith(f"{path}:2:16: error [issue-template] `issue_opens` names ")
    assert "release-branch, all-clear" in result.stderr


def issue_json(relrot: Run, path: Path, version: str) -> dict[str, object]:
    found: dict[str, object] = json.loads(issue(relrot, version, path, "--format", "json"))
    return found


def test_json_gives_title_body_and_assignees(
    rotation_file: Callable[[str], Path], relrot: Run
) -> None:
    path = rotation_file(SHIPPED)
    found = issue_json(relrot, path, "26.5.0")
    assert list(found) == ["title", "body", "assignees"]
    assert found["title"] == "Release `26.5.x`"
    assert found["body"] == issue(relrot, "26.5.0", path, marker=True)
    # 26.5.0: pilot jane, co-pilot tobby (elvis has no handle and is not crew here).
    assert found["assignees"] == ["janedoe", "tobby"]


def test_the_title_comes_from_issue_title_not_from_the_templates_first_line(
    rotation_file: Callable[[str], Path], relrot: Run
) -> None:
    # Issue 26: `head -n 1 | sed` on a template starting "### Summary" titled the issue
    # "## Summary", and then never opened another.
    path = rotation_file(
        "project:\n  name: widgets\n  issue_template: release.md\n"
        '  issue_title: "{{project}} {{version}} ({{pilot}})"\n' + SHIPPED
    )
    (path.parent / "release.md").write_text("### Summary\n\n{{version}}\n", encoding="utf-8")
    titles = [issue_json(relrot, path, v)["title"] for v in ("26.5.0", "26.7.0")]
    assert titles == ["widgets 26.5.0 (Jane Doe)", "widgets 26.7.0 (tobby)"]
    body = issue_json(relrot, path, "26.5.0")["body"]
    assert body.partition("\n")[2] == "### Summary\n\n26\\.5.0\n"


def test_the_default_title_is_the_release_series(
    rotation_file: Callable[[str], Path], relrot: Run
) -> None:
    path = rotation_file(SHIPPED)
    assert issue_json(relrot, path, "26.3.0")["title"] == "Release `26.3.x`"


@pytest.mark.parametrize(
    ("title", "message"),
    [
        pytest.param("Release", "does not name the release", id="no-version"),
        pytest.param("{{captain}} {{version}}", "unknown placeholder '{{captain}}'", id="unknown"),
    ],
)
def test_a_title_that_cannot_name_the_release_is_an_error(
    rotation_file: Callable[[str], Path], relrot: Run, title: str, message: str
) -> None:
    path = rotation_file(f'project:\n  issue_title: "{title}"\n' + SHIPPED)
    result = relrot("--file", path, "issue", "26.5.0", "--today", EARLY, "--format", "json")
    assert result.exit_code == 1, result
    assert result.stderr.startswith(f"{path}:2:16: error")
    assert message in result.stderr


def test_the_template_can_say_the_status(rotation_file: Callable[[str], Path], relrot: Run) -> None:
    path = rotation_file("project:\n  issue_template: release.md\n" + SHIPPED)
    (path.parent / "release.md").write_text("{{status}}\n", encoding="utf-8")
    body = issue(relrot, "26.1.0", path, today="2026-02-01")
    assert body == "Release 26.1.0 shipped on Wednesday 2026-01-14.\n"


@pytest.mark.parametrize("value", ["true", "2.5", '""'])
def test_issue_opens_that_is_neither_a_name_nor_days_is_one_schema_error(
    rotation_file: Callable[[str], Path], relrot: Run, value: str
) -> None:
    path = rotation_file(f"project:\n  issue_opens: {value}\n" + SHIPPED)
    result = relrot("--file", path, "validate", "--today", EARLY)
    assert result.exit_code == 1, result
    assert result.stdout.splitlines()[0].endswith("rotation.yaml: 1 error")
    said = [line for line in result.stdout.splitlines() if "[schema]" in line]
    assert len(said) == 1
    assert "expected a milestone's name or a number of days such as -7" in said[0]


# conda's shape: a QA owner every release from a pool of three, a pilot-in-training asked for.
ROLES = """\
schedule:
  first_release: 2026-01-13
members:
  - {id: bob, name: Bob Ross, github: bobross}
  - {id: jane, name: Jane Doe, github: janedoe}
  - {id: tobby, github: tobby}
  - {id: elvis}
  - {id: kai, github: kai-qa}
  - {id: zed, name: Zed Zimmer, github: zz, core: false}
roles:
  - {id: qa, name: QA, pool: [kai, elvis, tobby]}
  - {id: pilot_in_training, name: Pilot in training, fill: request}
requests:
  - {member: zed, role: pilot_in_training, release: 26.1.0}
"""


def test_the_crew_table_has_a_column_per_role_of_the_release(
    rotation_file: Callable[[str], Path], relrot: Run
) -> None:
    path = rotation_file(ROLES)
    first = issue(relrot, "26.1.0", path).splitlines()
    assert first[2:5] == [
        "| Pilot | Co-pilot | Jump seat | QA | Pilot in training |",
        "|---|---|---|---|---|",
        "| Bob Ross (@bobross) | Jane Doe (@janedoe) | - | kai (@kai-qa) | Zed Zimmer (@zz) |",
    ]
    # No request in 26.3.0: the trainee's seat reads as an empty jump seat does.
    assert issue(relrot, "26.3.0", path).splitlines()[4].endswith(" | - |")


def test_an_empty_rotate_role_reads_as_an_empty_seat(
    rotation_file: Callable[[str], Path], relrot: Run
) -> None:
    # Only kai may hold QA, and kai is away for 26.1.0.
    path = rotation_file(
        ROLES.replace("pool: [kai, elvis, tobby]", "pool: [kai]").replace(
            "github: kai-qa}", "github: kai-qa, away: [{from: 2025-12-01, to: 2026-01-31}]}"
        )
    )
    row = issue(relrot, "26.1.0", path).splitlines()[4]
    assert row.endswith(" | (empty) | Zed Zimmer (@zz) |"), row


def test_json_assignees_include_rotate_role_holders_not_requests(
    rotation_file: Callable[[str], Path], relrot: Run
) -> None:
    path = rotation_file(ROLES)
    assert issue_json(relrot, path, "26.1.0")["assignees"] == ["bobross", "janedoe", "kai-qa"]


def test_the_template_fills_role_placeholders(
    rotation_file: Callable[[str], Path], relrot: Run
) -> None:
    path = rotation_file(ROLES + "project:\n  issue_template: release.md\n")
    (path.parent / "release.md").write_text(
        "QA: {{role_qa}}\nTrainee: {{ role_pilot_in_training }}\n", encoding="utf-8"
    )
    assert issue(relrot, "26.1.0", path) == "QA: @kai-qa\nTrainee: @zz\n"
    assert issue(relrot, "26.3.0", path).endswith("Trainee: (empty)\n")


def test_an_unknown_role_placeholder_names_its_line(
    rotation_file: Callable[[str], Path], relrot: Run
) -> None:
    path = rotation_file(ROLES + "project:\n  issue_template: release.md\n")
    template = path.parent / "release.md"
    template.write_text("# {{version}}\n{{role_qa}}\n{{role_docs}}\n", encoding="utf-8")
    result = relrot("--file", path, "issue", "26.1.0", "--today", EARLY)
    assert result.exit_code == 1, result
    assert result.stderr.startswith(
        f"{template}:3:1: error [issue-template] unknown placeholder '{{{{role_docs}}}}'"
    )
