"""Is the rotation fair? Seats per member over pinned history and the plan (SPEC 5.5).

Pure: releases, the roster and today come in as values; the numbers and the plain-word
reasons go out as values for the renderers.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

from msgspec import Struct, field

from relrot.days import Day, as_day
from relrot.model import Away, CrewRole, Left, Member, NotJoined, RotationFile
from relrot.plan import Release
from relrot.problems import listed
from relrot.roles import declared, pool

if TYPE_CHECKING:
    from relrot.project import Project

Kept = TypeVar("Kept", NotJoined, Left)


class SeatAt(Struct, frozen=True):
    version: str
    date: dt.date


class MemberLoad(Struct, frozen=True):
    """One member's load over the releases looked at."""

    member: str
    core: bool
    active: bool  # core and active for at least one of the releases
    pilot: int
    co_pilot: int
    jump_seat: int
    requests_met: tuple[str, ...]  # versions whose jump seat meets their open request
    share: float  # of the releases looked at, the part where they held a seat
    fair_share: float  # seats they would hold if every release's seats were split evenly
    eligible: int  # releases they could have served (core, active, not away)
    last_seat: SeatAt | None  # their last seat before today
    next_seat: SeatAt | None  # their first seat from today on
    why: tuple[str, ...]  # what in the file makes their load uneven, in plain words
    # Seats of each role held (SPEC 3.7), every declared role in `roles:` order; never
    # counted in `seats`, which are the pilot and co-pilot seats.
    roles: Mapping[str, int] = field(default_factory=dict)

    @property
    def seats(self) -> int:
        return self.pilot + self.co_pilot

    @property
    def over(self) -> float:
        return self.seats - self.fair_share


class PoolFairness(Struct, frozen=True):
    """How evenly a rotate role's seats fall on its pool, with the team's measures."""

    active: tuple[str, ...]  # pool members active for at least one release with the role
    fair_share: Mapping[str, float]  # of each of them: the role's seats split evenly
    spread: int
    stdev: float
    gini: float
    most_over: tuple[str, float] | None  # the member furthest over their fair share, by


class RoleFairness(Struct, frozen=True):
    """One role over the releases looked at (SPEC 3.7): its seats and, for a rotate role,
    how evenly they fall on its pool."""

    role: str
    name: str
    fill: str
    releases: int  # shipped releases counted that have the seat (from the role's `from`)
    filled: int  # of which someone holds it
    pool: PoolFairness | None  # rotate roles only


class Fairness(Struct, frozen=True):
    """The load of every member and of the team over releases `first`..`last`."""

    first: str
    last: str
    releases: int  # shipped releases looked at
    pinned: int  # of which pinned (history)
    members: tuple[MemberLoad, ...]
    spread: int  # max - min seats among active core members
    stdev: float  # population standard deviation of their seats
    gini: float  # 0 when everyone holds as many seats, towards 1 when one holds all
    most_over: MemberLoad | None  # the active core member furthest over their fair share
    why: tuple[str, ...]  # what makes the whole plan uneven, in plain words
    roles: tuple[RoleFairness, ...] = ()  # every declared role, in `roles:` order

    @property
    def active(self) -> list[MemberLoad]:
        return [m for m in self.members if m.active]


def gini(values: Sequence[float]) -> float:
    """Mean absolute difference over twice the mean; 0 for no values or no seats."""
    total = sum(values)
    if not values or total == 0:
        return 0.0
    # The sum of |a - b| over every ordered pair, from the sorted values: the k-th smallest
    # (from 1) is larger than k - 1 values and smaller than n - k. Comparing every pair
    # instead took 21 million steps for a roster of 4,600.
    count = len(values)
    differences = 2 * sum((2 * k - count - 1) * v for k, v in enumerate(sorted(values), 1))
    return differences / (2 * count * total)


def spread(values: Sequence[float]) -> int:
    """The most seats held less the fewest; 0 for no values."""
    return int(max(values) - min(values)) if values else 0


def population_stdev(values: Sequence[float]) -> float:
    if not values:
        return 0.0
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))


def _could_serve(person: Member, release: Release) -> bool:
    return person.core and person.obstacle(release.date, release.duty_window) is None


def _away(person: Member, release: Release, shift: dt.timedelta = dt.timedelta()) -> Away | None:
    """The first away range over the release's duty window, moved by `shift`."""
    first, last = release.duty_window
    found = person.obstacles(release.date, (first + shift, last + shift))
    return next((o for o in found if isinstance(o, Away)), None)


def _kept_out(person: Member, day: dt.date, kind: type[Kept]) -> Kept | None:
    """The member's `joined` or `left` obstacle on `day`, whatever else applies too."""
    return next((o for o in person.obstacles(day) if isinstance(o, kind)), None)


