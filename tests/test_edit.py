"""Edits to the rotation file: byte-exact round-trips, additions only, and safe writes.

The files in `tests/data/roundtrip/` are realistic rotation files in many styles. Each edit
below must keep every byte of the original (comments, quotes, CRLF, BOM) and only add
lines, except that an entry added to a flow collection (`swaps: [...]`, `- {id: bob}`)
changes exactly the one line holding it.

The expected results of two fixed edits are golden files in
`tests/data/roundtrip/expected/`. To refresh them after a deliberate change, run
``make golden``, then review the diff
before committing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import fcntl
import os
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from relrot import edit
from relrot.edit import (
    WriteInterrupted,
    add_member_away,
    append_top_level,
    edited,
    encode_like,
    unified_diff,
    write_atomically,
)
from relrot.loader import Loaded, load, parse
from relrot.model import DateRange, Swap
from relrot.problems import RelrotError, UsageError
from tests.conftest import DATA, ROOT, Golden

ROUNDTRIP = DATA / "roundtrip"
EXPECTED = ROUNDTRIP / "expected"
FIXTURES = sorted(ROUNDTRIP.glob("*.yaml"))
ALL_FILES = [*FIXTURES, ROOT / "rotation.yaml"]
BOM = b"\xef\xbb\xbf"

AWAY = {"from": dt.date(2026, 8, 3), "to": dt.date(2026, 8, 14), "reason": "family trip"}

# Fixtures whose `swaps:` is a flow list: the one line holding it is the only one to change.
FLOW_SWAPS = {"empty_swaps_anchor.yaml", "flow_members.yaml"}


def file_id(path: Path) -> str:
    return "repository-rotation.yaml" if path.parent == ROOT else path.name


def copy_to(path: Path, folder: Path) -> Path:
    target = folder / "rotation.yaml"
    target.write_bytes(path.read_bytes())
    return target


def swap_entry(loaded: Loaded) -> dict[str, object]:
    """26.5.0's co-pilot (the third member in every fixture) hands over to the first."""
    ids = [member.id for member in loaded.model.members]
    return {
        "release": "26.5.0",
        "seat": "co_pilot",
        "out": ids[2],
        "in": ids[0],
        "reason": "conference",
    }


def with_swap(loaded: Loaded, entry: dict[str, object]) -> Loaded:
    def expect(data: Any) -> None:
        data["swaps"] = [*(data.get("swaps") or []), entry]

    return edited(loaded, append_top_level(loaded, "swaps", [entry]), expect, "add the swap")


def with_away(loaded: Loaded, index: int, entry: dict[str, object]) -> Loaded:
    def expect(data: Any) -> None:
        record = data["members"][index]
        record["away"] = [*(record.get("away") or []), entry]

    new_text = add_member_away(loaded, index, entry)
    return edited(loaded, new_text, expect, "add the away range")


def newline_of(raw: bytes) -> bytes:
    return b"\r\n" if b"\r\n" in raw else b"\n"


def with_final_newline(raw: bytes, newline: bytes) -> bytes:
    return raw if raw.endswith((b"\n", b"\r")) else raw + newline


def assert_only_adds(before: bytes, after: bytes) -> None:
    """Every line of `before` is in `after`, byte for byte and in order; some are new.

    A missing final newline is supplied on both sides first: adding it is the one change
    to an existing line that an edit at the end of such a file may make.
    """
    newline = newline_of(before)
    old = with_final_newline(before, newline).splitlines(keepends=True)
    new = with_final_newline(after, newline).splitlines(keepends=True)
    remaining = iter(new)
    missing = [line for line in old if line not in remaining]
    assert missing == [], missing
    assert len(new) > len(old)


def assert_one_line_changed(before: bytes, after: bytes, line: int) -> tuple[bytes, bytes]:
    """Exactly line `line` (0-based) changed, nothing added or removed; returns old, new."""
    old_lines = before.splitlines(keepends=True)
    new_lines = after.splitlines(keepends=True)
    assert len(new_lines) == len(old_lines)
    differing = [i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b]
    assert differing == [line]
    return old_lines[line], new_lines[line]


def assert_line_endings_kept(before: bytes, after: bytes) -> None:
    if b"\r\n" in before:
        assert after.count(b"\n") == after.count(b"\r\n")
    else:
        assert b"\r" not in after


def temporary_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- the fixtures themselves -------------------------------------------------------------------


def test_the_fixtures_cover_the_styles_they_claim() -> None:
    raw = {path.name: path.read_bytes() for path in FIXTURES}
    assert len(raw) >= 6
    assert raw["crlf.yaml"].count(b"\n") == raw["crlf.yaml"].count(b"\r\n") > 10
    assert raw["bom.yaml"].startswith(BOM)
    assert not raw["no_trailing_newline.yaml"].endswith(b"\n")
    assert b"\nmembers:\n-   id: amy\n" in raw["indent4_offset0.yaml"]
    assert b"\nswaps:\n- {release:" in raw["mixed_offsets.yaml"]
    assert b"  - &defaults\n" in raw["empty_swaps_anchor.yaml"]
    assert b"  - <<: *defaults\n" in raw["empty_swaps_anchor.yaml"]
    assert b"\nswaps: []   # nothing swapped yet\n" in raw["empty_swaps_anchor.yaml"]
    assert b"\nswaps: [{release: 26.7.0," in raw["flow_members.yaml"]
    assert b"  - {id: tobby}   # new this year\n" in raw["flow_members.yaml"]
    assert raw["commented.yaml"].endswith(b"\n# end of file\n")
    assert not any(b"swaps:" in raw[name] for name in ("bom.yaml", "indent4_offset0.yaml"))


@pytest.mark.parametrize("path", FIXTURES, ids=file_id)
def test_every_fixture_is_a_valid_rotation_file(path: Path) -> None:
    loaded = load(path)
    assert loaded.model.schedule.first_release == dt.date(2026, 1, 13)
    assert 4 <= sum(member.core for member in loaded.model.members) <= 6


# --- (a) an unchanged document is never rewritten ------------------------------------------------


