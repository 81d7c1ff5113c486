"""Rules about one release: its day, and who sits in each of its seats."""

from __future__ import annotations

from collections.abc import Iterator

from relrot.model import Away, Member, NotJoined, Role
from relrot.plan import ROLE_LABEL, Release
from relrot.problems import Path, Severity
from relrot.rules.context import Finding, RuleContext


def friday_release(context: RuleContext, release: Release) -> Iterator[Finding]:
    why = context.calendar.why_blocked(release.date)
    if why is None:
        return
    path: Path = ("releases", release.number - 1, "date") if release.pinned else ("schedule",)
    yield Finding(
        f"{release.version} is on {release.date:%a} {release.date}, {why}; releases never "
        "go out on a blocked day: pick another date",
        path,
        release,
    )


def double_seat(context: RuleContext, release: Release) -> Iterator[Finding]:
    seats: list[tuple[str, Path]] = []
    for role in ROLE_LABEL:
        holder = release.seat(role)
        if holder is not None:
            seats.append((holder, context.seat_source(release, role)))
    for index, extra in enumerate(release.also):
        seats.append((extra.member, ("releases", release.number - 1, "also", index)))
    if release.jump_seat is not None:
        seats.append((release.jump_seat, context.jump_seat_source(release)))
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
        yield Finding(
            f"{member} holds two seats in {release.version}; one person, one seat: "
            "give one of them to someone else",
            path,
            release,
            member,
        )


def empty_seat(context: RuleContext, release: Release, role: Role) -> Iterator[Finding]:
    if release.seat(role) is not None:
        return
    label = ROLE_LABEL[role]
    if release.pinned:
        yield Finding(
            f"{release.version} ({release.date}) is pinned with no {label}; record who "
            f"serves as {label} in `releases:`",
            ("releases", release.number - 1),
            release,
        )
    elif release.number >= context.start:
        fix = (
            context.pin_fix(release)
            if context.history(release)
            else "add a member, shorten an away range, or name one with `relrot swap`"
        )
        yield Finding(
            f"{release.version} ({release.date}) has no {label}: no core member is "
            f"free for that seat (away, inactive or already seated); {fix}",
            ("members",),
            release,
        )


def not_core(context: RuleContext, release: Release, role: Role) -> Iterator[Finding]:
    member = _holder(context, release, role)
    if member is None or member.core:
        return
    fix = "pick a core member"
    if context.history(release):
        fix = (
            f"if they served as core, drop `core: false` from them; else {context.pin_fix(release)}"
        )
    yield Finding(
        f"{member.id} is the {ROLE_LABEL[role]} of {release.version} but is not a core member; "
        f"only core members fly pilot or co-pilot: {fix}",
        context.seat_source(release, role),
        release,
        member.id,
    )


def inactive(context: RuleContext, release: Release, role: Role) -> Iterator[Finding]:
    member = _holder(context, release, role)
    # Without a duty window only joining and leaving are asked; away is the next rule's.
    found = None if member is None else member.obstacle(release.date)
    if member is None or found is None:
        return
    fix = f"run `relrot swap {release.version} {member.id}`"
    if context.history(release):
        date = "joined" if isinstance(found, NotJoined) else "left"
        fix = f"if they served, correct their `{date}` date; else {context.pin_fix(release)}"
    yield Finding(
        f"{member.id} is the {ROLE_LABEL[role]} of {release.version} ({release.date}) but "
        f"{found.describe()}; {fix}",
        ("members", context.member_index[member.id], *found.field),
        release,
        member.id,
    )


def away_on_duty(context: RuleContext, release: Release, role: Role) -> Iterator[Finding]:
    member = _holder(context, release, role)
    if member is None or member.id not in context.away_spans:
        return
    first, last = release.duty_window
    if not context.away_spans[member.id].overlap(first, last):
        return
    fix = f"run `relrot swap {release.version} {member.id}`"
    if context.history(release):
        fix = f"if they served, shorten the away range; else {context.pin_fix(release)}"
    for found in member.obstacles(release.date, (first, last)):
        if isinstance(found, Away):
            yield Finding(
                f"{member.id} is {found.describe()}, which overlaps the "
                f"duty window of {release.version} ({first}..{last}); {fix}",
                ("members", context.member_index[member.id], *found.field),
                release,
                member.id,
            )


def _holder(context: RuleContext, release: Release, role: Role) -> Member | None:
    """The roster entry of the seat's holder; None for an empty seat."""
    holder = release.seat(role)
    return None if holder is None else context.members.get(holder)


def jump_seat_in_the_past(context: RuleContext, release: Release) -> Iterator[Finding]:
    """An open request the plan placed in a release dated before today (SPEC 3.4): nobody
    will observe a release that is over, so the team pins the history or moves the request."""
    member = release.jump_seat
    if release.pinned or member not in release.requests_met or not context.history(release):
        return
    # No release of its own: a warning about the request, which history's `info` never hides.
    yield Finding(
        f"{member}'s open jump-seat request is placed in the past, in {release.version} "
        f"({release.date}): pin the history or add `after:` to the request",
        context.jump_seat_source(release),
        None,
        member,
        "jump_seat",
        severity=Severity.WARNING,
    )
