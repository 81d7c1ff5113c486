"""Crew roles beyond pilot and co-pilot (SPEC 3.7): their checks and who holds them.

Rotate roles are planned after the pilot and co-pilot seats and after named requests have
reserved their members, against the *planned* seats (before swaps), so a swap in one
release never reshuffles a role in another.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from msgspec import Struct, field
from msgspec.structs import replace

from relrot.model import FIXED_SEATS, AwaySpans, CrewRole, Member, RotationFile
from relrot.patterns import pattern
from relrot.problems import Path, Problem, Severity, close_match
from relrot.rotation import Seats, Slot

# Role id to holder (None: the seat is empty) in one release.
RoleSeats = dict[str, str | None]


class ProjectRoles(Struct, frozen=True):
    """The roles of the file that one project of several does not have (SPEC 6, 3.7
    `projects`): each role's id, and whether the role has a `projects:` list."""

    project: str
    lacking: Mapping[str, bool]

    def unknown(self, role: str) -> str:
        """Why naming `role` in this project is wrong, and how to fix it."""
        project = self.project
        if self.lacking[role]:
            why = f"its `projects:` list leaves {project} out: add {project} to it"
        else:
            why = (
                "a role without a `projects:` list belongs to the projects with a schedule "
                f"only: give it a `projects:` list naming {project}"
            )
        return f"`{role}` is not a role of project {project}; {why}, or remove this reference"


def check_roles(rotation: RotationFile, scope: ProjectRoles | None = None) -> list[Problem]:
    """Problems with `roles:` and every reference to a role: duplicate or unknown ids and
    a request for a rotate role (`schema`, unknown ones with a guess). Unknown members are
    `check_references`' job, an unknown `from` release the planner's. `scope`: the roles of
    the file this project (of several) lacks; a reference to one says so."""
    problems: list[Problem] = []
    ids = [r.id for r in rotation.roles]
    seen: dict[str, int] = {}
    for i, role in enumerate(rotation.roles):
        if role.id in seen:
            problems.append(
                _schema(
                    f"role id `{role.id}` is already used by roles[{seen[role.id]}]; ids must be "
                    "unique",
                    ("roles", i, "id"),
                )
            )
        seen.setdefault(role.id, i)
        if role.pool is not None and role.fill == "rotate" and not role.pool:
            problems.append(
                _schema(
                    f"role `{role.id}` has an empty pool, so nobody can hold it; list members "
                    "or remove `pool` to use every core member",
                    ("roles", i, "pool"),
                )
            )
        for j, seat in enumerate(role.apart_from):
            if seat == role.id:
                problems.append(
                    _schema(
                        f"role `{role.id}` cannot be apart from itself; remove it from "
                        "`apart_from`",
                        ("roles", i, "apart_from", j),
                    )
                )
            elif seat not in FIXED_SEATS and seat not in ids and not _elsewhere(seat, scope):
                # A role of another project only is no seat here: nothing to keep apart from.
                problems.append(_unknown(seat, ids, ("roles", i, "apart_from", j), fixed=True))
    return problems + _check_labels(rotation.roles) + _check_references(rotation, ids, scope)


def _elsewhere(role: str, scope: ProjectRoles | None) -> bool:
    return scope is not None and role in scope.lacking


# What a crew-table label is compared without when `import` looks for a role: spaces, `-`
# and `_` (SPEC 3.7), and the Markdown escapes, emphasis and empty comments `relrot issue`
# writes around a name (`<!-- -->`, only that: `<!--.*?-->` took minutes over a crew cell
# of many `<!--`, each scanned to the end of the cell).
_NOT_COMPARED = r"<!--\s*-->|[\s\-_*`~\\]"
_SEAT_NAMES = {"pilot": "pilot seat", "co_pilot": "co-pilot seat", "jump_seat": "jump seat"}
_RENAMED = {"pilot": "Second pilot", "co_pilot": "Second co-pilot", "jump_seat": "Observer"}
_SEAT_KEYS = {"pilot": "pilot", "copilot": "co_pilot", "jumpseat": "jump_seat"}