@pytest.mark.parametrize("path", ALL_FILES, ids=file_id)
def test_writing_back_the_unchanged_document_touches_nothing(path: Path, tmp_path: Path) -> None:
    target = copy_to(path, tmp_path)
    original = target.read_bytes()
    os.utime(target, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    before = target.stat()
    loaded = load(target)

    assert encode_like(loaded, loaded.text) == original
    same = edited(loaded, loaded.text, lambda _data: None, "keep the file")
    assert same.raw == original
    assert write_atomically(loaded, encode_like(loaded, same.text)) is False

    after = target.stat()
    assert target.read_bytes() == original
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rotation.yaml"]


# --- (b) appending a swap only adds lines -----------------------------------------------------


@pytest.mark.parametrize("path", ALL_FILES, ids=file_id)
def test_appending_a_swap_only_adds_lines(path: Path) -> None:
    loaded = load(path)
    entry = swap_entry(loaded)
    changed = with_swap(loaded, entry)
    after = encode_like(loaded, changed.text)

    assert after.startswith(BOM) == loaded.raw.startswith(BOM)
    assert_line_endings_kept(loaded.raw, after)
    if path.name in FLOW_SWAPS:
        line = loaded.document.lc.value("swaps")[0]
        old, new = assert_one_line_changed(loaded.raw, after, line)
        assert old.startswith(b"swaps: [")
        added = b"{release: 26.5.0, seat: co_pilot, out: tobby, in: bob, reason: conference}"
        if path.name == "empty_swaps_anchor.yaml":
            added = added.replace(b"tobby", b"clay").replace(b"bob", b"ana")
        closing = old.index(b"]")
        separator = b"" if old[: closing + 1] == b"swaps: []" else b", "
        assert new == old[:closing] + separator + added + old[closing:]
    else:
        assert_only_adds(loaded.raw, after)
    # (d) the re-parsed model holds the new entry, last.
    assert changed.model.swaps[-1] == Swap.model_validate(entry)
    assert len(changed.model.swaps) == len(loaded.model.swaps) + 1


@pytest.mark.parametrize("path", FIXTURES, ids=file_id)
def test_appending_a_swap_gives_exactly_the_golden_file(path: Path, golden: Golden) -> None:
    loaded = load(path)
    after = encode_like(loaded, with_swap(loaded, swap_entry(loaded)).text)
    golden.check(EXPECTED / f"{path.stem}.swap.yaml", after)


def test_appending_two_swaps_keeps_them_in_order() -> None:
    loaded = load(ROUNDTRIP / "commented.yaml")
    first = {"release": "26.7.0", "seat": "pilot", "out": "tobby", "in": "jane"}
    second = {"release": "26.7.0", "seat": "co_pilot", "out": "jane", "in": "elvis"}

    def expect(data: Any) -> None:
        data["swaps"] = [*data["swaps"], first, second]

    changed = edited(
        loaded, append_top_level(loaded, "swaps", [first, second]), expect, "add the swaps"
    )
    assert changed.text.endswith(
        '    reason: "dentist"   # booked months ago\n'
        "  - release: 26.7.0\n"
        "    seat: pilot\n"
        "    out: tobby\n"
        "    in: jane\n"
        "  - release: 26.7.0\n"
        "    seat: co_pilot\n"
        "    out: jane\n"
        "    in: elvis\n"
        "  # keep this list short: pin old releases instead\n"
        "# end of file\n"
    )
    assert_only_adds(loaded.raw, changed.raw)


def test_a_swap_reason_that_needs_quotes_reads_back_as_given() -> None:
    loaded = load(ROUNDTRIP / "crlf.yaml")
    entry = {
        "release": "26.5.0",
        "seat": "co_pilot",
        "out": "grace",
        "in": "ada",
        "reason": "conference: PyCon #2, 'talk'",
    }
    changed = with_swap(loaded, entry)
    assert changed.raw.endswith(
        b"  - {release: 26.7.0, seat: co_pilot, out: alan, in: ada}\r\n"
        b"  - {release: 26.5.0, seat: co_pilot, out: grace, in: ada, "
        b"reason: \"conference: PyCon #2, 'talk'\"}\r\n"
        b"# end\r\n"
    )
    assert changed.model.swaps[-1].reason == "conference: PyCon #2, 'talk'"


# --- (c) adding an away range only adds lines -----------------------------------------------


# `ana` is the `&defaults` mapping that `bert` merges: an away range written into it would
# make bert away too, so that edit is refused (see the test below) instead.
MERGED_INTO_OTHERS = {("empty_swaps_anchor.yaml", 0)}


def member_cases() -> list[Any]:
    cases = []
    for path in ALL_FILES:
        count = len(load(path).model.members)
        cases += [
            pytest.param(path, index, id=f"{file_id(path)}-{index}")
            for index in range(count)
            if (path.name, index) not in MERGED_INTO_OTHERS
        ]
    return cases


def flow_line(loaded: Loaded, index: int) -> int | None:
    """The line of the flow collection a new away range joins: the flow member, or its
    flow `away: [...]`; None when the range goes in as new block lines."""
    lines = loaded.text.splitlines()
    members = loaded.document["members"]
    line, column = members.lc.item(index)
    if lines[line][column] == "{":
        return int(line)
    member = members[index]
    if "away" in member:
        away_line, away_column = member.lc.value("away")
        if lines[away_line][away_column] == "[":
            return int(away_line)
    return None


@pytest.mark.parametrize(("path", "index"), member_cases())
def test_adding_an_away_range_only_adds_lines(path: Path, index: int) -> None:
    loaded = load(path)
    changed = with_away(loaded, index, AWAY)
    after = encode_like(loaded, changed.text)

    assert after.startswith(BOM) == loaded.raw.startswith(BOM)
    assert_line_endings_kept(loaded.raw, after)
    line = flow_line(loaded, index)
    if line is not None:
        old, new = assert_one_line_changed(loaded.raw, after, line)
        flow = b"{from: 2026-08-03, to: 2026-08-14, reason: family trip}"
        if b"away: [" in old:
            at = old.index(b"]", old.index(b"away: ["))
            separator = b"" if old[at - 1 : at] == b"[" else b", "
            assert new == old[:at] + separator + flow + old[at:]
        else:
            at = old.rindex(b"}")
            assert new == old[:at] + b", away: [" + flow + b"]" + old[at:]
    else:
        assert_only_adds(loaded.raw, after)
    # (d) the re-parsed model holds the new range, last, on that member only.
    before_members = loaded.model.members
    after_members = changed.model.members
    assert after_members[index].away == (
        *before_members[index].away,
        DateRange.model_validate(AWAY),
    )
    assert [m for i, m in enumerate(after_members) if i != index] == [
        m for i, m in enumerate(before_members) if i != index
    ]


@pytest.mark.parametrize("path", FIXTURES, ids=file_id)
def test_adding_an_away_range_to_the_last_member_gives_exactly_the_golden_file(
    path: Path, golden: Golden
) -> None:
    loaded = load(path)
    last = len(loaded.model.members) - 1
    after = encode_like(loaded, with_away(loaded, last, AWAY).text)
    golden.check(EXPECTED / f"{path.stem}.away.yaml", after)


def test_an_away_range_goes_after_the_existing_block_ranges_and_their_comments() -> None:
    loaded = load(ROUNDTRIP / "commented.yaml")
    changed = with_away(loaded, 1, AWAY)
    assert (
        "  - id: jane\n"
        "    name: Jane Doe\n"
        "    away:\n"
        "      - from: 2027-02-01   # sabbatical\n"
        "        to: 2027-02-28\n"
        '        reason: "sabbatical"\n'
        "      - from: 2026-08-03\n"
        "        to: 2026-08-14\n"
        "        reason: family trip\n"
        "      # nothing else planned yet\n"
        "  - id: tobby\n"
    ) in changed.text


def test_an_away_range_for_a_mapping_that_others_merge_is_refused() -> None:
    loaded = load(ROUNDTRIP / "empty_swaps_anchor.yaml")
    with pytest.raises(RelrotError) as refused:
        with_away(loaded, 0, AWAY)
    assert [p.message for p in refused.value.problems] == [
        f"could not add the away range without reformatting {loaded.path}; nothing was "
        "written: make the change by hand"
    ]


def test_an_away_range_for_a_merged_member_lands_in_its_own_mapping() -> None:
    loaded = load(ROUNDTRIP / "empty_swaps_anchor.yaml")
    changed = with_away(loaded, 1, AWAY)
    assert (
        "  - <<: *defaults\n"
        "    id: bert\n"
        "    github: bert-dev\n"
        "    away:\n"
        "      - {from: 2026-08-03, to: 2026-08-14, reason: family trip}\n"
        "  - id: clay\n"
    ) in changed.text
    assert changed.model.members[0].away == ()


# --- edits that must not crash or be refused ----------------------------------------------------


FLOW_ROSTER = """\
schedule:
  first_release: 2026-01-13
members:
  - {id: bob, name: Bob O'Brien}
  - {id: jane}
  - {id: tobby}
"""


def test_an_apostrophe_in_a_plain_flow_scalar_does_not_break_the_away_edit() -> None:
    loaded = parse(FLOW_ROSTER.encode(), "rotation.yaml")
    changed = with_away(loaded, 0, {"from": dt.date(2026, 8, 3), "to": dt.date(2026, 8, 14)})
    assert changed.text == FLOW_ROSTER.replace(
        "Bob O'Brien}", "Bob O'Brien, away: [{from: 2026-08-03, to: 2026-08-14}]}"
    )


def test_apostrophes_in_two_flow_members_do_not_misplace_the_away_edit() -> None:
    text = FLOW_ROSTER.replace("{id: tobby}", "{id: tobby, name: Tobby O'Neil}")
    loaded = parse(text.encode(), "rotation.yaml")
    changed = with_away(loaded, 0, {"from": dt.date(2026, 8, 3), "to": dt.date(2026, 8, 14)})
    assert changed.text == text.replace(
        "Bob O'Brien}", "Bob O'Brien, away: [{from: 2026-08-03, to: 2026-08-14}]}"
    )


def test_an_apostrophe_in_a_plain_flow_swap_reason_does_not_break_the_swap_edit() -> None:
    text = (
        "schedule:\n  first_release: 2026-01-13\n"
        "members:\n  - id: bob\n  - id: jane\n  - id: tobby\n"
        "swaps: [{release: 26.7.0, seat: co_pilot, out: jane, in: bob, reason: it's fine}]\n"
    )
    loaded = parse(text.encode(), "rotation.yaml")
    entry = {"release": "26.5.0", "seat": "co_pilot", "out": "tobby", "in": "bob"}
    changed = with_swap(loaded, entry)
    assert changed.text == text.replace(
        "it's fine}]", "it's fine}, {release: 26.5.0, seat: co_pilot, out: tobby, in: bob}]"
    )


@pytest.mark.parametrize(
    "reason",
    ["'it''s ] here'", "'it''s'", "''']'''", '"say \\" ] \\\\"', "'two\n    lines ]'"],
)
def test_quoted_strings_with_escapes_and_brackets_do_not_end_a_flow_list(reason: str) -> None:
    text = (
        "schedule:\n  first_release: 2026-01-13\n"
        "members:\n  - id: bob\n  - id: jane\n  - id: tobby\n"
        f"swaps: [{{release: 26.7.0, seat: co_pilot, out: jane, in: bob, reason: {reason}}}]\n"
    )
    loaded = parse(text.encode(), "rotation.yaml")
    entry = {"release": "26.5.0", "seat": "co_pilot", "out": "tobby", "in": "bob"}
    changed = with_swap(loaded, entry)
    assert changed.text == text.replace(
        f"{reason}}}]", f"{reason}}}, {{release: 26.5.0, seat: co_pilot, out: tobby, in: bob}}]"
    )
    assert changed.model.swaps[0].reason == loaded.model.swaps[0].reason


@pytest.mark.parametrize(
    "swaps",
    [
        "swaps: [{release: 26.7.0, seat: co_pilot, out: jane, in: bob},]\n",
        "swaps: [\n  {release: 26.7.0, seat: co_pilot, out: jane, in: bob},\n]\n",
    ],
    ids=["one-line", "multi-line"],
)
def test_a_flow_swaps_list_with_a_trailing_comma_takes_a_new_entry(swaps: str) -> None:
    text = (
        "schedule:\n  first_release: 2026-01-13\n"
        "members:\n  - id: bob\n  - id: jane\n  - id: tobby\n" + swaps
    )
    loaded = parse(text.encode(), "rotation.yaml")
    entry = {"release": "26.5.0", "seat": "co_pilot", "out": "tobby", "in": "bob"}
    changed = with_swap(loaded, entry)
    closing = len(text.splitlines()) - 1
    assert_one_line_changed(loaded.raw, changed.raw, closing)
    assert [s.out for s in changed.model.swaps] == ["jane", "tobby"]


def test_a_member_inheriting_away_through_a_merge_key_is_edited_or_cleanly_refused() -> None:
    text = (
        "schedule:\n  first_release: 2026-01-13\n"
        "members:\n"
        "  - &defaults\n"
        "    id: bob\n"
        "    away: [{from: 2027-01-04, to: 2027-01-08}]\n"
        "  - <<: *defaults\n"
        "    id: jane\n"
        "  - id: tobby\n"
    )
    loaded = parse(text.encode(), "rotation.yaml")
    entry = {"from": dt.date(2026, 8, 3), "to": dt.date(2026, 8, 14)}
    outcome: Loaded | RelrotError
    try:
        outcome = with_away(loaded, 1, entry)
    except RelrotError as refused:
        outcome = refused
    if isinstance(outcome, RelrotError):
        assert [p.message for p in outcome.problems] == [
            "members[1] takes `away` from a merge (`<<`); adding to it would change every "
            "member that shares it: add the range by hand, nothing was written to rotation.yaml"
        ]
    else:
        assert [(r.start, r.end) for r in outcome.model.members[1].away] == [
            (dt.date(2027, 1, 4), dt.date(2027, 1, 8)),
            (dt.date(2026, 8, 3), dt.date(2026, 8, 14)),
        ]
        assert outcome.model.members[0].away == loaded.model.members[0].away


def test_a_new_swaps_key_after_a_one_line_flow_roster_uses_the_default_offset() -> None:
    text = "schedule:\n  first_release: 2026-01-13\nmembers: [{id: bob}, {id: jane}, {id: tobby}]\n"
    loaded = parse(text.encode(), "rotation.yaml")
    entry = {"release": "26.5.0", "seat": "co_pilot", "out": "tobby", "in": "bob"}
    changed = with_swap(loaded, entry)
    assert changed.text == text + (
        "swaps:\n  - {release: 26.5.0, seat: co_pilot, out: tobby, in: bob}\n"
    )


# --- anchored, tagged, aliased and empty lists ---------------------------------------------------

THREE = (
    "schedule:\n  first_release: 2026-01-13\nmembers:\n  - id: bob\n  - id: jane\n  - id: tobby\n"
)
SWAP = {"release": "26.5.0", "seat": "co_pilot", "out": "tobby", "in": "bob"}
SWAP_FLOW = "{release: 26.5.0, seat: co_pilot, out: tobby, in: bob}"
PIN = {"version": "26.1.0", "pilot": "bob", "co_pilot": "jane"}
PIN_FLOW = "{version: 26.1.0, pilot: bob, co_pilot: jane}"
RANGE = {"from": dt.date(2026, 8, 3), "to": dt.date(2026, 8, 14)}
RANGE_FLOW = "{from: 2026-08-03, to: 2026-08-14}"


def with_pin(loaded: Loaded, entry: dict[str, object]) -> Loaded:
    def expect(data: Any) -> None:
        data["releases"] = [*(data.get("releases") or []), entry]

    return edited(loaded, append_top_level(loaded, "releases", [entry]), expect, "pin")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("swaps: &s []\n", f"swaps: &s [{SWAP_FLOW}]\n"),
        ("swaps: !!seq []\n", f"swaps: !!seq [{SWAP_FLOW}]\n"),
        ("swaps: &s   # none yet\n  []\n", f"swaps: &s   # none yet\n  [{SWAP_FLOW}]\n"),
        (f"swaps: &s\n  - {SWAP_FLOW}\n", f"swaps: &s\n  - {SWAP_FLOW}\n  - {SWAP_FLOW}\n"),
        (f"swaps: [&first {SWAP_FLOW}]\n", f"swaps: [&first {SWAP_FLOW}, {SWAP_FLOW}]\n"),
    ],
    ids=["anchor", "tag", "anchor-a-line-before", "anchored-block-list", "anchored-item"],
)
def test_a_swap_joins_an_anchored_or_tagged_list(before: str, after: str) -> None:
    loaded = parse((THREE + before).encode(), "rotation.yaml")
    assert with_swap(loaded, SWAP).text == THREE + after


