"""Rules about one release: its day, and who sits in each of its seats."""

from __future__ import annotations

from collections.abc import Iterator

from relrot.model import Away, CrewRole, Member, NotJoined, Role
from relrot.plan import ROLE_LABEL, Release
from relrot.problems import Path, Seat, Severity
from relrot.roles import pool
from relrot.rules.context import Finding, RuleContext


def _fixed(seat: Seat) -> Role | None:
    """The seat as pilot or co-pilot; None for a role's seat (SPEC 3.7)."""
    return "pilot" if seat == "pilot" else "co_pilot" if seat == "co_pilot" else None


def _label(context: RuleContext, seat: Seat) -> str:
    fixed = _fixed(seat)
    if fixed is not None:
        return ROLE_LABEL[fixed]
    role = context.rotation.role(seat)
    return role.display if role else seat


def _source(context: RuleContext, release: Release, seat: Seat) -> Path:
    fixed = _fixed(seat)
    if fixed is not None:
        return context.seat_source(release, fixed)
    return context.role_source(release, seat)


def _swap_fix(context: RuleContext, release: Release, seat: Seat, member: str) -> str:
    """What a team does about a seat's holder in a coming release."""
    # `relrot swap` gives up pilot or co-pilot before a role (SPEC 3.7), so it names the
    # role's seat only for a member who holds neither.
    if _fixed(seat) is not None or member not in (release.pilot, release.co_pilot):
        return f"run `relrot swap {release.version} {member}`"
    return (
        f"give the {_label(context, seat)} seat of {release.version} to another member of its "
        "pool (a swap with `seat:` in `swaps:`)"
    )


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
    doubled = {m for m, paths in places.items() if len(paths) > 1}
    for member, path in _role_clashes(context, release):
        if member not in doubled:
            doubled.add(member)
            places[member] = [path, path]
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


def _role_clashes(context: RuleContext, release: Release) -> Iterator[tuple[str, Path]]:
    """Role holders in a second place the rules forbid (SPEC 3.7): another role, the jump
    seat, or a seat the role is apart from; with where the role seat came from."""
    for role_id, member in release.roles.items():
        role = context.rotation.role(role_id)
        if member is None or role is None:
            continue
        others = {k for k, m in release.roles.items() if m == member and k != role_id}
        fixed = {s for s in ROLE_LABEL if release.seat(s) == member}
        apart = fixed & set(role.apart_from)
        if others or apart or release.jump_seat == member:
            yield member, context.role_source(release, role_id)


def empty_seat(context: RuleContext, release: Release, seat: Seat) -> Iterator[Finding]:
    if _holder_id(release, seat) is not None:
        return
    role = None if _fixed(seat) else context.rotation.role(seat)
    if role is not None and (role.fill != "rotate" or seat not in release.roles):
        return  # a request role may stay empty; a release before `from` has no such seat
    if role is not None and role.pool is not None and not role.pool:
        return  # an empty pool can never fill it: one `schema` error at the pool says so
    label = _label(context, seat)
    if release.pinned:
        entry = "`roles:` of its `releases:` entry" if role else "`releases:`"
        yield Finding(
            f"{release.version} ({release.date}) is pinned with no {label}; record who "
            f"serves as {label} in {entry}",
            ("releases", release.number - 1),
            release,
        )
    elif release.number >= context.start:
        fix = (
            context.pin_fix(release)
            if context.history(release)
            else "add a member, shorten an away range, or name one with `relrot swap`"
        )
        who, where = _nobody(context, role)
        if role is not None and not context.history(release):
            fix = "widen its pool or shorten an away range"
        yield Finding(
            f"{release.version} ({release.date}) has no {label}: {who} is "
            f"free for that seat (away, inactive or already seated); {fix}",
            where,
            release,
        )


def _nobody(context: RuleContext, role: CrewRole | None) -> tuple[str, Path]:
    """Who was not free for an empty planned seat, and where the file lists them."""
    if role is None:
        return "no core member", ("members",)
    index = next(i for i, r in enumerate(context.rotation.roles) if r.id == role.id)
    return "no member of its pool", ("roles", index, "id")


def not_in_pool(context: RuleContext, release: Release, seat: Seat) -> Iterator[Finding]:
    """A role held by someone outside its pool (SPEC 3.7): through a pin or a swap."""
    role = None if _fixed(seat) else context.rotation.role(seat)
    member = _holder(context, release, seat)
    if role is None or member is None or member.id in pool(role, context.rotation.members):
        return
    fix = "give the seat to a member of its pool, or add them to `pool`"
    if context.history(release):
        fix = f"if they served, add them to `pool`; else {context.pin_fix(release)}"
    yield Finding(
        f"{member.id} holds {role.display} in {release.version} but is not in its pool; {fix}",
        _source(context, release, seat),
        release,
        member.id,
    )


def not_core(context: RuleContext, release: Release, seat: Seat) -> Iterator[Finding]:
    role = _fixed(seat)
    if role is None:
        return  # roles never count for the stint rules (SPEC 3.7)
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


def inactive(context: RuleContext, release: Release, role: Seat) -> Iterator[Finding]:
    member = _holder(context, release, role)
    # Without a duty window only joining and leaving are asked; away is the next rule's.
    found = None if member is None else member.obstacle(release.date)
    if member is None or found is None:
        return
    fix = _swap_fix(context, release, role, member.id)
    if context.history(release):
        date = "joined" if isinstance(found, NotJoined) else "left"
        fix = f"if they served, correct their `{date}` date; else {context.pin_fix(release)}"
    yield Finding(
        f"{member.id} is the {_label(context, role)} of {release.version} ({release.date}) but "
        f"{found.describe()}; {fix}",
        ("members", context.member_index[member.id], *found.field),
        release,
        member.id,
    )


def away_on_duty(context: RuleContext, release: Release, role: Seat) -> Iterator[Finding]:
    member = _holder(context, release, role)
    if member is None or member.id not in context.away_spans:
        return
    first, last = release.duty_window
    if not context.away_spans[member.id].overlap(first, last):
        return
    fix = _swap_fix(context, release, role, member.id)
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


def _holder_id(release: Release, seat: Seat) -> str | None:
    fixed = _fixed(seat)
    return release.seat(fixed) if fixed is not None else release.roles.get(seat)


def _holder(context: RuleContext, release: Release, seat: Seat) -> Member | None:
    """The roster entry of the seat's holder; None for an empty seat."""
    holder = _holder_id(release, seat)
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