def label_key(label: str) -> str:
    """A role's name or id as `import` compares it with a crew-table label."""
    return pattern(_NOT_COMPARED).sub("", label).casefold()


def _check_labels(roles: Sequence[CrewRole]) -> list[Problem]:
    """A role `import` could not tell apart (SPEC 3.7): its name or id reads as a fixed seat
    or as another role. One problem per role, at the label that clashes (name first)."""
    if not roles:
        return []  # the issue reader is not needed
    from relrot.importing import role_of

    problems: list[Problem] = []
    taken: dict[str, CrewRole] = {}
    for i, role in enumerate(roles):
        labels = [("name", role.name)] if role.name is not None else []
        for key, label in [*labels, ("id", role.id)]:
            seat = role_of(label) or _SEAT_KEYS.get(label_key(label))
            other = taken.get(label_key(label))
            if seat is not None:
                problems.append(_reads_as_seat(key, label, seat, i))
            elif other is not None and other.id != role.id:
                problems.append(_reads_as_role(key, label, other, i))
            else:
                continue
            break
        for label in [role.id, *([role.name] if role.name is not None else [])]:
            taken.setdefault(label_key(label), role)
    return problems


def _reads_as_seat(key: str, label: str, seat: str, i: int) -> Problem:
    name = _SEAT_NAMES[seat]
    fix = (
        f"rename it, for example `{_RENAMED[seat]}`"
        if key == "name"
        else f"choose another id, for example `second_{seat}`"
    )
    return _schema(
        f"role {key} `{label}` reads as the {name} when `import` reads a crew table, so "
        f"the role could never be read back; {fix}",
        ("roles", i, key),
    )


def _reads_as_role(key: str, label: str, other: CrewRole, i: int) -> Problem:
    named = other.name is not None and label_key(other.name) == label_key(label)
    return _schema(
        f"role {key} `{label}` reads as role `{other.id}`"
        + (f" (named `{other.name}`)" if named else "")
        + " when `import` reads a crew table "
        "(case, spaces, `-` and `_` are ignored), so the two could not be told apart; if "
        f"this is `{other.id}` again, keep one entry, else give this role a name of its own",
        ("roles", i, key),
    )


def _check_references(
    rotation: RotationFile, ids: Sequence[str], scope: ProjectRoles | None
) -> list[Problem]:
    """Requests, pins and swaps that name a role: it must be one, and a request's must be
    filled by request."""
    problems: list[Problem] = []
    for i, request in enumerate(rotation.requests):
        found = rotation.role(request.role)
        if found is None:
            problems.append(_unknown(request.role, ids, ("requests", i, "role"), scope=scope))
        elif found.fill != "request":
            problems.append(
                _schema(
                    f"role `{found.id}` is filled by rotation, not by request; remove the "
                    "request or give the role `fill: request`",
                    ("requests", i, "role"),
                )
            )
    for i, pinned in enumerate(rotation.releases):
        for key in pinned.roles:
            if key not in ids:
                unknown = _unknown(key, ids, ("releases", i, "roles", key), scope=scope)
                problems.append(replace(unknown, at_key=True))
    for i, swap in enumerate(rotation.swaps):
        if swap.seat not in ("pilot", "co_pilot") and swap.seat not in ids:
            path: Path = ("swaps", i, "seat")
            problems.append(_unknown(swap.seat, ids, path, fixed=True, scope=scope))
    return problems


def role_members(rotation: RotationFile) -> list[tuple[str, Path]]:
    """Every member id `roles:`, `requests:` and pinned roles name, with where."""
    found: list[tuple[str, Path]] = []
    for i, role in enumerate(rotation.roles):
        found += [(m, ("roles", i, "pool", j)) for j, m in enumerate(role.pool or ())]
    found += [(r.member, ("requests", i, "member")) for i, r in enumerate(rotation.requests)]
    for i, pinned in enumerate(rotation.releases):
        found += [(m, ("releases", i, "roles", k)) for k, m in pinned.roles.items() if m]
    return found


