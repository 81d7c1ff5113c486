"""How commands find releases (SPEC 5, "Release references"), and what they say when they can't."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result

Run = Callable[..., Result]
Write = Callable[[str], Path]
ROSTER = "members: [{id: bob}, {id: jane}, {id: tobby}, {id: elvis}]\n"

# 26.1.0 Tue 2026-01-13 bob/jane, 26.3.0 Thu 2026-03-12 (moved from Fri 13) jane/bob, ...,
# 27.7.0 skipped. No milestones: a duty window is release day alone.
FOUR = "schedule: {first_release: 2026-01-13, skip: [27.7.0]}\n" + ROSTER
NOTHING = None  # the reference matches nothing for this command: exit 2

# The release each command takes a reference to mean; dates depend on the question asked.
MEANINGS: dict[str, dict[str, str | None]] = {
    "26.3.0": dict.fromkeys(("plan", "who", "swap", "issue", "pin"), "26.3.0"),
    "2": dict.fromkeys(("plan", "who", "swap", "issue", "pin"), "26.3.0"),
    "26.3.1": dict.fromkeys(("plan", "who", "swap", "issue", "pin"), "26.3.0"),
    "2026-03-12": dict.fromkeys(("plan", "who", "swap", "issue", "pin"), "26.3.0"),
    # Between two releases: the next one from, nobody on duty, the last one through.
    "2026-02-01": {
        "plan": "26.3.0",
        "who": "26.3.0",
        "swap": NOTHING,
        "issue": NOTHING,
        "pin": "26.1.0",
    },
    "26.3": dict.fromkeys(("plan", "who", "swap", "issue", "pin"), NOTHING),
    "999": dict.fromkeys(("plan", "who", "swap", "issue", "pin"), NOTHING),
    # A skipped release starts a plan or ends a pin, but has no crew to show or swap.
    "27.7.0": {
        "plan": "27.7.0",
        "who": NOTHING,
        "swap": NOTHING,
        "issue": NOTHING,
        "pin": "27.7.0",
    },
}


def meant(command: str, result: Result) -> str:
    """The release a command's output is about."""
    if command in ("plan", "who"):
        payload = json.loads(result.stdout)
        return str(payload["releases"][0]["version"] if command == "plan" else payload["version"])
    first = result.stdout.splitlines()[0] if command != "swap" else result.stdout
    if command == "issue":  # the title, "Release `26.3.x`" (the body no longer repeats it)
        title = str(json.loads(result.stdout)["title"])
        return title.removeprefix("Release `").removesuffix("`").replace(".x", ".0")
    if command == "swap":
        return result.stdout.split(" ", 1)[0]
    return first.rsplit(" ", 1)[-1]  # pin: "pinning N release(s): 26.1.0, ..., LAST"


def run(relrot: Run, path: Path, command: str, ref: str) -> Result:
    today = ("--today", "2026-01-01")
    args = {
        "plan": ("plan", "--from", ref, "--count", "1", "--format", "json", *today),
        "who": ("who", ref, "--format", "json", *today),
        "swap": ("swap", ref, "bob", "--dry-run", *today),
        "issue": ("issue", ref, "--format", "json", *today),
        "pin": ("pin", "--through", ref, "--dry-run", *today),
    }[command]
    return relrot("--file", path, *args)


