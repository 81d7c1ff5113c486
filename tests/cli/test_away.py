"""`relrot away`: show the seats an away range moves, then add it safely (SPEC 5.4)."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import TODAY, Run, assert_refused, assert_valid, in_folder
from tests.conftest import CREW, DATA, QA_ROSTER

BOB_AWAY_CHANGES = """\
Bob Ross away 2026-12-01..2027-01-31:
27.1.0 (Wed 2027-01-13)
  co-pilot: Bob Ross -> Jane Doe
27.3.0 (Thu 2027-03-11)
  pilot: Bob Ross -> Jane Doe
27.5.0 (Thu 2027-05-13)
  pilot: Bob Ross -> Jane Doe
  co-pilot: Jane Doe -> Bob Ross
27.7.0 (Tue 2027-07-13)
  pilot: Jane Doe -> Bob Ross
  co-pilot: Bob Ross -> Jane Doe
27.9.0 (Mon 2027-09-13)
  pilot: Jane Doe -> Bob Ross
27.11.0 (Thu 2027-11-11)
  co-pilot: Jane Doe -> Bob Ross
"""


# --- adding a range -----------------------------------------------------------------------------


def test_the_seats_it_moves_are_shown_and_the_range_is_added_to_the_member(
    crew: Path, relrot: Run
) -> None:
    result = relrot(
        "--file", "rotation.yaml", "away", "bob", "2026-12-01", "2027-01-31",
        "--reason", "parental leave", "--today", TODAY,
    )  # fmt: skip
    assert result.exit_code == 0, result
    assert result.stdout == BOB_AWAY_CHANGES
    assert result.stderr == "wrote the away range to rotation.yaml\n"
    assert crew.read_text(encoding="utf-8") == CREW.replace(
        "    name: Bob Ross\n",
        "    name: Bob Ross\n"
        "    away:\n"
        "      - {from: 2026-12-01, to: 2027-01-31, reason: parental leave}\n",
    )
    assert_valid(relrot)


def test_the_plan_follows_the_new_range(crew: Path, relrot: Run) -> None:
    relrot("--file", crew, "away", "bob", "2026-12-01", "2027-01-31", "--today", TODAY)
    result = relrot(
        "--file", crew, "plan", "--from", "27.1.0", "--count", "1", "--format", "json",
        "--today", TODAY,
    )  # fmt: skip
    assert result.exit_code == 0, result
    assert '"pilot": "elvis"' in result.stdout
    assert '"co_pilot": "jane"' in result.stdout


EXISTING = """\
schedule:
  first_release: 2026-01-13
members:
  - id: bob
  - id: jane
    away:
      - {from: 2027-02-01, to: 2027-02-28, reason: sabbatical}  # approved
    github: jdoe
  - id: tobby
  - id: elvis
"""


def test_a_range_joins_the_members_existing_list(
    rotation_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, relrot: Run
) -> None:
    path = in_folder(EXISTING, rotation_file, monkeypatch)
    result = relrot(
        "--file", "rotation.yaml", "away", "jane", "2026-07-01", "2026-07-20",
        "--reason", "family trip", "--today", TODAY,
    )  # fmt: skip
    assert result.exit_code == 0, result
    assert result.stdout.splitlines()[:3] == [
        "jane away 2026-07-01..2026-07-20:",
        "26.1.0 (Tue 2026-01-13)",
        "  co-pilot: jane -> tobby",
    ]
    assert path.read_text(encoding="utf-8") == EXISTING.replace(
        "  # approved\n",
        "  # approved\n      - {from: 2026-07-01, to: 2026-07-20, reason: family trip}\n",
    )
    assert_valid(relrot)


FLOW = """\
schedule:
  first_release: 2026-01-13
members:
  - {id: ann}
  - {id: ben, away: [{from: 2026-09-01, to: 2026-09-30}]}
  - {id: cid}   # newest
