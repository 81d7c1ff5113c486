"""`relrot pin`: planned seats written into `releases:`, and nothing else moves (SPEC 3.5, 5.4)."""

from __future__ import annotations

import difflib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from relrot.yamlfile.load import load
from tests.conftest import ROOT, Result

Run = Callable[..., Result]

TODAY = "2026-11-21"

# The repository's rotation.yaml on 2026-11-21: 26.11.0 (Mon 2026-11-09, all-clear 2026-11-16)
# is the last release dated before today and no duty window holds today, so the default
# pins releases 1-6. Its plan:
#   26.1.0 amara/bruno, 26.3.0 bruno/amara, 26.5.0 bruno/chen, 26.7.0 chen/bruno,
#   26.9.0 chen/dana, 26.11.0 dana/chen, 27.1.0 dana/eli (jump seat gus), 27.3.0 eli/dana
PINNED_THROUGH_26_11 = """\
releases:
  - {version: 26.1.0, date: 2026-01-12, pilot: amara, co_pilot: bruno}
  - {version: 26.3.0, date: 2026-03-09, pilot: bruno, co_pilot: amara}
  - {version: 26.5.0, date: 2026-05-11, pilot: bruno, co_pilot: chen}
  - {version: 26.7.0, date: 2026-07-13, pilot: chen, co_pilot: bruno}
  - {version: 26.9.0, date: 2026-09-14, pilot: chen, co_pilot: dana}
  - {version: 26.11.0, date: 2026-11-09, pilot: dana, co_pilot: chen}
"""
PINNED_27_1_AND_27_3 = """\
  - {version: 27.1.0, date: 2027-01-11, pilot: dana, co_pilot: eli, jump_seat: gus}
  - {version: 27.3.0, date: 2027-03-08, pilot: eli, co_pilot: dana}
"""
# Every seat `pin` records comes from the plan, and it says so, release by release (SPEC 5.4).
FROM_PLAN = {
    "26.1.0": "pilot Amara Okafor, co-pilot Bruno Lindqvist",
    "26.3.0": "pilot Bruno Lindqvist, co-pilot Amara Okafor",
    "26.5.0": "pilot Bruno Lindqvist, co-pilot Chen Wei",
    "26.7.0": "pilot Chen Wei, co-pilot Bruno Lindqvist",
    "26.9.0": "pilot Chen Wei, co-pilot Dana Kowalski",
    "26.11.0": "pilot Dana Kowalski, co-pilot Chen Wei",
    "27.1.0": "pilot Dana Kowalski, co-pilot Eli Navarro, jump seat Gus Mbeki",
    "27.3.0": "pilot Eli Navarro, co-pilot Dana Kowalski",
}


def pinning(versions: list[str]) -> str:
    """What `pin` prints for pinning `versions` of the repository's file."""
    listed = "".join(f"  {v}: {FROM_PLAN[v]} (from the plan, not a record)\n" for v in versions)
    return f"pinning {len(versions)} release(s): {', '.join(versions)}\n" + listed


PINNING_SIX = pinning(["26.1.0", "26.3.0", "26.5.0", "26.7.0", "26.9.0", "26.11.0"])

DRY_RUN = (
    PINNING_SIX
    + """\

--- a/rotation.yaml
+++ b/rotation.yaml
@@ -49,3 +49,10 @@
 # Observers: anyone on the roster may ask to sit in.
 jump_seat:
   - {member: gus, after: 2027-01-01}
+releases:
+  - {version: 26.1.0, date: 2026-01-12, pilot: amara, co_pilot: bruno}
+  - {version: 26.3.0, date: 2026-03-09, pilot: bruno, co_pilot: amara}
+  - {version: 26.5.0, date: 2026-05-11, pilot: bruno, co_pilot: chen}
+  - {version: 26.7.0, date: 2026-07-13, pilot: chen, co_pilot: bruno}
+  - {version: 26.9.0, date: 2026-09-14, pilot: chen, co_pilot: dana}
+  - {version: 26.11.0, date: 2026-11-09, pilot: dana, co_pilot: chen}
"""
)

