"""Pinning: record planned releases in `releases:` so later roster edits cannot move them."""

from __future__ import annotations

from relrot.plan import Plan


def pin_entries(plan: Plan, through: int) -> list[dict[str, object]]:
    """`releases:` entries for the unpinned releases up to `through`: planned seats, before
    swaps (swaps stay in `swaps:` and keep applying), the jump seat and the actual date."""
    entries: list[dict[str, object]] = []
    for release in plan.releases[plan.last_pinned : through]:
        entry: dict[str, object] = {"version": release.version, "date": release.date}
        seats = {
            "pilot": release.planned_pilot,
            "co_pilot": release.planned_co_pilot,
            "jump_seat": release.jump_seat,
        }
        if not release.skipped:
            entry.update({key: value for key, value in seats.items() if value is not None})
        entries.append(entry)
    return entries
