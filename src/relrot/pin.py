"""Pinning: record planned releases in `releases:` so later roster edits cannot move them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from relrot.changes import PinEntry
from relrot.model import ExtraCrew
from relrot.plan import Plan


def pinned_entry(
    version: str,
    date: dt.date,
    *,
    pilot: str | None = None,
    co_pilot: str | None = None,
    jump_seat: str | None = None,
    also: Sequence[ExtraCrew] = (),
    roles: Sequence[tuple[str, str]] = (),
) -> PinEntry:
    """One `releases:` entry, in the shape every command writes."""
    return PinEntry(version, date, pilot, co_pilot, jump_seat, tuple(also), tuple(roles))


def pin_entries(plan: Plan, through: int) -> list[PinEntry]:
    """`releases:` entries for the unpinned releases up to `through`: planned seats, before
    swaps (swaps stay in `swaps:` and keep applying), the jump seat and the actual date."""
    entries: list[PinEntry] = []
    for release in plan.releases[plan.last_pinned : through]:
        if release.skipped:
            entries.append(pinned_entry(release.version, release.date))
            continue
        entries.append(
            pinned_entry(
                release.version,
                release.date,
                pilot=release.planned_pilot,
                co_pilot=release.planned_co_pilot,
                jump_seat=release.jump_seat,
                roles=[(role, holder) for role, holder in release.planned_roles.items() if holder],
            )
        )
    return entries
