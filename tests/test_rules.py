"""The validation rules (SPEC 4): one example per rule, with its exact message and position."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

from relrot.rules import RULES
from tests.conftest import ROOT, Result

# Before release 1 (2026-01-13): every release is in the future, so nothing is history.
TODAY = "2026-01-01"
RULES_DOC = ROOT / "docs" / "rules.md"

Problems = list[dict[str, object]]


def validate(relrot: Callable[..., Result], path: Path, *options: str) -> tuple[int, Problems]:
    """Exit code and problems of `relrot validate --format json`."""
    result = relrot("--file", path, "validate", "--format", "json", *options)
    assert result.exit_code in (0, 1), result
    payload = json.loads(result.stdout)
    return result.exit_code, payload["problems"]


def problem(
    rule: str,
    severity: str,
    message: str,
    path: Path,
    line: int,
    column: int,
    release: str | None = None,
    member: str | None = None,
) -> dict[str, object]:
    return {
        "rule": rule,
        "severity": severity,
        "message": message,
        "file": str(path),
        "line": line,
        "column": column,
        "release": release,
        "member": member,
    }


# --- the catalogue ------------------------------------------------------------------------------


def test_every_rule_has_a_test_and_a_docs_section() -> None:
    module = sys.modules[__name__]
    untested = [
        name
        for name in RULES
        if not callable(getattr(module, f"test_rule_{name.replace('-', '_')}", None))
    ]
    headings = re.findall(r"^## (.+)$", RULES_DOC.read_text(encoding="utf-8"), re.MULTILINE)
    undocumented = [name for name in RULES if name not in headings]
    unknown = [heading for heading in headings if heading not in RULES]
    assert untested == []
    assert undocumented == []
    assert unknown == []


def test_rules_doc_states_each_severity() -> None:
    text = RULES_DOC.read_text(encoding="utf-8")
    sections = dict(re.findall(r"^## (\S+)\n\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL))
    wrong = {
        name: sections.get(name, "")[:30]
        for name, rule in RULES.items()
        if not sections.get(name, "").startswith(f"**{rule.severity.value}")
    }
    assert wrong == {}


# --- one test per rule --------------------------------------------------------------------------


def test_rule_yaml_syntax(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
          every_months: 2
           shift: later
        members:
          - {id: bob}
        """
    )
    # The parser stops at the colon of the over-indented key.
    assert validate(relrot, path, "--today", TODAY) == (
        1,
        [
            problem(
                "yaml-syntax",
                "error",
                "not valid YAML: mapping values are not allowed here",
                path,
                4,
                9,
            )
        ],
    )


def test_rule_duplicate_key(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
          first_release: 2026-01-20
        members:
          - {id: bob}
        """
    )
    assert validate(relrot, path, "--today", TODAY) == (
        1,
        [
            problem(
                "duplicate-key",
                "error",
                "duplicate key `first_release` (first given on line 2); keep one of them",
                path,
                3,
                3,
            )
        ],
    )


def test_rule_schema(rotation_file: Callable[[str], Path], relrot: Callable[..., Result]) -> None:
    # An unknown key is reported at the key itself.
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
          shfit: later
        members:
          - {id: bob}
          - {id: jane}
          - {id: tobby}
        """
    )
    assert validate(relrot, path, "--today", TODAY) == (
        1,
        [problem("schema", "error", "unknown key `shfit`; did you mean `shift`?", path, 3, 3)],
    )

    # A pinned release that is not the computed one: reported by the plan, at its version.
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
        members:
          - {id: bob}
          - {id: jane}
          - {id: tobby}
        releases:
          - {version: 26.1.0, pilot: bob, co_pilot: jane}
          - {version: 26.5.0, pilot: jane, co_pilot: bob}
        """
    )
    assert validate(relrot, path, "--today", TODAY) == (
        1,
        [
            problem(
                "schema",
                "error",
                "releases[1] is release 2, which is 26.3.0, not 26.5.0; pin every release "
                "from 1 on in order, or move `first_release`",
                path,
                9,
                15,
                release="26.5.0",
            )
        ],
    )


def test_rule_duplicate_member(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
        members:
          - {id: bob}
          - {id: jane}
          - {id: tobby}
          - {id: jane}
        """
    )
    assert validate(relrot, path, "--today", TODAY) == (
        1,
        [
            problem(
                "duplicate-member",
                "error",
                "member id `jane` is already used by members[1]; ids must be unique",
                path,
                7,
                10,
                member="jane",
            )
        ],
    )


