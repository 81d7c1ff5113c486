"""The plan as CSV: one row per release with the JSON fields, for spreadsheets.

A cell that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab or
a carriage return) gets a leading `'`, which spreadsheets show as text and do not display;
so does each line of a cell after a line break, which stays inside the quoted cell. The rule
is the CSV sink's (`relrot.render.sinks.csv_row`).
"""

from __future__ import annotations

from collections.abc import Sequence

from relrot.model import CrewRole
from relrot.plan import Release
from relrot.render.json_format import release_record
from relrot.render.notes import release_notes
from relrot.render.sinks import FORMULA_STARTS, csv_cell, csv_row

__all__ = ["COLUMNS", "FORMULA_STARTS", "neutralised", "render"]

COLUMNS = (
    "number",
    "version",
    "nominal_date",
    "date",
    "pilot",
    "co_pilot",
    "jump_seat",
    "pinned",
    "notes",
    "milestones",
)


def neutralised(value: object) -> str:
    """The cell's text, never a formula."""
    return csv_cell(value)


def render(
    releases: Sequence[Release],
    roles: Sequence[CrewRole] = (),
    projects: Sequence[str] | None = None,
) -> str:
    """One row per release; a file with roles gets a `role_ID` column per role after the
    co-pilot (named so that no role id can clash with another column), and one with
    `projects:` a first `project` column (SPEC 6)."""
    ids = list(dict.fromkeys(r.id for r in roles))
    at = COLUMNS.index("co_pilot") + 1
    columns: tuple[str, ...] = (*COLUMNS[:at], *(f"role_{i}" for i in ids), *COLUMNS[at:])
    if projects is not None:
        columns = ("project", *columns)
    out = [csv_row(columns)]
    for n, release in enumerate(releases):
        record = release_record(release)
        milestones = "; ".join(f"{m.name}={m.date}" for m in release.milestones)
        row = {
            **record,
            "pinned": "true" if release.pinned else "false",
            "notes": "; ".join(release_notes(release)),
            "milestones": milestones,
            **{f"role_{i}": release.roles.get(i) for i in ids},
            "project": projects[n] if projects is not None else None,
        }
        out.append(csv_row(row[c] for c in columns))
    return "".join(out)
