"""`relrot notify`: the notices due today, as a scheduled workflow runs it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.test_diff import git_repo, needs_git
from tests.conftest import Result
from tests.test_notify import ROSTER, SWAPPED, TOBBY_AWAY

__all__ = ["git_repo"]  # the fixture, used by name

Run = Callable[..., Result]


def notices(result: Result) -> list[dict[str, object]]:
    assert result.exit_code == 0, result
    found: list[dict[str, object]] = json.loads(result.stdout)["notices"]
    return found


def test_the_markdown_is_one_line_a_notice_mentioning_chat_handles(
    rotation_file: Callable[..., Path], relrot: Run
) -> None:
    path = rotation_file(ROSTER)
    result = relrot("--file", path, "notify", "--today", "2026-06-22")
    assert result.exit_code == 0, result
    assert result.stdout == (
        "Reminder for @**Jane Doe**: you are co-pilot of 26.7.0 (release day Mon 2026-07-13); "
        "duty starts in 14 days, on Mon 2026-07-06.\n"
        "Reminder for tobby: you are pilot of 26.7.0 (release day Mon 2026-07-13); "
        "duty starts in 14 days, on Mon 2026-07-06.\n"
        "Volunteers wanted: 26.7.0 (release day Mon 2026-07-13) has no QA lead; "
        "duty starts in 14 days, on Mon 2026-07-06.\n"
    )


def test_a_day_with_nothing_due_prints_nothing(
    rotation_file: Callable[..., Path], relrot: Run
) -> None:
    path = rotation_file(ROSTER)
    result = relrot("--file", path, "notify", "--today", "2026-06-23")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert (
        notices(relrot("--file", path, "notify", "--today", "2026-06-23", "--format", "json")) == []
    )


def test_json_gives_each_notice_its_stable_id_and_the_members_handles(
    rotation_file: Callable[..., Path], relrot: Run
) -> None:
    path = rotation_file(ROSTER)
    args = ("--file", path, "notify", "--today", "2026-02-19", "--format", "json")
    found = notices(relrot(*args))
    assert [(n["id"], n["github"], n["chat"], n["date"]) for n in found] == [
        ("reminder/26.3.0/bob/2026-02-19", None, "<@U01BOB>", "2026-02-19"),
        ("reminder/26.3.0/jane/2026-02-19", None, "@**Jane Doe**", "2026-02-19"),
        ("reminder/26.3.0/zed/2026-02-19", None, None, "2026-02-19"),
    ]
    assert all(
        list(n) == ["id", "kind", "release", "member", "github", "chat", "date", "text"]
        for n in found
    )
    assert notices(relrot(*args)) == found


def moved_members(diff: Result) -> set[object]:
    assert diff.exit_code == 0, diff
    changes = json.loads(diff.stdout)["changes"]
    return {c["before"] for c in changes} | {c["after"] for c in changes} - {None}


def test_since_a_file_moves_exactly_the_members_diff_names(
    rotation_file: Callable[..., Path], relrot: Run
) -> None:
    base = rotation_file(SWAPPED, "base.yaml")
    path = rotation_file(TOBBY_AWAY)
    today = ("--today", "2026-08-25")
    found = notices(relrot("--file", path, "notify", "--since", base, *today, "--format", "json"))
    moved = {n["member"] for n in found if n["kind"] == "seat-moved"}
    assert moved == moved_members(relrot("--file", path, "diff", base, *today, "--format", "json"))
    assert "tobby" in moved
    # The reminder missed by who became crew of 26.9.0 after its first reminder day.
    assert [n["id"] for n in found if n["kind"] == "reminder"] == ["reminder/26.9.0/bob/2026-08-25"]


@needs_git
def test_since_a_git_revision_reads_the_file_as_it_was_committed(
    git_repo: Callable[..., None], rotation_file: Callable[..., Path], relrot: Run
) -> None:
    path = rotation_file(ROSTER, "repo/rotation.yaml")
    git_repo("add", "rotation.yaml")
    git_repo("commit", "--quiet", "-m", "Add the rotation")
    path.write_text(SWAPPED, encoding="utf-8")
    base = rotation_file(ROSTER, "base.yaml")
    today = ("--today", "2026-04-28", "--format", "json")
    from_git = notices(relrot("--file", path, "notify", "--since", "git:HEAD", *today))
    assert from_git == notices(relrot("--file", path, "notify", "--since", base, *today))
    assert [n["id"] for n in from_git] == [
        "reminder/26.5.0/elvis/2026-04-28",
        "seat-moved/26.5.0/elvis/2026-04-28",
        "seat-moved/26.5.0/jane/2026-04-28",
    ]


def test_a_base_that_cannot_be_read_is_a_usage_error(
    rotation_file: Callable[..., Path], relrot: Run
) -> None:
    path = rotation_file(ROSTER)
    result = relrot("--file", path, "notify", "--since", path.parent / "gone.yaml")
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert "gone.yaml" in result.stderr


@pytest.mark.parametrize("output", ["markdown", "json"])
def test_no_notice_says_why_anyone_is_away(
    rotation_file: Callable[..., Path], relrot: Run, output: str
) -> None:
    path = rotation_file(TOBBY_AWAY)
    base = rotation_file(ROSTER, "base.yaml")
    for today in ("2026-06-22", "2026-07-05", "2026-08-20", "2026-08-25", "2026-09-02"):
        result = relrot(
            "--file", path, "notify", "--since", base, "--today", today, "--format", output
        )
        assert result.exit_code == 0, result
        assert result.stdout
        assert "surgery" not in result.stdout + result.stderr


MASS = """\
schedule:
  first_release: 2026-01-13
