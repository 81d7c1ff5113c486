"""The validation rules (SPEC 4): one example per rule, with its exact message and position.

Each example is checked here by calling the core; `tests/cli/test_validate.py` runs the same
examples through `relrot validate` to check how they are rendered.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import textwrap
from dataclasses import dataclass, replace

import msgspec

from relrot.problems import Problem, RelrotError, Severity, sorted_problems
from relrot.project import DEFAULT_HORIZON, Project
from relrot.rules import RULES
from relrot.rules.catalogue import Rule
from tests.conftest import ROOT

# Before release 1 (2026-01-13): every release is in the future, so nothing is history.
TODAY = "2026-01-01"
FILE = "rotation.yaml"
RULES_DOC = ROOT / "docs" / "rules.md"
ERROR, WARNING = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Example:
    """A rotation file and the problems `validate` reports for it, in file order."""

    text: str
    problems: list[Problem]
    horizon: int | None = None  # None: the default horizon
    today: str = TODAY


# Every example by name, for the command-line tests.
EXAMPLES: dict[str, Example] = {}


def example(
    name: str,
    text: str,
    problems: list[Problem],
    *,
    horizon: int | None = None,
    today: str = TODAY,
) -> Example:
    EXAMPLES[name] = Example(textwrap.dedent(text), problems, horizon=horizon, today=today)
    return EXAMPLES[name]


def found(case: Example) -> list[Problem]:
    """What the core reports for the example's file, placed in it and in file order."""
    try:
        project = Project.parse(case.text.encode(), FILE)
    except RelrotError as exc:
        problems = exc.problems
    else:
        today = dt.date.fromisoformat(case.today)
        horizon = case.horizon or DEFAULT_HORIZON
        if project.model.projects:
            # Every project of the file, as `validate` checks it (SPEC 6).
            problems = project.portfolio.check(today, horizon)
        else:
            problems = project.check(today, horizon).problems
    # Compare what a reader sees, not the document path the position was found from.
    return [msgspec.structs.replace(p, path=None, at_key=False) for p in sorted_problems(problems)]


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


def test_each_rule_has_at_most_one_check() -> None:
    def checks(rule: Rule) -> list[object]:
        kinds = (rule.each_release, rule.each_seat, rule.over_releases, rule.about_file)
        return [check for check in kinds if check is not None]

    assert {name: len(checks(rule)) for name, rule in RULES.items() if len(checks(rule)) > 1} == {}


def test_examples_cover_every_rule() -> None:
    reported = {p.rule for case in EXAMPLES.values() for p in case.problems}
    assert sorted(set(RULES) - reported) == []


# --- one test per rule --------------------------------------------------------------------------

YAML_SYNTAX = example(
    "yaml-syntax",
    """\
    schedule:
      first_release: 2026-01-13
      every_months: 2
       shift: later
    members:
      - {id: bob}
    """,
    [
        Problem(
            "yaml-syntax", ERROR, "not valid YAML: mapping values are not allowed here", FILE, 4, 9
        )
    ],
)


def test_rule_yaml_syntax() -> None:
    # The parser stops at the colon of the over-indented key.
    assert found(YAML_SYNTAX) == YAML_SYNTAX.problems


DUPLICATE_KEY = example(
    "duplicate-key",
    """\
    schedule:
      first_release: 2026-01-13
      first_release: 2026-01-20
    members:
      - {id: bob}
    """,
    [
        Problem(
            "duplicate-key",
            ERROR,
            "duplicate key `first_release` (first given on line 2); keep one of them",
            FILE,
            3,
            3,
        )
    ],
)


def test_rule_duplicate_key() -> None:
    assert found(DUPLICATE_KEY) == DUPLICATE_KEY.problems


