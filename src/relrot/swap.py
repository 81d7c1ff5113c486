"""Opting out of a release: the step-up rule and the ranked replacements (SPEC 5.3)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from relrot.changes import SwapEntry
from relrot.model import Member, Obstacle, Role, RotationFile
from relrot.plan import ROLE_LABEL, Plan, Release
from relrot.problems import Problem, RelrotError, RuleName, Severity

# Seats counted around the release when ranking candidates: releases i-6 .. i+6.
NEARBY = 6
# How many of the best-ranked candidates have the consequences of their choice worked out:
# each costs a check of the changed file, and three is what `relrot swap` shows.
EVALUATED = 3


def refuse(
    message: str,
    *,
    release: str | None = None,
    member: str | None = None,
    rule: RuleName = "swap",
) -> RelrotError:
    return RelrotError([Problem(rule, Severity.ERROR, message, release=release, member=member)])


@dataclass(frozen=True)
class NotCore:
    """Only core members fly pilot or co-pilot."""


@dataclass(frozen=True)
class Seated:
    """Already seated in the release: one person, one seat."""

    release: str


@dataclass(frozen=True)
class HoldsJumpSeat:
    """Holds the release's jump seat, which is for observing and is not a backup."""

    release: str


@dataclass(frozen=True)
class OptedOut:
    """Already opted out of the release by a swap."""

    release: str


@dataclass(frozen=True)
class NotOnRoster:
    """Named with --with but on no entry of `members:`."""


# Why a member cannot take the seat: these, or what keeps them from the release at all.
Exclusion = NotCore | Seated | HoldsJumpSeat | OptedOut | NotOnRoster | Obstacle


@dataclass(frozen=True)
class Candidate:
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


@dataclass(frozen=True)
class Proposal:
    """What `relrot swap` will do, and why."""

    release: Release
    member: str
    seat: Role
    step_up: str | None
    refill: Role
    chosen: str
    candidates: tuple[Candidate, ...]
    excluded: tuple[tuple[str, Exclusion], ...]
    entries: tuple[SwapEntry, ...]
    before: Release | None
    after: Release | None
    named: bool = False

    def entries_with(self, member: str) -> tuple[SwapEntry, ...]:
        """The swap entries with `member` in the refilled seat instead of the chosen one."""
        *kept, refill = self.entries
        return (*kept, replace(refill, in_=member))

    def with_costs(self, costs: dict[str, tuple[Problem, ...]]) -> Proposal:
        """Candidates ranked by what their choice adds (`Candidate.cost_rank`), then as before;
        the first is chosen unless the seat was named with --with."""
        costed = [replace(c, adds=costs.get(c.member)) for c in self.candidates]
        costed.sort(key=Candidate.cost_rank)
        if self.named or not costed:
            return replace(self, candidates=tuple(costed))
        chosen = costed[0].member
        return replace(
            self, candidates=tuple(costed), chosen=chosen, entries=self.entries_with(chosen)
        )


class _Ranker:
    def __init__(self, rotation: RotationFile, plan: Plan, release: Release) -> None:
        self.rotation = rotation
        self.shipped = [r for r in plan.releases if not r.skipped]
        self.position = self.shipped.index(release)
        self.release = release

    def neighbour(self, step: int) -> Release | None:
        index = self.position + step
        return self.shipped[index] if 0 <= index < len(self.shipped) else None

    def why_not(self, member: Member, seated: set[str]) -> Exclusion | None:
        release = self.release
        if not member.core:
            return NotCore()
        if member.id in seated:
            return Seated(release.version)
        if release.jump_seat == member.id:
            return HoldsJumpSeat(release.version)
        if any(applied.swap.out == member.id for applied in release.swaps):
            return OptedOut(release.version)
        return member.obstacle(release.date, release.duty_window)

    def candidate(self, member: Member, role: Role, order: int) -> Candidate:
        earlier = self.shipped[: self.position]
        if member.experienced:
            held = True  # served both seats before `first_release` (SPEC 3.5)
        elif role == "pilot":
            held = any(r.pilot == member.id for r in earlier)
        else:
            held = any(member.id in (r.pilot, r.co_pilot) for r in earlier)
        adjacent = tuple(
            r.version
            for r in (self.neighbour(-1), self.neighbour(1))
            if r is not None and member.id in (r.pilot, r.co_pilot)
        )
        window = self.shipped[max(self.position - NEARBY, 0) : self.position + NEARBY + 1]
        nearby = sum((r.pilot == member.id) + (r.co_pilot == member.id) for r in window)
        return Candidate(member.id, held, adjacent, nearby, order)

    def rank(
        self, role: Role, seated: set[str]
    ) -> tuple[list[Candidate], list[tuple[str, Exclusion]]]:
        candidates: list[Candidate] = []
        excluded: list[tuple[str, Exclusion]] = []
        for order, member in enumerate(self.rotation.members):
            reason = self.why_not(member, seated)
            if reason is None:
                candidates.append(self.candidate(member, role, order))
            else:
                excluded.append((member.id, reason))
        candidates.sort(key=Candidate.rank_key)
        return candidates, excluded


