"""A swap's proposal in words: the change, then the best candidates and why each ranks
where it does (SPEC 5.3)."""

from __future__ import annotations

from relrot.model import Role
from relrot.plan import ROLE_LABEL, Release
from relrot.swap import (
    NEARBY,
    Candidate,
    Exclusion,
    HoldsJumpSeat,
    NotCore,
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

    lines = [
        f"{release.version} ({release.date:%a} {release.date}): {name(proposal.member)} opts out "
        f"as {ROLE_LABEL[proposal.seat]}"
    ]
    if proposal.step_up:
        lines.append(
            f"  {name(proposal.step_up)} steps up from co-pilot to pilot (has piloted before)"
        )
    named = " (named with --with)" if proposal.named else ""
    lines.append(f"  {ROLE_LABEL[proposal.refill]}: {name(proposal.chosen)}{named}")
    if proposal.candidates:
        lines.append("")
        lines.append(f"Candidates for the {ROLE_LABEL[proposal.refill]} seat, best first:")
        for rank, candidate in enumerate(proposal.candidates[:top], start=1):
            why = reasons(candidate, proposal.refill, proposal.before, proposal.after)
            lines.append(f"  {rank}. {name(candidate.member)}: {why}")
    if proposal.excluded:
        lines.append("Not eligible:")
        lines.extend(f"  - {name(m)}: {exclusion(why)}" for m, why in proposal.excluded)
    return lines


def reasons(candidate: Candidate, role: Role, before: Release | None, after: Release | None) -> str:
    """Why the candidate ranks where it does: seats held, neighbours, load, and cost."""
    held = (
        f"has held the {ROLE_LABEL[role]} seat before"
        if role == "pilot"
        else "has served in a seat before"
    )
    if not candidate.held_seat:
        held = f"has never been {ROLE_LABEL[role]}" if role == "pilot" else "has never served"
    neighbours = " and ".join(r.version for r in (before, after) if r is not None)
    if candidate.adjacent:
        rest = f"seated in {' and '.join(candidate.adjacent)}, next to it"
    else:
        rest = f"free in {neighbours}" if neighbours else "free around it"
    count = candidate.nearby_seats
    seats = f"{count} seat{'s' if count != 1 else ''} within {NEARBY}"
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
    if isinstance(why, NotCore):
        return "not a core member"
    if isinstance(why, Seated):
        return f"already seated in {why.release}"
    if isinstance(why, HoldsJumpSeat):
        return "holds the jump seat, which is not a backup"
    if isinstance(why, OptedOut):
        return f"already opted out of {why.release}"
    if isinstance(why, NotOnRoster):
        return "not on the roster"
    # Not joined, left or away: the model's own words, which never give an away reason.
    return why.describe()