SWAPS = """\
swaps:
  - {release: 26.9.0, seat: co_pilot, out: dana, in: amara, reason: conference}
  - {release: 27.3.0, seat: pilot, out: eli, in: bruno}
"""

# eli's whole entry in the repository's roster, comments included: up to the next member.
_ROSTER = (ROOT / "rotation.yaml").read_text(encoding="utf-8")
ELI = _ROSTER[_ROSTER.index("  - id: eli\n") : _ROSTER.index("  - id: farah\n")]

# eli leaves the roster after releases 1-6 are pinned: his stint from 27.1.0 goes to amara,
# and everyone after her moves up a stint.
WHO_MOVES_WITHOUT_ELI = """\
### Rotation changes

| Release | Date | Seat | Before | After |
|---|---|---|---|---|
| 27.1.0 | Mon 2027-01-11 | co-pilot | Eli Navarro | Amara Okafor |
| 27.3.0 | Mon 2027-03-08 | pilot | Eli Navarro | Amara Okafor |
| 27.5.0 | Mon 2027-05-10 | pilot | Eli Navarro | Amara Okafor |
| 27.5.0 | Mon 2027-05-10 | co-pilot | Amara Okafor | Bruno Lindqvist |
| 27.7.0 | Mon 2027-07-12 | pilot | Amara Okafor | Bruno Lindqvist |
| 27.7.0 | Mon 2027-07-12 | co-pilot | Eli Navarro | Amara Okafor |
| 27.9.0 | Mon 2027-09-13 | pilot | Amara Okafor | Bruno Lindqvist |
| 27.11.0 | Mon 2027-11-08 | co-pilot | Amara Okafor | Bruno Lindqvist |

#### Who moves

- @amara-o: 27.5.0 co-pilot → 27.1.0 co-pilot; 27.7.0 pilot → 27.3.0 pilot; \
27.9.0 pilot → 27.5.0 pilot; 27.11.0 co-pilot → 27.7.0 co-pilot
- @blindqvist: now 27.5.0 co-pilot, 27.7.0 pilot, 27.9.0 pilot, 27.11.0 co-pilot
- @elinav: no longer 27.1.0 co-pilot, 27.3.0 pilot, 27.5.0 pilot, 27.7.0 co-pilot

#### Seats over these releases

- Amara Okafor: no change
- Bruno Lindqvist: +4 seats
- Eli Navarro: -4 seats
"""

# Release 1 with a pilot in training recorded as extra crew.
WITH_TRAINEE = """\
schedule:
  first_release: 2026-01-13
members:
  - {id: bob, name: Bob Ross}
  - {id: jane, name: Jane Doe}
  - {id: tobby}
  - {id: elvis}
  - {id: kai, name: Kai Lee}
releases:
  - {version: 26.1.0, pilot: bob, co_pilot: jane, also: [{member: kai, role: pilot in training}]}
"""


@pytest.fixture
def repository_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's rotation.yaml as ./rotation.yaml."""
    path = tmp_path / "rotation.yaml"
    shutil.copyfile(ROOT / "rotation.yaml", path)
    monkeypatch.chdir(tmp_path)
    return path


def pin(relrot: Run, *args: str) -> Result:
    result = relrot("--file", "rotation.yaml", "pin", "--yes", "--today", TODAY, *args)
    assert result.exit_code == 0, result
    return result


def plan_json(relrot: Run, *args: str) -> list[dict[str, object]]:
    result = relrot(
        "--file",
        "rotation.yaml",
        "plan",
        "--count",
        "24",
        "--format",
        "json",
        "--today",
        TODAY,
        *args,
    )
    assert result.exit_code == 0, result
    releases: list[dict[str, object]] = json.loads(result.stdout)["releases"]
    return releases


def marked_pinned(releases: list[dict[str, object]], through: int) -> list[dict[str, object]]:
    return [{**r, "pinned": True} if int(str(r["number"])) <= through else r for r in releases]


def pinned_versions(path: Path) -> list[str]:
    return [pinned.version for pinned in load(path).model.releases]


# --- the plan stays as it was -------------------------------------------------------------------