UNKNOWN_KEY = example(
    "schema-unknown-key",
    """\
    schedule:
      first_release: 2026-01-13
      shfit: later
    members:
      - {id: bob}
      - {id: jane}
      - {id: tobby}
    """,
    [Problem("schema", ERROR, "unknown key `shfit`; did you mean `shift`?", FILE, 3, 3)],
)
PIN_OFF_THE_CALENDAR = example(
    "schema-pin-off-the-calendar",
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
    """,
    [
        Problem(
            "schema",
            ERROR,
            "releases[1] is release 2, which is 26.3.0, not 26.5.0; pin every release "
            "from 1 on in order, or move `first_release`",
            FILE,
            9,
            15,
            release="26.5.0",
        )
    ],
)


def test_rule_schema() -> None:
    # An unknown key is reported at the key itself.
    assert found(UNKNOWN_KEY) == UNKNOWN_KEY.problems
    # A pinned release that is not the computed one: reported by the plan, at its version.
    assert found(PIN_OFF_THE_CALENDAR) == PIN_OFF_THE_CALENDAR.problems


DUPLICATE_MEMBER = example(
    "duplicate-member",
    """\
    schedule:
      first_release: 2026-01-13
    members:
      - {id: bob}
      - {id: jane}
      - {id: tobby}
      - {id: jane}
    """,
    [
        Problem(
            "duplicate-member",
            ERROR,
            "member id `jane` is already used by members[1]; ids must be unique",
            FILE,
            7,
            10,
            member="jane",
        )
    ],
)


def test_rule_duplicate_member() -> None:
    assert found(DUPLICATE_MEMBER) == DUPLICATE_MEMBER.problems


UNKNOWN_MEMBER = example(
    "unknown-member",
    """\
    schedule:
      first_release: 2026-01-13
    members:
      - {id: bob}
      - {id: jane}
      - {id: tobby}
    swaps:
      - {release: 26.5.0, seat: pilot, out: jane, in: jnae}
    """,
    [
        Problem(
            "unknown-member",
            ERROR,
            "`jnae` is not on the roster; did you mean `jane`?",
            FILE,
            8,
            51,
            member="jnae",
        )
    ],
)


def test_rule_unknown_member() -> None:
    assert found(UNKNOWN_MEMBER) == UNKNOWN_MEMBER.problems


INVALID_STINT = example(
    "invalid-stint",
    """\
    schedule:
      first_release: 2026-01-13
    rotation:
      stint: [pilot, pilot]
    members:
      - {id: bob}
      - {id: jane}
      - {id: tobby}
    """,
    [
        Problem(
            "invalid-stint",
            ERROR,
            "positions 1, 2 of the stint overlap in the same release and must hold one "
            "pilot and one co_pilot, not pilot, pilot",
            FILE,
            4,
            10,
        )
    ],
)


def test_rule_invalid_stint() -> None:
    assert found(INVALID_STINT) == INVALID_STINT.problems


CALENDAR = example(
    "calendar",
    """\
    schedule:
      first_release: 2026-01-13
      every_months: 1
      version: "{yy}.0"
    members:
      - {id: bob}
      - {id: jane}
      - {id: tobby}
    """,
    [
        Problem(
            "calendar",
            ERROR,
            "releases 1 and 2 would both be version 26.0; add {n} or a finer date field "
            "to `version`, or slow the cadence",
            FILE,
            4,
            12,
            release="26.0",
        )
    ],
)


def test_rule_calendar() -> None:
    assert found(CALENDAR) == CALENDAR.problems


FRIDAY_RELEASE = example(
    "friday-release",
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
    """,
    [
        Problem(
            "friday-release",
            ERROR,
            "26.1.0 is on Fri 2026-01-16, a Friday; releases never go out on a blocked "
            "day: pick another date",
            FILE,
            12,
            29,
            release="26.1.0",
        ),
        Problem(
            "friday-release",
            ERROR,
            "26.3.0 is on Tue 2026-03-10, in the blackout 2026-03-09..2026-03-11 "
            "(conference); releases never go out on a blocked day: pick another date",
            FILE,
            13,
            29,
            release="26.3.0",
        ),
        Problem(
            "friday-release",
            ERROR,
            "26.5.0 is on Mon 2026-05-11, a Monday, a blocked weekday; releases never go "
            "out on a blocked day: pick another date",
            FILE,
            14,
            29,
            release="26.5.0",
        ),
    ],
)