def propose(
    rotation: RotationFile,
    plan: Plan,
    release: Release,
    member_id: str,
    *,
    with_member: str | None = None,
    reason: str | None = None,
    today: dt.date,
) -> Proposal:
    """Work out the swap entries for `member_id` opting out of `release`.

    `member_id` and `with_member` are on the roster (the caller checked them). A refusal is
    a problem, and problems carry words: those of an exclusion are `relrot.render.swap`'s."""
    from relrot.render.swap import exclusion

    if release.skipped:
        raise refuse(f"{release.version} is skipped; nobody serves it", release=release.version)
    if release.date < today:
        raise refuse(
            f"{release.version} went out on {release.date}, before today ({today}); history "
            "cannot be swapped: run `relrot pin` to record it, then correct its seats in "
            "`releases:`",
            release=release.version,
        )
    if member_id == release.pilot:
        seat: Role = "pilot"
    elif member_id == release.co_pilot:
        seat = "co_pilot"
    elif member_id == release.jump_seat:
        raise refuse(
            f"{member_id} only holds the jump seat of {release.version}; to give it up, remove "
            "their request from `jump_seat:`",
            release=release.version,
            member=member_id,
        )
    else:
        crew = ", ".join(
            f"{ROLE_LABEL[r]} {release.seat(r) or '(empty)'}" for r in ("pilot", "co_pilot")
        )
        raise refuse(
            f"{member_id} holds no seat in {release.version} ({crew})",
            release=release.version,
            member=member_id,
        )
    ranker = _Ranker(rotation, plan, release)
    version = release.version
    entries: list[SwapEntry] = []

    def entry(role: Role, out: str, into: str) -> SwapEntry:
        return SwapEntry(version, role, out, into, reason or None)

    seated = {m for m in (release.pilot, release.co_pilot) if m is not None}
    seated |= {extra.member for extra in release.also}
    step_up = None
    refill = seat
    if with_member is None and seat == "pilot" and release.co_pilot is not None:
        co_pilot = release.co_pilot
        if any(r.pilot == co_pilot for r in ranker.shipped[: ranker.position]):
            step_up = co_pilot
            refill = "co_pilot"
            entries.append(entry("pilot", member_id, co_pilot))
    candidates, excluded = ranker.rank(refill, seated)
    if with_member is not None:
        other = rotation.member(with_member)
        why = ranker.why_not(other, seated) if other else NotOnRoster()
        if why is not None:
            raise refuse(
                f"{with_member} cannot take the {ROLE_LABEL[seat]} seat of {version}: "
                f"{exclusion(why)}",
                release=version,
                member=with_member,
            )
        chosen = with_member
    elif candidates:
        chosen = candidates[0].member
    else:
        reasons = "; ".join(f"{m}: {exclusion(why)}" for m, why in excluded if m != member_id)
        raise refuse(
            f"nobody can take the {ROLE_LABEL[refill]} seat of {version}: {reasons}",
            release=version,
            member=member_id,
        )
    outgoing = step_up if step_up else member_id
    entries.append(entry(refill, outgoing, chosen))
    return Proposal(
        release=release,
        member=member_id,
        seat=seat,
        step_up=step_up,
        refill=refill,
        chosen=chosen,
        candidates=tuple(candidates),
        excluded=tuple((m, why) for m, why in excluded if m != member_id),
        entries=tuple(entries),
        before=ranker.neighbour(-1),
        after=ranker.neighbour(1),
        named=with_member is not None,
    )