"""


def test_a_flow_member_changes_on_its_own_line_only(
    rotation_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, relrot: Run
) -> None:
    path = in_folder(FLOW, rotation_file, monkeypatch)
    result = relrot(
        "--file", "rotation.yaml", "away", "cid", "2028-08-01", "2028-08-02", "--today", TODAY
    )
    assert result.exit_code == 0, result
    assert (
        result.stdout == "cid away 2028-08-01..2028-08-02:\nNo one moves: the plan is the same.\n"
    )
    assert path.read_text(encoding="utf-8") == FLOW.replace(
        "{id: cid}", "{id: cid, away: [{from: 2028-08-01, to: 2028-08-02}]}"
    )
    assert_valid(relrot)


def test_a_flow_away_list_takes_the_new_range(
    rotation_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, relrot: Run
) -> None:
    path = in_folder(FLOW, rotation_file, monkeypatch)
    result = relrot(
        "--file", "rotation.yaml", "away", "ben", "2028-08-01", "2028-08-02",
        "--reason", "moving house", "--today", TODAY,
    )  # fmt: skip
    assert result.exit_code == 0, result
    assert path.read_text(encoding="utf-8") == FLOW.replace(
        "2026-09-30}]", "2026-09-30}, {from: 2028-08-01, to: 2028-08-02, reason: moving house}]"
    )


def test_a_range_that_moves_nobody_is_still_recorded(crew: Path, relrot: Run) -> None:
    result = relrot(
        "--file", "rotation.yaml", "away", "elvis", "2028-08-01", "2028-08-02", "--today", TODAY
    )
    assert result.exit_code == 0, result
    assert result.stdout == (
        "Elvis Presley away 2028-08-01..2028-08-02:\nNo one moves: the plan is the same.\n"
    )
    assert crew.read_text(encoding="utf-8") == CREW.replace(
        "    name: Elvis Presley\n",
        "    name: Elvis Presley\n    away:\n      - {from: 2028-08-01, to: 2028-08-02}\n",
    )
    assert_valid(relrot)


def test_dry_run_prints_the_diff_and_writes_nothing(crew: Path, relrot: Run) -> None:
    before = crew.stat()
    result = relrot(
        "--file", "rotation.yaml", "away", "bob", "2026-12-01", "2027-01-31", "--dry-run",
        "--today", TODAY,
    )  # fmt: skip
    assert result.exit_code == 0, result
    assert result.stdout == BOB_AWAY_CHANGES + (
        "\n"
        "--- a/rotation.yaml\n"
        "+++ b/rotation.yaml\n"
        "@@ -4,6 +4,8 @@\n"
        " members:\n"
        "   - id: bob\n"
        "     name: Bob Ross\n"
        "+    away:\n"
        "+      - {from: 2026-12-01, to: 2027-01-31}\n"
        "   - id: jane\n"
        "     name: Jane Doe\n"
        "   - id: tobby\n"
    )
    assert result.stderr == "(dry run: nothing written)\n"
    assert crew.read_bytes() == CREW.encode()
    after = crew.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


NEW_RANGE = b"{from: 2028-08-01, to: 2028-08-02}"


@pytest.mark.parametrize(
    ("fixture", "member", "index", "added"),
    [
        ("crlf.yaml", "alan", 1, [b"      - " + NEW_RANGE + b"\r\n"]),
        ("bom.yaml", "jose", 1, [b"    away:\n", b"      - " + NEW_RANGE + b"\n"]),
        (
            "commented.yaml",
            "jane",
            1,
            [b"      - from: 2028-08-01\n", b"        to: 2028-08-02\n"],
        ),
        ("indent4_offset0.yaml", "river", 3, [b"    away:\n", b"    - " + NEW_RANGE + b"\n"]),
        ("no_trailing_newline.yaml", "sol", 3, [b"    away:\n", b"      - " + NEW_RANGE + b"\n"]),
    ],
)
def test_an_away_range_keeps_every_byte_of_the_file_and_validates(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    relrot: Run,
    fixture: str,
    member: str,
    index: int,
    added: list[bytes],
) -> None:
    from relrot.yamlfile.load import load

    original = (DATA / "roundtrip" / fixture).read_bytes()
    (tmp_path / "rotation.yaml").write_bytes(original)
    monkeypatch.chdir(tmp_path)
    result = relrot(
        "--file", "rotation.yaml", "away", member, "2028-08-01", "2028-08-02", "--today", TODAY
    )
    assert result.exit_code == 0, result
    written = (tmp_path / "rotation.yaml").read_bytes()
    kept = original if original.endswith(b"\n") else original + b"\n"
    old_lines = kept.splitlines(keepends=True)
    new_lines = written.splitlines(keepends=True)
    # The new lines sit together, and every original line is kept around them, in order.
    places = [
        at
        for at in range(len(new_lines))
        if new_lines[at : at + len(added)] == added
        and new_lines[:at] + new_lines[at + len(added) :] == old_lines
    ]
    assert len(places) == 1, new_lines
    assert written.startswith(b"\xef\xbb\xbf") == original.startswith(b"\xef\xbb\xbf")
    ranges = load(tmp_path / "rotation.yaml").model.members[index].away
    assert (str(ranges[-1].start), str(ranges[-1].end)) == ("2028-08-01", "2028-08-02")
    assert_valid(relrot)


# --- refusals -----------------------------------------------------------------------------------

# Plan: 26.5.0 ben/cid, 26.7.0 cid/ben, 26.9.0 cid/ann; ben is away for 26.9.0 already.
SMALL = """\
schedule:
  first_release: 2026-01-13
