"""`relrot stats` across a team's projects (SPEC 6): JSON, Markdown and a rich table."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from relrot.fairness_portfolio import PortfolioFairness, ProjectFairness, TeamLoad
from relrot.model import RotationFile
from relrot.render.markdown import cell
from relrot.render.people import Names
from relrot.render.stats import DIGITS, fairness_table, payload, team_json

if TYPE_CHECKING:
    from rich.console import RenderableType


def _member_json(load: TeamLoad) -> dict[str, object]:
    return {
        "member": load.member,
        "core": load.core,
        "active": load.active,
        "pilot": load.pilot,
        "co_pilot": load.co_pilot,
        "jump_seat": load.jump_seat,
        "seats": load.seats,
        "projects": dict(load.by_project),
        "fair_share": round(load.fair_share, DIGITS),
        "over": round(load.over, DIGITS),
    }


def render_json(report: PortfolioFairness) -> str:
    """Each project's `stats` JSON (with its `project`), then every member's seats in total
    and per project, and the team's numbers over all projects."""
    most_seats = report.most_seats
    found = {
        "projects": [
            {"project": p.id, "name": p.name, **payload(p.numbers)} for p in report.projects
        ],
        "members": [_member_json(load) for load in report.members],
        "team": {
            **team_json(report),
            "most_seats": (
                {"member": most_seats.member, "seats": most_seats.seats} if most_seats else None
            ),
        },
    }
    return json.dumps(found, indent=2) + "\n"


def headers(report: PortfolioFairness) -> list[tuple[str, bool]]:
    """Each column's title and whether it is a number: a column per project, by id."""
    keys = [(p.id, True) for p in report.projects]
    fixed = ["Seats", "Pilot", "Co-pilot", "Jump seat", "Fair share", "Over"]
    return [("Member", False), *keys, *((title, True) for title in fixed)]


def _row(load: TeamLoad, names: Names) -> list[str]:
    fair = f"{load.fair_share:.1f}" if load.core else "-"
    # Rounded first, so a hair under zero reads +0.0, never -0.0.
    over = f"{round(load.over, 1) + 0.0:+.1f}" if load.core else "-"
    counts = [load.seats, load.pilot, load.co_pilot, load.jump_seat]
    per = [str(n) for n in load.by_project.values()]
    return [names.name(load.member), *per, *(str(n) for n in counts), fair, over]


def _named(project: ProjectFairness) -> str:
    """A project by its id, and its name when the name differs."""
    return project.id if project.name == project.id else f"{project.id} ({project.name})"


def summary_lines(report: PortfolioFairness, names: Names) -> list[str]:
    """Each project's span, then the team's numbers over all projects, a sentence each."""
    lines = [
        f"Project {_named(p)}: {p.numbers.releases} releases, {p.numbers.first} to "
        f"{p.numbers.last} ({p.numbers.pinned} pinned)."
        for p in report.projects
    ]
    lines.append(
        f"Seats per active core member over {len(report.projects)} project(s): spread "
        f"{report.spread}, standard deviation {report.stdev:.2f}, Gini {report.gini:.2f}."
    )
    top = report.most_seats
    if top is not None:
        lines.append(f"Most seats: {names.name(top.member)}, {top.seats} in all projects.")
    most = report.most_over
    if most is None:
        return [*lines, "Nobody holds more than their fair share."]
    return [
        *lines,
        f"Most over their fair share: {names.name(most.member)}, by {most.over:.1f} seat(s) "
        f"({most.seats} held, {most.fair_share:.1f} fair).",
    ]


def render_markdown(report: PortfolioFairness, rotation: RotationFile) -> str:
    names = Names(rotation)
    columns = headers(report)
    out = ["### Is the load fair across the projects?", ""]
    out.append("| " + " | ".join(cell(title) for title, _ in columns) + " |")
    out.append("|" + "".join("--:|" if number else "---|" for _, number in columns))
    for load in report.members:
        out.append("| " + " | ".join(cell(c) for c in _row(load, names)) + " |")
    out += [""] + [f"- {cell(line)}" for line in summary_lines(report, names)]
    return "\n".join(out) + "\n"


def build_table(report: PortfolioFairness, rotation: RotationFile, title: str) -> RenderableType:
    # Project ids, names and the title are the file's text: `fairness_table` escapes them.
    names = Names(rotation)
    lines = summary_lines(report, names)
    return fairness_table(title, headers(report), report.members, lambda m: _row(m, names), lines)
