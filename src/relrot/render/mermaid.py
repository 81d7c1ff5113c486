"""The plan as Mermaid diagrams that render on GitHub.

`flowchart` draws the seed's chart: a pilot lane and a co-pilot lane, each titled by a
borderless node at its start, one box per release, and an arrow following each member from
one seat to their next, so every stint reads as a path (co-pilot, pilot, pilot, co-pilot).
`gantt` shows who serves when: a section per member, a task per seat, role (SPEC 3.7) and
jump seat. Roles stay out of the flowchart, which draws the stint rule (roles never count
for it): a role lane would hold boxes no arrow leads to.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from relrot.model import Role, RotationFile
from relrot.plan import ROLE_LABEL, Release
from relrot.render.people import Names
from relrot.render.sinks import gantt_text as _gantt_text
from relrot.render.sinks import mermaid_label as _label
from relrot.roles import declared

LANES: tuple[tuple[Role, str], ...] = (("pilot", "p"), ("co_pilot", "c"))


def flowchart(releases: Sequence[Release], rotation: RotationFile) -> str:
    names = Names(rotation)
    shipped = [r for r in releases if not r.skipped]
    lines = ["flowchart LR"]
    for role, prefix in LANES:
        # A lane's title is a node of its own, not the subgraph's title: the layout keeps
        # edge labels off nodes, but draws a subgraph's title wherever an edge crosses it.
        lines.append(f'  subgraph {prefix}_lane[" "]')
        lines.append("    direction LR")
        lines.append(f'    {prefix}_title["{ROLE_LABEL[role].capitalize()}"]:::lane')
        if shipped:
            lines.append(f"    {prefix}_title ~~~ {prefix}{shipped[0].number}")
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
    lines.append("  classDef lane fill:none,stroke:none,font-weight:bold")
    return "\n".join(lines) + "\n"


def gantt(releases: Sequence[Release], rotation: RotationFile) -> str:
    """A section per member, a task per seat, role and jump seat they hold."""
    names = Names(rotation)
    roles = declared(rotation)
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
        for extra in roles:
            holder = release.roles.get(extra.id)
            if holder is not None:
                # After a fixed word: a task that began with the role's name could begin
                # with a keyword of the chart (`section`, `title`, `click`) or a date.
                seats.setdefault(holder, []).append((release, f"role {_gantt_text(extra.display)}"))
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