def _schema(message: str, path: Path) -> Problem:
    return Problem("schema", Severity.ERROR, message, path=path)


def _unknown(
    role: str,
    ids: Sequence[str],
    path: Path,
    *,
    fixed: bool = False,
    scope: ProjectRoles | None = None,
) -> Problem:
    if scope is not None and role in scope.lacking:
        return _schema(scope.unknown(role), path)
    choices = [*ids, "pilot", "co_pilot", *(["jump_seat"] if fixed else [])]
    guess = close_match(role, choices if fixed else ids)
    hint = f"did you mean `{guess}`?" if guess else "declare it under `roles:` first"
    return _schema(f"`{role}` is not a role of this file; {hint}", path)


def pool(role: CrewRole, members: Sequence[Member]) -> list[str]:
    """Who may hold `role`, in pool order: its `pool`, else core members (rotate) or the
    whole roster (request), in roster order; ids not on the roster are left out."""
    roster = [m.id for m in members]
    if role.pool is not None:
        return [m for m in dict.fromkeys(role.pool) if m in roster]
    return [m.id for m in members if m.core or role.fill == "request"]


class RoleInput(Struct, frozen=True):
    """What the role planner needs of the plan so far, by shipped-release index."""

    slots: Sequence[Slot]
    seats: Sequence[Seats]  # planned pilot and co-pilot, before swaps
    pinned: Sequence[Mapping[str, str | None]]  # the pinned releases' roles, in order
    reserved: Sequence[set[str]]  # members named requests reserve in each release
    start: Mapping[str, int]  # a role's `from` as a shipped index (absent: 0)
    # Members' duty windows in projects planned earlier (SPEC 6): busy there, not here.
    busy: Mapping[str, AwaySpans] = field(default_factory=dict)


def plan_roles(rotation: RotationFile, given: RoleInput) -> list[RoleSeats]:
    """The rotate roles of each shipped release, in `roles:` order (SPEC 3.7).

    A release before a role's `from` has no such seat (no key). A pinned release keeps its
    pinned roles as they are, and one without a pinned value for a role leaves it empty.
    """
    members = {m.id: m for m in rotation.members}
    held: list[RoleSeats] = [{} for _ in given.slots]
    pins = len(given.pinned)
    for i, values in enumerate(given.pinned[: len(held)]):
        for key, member in values.items():
            held[i][key] = member
    planned: dict[str, int] = {}  # each role's place in `roles:`
    for role in rotation.roles:
        # A repeated id is reported by `check_roles`; the first entry is the role.
        if role.id in planned:
            continue
        planned[role.id] = len(planned)
        first = given.start.get(role.id, 0)
        if role.fill == "request":
            # Every release from `from` has the seat, empty until a request fills it.
            for seats in held[first:]:
                seats.setdefault(role.id, None)
            continue
        for i in range(max(first, 0), min(pins, len(held))):
            held[i].setdefault(role.id, None)
        _Rotate(role, pool(role, rotation.members), members, given, held, first).run(pins)
    # In `roles:` order, which every output follows.
    return [dict(sorted(seats.items(), key=lambda item: planned[item[0]])) for seats in held]