@pytest.mark.usefixtures("repository_file")
def test_pinning_changes_no_seat_and_no_date_only_the_pinned_flags(relrot: Run) -> None:
    coming = plan_json(relrot)
    everything = plan_json(relrot, "--from", "1")
    assert [r["pinned"] for r in everything] == [False] * 24

    result = pin(relrot)

    assert result.stdout == PINNING_SIX
    assert result.stderr == "wrote 6 pinned releases to rotation.yaml\n"
    assert plan_json(relrot) == coming
    assert plan_json(relrot, "--from", "1") == marked_pinned(everything, 6)
    assert [r["pinned"] for r in plan_json(relrot, "--from", "1")] == [True] * 6 + [False] * 18


@pytest.mark.usefixtures("repository_file")
def test_pinning_through_a_later_release_keeps_its_jump_seat_and_the_plan(relrot: Run) -> None:
    everything = plan_json(relrot, "--from", "1")

    pin(relrot, "--through", "27.3.0")

    assert plan_json(relrot, "--from", "1") == marked_pinned(everything, 8)
    validated = relrot("--file", "rotation.yaml", "validate", "--today", TODAY)
    assert validated.exit_code == 0, validated
    # gus's open request was placed in 27.1.0; pinned, it is met (SPEC 3.4).
    assert validated.stdout.startswith("rotation.yaml: 1 in history\n")
    assert (
        "[request-met] gus's open jump-seat request is met: gus held the jump seat of pinned "
        "27.1.0 (2027-01-11); remove the request from `jump_seat:`"
    ) in validated.stdout


# --- the file only grows ------------------------------------------------------------------------


def test_pinning_only_inserts_lines_and_keeps_every_original_byte(
    repository_file: Path, relrot: Run
) -> None:
    before = repository_file.read_text(encoding="utf-8")

    pin(relrot)

    after = repository_file.read_text(encoding="utf-8")
    old_lines = before.splitlines(keepends=True)
    new_lines = after.splitlines(keepends=True)
    opcodes = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes()
    assert {tag for tag, *_ in opcodes} == {"equal", "insert"}
    inserted = "".join(
        "".join(new_lines[j1:j2]) for tag, _, _, j1, j2 in opcodes if tag == "insert"
    )
    assert inserted == PINNED_THROUGH_26_11
    assert after == before + PINNED_THROUGH_26_11


def test_pinning_twice_is_a_no_op_that_leaves_the_file_untouched(
    repository_file: Path, relrot: Run
) -> None:
    pin(relrot)
    pinned = repository_file.read_bytes()
    stat = repository_file.stat()

    again = pin(relrot)

    assert again.stdout == ""
    assert again.stderr == "nothing to pin: releases up to 6 are already pinned\n"
    assert repository_file.read_bytes() == pinned
    after = repository_file.stat()
    assert (after.st_ino, after.st_mtime_ns) == (stat.st_ino, stat.st_mtime_ns)
    assert sorted(p.name for p in repository_file.parent.iterdir()) == ["rotation.yaml"]


def test_pinning_further_appends_only_the_new_releases(repository_file: Path, relrot: Run) -> None:
    original = repository_file.read_text(encoding="utf-8")
    pin(relrot)

    result = pin(relrot, "--through", "27.3.0")

    assert result.stdout == pinning(["27.1.0", "27.3.0"])
    assert repository_file.read_text(encoding="utf-8") == (
        original + PINNED_THROUGH_26_11 + PINNED_27_1_AND_27_3
    )


# --- how far ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("through", "versions"),
    [
        pytest.param(
            "27.3.0",
            ["26.1.0", "26.3.0", "26.5.0", "26.7.0", "26.9.0", "26.11.0", "27.1.0", "27.3.0"],
            id="version",
        ),
        pytest.param("3", ["26.1.0", "26.3.0", "26.5.0"], id="number"),
        pytest.param(
            "2027-01-05",
            ["26.1.0", "26.3.0", "26.5.0", "26.7.0", "26.9.0", "26.11.0"],
            id="date-in-a-duty-window-is-not-release-day",
        ),
        pytest.param(
            "2027-01-03",
            ["26.1.0", "26.3.0", "26.5.0", "26.7.0", "26.9.0", "26.11.0"],
            id="date-before-the-next-duty-window",
        ),
        pytest.param(
            "2027-01-20",
            ["26.1.0", "26.3.0", "26.5.0", "26.7.0", "26.9.0", "26.11.0", "27.1.0"],
            id="date-after-a-release",
        ),
    ],
)
def test_through_pins_exactly_the_releases_up_to_it(
    repository_file: Path, relrot: Run, through: str, versions: list[str]
) -> None:
    result = pin(relrot, "--through", through)

    assert result.stdout == pinning(versions)
    assert pinned_versions(repository_file) == versions


