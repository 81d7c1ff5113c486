"""Opting out of a release: the step-up rule and the ranked replacements (SPEC 5.3), for
pilot and co-pilot seats and for rotate-role seats (SPEC 3.7)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from msgspec import Struct, field
from msgspec.structs import replace

from relrot.changes import SwapEntry
from relrot.model import CrewRole, Member, Obstacle, RotationFile
from relrot.plan import ROLE_LABEL, Plan, Release
from relrot.problems import Problem, RelrotError, RuleName, Severity
from relrot.roles import pool

# Seats counted around the release when ranking candidates: releases i-6 .. i+6.
NEARBY = 6
# How many of the best-ranked candidates have the consequences of their choice worked out:
# each costs a check of the changed file, and three is what `relrot swap` shows.
EVALUATED = 3
FIXED = ("pilot", "co_pilot")


def refuse(
    message: str,
    *,
    release: str | None = None,
    member: str | None = None,
    rule: RuleName = "swap",
) -> RelrotError:
    return RelrotError([Problem(rule, Severity.ERROR, message, release=release, member=member)])


class NotCore(Struct, frozen=True):
    """Only core members fly pilot or co-pilot."""


class Seated(Struct, frozen=True):
    """Already seated in the release: one person, one seat."""

    release: str


class HoldsJumpSeat(Struct, frozen=True):
    """Holds the release's jump seat, which is for observing and is not a backup."""

    release: str


class HoldsRole(Struct, frozen=True):
    """Holds another role of the release: nobody holds two roles (SPEC 3.7)."""

    release: str
    role: str  # the role's name as the file gives it


class NotInPool(Struct, frozen=True):
    """Not in the role's `pool`, so cannot hold it (SPEC 3.7)."""

    role: str  # the role's name as the file gives it


class OptedOut(Struct, frozen=True):
    """Already opted out of the release by a swap."""

    release: str


class NotOnRoster(Struct, frozen=True):
    """Named with --with but on no entry of `members:`."""


class BusyElsewhere(Struct, frozen=True):
    """Holds a seat of another project's release whose duty window overlaps (SPEC 6):
    choosing them would put them in `double-duty`. `--with` may still name them."""

    project: str
    release: str
    seat: str  # pilot, co_pilot, or the role's name as the file gives it
    window: tuple[dt.date, dt.date]


# Why a member cannot take the seat: these, or what keeps them from the release at all.
Exclusion = (
    NotCore
    | Seated
    | HoldsJumpSeat
    | HoldsRole
    | NotInPool
    | OptedOut
    | NotOnRoster
    | BusyElsewhere
    | Obstacle
)


class Candidate(Struct, frozen=True):
    member: str
    held_seat: bool
    adjacent: tuple[str, ...]  # versions of the neighbouring releases they are seated in
    nearby_seats: int
    order: int
    # The problems choosing them would add; None when not worked out (see EVALUATED).
    adds: tuple[Problem, ...] | None = None

    def rank_key(self) -> tuple[bool, bool, int, int]:
        return (not self.held_seat, bool(self.adjacent), self.nearby_seats, self.order)

    def cost_rank(self) -> int:
        """Adds nothing, then only warnings, then not worked out, then adds an error: a
        choice known to add an error would be refused."""
        if self.adds is None:
            return 2
        if any(p.severity is Severity.ERROR for p in self.adds):
            return 3
        return 1 if self.adds else 0


class RoleRefill(Struct, frozen=True):
    """A role seat a swap must refill too: `out` holds it and takes a seat the role keeps
    apart from it (SPEC 3.7). `chosen` is None when nobody can take it."""

    role: str  # the role's id
    out: str
    chosen: str | None


def _fixed_labels() -> dict[str, str]:
    return {str(seat): label for seat, label in ROLE_LABEL.items()}


