"""What every rule reads: the plan being checked, and where in the file each seat came from."""

from __future__ import annotations

import datetime as dt

from msgspec import Struct

from relrot.calendar import Calendar
from relrot.model import AwaySpans, Member, Role, RotationFile
from relrot.plan import Plan, Release
from relrot.problems import Path, Seat, Severity


class Finding(Struct, frozen=True):
    """What a rule found; the catalogue gives it the rule's name and severity."""

    message: str
    path: Path
    release: Release | None = None
    member: str | None = None
    # The seat it is about; a seat check's findings are about the seat checked.
    seat: Seat | None = None
    # A rule whose findings differ in weight (a jump-seat conflict) says so here.
    severity: Severity | None = None
    # True when it is about a whole part of the file: it points at that key itself.
    at_key: bool = False


class RuleContext(Struct, frozen=True):
    """What every rule reads: the file, its plan and calendar, and indexes built once."""

    rotation: RotationFile
    plan: Plan
    calendar: Calendar
    # Number of the first release checked from today on; earlier ones are checked when pinned.
    start: int
    members: dict[str, Member]
    member_index: dict[str, int]
    # Each member's first jump-seat request, the one a placed jump seat is traced back to.
    first_request: dict[str, int]
    # Each member's away ranges, merged for a quick first question.
    away_spans: dict[str, AwaySpans]
    # Releases dated before it are history, which `relrot swap` refuses; None: none is.
    today: dt.date | None = None

    @classmethod
    def of(
        cls,
        rotation: RotationFile,
        plan: Plan,
        calendar: Calendar,
        start: int,
        today: dt.date | None = None,
    ) -> RuleContext:
        first_request: dict[str, int] = {}
        for index, request in enumerate(rotation.jump_seat):
            first_request.setdefault(request.member, index)
        return cls(
            rotation,
            plan,
            calendar,
            start,
            members={m.id: m for m in rotation.members},
            member_index={m.id: i for i, m in enumerate(rotation.members)},
            first_request=first_request,
            away_spans={m.id: s for m in rotation.members if (s := m.away_spans()) is not None},
            today=today,
        )

    @property
    def stint_length(self) -> int:
        return len(self.rotation.rotation.stint)

    def seat_source(self, release: Release, role: Role) -> Path:
        """The node that put the seat's holder there: a swap, a pin, or the roster entry."""
        swaps = [a for a in release.swaps if a.swap.seat == role]
        if swaps:
            return ("swaps", swaps[-1].index, "in")
        if release.pinned:
            return ("releases", release.number - 1, role)
        member = release.seat(role)
        if member in self.member_index:
            return ("members", self.member_index[member], "id")
        return ("members",)

    def role_source(self, release: Release, role: str) -> Path:
        """The node that put a role seat's holder there: a swap, a pin, a request (a role
        filled by request) or the holder's roster entry."""
        swaps = [a for a in release.swaps if a.swap.seat == role]
        if swaps:
            return ("swaps", swaps[-1].index, "in")
        number = release.number - 1
        if release.pinned:
            pinned = self.rotation.releases[number].roles
            return ("releases", number, "roles", role) if role in pinned else ("releases", number)
        member = release.roles.get(role)
        asked = [
            i for i, r in enumerate(self.rotation.requests) if r.member == member and r.role == role
        ]
        if asked:
            return ("requests", asked[0])
        if member in self.member_index:
            return ("members", self.member_index[member], "id")
        return ("roles",)

    def jump_seat_source(self, release: Release) -> Path:
        """The node that put the jump seat's holder there: a pin or their request."""
        if release.pinned:
            return ("releases", release.number - 1, "jump_seat")
        if release.jump_seat in self.first_request:
            return ("jump_seat", self.first_request[release.jump_seat])
        return ("jump_seat",)

    def history(self, release: Release) -> bool:
        """Whether the release is dated before today: its seats are fixed in the pin, never
        by a swap (SPEC 4)."""
        return self.today is not None and release.history(self.today)

    def pin_fix(self, release: Release) -> str:
        """How to correct who sat in a release of history."""
        if release.pinned:
            return f"correct the pin of {release.version} in `releases:`"
        return f"record {release.version} with `relrot pin`, then correct its seats in `releases:`"
