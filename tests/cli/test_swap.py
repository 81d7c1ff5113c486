"""`relrot swap`: the step-up rule, ranked replacements, refusals and the safe write (SPEC 5.3)."""

from __future__ import annotations

import errno
import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from relrot.yamlfile import patch
from relrot.yamlfile.load import Loaded
from tests.cli.conftest import TODAY, Run, assert_refused, assert_valid, in_folder
from tests.conftest import CREW, DATA, GOLDEN, Golden, Result

# How the untrained-pilot warning ends: what to do about it.
UNTRAINED_HINT = "pair them with an experienced co-pilot or let them co-pilot first"
TOBBY_UNTRAINED = (
    "  warning [untrained-pilot] tobby pilots 26.9.0 for the first time without having been "
    f"co-pilot of 26.7.0; {UNTRAINED_HINT}\n"
)

STEP_UP_EXPLANATION = (
    "26.7.0 (Mon 2026-07-13): Tobby Tanaka opts out as pilot\n"
    "  Jane Doe steps up from co-pilot to pilot (has piloted before)\n"
    "  co-pilot: Bob Ross\n"
    "\n"
    "Candidates for the co-pilot seat, best first:\n"
    "  1. Bob Ross: has served in a seat before; free in 26.5.0 and 26.9.0; 6 seats within 6 "
    "releases; adds untrained-pilot in 26.9.0\n"
    "  2. Elvis Presley: has never served; seated in 26.9.0, next to it; 4 seats within 6 "
    "releases; adds serving-streak in 27.3.0, untrained-pilot in 26.9.0\n"
    "Not eligible:\n"
    "  - Jane Doe: already seated in 26.7.0\n"
    "  - Zed Zimmer: not a core member\n"
    "\n"
    "This swap adds 1 problem(s):\n" + TOBBY_UNTRAINED
)

STEP_UP_ENTRIES = """\
swaps:
  - {release: 26.7.0, seat: pilot, out: tobby, in: jane}
  - {release: 26.7.0, seat: co_pilot, out: jane, in: bob}
"""


# --- the step-up rule ---------------------------------------------------------------------------


def test_the_co_pilot_who_piloted_before_steps_up_and_the_co_pilot_seat_is_refilled(
    crew: Path, relrot: Run
) -> None:
    result = relrot("--file", "rotation.yaml", "swap", "26.7.0", "tobby", "--today", TODAY)
    assert result.exit_code == 0, result
    assert result.stdout == STEP_UP_EXPLANATION
    assert result.stderr == "wrote 2 swap entries to rotation.yaml\n"
    assert crew.read_text(encoding="utf-8") == CREW + STEP_UP_ENTRIES
    assert_valid(relrot)


def test_after_the_step_up_the_plan_shows_the_new_crew(crew: Path, relrot: Run) -> None:
    relrot("--file", crew, "swap", "26.7.0", "tobby", "--today", TODAY)
    result = relrot("--file", crew, "plan", "--from", "26.7.0", "--count", "1", "--format", "json")
    assert result.exit_code == 0, result
    assert '"pilot": "jane"' in result.stdout
    assert '"co_pilot": "bob"' in result.stdout


def test_the_pilot_seat_is_refilled_when_the_co_pilot_never_piloted(
    crew: Path, relrot: Run
) -> None:
    result = relrot("--file", "rotation.yaml", "swap", "26.5.0", "jane", "--today", TODAY)
    assert result.exit_code == 0, result
    # bob has piloted (26.1.0): that outranks elvis being free on both sides. bob's choice
    # adds nothing, so nobody after him is worked out.
    assert result.stdout == (
        "26.5.0 (Wed 2026-05-13): Jane Doe opts out as pilot\n"
        "  pilot: Bob Ross\n"
        "\n"
        "Candidates for the pilot seat, best first:\n"
        "  1. Bob Ross: has held the pilot seat before; seated in 26.3.0, next to it; "
        "5 seats within 6 releases; adds no problem\n"
        "  2. Elvis Presley: has never been pilot; free in 26.3.0 and 26.7.0; "
        "4 seats within 6 releases\n"
        "Not eligible:\n"
        "  - Tobby Tanaka: already seated in 26.5.0\n"
        "  - Zed Zimmer: not a core member\n"
    )
    assert result.stderr == "wrote 1 swap entry to rotation.yaml\n"
    assert crew.read_text(encoding="utf-8") == CREW + (
        "swaps:\n  - {release: 26.5.0, seat: pilot, out: jane, in: bob}\n"
    )
    assert_valid(relrot)