members:
  - {id: ann}
  - {id: ben, away: [{from: 2026-09-01, to: 2026-09-30}]}
  - {id: cid}
"""


def test_a_range_that_would_empty_a_seat_is_refused_and_the_file_kept(
    rotation_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, relrot: Run
) -> None:
    path = in_folder(SMALL, rotation_file, monkeypatch)
    result = relrot(
        "--file", "rotation.yaml", "away", "ann", "2026-09-01", "2026-09-30", "--today", TODAY,
        "--horizon", "6",
    )  # fmt: skip
    assert result.stdout == (
        "ann away 2026-09-01..2026-09-30:\n26.9.0 (Thu 2026-09-10)\n  co-pilot: ann -> (empty)\n"
    )
    assert_refused(
        result,
        path,
        SMALL,
        "rotation.yaml: error [edit] refused: this away range would add 1 problem(s); "
        "rotation.yaml is unchanged\n"
        "rotation.yaml:3:1: error [empty-seat] 26.9.0 (2026-09-10) has no co-pilot: no core "
        "member is free for that seat (away, inactive or already seated); add a member, "
        "shorten an away range, or name one with `relrot swap`\n",
    )


def test_a_range_that_breaks_a_named_jump_seat_request_is_refused(crew: Path, relrot: Run) -> None:
    result = relrot(
        "--file", "rotation.yaml", "away", "zed", "2026-05-01", "2026-05-31", "--today", TODAY
    )
    assert result.stdout == (
        "Zed Zimmer away 2026-05-01..2026-05-31:\n"
        "26.5.0 (Wed 2026-05-13)\n"
        "  jump seat: Zed Zimmer -> (empty)\n"
    )
    assert_refused(
        result,
        crew,
        CREW,
        "rotation.yaml: error [edit] refused: this away range would add 1 problem(s); "
        "rotation.yaml is unchanged\n"
        "rotation.yaml:19:5: error [jump-seat-conflict] zed cannot sit in the jump seat of "
        "26.5.0: zed is away 2026-05-01..2026-05-31, during the duty window of 26.5.0 "
        "(2026-05-13..2026-05-13); name another release or drop `release` to take the next "
        "free one\n",
    )


def test_an_unknown_member_is_refused_with_a_suggestion(crew: Path, relrot: Run) -> None:
    result = relrot(
        "--file", "rotation.yaml", "away", "bobb", "2026-12-01", "2027-01-31", "--today", TODAY
    )
    assert result.exit_code == 2, result
    assert (
        result.stderr
        == "relrot: error: rotation.yaml: 'bobb' is not on the roster; did you mean bob?\n"
    )
    assert result.stdout == ""
    assert crew.read_text(encoding="utf-8") == CREW


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [
        ("2027-01-31", "2026-12-01", "TO (2026-12-01) is before FROM (2027-01-31)"),
        ("2026-13-01", "2027-01-31", "FROM '2026-13-01' is not a date; write YYYY-MM-DD"),
        ("2026-12-01", "soon", "TO 'soon' is not a date; write YYYY-MM-DD"),
    ],
)
def test_bad_dates_are_usage_errors(
    crew: Path, relrot: Run, first: str, last: str, message: str
) -> None:
    result = relrot("--file", "rotation.yaml", "away", "bob", first, last, "--today", TODAY)
    assert result.exit_code == 2, result
    assert result.stderr == f"relrot: error: {message}\n"
    assert crew.read_text(encoding="utf-8") == CREW


def test_a_failed_rename_leaves_the_file_and_no_temporary_file(
    crew: Path, relrot: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", disk_full)
    result = relrot(
        "--file", "rotation.yaml", "away", "bob", "2026-12-01", "2027-01-31", "--today", TODAY
    )
    assert result.exit_code == 2, result
    assert result.stderr == (
        "relrot: error: rotation.yaml: could not write: No space left on device; "
        "the file is unchanged\n"
    )
    assert crew.read_text(encoding="utf-8") == CREW
    assert sorted(p.name for p in crew.parent.iterdir()) == ["rotation.yaml"]


def test_the_file_mode_and_a_symlink_are_kept(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, relrot: Run
) -> None:
    real = tmp_path / "crew.yaml"
    real.write_text(CREW, encoding="utf-8")
    real.chmod(0o640)
    (tmp_path / "rotation.yaml").symlink_to("crew.yaml")
    monkeypatch.chdir(tmp_path)
    result = relrot(
        "--file", "rotation.yaml", "away", "elvis", "2028-08-01", "2028-08-02", "--today", TODAY
    )
    assert result.exit_code == 0, result
    assert (tmp_path / "rotation.yaml").is_symlink()
    assert real.stat().st_mode & 0o777 == 0o640
    assert "      - {from: 2028-08-01, to: 2028-08-02}\n" in real.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crew.yaml", "rotation.yaml"]


# --- files the edit must not crash on -----------------------------------------------------------


def test_an_apostrophe_in_a_flow_member_does_not_crash_away(
    rotation_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, relrot: Run
) -> None:
    text = FLOW.replace("{id: ann}", "{id: ann, name: Ann O'Brien}")
    path = in_folder(text, rotation_file, monkeypatch)
    result = relrot(
        "--file", "rotation.yaml", "away", "ann", "2028-08-01", "2028-08-02", "--today", TODAY
    )
    assert result.exit_code == 0, result
    assert path.read_text(encoding="utf-8") == text.replace(
        "O'Brien}", "O'Brien, away: [{from: 2028-08-01, to: 2028-08-02}]}"
    )


MERGED = """\
schedule:
  first_release: 2026-01-13
