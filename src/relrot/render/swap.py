"""A swap's proposal in words: the change, then the best candidates and why each ranks
where it does (SPEC 5.3), for pilot, co-pilot and rotate-role seats (SPEC 3.7)."""

from __future__ import annotations

from collections.abc import Sequence

from relrot.plan import ROLE_LABEL, Release
from relrot.swap import (
    FIXED,
    NEARBY,
    BusyElsewhere,
    Candidate,
    Exclusion,
    HoldsJumpSeat,
    HoldsRole,
    NotCore,
    NotInPool,
    NotOnRoster,
    OptedOut,
    Proposal,
    Seated,
)

# How many candidates are shown, best first.
SHOWN = 3


def explain(proposal: Proposal, names: dict[str, str], top: int = SHOWN) -> list[str]:
    """The change, then the top candidates and why each ranks where it does."""
    release = proposal.release

    def name(member: str) -> str:
        return names.get(member, member)

    label = proposal.label
    lines = [
        f"{release.version} ({release.date:%a} {release.date}): {name(proposal.member)} opts out "
        f"as {label(proposal.seat)}"
    ]
    if proposal.step_up:
        why = "has piloted before"
        if proposal.stepped_up_as_experienced:
            why = "served before the calendar"
        lines.append(f"  {name(proposal.step_up)} steps up from co-pilot to pilot ({why})")
    named = " (named with --with)" if proposal.named else ""
    lines.append(f"  {label(proposal.refill)}: {name(proposal.chosen)}{named}")
    for refill in proposal.refills.get(proposal.chosen, ()):
        if refill.chosen is None:
            taker = f"nobody can take it from {name(refill.out)}"
        else:
            taker = f"{name(refill.chosen)} (refilled: {name(refill.out)} cannot hold both)"
        lines.append(f"  {label(refill.role)}: {taker}")
    refilled = {
        member: "".join(
            f"; {label(r.role)} would go to {name(r.chosen) if r.chosen else 'nobody'}"
            for r in found
        )
        for member, found in proposal.refills.items()
    }
    if proposal.candidates:
        lines.append("")
        lines.append(f"Candidates for the {label(proposal.refill)} seat, best first:")
        for rank, candidate in enumerate(proposal.candidates[:top], start=1):
            why = reasons(
                candidate, proposal.refill, proposal.before, proposal.after, label(proposal.refill)
            )
            more = refilled.get(candidate.member, "")
            lines.append(f"  {rank}. {name(candidate.member)}: {why}{more}")
    if proposal.excluded:
        lines.append("Not eligible:")
        lines.extend(f"  - {name(m)}: {exclusion(why)}" for m, why in proposal.excluded)
    return lines


def reasons(
    candidate: Candidate,
    role: str,
    before: Release | None,
    after: Release | None,
    label: str | None = None,
) -> str:
    """Why the candidate ranks where it does: seats held, neighbours, load, and cost. A
    role's seat (`label` names it) counts only that role's seats (SPEC 3.7)."""
    if role not in FIXED:
        return _role_reasons(candidate, label or role, before, after)
    held = (
        f"has held the {ROLE_LABEL['pilot']} seat before"
        if role == "pilot"
        else "has served in a seat before"
    )
    if not candidate.held_seat:
        held = f"has never been {ROLE_LABEL['pilot']}" if role == "pilot" else "has never served"
    neighbours = " and ".join(r.version for r in (before, after) if r is not None)
    if candidate.adjacent:
        rest = f"seated in {' and '.join(candidate.adjacent)}, next to it"
    else:
        rest = f"free in {neighbours}" if neighbours else "free around it"
    count = candidate.nearby_seats
    seats = f"{count} seat{'s' if count != 1 else ''} within {NEARBY}"
    return f"{held}; {rest}; {seats} releases{cost(candidate)}"


def _role_reasons(
    candidate: Candidate, label: str, before: Release | None, after: Release | None
) -> str:
    held = f"has held {label} before" if candidate.held_seat else f"has never held {label}"
    neighbours = " and ".join(r.version for r in (before, after) if r is not None)
    if candidate.adjacent:
        rest = f"holds {label} in {' and '.join(candidate.adjacent)}, next to it"
    else:
        rest = f"not {label} in {neighbours}" if neighbours else f"not {label} around it"
    count = candidate.nearby_seats
    seats = f"{count} {label} seat{'s' if count != 1 else ''} within {NEARBY}"
    return f"{held}; {rest}; {seats} releases{cost(candidate)}"


def cost(candidate: Candidate) -> str:
    """What choosing the candidate adds, when it was worked out."""
    if candidate.adds is None:
        return ""
    if not candidate.adds:
        return "; adds no problem"
    found = ", ".join(f"{p.rule} in {p.release}" if p.release else p.rule for p in candidate.adds)
    return f"; adds {found}"


def exclusion(why: Exclusion) -> str:
    """Why a member cannot take the seat."""
    if isinstance(why, NotCore | NotOnRoster):
        return "not a core member" if isinstance(why, NotCore) else "not on the roster"
    if isinstance(why, Seated | OptedOut):
        return (
            f"already seated in {why.release}"
            if isinstance(why, Seated)
            else f"already opted out of {why.release}"
        )
    if isinstance(why, HoldsJumpSeat):
        return "holds the jump seat, which is not a backup"
    if isinstance(why, NotInPool | HoldsRole):
        if isinstance(why, NotInPool):
            return f"not in the pool of {why.role}"
        return f"holds {why.role} in {why.release}"
    # Not joined, left or away: the model's own words, which never give an away reason.
    return _busy(why) if isinstance(why, BusyElsewhere) else why.describe()


def _busy(why: BusyElsewhere) -> str:
    seat = {"pilot": "pilot", "co_pilot": "co-pilot"}.get(why.seat, why.seat)
    first, last = why.window
    return f"busy as {seat} of {why.project} {why.release} (duty window {first}..{last})"


def nobody_can(seat: str, version: str, excluded: Sequence[tuple[str, Exclusion]]) -> str:
    """Why nobody can take the seat; a member busy in another project may still be named
    with `--with`, at the cost of a `double-duty` warning."""
    reasons = "; ".join(f"{m}: {exclusion(why)}" for m, why in excluded)
    found = f"nobody can take the {seat} seat of {version}: {reasons}"
    if any(isinstance(why, BusyElsewhere) for _, why in excluded):
        found += (
            "; `--with MEMBER` seats one who is busy in another project, with a double-duty warning"
        )
    return found