def test_rule_friday_release() -> None:
    # Pinned dates on a Friday, in a blackout, and on a blocked Monday.
    assert found(FRIDAY_RELEASE) == FRIDAY_RELEASE.problems


NOT_CORE = example(
    "not-core",
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
    """,
    [
        Problem(
            "not-core",
            ERROR,
            "zed is the co-pilot of 26.3.0 but is not a core member; only core members "
            "fly pilot or co-pilot: pick a core member",
            FILE,
            9,
            53,
            release="26.3.0",
            member="zed",
        )
    ],
)


def test_rule_not_core() -> None:
    # At the swap that seats zed: the `in` of the swap entry.
    assert found(NOT_CORE) == NOT_CORE.problems


NOT_JOINED_YET = example(
    "inactive-not-joined-yet",
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
    """,
    [
        Problem(
            "inactive",
            ERROR,
            "amy is the co-pilot of 26.3.0 (2026-03-12) but joins on 2026-06-01; run "
            "`relrot swap 26.3.0 amy`",
            FILE,
            8,
            13,
            release="26.3.0",
            member="amy",
        )
    ],
)
LEFT = example(
    "inactive-left",
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
    """,
    [
        Problem(
            "inactive",
            ERROR,
            "jane is the pilot of 26.5.0 (2026-05-13) but left on 2026-05-01; run "
            "`relrot swap 26.5.0 jane`",
            FILE,
            5,
            22,
            release="26.5.0",
            member="jane",
        )
    ],
)


def test_rule_inactive() -> None:
    # Not joined yet: a swap seats amy before her `joined` date; the position is that date.
    assert found(NOT_JOINED_YET) == NOT_JOINED_YET.problems
    # Left: a published release still names jane after her `left` date.
    assert found(LEFT) == LEFT.problems


AWAY_ON_DUTY = example(
    "away-on-duty",
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
    """,
    [
        Problem(
            "away-on-duty",
            ERROR,
            "jane is away 2026-03-15..2026-03-31, which overlaps the duty "
            "window of 26.3.0 (2026-03-05..2026-03-19); run `relrot swap 26.3.0 jane`",
            FILE,
            11,
            9,
            release="26.3.0",
            member="jane",
        )
    ],
)


def test_rule_away_on_duty() -> None:
    # 26.3.0 is on Thu 2026-03-12; its duty window runs a week either side. The problem is at
    # the away range that overlaps, not the one that does not.
    assert found(AWAY_ON_DUTY) == AWAY_ON_DUTY.problems


PINNED_TWICE = example(
    "double-seat-pinned",
    """\
    schedule:
      first_release: 2026-01-13
    members:
      - {id: bob}
      - {id: jane}
      - {id: tobby}
    releases:
      - {version: 26.1.0, pilot: bob, co_pilot: jane, jump_seat: jane}
    """,
    [
        Problem(
            "double-seat",
            ERROR,
            "jane holds two seats in 26.1.0; one person, one seat: give one of them to "
            "someone else",
            FILE,
            8,
            62,
            release="26.1.0",
            member="jane",
        )
    ],
)
SWAPPED_INTO_A_SECOND_SEAT = example(
    "double-seat-swapped",
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
    """,
    [
        Problem(
            "untrained-pilot",
            WARNING,
            "jane pilots 26.5.0 for the first time without having been co-pilot of "
            "26.3.0; pair them with an experienced co-pilot or let them co-pilot first",
            FILE,
            5,
            10,
            release="26.5.0",
            member="jane",
        ),
        Problem(
            "double-seat",
            ERROR,
            "bob holds two seats in 26.3.0; one person, one seat: give one of them to someone else",
            FILE,
            9,
            51,
            release="26.3.0",
            member="bob",
        ),
    ],
)


def test_rule_double_seat() -> None:
    # A pinned release with jane as co-pilot and in the jump seat: at the second seat.
    assert found(PINNED_TWICE) == PINNED_TWICE.problems
    # A swap that makes bob pilot of 26.3.0, where he is already co-pilot: at the swap, the
    # entry that put him in a second seat (not at his roster entry).
    assert found(SWAPPED_INTO_A_SECOND_SEAT) == SWAPPED_INTO_A_SECOND_SEAT.problems


PINNED_EMPTY = example(
    "empty-seat-pinned",
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
    """,
    [
        Problem(
            "empty-seat",
            ERROR,
            "26.3.0 (2026-03-12) is pinned with no co-pilot; record who serves as "
            "co-pilot in `releases:`",
            FILE,
            10,
            5,
            release="26.3.0",
        )
    ],
)
ALL_AWAY = "away: [{from: 2026-09-01, to: 2026-09-30}]"
NOBODY_FREE = (
    "26.9.0 (2026-09-10) has no {seat}: no core member is free for that seat (away, "
    "inactive or already seated); add a member, shorten an away range, or name one "
    "with `relrot swap`"
)
PLANNED_EMPTY = example(
    "empty-seat-planned",
    f"""\
    schedule:
      first_release: 2026-01-13
    members:
      - {{id: bob, {ALL_AWAY}}}
      - {{id: jane, {ALL_AWAY}}}
      - {{id: tobby, {ALL_AWAY}}}
    """,
    [
        Problem("empty-seat", ERROR, NOBODY_FREE.format(seat=seat), FILE, 3, 1, release="26.9.0")
        for seat in ("co-pilot", "pilot")
    ],
    horizon=6,
)


