"""The plan as CSV: one row per release with the JSON fields, for spreadsheets.

A cell that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab or
a carriage return) gets a leading `'`, which spreadsheets show as text and do not display.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from relrot.plan import Release
from relrot.render.json_format import release_record
from relrot.render.notes import release_notes

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

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
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def render(releases: Sequence[Release]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for release in releases:
        record = release_record(release)
        milestones = "; ".join(f"{m.name}={m.date}" for m in release.milestones)
        row = {
            **record,
            "pinned": "true" if release.pinned else "false",
            "notes": "; ".join(release_notes(release)),
            "milestones": milestones,
        }
        writer.writerow([neutralised(row[c]) for c in COLUMNS])
    return out.getvalue()
