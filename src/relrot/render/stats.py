"""`relrot stats` as JSON (the documented contract), as Markdown, and as a rich table."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from relrot.fairness import Fairness, MemberLoad, RoleFairness, SeatAt
from relrot.model import RotationFile
from relrot.render.markdown import cell
from relrot.render.people import Names
from relrot.render.sinks import visible

if TYPE_CHECKING:
    from rich.console import RenderableType

    from relrot.fairness_portfolio import PortfolioFairness

# A member's load, one project's or across a team's projects: a row of the table.
Load = TypeVar("Load")

# Shares and spreads in JSON: enough digits to recompute, few enough to read.
DIGITS = 4


def _seat(seat: SeatAt | None) -> dict[str, str] | None:
    return {"version": seat.version, "date": seat.date.isoformat()} if seat else None


def _role_json(role: RoleFairness) -> dict[str, object]:
    measured = role.pool
    fairness = None
    if measured is not None:
        most = measured.most_over
        fairness = {
            "active_pool": list(measured.active),
            "fair_share": {m: round(v, DIGITS) for m, v in measured.fair_share.items()},
            "spread": measured.spread,
            "stdev": round(measured.stdev, DIGITS),
            "gini": round(measured.gini, DIGITS),
            "most_over": {"member": most[0], "by": round(most[1], DIGITS)} if most else None,
        }
    return {
        "id": role.role,
        "name": role.name,
        "fill": role.fill,
        "releases": role.releases,
        "filled": role.filled,
        "fairness": fairness,
    }


def render_json(report: Fairness) -> str:
    return json.dumps(payload(report), indent=2) + "\n"


def team_json(report: Fairness | PortfolioFairness) -> dict[str, object]:
    """The team's measures, over one project's seats or every project's: who is counted,
    spread, standard deviation, Gini and who is most over their fair share."""
    most = report.most_over
    return {
        "active_core": [m.member for m in report.active],
        "spread": report.spread,
        "stdev": round(report.stdev, DIGITS),
        "gini": round(report.gini, DIGITS),
        "most_over": {"member": most.member, "by": round(most.over, DIGITS)} if most else None,
    }


def payload(report: Fairness) -> dict[str, object]:
    """The JSON contract of `stats` as a value."""
    # A file with roles adds keys (`members[].roles`, `roles`); one without prints as before.
    with_roles = bool(report.roles)
    members = [
        {
            "member": m.member,
            "core": m.core,
            "active": m.active,
            "pilot": m.pilot,
            "co_pilot": m.co_pilot,
            "jump_seat": m.jump_seat,
            **({"roles": dict(m.roles)} if with_roles else {}),
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
    found: dict[str, object] = {
        "from": report.first,
        "through": report.last,
        "releases": report.releases,
        "pinned": report.pinned,
        "members": members,
        "team": {**team_json(report), "why": list(report.why)},
    }
    if with_roles:
        found["roles"] = [_role_json(role) for role in report.roles]
    return found


def _when(seat: SeatAt | None) -> str:
    return f"{seat.version} ({seat.date})" if seat else "-"


def _row(load: MemberLoad, names: Names) -> list[str]:
    return [
        names.name(load.member),
        str(load.pilot),
        str(load.co_pilot),
        str(load.jump_seat),
        *(str(count) for count in load.roles.values()),
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
NUMERIC = {"Pilot", "Co-pilot", "Jump seat", "Seats", "Share", "Fair share"}


def headers(report: Fairness) -> list[tuple[str, bool]]:
    """Each column's title and whether it is a number: a column per role after the jump
    seat, only in a file with roles (SPEC 3.7)."""
    at = HEADERS.index("Jump seat") + 1
    titles = [(h, h in NUMERIC) for h in HEADERS]
    return [*titles[:at], *((role.name, True) for role in report.roles), *titles[at:]]


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
    return lines + [_role_line(role, names) for role in report.roles]


def _role_line(role: RoleFairness, names: Names) -> str:
    """A role's seats and, for a rotate role, how evenly its pool holds them. The line opens
    with relrot's own word: a role's name is the file's text, never a line's start."""
    name = role.name
    if role.pool is None:
        return f"Role {name}, by request: held in {role.filled} of {role.releases} release(s)."
    measured = role.pool
    line = (
        f"Role {name}: held in {role.filled} of {role.releases} release(s) by a pool of "
        f"{len(measured.active)} active member(s); spread {measured.spread}, standard "
        f"deviation {measured.stdev:.2f}, Gini {measured.gini:.2f}; "
    )
    if measured.most_over is None:
        return line + "nobody holds more than their fair share."
    member, by = measured.most_over
    return line + f"most over their fair share: {names.name(member)}, by {by:.1f}."


def reasons(report: Fairness, names: Names) -> list[str]:
    found = list(report.why)
    found += [f"{names.name(m.member)}: {why}" for m in report.members if m.core for why in m.why]
    return found


def render_markdown(report: Fairness, rotation: RotationFile) -> str:
    names = Names(rotation)
    out = ["### Is the rotation fair?", ""]
    columns = headers(report)
    out.append("| " + " | ".join(cell(title) for title, _ in columns) + " |")
    out.append("|" + "".join("--:|" if number else "---|" for _, number in columns))
    for load in report.members:
        out.append("| " + " | ".join(cell(c) for c in _row(load, names)) + " |")
    out += [""] + [f"- {cell(line)}" for line in summary_lines(report, names)]
    found = reasons(report, names)
    if found:
        out += ["", "#### Why the load is uneven", ""]
        out += [f"- {cell(line)}" for line in found]
    return "\n".join(out) + "\n"


def build_table(report: Fairness, rotation: RotationFile, title: str) -> RenderableType:
    names = Names(rotation)
    lines = summary_lines(report, names)
    found = reasons(report, names)
    if found:
        lines += ["", "Why the load is uneven:"] + [f"  - {line}" for line in found]
    return fairness_table(title, headers(report), report.members, lambda m: _row(m, names), lines)


def fairness_table(
    title: str,
    columns: list[tuple[str, bool]],
    members: Iterable[Load],
    row: Callable[[Load], list[str]],
    lines: list[str],
) -> RenderableType:
    """A rich table of `members`, a row each as `row` writes it under `columns` (each a
    title and whether it is a number), then `lines` below it: one project's or a team's."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    # rich reads a plain string as markup: text from the file or the command line goes in
    # as `Text`, its hidden characters shown escaped.
    table = Table(title=Text(visible(title)))
    for header, numeric in columns:
        table.add_column(Text(visible(header)), justify="right" if numeric else "left")
    for member in members:
        table.add_row(*(Text(visible(value)) for value in row(member)))
    return Group(table, Text("\n".join(visible(line) for line in lines)))
