"""The plan as Mermaid diagrams that render on GitHub.

`flowchart` draws the seed's chart: a pilot lane and a co-pilot lane, one box per release,
and an arrow following each member from one seat to their next, so every stint reads as a
path (co-pilot, pilot, pilot, co-pilot). `gantt` shows who serves when.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from relrot.model import Role, RotationFile
from relrot.plan import ROLE_LABEL, Release
from relrot.render.people import Names

LANES: tuple[tuple[Role, str], ...] = (("pilot", "p"), ("co_pilot", "c"))


# Inside a quoted label Mermaid reads `#...;` as an entity and HTML as markup, and `"` or `|`
# would end the label: each of these is written as its decimal entity code.
_ENTITY = {c: f"#{ord(c)};" for c in '#"<>&|'}


def _label(text: str) -> str:
    """Text shown as itself inside a quoted Mermaid label."""
    return "".join(_ENTITY.get(c, c) for c in text)


def flowchart(releases: Sequence[Release], rotation: RotationFile) -> str:
    names = Names(rotation)
    shipped = [r for r in releases if not r.skipped]
    lines = ["flowchart LR"]
    for role, prefix in LANES:
        lines.append(f'  subgraph {prefix}_lane["{ROLE_LABEL[role].capitalize()}"]')
        lines.append("    direction LR")
        for release in shipped:
            who = names.name(release.seat(role), "(empty)")
            lines.append(
                f'    {prefix}{release.number}["{_label(release.version)}<br/>{_label(who)}"]'
            )
        # Invisible links keep each lane in release order.
        for earlier, later in itertools.pairwise(shipped):
            lines.append(f"    {prefix}{earlier.number} ~~~ {prefix}{later.number}")
        lines.append("  end")
    lines.append("  p_lane ~~~ c_lane")
    for earlier, later in itertools.pairwise(shipped):
        for role, prefix in LANES:
            member = earlier.seat(role)
            if member is None:
                continue
            for next_role, next_prefix in LANES:
                if later.seat(next_role) == member:
                    lines.append(
                        f'  {prefix}{earlier.number} -->|"{_label(names.name(member))}"| '
                        f"{next_prefix}{later.number}"
                    )
    return "\n".join(lines) + "\n"


def gantt(releases: Sequence[Release], rotation: RotationFile) -> str:
    names = Names(rotation)
    lines = [
        "gantt",
        "  title Release rotation",
        "  dateFormat YYYY-MM-DD",
        "  axisFormat %Y-%m",
    ]
    seats: dict[str, list[tuple[Release, str]]] = {}
    for release in releases:
        if release.skipped:
            continue
        for role in ("pilot", "co_pilot"):
            member = release.seat(role)
            if member is not None:
                seats.setdefault(member, []).append((release, ROLE_LABEL[role]))
        if release.jump_seat:
            seats.setdefault(release.jump_seat, []).append((release, "jump seat"))
    order = {m.id: i for i, m in enumerate(rotation.members)}
    for member in sorted(seats, key=lambda m: order.get(m, len(order))):
        lines.append(f"  section {_gantt_text(names.name(member))}")
        for release, role in seats[member]:
            first, last = release.duty_window
            days = (last - first).days + 1
            lines.append(f"    {role} {release.version} : {first}, {days}d")
    return "\n".join(lines) + "\n"


def _gantt_text(text: str) -> str:
    # Colons, hashes and semicolons end a gantt name; keep names readable without them.
    return text.replace(":", " ").replace("#", " ").replace(";", " ")