@pytest.mark.parametrize("command", ["plan", "who", "swap", "issue", "pin"])
@pytest.mark.parametrize("ref", list(MEANINGS))
def test_a_reference_has_one_meaning_per_command(
    rotation_file: Write, relrot: Run, command: str, ref: str
) -> None:
    path = rotation_file(FOUR)
    before = path.read_bytes()
    result = run(relrot, path, command, ref)
    expected = MEANINGS[ref][command]
    if expected is NOTHING:
        assert result.exit_code == 2, result
        assert result.stdout == ""
        assert re.fullmatch(rf"relrot: error: {re.escape(str(path))}: \S.*\n", result.stderr)
    else:
        assert result.exit_code == 0, result
        assert meant(command, result) == expected
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("command", "ref", "message"),
    [
        ("who", "26.3", "no release has version '26.3'; did you mean 26.3.0?"),
        ("who", "26.4.0", "no release has version '26.4.0'; did you mean 26.3.0 or 26.5.0?"),
        (
            "who",
            "nonsense",
            "no release has version 'nonsense'; give a version, a number or a date",
        ),
        (
            "who",
            "999",
            "there is no release number 999: numbers run from 1 to 500 (relrot looks no further "
            "ahead)",
        ),
        ("who", "2026-02-30", "'2026-02-30' is not a calendar date; write YYYY-MM-DD"),
        ("who", "²", "no release has version '²'; give a version, a number or a date"),
        (
            "who",
            "27.7.0",
            "27.7.0 is skipped (`schedule.skip`): it has no crew; the nearest releases are "
            "27.5.0 on 2027-05-13 and 27.9.0 on 2027-09-13",
        ),
        (
            "swap",
            "2026-02-01",
            "no release is on duty on 2026-02-01; the nearest are 26.1.0 on 2026-01-13 and "
            "26.3.0 on 2026-03-12",
        ),
        ("plan", "", "the release is empty; give a version, a number or a date"),
        (
            "pin",
            "1999-01-01",
            "no release is dated on or before 1999-01-01; the first is 26.1.0 on 2026-01-13",
        ),
    ],
)
def test_a_reference_that_matches_nothing_names_the_nearest_releases(
    rotation_file: Write, relrot: Run, command: str, ref: str, message: str
) -> None:
    path = rotation_file(FOUR)
    result = run(relrot, path, command, ref)
    assert result.exit_code == 2, result
    assert result.stderr == f"relrot: error: {path}: {message}\n"


def test_an_out_of_range_rrule_ordinal_is_a_located_schema_error(
    rotation_file: Write, relrot: Run
) -> None:
    path = rotation_file(
        'schedule:\n  first_release: 2026-01-13\n  rrule: "FREQ=MONTHLY;BYDAY=+9TU"\n' + ROSTER
    )
    result = relrot("--file", path, "plan", "--today", "2026-01-01")
    assert result.exit_code == 1, result
    assert result.stderr == (
        f"{path}:3:10: error [schema] the rule cannot produce dates (an ordinal out of range?)\n"
    )


def test_a_swap_naming_a_far_release_number_is_an_unknown_release(
    rotation_file: Write, relrot: Run
) -> None:
    path = rotation_file(
        "schedule: {first_release: 2026-01-13}\n"
        + ROSTER
        + "swaps: [{release: 700, seat: pilot, out: bob, in: jane}]\n"
    )
    result = relrot("--file", path, "validate", "--today", "2026-01-01", "--format", "json")
    problems = json.loads(result.stdout)["problems"]
    assert [(p["rule"], p["line"], p["column"]) for p in problems] == [("unknown-release", 3, 19)]


def test_versions_without_a_patch_number_are_found_as_written(
    rotation_file: Write, relrot: Run
) -> None:
    path = rotation_file('schedule: {first_release: 2026-01-13, version: "{yy}.{m}"}\n' + ROSTER)
    result = relrot("--file", path, "issue", "26.5", "--today", "2026-01-01", "--format", "json")
    assert result.exit_code == 0, result
    found = json.loads(result.stdout)
    assert found["title"] == "Release `26.5`"
    assert found["body"].splitlines()[1] == "Release 26.5 is planned for Wednesday 2026-05-13."


def test_who_on_a_date_looks_past_skipped_releases(rotation_file: Write, relrot: Run) -> None:
    path = rotation_file("schedule: {first_release: 2026-01-13, skip: [26.5.0, 26.7.0]}\n" + ROSTER)
    result = relrot("--file", path, "who", "2026-04-01", "--format", "json")
    assert result.exit_code == 0, result
    assert json.loads(result.stdout)["version"] == "26.9.0"


