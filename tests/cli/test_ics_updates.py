"""Calendars that update: after a swap the changed events are newer revisions of the same
events, and two projects never share an event. Parsed with `icalendar`."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.conftest import ROOT, Result

TODAY = "2026-11-21"


def named(tmp_path: Path, name: str | None, file: str = "rotation.yaml") -> Path:
    text = (ROOT / "rotation.yaml").read_text(encoding="utf-8")
    if name is not None:
        text = f"project:\n  name: {name}\n" + text
    path = tmp_path / file
    path.write_text(text, encoding="utf-8")
    return path


def ics(relrot: Callable[..., Result], path: Path) -> str:
    result = relrot("--file", path, "plan", "--today", TODAY, "--count", "6", "--format", "ics")
    assert result.exit_code == 0, result
    return result.stdout


def events(text: str) -> dict[str, str]:
    """Each event's own lines, by UID, exactly as written."""
    blocks = re.findall(r"^BEGIN:VEVENT$.*?^END:VEVENT$", text, re.DOTALL | re.MULTILINE)
    parsed = [Calendar.from_ical(f"BEGIN:VCALENDAR\n{b}\nEND:VCALENDAR\n") for b in blocks]
    return {str(c.walk("VEVENT")[0]["UID"]): b for c, b in zip(parsed, blocks, strict=True)}


def test_a_swap_makes_its_events_newer_revisions_and_leaves_the_rest_alone(
    relrot: Callable[..., Result], tmp_path: Path
) -> None:
    path = named(tmp_path, "conda")
    before = ics(relrot, path)
    swapped = relrot(
        "--file", path, "swap", "27.3.0", "dana", "--with", "chen", "--today", TODAY, "--yes"
    )
    assert swapped.exit_code == 0, swapped
    after = ics(relrot, path)
    old, new = Calendar.from_ical(before), Calendar.from_ical(after)
    assert str(new["X-WR-CALNAME"]) == "conda release rotation"
    old_events = {str(e["UID"]): e for e in old.walk("VEVENT")}
    new_events = {str(e["UID"]): e for e in new.walk("VEVENT")}
    assert list(old_events) == list(new_events)
    changed = [u for u in new_events if u.startswith("27.3.0/")]
    assert changed == [
        "27.3.0/release@conda-" + changed[0].split("-")[-1],
        *(f"27.3.0/{m}@{changed[0].split('@')[1]}" for m in ("release-branch", "all-clear")),
    ]
    for key in changed:
        earlier, later = old_events[key], new_events[key]
        assert "Chen Wei" in str(later["DESCRIPTION"])
        assert later["SEQUENCE"] > earlier.get("SEQUENCE", 0)
        assert later["DTSTAMP"].dt > earlier["DTSTAMP"].dt
        assert later["LAST-MODIFIED"].dt == later["DTSTAMP"].dt
    old_text, new_text = events(before), events(after)
    untouched = [u for u in new_text if u not in changed]
    assert len(untouched) == 15
    assert all(old_text[u] == new_text[u] for u in untouched)


def test_the_same_file_gives_the_same_calendar(
    relrot: Callable[..., Result], tmp_path: Path
) -> None:
    path = named(tmp_path, "conda")
    assert ics(relrot, path) == ics(relrot, path)


@pytest.mark.parametrize("second", ["mamba", None])
def test_two_projects_with_the_same_calendar_share_no_uid(
    relrot: Callable[..., Result], tmp_path: Path, second: str | None
) -> None:
    first = Calendar.from_ical(ics(relrot, named(tmp_path, "conda", "a.yaml")))
    other = Calendar.from_ical(ics(relrot, named(tmp_path, second, "b.yaml")))
    uids = {str(e["UID"]) for e in first.walk("VEVENT")}
    others = {str(e["UID"]) for e in other.walk("VEVENT")}
    assert len(uids) == len(others) == 18
    assert not uids & others
    # The events themselves are the same: only who they belong to differs.
    assert [e["DTSTART"].dt for e in first.walk("VEVENT")] == [
        e["DTSTART"].dt for e in other.walk("VEVENT")
    ]


def test_a_repository_names_the_project_before_its_name(
    relrot: Callable[..., Result], tmp_path: Path
) -> None:
    path = tmp_path / "rotation.yaml"
    path.write_text(
        "project: {name: conda, repository: conda/conda}\n"
        + (ROOT / "rotation.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    first = Calendar.from_ical(ics(relrot, path)).walk("VEVENT")[0]
    assert str(first["UID"]).startswith("27.1.0/release@conda-conda-")