def test_a_co_pilot_who_opts_out_is_replaced_without_a_step_up(crew: Path, relrot: Run) -> None:
    result = relrot("--file", "rotation.yaml", "swap", "26.9.0", "elvis", "--today", TODAY)
    assert result.exit_code == 0, result
    # Both have served; jane flew 26.7.0, right before it, so bob comes first.
    assert result.stdout == (
        "26.9.0 (Thu 2026-09-10): Elvis Presley opts out as co-pilot\n"
        "  co-pilot: Bob Ross\n"
        "\n"
        "Candidates for the co-pilot seat, best first:\n"
        "  1. Bob Ross: has served in a seat before; free in 26.7.0 and 26.11.0; "
        "6 seats within 6 releases; adds untrained-pilot in 26.11.0\n"
        "  2. Jane Doe: has served in a seat before; seated in 26.7.0, next to it; "
        "7 seats within 6 releases; adds serving-streak in 26.9.0, untrained-pilot in 26.11.0\n"
        "Not eligible:\n"
        "  - Tobby Tanaka: already seated in 26.9.0\n"
        "  - Zed Zimmer: not a core member\n"
        "\n"
        "This swap adds 1 problem(s):\n"
        "  warning [untrained-pilot] elvis pilots 26.11.0 for the first time without having "
        f"been co-pilot of 26.9.0; {UNTRAINED_HINT}\n"
    )
    assert crew.read_text(encoding="utf-8") == CREW + (
        "swaps:\n  - {release: 26.9.0, seat: co_pilot, out: elvis, in: bob}\n"
    )
    assert_valid(relrot)


@pytest.mark.parametrize("release", ["4", "2026-07-13"])
def test_the_release_may_be_given_by_number_or_date(crew: Path, relrot: Run, release: str) -> None:
    result = relrot("--file", "rotation.yaml", "swap", release, "tobby", "--today", TODAY)
    assert result.exit_code == 0, result
    assert result.stdout == STEP_UP_EXPLANATION
    assert crew.read_text(encoding="utf-8") == CREW + STEP_UP_ENTRIES


def test_the_reason_is_recorded_on_every_entry(crew: Path, relrot: Run) -> None:
    result = relrot(
        "--file", "rotation.yaml", "swap", "26.7.0", "tobby", "--reason", "conference: PyCon",
        "--today", TODAY,
    )  # fmt: skip
    assert result.exit_code == 0, result
    assert crew.read_text(encoding="utf-8") == CREW + (
        "swaps:\n"
        '  - {release: 26.7.0, seat: pilot, out: tobby, in: jane, reason: "conference: PyCon"}\n'
        '  - {release: 26.7.0, seat: co_pilot, out: jane, in: bob, reason: "conference: PyCon"}\n'
    )
    assert_valid(relrot)


def test_a_plain_reason_is_written_without_quotes(crew: Path, relrot: Run) -> None:
    result = relrot(
        "--file", "rotation.yaml", "swap", "26.7.0", "tobby", "--with", "bob",
        "--reason", "dentist appointment", "--today", TODAY,
    )  # fmt: skip
    assert result.exit_code == 0, result
    assert crew.read_text(encoding="utf-8") == CREW + (
        "swaps:\n"
        "  - {release: 26.7.0, seat: pilot, out: tobby, in: bob, reason: dentist appointment}\n"
    )


# --- --with -------------------------------------------------------------------------------------


def test_with_puts_the_other_member_in_the_seat_without_a_step_up(crew: Path, relrot: Run) -> None:
    result = relrot(
        "--file", "rotation.yaml", "swap", "26.7.0", "tobby", "--with", "bob", "--today", TODAY
    )
    assert result.exit_code == 0, result
    assert result.stdout == (
        "26.7.0 (Mon 2026-07-13): Tobby Tanaka opts out as pilot\n"
        "  pilot: Bob Ross (named with --with)\n"
        "\n"
        "Candidates for the pilot seat, best first:\n"
        "  1. Bob Ross: has held the pilot seat before; free in 26.5.0 and 26.9.0; "
        "6 seats within 6 releases\n"
        "  2. Elvis Presley: has never been pilot; seated in 26.9.0, next to it; "
        "4 seats within 6 releases\n"
        "Not eligible:\n"
        "  - Jane Doe: already seated in 26.7.0\n"
        "  - Zed Zimmer: not a core member\n"
        "\n"
        "This swap adds 1 problem(s):\n" + TOBBY_UNTRAINED
    )
    assert result.stderr == "wrote 1 swap entry to rotation.yaml\n"
    assert crew.read_text(encoding="utf-8") == CREW + (
        "swaps:\n  - {release: 26.7.0, seat: pilot, out: tobby, in: bob}\n"
    )
    assert_valid(relrot)


