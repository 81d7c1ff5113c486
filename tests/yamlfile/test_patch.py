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

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

from relrot.model import DateRange, Swap
from relrot.problems import RelrotError
from relrot.yamlfile.atomic import write_atomically
from relrot.yamlfile.load import Loaded, load, parse
from relrot.yamlfile.patch import (
    add_member_away,
    append_top_level,
    edited,
    encode_like,
    remove_top_level_items,
    unified_diff,
)
from tests.conftest import DATA, ROOT, Golden

ROUNDTRIP = DATA / "roundtrip"
EXPECTED = ROUNDTRIP / "expected"
FIXTURES = sorted(ROUNDTRIP.glob("*.yaml"))
ALL_FILES = [*FIXTURES, ROOT / "rotation.yaml"]
BOM = b"\xef\xbb\xbf"

AWAY = {"from": dt.date(2026, 8, 3), "to": dt.date(2026, 8, 14), "reason": "family trip"}

# Fixtures whose `swaps:` is a flow list: the one line holding it is the only one to change.
FLOW_SWAPS = {"empty_swaps_anchor.yaml", "flow_members.yaml"}


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


def test_encode_like_keeps_a_byte_order_mark_only_where_there_was_one() -> None:
    with_bom = load(ROUNDTRIP / "bom.yaml")
    without = load(ROUNDTRIP / "commented.yaml")
    assert encode_like(with_bom, "a: é\n") == BOM + "a: é\n".encode()
    assert encode_like(without, "a: é\n") == "a: é\n".encode()


# --- concurrent writers -------------------------------------------------------------------------


# --- removing swaps (an import that pins another crew than the swaps expect) ----------------------

SWAPS = """\
schedule: {first_release: 2026-01-13}
members: [{id: ana}, {id: ben}, {id: cy}]
swaps:   # seat changes
  # ana had a conference
  - release: 26.3.0
    seat: pilot
    out: ana
    in: ben   # asked first
  - {release: 26.5.0, seat: pilot, out: ben, in: cy}

  # cy's dentist
  - {release: 26.7.0, seat: co_pilot, out: cy, in: ana}
# end of file
"""


def removed(text: str, indices: tuple[int, ...]) -> str:
    loaded = parse(text.encode(), "rotation.yaml", round_trip=True)

    def expect(data: Any) -> None:
        data["swaps"] = [s for i, s in enumerate(data["swaps"]) if i not in indices]

    return edited(loaded, remove_top_level_items(loaded, "swaps", indices), expect, "remove").text


def test_removing_swaps_takes_their_lines_and_the_comment_right_above() -> None:
    assert removed(SWAPS, (0, 2)) == (
        "schedule: {first_release: 2026-01-13}\n"
        "members: [{id: ana}, {id: ben}, {id: cy}]\n"
        "swaps:   # seat changes\n"
        "  - {release: 26.5.0, seat: pilot, out: ben, in: cy}\n"
        "\n"
        "# end of file\n"
    )


def test_removing_every_swap_leaves_an_empty_list() -> None:
    assert removed(SWAPS, (0, 1, 2)) == (
        "schedule: {first_release: 2026-01-13}\n"
        "members: [{id: ana}, {id: ben}, {id: cy}]\n"
        "swaps: []   # seat changes\n"
        "\n"
        "# end of file\n"
    )


def test_removing_from_a_flow_list_is_refused_and_names_the_items() -> None:
    text = (
        "schedule: {first_release: 2026-01-13}\nmembers: [{id: ana}, {id: ben}]\n"
        "swaps: [{release: 1, seat: pilot, out: ana, in: ben}]\n"
    )

    with pytest.raises(RelrotError) as caught:
        removed(text, (0,))

    assert caught.value.problems[0].message.startswith(
        "`swaps` is a flow list (`[...]`); nothing was written to rotation.yaml: remove items 1 "
        "by hand"
    )
