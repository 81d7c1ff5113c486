"""A plan row's notes, written from its facts: a date move, first seats, swaps, empty seats,
extra crew and jump-seat requests met in pinned history."""

from __future__ import annotations

from collections.abc import Callable

from relrot.plan import Release


def _as_id(member: str) -> str:
    return member


def release_notes(
    release: Release, name: Callable[[str], str] = _as_id, *, first_seats: bool = True
) -> list[str]:
    """The notes of `release` in their documented order, people named by `name`.

    Tables that mark first seats next to the name leave them out with `first_seats=False`.
    """
    if release.skipped:
        return ["skipped: no release"]
    notes = []
    if release.date != release.planned_date:
        planned = release.planned_date
        notes.append(f"shipped {release.date:%a} {release.date}, planned {planned:%a} {planned}")
    elif release.moved:
        notes.append(f"moved from {release.nominal_date:%a} {release.nominal_date}")
    if first_seats:
        notes.extend(f"{name(member)}: first release" for member in release.newcomers)
    for applied in release.swaps:
        swap = applied.swap
        why = f" ({swap.reason})" if swap.reason else ""
        seat = {"pilot": "pilot", "co_pilot": "co-pilot"}.get(swap.seat, swap.seat)
        notes.append(f"swap: {name(swap.in_)} for {name(swap.out)} as {seat}{why}")
    if release.pilot is None:
        notes.append("no pilot")
    if release.co_pilot is None:
        notes.append("no co-pilot")
    notes.extend(f"{name(extra.member)}: {extra.role}" for extra in release.also)
    notes.extend(f"{name(member)}: jump-seat request met" for member in release.requests_met)
    return notes