@pytest.mark.parametrize(
    ("other", "why"),
    [
        ("zed", "not a core member"),
        ("jane", "already seated in 26.7.0"),
        ("tobby", "already seated in 26.7.0"),
    ],
)
def test_with_someone_ineligible_is_refused_with_the_reason(
    crew: Path, relrot: Run, other: str, why: str
) -> None:
    result = relrot(
        "--file", "rotation.yaml", "swap", "26.7.0", "tobby", "--with", other, "--today", TODAY
    )
    assert_refused(
        result,
        crew,
        CREW,
        f"rotation.yaml: error [swap] {other} cannot take the pilot seat of 26.7.0: {why}\n",
    )
    assert result.stdout == ""


def test_with_someone_not_on_the_roster_suggests_a_name(crew: Path, relrot: Run) -> None:
    result = relrot(
        "--file", "rotation.yaml", "swap", "26.7.0", "tobby", "--with", "elvs", "--today", TODAY
    )
    assert_unknown(
        result,
        crew,
        "relrot: error: rotation.yaml: 'elvs' is not on the roster; did you mean elvis?",
    )


def test_with_a_swap_that_would_add_a_validation_error_is_refused(crew: Path, relrot: Run) -> None:
    # elvis would sit in 26.7.0 .. 27.3.0: five releases in a row.
    result = relrot(
        "--file", "rotation.yaml", "swap", "26.7.0", "tobby", "--with", "elvis", "--today", TODAY
    )
    assert_refused(
        result,
        crew,
        CREW,
        "rotation.yaml: error [edit] refused: this swap would add 3 problem(s); rotation.yaml "
        "is unchanged\n"
        "rotation.yaml:11:9: error [serving-streak] elvis is seated in 5 releases in a row, 26.7.0 "
        "to 27.3.0; a stint is 4: nobody serves two stints back to back, so give one of these "
        "seats to someone else\n"
        "rotation.yaml:19:52: warning [untrained-pilot] elvis pilots 26.7.0 for the first time "
        f"without having been co-pilot of 26.5.0; {UNTRAINED_HINT}\n"
        "rotation.yaml:9:9: warning [untrained-pilot] tobby pilots 26.9.0 for the first time "
        f"without having been co-pilot of 26.7.0; {UNTRAINED_HINT}\n",
    )


# --- refusals -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("release", "member", "message"),
    [
        ("26.7", "tobby", "no release has version '26.7'; did you mean 26.7.0?"),
        ("26.07.0", "tobby", "no release has version '26.07.0'; did you mean 26.7.0?"),
        ("26.7.0", "toby", "'toby' is not on the roster; did you mean tobby?"),
        (
            "26.7.0",
            "nobody",
            "'nobody' is not on the roster; members are bob, jane, tobby, elvis, zed",
        ),
    ],
)
def test_an_unknown_release_or_member_is_a_usage_error_with_a_suggestion(
    crew: Path, relrot: Run, release: str, member: str, message: str
) -> None:
    result = relrot("--file", "rotation.yaml", "swap", release, member, "--today", TODAY)
    assert_unknown(result, crew, f"relrot: error: rotation.yaml: {message}")


def assert_unknown(result: Result, path: Path, stderr: str) -> None:
    """A name that matches nothing: a usage error (exit 2), the file as it was."""
    assert result.exit_code == 2, result
    assert result.stderr == stderr + "\n"
    assert result.stdout == ""
    assert path.read_text(encoding="utf-8") == CREW


def test_a_member_who_holds_no_seat_is_told_who_does(crew: Path, relrot: Run) -> None:
    result = relrot("--file", "rotation.yaml", "swap", "26.5.0", "elvis", "--today", TODAY)
    assert_refused(
        result,
        crew,
        CREW,
        "rotation.yaml: error [swap] elvis holds no seat in 26.5.0 (pilot jane, co-pilot tobby)\n",
    )


def test_a_member_who_only_holds_the_jump_seat_is_told_to_remove_the_request(
    crew: Path, relrot: Run
) -> None:
    result = relrot("--file", "rotation.yaml", "swap", "26.5.0", "zed", "--today", TODAY)
    assert_refused(
        result,
        crew,
        CREW,
        "rotation.yaml: error [swap] zed only holds the jump seat of 26.5.0; to give it up, remove "
        "their request from `jump_seat:`\n",
    )


def test_a_release_dated_before_today_is_history(crew: Path, relrot: Run) -> None:
    result = relrot("--file", "rotation.yaml", "swap", "26.1.0", "bob", "--today", "2026-01-14")
    assert_refused(
        result,
        crew,
        CREW,
        "rotation.yaml: error [swap] 26.1.0 went out on 2026-01-13, before today (2026-01-14); "
        "history cannot be swapped: run `relrot pin` to record it, then correct its seats in "
        "`releases:`\n",
    )