members:
  - {id: ann, name: "<!channel> <!here> <!everyone>", chat: "<@U0ANN>"}
  - {id: bea, name: "@**all** @**everyone** @room @channel @everyone @here"}
  - {id: cai}
  - {id: dov}
"""


@pytest.mark.parametrize("output", ["markdown", "json"])
def test_a_name_never_mentions_the_whole_chat(
    rotation_file: Callable[..., Path], relrot: Run, output: str
) -> None:
    path = rotation_file(MASS)
    result = relrot("--file", path, "notify", "--today", "2025-12-30", "--format", output)
    assert result.exit_code == 0, result
    text = (
        result.stdout if output == "markdown" else "".join(str(n["text"]) for n in notices(result))
    )
    assert "\uff20**all** \uff20**everyone** \uff20room \uff20channel" in text
    assert "<!" not in text
    assert "@" not in text.replace("<@U0ANN>", "")


# Three releases, the last on 2026-05-13: after it the calendar has ended.
ENDED = """\
schedule:
  first_release: 2026-01-13
  rrule: "FREQ=MONTHLY;INTERVAL=2;COUNT=3"
members: [{id: ana}, {id: ben}, {id: cas}]
"""


@pytest.mark.parametrize(
    ("output", "shown"), [("markdown", ""), ("json", '{\n  "notices": []\n}\n')]
)
def test_an_ended_calendar_has_nothing_due(
    rotation_file: Callable[..., Path], relrot: Run, output: str, shown: str
) -> None:
    path = rotation_file(ENDED)
    for today in ("2026-05-14", "2026-05-20", "2027-01-01"):
        result = relrot("--file", path, "notify", "--today", today, "--format", output)
        assert (result.exit_code, result.stdout, result.stderr) == (0, shown, ""), result


TEAM = Path("tests/data/portfolio/team.yaml").read_text(encoding="utf-8")
# The build tool's crew hears a week ahead only; the manager keeps the default [14, 1].
WEEK_AHEAD = TEAM.replace(
    "    crew_from: manager\n", "    crew_from: manager\n    remind_days: [7]\n"
)


def test_every_project_reminds_its_crew_on_its_own_reminder_days(
    rotation_file: Callable[..., Path], relrot: Run
) -> None:
    # The manager's 26.5.0 duty opens Mon 2026-05-04 (reminders 04-20 and 05-03); the build
    # tool's 26.5.0 is Tue 2026-05-12, its window that day (a reminder 05-05 only).
    path = rotation_file(WEEK_AHEAD)
    found = {}
    for day in ("2026-04-20", "2026-04-28", "2026-05-03", "2026-05-05", "2026-05-11"):
        due = notices(relrot("--file", path, "notify", "--today", day, "--format", "json"))
        found[day] = [str(n["id"]) for n in due]
    assert found == {
        "2026-04-20": [f"manager/reminder/26.5.0/{m}/2026-04-20" for m in ("kai", "lin", "max")],
        "2026-04-28": [],
        "2026-05-03": [f"manager/reminder/26.5.0/{m}/2026-05-03" for m in ("kai", "lin", "max")],
        "2026-05-05": [f"builder/reminder/26.5.0/{m}/2026-05-05" for m in ("lin", "max")],
        "2026-05-11": [],
    }
    due = notices(relrot("--file", path, "notify", "--today", "2026-05-05", "--format", "json"))
    assert due[0]["project"] == "builder"
    assert due[0]["text"] == (
        "Reminder for Lin Osei: you are pilot of Build tool 26.5.0 (release day Tue "
        "2026-05-12); duty starts in 7 days, on Tue 2026-05-12."
    )
    markdown = relrot("--file", path, "notify", "--today", "2026-05-05")
    assert markdown.stdout.splitlines()[1].startswith("Reminder for Max Feld: you are co-pilot")


def test_an_on_demand_term_sends_no_reminders(relrot: Run) -> None:
    # The plugin's terms open on the first of every other month: nothing is due before one,
    # for the whole file or for the plugin alone.
    for day in ("2026-04-17", "2026-04-30", "2026-05-01"):
        for chosen in ((), ("--project", "plugin")):
            result = relrot("--file", "tests/data/portfolio/team.yaml", *chosen, "notify",
                            "--today", day, "--format", "json")  # fmt: skip
            assert [n for n in notices(result) if n.get("project") != "manager"] == []


def test_a_one_project_notice_has_no_project(
    rotation_file: Callable[..., Path], relrot: Run
) -> None:
    due = notices(
        relrot(
            "--file", rotation_file(ROSTER), "notify", "--today", "2026-06-22", "--format", "json"
        )
    )
    assert due
    assert all("project" not in n for n in due)
    assert {str(n["id"]).split("/")[0] for n in due} <= {"reminder", "volunteers", "seat-moved"}


def test_since_moves_seats_in_the_project_that_changed(
    rotation_file: Callable[..., Path], relrot: Run, tmp_path: Path
) -> None:
    base = tmp_path / "base.yaml"
    base.write_text(TEAM, encoding="utf-8")
    swapped = TEAM.replace(
        "    jump_seat:\n",
        "    swaps:\n      - {release: 26.5.0, seat: co_pilot, out: max, in: noa}\n"
        "    jump_seat:\n",
    )
    path = rotation_file(swapped)
    result = relrot("--file", path, "notify", "--since", str(base), "--today", "2026-04-21",
                    "--format", "json")  # fmt: skip
    moved = [(n["id"], n["kind"]) for n in notices(result)]
    assert moved == [
        ("manager/reminder/26.5.0/noa/2026-04-21", "reminder"),
        ("manager/seat-moved/26.5.0/max/2026-04-21", "seat-moved"),
        ("manager/seat-moved/26.5.0/noa/2026-04-21", "seat-moved"),
        # The build tool takes the manager's crew after its swaps: its seats move too; its
        # duty is 21 days off, after its first reminder day, so no reminder is missed yet.
        ("builder/seat-moved/26.5.0/max/2026-04-21", "seat-moved"),
        ("builder/seat-moved/26.5.0/noa/2026-04-21", "seat-moved"),
    ]
