"""Who holds the pilot and co-pilot seats: stints, the queue, and resuming after pins (SPEC 3)."""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
from collections.abc import Callable, Iterator, Mapping, Sequence

from msgspec import Struct, field

from relrot.model import AwaySpans, Member, Role


class Slot(Struct, frozen=True):
    """A shipped release as the rotation sees it: its position, day and duty window."""

    index: int
    date: dt.date
    duty_first: dt.date
    duty_last: dt.date


class Seats(Struct):
    """Who holds the pilot's and the co-pilot's seat of one release, while it is planned."""

    pilot: str | None = None
    co_pilot: str | None = None

    def get(self, role: Role) -> str | None:
        return self.pilot if role == "pilot" else self.co_pilot

    def put(self, role: Role, member: str | None) -> None:
        if role == "pilot":
            self.pilot = member
        else:
            self.co_pilot = member

    def holders(self) -> set[str]:
        return {m for m in (self.pilot, self.co_pilot) if m is not None}


class Stint(Struct, frozen=True):
    """A stint as assigned: where it starts, who took it, which of its releases they hold."""

    start: int
    member: str | None
    releases: tuple[int, ...]
    empty: tuple[int, ...] = ()


def stint_error(stint: Sequence[str]) -> str | None:
    """Why a stint pattern cannot tile the releases, or None if it can (SPEC 3.1)."""
    length = len(stint)
    if length == 0 or length % 2:
        return (
            f"the stint has {length} roles; it needs an even number, e.g. "
            "[co_pilot, pilot, pilot, co_pilot]"
        )
    half = length // 2
    for residue in range(half):
        roles = [stint[j] for j in range(residue, length, half)]
        if sorted(roles) != ["co_pilot", "pilot"]:
            positions = ", ".join(str(j + 1) for j in range(residue, length, half))
            return (
                f"positions {positions} of the stint overlap in the same release and must hold "
                f"one pilot and one co_pilot, not {', '.join(roles)}"
            )
    return None


class StintStart(Struct, frozen=True):
    """A stint started in a project planned earlier (SPEC 6): when, where, by whom."""

    date: dt.date
    rank: int  # the project's place in planning order
    index: int
    member: str


class Team(Struct, frozen=True):
    """What the projects planned before this one tell its rotation (SPEC 6 "One team").

    `busy`: each member's planned duty windows there; `starts`: their stint starts, by date;
    `seated`: the first day each was seated there; `rank`: this project's place in planning
    order. A project planned alone has `Team()`: nothing busy, nothing started.
    """

    rank: int = 0
    busy: Mapping[str, AwaySpans] = field(default_factory=dict)
    starts: Sequence[StintStart] = ()
    seated: Mapping[str, dt.date] = field(default_factory=dict)


# (never started?, date of the latest stint start, a real start rather than a joining place,
# project rank, index, file order, id): the queue orders by date across projects (SPEC 6);
# within one project dates grow with the index, so this is SPEC 3.2's order by index.
_QueueKey = tuple[int, dt.date, int, int, int, int, str]


class _Queue(Struct):
    """Core members in queue order: never-started first (file order), then least recent.

    Members who cannot take any release of the current stint because they have left or not
    joined yet are set aside until they can: they would only be passed over, stint after
    stint, which made planning cost releases times departed members.
    """

    order: dict[str, int]
    people: dict[str, Member]
    date_of: Callable[[int], dt.date]
    team: Team = field(default_factory=Team)
    entries: list[_QueueKey] = field(default_factory=list)
    keys: dict[str, _QueueKey] = field(default_factory=dict)
    # Set aside until their joining day, soonest first; a member who has left is just dropped.
    not_joined: list[tuple[dt.date, _QueueKey]] = field(default_factory=list)
    # Found out of reach while reading the queue; set aside when the next stint begins.
    out_of_reach: dict[_QueueKey, None] = field(default_factory=dict)
    # The current stint's first and last days; until one begins, everyone is in reach.
    days: tuple[dt.date, dt.date] | None = None
    # How many of the team's earlier stint starts have been read into the keys.
    absorbed: int = 0

    def add(self, member: str, latest_start: int | None, *, joins_at: int | None = None) -> None:
        """Queue `member` by their latest stint start; with none, `joins_at` (SPEC 3.2) places
        someone added to a running rotation as if they had started one just before it."""
        rank, order = self.team.rank, self.order[member]
        if latest_start is not None:
            key = (1, self.date_of(latest_start), 1, rank, latest_start, order, member)
        elif joins_at is not None:
            key = (1, self.date_of(joins_at), 0, rank, joins_at, order, member)
        else:
            key = (0, dt.date.min, 0, 0, 0, order, member)
        self.keys[member] = key
        bisect.insort(self.entries, key)

    def took(self, member: str, start: int) -> None:
        del self.entries[bisect.bisect_left(self.entries, self.keys[member])]
        self.add(member, start)

    def absorb(self, day: dt.date) -> None:
        """Read the team's stints in earlier projects that start on or before `day` (SPEC 6):
        a member's latest start is the latest one anywhere."""
        starts = self.team.starts
        while self.absorbed < len(starts) and starts[self.absorbed].date <= day:
            start = starts[self.absorbed]
            self.absorbed += 1
            if start.member not in self.keys:
                continue
            old = self.keys[start.member]
            key = (1, start.date, 1, start.rank, start.index, old[5], start.member)
            if old[2] == 1 and key <= old:
                continue
            self.keys[start.member] = key
            found = bisect.bisect_left(self.entries, old)
            if found < len(self.entries) and self.entries[found] == old:
                del self.entries[found]
                bisect.insort(self.entries, key)
            else:
                waiting = [(d, key if k == old else k) for d, k in self.not_joined]
                heapq.heapify(waiting)
                self.not_joined = waiting

    def begin_stint(self, first: dt.date, last: dt.date) -> None:
        """The next stint runs from `first` to `last`; neither comes before the previous one's."""
        for key in self.out_of_reach:
            del self.entries[bisect.bisect_left(self.entries, key)]
            # Having left puts a member out of reach for good; the others have yet to join.
            joins = self.people[key[-1]].joins_later(first)
            if joins is not None:
                heapq.heappush(self.not_joined, (joins, key))
        self.out_of_reach.clear()
        while self.not_joined and self.not_joined[0][0] <= last:
            bisect.insort(self.entries, heapq.heappop(self.not_joined)[1])
        self.days = (first, last)

    def members(self) -> Iterator[str]:
        """Members in queue order, read lazily: a stint usually stops at the first few."""
        for key in self.entries:
            if self.days is not None and not self.people[key[-1]].active_between(*self.days):
                self.out_of_reach[key] = None
            else:
                yield key[-1]