def test_rule_empty_seat() -> None:
    assert found(PINNED_EMPTY) == PINNED_EMPTY.problems
    # A seat the planner could not fill points at the roster.
    assert found(PLANNED_EMPTY) == PLANNED_EMPTY.problems


NOT_IN_POOL = example(
    "not-in-pool",
    """\
    schedule:
      first_release: 2026-01-13
    members:
      - {id: bob}
      - {id: jane}
      - {id: tobby}
      - {id: kai, core: false}
      - {id: amy, core: false}
    roles:
      - {id: qa, name: QA lead, pool: [kai]}
    releases:
      - {version: 26.1.0, pilot: bob, co_pilot: jane, roles: {qa: amy}}
    """,
    [
        Problem(
            "not-in-pool",
            ERROR,
            "amy holds QA lead in 26.1.0 but is not in its pool; give the seat to a member "
            "of its pool, or add them to `pool`",
            FILE,
            12,
            63,
            release="26.1.0",
            member="amy",
        )
    ],
    horizon=1,
)


def test_rule_not_in_pool() -> None:
    # A pinned role seat held outside the role's pool: at the pinned value.
    assert found(NOT_IN_POOL) == NOT_IN_POOL.problems


JUMP_SEAT_CONFLICT = example(
    "jump-seat-conflict",
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
    """,
    [
        Problem(
            "jump-seat-conflict",
            ERROR,
            "tobby cannot sit in the jump seat of 26.3.0: zed already has the jump seat "
            "of 26.3.0; name another release or drop `release` to take the next free one",
            FILE,
            10,
            5,
            release="26.3.0",
            member="tobby",
        )
    ],
)


def test_rule_jump_seat_conflict() -> None:
    assert found(JUMP_SEAT_CONFLICT) == JUMP_SEAT_CONFLICT.problems


STALE_SWAP = example(
    "stale-swap",
    """\
    schedule:
      first_release: 2026-01-13
    members:
      - {id: bob}
      - {id: jane}
      - {id: tobby}
    swaps:
      - {release: 26.3.0, seat: pilot, out: tobby, in: bob}
    """,
    [
        Problem(
            "stale-swap",
            ERROR,
            "swap 1 moves the pilot seat of 26.3.0 from tobby to bob, but jane holds it "
            "now; the roster changed under it: remove the swap or record a new one with "
            "`relrot swap`",
            FILE,
            8,
            5,
            release="26.3.0",
            member="tobby",
        )
    ],
)


def test_rule_stale_swap() -> None:
    assert found(STALE_SWAP) == STALE_SWAP.problems


UNKNOWN_RELEASE = example(
    "unknown-release",
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
    """,
    [
        Problem(
            "unknown-release",
            ERROR,
            "jump-seat request for 26.4.0, which is not a release of the calendar",
            FILE,
            9,
            28,
            release="26.4.0",
            member="zed",
        ),
        Problem(
            "unknown-release",
            ERROR,
            "swap 1 names release 26.2.0, which is not a release of the calendar; remove the swap",
            FILE,
            11,
            15,
            release="26.2.0",
            member="jane",
        ),
    ],
)


