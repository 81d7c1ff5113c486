"""The plan: calendar, seats, pins, swaps and jump seats put together, one row per release."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Literal

from msgspec import Struct, field

from relrot.calendar import Calendar, MilestoneDate, ReleaseDate, duty_window
from relrot.model import (
    Away,
    CrewRole,
    ExtraCrew,
    Left,
    Member,
    NotJoined,
    PinnedRelease,
    Role,
    RotationFile,
    Swap,
)
from relrot.problems import Path, Problem, RelrotError, Severity, close_match, listed, seat_named
from relrot.references import Resolver
from relrot.roles import (
    ProjectRoles,
    Requests,
    RoleInput,
    RoleSeats,
    Spot,
    check_roles,
    plan_roles,
    role_members,
)
from relrot.rotation import Seats, Slot, Stint, Team, plan_seats, stint_error

ROLE_LABEL: dict[Role, str] = {"pilot": "pilot", "co_pilot": "co-pilot"}
# Where a seat's holder comes from: the rotation, a pinned release, or a recorded swap.
SeatSource = Literal["roster", "pin", "swap"]


class AppliedSwap(Struct, frozen=True):
    """A `swaps:` entry as applied to its release; `index` is its place in the file."""

    index: int
    swap: Swap


class Release(Struct, frozen=True):
    """One row of the plan."""

    number: int
    version: str
    nominal_date: dt.date
    date: dt.date
    planned_date: dt.date  # what the schedule gave; `date` differs when it shipped another day
    skipped: bool
    pinned: bool
    pilot: str | None
    co_pilot: str | None
    jump_seat: str | None
    planned_pilot: str | None
    planned_co_pilot: str | None
    also: tuple[ExtraCrew, ...]
    milestones: tuple[MilestoneDate, ...]
    swaps: tuple[AppliedSwap, ...]
    # Members whose first seat (pilot or co-pilot) is this release, pilot first.
    newcomers: tuple[str, ...]
    index: int | None  # position among shipped releases; None when skipped
    # Members whose open jump-seat request this release's jump seat meets (pinned or planned).
    requests_met: tuple[str, ...] = ()
    # Role seats (SPEC 3.7): role id to holder, None when empty; pinned ones included. A
    # release before a role's `from`, or skipped, has no key for it.
    roles: dict[str, str | None] = field(default_factory=dict)
    # The same before swaps (request roles as placed): what pinning the release records.
    planned_roles: dict[str, str | None] = field(default_factory=dict)
    # An on-demand project's term: its last day (SPEC 6); None for a release.
    last_day: dt.date | None = None

    def history(self, today: dt.date) -> bool:
        """Whether the release is history on `today`: dated before it, or for an on-demand
        project's term, its last day before it (SPEC 4, 6)."""
        return (self.last_day or self.date) < today

    def source(self, role: Role) -> SeatSource:
        """Where the holder of `role` comes from: a swap beats a pin beats the roster."""
        if any(applied.swap.seat == role for applied in self.swaps):
            return "swap"
        return "pin" if self.pinned else "roster"

    @property
    def duty_window(self) -> tuple[dt.date, dt.date]:
        if self.last_day is not None:
            return self.date, self.last_day
        return duty_window(self.date, self.milestones)

    @property
    def moved(self) -> bool:
        return self.date != self.nominal_date

    def seat(self, role: Role) -> str | None:
        return self.pilot if role == "pilot" else self.co_pilot

    def shows(self, role: CrewRole) -> bool:
        """Whether the release has a `role` seat to show: one held, or an empty rotate-role
        seat; an empty request-role seat and a release before the role's `from` have none
        (SPEC 3.7)."""
        held = self.roles.get(role.id) is not None
        return held or (role.id in self.roles and role.fill == "rotate")

    def crew(self) -> list[str]:
        """Everyone seated (pilot, co-pilot, extra crew), in that order."""
        people = [m for m in (self.pilot, self.co_pilot) if m is not None]
        return people + [extra.member for extra in self.also]