def test_rule_unknown_member(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
        members:
          - {id: bob}
          - {id: jane}
          - {id: tobby}
        swaps:
          - {release: 26.5.0, seat: pilot, out: jane, in: jnae}
        """
    )
    assert validate(relrot, path, "--today", TODAY) == (
        1,
        [
            problem(
                "unknown-member",
                "error",
                "`jnae` is not on the roster; did you mean `jane`?",
                path,
                8,
                51,
                member="jnae",
            )
        ],
    )


def test_rule_invalid_stint(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
        rotation:
          stint: [pilot, pilot]
        members:
          - {id: bob}
          - {id: jane}
          - {id: tobby}
        """
    )
    assert validate(relrot, path, "--today", TODAY) == (
        1,
        [
            problem(
                "invalid-stint",
                "error",
                "positions 1, 2 of the stint overlap in the same release and must hold one "
                "pilot and one co_pilot, not pilot, pilot",
                path,
                4,
                10,
            )
        ],
    )


def test_rule_calendar(rotation_file: Callable[[str], Path], relrot: Callable[..., Result]) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
          every_months: 1
          version: "{yy}.0"
        members:
          - {id: bob}
          - {id: jane}
          - {id: tobby}
        """
    )
    assert validate(relrot, path, "--today", TODAY) == (
        1,
        [
            problem(
                "calendar",
                "error",
                "releases 1 and 2 would both be version 26.0; add {n} or a finer date field "
                "to `version`, or slow the cadence",
                path,
                4,
                12,
                release="26.0",
            )
        ],
    )


def test_rule_friday_release(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    # Pinned dates on a Friday, in a blackout, and on a blocked Monday.
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
          blocked_weekdays: [monday, saturday, sunday]
          blackout:
            - {from: 2026-03-09, to: 2026-03-11, reason: conference}
        members:
          - {id: bob}
          - {id: jane}
          - {id: tobby}
          - {id: elvis}
        releases:
          - {version: 26.1.0, date: 2026-01-16, pilot: bob, co_pilot: jane}
          - {version: 26.3.0, date: 2026-03-10, pilot: jane, co_pilot: bob}
          - {version: 26.5.0, date: 2026-05-11, pilot: jane, co_pilot: tobby}
        """
    )
    assert validate(relrot, path, "--today", TODAY) == (
        1,
        [
            problem(
                "friday-release",
                "error",
                "26.1.0 is on Fri 2026-01-16, a Friday; releases never go out on a blocked "
                "day: pick another date",
                path,
                12,
                29,
                release="26.1.0",
            ),
            problem(
                "friday-release",
                "error",
                "26.3.0 is on Tue 2026-03-10, in the blackout 2026-03-09..2026-03-11 "
                "(conference); releases never go out on a blocked day: pick another date",
                path,
                13,
                29,
                release="26.3.0",
            ),
            problem(
                "friday-release",
                "error",
                "26.5.0 is on Mon 2026-05-11, a Monday, a blocked weekday; releases never go "
                "out on a blocked day: pick another date",
                path,
                14,
                29,
                release="26.5.0",
            ),
        ],
    )