def test_a_pin_joins_an_anchored_empty_list() -> None:
    loaded = parse((THREE + "releases: &r []\n").encode(), "rotation.yaml")
    assert with_pin(loaded, PIN).text == THREE + f"releases: &r [{PIN_FLOW}]\n"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("  - id: tobby\n    away: &a []\n", f"  - id: tobby\n    away: &a [{RANGE_FLOW}]\n"),
        (
            "  - id: tobby\n    away: &a\n      []\n",
            f"  - id: tobby\n    away: &a\n      [{RANGE_FLOW}]\n",
        ),
        ("  - &t {id: tobby}\n", f"  - &t {{id: tobby, away: [{RANGE_FLOW}]}}\n"),
        ("  - &t {id: tobby, away: &a []}\n", f"  - &t {{id: tobby, away: &a [{RANGE_FLOW}]}}\n"),
        ("  - &t\n    id: tobby\n", f"  - &t\n    id: tobby\n    away:\n      - {RANGE_FLOW}\n"),
    ],
    ids=[
        "anchored-empty-list",
        "anchor-a-line-before",
        "anchored-flow-member",
        "anchored-member-and-list",
        "anchored-block-member",
    ],
)
def test_an_away_range_joins_an_anchored_member_or_list(before: str, after: str) -> None:
    text = THREE.replace("  - id: tobby\n", before)
    loaded = parse(text.encode(), "rotation.yaml")
    assert with_away(loaded, 2, RANGE).text == THREE.replace("  - id: tobby\n", after)


