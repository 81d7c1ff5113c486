"""`relrot stats` as JSON (the documented contract), as Markdown, and as a rich table."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from relrot.fairness import Fairness, MemberLoad, SeatAt
from relrot.model import RotationFile
from relrot.render.markdown import cell
from relrot.render.people import Names
from relrot.render.sinks import visible

if TYPE_CHECKING:
    from rich.console import RenderableType

# Shares and spreads in JSON: enough digits to recompute, few enough to read.
DIGITS = 4


def _seat(seat: SeatAt | None) -> dict[str, str] | None:
    return {"version": seat.version, "date": seat.date.isoformat()} if seat else None


def render_json(report: Fairness) -> str:
    members = [
        {
            "member": m.member,
            "core": m.core,
            "active": m.active,
            "pilot": m.pilot,
            "co_pilot": m.co_pilot,
            "jump_seat": m.jump_seat,
            "requests_met": list(m.requests_met),
            "seats": m.seats,
            "share": round(m.share, DIGITS),
            "fair_share": round(m.fair_share, DIGITS),
            "over": round(m.over, DIGITS),
            "eligible": m.eligible,
            "last_seat": _seat(m.last_seat),
            "next_seat": _seat(m.next_seat),
            "why": list(m.why),
        }
        for m in report.members
    ]
    most = report.most_over
    payload = {
        "from": report.first,
        "through": report.last,
        "releases": report.releases,
        "pinned": report.pinned,
        "members": members,
        "team": {
            "active_core": [m.member for m in report.active],
            "spread": report.spread,
            "stdev": round(report.stdev, DIGITS),
            "gini": round(report.gini, DIGITS),
            "most_over": {"member": most.member, "by": round(most.over, DIGITS)} if most else None,
            "why": list(report.why),
        },
    }
    return json.dumps(payload, indent=2) + "\n"


def _when(seat: SeatAt | None) -> str:
    return f"{seat.version} ({seat.date})" if seat else "-"


def _row(load: MemberLoad, names: Names) -> list[str]:
    return [
        names.name(load.member),
        str(load.pilot),
        str(load.co_pilot),
        str(load.jump_seat),
        str(load.seats),
        f"{load.share:.0%}",
        f"{load.fair_share:.1f}" if load.core else "-",
        _when(load.last_seat),
        _when(load.next_seat),
    ]


HEADERS = [
    "Member",
    "Pilot",
    "Co-pilot",
    "Jump seat",
    "Seats",
    "Share",
    "Fair share",
    "Last seat",
    "Next seat",
]


def summary_lines(report: Fairness, names: Names) -> list[str]:
    """The team's numbers and why the load is uneven, one sentence each."""
    lines = [
        f"{report.releases} releases, {report.first} to {report.last} "
        f"({report.pinned} pinned), {len(report.active)} active core members.",
        f"Seats per active core member: spread {report.spread}, standard deviation "
        f"{report.stdev:.2f}, Gini {report.gini:.2f}.",
    ]
    most = report.most_over
    if most is not None:
        lines.append(
            f"Most over their fair share: {names.name(most.member)}, by {most.over:.1f} "
            f"seat(s) ({most.seats} held, {most.fair_share:.1f} fair)."
        )
    else:
        lines.append("Nobody holds more than their fair share.")
    return lines


def reasons(report: Fairness, names: Names) -> list[str]:
    found = list(report.why)
    found += [f"{names.name(m.member)}: {why}" for m in report.members if m.core for why in m.why]
    return found


def render_markdown(report: Fairness, rotation: RotationFile) -> str:
    names = Names(rotation)
    out = ["### Is the rotation fair?", ""]
    out.append("| " + " | ".join(HEADERS) + " |")
    out.append("|---|" + "--:|" * 5 + "--:|---|---|")
    for load in report.members:
        out.append("| " + " | ".join(cell(c) for c in _row(load, names)) + " |")
    out += [""] + [f"- {cell(line)}" for line in summary_lines(report, names)]
    found = reasons(report, names)
    if found:
        out += ["", "#### Why the load is uneven", ""]
        out += [f"- {cell(line)}" for line in found]
    return "\n".join(out) + "\n"


def build_table(report: Fairness, rotation: RotationFile, title: str) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    # rich reads a plain string as markup: text from the file or the command line goes in
    # as `Text`, its hidden characters shown escaped.
    names = Names(rotation)
    table = Table(title=Text(visible(title)))
    for header in HEADERS:
        numeric = header in {"Pilot", "Co-pilot", "Jump seat", "Seats", "Share", "Fair share"}
        table.add_column(header, justify="right" if numeric else "left")
    for load in report.members:
        table.add_row(*(Text(visible(value)) for value in _row(load, names)))
    lines = summary_lines(report, names)
    found = reasons(report, names)
    if found:
        lines += ["", "Why the load is uneven:"] + [f"  - {line}" for line in found]
    return Group(table, Text("\n".join(visible(line) for line in lines)))