class Proposal(Struct, frozen=True):
    """What `relrot swap` will do, and why. `seat` and `refill` are `pilot`, `co_pilot` or a
    rotate role's id; `labels` names every seat of the file (a role by its name)."""

    release: Release
    member: str
    seat: str
    step_up: str | None
    refill: str
    chosen: str
    candidates: tuple[Candidate, ...]
    excluded: tuple[tuple[str, Exclusion], ...]
    before: Release | None
    after: Release | None
    named: bool = False
    reason: str | None = None
    # For each member who may take the refilled seat: the role seats that choice refills.
    refills: Mapping[str, tuple[RoleRefill, ...]] = field(default_factory=dict)
    labels: Mapping[str, str] = field(default_factory=_fixed_labels)
    # Why `step_up` steps up: piloted before in the plan, or `experienced` (SPEC 3.5).
    stepped_up_as_experienced: bool = False

    @property
    def entries(self) -> tuple[SwapEntry, ...]:
        """The swap entries of the chosen member."""
        return self.entries_with(self.chosen)

    def entries_with(self, member: str) -> tuple[SwapEntry, ...]:
        """The swap entries with `member` in the refilled seat: a step-up first, then the
        seat, then each role seat that choice refills."""
        version = self.release.version

        def entry(seat: str, out: str, into: str) -> SwapEntry:
            return SwapEntry(version, seat, out, into, self.reason or None)

        kept = [entry("pilot", self.member, self.step_up)] if self.step_up else []
        kept.append(entry(self.refill, self.step_up or self.member, member))
        for refill in self.refills.get(member, ()):
            if refill.chosen is not None:
                kept.append(entry(refill.role, refill.out, refill.chosen))
        return tuple(kept)

    def label(self, seat: str) -> str:
        return self.labels.get(seat, seat)

    def with_costs(self, costs: dict[str, tuple[Problem, ...]]) -> Proposal:
        """Candidates ranked by what their choice adds (`Candidate.cost_rank`), then as before;
        the first is chosen unless the seat was named with --with."""
        costed = [replace(c, adds=costs.get(c.member)) for c in self.candidates]
        costed.sort(key=Candidate.cost_rank)
        if self.named or not costed:
            return replace(self, candidates=tuple(costed))
        return replace(self, candidates=tuple(costed), chosen=costed[0].member)


# A release's seats by key: pilot, co_pilot, jump_seat and each role's id, to the holder.
Crew = dict[str, str | None]


