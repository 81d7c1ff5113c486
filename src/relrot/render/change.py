"""A change in words: the lines `swap`, `away`, `pin`, `import` and `shipped` print before
a diff or a write, and the name of what is written ("1 swap entry")."""

from __future__ import annotations

from relrot.changes import AddAway, Append, Change, FromPlan, Imported, Pinned, Shipped
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
        return f"{_entries(change)} imported releases"
    if change.kind == "shipped":
        return "the date"
    return f"{_entries(change)} pinned releases"


def _entries(change: Change) -> int:
    return sum(len(edit.entries) for edit in change.edits if isinstance(edit, Append))


def _versions(change: Change) -> list[str]:
    return [
        str(entry["version"])
        for edit in change.edits
        if isinstance(edit, Append)
        for entry in edit.entries
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
        by_version.setdefault(seat.version, []).append(f"{SEAT_NAMES[seat.seat]} {name}")
    return [
        f"  {version}: {', '.join(held)} (from the plan, not a record)"
        for version, held in by_version.items()
    ]


def _shipped(facts: Shipped) -> str:
    day, planned = facts.day, facts.planned
    if facts.already:
        return f"{facts.version} is recorded as shipped on {day} already"
    return f"{facts.version} shipped on {day:%a} {day} (planned {planned:%a} {planned})"


def _imported(change: Change, facts: Imported) -> list[str]:
    unused = [f"{issue}: not used: {why}" for issue, why in facts.passed_over]
    lines = cut(unused, "issues not used")
    lines += [
        f"{issue}: {version} is pinned already; left as it is" for issue, version in facts.kept
    ]
    if change.empty:
        path = change.before.path
        return [*lines, f"nothing to import: every release read is pinned in {path}"]
    lines += [f"{version}: no issue; pinned with empty seats" for version in facts.gaps]
    return [*lines, _pinning(change)]
