"""The catalogue: every rule relrot reports, its severity, and the check that finds it in a plan.

Docs and tests are checked against it. Rules without a check here are reported while the
file is read or the plan is built. `RULES` are the rules a file is checked against (SPEC 4);
`REFUSALS` name what a command reports when it cannot do what it was asked. Together they
hold every `RuleName`, and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from msgspec import Struct

from relrot.plan import Release
from relrot.problems import RuleName, Seat, Severity
from relrot.rules import file_rules, release_rules, sequence_rules
from relrot.rules.context import Finding, RuleContext

ReleaseCheck = Callable[[RuleContext, Release], Iterable[Finding]]
SeatCheck = Callable[[RuleContext, Release, Seat], Iterable[Finding]]
SequenceCheck = Callable[[RuleContext, Sequence[Release]], Iterable[Finding]]
FileCheck = Callable[[RuleContext], Iterable[Finding]]


class Rule(Struct, frozen=True):
    """One rule of the catalogue: its name, its severity, its summary and its check."""

    name: RuleName
    severity: Severity
    summary: str
    # At most one check: run for each shipped release, for each of its seats (pilot,
    # co-pilot, then each role's, SPEC 3.7), once
    # over all shipped releases, or once about the file.
    each_release: ReleaseCheck | None = None
    each_seat: SeatCheck | None = None
    over_releases: SequenceCheck | None = None
    about_file: FileCheck | None = None


ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES: dict[RuleName, Rule] = {
    rule.name: rule
    for rule in [
        Rule("yaml-syntax", ERROR, "the file is not YAML"),
        Rule("duplicate-key", ERROR, "a key is repeated in a mapping"),
        Rule("schema", ERROR, "unknown key, wrong type, bad date, missing field"),
        Rule("duplicate-member", ERROR, "member ids must be unique"),
        Rule("unknown-member", ERROR, "a member id that is not on the roster"),
        Rule("invalid-stint", ERROR, "the stint pattern cannot tile the releases"),
        Rule("calendar", ERROR, "two releases share a version, or one has no open day"),
        Rule(
            "friday-release",
            ERROR,
            "a release falls on a Friday or blocked day",
            each_release=release_rules.friday_release,
        ),
        Rule(
            "not-core",
            ERROR,
            "a non-core member in a pilot or co-pilot seat",
            each_seat=release_rules.not_core,
        ),
        Rule(
            "inactive",
            ERROR,
            "a member holding a seat or role who has not joined or has left",
            each_seat=release_rules.inactive,
        ),
        Rule(
            "away-on-duty",
            ERROR,
            "a member holding a seat or role away during the duty window",
            each_seat=release_rules.away_on_duty,
        ),
        Rule(
            "double-seat",
            ERROR,
            "one person in two seats of a release",
            each_release=release_rules.double_seat,
        ),
        Rule(
            "empty-seat",
            ERROR,
            "a release within the horizon lacks a pilot, a co-pilot or a rotate role",
            each_seat=release_rules.empty_seat,
        ),
        Rule(
            "not-in-pool",
            ERROR,
            "a role held by a member outside its pool",
            each_seat=release_rules.not_in_pool,
        ),
        Rule(
            "jump-seat-conflict",
            ERROR,
            "a jump-seat request that cannot be honoured",
            each_release=release_rules.jump_seat_in_the_past,
        ),
        Rule("stale-swap", ERROR, "a swap whose member no longer holds the seat"),
        Rule("unknown-release", ERROR, "a swap, request or skip naming no release"),
        Rule(
            "serving-streak",
            ERROR,
            "someone seated in more consecutive releases than a stint",
            over_releases=sequence_rules.serving_streak,
        ),
        Rule(
            "untrained-pilot",
            WARNING,
            "a first-time pilot who was not co-pilot just before",
            over_releases=sequence_rules.untrained_pilot,
        ),
        Rule(
            "roster-too-small",
            ERROR,
            "too few active core members to avoid back-to-back stints",
            over_releases=sequence_rules.roster_too_small,
        ),
        Rule(
            "double-duty",
            WARNING,
            "one person seated in two projects' releases whose duty windows overlap",
        ),
        Rule("request-met", INFO, "an open jump-seat request already met by a pinned seat"),
        Rule(
            "unpinned-history",
            WARNING,
            "releases dated before today after the last pinned one: a plan, not a record",
            about_file=file_rules.unpinned_history,
        ),
    ]
}

REFUSALS: dict[RuleName, Rule] = {
    rule.name: rule
    for rule in [
        Rule("usage", ERROR, "a bad argument or an unreadable file (exit 2)"),
        Rule("edit", ERROR, "an edit refused: it adds a problem, or the file changed under it"),
        Rule("history", ERROR, "an edit would move a seat of a release dated before today"),
        Rule("import", ERROR, "a release issue names a handle that is no member's `github`"),
        Rule("swap", ERROR, "a swap that cannot be made: nobody to take the seat, or not held"),
        Rule("issue-template", ERROR, "the team's issue template names an unknown placeholder"),
    ]
}

# The checks in the order they run, as (rule, check) pairs for the runner.
RELEASE_CHECKS = [(r, r.each_release) for r in RULES.values() if r.each_release]
SEAT_CHECKS = [(r, r.each_seat) for r in RULES.values() if r.each_seat]
SEQUENCE_CHECKS = [(r, r.over_releases) for r in RULES.values() if r.over_releases]
FILE_CHECKS = [(r, r.about_file) for r in RULES.values() if r.about_file]