def test_a_release_dated_today_can_still_be_swapped(crew: Path, relrot: Run) -> None:
    result = relrot("--file", "rotation.yaml", "swap", "26.1.0", "bob", "--today", "2026-01-13")
    assert result.exit_code == 0, result
    assert crew.read_text(encoding="utf-8") == CREW + (
        "swaps:\n  - {release: 26.1.0, seat: pilot, out: bob, in: elvis}\n"
    )
    assert_valid(relrot, "2026-01-13")


NOBODY = """\
schedule:
  first_release: 2026-01-13
members:
  - id: bob
    away:
      - {from: 2026-05-01, to: 2026-05-31}
  - id: jane
  - id: tobby
  - id: elvis
    away:
      - {from: 2026-05-10, to: 2026-05-20, reason: conference}
  - id: kai
    joined: 2027-01-01
  - id: lee
    left: 2026-04-01
  - id: amy
  - id: zed
    core: false
jump_seat:
  - {member: amy, release: 26.5.0}
"""


@pytest.mark.parametrize(
    ("member", "seat", "seated"),
    [("tobby", "co-pilot", "jane"), ("jane", "pilot", "tobby")],
)
def test_when_nobody_is_eligible_every_persons_reason_is_listed(
    rotation_file: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
    relrot: Run,
    member: str,
    seat: str,
    seated: str,
) -> None:
    path = in_folder(NOBODY, rotation_file, monkeypatch)
    result = relrot("--file", "rotation.yaml", "swap", "26.5.0", member, "--today", TODAY)
    assert_refused(
        result,
        path,
        NOBODY,
        f"rotation.yaml: error [swap] nobody can take the {seat} seat of 26.5.0: "
        "bob: away 2026-05-01..2026-05-31; "
        f"{seated}: already seated in 26.5.0; "
        "elvis: away 2026-05-10..2026-05-20; "
        "kai: joins on 2027-01-01; "
        "lee: left on 2026-04-01; "
        "amy: holds the jump seat, which is not a backup; "
        "zed: not a core member\n",
    )
    assert result.stdout == ""


def test_the_jump_seat_holder_is_never_a_candidate_even_with_with(
    rotation_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, relrot: Run
) -> None:
    path = in_folder(NOBODY, rotation_file, monkeypatch)
    result = relrot(
        "--file", "rotation.yaml", "swap", "26.5.0", "tobby", "--with", "amy", "--today", TODAY
    )
    assert_refused(
        result,
        path,
        NOBODY,
        "rotation.yaml: error [swap] amy cannot take the co-pilot seat of 26.5.0: holds the "
        "jump seat, which is not a backup\n",
    )


# --- --dry-run ----------------------------------------------------------------------------------


def test_dry_run_prints_the_unified_diff_and_writes_nothing(crew: Path, relrot: Run) -> None:
    before = crew.stat()
    result = relrot(
        "--file", "rotation.yaml", "swap", "26.7.0", "tobby", "--dry-run", "--today", TODAY
    )
    assert result.exit_code == 0, result
    assert result.stdout == STEP_UP_EXPLANATION + (
        "\n"
        "--- a/rotation.yaml\n"
        "+++ b/rotation.yaml\n"
        "@@ -15,3 +15,6 @@\n"
        "     core: false\n"
        " jump_seat:\n"
        "   - {member: zed, release: 26.5.0}   # observes 26.5.0\n"
        "+swaps:\n"
        "+  - {release: 26.7.0, seat: pilot, out: tobby, in: jane}\n"
        "+  - {release: 26.7.0, seat: co_pilot, out: jane, in: bob}\n"
    )
    assert result.stderr == "(dry run: nothing written)\n"
    assert crew.read_bytes() == CREW.encode()
    after = crew.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert sorted(p.name for p in crew.parent.iterdir()) == ["rotation.yaml"]


def test_dry_run_on_a_file_without_a_final_newline_prints_a_well_formed_diff(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, relrot: Run
) -> None:
    original = (DATA / "roundtrip" / "no_trailing_newline.yaml").read_bytes()
    (tmp_path / "rotation.yaml").write_bytes(original)
    monkeypatch.chdir(tmp_path)
    result = relrot(
        "--file", "rotation.yaml", "swap", "26.5.0", "rae", "--dry-run", "--today", TODAY
    )
    assert result.exit_code == 0, result
    assert result.stdout.endswith(
        "\n"
        "--- a/rotation.yaml\n"
        "+++ b/rotation.yaml\n"
        "@@ -6,4 +6,6 @@\n"
        "   - id: rae\n"
        "   - id: sol\n"
        "     name: Sol Ortiz\n"
        "-    github: sol-o\n"
        "\\ No newline at end of file\n"
        "+    github: sol-o\n"
        "+swaps:\n"
        "+  - {release: 26.5.0, seat: co_pilot, out: rae, in: pat}\n"
    )
    assert (tmp_path / "rotation.yaml").read_bytes() == original