class Plan(Struct):
    """The releases planned, with the problems met on the way and the stints served."""

    releases: list[Release]
    problems: list[Problem] = field(default_factory=list)
    stints: list[Stint] = field(default_factory=list)
    last_pinned: int = 0  # number of the last pinned release, 0 if none
    through: int = 0  # the number of the last release planned

    def find(self, ref: str | int) -> Release | None:
        if isinstance(ref, int):
            return self.releases[ref - 1] if 0 < ref <= len(self.releases) else None
        return next((r for r in self.releases if r.version == ref), None)


def check_references(rotation: RotationFile, scope: ProjectRoles | None = None) -> list[Problem]:
    """`unknown-member` for every id used in the file that is not on the roster, and the
    references to roles (`check_roles`; `scope`: the roles of the file a project lacks)."""
    ids = [m.id for m in rotation.members]
    known = set(ids)
    problems = []

    def check(member: str | None, path: Path) -> None:
        if member is None or member in known:
            return
        guess = close_match(member, ids)
        hint = f"did you mean `{guess}`?" if guess else "add them to `members:` first"
        problems.append(
            Problem(
                "unknown-member",
                Severity.ERROR,
                f"`{member}` is not on the roster; {hint}",
                member=member,
                path=path,
            )
        )

    for i, request in enumerate(rotation.jump_seat):
        check(request.member, ("jump_seat", i, "member"))
    for i, pinned in enumerate(rotation.releases):
        for key in ("pilot", "co_pilot", "jump_seat"):
            check(getattr(pinned, key), ("releases", i, key))
        for j, extra in enumerate(pinned.also):
            check(extra.member, ("releases", i, "also", j, "member"))
    for i, swap in enumerate(rotation.swaps):
        check(swap.out, ("swaps", i, "out"))
        check(swap.in_, ("swaps", i, "in"))
    for member, path in role_members(rotation):
        check(member, path)
    return problems + check_roles(rotation, scope)


# Rotations already worked out: what `plan_seats` was given, and what it gave.
Rotations = list[tuple[tuple[object, ...], tuple[list[Seats], list[Stint]]]]
# A release's crew as another project gives it (SPEC 6 `crew_from`): seats and rotate roles.
Crew = tuple[Seats, RoleSeats]


class Context(Struct, frozen=True):
    """What one project of several takes from the projects planned before it (SPEC 6).

    `team(day)`: the team's busy windows and stint starts there, complete through `day`;
    `crews`: for a `crew_from` project, the crew of each of the given shipped releases.
    """

    team: Callable[[dt.date], Team]
    crews: Callable[[Sequence[ReleaseDate]], list[Crew]] | None = None
    roles: ProjectRoles | None = None  # the roles of the file this project lacks


def build_plan(
    rotation: RotationFile,
    calendar: Calendar,
    through: int,
    rotations: Rotations | None = None,
    context: Context | None = None,
) -> Plan:
    """The plan of releases 1..`through`, with every problem found on the way.

    Entries that cannot be applied (unknown members, pins out of order) are left out and
    reported, so one run reports everything; only a stint that cannot tile or a calendar
    that cannot be computed raises `RelrotError`. With `rotations`, the seat queue is taken
    from there when it was worked out for the same releases, members, stint and pins (a
    file that differs only in swaps or jump seats), and kept there when not.
    """
    stint_problem = stint_error(rotation.rotation.stint)
    if stint_problem:
        raise RelrotError(
            [Problem("invalid-stint", Severity.ERROR, stint_problem, path=("rotation", "stint"))]
        )
    return _PlanBuilder(rotation, calendar, rotations, context).build(through)


