"""The plan as CSV: one row per release with the JSON fields, for spreadsheets."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from relrot.plan import Release
from relrot.render.json_format import release_record
from relrot.render.notes import release_notes

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
        writer.writerow(["" if row[c] is None else row[c] for c in COLUMNS])
    return out.getvalue()