def test_the_first_shipped_release_is_exempt_from_untrained_pilot(
    rotation_file: Write, relrot: Run
) -> None:
    path = rotation_file("schedule: {first_release: 2026-01-13, skip: [26.1.0]}\n" + ROSTER)
    result = relrot("--file", path, "validate", "--today", "2026-01-01", "--strict")
    assert result.exit_code == 0, result


def test_an_empty_value_is_located_at_its_key(rotation_file: Write, relrot: Run) -> None:
    path = rotation_file("schedule:\n  first_release:\n  every_months: 2\n" + ROSTER)
    result = relrot("--file", path, "validate", "--format", "json")
    problems = json.loads(result.stdout)["problems"]
    assert [(p["line"], p["column"], p["message"]) for p in problems] == [
        (2, 3, "`schedule.first_release`: is empty; write a date as YYYY-MM-DD")
    ]


def test_a_json_style_file_takes_new_entries_in_its_flow_mapping(
    rotation_file: Write, relrot: Run
) -> None:
    text = (
        '{"schedule": {"first_release": "2026-01-13"}, "members": [{"id": "bob"}, '
        '{"id": "jane"}, {"id": "tobby"}, {"id": "elvis"}]}\n'
    )
    path = rotation_file(text)
    result = relrot("--file", path, "swap", "26.7.0", "tobby", "--today", "2026-01-01")
    assert result.exit_code == 0, result
    assert path.read_text(encoding="utf-8") == text.replace(
        "]}\n",
        "], swaps: [{release: 26.7.0, seat: pilot, out: tobby, in: jane}, "
        "{release: 26.7.0, seat: co_pilot, out: jane, in: bob}]}\n",
    )


def test_pinning_a_release_that_already_lacks_a_seat_is_allowed(
    rotation_file: Write, relrot: Run
) -> None:
    # 26.5.0 (May 13) is in progress on May 8 (its branch was cut on May 6) and nobody is
    # free for it: the empty seats are an error before the pin and stay one after it.
    away = "away: [{from: 2026-05-01, to: 2026-05-31}]"
    path = rotation_file(
        "schedule: {first_release: 2026-01-13, milestones: [{name: branch, days: -7}]}\n"
        f"members: [{{id: bob, {away}}}, {{id: jane, {away}}}, {{id: tobby, {away}}}, "
        f"{{id: elvis, {away}}}]\n"
    )
    before = relrot("--file", path, "validate", "--today", "2026-05-08", "--format", "json")
    errors = [p for p in json.loads(before.stdout)["problems"] if p["severity"] == "error"]
    assert {p["rule"] for p in errors} == {"empty-seat"}
    result = relrot("--file", path, "pin", "--today", "2026-05-08", "--yes")
    assert result.exit_code == 0, result
    assert "  - {version: 26.5.0, date: 2026-05-13}\n" in path.read_text(encoding="utf-8")


def test_a_request_for_a_pinned_release_without_a_jump_seat_says_so(
    rotation_file: Write, relrot: Run
) -> None:
    path = rotation_file(
        "schedule: {first_release: 2026-01-13}\n"
        "members: [{id: bob}, {id: jane}, {id: tobby}, {id: zed, core: false}]\n"
        "jump_seat: [{member: zed, release: 26.3.0}]\n"
        "releases:\n"
        "  - {version: 26.1.0, pilot: bob, co_pilot: jane}\n"
        "  - {version: 26.3.0, pilot: jane, co_pilot: bob}\n"
    )
    result = relrot("--file", path, "validate", "--today", "2026-01-01", "--format", "json")
    messages = [p["message"] for p in json.loads(result.stdout)["problems"]]
    assert (
        "zed cannot sit in the jump seat of 26.3.0: 26.3.0 is pinned without a jump seat; "
        "name another release or drop `release` to take the next free one"
    ) in messages
