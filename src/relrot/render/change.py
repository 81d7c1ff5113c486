"""A change in words: the lines `swap`, `away`, `pin`, `import` and `shipped` print before
a diff or a write, and the name of what is written ("1 swap entry")."""

from __future__ import annotations

from relrot.changes import (
    AddAway,
    Append,
    Change,
    FromPlan,
    Imported,
    MarkExperienced,
    PinEntry,
    Pinned,
    Shipped,
)
from relrot.importing import cut
from relrot.render import diff
from relrot.render.sinks import visible
from relrot.render.swap import explain


def summary(change: Change) -> list[str]:
    """The lines that say what the change does, one a fact; names are data, shown as a
    terminal shows data by the caller."""
    facts = change.facts
    if change.proposal is not None:
        names = {m.id: m.display for m in change.before.model.members}
        return explain(change.proposal, names)
    if isinstance(facts, Imported):
        return _imported(change, facts)
    if isinstance(facts, Pinned):
        return _pinned(change, facts)
    if isinstance(facts, Shipped):
        return [_shipped(facts)]
    return [
        line for edit in change.edits if isinstance(edit, AddAway) for line in _away(change, edit)
    ]


def heading(project: str) -> str:
    """The line over what a change does to one project of several (SPEC 6)."""
    return visible(f"{project}:")


def what(change: Change) -> str:
    """What writing the change writes, e.g. "1 swap entry"."""
    if change.empty:
        return "nothing"
    if change.kind == "swap":
        count = _entries(change)
        return "1 swap entry" if count == 1 else f"{count} swap entries"
    if change.kind == "away":
        return "the away range"
    if change.kind == "import":
        return _import_writes(change)
    if change.kind == "shipped":
        term = isinstance(change.facts, Shipped) and change.facts.term is not None
        return "the release" if term else "the date"
    return f"{_entries(change)} pinned releases"


def _import_writes(change: Change) -> str:
    """What an import writes: its releases, and the members it marks experienced."""
    marks = sum(isinstance(edit, MarkExperienced) for edit in change.edits)
    parts = [f"{_entries(change)} imported releases"] if _versions(change) else []
    if marks:
        parts.append(f"`experienced` for {marks} member(s)")
    return " and ".join(parts)


def _entries(change: Change) -> int:
    """Entries appended: swaps for a swap, releases for every other change."""
    key = "swaps" if change.kind == "swap" else "releases"
    return sum(
        len(edit.entries) for edit in change.edits if isinstance(edit, Append) and edit.key == key
    )


def _versions(change: Change) -> list[str]:
    return [
        entry.version
        for edit in change.edits
        if isinstance(edit, Append) and edit.key == "releases"
        for entry in edit.entries
        if isinstance(entry, PinEntry)
    ]


def _pinning(change: Change) -> str:
    versions = _versions(change)
    return f"pinning {len(versions)} release(s): {', '.join(versions)}"


def _away(change: Change, edit: AddAway) -> list[str]:
    model = change.before.model
    person = model.member(edit.member)
    display = person.display if person else edit.member
    # The name is data, the seat changes come rendered as text.
    return [
        f"{visible(display)} away {edit.first}..{edit.last}:",
        *diff.render_text(change.moves, model).rstrip().split("\n"),
    ]


def _pinned(change: Change, facts: Pinned) -> list[str]:
    if change.empty:
        return [f"nothing to pin: releases up to {facts.through or 'none'} are already pinned"]
    names = {m.id: m.display for m in change.before.model.members}
    listed = _from_plan(facts.from_plan, names)
    lines = [_pinning(change), *cut(listed, "releases from the plan")]
    if facts.shipped is not None:
        lines.append(_shipped(facts.shipped))
    return lines


SEAT_NAMES = {"pilot": "pilot", "co_pilot": "co-pilot", "jump_seat": "jump seat"}


def _from_plan(seats: tuple[FromPlan, ...], names: dict[str, str]) -> list[str]:
    """One line a release: the seats a pin takes from the plan, which nobody confirmed."""
    by_version: dict[str, list[str]] = {}
    for seat in seats:
        name = names.get(seat.member, seat.member)
        label = SEAT_NAMES.get(seat.seat, seat.seat)  # a role by its id
        by_version.setdefault(seat.version, []).append(f"{label} {name}")
    return [
        f"  {version}: {', '.join(held)} (from the plan, not a record)"
        for version, held in by_version.items()
    ]


def _shipped(facts: Shipped) -> str:
    day, planned = facts.day, facts.planned
    if facts.already:
        return f"{facts.version} is recorded as shipped on {day} already"
    if facts.term is not None:
        return f"{facts.version} shipped on {day:%a} {day}, in term {facts.term}"
    return f"{facts.version} shipped on {day:%a} {day} (planned {planned:%a} {planned})"


def _imported(change: Change, facts: Imported) -> list[str]:
    unused = [f"{issue}: not used: {why}" for issue, why in facts.passed_over]
    lines = cut(unused, "issues not used")
    lines += [
        f"{issue}: {version} is pinned already; left as it is" for issue, version in facts.kept
    ]
    if change.empty:
        path = change.before.path
        if not facts.kept:
            return [
                *lines,
                "nothing to import: the issues read are older than the calendar, and every "
                f"member they name as pilot or co-pilot is `experienced` in {path} already",
            ]
        return [*lines, f"nothing to import: every release read is pinned in {path}"]
    lines += [f"{version}: no issue; pinned with empty seats" for version in facts.gaps]
    lines += [
        f"{version} {_SEAT.get(seat, seat)}: {member}, from the plan, not a record"
        for version, seat, member in facts.from_plan
    ]
    lines += [_served(version, count, issue) for version, count, issue in facts.served]
    lines += [
        f"{version} {_SEAT.get(seat, seat)}: recorded as a swap, {out} -> {person}"
        for version, seat, out, person in facts.swapped
    ]
    lines += [
        f"{member}: marked experienced: {issue} names them before `first_release`"
        for member, issue in facts.experienced
    ]
    return [*lines, _pinning(change)] if _versions(change) else lines


_SEAT = {"pilot": "pilot", "co_pilot": "co-pilot"}


def _served(version: str, count: int, issue: str) -> str:
    """A release pinned as its issue says it was served, not as the plan and its swaps."""
    swaps = "its swap" if count == 1 else f"its {count} swaps"
    return f"{version}: pinned as {issue} names its crew, not as planned; {swaps} removed"
