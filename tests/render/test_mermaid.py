"""Mermaid charts of a file with roles (SPEC 3.7): role seats in the gantt, none in the
flowchart, and Mermaid's own renderer reads them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from relrot.model import RotationFile
from relrot.project import Project
from relrot.render.mermaid import flowchart, gantt
from tests.render.test_ics import ROLES


def charts(data: dict[str, Any], count: int = 3) -> tuple[str, str]:
    rotation = RotationFile.model_validate(data)
    rows = Project(rotation).rows(1, count)
    return gantt(rows, rotation), flowchart(rows, rotation)


def test_the_gantt_gives_each_role_seat_a_task_in_its_holders_section() -> None:
    drawn, _ = charts(ROLES)
    # Dee trains as pilot in 26.1.0 and is QA from 26.3.0, but away for 26.5.0, whose QA
    # seat is empty: nobody's task.
    assert drawn == (
        "gantt\n"
        "  title Release rotation\n"
        "  dateFormat YYYY-MM-DD\n"
        "  axisFormat %Y-%m\n"
        "  section Ann\n"
        "    pilot 26.1.0 : 2026-01-13, 1d\n"
        "    co-pilot 26.3.0 : 2026-03-12, 1d\n"
        "  section Bo\n"
        "    co-pilot 26.1.0 : 2026-01-13, 1d\n"
        "    pilot 26.3.0 : 2026-03-12, 1d\n"
        "    pilot 26.5.0 : 2026-05-13, 1d\n"
        "  section Cy\n"
        "    co-pilot 26.5.0 : 2026-05-13, 1d\n"
        "  section Dee\n"
        "    role Pilot-in-training 26.1.0 : 2026-01-13, 1d\n"
        "    role QA 26.3.0 : 2026-03-12, 1d\n"
    )


def test_the_flowchart_draws_the_two_seats_alone() -> None:
    with_roles, drawn = charts(ROLES)
    without = {k: v for k, v in ROLES.items() if k not in ("roles", "requests")}
    assert drawn == charts(without)[1]
    assert "Dee" not in drawn
    assert "Dee" in with_roles


# Role names that would be a statement of the chart if a task began with them.
CHART_WORDS = {
    **ROLES,
    "roles": [
        {"id": "qa", "name": "section QA", "pool": ["dee"], "from": "26.3.0"},
        {"id": "trainee", "name": "2026-01-01 title: x; #1", "fill": "request"},
    ],
}


def test_mermaid_renders_a_gantt_with_role_names_that_read_as_its_keywords(
    tmp_path: Path,
) -> None:
    from tests.browser import render_mermaid

    drawn, _ = charts(CHART_WORDS)
    assert "    role section QA 26.3.0 : 2026-03-12, 1d\n" in drawn
    assert "    role 2026-01-01 title  x   1 26.1.0 : 2026-01-13, 1d\n" in drawn
    svg = render_mermaid(drawn, tmp_path).read_text(encoding="utf-8")
    # Every task is drawn, each under its own name, and no section was made of a role.
    for task in ("role section QA 26.3.0", "role 2026-01-01 title  x   1 26.1.0", "pilot 26.5.0"):
        assert " ".join(task.split()) in " ".join(svg.split()), task
    assert svg.count('class="sectionTitle') == 4
