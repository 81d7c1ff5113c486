"""The JSON plan: the machine contract of SPEC 5.1."""

from __future__ import annotations

import json
from collections.abc import Sequence

from relrot.plan import Release
from relrot.render.notes import release_notes


def release_record(release: Release) -> dict[str, object]:
    return {
        "number": release.number,
        "version": release.version,
        "nominal_date": release.nominal_date.isoformat(),
        "date": release.date.isoformat(),
        "pilot": release.pilot,
        "co_pilot": release.co_pilot,
        "jump_seat": release.jump_seat,
        "pinned": release.pinned,
        # Always present, `{}` with no roles: the contract of SPEC 5.1.
        "roles": dict(release.roles),
        "notes": release_notes(release),
        "milestones": [{"name": m.name, "date": m.date.isoformat()} for m in release.milestones],
    }


def render(releases: Sequence[Release], projects: Sequence[str] | None = None) -> str:
    """The plan; with `projects` (a file with `projects:`, SPEC 6), each row's project
    comes first in it. A one-project file's rows have no such key."""
    records = [release_record(r) for r in releases]
    if projects is not None:
        records = [{"project": p, **r} for p, r in zip(projects, records, strict=True)]
    return json.dumps({"releases": records}, indent=2) + "\n"