def test_rule_unknown_release() -> None:
    # Releases are in odd months: 26.4.0 and 26.2.0 do not exist.
    assert found(UNKNOWN_RELEASE) == UNKNOWN_RELEASE.problems


SERVING_STREAK = example(
    "serving-streak",
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
    """,
    [
        Problem(
            "serving-streak",
            ERROR,
            "bob is seated in 3 releases in a row, 26.1.0 to 26.5.0; a stint is 2: nobody "
            "serves two stints back to back, so give one of these seats to someone else",
            FILE,
            13,
            30,
            release="26.5.0",
            member="bob",
        )
    ],
)


def test_rule_serving_streak() -> None:
    # With a stint of two, bob seated in three releases in a row serves back to back.
    assert found(SERVING_STREAK) == SERVING_STREAK.problems


LONG_STREAK = """\
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
      - {version: 26.7.0, pilot: tobby, co_pilot: bob}
      - {version: 26.9.0, pilot: bob, co_pilot: jane}
      - {version: 26.11.0, pilot: jane, co_pilot: bob}
      - {version: 27.1.0, pilot: bob, co_pilot: tobby}
      - {version: 27.3.0, pilot: tobby, co_pilot: bob}
      - {version: 27.5.0, pilot: bob, co_pilot: jane}
      - {version: 27.7.0, pilot: jane, co_pilot: bob}
    """


def test_a_streak_is_one_problem_naming_its_whole_run() -> None:
    # bob sits in ten releases in a row: one problem, not "3 in a row up to 26.5.0", and it
    # stays where the run first outgrew the stint.
    problems = found(Example(textwrap.dedent(LONG_STREAK), []))
    assert [(p.rule, p.message, p.line, p.column, p.release) for p in problems] == [
        (
            "serving-streak",
            "bob is seated in 10 releases in a row, 26.1.0 to 27.7.0; a stint is 2: nobody "
            "serves two stints back to back, so give one of these seats to someone else",
            13,
            30,
            "26.5.0",
        )
    ]


def test_a_streak_that_reaches_today_is_placed_where_it_can_still_change() -> None:
    # From 2026-10-01 on the run can still be fixed: the problem stays an error and points
    # at the first release of the run's excess that is not history (26.11.0).
    project = Project.parse(textwrap.dedent(LONG_STREAK).encode(), FILE)
    problems = project.check(dt.date(2026, 10, 1)).problems
    assert [(p.severity, p.release, p.line) for p in problems] == [(ERROR, "26.11.0", 16)]


UNTRAINED_PILOT = example(
    "untrained-pilot",
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
      - {version: 26.3.0, pilot: tobby, co_pilot: jane}
    """,
    [
        Problem(
            "untrained-pilot",
            WARNING,
            "tobby pilots 26.3.0 for the first time without having been co-pilot of 26.1.0; "
            "pair them with an experienced co-pilot or let them co-pilot first",
            FILE,
            10,
            30,
            release="26.3.0",
            member="tobby",
        )
    ],
)


def test_rule_untrained_pilot() -> None:
    # A warning: the file is valid unless `--strict` (see the command-line tests).
    assert found(UNTRAINED_PILOT) == UNTRAINED_PILOT.problems


def test_an_experienced_member_is_never_an_untrained_pilot() -> None:
    text = UNTRAINED_PILOT.text.replace("{id: tobby}", "{id: tobby, experienced: true}")
    assert found(replace(UNTRAINED_PILOT, text=text)) == []


