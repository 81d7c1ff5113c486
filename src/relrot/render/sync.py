"""`relrot sync`'s operations as text for a terminal or a log, or as JSON (SPEC 5.6).

Issue text (titles, cells) and roster text reach a terminal through `visible`; JSON
escapes every character that is not ASCII, so neither can act on the screen.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from relrot.render.sinks import visible

if TYPE_CHECKING:
    from relrot.issue_body import Mismatch
    from relrot.model import RotationFile
    from relrot.sync import Operation

SEAT_LABELS = {"pilot": "pilot", "co_pilot": "co-pilot", "jump_seat": "jump seat"}


def as_json(read: int, operations: list[Operation], rotation: RotationFile) -> str:
    """`{"read": N, "operations": [...]}`, each operation as SPEC 5.6 names its fields."""
    records = [
        {
            **({"project": op.project} if op.project is not None else {}),
            "op": op.op,
            "release": op.release,
            "number": op.number,
            "title": op.title,
            "body": op.body,
            "assignees_add": list(op.assignees_add),
            "assignees_remove": list(op.assignees_remove),
            "reason": reason(op, rotation),
        }
        for op in operations
    ]
    return json.dumps({"read": read, "operations": records}, indent=2) + "\n"


def as_text(read: int, operations: list[Operation], rotation: RotationFile) -> str:
    """How many issues were read, then one line per operation."""
    lines = [f"Read {read} {'issue' if read == 1 else 'issues'}."]
    lines += [line(op, rotation) for op in operations]
    if not operations:
        lines.append("Nothing to do: the tracking issues are in step with the plan.")
    return "\n".join(lines) + "\n"


def line(op: Operation, rotation: RotationFile) -> str:
    """`create 26.3.0 "Release 26.3.x": …`, `edit #41 26.3.0: …`, `mismatch #41 26.3.0: …`;
    in a file with `projects:`, opened by the project's id (`conda: create 26.3.0 …`)."""
    number = f" #{op.number}" if op.number is not None else ""
    project = f"{op.project}: " if op.project is not None else ""
    return visible(f'{project}{op.op}{number} {op.release} "{op.title}": {reason(op, rotation)}')


def reason(op: Operation, rotation: RotationFile) -> str:
    """Why the operation is due, in a sentence of `;`-separated parts."""
    if op.op == "mismatch":
        return "; ".join(_mismatch(m, rotation) for m in op.mismatches)
    parts: list[str] = []
    if op.due is not None:
        named = f" ({op.due.milestone})" if op.due.milestone else ""
        parts.append(f"due since {op.due.day}{named}")
    for change in op.cells:
        before, after = _who(change.before), _who(change.after)
        parts.append(f"{label(change.seat, rotation)}: {before} -> {after}")
    parts += [f"add the {label(seat, rotation)} row" for seat in op.added]
    if op.moved is not None:
        parts.append(f"release day {op.moved[0]} -> {op.moved[1]}")
    parts += [f"{name} {before} -> {after}" for name, before, after in op.milestones]
    dated = op.moved or op.milestones
    if op.op == "edit" and op.marker_changed and not (op.cells or op.added or dated):
        parts.append("record the crew in relrot's marker")
    if op.assignees_add:
        parts.append("assign " + ", ".join(f"@{login}" for login in op.assignees_add))
    if op.assignees_remove:
        parts.append("unassign " + ", ".join(f"@{login}" for login in op.assignees_remove))
    return "; ".join(parts)


def label(seat: str, rotation: RotationFile) -> str:
    role = rotation.role(seat)
    return SEAT_LABELS.get(seat) or (role.display if role else seat)


def _who(member: str | None) -> str:
    return member if member is not None else "(empty)"


def _mismatch(mismatch: Mismatch, rotation: RotationFile) -> str:
    from relrot.importing import quoted

    if mismatch.kind == "no-table":
        return (
            "no crew table relrot can read and no relrot marker: add a `| Pilot | … |` "
            "table, or record the crew with `relrot import`"
        )
    seat = label(mismatch.seat or "", rotation)
    if mismatch.kind == "unreadable":
        named = f"names {quoted(mismatch.named or '')}, nobody on the roster"
    else:
        named = f"names {mismatch.named}"
    recorded = f" and relrot wrote {_who(mismatch.recorded)}" if mismatch.recorded else ""
    return (
        f"the {seat} cell {named}, but the plan has {_who(mismatch.planned)}{recorded}: "
        "record the change with `relrot swap` or `relrot import`, or put the plan's crew "
        "back in the issue"
    )