class _Ranker:
    def __init__(
        self,
        rotation: RotationFile,
        plan: Plan,
        release: Release,
        busy: Mapping[str, BusyElsewhere] | None = None,
    ) -> None:
        self.rotation = rotation
        # Who is busy in another project then: ranked out, though `--with` may name them.
        self.busy = busy or {}
        self.shipped = [r for r in plan.releases if not r.skipped]
        self.position = self.shipped.index(release)
        self.release = release

    def neighbour(self, step: int) -> Release | None:
        index = self.position + step
        return self.shipped[index] if 0 <= index < len(self.shipped) else None

    def crew(self) -> Crew:
        release = self.release
        fixed = {"pilot": release.pilot, "co_pilot": release.co_pilot}
        return {**fixed, "jump_seat": release.jump_seat, **release.roles}

    def opted_out(self, member: str) -> bool:
        return any(applied.swap.out == member for applied in self.release.swaps)

    def why_not(self, member: Member, seated: set[str]) -> Exclusion | None:
        release = self.release
        if not member.core:
            return NotCore()
        if member.id in seated:
            return Seated(release.version)
        if release.jump_seat == member.id:
            return HoldsJumpSeat(release.version)
        # A request role is a seat, placed after swaps: its holder cannot also fly. A rotate
        # role's holder can, and the swap refills the role (SPEC 3.7).
        for key, holder in release.roles.items():
            role = self.rotation.role(key)
            if holder == member.id and role is not None and role.fill == "request":
                return HoldsRole(release.version, role.display)
        if self.opted_out(member.id):
            return OptedOut(release.version)
        return member.obstacle(release.date, release.duty_window)

    def why_not_role(
        self, member: Member, role: CrewRole, crew: Crew, gone: frozenset[str] = frozenset()
    ) -> Exclusion | None:
        """What keeps `member` from `role`'s seat with the release's seats as `crew` has them:
        outside the pool, a seat in `apart_from`, another role or the jump seat (SPEC 3.7);
        `gone` opt out of the release with this swap."""
        version = self.release.version
        if member.id not in pool(role, self.rotation.members):
            return NotInPool(role.display)
        for seat, holder in crew.items():
            if holder != member.id or seat == role.id:
                continue
            if seat == "jump_seat":
                return HoldsJumpSeat(version)
            if seat not in FIXED:
                other = self.rotation.role(seat)
                return HoldsRole(version, other.display if other else seat)
            if seat in role.apart_from:
                return Seated(version)
        if member.id in gone or self.opted_out(member.id):
            return OptedOut(version)
        return member.obstacle(self.release.date, self.release.duty_window)

    def candidate(self, member: Member, role: str, order: int) -> Candidate:
        """Where `member` ranks for `role`'s seat: its own seats for a role (SPEC 3.7), pilot
        and co-pilot seats for those (SPEC 5.3)."""

        def holds(release: Release | None) -> int:
            if release is None:
                return 0
            if role not in FIXED:
                return int(release.roles.get(role) == member.id)
            return (release.pilot == member.id) + (release.co_pilot == member.id)

        earlier = self.shipped[: self.position]
        if role not in FIXED:
            held = any(holds(r) for r in earlier)
        elif member.experienced:
            held = True  # served both seats before `first_release` (SPEC 3.5)
        elif role == "pilot":
            held = any(r.pilot == member.id for r in earlier)
        else:
            held = any(holds(r) for r in earlier)
        adjacent = tuple(
            r.version for r in (self.neighbour(-1), self.neighbour(1)) if r is not None and holds(r)
        )
        window = self.shipped[max(self.position - NEARBY, 0) : self.position + NEARBY + 1]
        return Candidate(member.id, held, adjacent, sum(map(holds, window)), order)

    def rank(
        self, role: str, seated: set[str]
    ) -> tuple[list[Candidate], list[tuple[str, Exclusion]]]:
        candidates: list[Candidate] = []
        excluded: list[tuple[str, Exclusion]] = []
        for order, member in enumerate(self.rotation.members):
            reason = self.why_not(member, seated) or self.busy.get(member.id)
            if reason is None:
                candidates.append(self.candidate(member, role, order))
            else:
                excluded.append((member.id, reason))
        candidates.sort(key=Candidate.rank_key)
        return candidates, excluded

    def rank_role(
        self, role: CrewRole, crew: Crew, gone: frozenset[str]
    ) -> tuple[list[Candidate], list[tuple[str, Exclusion]]]:
        """The role's pool ranked for its seat (SPEC 3.7), ties in pool order; everyone else
        on the roster is excluded, in roster order."""
        order = {m: i for i, m in enumerate(pool(role, self.rotation.members))}
        candidates: list[Candidate] = []
        excluded: list[tuple[str, Exclusion]] = []
        for member in self.rotation.members:
            reason = self.why_not_role(member, role, crew, gone) or self.busy.get(member.id)
            if reason is None:
                candidates.append(self.candidate(member, role.id, order[member.id]))
            else:
                excluded.append((member.id, reason))
        candidates.sort(key=Candidate.rank_key)
        return candidates, excluded

    def refills(self, entries: tuple[SwapEntry, ...], gone: str) -> tuple[RoleRefill, ...]:
        """The role seats these entries force out (SPEC 3.7): each member they seat who holds
        a role kept apart from that seat gives it to the best-ranked of its pool, ranked with
        the release's seats as the entries leave them."""
        crew = self.crew()
        for entry in entries:
            crew[str(entry.seat)] = entry.in_
        found: list[RoleRefill] = []
        for entry in entries:
            for role in self.rotation.roles:
                if crew.get(role.id) != entry.in_ or str(entry.seat) not in role.apart_from:
                    continue
                if role.fill != "rotate":
                    continue
                best = self.rank_role(role, crew, frozenset({gone}))[0]
                chosen = best[0].member if best else None
                found.append(RoleRefill(role.id, entry.in_, chosen))
                crew[role.id] = chosen
        return tuple(found)


def _held_seat(rotation: RotationFile, release: Release, member_id: str) -> str:
    """The seat `member_id` gives up: pilot or co-pilot first, else the first rotate role
    they hold in `roles:` order. A member holding only the jump seat or a request role, or
    nothing, is refused."""
    if member_id == release.pilot:
        return "pilot"
    if member_id == release.co_pilot:
        return "co_pilot"
    held = [rotation.role(key) for key, holder in release.roles.items() if holder == member_id]
    rotating = [role for role in held if role is not None and role.fill == "rotate"]
    if rotating:
        return rotating[0].id
    requested = [role.display for role in held if role is not None]
    if requested or member_id == release.jump_seat:
        what = f"the {requested[0]} seat" if requested else "the jump seat"
        where = "`requests:`" if requested else "`jump_seat:`"
        raise refuse(
            f"{member_id} only holds {what} of {release.version}; to give it up, remove "
            f"their request from {where}",
            release=release.version,
            member=member_id,
        )
    seats = [(ROLE_LABEL[r], release.seat(r)) for r in ("pilot", "co_pilot")]
    for key, holder in release.roles.items():
        role = rotation.role(key)
        seats.append((role.display if role else key, holder))
    crew = ", ".join(f"{label} {holder or '(empty)'}" for label, holder in seats)
    raise refuse(
        f"{member_id} holds no seat in {release.version} ({crew})",
        release=release.version,
        member=member_id,
    )