def _moved_into_away(person: Member, release: Release) -> bool:
    """Whether a blocked day moved the release into the member's away range."""
    if not release.moved:
        return False
    shift = release.nominal_date - release.date
    return _away(person, release) is not None and _away(person, release, shift) is None


def _why(
    person: Member,
    shipped: Sequence[Release],
    could: Sequence[set[str]],
    pinned_seats: int,
    pinned: int,
) -> list[str]:
    """Why this member's load differs from an even split, from the file's facts; `could`
    holds who could serve each release."""
    if not person.core:
        return ["not a core member: never holds the pilot or co-pilot seat"]
    why = []
    # Said only when the roster changed within the releases counted: first out, last in.
    joining = _kept_out(person, shipped[0].date, NotJoined)
    if joining and not _kept_out(person, shipped[-1].date, NotJoined):
        before = sum(_kept_out(person, r.date, NotJoined) is not None for r in shipped)
        why.append(f"joined on {joining.joined}: not yet a member for {before} of the releases")
    leaving = _kept_out(person, shipped[-1].date, Left)
    if leaving and not _kept_out(person, shipped[0].date, Left):
        after = sum(_kept_out(person, r.date, Left) is not None for r in shipped)
        why.append(f"left on {leaving.left}: no longer a member for {after} of the releases")
    kept_out = [r for r, able in zip(shipped, could, strict=True) if person.id not in able]
    active = [r for r in kept_out if person.is_active(r.date)]
    moved = [r for r in active if _moved_into_away(person, r)]
    moved_ids = {id(r) for r in moved}
    away = [r for r in active if id(r) not in moved_ids]
    if away:
        # Only "away": the reason is the member's, and no output repeats it (SPEC 5).
        why.append(f"away for {len(away)} release(s): {_versions(away)}")
    if moved:
        why.append(
            f"a blocked day moved {_versions(moved)} into their time away, so they could not "
            "serve it"
        )
    if pinned and pinned_seats * 2 > pinned + 1 and pinned_seats > 2:
        why.append(
            f"sat in {pinned_seats} of the {pinned} pinned releases: history as recorded, "
            "not the rotation rule"
        )
    return why


def fairness(
    releases: Sequence[Release], rotation: RotationFile, today: dt.date
) -> Fairness | None:
    """The load over `releases` (skipped ones are left out); None when none ships.

    Each member's numbers are gathered in one pass over the releases, and who could serve
    each release is worked out once: the work grows with members times releases, never
    with the square of the roster.
    """
    shipped = [r for r in releases if not r.skipped]
    if not shipped:
        return None
    pinned = [r for r in shipped if r.pinned]
    could = [{m.id for m in rotation.members if _could_serve(m, r)} for r in shipped]
    fair = dict.fromkeys((m.id for m in rotation.members), 0.0)
    for release, able in zip(shipped, could, strict=True):
        filled = sum(seat is not None for seat in (release.pilot, release.co_pilot))
        for member in able:
            fair[member] += filled / len(able)
    eligible = Counter(member for able in could for member in able)
    pilots = Counter(r.pilot for r in shipped)
    co_pilots = Counter(r.co_pilot for r in shipped)
    jump_seats = Counter(r.jump_seat for r in shipped)
    held: dict[str, list[Release]] = defaultdict(list)
    met: dict[str, list[str]] = defaultdict(list)
    for release in shipped:
        for member in _seated(release):
            held[member].append(release)
        for member in dict.fromkeys(release.requests_met):
            met[member].append(release.version)
    in_pins = Counter(member for release in pinned for member in _seated(release))
    roles = declared(rotation)
    role_seats = {r.id: Counter(x.roles.get(r.id) for x in shipped) for r in roles}
    loads = []
    for person in rotation.members:
        mine = held.get(person.id, [])
        past = [r for r in mine if r.date < today]
        coming = [r for r in mine if r.date >= today]
        loads.append(
            MemberLoad(
                member=person.id,
                core=person.core,
                active=person.core and any(person.is_active(r.date) for r in shipped),
                pilot=pilots[person.id],
                co_pilot=co_pilots[person.id],
                jump_seat=jump_seats[person.id],
                requests_met=tuple(met.get(person.id, ())),
                share=len(mine) / len(shipped),
                fair_share=fair[person.id],
                eligible=eligible[person.id],
                last_seat=SeatAt(past[-1].version, past[-1].date) if past else None,
                next_seat=SeatAt(coming[0].version, coming[0].date) if coming else None,
                why=tuple(_why(person, shipped, could, in_pins[person.id], len(pinned))),
                roles={r.id: role_seats[r.id][person.id] for r in roles},
            )
        )
    active = [m for m in loads if m.active]
    seats = [float(m.seats) for m in active]
    most_over = max(active, key=lambda m: m.over, default=None)
    if most_over is not None and most_over.over <= 0:
        most_over = None
    return Fairness(
        first=shipped[0].version,
        last=shipped[-1].version,
        releases=len(shipped),
        pinned=len(pinned),
        members=tuple(loads),
        spread=spread(seats),
        stdev=population_stdev(seats),
        gini=gini(seats),
        most_over=most_over,
        why=tuple(_team_why(shipped, active, len(rotation.rotation.stint))),
        roles=tuple(_role_fairness(role, shipped, rotation.members) for role in roles),
    )