UNPINNED_HISTORY = example(
    "unpinned-history",
    """\
    schedule:
      first_release: 2026-01-13
    members:
      - {id: bob}
      - {id: jane}
      - {id: tobby}
    releases:
      - {version: 26.1.0, pilot: bob, co_pilot: jane}
    """,
    [
        Problem(
            "unpinned-history",
            WARNING,
            "2 releases before today are not pinned: their crews are the plan's; record them "
            "with `relrot import` or `relrot pin`",
            FILE,
            7,
            1,
        )
    ],
    # 26.3.0 and 26.5.0 went out before today; `--horizon 0` plans nothing past the pins.
    horizon=0,
    today="2026-06-01",
)


def test_rule_unpinned_history() -> None:
    # One warning about the file, however many releases, pointing at `releases:`.
    assert found(UNPINNED_HISTORY) == UNPINNED_HISTORY.problems


def test_unpinned_history_points_at_schedule_without_releases_and_counts_one() -> None:
    text = "\n".join(UNPINNED_HISTORY.text.splitlines()[:6]) + "\n"
    case = replace(UNPINNED_HISTORY, text=text, today="2026-01-14", horizon=None)
    assert [(p.line, p.column, p.message) for p in found(case)] == [
        (
            1,
            1,
            "1 release before today is not pinned: its crew is the plan's; record it with "
            "`relrot import` or `relrot pin`",
        )
    ]


def test_skipped_releases_and_todays_release_are_not_unpinned_history() -> None:
    # 26.3.0 is skipped and 26.5.0 goes out today: nothing before today is left unpinned.
    text = UNPINNED_HISTORY.text.replace(
        "first_release: 2026-01-13", "first_release: 2026-01-13\n  skip: [26.3.0]"
    )
    assert found(replace(UNPINNED_HISTORY, text=text, today="2026-05-13")) == []


DOUBLE_DUTY = example(
    "double-duty",
    """\
    members:
      - {id: amy}
      - {id: ben}
      - {id: cal}
      - {id: dan}
      - {id: eli}
    projects:
      - id: web
        schedule: {first_release: 2026-01-13}
      - id: cli
        on_demand: {first_term: 2026-01-01, every_months: 1}
        rotation: {stint: [co_pilot, pilot]}
        releases:
          - {term: 2026-01, pilot: amy, co_pilot: cal}
    """,
    [
        Problem(
            "double-duty",
            WARNING,
            "amy holds the pilot seat of cli 2026-01 (2026-01-01..2026-01-31) and the pilot "
            "seat of web 26.1.0 (2026-01-13..2026-01-13): the duty windows overlap; give one "
            "of the seats to someone else (`relrot swap`), or correct the pin",
            FILE,
            14,
            32,
            "2026-01",
            "amy",
            project="cli",
        )
    ],
)


def test_rule_double_duty() -> None:
    # web plans amy as pilot of 26.1.0 (the seed's first release); cli's pinned January term
    # gives her its pilot seat too: reported at the later project's seat, the pin's `amy`.
    assert found(DOUBLE_DUTY) == DOUBLE_DUTY.problems


def _portfolio(case: Example, edit: tuple[str, str]) -> list[Problem]:
    return found(replace(case, text=case.text.replace(*edit)))


def test_double_duty_spares_a_project_released_with_the_other() -> None:
    # cli on web's cadence with its crew: the same people on the same days by design.
    edit = (
        "on_demand: {first_term: 2026-01-01, every_months: 1}\n    rotation: {stint: "
        "[co_pilot, pilot]}\n    releases:\n      - {term: 2026-01, pilot: amy, co_pilot: cal}",
        "crew_from: web\n    schedule: {first_release: 2026-01-14}\n    releases:\n      - "
        "{version: 26.1.0, pilot: amy, co_pilot: cal}",
    )
    assert _portfolio(DOUBLE_DUTY, edit) == []


def test_double_duty_in_history_is_info_and_seats_planned_never_clash() -> None:
    # The same pin seen from March: history, said with the fix that works on history.
    seen = found(replace(DOUBLE_DUTY, today="2026-03-01"))
    (history,) = [p for p in seen if p.rule == "double-duty"]
    assert (history.severity, history.line, history.column) == (Severity.INFO, 14, 32)
    assert history.message.endswith("if that is not who served, correct the pin")
    # Without the pin the planner seats nobody twice across the projects.
    unpinned = ("    releases:\n      - {term: 2026-01, pilot: amy, co_pilot: cal}\n", "")
    assert [p for p in _portfolio(DOUBLE_DUTY, unpinned) if p.rule == "double-duty"] == []