@pytest.mark.parametrize(
    "member", ["  - id: tobby\n    away: *shared\n", "  - {id: tobby, away: *shared}\n"]
)
def test_an_away_list_shared_through_an_alias_is_refused(member: str) -> None:
    text = THREE.replace("  - id: jane\n", "  - id: jane\n    away: &shared []\n")
    loaded = parse(text.replace("  - id: tobby\n", member).encode(), "rotation.yaml")
    with pytest.raises(RelrotError) as refused:
        with_away(loaded, 2, RANGE)
    assert [p.message for p in refused.value.problems] == [
        "`away` is an alias (`*`) of a list written elsewhere, and adding to it would change "
        "every place that shares it; nothing was written: add the entry by hand"
    ]


def unchecked(text: str) -> Loaded:
    """A file with an empty list key (`swaps:`), which loads as an empty list."""
    return parse(text.encode(), "rotation.yaml")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("swaps:\n", f"swaps:\n  - {SWAP_FLOW}\n"),
        ("swaps:   # none yet\n", f"swaps:   # none yet\n  - {SWAP_FLOW}\n"),
        ("swaps: ~\n", f"swaps: [{SWAP_FLOW}]\n"),
        ("swaps: null  # none yet\n", f"swaps: [{SWAP_FLOW}]  # none yet\n"),
    ],
    ids=["nothing", "a-comment", "tilde", "null-and-a-comment"],
)
def test_a_swap_fills_a_swaps_key_left_empty(before: str, after: str) -> None:
    assert with_swap(unchecked(THREE + before), SWAP).text == THREE + after


def test_an_empty_key_written_some_other_way_is_refused_cleanly() -> None:
    with pytest.raises(RelrotError) as refused:
        with_swap(unchecked(THREE + "swaps: &none\n"), SWAP)
    assert [p.message for p in refused.value.problems] == [
        "could not add to `swaps`, which is empty; nothing was written: "
        "write `swaps: []` and run the command again"
    ]