def _role_fairness(
    role: CrewRole, shipped: Sequence[Release], members: Sequence[Member]
) -> RoleFairness:
    """A role's seats over `shipped`; for a rotate role, its fairness over the pool: each
    filled seat split evenly among the pool members who could take it (SPEC 3.7: active,
    not away, in no seat of its `apart_from`, no other role and not the jump seat), measured
    over the pool members active for at least one release with the seat."""
    having = [r for r in shipped if role.id in r.roles]
    filled = [r for r in having if r.roles[role.id] is not None]
    if role.fill != "rotate":
        return RoleFairness(role.id, role.display, role.fill, len(having), len(filled), None)
    by_id = {m.id: m for m in members}
    people = [by_id[m] for m in pool(role, members)]
    fair = dict.fromkeys((p.id for p in people), 0.0)
    for release in filled:
        able = [p.id for p in people if _could_hold(role, p, release)]
        for member in able:
            fair[member] += 1 / len(able)
    active = [p.id for p in people if any(p.is_active(r.date) for r in having)]
    held = Counter(r.roles[role.id] for r in filled)
    seats = [float(held[m]) for m in active]
    over = max(active, key=lambda m: held[m] - fair[m], default=None)
    most_over = None if over is None else (over, held[over] - fair[over])
    measured = PoolFairness(
        active=tuple(active),
        fair_share={m: fair[m] for m in active},
        spread=spread(seats),
        stdev=population_stdev(seats),
        gini=gini(seats),
        most_over=most_over if most_over is not None and most_over[1] > 0 else None,
    )
    return RoleFairness(role.id, role.display, role.fill, len(having), len(filled), measured)


def _could_hold(role: CrewRole, person: Member, release: Release) -> bool:
    """Whether `person` could have held `role` in `release`, as the planner asks it."""
    if person.obstacle(release.date, release.duty_window) is not None:
        return False
    seats = {"pilot": release.pilot, "co_pilot": release.co_pilot, **release.roles}
    if any(seats.get(seat) == person.id for seat in role.apart_from):
        return False
    others = (holder for key, holder in release.roles.items() if key != role.id)
    return person.id not in (release.jump_seat, *others)


def _seated(release: Release) -> list[str]:
    """The pilot and co-pilot of a release, each once."""
    return [m for m in dict.fromkeys((release.pilot, release.co_pilot)) if m is not None]


def _team_why(shipped: Sequence[Release], active: Sequence[MemberLoad], length: int) -> list[str]:
    """What makes even a perfect rotation uneven over these releases."""
    why = []
    empty = sum((r.pilot is None) + (r.co_pilot is None) for r in shipped)
    if empty:
        why.append(f"{empty} seat(s) are empty: nobody could take them")
    if active:
        # Each member takes a whole stint in turn; a window that does not hold whole rounds
        # leaves some a stint ahead of the others.
        half = length // 2
        round_length = len(active) * half
        if len(shipped) % round_length:
            why.append(
                f"{len(shipped)} releases are not a whole number of rounds: with "
                f"{len(active)} members taking a stint of {length} seats in turn, a round is "
                f"{round_length} releases, so some members are a stint ahead until the round "
                "ends"
            )
    return why


def stats(
    project: Project, today: Day, start: str | None = None, count: int | None = None
) -> Fairness | None:
    """Seats per member from release `start` (default 1: all pinned history) for `count`
    releases (default: through the checked horizon); None when none of them ships.
    `Project.stats`."""
    today = as_day(today)
    from relrot.project import DEFAULT_HORIZON
    from relrot.references import Question

    first = 1
    if start is not None:
        first = project.release(start, Question.FROM, crewed=False, today=today).number
    if count is None:
        count = max(project.checked_range(today, DEFAULT_HORIZON)[1] - first + 1, 1)
    return fairness(project.rows(first, count), project.model, today)


def _versions(releases: Sequence[Release]) -> str:
    return listed([r.version for r in releases], 3)