def test_rule_not_core(rotation_file: Callable[[str], Path], relrot: Callable[..., Result]) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
        members:
          - {id: bob}
          - {id: jane}
          - {id: tobby}
          - {id: zed, core: false}
        swaps:
          - {release: 26.3.0, seat: co_pilot, out: bob, in: zed}
        """
    )
    # At the swap that seats zed: the `in` of the swap entry.
    assert validate(relrot, path, "--today", TODAY) == (
        1,
        [
            problem(
                "not-core",
                "error",
                "zed is the co-pilot of 26.3.0 but is not a core member; only core members "
                "fly pilot or co-pilot: pick a core member",
                path,
                9,
                53,
                release="26.3.0",
                member="zed",
            )
        ],
    )


def test_rule_inactive(rotation_file: Callable[[str], Path], relrot: Callable[..., Result]) -> None:
    # Not joined yet: a swap seats amy before her `joined` date; the position is that date.
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
        members:
          - {id: bob}
          - {id: jane}
          - {id: tobby}
          - id: amy
            joined: 2026-06-01
        swaps:
          - {release: 26.3.0, seat: co_pilot, out: bob, in: amy}
        """
    )
    assert validate(relrot, path, "--today", TODAY) == (
        1,
        [
            problem(
                "inactive",
                "error",
                "amy is the co-pilot of 26.3.0 (2026-03-12) but joins on 2026-06-01; run "
                "`relrot swap 26.3.0 amy`",
                path,
                8,
                13,
                release="26.3.0",
                member="amy",
            )
        ],
    )

    # Left: a published release still names jane after her `left` date.
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
        members:
          - {id: bob}
          - {id: jane, left: 2026-05-01}
          - {id: tobby}
          - {id: elvis}
        releases:
          - {version: 26.1.0, pilot: bob, co_pilot: jane}
          - {version: 26.3.0, pilot: jane, co_pilot: bob}
          - {version: 26.5.0, pilot: jane, co_pilot: tobby}
        """
    )
    assert validate(relrot, path, "--today", TODAY) == (
        1,
        [
            problem(
                "inactive",
                "error",
                "jane is the pilot of 26.5.0 (2026-05-13) but left on 2026-05-01; run "
                "`relrot swap 26.5.0 jane`",
                path,
                5,
                22,
                release="26.5.0",
                member="jane",
            )
        ],
    )


def test_rule_away_on_duty(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    # 26.3.0 is on Thu 2026-03-12; its duty window runs a week either side.
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
          milestones:
            - {name: release-branch, days: -7}
            - {name: all-clear, days: 7}
        members:
          - {id: bob}
          - id: jane
            away:
              - {from: 2026-02-01, to: 2026-02-10}
              - {from: 2026-03-15, to: 2026-03-31, reason: conference}
          - {id: tobby}
        releases:
          - {version: 26.1.0, pilot: bob, co_pilot: jane}
          - {version: 26.3.0, pilot: jane, co_pilot: bob}
        """
    )
    # At the away range that overlaps, not the one that does not.
    assert validate(relrot, path, "--today", TODAY) == (
        1,
        [
            problem(
                "away-on-duty",
                "error",
                "jane is away 2026-03-15..2026-03-31 (conference), which overlaps the duty "
                "window of 26.3.0 (2026-03-05..2026-03-19); run `relrot swap 26.3.0 jane`",
                path,
                11,
                9,
                release="26.3.0",
                member="jane",
            )
        ],
    )


def test_rule_double_seat(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    # A pinned release with jane as co-pilot and in the jump seat: at the second seat.
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
        members:
          - {id: bob}
          - {id: jane}
          - {id: tobby}
        releases:
          - {version: 26.1.0, pilot: bob, co_pilot: jane, jump_seat: jane}
        """
    )
    assert validate(relrot, path, "--today", TODAY) == (
        1,
        [
            problem(
                "double-seat",
                "error",
                "jane holds two seats in 26.1.0; one person, one seat: give one of them to "
                "someone else",
                path,
                8,
                62,
                release="26.1.0",
                member="jane",
            )
        ],
    )

    # A swap that makes bob pilot of 26.3.0, where he is already co-pilot: at the swap, the
    # entry that put him in a second seat (not at his roster entry).
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
        members:
          - {id: bob}
          - {id: jane}
          - {id: tobby}
          - {id: elvis}
        swaps:
          - {release: 26.3.0, seat: pilot, out: jane, in: bob}
        """
    )
    assert validate(relrot, path, "--today", TODAY) == (
        1,
        [
            problem(
                "untrained-pilot",
                "warning",
                "jane pilots 26.5.0 for the first time without having been co-pilot of "
                "26.3.0; pair them with an experienced co-pilot or let them co-pilot first",
                path,
                5,
                10,
                release="26.5.0",
                member="jane",
            ),
            problem(
                "double-seat",
                "error",
                "bob holds two seats in 26.3.0; one person, one seat: give one of them to "
                "someone else",
                path,
                9,
                51,
                release="26.3.0",
                member="bob",
            ),
        ],
    )