def test_an_away_range_fills_an_away_key_left_empty() -> None:
    loaded = unchecked(THREE.replace("  - id: tobby\n", "  - id: tobby\n    away:\n"))
    changed = with_away(loaded, 2, RANGE)
    assert changed.text == THREE + f"    away:\n      - {RANGE_FLOW}\n"


# --- files with CR line endings ----------------------------------------------------------------


def with_line_ending(raw: bytes, newline: bytes) -> bytes:
    return raw.replace(b"\r\n", b"\n").replace(b"\n", newline)


@pytest.mark.parametrize("path", FIXTURES, ids=file_id)
def test_a_file_with_cr_line_endings_is_edited_as_its_lf_twin(path: Path) -> None:
    """Old Mac files end lines with a lone CR, which YAML reads as a line break too."""
    lf = parse(with_line_ending(path.read_bytes(), b"\n"), "rotation.yaml")
    cr = parse(with_line_ending(path.read_bytes(), b"\r"), "rotation.yaml")
    assert with_swap(cr, swap_entry(cr)).raw == with_line_ending(
        with_swap(lf, swap_entry(lf)).raw, b"\r"
    )
    index = len(lf.model.members) - 1
    assert with_away(cr, index, AWAY).raw == with_line_ending(with_away(lf, index, AWAY).raw, b"\r")


def test_the_diff_of_a_cr_file_shows_one_line_per_line() -> None:
    loaded = parse(ROSTER.replace("\n", "\r").encode(), "rotation.yaml")
    assert unified_diff(loaded, with_swap(loaded, ENTRY)) == (
        "--- a/rotation.yaml\n"
        "+++ b/rotation.yaml\n"
        "@@ -5,3 +5,5 @@\n"
        "   - id: jane\n"
        "   - id: tobby\n"
        "   - id: elvis\n"
        "+swaps:\n"
        "+  - {release: 26.5.0, seat: co_pilot, out: tobby, in: bob}\n"
    )


# --- checking edits -----------------------------------------------------------------------------


def test_an_edit_that_does_not_hold_the_intended_data_is_refused() -> None:
    loaded = load(ROUNDTRIP / "commented.yaml")
    wrong = loaded.text.replace("in: bob", "in: elvis")

    def expect(data: Any) -> None:
        data["swaps"] = [*data["swaps"]]

    with pytest.raises(RelrotError) as refused:
        edited(loaded, wrong, expect, "add the swap")
    assert [p.message for p in refused.value.problems] == [
        f"could not add the swap without reformatting {loaded.path}; nothing was written: "
        "make the change by hand"
    ]


def test_an_edit_that_breaks_the_yaml_is_refused_with_the_reason() -> None:
    loaded = load(ROUNDTRIP / "commented.yaml")
    with pytest.raises(RelrotError) as refused:
        edited(loaded, loaded.text + "swaps: [\n", lambda _data: None, "add the swap")
    message = refused.value.problems[0].message
    assert message.startswith(f"could not add the swap without reformatting {loaded.path} (")
    assert message.endswith("); nothing was written: make the change by hand")


def test_a_refused_edit_names_where_it_broke_and_quotes_nothing_from_the_parser() -> None:
    # A mapping where a key belongs: the loader's own message would show a Python repr.
    loaded = parse(ROSTER.encode(), "rotation.yaml")
    with pytest.raises(RelrotError) as refused:
        edited(loaded, ROSTER + "{release: 26.5.0}: x\n", lambda _data: None, "add the swap")
    assert [p.message for p in refused.value.problems] == [
        "could not add the swap without reformatting rotation.yaml (the edited text would not "
        "read back at line 8, column 1); nothing was written: make the change by hand"
    ]


# --- the diff -----------------------------------------------------------------------------------


def test_unified_diff_names_a_relative_file_with_a_and_b_prefixes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    copy_to(ROUNDTRIP / "no_trailing_newline.yaml", tmp_path)
    monkeypatch.chdir(tmp_path)
    loaded = load("rotation.yaml")
    entry = {"release": "26.5.0", "seat": "co_pilot", "out": "rae", "in": "pat"}
    assert unified_diff(loaded, with_swap(loaded, entry)) == (
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


def test_unified_diff_names_an_absolute_file_as_it_is(tmp_path: Path) -> None:
    target = copy_to(ROUNDTRIP / "bom.yaml", tmp_path)
    loaded = load(target)
    diff = unified_diff(loaded, with_away(loaded, 0, AWAY))
    assert diff == (
        f"--- {target}\n"
        f"+++ {target}\n"
        "@@ -4,6 +4,8 @@\n"
        " members:\n"
        "   - id: zoe\n"
        "     name: Zoë Saldaña\n"
        "+    away:\n"
        "+      - {from: 2026-08-03, to: 2026-08-14, reason: family trip}\n"
        "   - id: jose\n"
        '     name: "José Muñoz"\n'
        "   - id: bjorn\n"
    )


# --- writing ------------------------------------------------------------------------------------


ROSTER = """\
schedule:
  first_release: 2026-01-13
members:
  - id: bob
  - id: jane
  - id: tobby
  - id: elvis
"""
ENTRY = {"release": "26.5.0", "seat": "co_pilot", "out": "tobby", "in": "bob"}
WITH_SWAP = ROSTER + "swaps:\n  - {release: 26.5.0, seat: co_pilot, out: tobby, in: bob}\n"


def prepared(tmp_path: Path) -> tuple[Path, Loaded, bytes]:
    target = tmp_path / "rotation.yaml"
    target.write_text(ROSTER, encoding="utf-8")
    loaded = load(target)
    new_raw = encode_like(loaded, with_swap(loaded, ENTRY).text)
    assert new_raw == WITH_SWAP.encode()
    return target, loaded, new_raw


def test_write_atomically_replaces_the_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target, loaded, new_raw = prepared(tmp_path)
    assert write_atomically(loaded, new_raw) is True
    assert target.read_bytes() == WITH_SWAP.encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rotation.yaml"]
    assert load(target).model.swaps == (Swap.model_validate(ENTRY),)


@pytest.mark.parametrize("path", FIXTURES, ids=file_id)
def test_a_written_edit_is_on_disk_byte_for_byte(path: Path, tmp_path: Path) -> None:
    target = copy_to(path, tmp_path)
    loaded = load(target)
    new_raw = encode_like(loaded, with_swap(loaded, swap_entry(loaded)).text)
    assert write_atomically(loaded, new_raw) is True
    assert target.read_bytes() == new_raw == (EXPECTED / f"{path.stem}.swap.yaml").read_bytes()


@pytest.mark.parametrize("mode", [0o640, 0o600, 0o664])
def test_the_file_mode_is_kept(tmp_path: Path, mode: int) -> None:
    target, loaded, new_raw = prepared(tmp_path)
    target.chmod(mode)
    write_atomically(loaded, new_raw)
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_a_symlinked_file_stays_a_link_and_its_target_is_updated(tmp_path: Path) -> None:
    # Both folders are in one checkout: a link may lead anywhere inside its repository.
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    real_folder = tmp_path / "shared"
    real_folder.mkdir()
    real = real_folder / "rotation.yaml"
    real.write_text(ROSTER, encoding="utf-8")
    real.chmod(0o640)
    repo = tmp_path / "repo"
    repo.mkdir()
    link = repo / "rotation.yaml"
    link.symlink_to(Path("..") / "shared" / "rotation.yaml")
    loaded = load(link)

    assert write_atomically(loaded, encode_like(loaded, with_swap(loaded, ENTRY).text)) is True

    assert link.is_symlink()
    assert link.readlink() == Path("..") / "shared" / "rotation.yaml"
    assert real.read_text(encoding="utf-8") == WITH_SWAP
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in real_folder.iterdir()) == ["rotation.yaml"]
    assert sorted(p.name for p in repo.iterdir()) == ["rotation.yaml"]