class RotationPlanner:
    """Assigns seats to shipped releases. Pure: everything comes in as values."""

    def __init__(
        self,
        slots: Sequence[Slot],
        members: Sequence[Member],
        stint: Sequence[Role],
        pinned: Sequence[Seats] = (),
        *,
        opening: dt.date | None = None,
        team: Team | None = None,
    ) -> None:
        """`opening`: release 1's date (default: the first slot's), after which a `joined`
        date puts a newcomer at the back of the queue (SPEC 3.2); `team`: what projects
        planned before this one say (SPEC 6)."""
        self.team = team or Team()
        self.slots = slots
        self.opening = opening if opening is not None or not slots else slots[0].date
        self.stint = tuple(stint)
        self.length = len(stint)
        self.half = self.length // 2
        self.members = {m.id: m for m in members}
        self.core = [m.id for m in members if m.core]
        self.pinned = list(pinned)
        self.seats = [Seats() for _ in slots]
        for index, seats in enumerate(self.pinned):
            self.seats[index] = Seats(seats.pilot, seats.co_pilot)
        self.stints: list[Stint] = []
        self._eligible: dict[tuple[str, int], bool] = {}
        self._dates: list[dt.date] | None = None

    def eligible(self, member: str, index: int) -> bool:
        """Active on the release day and not away during its duty window."""
        key = (member, index)
        if key not in self._eligible:
            person = self.members[member]
            slot = self.slots[index]
            window = (slot.duty_first, slot.duty_last)
            busy = self.team.busy.get(member)
            self._eligible[key] = (
                person.core
                and person.obstacle(slot.date, window) is None
                and not (busy is not None and busy.overlap(*window))
            )
        return self._eligible[key]

    def date_of(self, index: int) -> dt.date:
        """The date a stint starting at `index` starts (SPEC 6): its release's, or before
        release 1 by `index` days; past the last slot, after every date."""
        if 0 <= index < len(self.slots):
            return self.slots[index].date
        if index >= len(self.slots) or not self.slots:
            return dt.date.max
        return self.slots[0].date + dt.timedelta(days=index)

    def joins_at(self, member: str) -> int | None:
        """J of SPEC 3.2 for a member who joins after release 1: the first slot on or after
        their `joined` day (past every slot when none is); None for everyone else."""
        joined = self.members[member].joined
        if joined is None or self.opening is None or joined <= self.opening:
            return None
        if self._dates is None:
            self._dates = [slot.date for slot in self.slots]
        return bisect.bisect_left(self._dates, joined)

    def seated(self, member: str, index: int) -> bool:
        return 0 <= index < len(self.seats) and member in self.seats[index].holders()

    def can_take(self, member: str, index: int) -> bool:
        return self.eligible(member, index) and not self.seated(member, index)

    def plan(self) -> list[Seats]:
        queue = _Queue(
            {member: i for i, member in enumerate(self.core)}, self.members, self.date_of, self.team
        )
        last_pinned = len(self.pinned) - 1
        if last_pinned < 0:
            for member in self.core:
                queue.add(member, None, joins_at=self.joins_at(member))
            first_new = -self.half
        else:
            first_new = self._resume(queue, last_pinned)
        start = first_new
        while start < len(self.slots):
            releases = [start + j for j in range(self.length) if 0 <= start + j < len(self.slots)]
            self._assign(queue, start, releases, before=start - 1)
            start += self.half
        return self.seats

    def _resume(self, queue: _Queue, last: int) -> int:
        """Set up the queue from pinned history and continue stints in flight at `last`."""
        in_flight = [
            t
            for t in range(self._start_at_or_before(last) - self.length, last + 1)
            if t % self.half == 0 and t <= last < t + self.length
        ]
        continuing: dict[int, str] = {}
        for t in in_flight:
            holder = self._entered(t, last)
            rest = [r for r in range(last + 1, t + self.length) if r < len(self.slots)]
            if (
                holder is not None
                and holder not in continuing.values()
                and self._can_continue(holder, t, last, rest)
            ):
                continuing[t] = holder
        last_seat: dict[str, int] = {}
        for index, seats in enumerate(self.pinned):
            for member in seats.holders():
                last_seat[member] = index
        for member in self.core:
            starts = [t for t, holder in continuing.items() if holder == member]
            if starts:
                queue.add(member, max(starts))
            elif member in last_seat:
                queue.add(member, last_seat[member] - self.length + 1)
            else:
                queue.add(member, None, joins_at=self.joins_at(member))
        for t in in_flight:
            rest = [r for r in range(last + 1, t + self.length) if r < len(self.slots)]
            if t in continuing:
                for index in rest:
                    self.seats[index].put(self.stint[index - t], continuing[t])
                self.stints.append(Stint(t, continuing[t], tuple(rest)))
            elif rest:
                # A rest that opens with a pilot seat has no co-pilot release to learn in:
                # it goes to someone seated before when anyone seated before fits.
                opens_as_pilot = self.stint[rest[0] - t] == "pilot"
                day = self.slots[rest[0]].date
                seated_before = set(last_seat) | {
                    m
                    for m in self.core
                    if self.members[m].experienced or self.team.seated.get(m, day) < day
                }
                experienced = seated_before if opens_as_pilot else None
                self._assign(queue, t, rest, before=last, experienced_first=experienced)
        return self._start_at_or_before(last) + self.half

    def _entered(self, start: int, last: int) -> str | None:
        """Who holds the most pinned seats of the stint starting at `start` (ties: the
        earliest of them, who entered it), so a stand-in for one release late in the stint
        does not inherit the rest of it (SPEC 3.5)."""
        held: dict[str, int] = {}
        for index in range(max(start, 0), last + 1):
            member = self.seats[index].get(self.stint[index - start])
            if member is not None:
                held[member] = held.get(member, 0) + 1
        # Counted in release order, so among equals `max` keeps the one seen first.
        return max(held, key=held.__getitem__, default=None)

    def _start_at_or_before(self, index: int) -> int:
        return index - index % self.half

    def _can_continue(self, member: str, start: int, last: int, rest: list[int]) -> bool:
        if member not in self.members or not all(self.can_take(member, r) for r in rest):
            return False
        run = 0
        index = last
        while index >= 0 and self.seated(member, index):
            run += 1
            index -= 1
        # The stint's own remaining releases extend the run of consecutive seats.
        remaining = start + self.length - 1 - last
        return run + remaining <= self.length

    def _assign(
        self,
        queue: _Queue,
        start: int,
        releases: list[int],
        *,
        before: int,
        experienced_first: set[str] | None = None,
    ) -> None:
        """Give the stint's `releases` to the first member in queue order who fits.

        With `experienced_first`, those members come first, each group in queue order.
        """
        if releases:
            queue.begin_stint(self.slots[releases[0]].date, self.slots[releases[-1]].date)
        # After `begin_stint` has set aside who was out of reach, so no key read is stale.
        queue.absorb(self.date_of(start))

        def in_order() -> Iterator[str]:
            if experienced_first is None:
                return queue.members()
            ordered = list(queue.members())
            return iter(sorted(ordered, key=lambda m: m not in experienced_first))

        chosen = next(
            (
                m
                for m in in_order()
                if not self.seated(m, before) and all(self.can_take(m, r) for r in releases)
            ),
            None,
        )
        taken = releases
        if chosen is None:
            # Someone seated just before would serve two stints back to back: they take
            # the part only when nobody else can take any of it (SPEC 3.2).
            best = 0
            for streak in (False, True):
                for member in in_order():
                    if self.seated(member, before) is not streak:
                        continue
                    possible = [r for r in releases if self.can_take(member, r)]
                    if len(possible) > best:
                        chosen, taken, best = member, possible, len(possible)
                if chosen is not None:
                    break
        if chosen is None:
            self.stints.append(Stint(start, None, (), tuple(releases)))
            return
        for index in taken:
            self.seats[index].put(self.stint[index - start], chosen)
        queue.took(chosen, start)
        empty = tuple(r for r in releases if r not in taken)
        self.stints.append(Stint(start, chosen, tuple(taken), empty))


def plan_seats(
    slots: Sequence[Slot],
    members: Sequence[Member],
    stint: Sequence[Role],
    pinned: Sequence[Seats] = (),
    *,
    opening: dt.date | None = None,
    team: Team | None = None,
) -> tuple[list[Seats], list[Stint]]:
    """Seats for every slot, and the stints behind them; `opening` is release 1's date."""
    planner = RotationPlanner(slots, members, stint, pinned, opening=opening, team=team)
    seats = planner.plan()
    return seats, planner.stints