def test_rule_empty_seat(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
        members:
          - {id: bob}
          - {id: jane}
          - {id: tobby}
          - {id: elvis}
        releases:
          - {version: 26.1.0, pilot: bob, co_pilot: jane}
          - {version: 26.3.0, pilot: jane}
        """
    )
    assert validate(relrot, path, "--today", TODAY) == (
        1,
        [
            problem(
                "empty-seat",
                "error",
                "26.3.0 (2026-03-12) is pinned with no co-pilot; record who serves as "
                "co-pilot in `releases:`",
                path,
                10,
                5,
                release="26.3.0",
            )
        ],
    )


def test_rule_empty_seat_in_the_plan_points_at_the_roster(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    away = "away: [{from: 2026-09-01, to: 2026-09-30}]"
    path = rotation_file(
        f"""\
        schedule:
          first_release: 2026-01-13
        members:
          - {{id: bob, {away}}}
          - {{id: jane, {away}}}
          - {{id: tobby, {away}}}
        """
    )
    message = (
        "26.9.0 (2026-09-10) has no {seat}: no core member is free for that seat (away, "
        "inactive or already seated); add a member, shorten an away range, or name one "
        "with `relrot swap`"
    )
    assert validate(relrot, path, "--today", TODAY, "--horizon", "6") == (
        1,
        [
            problem("empty-seat", "error", message.format(seat=seat), path, 3, 1, release="26.9.0")
            for seat in ("co-pilot", "pilot")
        ],
    )


def test_rule_jump_seat_conflict(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
        members:
          - {id: bob}
          - {id: jane}
          - {id: tobby}
          - {id: zed, core: false}
        jump_seat:
          - {member: zed, release: 26.3.0}
          - {member: tobby, release: 26.3.0}
        """
    )
    assert validate(relrot, path, "--today", TODAY) == (
        1,
        [
            problem(
                "jump-seat-conflict",
                "error",
                "tobby cannot sit in the jump seat of 26.3.0: zed already has the jump seat "
                "of 26.3.0; name another release or drop `release` to take the next free one",
                path,
                10,
                5,
                release="26.3.0",
                member="tobby",
            )
        ],
    )


def test_rule_stale_swap(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
        members:
          - {id: bob}
          - {id: jane}
          - {id: tobby}
        swaps:
          - {release: 26.3.0, seat: pilot, out: tobby, in: bob}
        """
    )
    assert validate(relrot, path, "--today", TODAY) == (
        1,
        [
            problem(
                "stale-swap",
                "error",
                "swap 1 moves the pilot seat of 26.3.0 from tobby to bob, but jane holds it "
                "now; the roster changed under it: remove the swap or record a new one with "
                "`relrot swap`",
                path,
                8,
                5,
                release="26.3.0",
                member="tobby",
            )
        ],
    )


def test_rule_unknown_release(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    # Releases are in odd months: 26.4.0 and 26.2.0 do not exist.
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
        members:
          - {id: bob}
          - {id: jane}
          - {id: tobby}
          - {id: zed, core: false}
        jump_seat:
          - {member: zed, release: 26.4.0}
        swaps:
          - {release: 26.2.0, seat: pilot, out: jane, in: tobby}
        """
    )
    assert validate(relrot, path, "--today", TODAY) == (
        1,
        [
            problem(
                "unknown-release",
                "error",
                "jump-seat request for 26.4.0, which is not a release of the calendar",
                path,
                9,
                28,
                release="26.4.0",
                member="zed",
            ),
            problem(
                "unknown-release",
                "error",
                "swap 1 names release 26.2.0, which is not a release of the calendar; remove "
                "the swap",
                path,
                11,
                15,
                release="26.2.0",
                member="jane",
            ),
        ],
    )