members:
  - &defaults
    id: ann
    away: [{from: 2028-01-03, to: 2028-01-07, reason: team offsite}]
  - <<: *defaults
    id: ben
  - id: cid
  - id: dee
"""


def test_a_member_who_inherits_away_through_a_merge_key_does_not_crash_away(
    rotation_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, relrot: Run
) -> None:
    from relrot.yamlfile.load import load

    path = in_folder(MERGED, rotation_file, monkeypatch)
    result = relrot(
        "--file", "rotation.yaml", "away", "ben", "2028-08-01", "2028-08-02", "--today", TODAY
    )
    # Either the range is added to ben alone, or the edit is refused and the file kept.
    if result.exit_code == 0:
        members = load(path).model.members
        assert [(str(r.start), str(r.end)) for r in members[1].away] == [
            ("2028-01-03", "2028-01-07"),
            ("2028-08-01", "2028-08-02"),
        ]
        assert len(members[0].away) == 1
    else:
        assert_refused(
            result,
            path,
            MERGED,
            "rotation.yaml: error [edit] members[1] takes `away` from a merge (`<<`); adding to "
            "it would change every member that shares it: add the range by hand, nothing was "
            "written to rotation.yaml\n",
        )


# --- history ------------------------------------------------------------------------------------


def test_a_range_in_the_past_is_refused_until_the_releases_are_pinned(
    crew: Path, relrot: Run
) -> None:
    away = ("--file", "rotation.yaml", "away", "bob", "2026-01-01", "2026-03-31", "--yes")
    today = ("--today", "2026-08-01")
    before = crew.read_bytes()
    refused = relrot(*away, *today)
    assert refused.exit_code == 1, refused
    assert crew.read_bytes() == before
    history = [line for line in refused.stderr.splitlines() if "[history]" in line]
    assert history[0].endswith(
        "error [history] this away range would move the pilot seat of 26.1.0 (2026-01-13, "
        "before today 2026-08-01) from bob to jane; history cannot change: run `relrot pin` "
        "first to record the releases as they were"
    )
    # Deferring bob reshuffles every shipped release: both seats of 26.1.0 .. 26.7.0.
    assert len(history) == 8

    pinned = relrot("--file", "rotation.yaml", "pin", "--yes", *today)
    assert pinned.exit_code == 0, pinned
    shown = ("--file", "rotation.yaml", "plan", "--from", "1", "--count", "4", "--format", "json")
    history_before = relrot(*shown, *today).stdout
    done = relrot(*away, *today)
    assert done.exit_code == 0, done
    assert relrot(*shown, *today).stdout == history_before
    assert "away:\n      - {from: 2026-01-01, to: 2026-03-31}" in crew.read_text(encoding="utf-8")


# --- role seats (SPEC 3.7) ----------------------------------------------------------------------


def test_an_away_range_over_a_qa_seat_moves_it_as_the_role_queue_says(
    rotation_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, relrot: Run
) -> None:
    in_folder(QA_ROSTER, rotation_file, monkeypatch)
    result = relrot("away", "kai", "2026-06-20", "2026-07-20", "--yes", "--today", TODAY)
    assert result.exit_code == 0, result
    # kai is away for 26.7.0 (Thu 2026-07-09): the next in QA's queue, amy, takes it, and
    # kai takes amy's next turn, 26.9.0; from then on they trade turns and zed's stay put.
    assert result.stdout == (
        "Kai Kent away 2026-06-20..2026-07-20:\n"
        "26.7.0 (Thu 2026-07-09)\n  QA lead: Kai Kent -> Amy Ash\n"
        "26.9.0 (Thu 2026-09-10)\n  QA lead: Amy Ash -> Kai Kent\n"
        "27.1.0 (Tue 2027-01-12)\n  QA lead: Kai Kent -> Amy Ash\n"
        "27.3.0 (Thu 2027-03-11)\n  QA lead: Amy Ash -> Kai Kent\n"
        "27.7.0 (Mon 2027-07-12)\n  QA lead: Kai Kent -> Amy Ash\n"
        "27.9.0 (Thu 2027-09-09)\n  QA lead: Amy Ash -> Kai Kent\n"
    )
    assert_valid(relrot)


def test_an_away_range_moving_a_past_qa_seat_is_refused(
    rotation_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, relrot: Run
) -> None:
    path = in_folder(QA_ROSTER, rotation_file, monkeypatch)
    result = relrot("away", "kai", "2026-06-20", "2026-07-20", "--today", "2026-08-01")
    assert result.exit_code == 1, result
    assert (
        "error [history] this away range would move the QA lead seat of 26.7.0 (2026-07-09, "
        "before today 2026-08-01) from kai to amy; history cannot change"
    ) in result.stderr
    assert path.read_text(encoding="utf-8") == QA_ROSTER