# --- candidate ranking (SPEC 5.3) ---------------------------------------------------------------

# Plan: 27.3.0 eve/dan, 27.5.0 eve/fay, 27.7.0 fay/eve; fay has never piloted, so when eve
# opts out of 27.5.0 the pilot seat is refilled. gil joins in time but has never piloted.
RANKED = """\
schedule:
  first_release: 2026-01-13
members:
  - id: amy
  - id: bob
  - id: cat
  - id: dan
  - id: eve
  - id: fay
  - id: gil
    joined: 2027-05-01
    away:
      - {from: 2027-06-01, to: 2027-10-31, reason: visa}
"""


def test_candidates_are_ranked_and_explained(
    rotation_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, relrot: Run
) -> None:
    path = in_folder(RANKED, rotation_file, monkeypatch)
    result = relrot("--file", "rotation.yaml", "swap", "27.5.0", "eve", "--today", TODAY)
    assert result.exit_code == 0, result
    # amy: fewest seats nearby; bob before cat: same counts, file order. (gil, who joins
    # the back of the queue on 2027-05-01, is seated in none of these releases.)
    assert result.stdout == (
        "27.5.0 (Thu 2027-05-13): eve opts out as pilot\n"
        "  pilot: amy\n"
        "\n"
        "Candidates for the pilot seat, best first:\n"
        "  1. amy: has held the pilot seat before; free in 27.3.0 and 27.7.0; "
        "4 seats within 6 releases; adds no problem\n"
        "  2. bob: has held the pilot seat before; free in 27.3.0 and 27.7.0; "
        "5 seats within 6 releases\n"
        "  3. cat: has held the pilot seat before; free in 27.3.0 and 27.7.0; "
        "5 seats within 6 releases\n"
        "Not eligible:\n"
        "  - fay: already seated in 27.5.0\n"
    )
    assert path.read_text(encoding="utf-8") == RANKED + (
        "swaps:\n  - {release: 27.5.0, seat: pilot, out: eve, in: amy}\n"
    )
    assert_valid(relrot)


def test_the_full_ranking_follows_the_four_keys_in_order(
    rotation_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from relrot.project import Project
    from relrot.swap import Seated, propose

    path = in_folder(RANKED, rotation_file, monkeypatch)
    project = Project.load(path)
    plan = project.plan(20)
    release = next(r for r in plan.releases if r.version == "27.5.0")
    proposal = propose(project.model, plan, release, "eve", today=dt.date(2026, 1, 1))
    ranked = [
        (c.member, c.held_seat, c.adjacent, c.nearby_seats, c.order) for c in proposal.candidates
    ]
    # gil has the fewest seats (none) but never piloted: last. dan flew 27.3.0: after
    # everyone free on both sides, though he has fewer seats than bob and cat.
    assert ranked == [
        ("amy", True, (), 4, 0),
        ("bob", True, (), 5, 1),
        ("cat", True, (), 5, 2),
        ("dan", True, ("27.3.0",), 4, 3),
        ("gil", False, (), 0, 6),
    ]
    assert proposal.excluded == (("fay", Seated("27.5.0")),)


@pytest.mark.usefixtures("crew")
def test_a_co_pilot_candidate_counts_either_seat_as_experience(relrot: Run) -> None:
    result = relrot(
        "--file", "rotation.yaml", "swap", "26.5.0", "tobby", "--dry-run", "--today", TODAY
    )
    assert result.exit_code == 0, result
    # bob has only co-piloted and piloted 26.1.0; elvis never served: bob first, though
    # he sits next to it in 26.3.0.
    assert result.stdout.splitlines()[:6] == [
        "26.5.0 (Wed 2026-05-13): Tobby Tanaka opts out as co-pilot",
        "  co-pilot: Bob Ross",
        "",
        "Candidates for the co-pilot seat, best first:",
        "  1. Bob Ross: has served in a seat before; seated in 26.3.0, next to it; "
        "5 seats within 6 releases; adds untrained-pilot in 26.7.0",
        "  2. Elvis Presley: has never served; free in 26.3.0 and 26.7.0; "
        "4 seats within 6 releases; adds untrained-pilot in 26.7.0",
    ]


# --- the write ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "member"),
    [
        ("commented.yaml", "tobby"),
        ("crlf.yaml", "grace"),
        ("bom.yaml", "bjorn"),
        ("flow_members.yaml", "tobby"),
        ("empty_swaps_anchor.yaml", "clay"),
        ("indent4_offset0.yaml", "clara"),
        ("no_trailing_newline.yaml", "rae"),
    ],
)
def test_a_swap_keeps_every_byte_of_the_file_and_validates(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, relrot: Run, fixture: str, member: str
) -> None:
    original = (DATA / "roundtrip" / fixture).read_bytes()
    (tmp_path / "rotation.yaml").write_bytes(original)
    monkeypatch.chdir(tmp_path)
    result = relrot("--file", "rotation.yaml", "swap", "26.5.0", member, "--yes", "--today", TODAY)
    assert result.exit_code == 0, result
    written = (tmp_path / "rotation.yaml").read_bytes()
    kept = original if original.endswith(b"\n") else original + b"\n"
    old_lines = kept.splitlines(keepends=True)
    new_lines = written.splitlines(keepends=True)
    # Every original line survives, in order (a flow `swaps:` line gains the entry).
    flow = [line for line in old_lines if line.startswith(b"swaps: [")]
    remaining = iter(new_lines)
    for line in old_lines:
        if line in flow:
            changed = next(n for n in remaining if n.startswith(b"swaps: ["))
            assert changed.endswith(line[line.index(b"]") :])
        else:
            assert line in remaining, line
    assert written.startswith(b"\xef\xbb\xbf") == original.startswith(b"\xef\xbb\xbf")
    assert written.count(b"\r\n") == (written.count(b"\n") if b"\r\n" in original else 0)
    assert_valid(relrot)