def test_rule_serving_streak(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    # With a stint of two, bob seated in three releases in a row serves back to back.
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
        rotation:
          stint: [co_pilot, pilot]
        members:
          - {id: bob}
          - {id: jane}
          - {id: tobby}
          - {id: elvis}
        releases:
          - {version: 26.1.0, pilot: bob, co_pilot: jane}
          - {version: 26.3.0, pilot: jane, co_pilot: bob}
          - {version: 26.5.0, pilot: bob, co_pilot: tobby}
        """
    )
    assert validate(relrot, path, "--today", TODAY) == (
        1,
        [
            problem(
                "serving-streak",
                "error",
                "bob is seated in 3 releases in a row up to 26.5.0; a stint is 2: nobody "
                "serves two stints back to back, so give one of these seats to someone else",
                path,
                13,
                30,
                release="26.5.0",
                member="bob",
            )
        ],
    )


def test_rule_untrained_pilot(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
        members:
          - {id: bob}
          - {id: jane}
          - {id: tobby}
          - {id: elvis}
        releases:
          - {version: 26.1.0, pilot: bob, co_pilot: jane}
          - {version: 26.3.0, pilot: tobby, co_pilot: bob}
        """
    )
    untrained = problem(
        "untrained-pilot",
        "warning",
        "tobby pilots 26.3.0 for the first time without having been co-pilot of 26.1.0; "
        "pair them with an experienced co-pilot or let them co-pilot first",
        path,
        10,
        30,
        release="26.3.0",
        member="tobby",
    )
    # A warning: the file is valid, unless --strict.
    assert validate(relrot, path, "--today", TODAY) == (0, [untrained])
    assert validate(relrot, path, "--today", TODAY, "--strict") == (1, [untrained])