def failing(error: BaseException) -> Callable[..., None]:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise error

    return fail


@pytest.mark.parametrize(
    ("name", "target"),
    [("replace", os), ("fsync", os), ("chmod", os)],
)
def test_a_failed_write_leaves_the_original_and_no_temporary_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, target: object
) -> None:
    path, loaded, new_raw = prepared(tmp_path)
    monkeypatch.setattr(target, name, failing(OSError(errno.EIO, os.strerror(errno.EIO))))
    with pytest.raises(UsageError) as refused:
        write_atomically(loaded, new_raw)
    assert [p.message for p in refused.value.problems] == [
        f"{path}: could not write: Input/output error; the file is unchanged"
    ]
    assert refused.value.exit_code == 2
    assert path.read_text(encoding="utf-8") == ROSTER
    assert temporary_files(tmp_path) == []


def test_a_folder_where_no_temporary_file_can_be_made_is_a_clean_refusal(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A read-only checkout: the file may be readable while its folder takes no new files.
    path, loaded, new_raw = prepared(tmp_path)
    monkeypatch.setattr(
        tempfile,
        "NamedTemporaryFile",
        failing(PermissionError(errno.EACCES, os.strerror(errno.EACCES))),
    )
    with pytest.raises(UsageError) as refused:
        write_atomically(loaded, new_raw)
    assert [p.message for p in refused.value.problems] == [
        f"{path}: could not write: Permission denied; the file is unchanged"
    ]
    assert path.read_text(encoding="utf-8") == ROSTER


def test_an_interrupt_during_the_write_removes_the_temporary_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path, loaded, new_raw = prepared(tmp_path)
    monkeypatch.setattr(os, "replace", failing(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        write_atomically(loaded, new_raw)
    assert path.read_text(encoding="utf-8") == ROSTER
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rotation.yaml"]


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o440], ids=oct)
def test_a_read_only_file_is_refused_not_replaced(tmp_path: Path, mode: int) -> None:
    path, loaded, new_raw = prepared(tmp_path)
    path.chmod(mode)
    with pytest.raises(UsageError) as refused:
        write_atomically(loaded, new_raw)
    assert [p.message for p in refused.value.problems] == [
        f"{path} is read-only; nothing was written: make it writable first if it should change"
    ]
    assert path.read_text(encoding="utf-8") == ROSTER
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rotation.yaml"]


def test_a_file_this_user_may_not_write_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Someone else's 0644 file in a shared folder: renaming over it would still work.
    path, loaded, new_raw = prepared(tmp_path)
    monkeypatch.setattr(os, "access", lambda _path, mode: mode != os.W_OK)
    with pytest.raises(UsageError) as refused:
        write_atomically(loaded, new_raw)
    assert refused.value.problems[0].message.startswith(f"{path} is read-only; nothing was written")
    assert path.read_text(encoding="utf-8") == ROSTER


def test_a_hard_linked_file_is_refused_not_split(tmp_path: Path) -> None:
    path, loaded, new_raw = prepared(tmp_path)
    other = tmp_path / "other-name.yaml"
    other.hardlink_to(path)
    with pytest.raises(UsageError) as refused:
        write_atomically(loaded, new_raw)
    assert [p.message for p in refused.value.problems] == [
        f"{path} has 2 hard links, and the new file would take the place of this one only "
        "(the others would keep the old text); nothing was written: edit it by hand, or copy "
        "it to a file of its own first"
    ]
    assert path.read_text(encoding="utf-8") == other.read_text(encoding="utf-8") == ROSTER
    assert path.stat().st_ino == other.stat().st_ino
    assert temporary_files(tmp_path) == []


as_root = pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() != 0, reason="only root gives files away"
)


@as_root
@pytest.mark.parametrize(
    ("may_change", "kept"),
    [
        ("owner and group", (True, True)),  # root
        ("group", (False, True)),  # a member of the file's group
        ("nothing", (False, False)),  # anyone else: the write still goes ahead
    ],
)
def test_the_owner_and_group_are_kept_as_far_as_the_process_may(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, may_change: str, kept: tuple[bool, bool]
) -> None:
    path, loaded, new_raw = prepared(tmp_path)
    os.chown(path, 4321, 8765)
    chown = os.chown

    def chown_if_permitted(where: Path, uid: int, gid: int) -> None:
        if may_change == "nothing" or (may_change == "group" and uid != -1):
            raise PermissionError(errno.EPERM, os.strerror(errno.EPERM))
        chown(where, uid, gid)

    monkeypatch.setattr(os, "chown", chown_if_permitted)
    assert write_atomically(loaded, new_raw) is True
    assert path.read_bytes() == new_raw
    owner = (path.stat().st_uid, path.stat().st_gid)
    assert owner == (4321 if kept[0] else os.getuid(), 8765 if kept[1] else os.getgid())


CONCURRENT = ROSTER.replace("  - id: elvis\n", "  - id: elvis\n  - id: kai\n")


def test_a_file_changed_after_it_was_read_is_not_overwritten(tmp_path: Path) -> None:
    path, loaded, new_raw = prepared(tmp_path)
    path.write_text(CONCURRENT, encoding="utf-8")
    with pytest.raises(RelrotError) as refused:
        write_atomically(loaded, new_raw)
    assert [p.message for p in refused.value.problems] == [
        f"{path} changed while relrot was working; nothing was written: run the command again"
    ]
    assert path.read_text(encoding="utf-8") == CONCURRENT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rotation.yaml"]