def test_dry_run_prints_the_diff_and_writes_nothing(repository_file: Path, relrot: Run) -> None:
    before = repository_file.read_bytes()

    result = relrot("--file", "rotation.yaml", "pin", "--dry-run", "--today", TODAY)

    assert result.exit_code == 0, result
    assert result.stdout == DRY_RUN
    assert result.stderr == "(dry run: nothing written)\n"
    assert repository_file.read_bytes() == before
    assert sorted(p.name for p in repository_file.parent.iterdir()) == ["rotation.yaml"]


# --- swaps and roster edits ---------------------------------------------------------------------


def test_pins_record_planned_seats_so_swaps_keep_applying(
    repository_file: Path, relrot: Run
) -> None:
    with repository_file.open("a", encoding="utf-8") as handle:
        handle.write(SWAPS)
    original = repository_file.read_text(encoding="utf-8")
    everything = plan_json(relrot, "--from", "1")
    assert (everything[4]["co_pilot"], everything[7]["pilot"]) == ("amara", "bruno")

    pin(relrot, "--through", "27.3.0")

    # The planned seats (dana, eli), not the swapped ones: the swaps still hold them.
    assert repository_file.read_text(encoding="utf-8") == (
        original + PINNED_THROUGH_26_11 + PINNED_27_1_AND_27_3
    )
    assert plan_json(relrot, "--from", "1") == marked_pinned(everything, 8)
    validated = relrot("--file", "rotation.yaml", "validate", "--today", TODAY, "--format", "json")
    assert validated.exit_code == 0, validated
    problems = json.loads(validated.stdout)["problems"]
    # No stale swap: the same two untrained pilots as before pinning, and gus's open
    # request met by the jump seat now pinned.
    assert [(p["rule"], p["severity"], p["release"], p["member"]) for p in problems] == [
        ("untrained-pilot", "warning", "27.5.0", "eli"),
        ("request-met", "info", "27.1.0", "gus"),
        ("untrained-pilot", "info", "26.11.0", "dana"),
    ]


def test_removing_a_member_after_a_pin_moves_no_pinned_release(
    repository_file: Path, relrot: Run
) -> None:
    pin(relrot)
    shutil.copyfile(repository_file, repository_file.parent / "pinned.yaml")
    pinned = plan_json(relrot, "--from", "1")
    text = repository_file.read_text(encoding="utf-8")
    assert ELI in text
    repository_file.write_text(text.replace(ELI, ""), encoding="utf-8")

    without_eli = plan_json(relrot, "--from", "1")

    assert without_eli[:6] == pinned[:6]
    assert without_eli[6]["co_pilot"] == "amara"
    # From 2026-01-01 the diff covers releases 1-12; only those after the pin move.
    result = relrot(
        "--file",
        "rotation.yaml",
        "diff",
        "pinned.yaml",
        "--format",
        "json",
        "--today",
        "2026-01-01",
    )
    assert result.exit_code == 0, result
    moved = [change["version"] for change in json.loads(result.stdout)["changes"]]
    assert sorted(set(moved), key=moved.index) == [
        "27.1.0",
        "27.3.0",
        "27.5.0",
        "27.7.0",
        "27.9.0",
        "27.11.0",
    ]


def test_the_diff_after_removing_a_member_names_and_mentions_who_moves(
    repository_file: Path, relrot: Run
) -> None:
    pin(relrot)
    shutil.copyfile(repository_file, repository_file.parent / "pinned.yaml")
    text = repository_file.read_text(encoding="utf-8")
    repository_file.write_text(text.replace(ELI, ""), encoding="utf-8")

    result = relrot(
        "--file",
        "rotation.yaml",
        "diff",
        "pinned.yaml",
        "--format",
        "markdown",
        "--today",
        "2026-01-01",
    )

    assert result.exit_code == 0, result
    # eli is no longer on the roster, but the base file still knows his name and handle.
    assert result.stdout == WHO_MOVES_WITHOUT_ELI