def test_a_swap_in_the_repository_rotation_file_validates(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, relrot: Run
) -> None:
    from tests.conftest import ROOT

    original = (ROOT / "rotation.yaml").read_text(encoding="utf-8")
    (tmp_path / "rotation.yaml").write_text(original, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = relrot("--file", "rotation.yaml", "swap", "26.5.0", "chen", "--today", TODAY)
    assert result.exit_code == 0, result
    written = (tmp_path / "rotation.yaml").read_text(encoding="utf-8")
    assert written.startswith(original)
    assert written[len(original) :] == (
        "swaps:\n  - {release: 26.5.0, seat: co_pilot, out: chen, in: amara}\n"
    )
    assert_valid(relrot)


def test_a_second_swap_is_appended_after_the_first(crew: Path, relrot: Run) -> None:
    relrot("--file", "rotation.yaml", "swap", "26.7.0", "tobby", "--today", TODAY)
    result = relrot("--file", "rotation.yaml", "swap", "26.9.0", "elvis", "--today", TODAY)
    assert result.exit_code == 0, result
    assert result.stdout.splitlines()[:2] == [
        "26.9.0 (Thu 2026-09-10): Elvis Presley opts out as co-pilot",
        "  co-pilot: Bob Ross",
    ]
    assert crew.read_text(encoding="utf-8") == CREW + STEP_UP_ENTRIES + (
        "  - {release: 26.9.0, seat: co_pilot, out: elvis, in: bob}\n"
    )
    assert_valid(relrot)


@pytest.mark.usefixtures("crew")
def test_a_member_who_opted_out_of_a_release_is_not_put_back_into_it(relrot: Run) -> None:
    relrot("--file", "rotation.yaml", "swap", "26.7.0", "tobby", "--today", TODAY)
    result = relrot(
        "--file", "rotation.yaml", "swap", "26.7.0", "bob", "--dry-run", "--today", TODAY
    )
    # Elvis would then serve five releases in a row, so the swap itself is refused; what
    # matters here is the choice: tobby said he cannot make 26.7.0, so he must not be its
    # new co-pilot, nor a candidate.
    assert result.exit_code == 1, result
    assert result.stdout.splitlines()[:2] == [
        "26.7.0 (Mon 2026-07-13): Bob Ross opts out as co-pilot",
        "  co-pilot: Elvis Presley",
    ]
    candidates = result.stdout.split("best first:\n")[1].split("Not eligible:")[0]
    assert "Tobby Tanaka" not in candidates


def test_the_member_who_stepped_out_holds_no_seat_any_more(crew: Path, relrot: Run) -> None:
    relrot("--file", "rotation.yaml", "swap", "26.7.0", "tobby", "--today", TODAY)
    after_first = crew.read_text(encoding="utf-8")
    result = relrot("--file", "rotation.yaml", "swap", "26.7.0", "tobby", "--today", TODAY)
    assert_refused(
        result,
        crew,
        after_first,
        "rotation.yaml: error [swap] tobby holds no seat in 26.7.0 (pilot jane, co-pilot bob)\n",
    )


def test_a_failed_rename_leaves_the_file_and_no_temporary_file(
    crew: Path, relrot: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(*_args: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(os, "replace", read_only)
    result = relrot("--file", "rotation.yaml", "swap", "26.7.0", "tobby", "--today", TODAY)
    assert result.exit_code == 2, result
    assert result.stderr == (
        "relrot: error: rotation.yaml: could not write: Read-only file system; "
        "the file is unchanged\n"
    )
    assert crew.read_text(encoding="utf-8") == CREW
    assert sorted(p.name for p in crew.parent.iterdir()) == ["rotation.yaml"]


def test_a_file_changed_while_relrot_worked_keeps_the_other_change(
    crew: Path, relrot: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    concurrent = CREW + "# added by someone else\n"
    encode_like = patch.encode_like

    def encode_after_a_race(loaded: Loaded, text: str) -> bytes:
        crew.write_text(concurrent, encoding="utf-8")
        return encode_like(loaded, text)

    monkeypatch.setattr(patch, "encode_like", encode_after_a_race)
    result = relrot("--file", "rotation.yaml", "swap", "26.7.0", "tobby", "--today", TODAY)
    assert_refused(
        result,
        crew,
        concurrent,
        "rotation.yaml: error [edit] rotation.yaml changed while relrot was working; nothing "
        "was written: run the command again\n",
    )


def test_a_symlinked_rotation_file_stays_a_link(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, relrot: Run
) -> None:
    # Both folders are in one checkout: a link may lead anywhere inside its repository.
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "crew.yaml").write_text(CREW, encoding="utf-8")
    (shared / "crew.yaml").chmod(0o640)
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "rotation.yaml").symlink_to(Path("..") / "shared" / "crew.yaml")
    monkeypatch.chdir(repo)

    result = relrot("--file", "rotation.yaml", "swap", "26.7.0", "tobby", "--today", TODAY)

    assert result.exit_code == 0, result
    assert (repo / "rotation.yaml").is_symlink()
    assert (repo / "rotation.yaml").readlink() == Path("..") / "shared" / "crew.yaml"
    assert (shared / "crew.yaml").read_text(encoding="utf-8") == CREW + STEP_UP_ENTRIES
    assert (shared / "crew.yaml").stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in shared.iterdir()) == ["crew.yaml"]
    assert sorted(p.name for p in repo.iterdir()) == ["rotation.yaml"]
    assert_valid(relrot)


def test_the_file_mode_is_kept(crew: Path, relrot: Run) -> None:
    crew.chmod(0o640)
    result = relrot("--file", "rotation.yaml", "swap", "26.7.0", "tobby", "--today", TODAY)
    assert result.exit_code == 0, result
    assert crew.stat().st_mode & 0o777 == 0o640


def test_apostrophes_in_an_existing_flow_swaps_list_do_not_crash_the_swap(
    rotation_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, relrot: Run
) -> None:
    text = (
        CREW
        + "swaps: [{release: 26.9.0, seat: co_pilot, out: elvis, in: jane, reason: it's fine}]\n"
    )
    path = in_folder(text, rotation_file, monkeypatch)
    result = relrot("--file", "rotation.yaml", "swap", "26.5.0", "jane", "--today", TODAY)
    assert result.exit_code == 0, result
    assert path.read_text(encoding="utf-8") == text.replace(
        "it's fine}]", "it's fine}, {release: 26.5.0, seat: pilot, out: jane, in: bob}]"
    )


# --- what a swap costs --------------------------------------------------------------------------


def test_the_readme_swap_says_every_warning_it_adds(
    rotation_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, relrot: Run
) -> None:
    from tests.conftest import ROOT

    path = in_folder(
        (ROOT / "rotation.yaml").read_text(encoding="utf-8"), rotation_file, monkeypatch
    )
    today = ("--today", "2026-11-21")
    # The plan itself has no untrained pilot: validate --strict fails only on the releases
    # before today that the file has not pinned, which the swap leaves as they are.
    unpinned = "warning [unpinned-history] 6 releases before today are not pinned: their "
    unpinned += "crews are the plan's; record them with `relrot import` or `relrot pin`"
    assert relrot("validate", "--strict", *today).exit_code == 1
    before = path.read_bytes()
    strict = relrot("swap", "27.3.0", "eli", "--strict", *today)
    assert strict.exit_code == 1, strict
    assert path.read_bytes() == before
    assert "(--strict refuses warnings too)" in strict.stderr

    written = relrot("swap", "27.3.0", "eli", "--yes", *today)
    assert written.exit_code == 0, written
    announced = [
        line.strip() for line in written.stdout.splitlines() if line.startswith("  warning [")
    ]
    reported = relrot("validate", "--format", "json", *today)
    warnings = [
        f"warning [{p['rule']}] {p['message']}"
        for p in json.loads(reported.stdout)["problems"]
        if p["severity"] == "warning"
    ]
    # Every warning the file has now was there before or announced by the swap that added it.
    assert warnings[0] == unpinned
    assert (
        warnings[1:]
        == announced
        == [
            "warning [untrained-pilot] eli pilots 27.5.0 for the first time without having been "
            "co-pilot of 27.3.0; pair them with an experienced co-pilot or let them co-pilot first"
        ]
    )


def test_a_line_break_in_a_name_is_shown_not_made(
    rotation_file: Callable[[str], Path], relrot: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_folder(
        CREW.replace("name: Jane Doe", 'name: "Jane\\n  co-pilot: mallory"'),
        rotation_file,
        monkeypatch,
    )
    result = relrot(
        "--file", "rotation.yaml", "swap", "26.7.0", "tobby", "--dry-run", "--today", TODAY
    )
    assert result.exit_code == 0, result
    assert "  Jane\\n  co-pilot: mallory steps up" in result.stdout
    assert not any(line.startswith("  co-pilot: mallory") for line in result.stdout.splitlines())


# --- role seats (SPEC 3.7) ----------------------------------------------------------------------

# QA from a pool of debi (a pilot too), kai and amy. The plan (pilot / co-pilot / QA):
# 26.1.0 anna / bert / debi, 26.3.0 bert / anna / kai, 26.5.0 bert / clay / amy,
# 26.7.0 clay / bert / debi, 26.9.0 clay / debi / kai, 26.11.0 debi / clay / amy, ...
ROLES = """\
schedule:
  first_release: 2026-01-12
members:
  - {id: anna, name: Anna Ames}
  - {id: bert, name: Bert Bell}
  - {id: clay, name: Clay Cole}
  - {id: debi, name: Debi Dorn}
  - {id: kai, name: Kai Kent, core: false}
  - {id: amy, name: Amy Ash, core: false}
roles:
  - {id: qa, name: QA lead, pool: [debi, kai, amy]}
"""


@pytest.fixture
def roles(rotation_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    return in_folder(ROLES, rotation_file, monkeypatch)


def test_a_qa_seat_swap_explains_its_ranking(roles: Path, relrot: Run, golden: Golden) -> None:
    result = relrot("--file", "rotation.yaml", "swap", "26.5.0", "amy", "--today", TODAY)
    assert result.exit_code == 0, result
    golden.check(GOLDEN / "swap-role.txt", result.stdout)
    assert roles.read_text(encoding="utf-8") == ROLES + (
        "swaps:\n  - {release: 26.5.0, seat: qa, out: amy, in: debi}\n"
    )
    assert_valid(relrot)


def test_a_swap_seating_the_qa_lead_refills_qa_in_that_release(
    roles: Path, relrot: Run, golden: Golden
) -> None:
    args = ("swap", "26.1.0", "bert", "--with", "debi", "--reason", "travel", "--today", TODAY)
    result = relrot("--file", "rotation.yaml", *args)
    assert result.exit_code == 0, result
    golden.check(GOLDEN / "swap-role-refill.txt", result.stdout)
    assert result.stderr == "wrote 2 swap entries to rotation.yaml\n"
    assert roles.read_text(encoding="utf-8") == ROLES + (
        "swaps:\n"
        "  - {release: 26.1.0, seat: co_pilot, out: bert, in: debi, reason: travel}\n"
        "  - {release: 26.1.0, seat: qa, out: debi, in: amy, reason: travel}\n"
    )
    assert_valid(relrot)


def _plan(relrot: Run) -> list[dict[str, object]]:
    result = relrot(
        "--file", "rotation.yaml", "plan", "--today", TODAY, "-n", "8", "--format", "json"
    )
    assert result.exit_code == 0, result
    rows: list[dict[str, object]] = json.loads(result.stdout)["releases"]
    return rows


@pytest.mark.usefixtures("roles")
def test_a_pilot_swap_never_moves_a_role_seat_in_another_release(relrot: Run) -> None:
    before = _plan(relrot)
    # clay opts out of piloting 26.9.0; debi (co-pilot, never piloted) does not step up.
    result = relrot("--file", "rotation.yaml", "swap", "26.9.0", "clay", "--yes", "--today", TODAY)
    assert result.exit_code == 0, result
    after = _plan(relrot)
    assert [r["roles"] for r in after] == [r["roles"] for r in before]
    changed = [(b["version"], b["pilot"], a["pilot"]) for b, a in zip(before, after, strict=True)]
    assert [c for c in changed if c[1] != c[2]] == [("26.9.0", "clay", "anna")]