def propose(
    rotation: RotationFile,
    plan: Plan,
    release: Release,
    member_id: str,
    *,
    with_member: str | None = None,
    reason: str | None = None,
    today: dt.date,
    busy: Mapping[str, BusyElsewhere] | None = None,
) -> Proposal:
    """Work out the swap entries for `member_id` opting out of `release`.

    `member_id` and `with_member` are on the roster (the caller checked them); `busy`: who
    holds an overlapping seat in another project of the file (SPEC 6). A refusal is a
    problem, and problems carry words: those of an exclusion are `relrot.render.swap`'s."""
    from relrot.render.swap import exclusion, nobody_can

    if release.skipped:
        raise refuse(f"{release.version} is skipped; nobody serves it", release=release.version)
    if release.history(today):
        # A term in progress is not history (SPEC 6): its crew can still change.
        went = f"ended on {release.last_day}" if release.last_day else f"went out on {release.date}"
        raise refuse(
            f"{release.version} {went}, before today ({today}); history "
            "cannot be swapped: run `relrot pin` to record it, then correct its seats in "
            "`releases:`",
            release=release.version,
        )
    seat = _held_seat(rotation, release, member_id)
    labels = _fixed_labels() | {role.id: role.display for role in rotation.roles}
    ranker = _Ranker(rotation, plan, release, busy)
    version = release.version
    step_up = None
    piloted = False  # whether `step_up` has piloted before in the plan
    refill = seat
    role = rotation.role(seat)
    seated = {m for m in (release.pilot, release.co_pilot) if m is not None}
    seated |= {extra.member for extra in release.also}
    crew, gone = ranker.crew(), frozenset({member_id})
    if role is None:
        if with_member is None and seat == "pilot" and release.co_pilot is not None:
            co_pilot = release.co_pilot
            # Piloted before in the plan, or before `first_release` (SPEC 3.5: `experienced`
            # counts as having held both seats for swap ranking).
            piloted = any(r.pilot == co_pilot for r in ranker.shipped[: ranker.position])
            seasoned = any(m.id == co_pilot and m.experienced for m in rotation.members)
            if piloted or seasoned:
                step_up = co_pilot
                refill = "co_pilot"
        candidates, excluded = ranker.rank(refill, seated)
    else:
        candidates, excluded = ranker.rank_role(role, crew, gone)
    excluded = [(m, why) for m, why in excluded if m != member_id]
    if with_member is not None:
        other = rotation.member(with_member)
        why: Exclusion | None = NotOnRoster()
        if other is not None and role is None:
            why = ranker.why_not(other, seated)
        elif other is not None and role is not None:
            why = ranker.why_not_role(other, role, crew, gone)
        if why is not None:
            raise refuse(
                f"{with_member} cannot take the {labels[seat]} seat of {version}: {exclusion(why)}",
                release=version,
                member=with_member,
            )
        chosen = with_member
    elif candidates:
        chosen = candidates[0].member
    else:
        raise refuse(
            nobody_can(labels[refill], version, excluded), release=version, member=member_id
        )
    proposal = Proposal(
        release=release,
        member=member_id,
        seat=seat,
        step_up=step_up,
        stepped_up_as_experienced=step_up is not None and not piloted,
        refill=refill,
        chosen=chosen,
        candidates=tuple(candidates),
        excluded=tuple(excluded),
        before=ranker.neighbour(-1),
        after=ranker.neighbour(1),
        named=with_member is not None,
        reason=reason,
        labels=labels,
    )
    takers = {chosen, *(c.member for c in candidates)}
    refills = {m: ranker.refills(proposal.entries_with(m), member_id) for m in takers}
    return replace(proposal, refills={m: found for m, found in refills.items() if found})
