"""`relrot issue`: the Markdown body of a release's tracking issue (SPEC 5.4)."""

from __future__ import annotations

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


def issue(relrot: Run, version: str, file: str | Path = "rotation.yaml") -> str:
    result = relrot("--file", file, "issue", version)
    assert result.exit_code == 0, result
    assert result.stderr == ""
    return result.stdout


@pytest.mark.usefixtures("repository")
def test_the_issue_of_a_release_of_the_repository_rotation(relrot: Run, golden: Golden) -> None:
    golden.check(GOLDEN / "issue-27.1.0.md", issue(relrot, "27.1.0"))


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
        "# Release 26.1.x\n"
        "\n"
        "Release 26.1.0 is planned for Tuesday 2026-01-13.\n"
        "\n"
        "| Pilot | Co-pilot | Jump seat |\n"
        "|---|---|---|\n"
        "| Bob Ross (@bobross) | Jane Doe | Zed Zimmer |\n"
        "\n"
        "## Timeline\n"
        "\n"
        "- [ ] Tue 2026-01-06: release-branch: cut the 26.1.x branch\n"
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
        "# Release 26.1.x\n"
        "\n"
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
        "# Release 26.3.x\n"
        "\n"
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
    result = relrot("--file", "rotation.yaml", "issue", version)

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

    result = relrot("--file", path, "issue", "26.1.0")

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

    result = relrot("--file", path, "issue", "26.1.0")

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