class _PlanBuilder:
    def __init__(
        self,
        rotation: RotationFile,
        calendar: Calendar,
        rotations: Rotations | None = None,
        context: Context | None = None,
    ) -> None:
        self.rotation = rotation
        self.context = context
        self.team = Team()
        self.given: list[Crew] | None = None
        self.calendar = calendar
        self.rotations: Rotations = [] if rotations is None else rotations
        self.length = len(rotation.rotation.stint)
        self.roster = {m.id for m in rotation.members}
        scope = context.roles if context is not None else None
        self.problems: list[Problem] = check_references(rotation, scope)
        # Role seats and jump seats by release number, as `build` fills them.
        self.role_seats: dict[int, RoleSeats] = {}
        self.jump_seats: dict[int, str] = {}
        terms = [r.term for r in rotation.roles if r.fill == "rotate"]
        # Far enough ahead to judge every stint and every role's term in range.
        self.ahead = max([self.length, *terms])
        # Where the file's references (swaps, jump-seat requests, `skip`) are looked up;
        # set by `build`, since their reach runs from the releases it plans.
        self.references = Resolver(calendar, 0)

    def build(self, through: int) -> Plan:
        rotation = self.rotation
        # A swap or request naming a release far past the plan is not planned for: it is
        # reported as an unknown release instead of extending the calendar to it.
        behind = max(through, len(rotation.releases))
        self.references = Resolver.reaching(self.calendar, behind)
        self._check_skips()
        pins = self._honoured_pins()
        last_pinned = len(pins)
        referenced = [self._number(ref) for ref in [s.release for s in rotation.swaps]] + [
            self._number(r.release) for r in rotation.jump_seat if r.release is not None
        ]
        reach = self.references.limit
        wanted = max([through, last_pinned, *(n for n in referenced if n and n <= reach)])
        dates = self._dates_with_lookahead(wanted)
        shipped = [d for d in dates if not d.skipped]
        slots = [Slot(i, d.date, *d.duty_window) for i, d in enumerate(shipped)]
        if self.context is not None and slots:
            self.team = self.context.team(max(s.duty_last for s in slots))
            if self.context.crews is not None:
                self.given = self.context.crews(shipped)
        pinned_seats = [
            Seats(pinned.pilot, pinned.co_pilot)
            for pinned, release in zip(pins, dates, strict=False)
            if not release.skipped
        ]
        seats, stints = self._seats(slots, pinned_seats)
        dates = dates[:wanted]
        index_of = {d.number: i for i, d in enumerate(shipped)}
        planned = {
            d.number: (seats[index_of[d.number]] if d.number in index_of else Seats())
            for d in dates
        }
        actual = {number: Seats(s.pilot, s.co_pilot) for number, s in planned.items()}
        held = self._roles(slots, seats, shipped, pins)
        self.role_seats = {d.number: dict(held[index_of[d.number]]) for d in shipped[: len(held)]}
        # Rotate roles as planned, before swaps: what `pin` records (swaps keep applying).
        planned_roles = {number: dict(roles) for number, roles in self.role_seats.items()}
        applied = self._apply_swaps(dates, actual)
        pinned_by_number = {i + 1: pinned for i, pinned in enumerate(pins)}
        met: dict[int, list[str]] = {}
        requests = self._role_requests(dates, actual, last_pinned, through)
        self.problems += requests.place(named=True)
        jump_seats = self._place_jump_seats(dates, actual, pinned_by_number, through, met)
        self.jump_seats = jump_seats
        self.problems += requests.place(named=False)
        releases = []
        # Members who served before `first_release` are never new (SPEC 3.5).
        seen = {m.id for m in rotation.members if m.experienced}
        for d in dates[:through]:
            pin = pinned_by_number.get(d.number)
            crew = actual[d.number]
            # "Seated before" is team-wide (SPEC 6): a seat in an earlier project counts.
            newcomers = tuple(
                m
                for m in dict.fromkeys((crew.pilot, crew.co_pilot))
                if m and m not in seen and self.team.seated.get(m, d.date) >= d.date
            )
            seen.update(newcomers)
            releases.append(
                Release(
                    number=d.number,
                    version=d.version,
                    nominal_date=d.nominal,
                    date=d.date,
                    planned_date=d.planned,
                    skipped=d.skipped,
                    pinned=pin is not None,
                    pilot=crew.pilot,
                    co_pilot=crew.co_pilot,
                    jump_seat=jump_seats.get(d.number),
                    planned_pilot=planned[d.number].pilot,
                    planned_co_pilot=planned[d.number].co_pilot,
                    also=pin.also if pin else (),
                    milestones=d.milestones,
                    swaps=applied.get(d.number, ()),
                    newcomers=newcomers,
                    index=index_of.get(d.number),
                    requests_met=tuple(met.get(d.number, ())),
                    roles=self.role_seats.get(d.number, {}),
                    planned_roles=_planned_roles(
                        rotation, planned_roles.get(d.number, {}), self.role_seats.get(d.number, {})
                    ),
                    last_day=d.last_day,
                )
            )
        return Plan(releases, self.problems, stints, last_pinned, through)

    def _roles(
        self,
        slots: list[Slot],
        seats: list[Seats],
        shipped: Sequence[ReleaseDate],
        pins: Sequence[PinnedRelease],
    ) -> list[RoleSeats]:
        """The role seats of each shipped release: pinned, then rotate roles planned against
        the planned seats, with the members named requests reserve kept out (SPEC 3.7)."""
        rotation = self.rotation
        if not rotation.roles:
            return [{} for _ in slots]
        ids = {r.id for r in rotation.roles}
        pinned_at = {i + 1: p for i, p in enumerate(pins)}
        pinned = [
            {k: v for k, v in pinned_at[d.number].roles.items() if k in ids}
            for d in shipped
            if d.number in pinned_at
        ]
        if self.given is not None:
            # Released together (SPEC 6): the other project's rotate roles, this one's pins.
            rotate = [r.id for r in rotation.roles if r.fill == "rotate"]
            given = [{k: roles.get(k) for k in rotate} for _, roles in self.given]
            return pinned + given[len(pinned) :]
        index_of = {d.number: i for i, d in enumerate(shipped)}
        reserved: list[set[str]] = [set() for _ in slots]
        named = [(r.member, r.release) for r in rotation.jump_seat] + [
            (r.member, r.release) for r in rotation.requests
        ]
        for member, ref in named:
            number = self._number(ref) if ref is not None else None
            if number in index_of and index_of[number] < len(slots):
                reserved[index_of[number]].add(member)
        start: dict[str, int] = {}
        for i, role in enumerate(rotation.roles):
            if role.start is None:
                continue
            number = self._number(role.start)
            if number is None:
                self.problems.append(
                    Problem(
                        "unknown-release",
                        Severity.ERROR,
                        f"role `{role.id}` starts `from` {role.start}, which is not a release "
                        "of the calendar; name a version of it",
                        release=role.start,
                        path=("roles", i, "from"),
                    )
                )
                continue
            start[role.id] = next(
                (j for j, d in enumerate(shipped) if d.number >= number), len(slots)
            )
        return plan_roles(
            rotation, RoleInput(slots, seats, pinned, reserved, start, self.team.busy)
        )

    def _role_requests(
        self, dates: Sequence[ReleaseDate], actual: dict[int, Seats], last_pinned: int, through: int
    ) -> Requests:
        spots = [Spot(d.number, d.version, d.date, d.duty_window, d.skipped) for d in dates]

        def crew(number: int) -> set[str]:
            held = {m for m in self.role_seats.get(number, {}).values() if m}
            jump = self.jump_seats.get(number)
            return actual[number].holders() | held | ({jump} if jump else set())

        return Requests(
            self.rotation,
            spots,
            self._number,
            crew,
            self.role_seats,
            last_pinned,
            through,
            self.calendar.unit,
        )

    def _seats(self, slots: list[Slot], pinned: list[Seats]) -> tuple[list[Seats], list[Stint]]:
        """The rotation's seats and stints: worked out, or found in `rotations`.

        Swaps and jump seats come after the queue (SPEC 3.6), so a file that differs only in
        them has the same queue. Found by equality: the models are values.
        """
        if self.given is not None:
            # Released together (SPEC 6): the other project's crews, then this one's pins.
            crews = [Seats(s.pilot, s.co_pilot) for s, _ in self.given]
            return [*pinned, *crews[len(pinned) :]], []
        members, stint = self.rotation.members, self.rotation.rotation.stint
        first = self.calendar.release(1)
        opening = first.date if first is not None else None
        if self.context is not None:
            # The team's queue and busy windows differ from one portfolio to the next.
            return plan_seats(slots, members, stint, pinned, opening=opening, team=self.team)
        key = (tuple(slots), tuple(members), tuple(stint), tuple(pinned), opening)
        found = next((result for known, result in self.rotations if known == key), None)
        if found is None:
            found = plan_seats(slots, members, stint, pinned, opening=opening)
            self.rotations.append((key, found))
        seats, stints = found
        # The builder fills its own seats: copies, so the kept ones stay as worked out.
        return [Seats(s.pilot, s.co_pilot) for s in seats], list(stints)

    def _number(self, ref: str | int) -> int | None:
        return self.references.number(ref)

    def _dates_with_lookahead(self, wanted: int) -> list[ReleaseDate]:
        """Releases 1..wanted, plus enough shipped ones after to judge every stint in range."""
        dates = self.calendar.releases(wanted)
        extra = 0
        number = len(dates)
        while extra < self.ahead:
            number += 1
            following = self.calendar.release(number)
            if following is None:
                break
            dates.append(following)
            extra += not following.skipped
        return dates

    def _check_skips(self) -> None:
        for i, version in enumerate(self.rotation.calendar_schedule.skip):
            if self._number(version) is None:
                # An unknown skip changes nothing in the plan.
                self.problems.append(
                    Problem(
                        "unknown-release",
                        Severity.ERROR,
                        f"`skip` names {version}, which is not a release of the calendar",
                        release=version,
                        path=("schedule", "skip", i),
                    )
                )

    def _honoured_pins(self) -> tuple[PinnedRelease, ...]:
        """The pinned releases the plan can stand on: the run up to the first one that is
        out of order (reported); a skipped release's pinned seats are left out (reported)."""
        honoured: list[PinnedRelease] = []
        for i, pinned in enumerate(self.rotation.releases):
            release = self.calendar.release(i + 1)
            if release is None or release.version != pinned.version:
                computed = release.version if release else "past the end of the calendar"
                # An on-demand project's pins are terms, named by `term:` (SPEC 6).
                unit = self.calendar.unit
                start, key = (
                    ("on_demand.first_term", "term")
                    if unit == "term"
                    else ("first_release", "version")
                )
                self.problems.append(
                    Problem(
                        "schema",
                        Severity.ERROR,
                        f"releases[{i}] is {unit} {i + 1}, which is {computed}, not "
                        f"{pinned.version}; pin every {unit} from 1 on in order, or move "
                        f"`{start}`",
                        release=pinned.version,
                        path=("releases", i, key),
                    )
                )
                break
            if release.skipped and (pinned.pilot or pinned.co_pilot):
                self.problems.append(
                    Problem(
                        "schema",
                        Severity.ERROR,
                        f"{pinned.version} is in `skip`, so it has no crew; remove its seats",
                        release=pinned.version,
                        path=("releases", i),
                    )
                )
                honoured.append(pinned.model_copy(update={"pilot": None, "co_pilot": None}))
                continue
            honoured.append(pinned)
        return tuple(honoured)

    def _apply_swaps(
        self, dates: Sequence[ReleaseDate], actual: dict[int, Seats]
    ) -> dict[int, tuple[AppliedSwap, ...]]:
        applied: dict[int, list[AppliedSwap]] = {}
        by_number = {d.number: d for d in dates}
        for i, swap in enumerate(self.rotation.swaps):
            if not {swap.out, swap.in_} <= self.roster:
                continue  # reported as `unknown-member`; the plan goes on without it
            number = self._number(swap.release)
            release = by_number.get(number) if number is not None else None
            path: Path = ("swaps", i)
            if release is None or release.skipped:
                unit = self.calendar.unit
                what = "is skipped" if release else f"is not a {unit} of the calendar"
                self.problems.append(
                    Problem(
                        "unknown-release",
                        Severity.ERROR,
                        f"swap {i + 1} names {unit} {swap.release}, which {what}; remove the swap",
                        release=str(swap.release),
                        member=swap.out,
                        path=(*path, "release"),
                    )
                )
                continue
            seats = actual[release.number]
            role = self.rotation.role(swap.seat)
            if swap.seat not in ROLE_LABEL and role is None:
                continue  # reported as `schema` by `check_roles`
            roles = self.role_seats.setdefault(release.number, {})
            holder = roles.get(swap.seat) if role else seats.get(_seat(swap.seat))
            label = role.display if role else ROLE_LABEL[_seat(swap.seat)]
            if holder != swap.out:
                now = f"{holder} holds it now" if holder else "the seat is empty now"
                what = (
                    f"swap {i + 1} moves the {label} seat of "
                    f"{release.version} from {swap.out} to {swap.in_}, but {now}; the "
                    "roster changed under it"
                )
                self.problems.append(
                    Problem(
                        "stale-swap",
                        Severity.ERROR,
                        f"{what}: remove the swap or record a new one with `relrot swap`",
                        in_history=f"{what}: record who served {release.version} in its "
                        "`releases:` entry (`relrot import` reads its issue) and remove the swap",
                        release=release.version,
                        member=swap.out,
                        path=path,
                        seat=seat_named(swap.seat),
                    )
                )
                continue
            if role:
                roles[swap.seat] = swap.in_
            else:
                seats.put(_seat(swap.seat), swap.in_)
            applied.setdefault(release.number, []).append(AppliedSwap(i, swap))
        return {number: tuple(swaps) for number, swaps in applied.items()}

    def _place_jump_seats(
        self,
        dates: Sequence[ReleaseDate],
        actual: dict[int, Seats],
        pins: dict[int, PinnedRelease],
        through: int,
        met: dict[int, list[str]],
    ) -> dict[int, str]:
        """The jump seat of each release; where each open request is met goes to `met`."""
        rotation = self.rotation
        last_pinned = len(pins)
        placed: dict[int, str] = {n: p.jump_seat for n, p in pins.items() if p.jump_seat}
        requests = [(i, r) for i, r in enumerate(rotation.jump_seat) if r.member in self.roster]
        claimed: set[int] = set()
        by_number = {d.number: d for d in dates}
        members = {m.id: m for m in rotation.members}

        def crew(number: int) -> set[str]:
            people = actual[number].holders()
            people |= {m for m in self.role_seats.get(number, {}).values() if m}
            pin = pins.get(number)
            return people | {extra.member for extra in pin.also} if pin else people

        def obstacle(member: str, release: ReleaseDate) -> str | None:
            person = members[member]
            if release.skipped:
                return f"{release.version} is skipped"
            if member in crew(release.number):
                return f"{member} is seated in {release.version}"
            first, last = release.duty_window
            found = person.obstacle(release.date, (first, last))
            if isinstance(found, Away):
                return (
                    f"{member} is {found.describe()}, during the duty window of "
                    f"{release.version} ({first}..{last})"
                )
            return None if found is None else f"{member} {found.describe()}"

        for i, request in requests:
            if request.release is None:
                continue
            path: Path = ("jump_seat", i)
            number = self._number(request.release)
            release = by_number.get(number) if number is not None else None
            if release is None:
                self.problems.append(
                    Problem(
                        "unknown-release",
                        Severity.ERROR,
                        f"jump-seat request for {request.release}, which is not a "
                        f"{self.calendar.unit} of the calendar",
                        release=str(request.release),
                        member=request.member,
                        path=(*path, "release"),
                    )
                )
                continue
            if release.number in pins:
                holder = placed.get(release.number)
                if holder == request.member:
                    claimed.add(release.number)
                    continue
                reason = (
                    f"{release.version} is pinned with {holder} in the jump seat"
                    if holder
                    else f"{release.version} is pinned without a jump seat"
                )
            elif release.number in placed:
                reason = f"{placed[release.number]} already has the jump seat of {release.version}"
            else:
                reason = obstacle(request.member, release) or ""
            if reason:
                self.problems.append(
                    Problem(
                        "jump-seat-conflict",
                        Severity.ERROR,
                        f"{request.member} cannot sit in the jump seat of {release.version}: "
                        f"{reason}; name another release or drop `release` to take the next "
                        "free one",
                        release=release.version,
                        member=request.member,
                        path=path,
                        seat="jump_seat",
                    )
                )
                continue
            placed[release.number] = request.member
            claimed.add(release.number)

        for i, request in requests:
            if request.release is not None:
                continue
            after = request.after or dt.date.min
            # A request already met in pinned history stays met once the release is pinned.
            met_in = next(
                (
                    n
                    for n in sorted(placed)
                    if n <= last_pinned
                    and n not in claimed
                    and placed[n] == request.member
                    and by_number[n].date >= after
                ),
                None,
            )
            if met_in is not None:
                claimed.add(met_in)
                met.setdefault(met_in, []).append(request.member)
                self.problems.append(_request_met(request.member, by_number[met_in], i))
                continue
            spot = next(
                (
                    d.number
                    for d in dates
                    if last_pinned < d.number <= through
                    and d.number not in placed
                    and d.date >= after
                    and obstacle(request.member, d) is None
                ),
                None,
            )
            if spot is None:
                if through <= last_pinned:
                    # Nothing past the pins is planned (`--horizon 0`): not yet a conflict.
                    continue
                window = [
                    d
                    for d in dates
                    if last_pinned < d.number <= through and not d.skipped and d.date >= after
                ]
                free = [d for d in window if d.number not in placed]
                seated = {d.number for d in free if request.member in crew(d.number)}
                why = _no_place(members[request.member], window, free, seated)
                self.problems.append(
                    Problem(
                        "jump-seat-conflict",
                        Severity.WARNING,
                        f"no free jump seat for {request.member}"
                        + (f" on or after {request.after}" if request.after else "")
                        + f" within the planned releases; {why}",
                        member=request.member,
                        path=("jump_seat", i),
                        seat="jump_seat",
                    )
                )
                continue
            placed[spot] = request.member
            claimed.add(spot)
            # Said of planned releases too, so pinning them as planned changes no note.
            met.setdefault(spot, []).append(request.member)
        return placed