def test_rule_roster_too_small(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    # Two core members (zed only observes): both end up serving back to back.
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
        members:
          - {id: bob}
          - {id: jane}
          - {id: zed, core: false}
        """
    )
    assert validate(relrot, path, "--today", TODAY) == (
        1,
        [
            problem(
                "roster-too-small",
                "error",
                "only 2 active core member(s) on 2026-01-13 (26.1.0); a rotation needs at "
                "least 3 so that nobody serves back to back: add core members",
                path,
                3,
                1,
                release="26.1.0",
            ),
            problem(
                "serving-streak",
                "error",
                "bob is seated in 5 releases in a row up to 26.9.0; a stint is 4: nobody "
                "serves two stints back to back, so give one of these seats to someone else",
                path,
                4,
                10,
                release="26.9.0",
                member="bob",
            ),
            problem(
                "serving-streak",
                "error",
                "jane is seated in 5 releases in a row up to 26.9.0; a stint is 4: nobody "
                "serves two stints back to back, so give one of these seats to someone else",
                path,
                5,
                10,
                release="26.9.0",
                member="jane",
            ),
        ],
    )


# --- history, output formats ------------------------------------------------------------------

# Five pinned releases, all in 2026: zed (not core) pilots 26.1.0, 26.3.0 has no co-pilot, and
# bob pilots four releases in a row after co-piloting the first: five seats in a row.
HISTORY = """\
    schedule:
      first_release: 2026-01-13
    members:
      - {id: bob}
      - {id: jane}
      - {id: tobby}
      - {id: elvis}
      - {id: zed, core: false}
    releases:
      - {version: 26.1.0, pilot: zed, co_pilot: bob}
      - {version: 26.3.0, pilot: bob}
      - {version: 26.5.0, pilot: bob, co_pilot: jane}
      - {version: 26.7.0, pilot: bob, co_pilot: tobby}
      - {version: 26.9.0, pilot: bob, co_pilot: jane}
    """

NOT_CORE = (
    "zed is the pilot of 26.1.0 but is not a core member; only core members fly pilot or "
    "co-pilot: pick a core member"
)
EMPTY_SEAT = (
    "26.3.0 (2026-03-12) is pinned with no co-pilot; record who serves as co-pilot in `releases:`"
)
STREAK = (
    "bob is seated in 5 releases in a row up to 26.9.0; a stint is 4: nobody serves two "
    "stints back to back, so give one of these seats to someone else"
)


def history_problems(path: Path, severities: tuple[str, str, str]) -> Problems:
    not_core, empty, streak = severities
    return [
        problem("not-core", not_core, NOT_CORE, path, 10, 30, release="26.1.0", member="zed"),
        problem("empty-seat", empty, EMPTY_SEAT, path, 11, 5, release="26.3.0"),
        problem("serving-streak", streak, STREAK, path, 14, 30, release="26.9.0", member="bob"),
    ]


def test_history_is_info_and_never_fails(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    path = rotation_file(HISTORY)
    expected = history_problems(path, ("info", "info", "info"))
    assert validate(relrot, path, "--today", "2027-01-01") == (0, expected)
    assert validate(relrot, path, "--today", "2027-01-01", "--strict") == (0, expected)


def test_history_before_it_happened_is_errors(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    path = rotation_file(HISTORY)
    expected = history_problems(path, ("error", "error", "error"))
    assert validate(relrot, path, "--today", TODAY) == (1, expected)


def test_a_release_on_today_is_not_history(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    # 26.9.0 is on 2026-09-10: on that day it is not yet history.
    path = rotation_file(HISTORY)
    expected = history_problems(path, ("info", "info", "error"))
    assert validate(relrot, path, "--today", "2026-09-10") == (1, expected)


def test_github_annotations(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    path = rotation_file(HISTORY)
    before = relrot("--file", path, "validate", "--format", "github", "--today", TODAY)
    assert before.exit_code == 1, before
    assert before.stdout.splitlines() == [
        f"::error file={path},line=10,col=30,title=not-core::{NOT_CORE}",
        f"::error file={path},line=11,col=5,title=empty-seat::{EMPTY_SEAT}",
        f"::error file={path},line=14,col=30,title=serving-streak::{STREAK}",
    ]
    after = relrot("--file", path, "validate", "--format", "github", "--today", "2027-01-01")
    assert after.exit_code == 0, after
    assert after.stdout.splitlines() == [
        f"::notice file={path},line=10,col=30,title=not-core::{NOT_CORE}",
        f"::notice file={path},line=11,col=5,title=empty-seat::{EMPTY_SEAT}",
        f"::notice file={path},line=14,col=30,title=serving-streak::{STREAK}",
    ]


def test_github_annotation_for_a_warning(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
        members:
          - {id: bob}
          - {id: jane}
          - {id: tobby}
          - {id: elvis}
        releases:
          - {version: 26.1.0, pilot: bob, co_pilot: jane}
          - {version: 26.3.0, pilot: tobby, co_pilot: bob}
        """
    )
    result = relrot("--file", path, "validate", "--format", "github", "--today", TODAY)
    assert result.exit_code == 0, result
    assert result.stdout == (
        f"::warning file={path},line=10,col=30,title=untrained-pilot::tobby pilots 26.3.0 for "
        "the first time without having been co-pilot of 26.1.0; pair them with an "
        "experienced co-pilot or let them co-pilot first\n"
    )


def test_json_shape(rotation_file: Callable[[str], Path], relrot: Callable[..., Result]) -> None:
    path = rotation_file(HISTORY)
    result = relrot("--file", path, "validate", "--format", "json", "--today", "2027-01-01")
    assert result.exit_code == 0, result
    payload = json.loads(result.stdout)
    assert list(payload) == ["valid", "problems"]
    assert payload["valid"] is True
    assert [list(p) for p in payload["problems"]] == [
        ["rule", "severity", "message", "file", "line", "column", "release", "member"]
    ] * 3
    assert payload["problems"][0] == {
        "rule": "not-core",
        "severity": "info",
        "message": NOT_CORE,
        "file": str(path),
        "line": 10,
        "column": 30,
        "release": "26.1.0",
        "member": "zed",
    }


def test_json_of_a_valid_file(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
        members:
          - {id: bob}
          - {id: jane}
          - {id: tobby}
          - {id: elvis}
        """
    )
    result = relrot("--file", path, "validate", "--format", "json", "--today", TODAY)
    assert result.exit_code == 0, result
    assert result.stdout == '{\n  "valid": true,\n  "problems": []\n}\n'
