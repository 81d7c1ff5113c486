"""Validating a plan: run the catalogue's checks over it, and mark history (SPEC 3.5)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from relrot.calendar import Calendar
from relrot.model import RotationFile
from relrot.plan import ROLE_LABEL, Plan
from relrot.problems import Problem, Seat, seat_named
from relrot.rules.catalogue import FILE_CHECKS, RELEASE_CHECKS, SEAT_CHECKS, SEQUENCE_CHECKS, Rule
from relrot.rules.context import Finding, RuleContext


def run_rules(
    rotation: RotationFile,
    plan: Plan,
    calendar: Calendar,
    start: int,
    today: dt.date | None = None,
    exempt: frozenset[str] = frozenset(),
) -> list[Problem]:
    """What the catalogue's checks find in `plan`; release `start` on is checked in full.
    Releases before `today` are history, and their problems advise what works on history.
    Rules in `exempt` are not run (a `crew_from` project's stint rules, SPEC 6)."""
    context = RuleContext.of(rotation, plan, calendar, start, today)
    shipped = [r for r in plan.releases if not r.skipped]
    problems: list[Problem] = []
    for release in shipped:
        for rule, release_check in RELEASE_CHECKS:
            problems += _problems(rule, release_check(context, release))
        # The two seats, then each role's seat of the release, in `roles:` order (SPEC 3.7).
        for seat in (*ROLE_LABEL, *(seat_named(r) for r in release.roles)):
            for rule, seat_check in SEAT_CHECKS:
                problems += _problems(rule, seat_check(context, release, seat), seat)
    for rule, sequence_check in SEQUENCE_CHECKS:
        if rule.name in exempt:
            continue
        problems += _problems(rule, sequence_check(context, shipped))
    for rule, file_check in FILE_CHECKS:
        problems += _problems(rule, file_check(context))
    return problems


def _problems(rule: Rule, findings: Iterable[Finding], seat: Seat | None = None) -> list[Problem]:
    return [
        Problem(
            rule.name,
            finding.severity or rule.severity,
            finding.message,
            release=finding.release.version if finding.release else None,
            member=finding.member,
            path=finding.path,
            # A problem of the whole roster points at the `members:` key itself.
            at_key=finding.at_key or finding.path == ("members",),
            seat=finding.seat or seat,
        )
        for finding in findings
    ]


def as_history(problems: list[Problem], plan: Plan, today: dt.date) -> list[Problem]:
    """Problems in releases dated before today are history: severity `info` (SPEC 3.5)."""
    # A term of an on-demand project is history once its last day is (SPEC 6).
    dates = {r.version: r.last_day or r.date for r in plan.releases}
    result = []
    for problem in problems:
        day = dates.get(problem.release or "")
        result.append(problem.demoted() if day is not None and day < today else problem)
    return result