def _seat(name: str) -> Role:
    """A swap's seat known to be pilot or co-pilot, as the type says."""
    return "pilot" if name == "pilot" else "co_pilot"


def _request_met(member: str, release: ReleaseDate, index: int) -> Problem:
    """An open request met by a pinned jump seat (SPEC 3.4): said, so the team removes it."""
    return Problem(
        "request-met",
        Severity.INFO,
        f"{member}'s open jump-seat request is met: {member} held the jump seat of pinned "
        f"{release.version} ({release.date}); remove the request from `jump_seat:`",
        release=release.version,
        member=member,
        path=("jump_seat", index),
        seat="jump_seat",
    )


# Releases a message lists before it says how many more there are.
LISTED = 3


def _no_place(
    person: Member, window: Sequence[ReleaseDate], free: Sequence[ReleaseDate], seated: set[int]
) -> str:
    """Why an open request found no place in `window` (the planned releases it may take),
    `free` (those with no jump seat) and `seated` (numbers of free ones where the member
    holds a seat): the first reason of SPEC 3.4 that applies, and what to do."""
    # Gone by the last release it could take (with none planned: gone at all).
    end = window[-1].date if window else dt.date.max
    left = next((o for o in person.obstacles(end) if isinstance(o, Left)), None)
    if left is not None:
        return f"{person.id} left on {left.left}: remove the request"
    if not window:
        return "extend the horizon or ask later"
    waiting = [person.obstacle(d.date) for d in free or window]
    first = waiting[0]
    if isinstance(first, NotJoined) and all(isinstance(o, NotJoined) for o in waiting):
        return f"{person.id} joins on {first.joined}: extend the horizon or ask later"
    return _busy(person, free, seated)


