"""Calendars that update: after a swap the changed events are newer revisions of the same
events, and two projects never share an event. Parsed with `icalendar`."""

from __future__ import annotations

import datetime as dt
import json
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


# --- issue 26, point 10: `site` reads back the calendar it published -----------------------

FIRST_RUN, SECOND_RUN = "2026-11-21", "2026-11-25"
# Dana (pilot of 27.1.0, whose duty window is 2027-01-04..2027-01-18) is away for all of it.
AWAY = "  - id: dana\n    name: Dana Kowalski\n    github: dkowalski\n"


def site(relrot: Callable[..., Result], path: Path, folder: Path, today: str) -> str:
    result = relrot("--file", path, "site", folder, "--today", today)
    assert result.exit_code == 0, result
    return (folder / "rotation.ics").read_text(encoding="utf-8")


def revisions(text: str) -> dict[str, tuple[int, dt.datetime]]:
    return {
        str(e["UID"]): (int(e.get("SEQUENCE", 0)), e["DTSTAMP"].dt)
        for e in Calendar.from_ical(text).walk("VEVENT")
    }


def test_site_twice_around_a_crew_change_revises_only_the_changed_events(
    relrot: Callable[..., Result], tmp_path: Path
) -> None:
    # Issue 26: after an away changed 27.1.0's crew its event kept SEQUENCE:0, and its
    # DTSTAMP moved earlier (and into the future).
    path = named(tmp_path, "conda")
    # History is pinned, as a team does before roster edits, so only the plan may move.
    pinned = relrot("--file", path, "pin", "--today", FIRST_RUN, "--yes")
    assert pinned.exit_code == 0, pinned
    folder = tmp_path / "public"
    before = site(relrot, path, folder, FIRST_RUN)
    text = path.read_text(encoding="utf-8")
    assert AWAY in text
    path.write_text(
        text.replace(AWAY, AWAY + "    away:\n      - {from: 2027-01-01, to: 2027-01-20}\n"),
        encoding="utf-8",
    )
    after = site(relrot, path, folder, SECOND_RUN)

    old, new = revisions(before), revisions(after)
    assert list(old) == list(new)
    old_text, new_text = events(before), events(after)
    changed = [uid for uid in new if old_text[uid] != new_text[uid]]
    assert {uid.split("/")[0] for uid in changed} >= {"27.1.0"}
    assert all(not uid.startswith("26.") for uid in changed)  # history did not move
    for uid in changed:
        assert new[uid][0] == old[uid][0] + 1
        assert new[uid][1] >= old[uid][1]
    latest = dt.datetime(2026, 11, 25, tzinfo=dt.timezone.utc)
    assert max(stamp for _, stamp in new.values()) <= latest
    assert max(stamp for _, stamp in old.values()) <= latest - dt.timedelta(days=4)
    # Unchanged events are byte-identical; a third run changes nothing at all.
    assert all(old_text[uid] == new_text[uid] for uid in new if uid not in changed)
    assert site(relrot, path, folder, "2026-12-01") == after


def test_two_changes_on_one_day_raise_the_sequence_twice(
    relrot: Callable[..., Result], tmp_path: Path
) -> None:
    path = named(tmp_path, "conda")
    folder = tmp_path / "public"
    key = (
        "27.3.0/release@"
        + next(iter(revisions(site(relrot, path, folder, FIRST_RUN)))).split("@")[1]
    )
    for swap in (("dana", "chen"), ("chen", "bruno")):
        done = relrot(
            "--file",
            path,
            "swap",
            "27.3.0",
            swap[0],
            "--with",
            swap[1],
            "--today",
            FIRST_RUN,
            "--yes",
        )
        assert done.exit_code == 0, done
        site(relrot, path, folder, FIRST_RUN)
    sequence, stamp = revisions((folder / "rotation.ics").read_text(encoding="utf-8"))[key]
    assert sequence == 2
    assert stamp == dt.datetime(2026, 11, 21, tzinfo=dt.timezone.utc)


def test_the_sites_calendar_keeps_past_releases(
    relrot: Callable[..., Result], tmp_path: Path
) -> None:
    path = named(tmp_path, "conda")
    text = site(relrot, path, tmp_path / "public", "2027-06-01")
    versions = [uid.split("/")[0] for uid in revisions(text) if "/release@" in uid]
    assert versions[:3] == ["26.1.0", "26.3.0", "26.5.0"]
    assert "27.5.0" in versions