ROSTER_TOO_SMALL = example(
    "roster-too-small",
    """\
    schedule:
      first_release: 2026-01-13
    members:
      - {id: bob}
      - {id: jane}
      - {id: zed, core: false}
    """,
    [
        Problem(
            "roster-too-small",
            ERROR,
            "only 2 active core member(s) on 2026-01-13 (26.1.0); a rotation needs at "
            "least 3 so that nobody serves back to back: add core members",
            FILE,
            3,
            1,
            release="26.1.0",
        ),
        Problem(
            "serving-streak",
            ERROR,
            "bob is seated in 12 releases in a row, 26.1.0 to 27.11.0; a stint is 4: nobody "
            "serves two stints back to back, so give one of these seats to someone else",
            FILE,
            4,
            10,
            release="26.9.0",
            member="bob",
        ),
        Problem(
            "serving-streak",
            ERROR,
            "jane is seated in 12 releases in a row, 26.1.0 to 27.11.0; a stint is 4: nobody "
            "serves two stints back to back, so give one of these seats to someone else",
            FILE,
            5,
            10,
            release="26.9.0",
            member="jane",
        ),
    ],
)


SHRINKING_ROSTER = example(
    "roster-too-small-by-dates",
    """\
    schedule:
      first_release: 2026-01-13
    members:
      - {id: bob}
      - {id: jane, left: 2026-05-13}
      - {id: tobby}
      - {id: elvis, joined: 2026-07-01}
    """,
    # Nobody fits the stint of releases 3-6 whole: elvis, joining on 2026-07-01, takes its
    # last three rather than bob all four back to back (SPEC 3.2), and 26.5.0 lacks a co-pilot.
    [
        Problem(
            "empty-seat",
            ERROR,
            "26.5.0 (2026-05-13) has no co-pilot: no core member is free for that seat (away, "
            "inactive or already seated); add a member, shorten an away range, or name one "
            "with `relrot swap`",
            FILE,
            3,
            1,
            release="26.5.0",
        ),
        Problem(
            "roster-too-small",
            ERROR,
            "only 2 active core member(s) on 2026-05-13 (26.5.0); a rotation needs at "
            "least 3 so that nobody serves back to back: add core members",
            FILE,
            3,
            1,
            release="26.5.0",
        ),
        Problem(
            "untrained-pilot",
            WARNING,
            "elvis pilots 26.7.0 for the first time without having been co-pilot of 26.5.0; "
            "pair them with an experienced co-pilot or let them co-pilot first",
            FILE,
            7,
            10,
            release="26.7.0",
            member="elvis",
        ),
    ],
)


def test_rule_roster_too_small() -> None:
    # Two core members (zed only observes): both end up serving back to back.
    assert found(ROSTER_TOO_SMALL) == ROSTER_TOO_SMALL.problems
    # Four core members, but on 26.5.0 (2026-05-13) jane has left and elvis has not joined.
    assert found(SHRINKING_ROSTER) == SHRINKING_ROSTER.problems


REQUEST_MET = example(
    "request-met",
    """\
    schedule:
      first_release: 2026-01-13
    members:
      - {id: bob}
      - {id: jane}
      - {id: tobby}
      - {id: elvis}
      - {id: zed, core: false}
    jump_seat:
      - {member: zed}
    releases:
      - {version: 26.1.0, pilot: bob, co_pilot: jane, jump_seat: zed}
    """,
    [
        Problem(
            "request-met",
            Severity.INFO,
            "zed's open jump-seat request is met: zed held the jump seat of pinned 26.1.0 "
            "(2026-01-13); remove the request from `jump_seat:`",
            FILE,
            10,
            5,
            release="26.1.0",
            member="zed",
            seat="jump_seat",
        )
    ],
)


def test_rule_request_met() -> None:
    # Information, never failing: zed observed 26.1.0, so the open request is not placed again.
    assert found(REQUEST_MET) == REQUEST_MET.problems