def _busy(person: Member, free: Sequence[ReleaseDate], seated: set[int]) -> str:
    """Why a member who can be on board found no free jump seat: away or seated in each
    release that has one, or none has one."""
    if not free:
        return "every jump seat is taken: extend the horizon or ask later"
    open_to = [d for d in free if not isinstance(person.obstacle(d.date), NotJoined)]
    away = [d for d in open_to if d.number not in seated]
    versions = listed([d.version for d in open_to], LISTED)
    if not seated & {d.number for d in open_to}:
        return (
            f"{person.id} is away for every release with a free jump seat ({versions}): "
            "name a release after the time away, or extend the horizon"
        )
    if not away:
        return (
            f"{person.id} is seated in every release with a free jump seat ({versions}): "
            "extend the horizon or ask later"
        )
    return (
        f"{person.id} is away for or seated in every release with a free jump seat "
        f"({versions}): extend the horizon or ask later"
    )


def _planned_roles(
    rotation: RotationFile, before_swaps: dict[str, str | None], placed: dict[str, str | None]
) -> dict[str, str | None]:
    """A release's role seats as `pin` records them: rotate roles as planned before swaps,
    request roles as their requests placed them (no swap precedes those)."""
    requested = {role.id for role in rotation.roles if role.fill == "request"}
    roles = {**placed, **before_swaps}
    roles.update({key: value for key, value in placed.items() if key in requested})
    return {role.id: roles[role.id] for role in rotation.roles if role.id in roles}