class _Rotate:
    """One rotate role's terms: its own queue, each term to the first who fits it whole."""

    def __init__(
        self,
        role: CrewRole,
        pool: list[str],
        members: Mapping[str, Member],
        given: RoleInput,
        held: list[RoleSeats],
        first: int,
    ) -> None:
        self.role, self.pool, self.members, self.given, self.held = role, pool, members, given, held
        self.first = first
        self.latest: dict[str, int] = {}

    def term_of(self, index: int) -> int:
        return self.first + self.role.term * ((index - self.first) // self.role.term)

    def run(self, pins: int) -> None:
        role, term, total = self.role.id, self.role.term, len(self.held)
        for i in range(self.first, min(pins, total)):
            holder = self.held[i].get(role)
            if holder is not None:
                self.latest[holder] = max(self.latest.get(holder, -1), self.term_of(i))
        start = max(self.first, pins)
        if start > self.first and self.term_of(start) < start:
            begun = self.term_of(start)
            rest = list(range(start, min(begun + term, total)))
            keeper = self._keeper(begun, start)
            if keeper is not None:
                for i in rest:
                    self.held[i][role] = keeper if self.fits(keeper, i) else None
            else:
                self._assign(begun, rest)
            start = begun + term
        for begin in range(start, total, term):
            self._assign(begin, list(range(begin, min(begin + term, total))))

    def _keeper(self, begun: int, pins: int) -> str | None:
        """Who holds the most pinned seats of the term in flight (ties: the earliest)."""
        counts: dict[str, int] = {}
        for i in range(begun, pins):
            holder = self.held[i].get(self.role.id)
            if holder is not None and holder in self.members:
                counts[holder] = counts.get(holder, 0) + 1
        if not counts:
            return None
        return max(counts, key=lambda m: counts[m])  # dicts keep first-held order for ties

    def queue(self) -> list[str]:
        never = [m for m in self.pool if m not in self.latest]
        served = sorted(
            (m for m in self.pool if m in self.latest), key=lambda m: self.latest[m]
        )  # sorted is stable: ties keep pool order
        return never + served

    def fits(self, member: str, index: int) -> bool:
        """Active, available, in no seat the role is apart from, no other role, not reserved."""
        person = self.members.get(member)
        if person is None:
            return False
        slot = self.given.slots[index]
        if person.obstacle(slot.date, (slot.duty_first, slot.duty_last)) is not None:
            return False
        busy = self.given.busy.get(member)
        if busy is not None and busy.overlap(slot.duty_first, slot.duty_last):
            return False
        seats = self.given.seats[index]
        taken = {"pilot": seats.pilot, "co_pilot": seats.co_pilot}
        roles = self.held[index]
        if any(taken.get(s) == member or roles.get(s) == member for s in self.role.apart_from):
            return False
        if any(holder == member for key, holder in roles.items() if key != self.role.id):
            return False
        return member not in self.given.reserved[index]

    def _assign(self, begin: int, releases: list[int]) -> None:
        role = self.role.id
        best: tuple[int, str] | None = None
        for member in self.queue():
            count = sum(self.fits(member, i) for i in releases)
            if count == len(releases):
                best = (count, member)
                break
            if count and (best is None or count > best[0]):
                best = (count, member)
        if best is None:
            for i in releases:
                self.held[i][role] = None
            return
        member = best[1]
        for i in releases:
            self.held[i][role] = member if self.fits(member, i) else None
        self.latest[member] = begin


class Spot(Struct, frozen=True):
    """A release a request may take: its number, version, day and duty window."""

    number: int
    version: str
    date: dt.date
    window: tuple[dt.date, dt.date]
    skipped: bool


class Requests(Struct):
    """Placing `requests:` for roles filled by request, with the jump seat's rules (SPEC 3.4).

    `crew(number)` is everyone holding a seat, role or jump seat of a release; `roles` the
    role seats by release number, which placing fills in.
    """

    rotation: RotationFile
    spots: Sequence[Spot]
    number: Callable[[str | int], int | None]
    crew: Callable[[int], set[str]]
    roles: dict[int, RoleSeats]
    last_pinned: int
    through: int
    unit: str = "release"  # what the calendar's entries are called: an on-demand one's, terms

    def obstacle(self, member: str, role: CrewRole, spot: Spot) -> str | None:
        """Why `member` cannot hold `role` in `spot`, or None."""
        if spot.skipped:
            return f"{spot.version} is skipped"
        held = self.roles.get(spot.number, {})
        if role.id not in held:
            return f"{spot.version} comes before {role.display} starts (`from`)"
        if held.get(role.id) is not None:
            return f"{held[role.id]} already holds {role.display} in {spot.version}"
        if member in self.crew(spot.number):
            return f"{member} already holds a seat or role in {spot.version}"
        if member not in pool(role, self.rotation.members):
            return f"{member} is not in the pool of {role.display}"
        person = self.rotation.member(member)
        found = person.obstacle(spot.date, spot.window) if person else None
        return None if found is None else f"{member} {found.describe()}"

    def place(self, *, named: bool) -> list[Problem]:
        """Place the named requests (`named`) or the open ones, in file order."""
        problems: list[Problem] = []
        by_number = {s.number: s for s in self.spots}
        for i, request in enumerate(self.rotation.requests):
            role = self.rotation.role(request.role)
            known = self.rotation.member(request.member) is not None
            if role is None or role.fill != "request" or not known:
                continue  # reported by `check_roles` or `check_references`
            if (request.release is not None) != named:
                continue
            path: Path = ("requests", i)
            if request.release is not None:
                found = self.number(request.release)
                spot = by_number.get(found) if found is not None else None
                problems += self._named(request.member, role, spot, request.release, path)
            else:
                problems += self._open(request.member, role, request.after, path)
        return problems

    def _named(
        self, member: str, role: CrewRole, spot: Spot | None, ref: str | int, path: Path
    ) -> list[Problem]:
        if spot is None:
            return [
                Problem(
                    "unknown-release",
                    Severity.ERROR,
                    f"request for {role.display} in {ref}, which is not a {self.unit} of the "
                    f"calendar; name another {self.unit}",
                    release=str(ref),
                    member=member,
                    path=(*path, "release"),
                )
            ]
        if spot.number <= self.last_pinned:
            pinned = self.roles.get(spot.number, {}).get(role.id)
            if pinned == member:
                return []
            reason = f"{spot.version} is pinned with " + (
                f"{pinned} as {role.display}" if pinned else f"no {role.display}"
            )
        else:
            reason = self.obstacle(member, role, spot) or ""
        if reason:
            return [_conflict(member, role, spot.version, reason, path)]
        self.roles.setdefault(spot.number, {})[role.id] = member
        return []

    def _open(
        self, member: str, role: CrewRole, after: dt.date | None, path: Path
    ) -> list[Problem]:
        since = after or dt.date.min
        for spot in self.spots:
            if spot.number > self.last_pinned or spot.date < since:
                continue
            if self.roles.get(spot.number, {}).get(role.id) == member:
                return [
                    Problem(
                        "request-met",
                        Severity.INFO,
                        f"{member}'s request for {role.display} is met: {member} held it in "
                        f"pinned {spot.version} ({spot.date}); remove the request from "
                        "`requests:`",
                        release=spot.version,
                        member=member,
                        path=path,
                    )
                ]
        for spot in self.spots:
            planned = self.last_pinned < spot.number <= self.through
            if planned and spot.date >= since and self.obstacle(member, role, spot) is None:
                self.roles.setdefault(spot.number, {})[role.id] = member
                return []
        if self.through <= self.last_pinned:
            return []
        return [
            Problem(
                "jump-seat-conflict",
                Severity.WARNING,
                f"no free {role.display} seat for {member}"
                + (f" on or after {after}" if after else "")
                + " within the planned releases (away, seated or every seat taken): extend "
                "the horizon or ask later",
                member=member,
                path=path,
            )
        ]


def _conflict(member: str, role: CrewRole, version: str, reason: str, path: Path) -> Problem:
    return Problem(
        "jump-seat-conflict",
        Severity.ERROR,
        f"{member} cannot hold {role.display} in {version}: {reason}; name another release "
        "or drop `release` to take the next free one",
        release=version,
        member=member,
        path=path,
    )


def declared(rotation: RotationFile) -> list[CrewRole]:
    """Each role once, in `roles:` order: a repeated id is a `schema` problem
    (`check_roles`), and its first entry is the role."""
    found: dict[str, CrewRole] = {}
    for role in rotation.roles:
        found.setdefault(role.id, role)
    return list(found.values())