@pytest.mark.usefixtures("repository_file")
def test_a_diff_of_a_pinned_file_against_itself_says_no_one_moves(relrot: Run) -> None:
    pin(relrot)

    result = relrot(
        "--file", "rotation.yaml", "diff", "rotation.yaml", "--format", "markdown", "--today", TODAY
    )

    assert result.exit_code == 0, result
    assert result.stdout == "### Rotation changes\n\nNo one moves: the plan is the same.\n"


# --- extra crew ---------------------------------------------------------------------------------


@pytest.fixture
def trainee(
    rotation_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Path:
    monkeypatch.chdir(tmp_path)
    return rotation_file(WITH_TRAINEE)


@pytest.mark.usefixtures("trainee")
def test_extra_crew_validates_clean_and_shows_as_a_note(relrot: Run) -> None:
    validated = relrot("--file", "rotation.yaml", "validate", "--today", "2026-01-01")
    assert validated.exit_code == 0, validated
    assert validated.stdout == "rotation.yaml: valid\n"

    result = relrot(
        "--file",
        "rotation.yaml",
        "plan",
        "--from",
        "1",
        "--count",
        "1",
        "--format",
        "json",
        "--today",
        "2026-01-01",
    )

    assert result.exit_code == 0, result
    assert json.loads(result.stdout)["releases"] == [
        {
            "number": 1,
            "version": "26.1.0",
            "nominal_date": "2026-01-13",
            "date": "2026-01-13",
            "pilot": "bob",
            "co_pilot": "jane",
            "jump_seat": None,
            "pinned": True,
            "roles": {},
            "notes": ["bob: first release", "jane: first release", "kai: pilot in training"],
            "milestones": [],
        }
    ]


def test_a_swap_into_a_seat_of_extra_crew_is_a_double_seat(trainee: Path, relrot: Run) -> None:
    with trainee.open("a", encoding="utf-8") as handle:
        handle.write("swaps:\n  - {release: 26.1.0, seat: co_pilot, out: jane, in: kai}\n")

    result = relrot(
        "--file", "rotation.yaml", "validate", "--today", "2026-01-01", "--format", "json"
    )

    assert result.exit_code == 1, result
    double = [p for p in json.loads(result.stdout)["problems"] if p["rule"] == "double-seat"]
    assert double == [
        {
            "rule": "double-seat",
            "severity": "error",
            "message": "kai holds two seats in 26.1.0; one person, one seat: give one of them "
            "to someone else",
            "file": "rotation.yaml",
            "line": 12,
            "column": 54,
            "release": "26.1.0",
            "member": "kai",
        }
    ]


def test_swap_refuses_to_seat_extra_crew_of_the_same_release(trainee: Path, relrot: Run) -> None:
    before = trainee.read_bytes()

    result = relrot(
        "--file",
        "rotation.yaml",
        "swap",
        "26.1.0",
        "jane",
        "--with",
        "kai",
        "--yes",
        "--today",
        "2026-01-01",
    )

    assert result.exit_code == 1, result
    assert result.stderr == (
        "rotation.yaml: error [swap] kai cannot take the co-pilot seat of 26.1.0: already "
        "seated in 26.1.0\n"
    )
    assert trainee.read_bytes() == before


def test_pinning_after_extra_crew_keeps_it_and_the_plan(trainee: Path, relrot: Run) -> None:
    result = relrot(
        "--file", "rotation.yaml", "pin", "--through", "26.5.0", "--yes", "--today", "2026-01-01"
    )

    assert result.exit_code == 0, result
    assert trainee.read_text(encoding="utf-8") == WITH_TRAINEE + (
        "  - {version: 26.3.0, date: 2026-03-12, pilot: jane, co_pilot: bob}\n"
        "  - {version: 26.5.0, date: 2026-05-13, pilot: jane, co_pilot: tobby}\n"
    )
    assert load(trainee).model.releases[0].also[0].role == "pilot in training"