@pytest.mark.parametrize(
    ("project", "summary", "milestone"),
    [
        pytest.param(
            "project:\n  name: conda\n", "conda release 27.1.0: ", "conda 27.1.0 ", id="name"
        ),
        pytest.param(
            "project:\n  repository: conda/conda-build\n",
            "conda-build release 27.1.0: ",
            "conda-build 27.1.0 ",
            id="repository",
        ),
        pytest.param("", "Release 27.1.0: ", "27.1.0 ", id="neither"),
    ],
)
def test_event_titles_name_the_project(
    relrot: Callable[..., Result], tmp_path: Path, project: str, summary: str, milestone: str
) -> None:
    path = tmp_path / "rotation.yaml"
    path.write_text(project + (ROOT / "rotation.yaml").read_text(encoding="utf-8"), "utf-8")
    found = Calendar.from_ical(ics(relrot, path)).walk("VEVENT")
    assert str(found[0]["SUMMARY"]).startswith(summary)
    assert str(found[1]["SUMMARY"]) == milestone + "release-branch"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"<html>404</html>\n", "not an iCalendar file", id="not-a-calendar"),
        pytest.param(b"BEGIN:VCALENDAR\n\xff\n", "is not UTF-8", id="not-utf8"),
        pytest.param(
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSEQUENCE:one\r\nEND:VEVENT\r\n",
            ":4: SEQUENCE 'one' is not a whole number",
            id="bad-sequence",
        ),
        pytest.param(
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:soon\r\nEND:VEVENT\r\n",
            ":4: DTSTAMP 'soon' is not a UTC time",
            id="bad-stamp",
        ),
    ],
)
def test_a_calendar_in_the_folder_that_relrot_cannot_read_is_a_usage_error(
    relrot: Callable[..., Result], tmp_path: Path, content: bytes, message: str
) -> None:
    folder = tmp_path / "public"
    folder.mkdir()
    (folder / "rotation.ics").write_bytes(content)
    result = relrot("--file", ROOT / "rotation.yaml", "site", folder, "--today", TODAY)
    assert result.exit_code == 2, result
    assert result.stderr.startswith(f"relrot: error: {folder / 'rotation.ics'}")
    assert message in result.stderr
    assert "delete" in result.stderr
    assert (folder / "rotation.ics").read_bytes() == content  # nothing was written


def test_an_empty_calendar_in_the_folder_is_none_yet(
    relrot: Callable[..., Result], tmp_path: Path
) -> None:
    # What a first Pages run leaves when nothing was published yet.
    folder = tmp_path / "public"
    folder.mkdir()
    (folder / "rotation.ics").write_bytes(b"")
    assert site(relrot, ROOT / "rotation.yaml", folder, TODAY) == site(
        relrot, ROOT / "rotation.yaml", tmp_path / "fresh", TODAY
    )


def test_a_new_role_holder_is_a_new_revision_of_that_release_alone(
    relrot: Callable[..., Result], tmp_path: Path
) -> None:
    from tests.render.test_ics import ROLES

    # Dee, QA from 26.3.0, is away for 26.3.0 too: only that release's QA seat changes.
    path = tmp_path / "rotation.yaml"
    path.write_text(json.dumps(ROLES), encoding="utf-8")
    folder = tmp_path / "public"
    before = site(relrot, path, folder, "2026-01-05")
    dee = ROLES["members"][3]
    away = [*dee["away"], {"from": "2026-03-01", "to": "2026-03-31"}]
    changed = {**ROLES, "members": [*ROLES["members"][:3], {**dee, "away": away}]}
    path.write_text(json.dumps(changed), encoding="utf-8")
    after = site(relrot, path, folder, "2026-01-06")
    old, new = revisions(before), revisions(after)
    assert list(old) == list(new)
    assert [uid.split("@")[0] for uid in new if new[uid] != old[uid]] == ["26.3.0/release"]
    (moved,) = [uid for uid in new if uid.startswith("26.3.0/")]
    assert new[moved][0] == old[moved][0] + 1
    assert "QA (empty)" in " ".join(events(after)[moved].replace("\n ", "").split())