def test_a_file_changed_while_the_temporary_file_is_written_is_not_overwritten(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path, loaded, new_raw = prepared(tmp_path)
    fsync = os.fsync

    def fsync_and_race(descriptor: int) -> None:
        # An editor, which takes no lock, saves while relrot syncs its temporary file.
        path.write_text(CONCURRENT, encoding="utf-8")
        fsync(descriptor)

    monkeypatch.setattr(os, "fsync", fsync_and_race)
    with pytest.raises(RelrotError) as refused:
        write_atomically(loaded, new_raw)
    assert refused.value.problems[0].message == (
        f"{path} changed while relrot was working; nothing was written: run the command again"
    )
    assert path.read_text(encoding="utf-8") == CONCURRENT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rotation.yaml"]


def test_a_file_removed_after_it_was_read_is_not_recreated(tmp_path: Path) -> None:
    path, loaded, new_raw = prepared(tmp_path)
    path.unlink()
    with pytest.raises(UsageError) as refused:
        write_atomically(loaded, new_raw)
    assert [p.message for p in refused.value.problems] == [
        f"{path}: cannot read it again: No such file or directory"
    ]
    assert list(tmp_path.iterdir()) == []


def test_encode_like_keeps_a_byte_order_mark_only_where_there_was_one() -> None:
    with_bom = load(ROUNDTRIP / "bom.yaml")
    without = load(ROUNDTRIP / "commented.yaml")
    assert encode_like(with_bom, "a: é\n") == BOM + "a: é\n".encode()
    assert encode_like(without, "a: é\n") == "a: é\n".encode()


# --- concurrent writers -------------------------------------------------------------------------

RACERS = 6
RACE_ROUNDS = 50
CHANGED = "changed while relrot was working; nothing was written: run the command again"


def race(writers: list[tuple[Loaded, bytes]]) -> list[bool | RelrotError]:
    """Start every writer at once; each one's result, or the refusal it met."""
    outcomes: list[bool | RelrotError] = [False] * len(writers)
    start = threading.Barrier(len(writers))

    def write(index: int) -> None:
        loaded, new_raw = writers[index]
        start.wait()
        try:
            outcomes[index] = write_atomically(loaded, new_raw)
        except RelrotError as refused:
            outcomes[index] = refused

    threads = [threading.Thread(target=write, args=(i,)) for i in range(len(writers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def race_rounds(path: Path, rounds: int) -> None:
    """Each round, writers that read the same bytes race: exactly one writes, and the file
    then holds exactly its text; every other writer is refused."""
    for round_number in range(rounds):
        raw = path.read_bytes()
        loaded = parse(raw, str(path))
        writers = [
            (dataclasses.replace(loaded), raw + f"# round {round_number}, writer {w}\n".encode())
            for w in range(RACERS)
        ]
        outcomes = race(writers)
        winners = [w for w, outcome in enumerate(outcomes) if outcome is True]
        assert len(winners) == 1, (round_number, outcomes)
        assert path.read_bytes() == writers[winners[0]][1]
        for outcome in outcomes:
            if isinstance(outcome, RelrotError):
                assert [p.message for p in outcome.problems] == [f"{path} {CHANGED}"]
    assert temporary_files(path.parent) == []


def test_of_writers_that_read_the_same_bytes_exactly_one_writes(tmp_path: Path) -> None:
    path = tmp_path / "rotation.yaml"
    path.write_text(ROSTER, encoding="utf-8")
    race_rounds(path, RACE_ROUNDS)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rotation.yaml"]
    assert path.read_text(encoding="utf-8").count("# round ") == RACE_ROUNDS


def test_where_a_folder_cannot_be_locked_a_lock_file_serialises_the_writers(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # NFS grants an exclusive flock only to a file open for writing.
    flock = fcntl.flock

    def refuse_folders(descriptor: int, operation: int) -> None:
        if stat.S_ISDIR(os.fstat(descriptor).st_mode):
            raise OSError(errno.EBADF, os.strerror(errno.EBADF))
        flock(descriptor, operation)

    monkeypatch.setattr(fcntl, "flock", refuse_folders)
    path = tmp_path / "rotation.yaml"
    path.write_text(ROSTER, encoding="utf-8")
    race_rounds(path, 10)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".rotation.yaml.lock", "rotation.yaml"]


def test_a_writer_stuck_holding_the_lock_makes_the_next_give_up_cleanly(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path, loaded, new_raw = prepared(tmp_path)
    monkeypatch.setattr(edit, "LOCK_PATIENCE_SECONDS", 0.05)
    folder = os.open(tmp_path, os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        with pytest.raises(UsageError) as refused:
            write_atomically(loaded, new_raw)
    finally:
        os.close(folder)
    assert [p.message for p in refused.value.problems] == [
        f"{path}: could not write: another relrot has been writing there for 0.05 seconds; "
        "the file is unchanged"
    ]
    assert path.read_text(encoding="utf-8") == ROSTER
    assert write_atomically(loaded, new_raw) is True


def code_under_test() -> dict[str, str]:
    """The environment for a Python process that imports this relrot, not an installed one."""
    source = str(Path(edit.__file__).parents[1])
    return {**os.environ, "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}


RACE_CREW = """\
schedule:
  first_release: 2026-01-13
members:
  - id: ana
  - id: bert
  - id: clay
  - id: debi
  - id: emil
  - id: fay
"""


def start_away(folder: Path, member: str, first: dt.date) -> subprocess.Popen[str]:
    """`relrot away` in a process of its own."""
    command = [
        sys.executable,
        "-m",
        "relrot",
        "away",
        member,
        str(first),
        str(first.replace(day=20)),
    ]
    return subprocess.Popen(
        [*command, "--today", "2026-01-01"],
        cwd=folder,
        env=code_under_test(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_relrot_processes_started_together_lose_no_change(tmp_path: Path) -> None:
    """Real `relrot away` runs on distinct members: whoever exits 0 has its range in the file,
    everyone else was refused. (A process costs most of a second of imports, so this is one
    round; the threads above race fifty.)"""
    path = tmp_path / "rotation.yaml"
    path.write_text(RACE_CREW, encoding="utf-8")
    members = [line.split()[-1] for line in RACE_CREW.splitlines() if "- id:" in line]
    # One member away in each year's January release: however the runs happen to interleave
    # (together, or one after another on a busy machine), no range can add a problem.
    firsts = {member: dt.date(2035 + year, 1, 1) for year, member in enumerate(members)}
    runs = {member: start_away(tmp_path, member, first) for member, first in firsts.items()}
    written = []
    for member, run in runs.items():
        _, stderr = run.communicate(timeout=60)
        if run.returncode == 0:
            written.append((member, firsts[member]))
        else:
            expected = f"rotation.yaml: error [edit] rotation.yaml {CHANGED}\n"
            assert (run.returncode, stderr) == (1, expected)
    assert written
    recorded = [(m.id, r.start) for m in load(path).model.members for r in m.away]
    assert recorded == written
    assert temporary_files(tmp_path) == []


# --- signals during a write ---------------------------------------------------------------------

STOP_SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP]


@dataclasses.dataclass
class Noting:
    """Handlers that note each signal and return, as a program that logs and goes on."""

    signals: list[int] = dataclasses.field(default_factory=list)

    def __call__(self, signum: int, _frame: object) -> None:
        self.signals.append(signum)


@pytest.fixture
def noting() -> Iterator[Noting]:
    handler = Noting()
    previous = {signum: signal.signal(signum, handler) for signum in STOP_SIGNALS}
    try:
        yield handler
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def signal_after_fsync(monkeypatch: pytest.MonkeyPatch, signum: int, call: int) -> None:
    """`os.fsync` sends `signum` to this process as its `call`-th call returns: the first
    syncs the temporary file, the second the folder after the rename."""
    fsync = os.fsync
    calls: list[int] = []

    def fsync_then_signal(descriptor: int) -> None:
        fsync(descriptor)
        calls.append(descriptor)
        if len(calls) == call:
            os.kill(os.getpid(), signum)

    monkeypatch.setattr(os, "fsync", fsync_then_signal)


@pytest.mark.parametrize("signum", STOP_SIGNALS, ids=lambda s: signal.Signals(s).name)
def test_a_signal_before_the_rename_abandons_the_write_and_reaches_the_old_handler(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, noting: Noting, signum: int
) -> None:
    path, loaded, new_raw = prepared(tmp_path)
    signal_after_fsync(monkeypatch, signum, call=1)
    with pytest.raises(WriteInterrupted) as stopped:
        write_atomically(loaded, new_raw)
    assert (
        str(stopped.value)
        == f"{signal.Signals(signum).name} stopped the write; the file is unchanged"
    )
    assert noting.signals == [signum]
    assert all(signal.getsignal(s) is noting for s in STOP_SIGNALS)
    assert path.read_text(encoding="utf-8") == ROSTER
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rotation.yaml"]


def test_a_signal_after_the_rename_lets_the_write_finish_first(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, noting: Noting
) -> None:
    path, loaded, new_raw = prepared(tmp_path)
    signal_after_fsync(monkeypatch, signal.SIGTERM, call=2)
    assert write_atomically(loaded, new_raw) is True
    assert noting.signals == [signal.SIGTERM]
    assert path.read_bytes() == new_raw
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rotation.yaml"]


def test_a_signal_while_waiting_for_the_lock_stops_the_wait(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, noting: Noting
) -> None:
    path, loaded, new_raw = prepared(tmp_path)
    monkeypatch.setattr(time, "sleep", lambda _seconds: os.kill(os.getpid(), signal.SIGTERM))
    folder = os.open(tmp_path, os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        with pytest.raises(WriteInterrupted):
            write_atomically(loaded, new_raw)
    finally:
        os.close(folder)
    assert noting.signals == [signal.SIGTERM]
    assert path.read_text(encoding="utf-8") == ROSTER


def test_an_ignored_signal_stays_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # `nohup relrot swap ...`: a hang-up must not stop the write.
    path, loaded, new_raw = prepared(tmp_path)
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        signal_after_fsync(monkeypatch, signal.SIGHUP, call=1)
        assert write_atomically(loaded, new_raw) is True
        assert signal.getsignal(signal.SIGHUP) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, previous)
    assert path.read_bytes() == new_raw


TERMINATED_WRITE = """
import os, signal, sys
from relrot.edit import write_atomically
from relrot.loader import load

fsync = os.fsync

def fsync_then_terminate(descriptor):
    fsync(descriptor)
    os.kill(os.getpid(), signal.SIGTERM)

loaded = load(sys.argv[1])
os.fsync = fsync_then_terminate
write_atomically(loaded, sys.argv[2].encode())
print("not terminated")
"""


def test_a_process_terminated_during_the_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    """With the default handler the signal still ends the process, after the cleanup."""
    path = tmp_path / "rotation.yaml"
    path.write_text(ROSTER, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", TERMINATED_WRITE, str(path), WITH_SWAP],
        env=code_under_test(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (run.returncode, run.stdout) == (-signal.SIGTERM, ""), run.stderr
    assert path.read_text(encoding="utf-8") == ROSTER
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rotation.yaml"]


@pytest.mark.skipif(sys.platform == "win32", reason="no lock, so no way to know a writer is gone")
def test_a_writer_removes_the_temporary_files_killed_writers_left(tmp_path: Path) -> None:
    target, loaded, new_raw = prepared(tmp_path)
    stale = [".rotation.yaml.k1ll3d_0.tmp", ".rotation.yaml.abcdefgh.tmp"]
    for name in stale:
        (tmp_path / name).write_text("half a roster", encoding="utf-8")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    (tmp_path / ".rotation.yaml.linkedto.tmp").symlink_to(victim)
    # Not a leftover of this file's writers: another file's, a folder, the user's own files.
    kept = [".other.yaml.abcdefgh.tmp", ".rotation.yaml.notours.tmp.bak", "rotation.yaml.x.tmp"]
    for name in kept:
        (tmp_path / name).write_text("someone else's", encoding="utf-8")
    (tmp_path / ".rotation.yaml.afolder1.tmp").mkdir()

    assert write_atomically(loaded, new_raw) is True

    assert target.read_bytes() == WITH_SWAP.encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["rotation.yaml", "victim.txt", ".rotation.yaml.afolder1.tmp", *kept]
    )
    assert victim.read_text(encoding="utf-8") == "keep me\n"


@pytest.mark.skipif(sys.platform == "win32", reason="no SIGKILL, no lock")
def test_a_killed_writer_leaves_a_temporary_file_the_next_edit_removes(tmp_path: Path) -> None:
    # The real thing: a writer SIGKILLed between writing its temporary file and the rename.
    target, loaded, new_raw = prepared(tmp_path)
    script = (
        "import os, sys\n"
        "from relrot import edit\n"
        "from relrot.loader import load\n"
        "def die(*args): os.kill(os.getpid(), 9)\n"
        "edit.os.replace = die\n"
        f"loaded = load({str(target)!r})\n"
        f"edit.write_atomically(loaded, {new_raw!r})\n"
    )
    killed = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "PYTHONPATH": str(Path(edit.__file__).parent.parent)},
        check=False,
        timeout=120,  # a safety net only
    )
    assert killed.returncode == -signal.SIGKILL
    left = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(left) == 1
    assert write_atomically(loaded, new_raw) is True
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rotation.yaml"]
