"""The validation rules of SPEC 4, run over a plan: what `relrot validate` reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from relrot.calendar import MAX_RELEASES, Calendar
from relrot.model import Member, Role, RotationFile
from relrot.plan import ROLE_LABEL, Plan, Release
from relrot.problems import Path, Problem, RelrotError, Severity


@dataclass(frozen=True)
class Rule:
    name: str
    severity: Severity
    summary: str


# The catalogue: every rule relrot reports. Docs and tests are checked against it.
RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in [
        Rule("yaml-syntax", Severity.ERROR, "the file is not YAML"),
        Rule("duplicate-key", Severity.ERROR, "a key is repeated in a mapping"),
        Rule("schema", Severity.ERROR, "unknown key, wrong type, bad date, missing field"),
        Rule("duplicate-member", Severity.ERROR, "member ids must be unique"),
        Rule("unknown-member", Severity.ERROR, "a member id that is not on the roster"),
        Rule("invalid-stint", Severity.ERROR, "the stint pattern cannot tile the releases"),
        Rule("calendar", Severity.ERROR, "two releases share a version, or one has no open day"),
        Rule("friday-release", Severity.ERROR, "a release falls on a Friday or blocked day"),
        Rule("not-core", Severity.ERROR, "a non-core member in a pilot or co-pilot seat"),
        Rule("inactive", Severity.ERROR, "a seated member who has not joined or has left"),
        Rule("away-on-duty", Severity.ERROR, "a seated member away during the duty window"),
        Rule("double-seat", Severity.ERROR, "one person in two seats of a release"),
        Rule(
            "empty-seat", Severity.ERROR, "a release within the horizon lacks a pilot or co-pilot"
        ),
        Rule("jump-seat-conflict", Severity.ERROR, "a jump-seat request that cannot be honoured"),
        Rule("stale-swap", Severity.ERROR, "a swap whose member no longer holds the seat"),
        Rule("unknown-release", Severity.ERROR, "a swap, request or skip naming no release"),
        Rule(
            "serving-streak",
            Severity.ERROR,
            "someone seated in more consecutive releases than a stint",
        ),
        Rule(
            "untrained-pilot",
            Severity.WARNING,
            "a first-time pilot who was not co-pilot just before",
        ),
        Rule(
            "roster-too-small",
            Severity.ERROR,
            "too few active core members to avoid back-to-back stints",
        ),
    ]
}

DEFAULT_HORIZON = 12


def first_from(calendar: Calendar, day: dt.date) -> int:
    """The first release whose duty window ends on or after `day` (SPEC 5.1)."""
    last = None
    for release in calendar:
        if release.duty_window[1] >= day:
            return release.number
        last = release
    schedule = calendar.schedule
    if last is not None and last.number >= MAX_RELEASES:
        message = (
            f"more than {MAX_RELEASES} releases before {day}; move `first_release` closer to today"
        )
        path: Path = ("schedule", "first_release")
    else:
        ended = f" (the last is {last.version} on {last.date})" if last else ""
        message = (
            f"the calendar has no release on or after {day}{ended}; extend the rule's COUNT "
            "or UNTIL, or move `first_release`"
        )
        path = ("schedule", "rrule") if schedule.rrule else ("schedule", "first_release")
    raise RelrotError([Problem("calendar", Severity.ERROR, message, path=path)])


def run_rules(rotation: RotationFile, plan: Plan, calendar: Calendar, start: int) -> list[Problem]:
    """The problems the rules of SPEC 4 find in `plan`; releases from `start` on are coming."""
    return _Checker(rotation, plan, calendar, start).run()


def as_history(problems: list[Problem], plan: Plan, today: dt.date) -> list[Problem]:
    """Problems in releases dated before today are history: severity `info` (SPEC 3.5)."""
    dates = {r.version: r.date for r in plan.releases}
    result = []
    for problem in problems:
        day = dates.get(problem.release or "")
        result.append(problem.demoted() if day is not None and day < today else problem)
    return result


class _Checker:
    def __init__(self, rotation: RotationFile, plan: Plan, calendar: Calendar, start: int) -> None:
        self.rotation = rotation
        self.plan = plan
        self.calendar = calendar
        self.start = start
        self.length = len(rotation.rotation.stint)
        self.members = {m.id: m for m in rotation.members}
        self.member_index = {m.id: i for i, m in enumerate(rotation.members)}
        self.problems: list[Problem] = []

    def run(self) -> list[Problem]:
        shipped = [r for r in self.plan.releases if not r.skipped]
        for release in shipped:
            self._friday(release)
            self._double_seat(release)
            for role in ("pilot", "co_pilot"):
                self._seat(release, role)
        self._streaks(shipped)
        self._untrained(shipped)
        self._roster_size(shipped)
        return self.problems

    def add(
        self,
        rule: str,
        message: str,
        path: Path,
        release: Release | None = None,
        member: str | None = None,
    ) -> None:
        self.problems.append(
            Problem(
                rule,
                RULES[rule].severity,
                message,
                release=release.version if release else None,
                member=member,
                path=path,
                # A problem of the whole roster points at the `members:` key itself.
                at_key=path == ("members",),
            )
        )

    def seat_source(self, release: Release, role: Role) -> Path:
        """The node that put the seat's holder there: a swap, a pin, or the roster entry."""
        swaps = [a for a in release.swaps if a.swap.seat == role]
        if swaps:
            return ("swaps", swaps[-1].index, "in")
        if release.pinned:
            return ("releases", release.number - 1, role)
        member = release.seat(role)
        if member in self.member_index:
            return ("members", self.member_index[member], "id")
        return ("members",)

    def _friday(self, release: Release) -> None:
        why = self.calendar.why_blocked(release.date)
        if why is None:
            return
        path: Path = ("releases", release.number - 1, "date") if release.pinned else ("schedule",)
        self.add(
            "friday-release",
            f"{release.version} is on {release.date:%a} {release.date}, {why}; releases never "
            "go out on a blocked day: pick another date",
            path,
            release,
        )

    def _seat(self, release: Release, role: Role) -> None:
        member_id = release.seat(role)
        label = ROLE_LABEL[role]
        if member_id is None:
            if release.pinned:
                self.add(
                    "empty-seat",
                    f"{release.version} ({release.date}) is pinned with no {label}; record who "
                    f"serves as {label} in `releases:`",
                    ("releases", release.number - 1),
                    release,
                )
            elif release.number >= self.start:
                self.add(
                    "empty-seat",
                    f"{release.version} ({release.date}) has no {label}: no core member is "
                    "free for that seat (away, inactive or already seated); add a member, "
                    "shorten an away range, or name one with `relrot swap`",
                    ("members",),
                    release,
                )
            return
        member = self.members.get(member_id)
        if member is None:
            return
        source = self.seat_source(release, role)
        if not member.core:
            self.add(
                "not-core",
                f"{member_id} is the {label} of {release.version} but is not a core member; "
                "only core members fly pilot or co-pilot: pick a core member",
                source,
                release,
                member_id,
            )
        self._active(release, member, label)
        first, last = release.duty_window
        for index, away in enumerate(member.away):
            if away.overlaps(first, last):
                reason = f" ({away.reason})" if away.reason else ""
                self.add(
                    "away-on-duty",
                    f"{member_id} is away {away.start}..{away.end}{reason}, which overlaps the "
                    f"duty window of {release.version} ({first}..{last}); run "
                    f"`relrot swap {release.version} {member_id}`",
                    ("members", self.member_index[member_id], "away", index),
                    release,
                    member_id,
                )

    def _active(self, release: Release, member: Member, label: str) -> None:
        if member.is_active(release.date):
            return
        index = self.member_index[member.id]
        if member.joined is not None and release.date < member.joined:
            key, what = "joined", f"joins on {member.joined}"
        else:
            key, what = "left", f"left on {member.left}"
        self.add(
            "inactive",
            f"{member.id} is the {label} of {release.version} ({release.date}) but {what}; "
            f"run `relrot swap {release.version} {member.id}`",
            ("members", index, key),
            release,
            member.id,
        )

    def _double_seat(self, release: Release) -> None:
        seats: list[tuple[str, Path]] = []
        for role in ("pilot", "co_pilot"):
            holder = release.seat(role)
            if holder is not None:
                seats.append((holder, self.seat_source(release, role)))
        for index, extra in enumerate(release.also):
            seats.append((extra.member, ("releases", release.number - 1, "also", index)))
        if release.jump_seat is not None:
            seats.append((release.jump_seat, self._jump_seat_source(release)))
        places: dict[str, list[Path]] = {}
        for member, path in seats:
            places.setdefault(member, []).append(path)
        for member, paths in places.items():
            if len(paths) < 2:
                continue
            # Point at what put them there twice: a swap, then a pin, then the later seat.
            path = next(
                (p for kind in ("swaps", "releases") for p in reversed(paths) if p[0] == kind),
                paths[-1],
            )
            self.add(
                "double-seat",
                f"{member} holds two seats in {release.version}; one person, one seat: "
                "give one of them to someone else",
                path,
                release,
                member,
            )

    def _jump_seat_source(self, release: Release) -> Path:
        if release.pinned:
            return ("releases", release.number - 1, "jump_seat")
        for index, request in enumerate(self.rotation.jump_seat):
            if request.member == release.jump_seat:
                return ("jump_seat", index)
        return ("jump_seat",)

    def _streaks(self, shipped: list[Release]) -> None:
        run: dict[str, int] = {}
        for release in shipped:
            seated = {m for m in (release.pilot, release.co_pilot) if m is not None}
            run = {m: run.get(m, 0) + 1 for m in seated}
            for member in sorted(seated):
                if run[member] == self.length + 1:
                    role: Role = "pilot" if release.pilot == member else "co_pilot"
                    self.add(
                        "serving-streak",
                        f"{member} is seated in {run[member]} releases in a row up to "
                        f"{release.version}; a stint is {self.length}: nobody serves two "
                        "stints back to back, so give one of these seats to someone else",
                        self.seat_source(release, role),
                        release,
                        member,
                    )

    def _untrained(self, shipped: list[Release]) -> None:
        piloted: set[str] = set()
        previous: Release | None = None
        for release in shipped:
            pilot = release.pilot
            if pilot is not None and pilot not in piloted:
                # The first shipped release is exempt (release 1, or the first after skips).
                if previous is not None and previous.co_pilot != pilot:
                    where = previous.version if previous else "the release before"
                    self.add(
                        "untrained-pilot",
                        f"{pilot} pilots {release.version} for the first time without having "
                        f"been co-pilot of {where}; pair them with an experienced co-pilot or "
                        "let them co-pilot first",
                        self.seat_source(release, "pilot"),
                        release,
                        pilot,
                    )
                piloted.add(pilot)
            previous = release

    def _roster_size(self, shipped: list[Release]) -> None:
        needed = 3  # L/s + 1 is always 3: s = L/2
        for release in shipped:
            if release.number < self.start:
                continue
            active = [m for m in self.rotation.members if m.core and m.is_active(release.date)]
            if len(active) < needed:
                self.add(
                    "roster-too-small",
                    f"only {len(active)} active core member(s) on {release.date} "
                    f"({release.version}); a rotation needs at least {needed} so that nobody "
                    "serves back to back: add core members",
                    ("members",),
                    release,
                )
                return
