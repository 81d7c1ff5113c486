"""The static site of a file with `projects:` (SPEC 6): one page showing every project —
who is on duty in each, its timeline and its plan — one calendar and one JSON plan.

Each project's part of the page is the one-project page's (`relrot.render.site`), its
element ids made the project's own so the page keeps every id once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from msgspec import Struct

from relrot.model import RotationFile
from relrot.plan import Release
from relrot.render.site import (
    CALENDAR_FILE,
    PAGE_FILE,
    PLAN_FILE,
    STYLE,
    escape,
    legend,
    on_duty,
    plan_table,
    timeline,
)

if TYPE_CHECKING:
    from relrot.render import ics

TITLE = "Release rotation"
# Where an element names an id: its own, a label it points at, a fill or a link.
_ID_USE = re.compile(r'(id="|aria-labelledby="|url\(#|href="#)([a-z][a-z0-9-]*)')


class ProjectSite(Struct, frozen=True):
    """One project's part of the site: its id, its view of the file, the rows shown, the
    release on duty (or next) and the calendar's releases."""

    id: str
    rotation: RotationFile
    rows: Sequence[Release]
    current: Release
    history: Sequence[Release]

    @property
    def name(self) -> str:
        return self.rotation.project.name or self.id


def _scoped(html: str, prefix: str) -> str:
    """`html` with every id it defines or points at opened by `prefix`, and its headings a
    level down (they sit under the project's own)."""
    html = _ID_USE.sub(lambda m: f"{m.group(1)}{prefix}{m.group(2)}", html)
    return re.sub(r"<(/?)h2\b", r"<\1h3", html)


def _section(number: int, project: ProjectSite, today: dt.date) -> str:
    """A project's section: its name, repository, who is on duty, timeline and plan."""
    prefix = f"project-{number}-"
    repository = project.rotation.project.repository
    link = (
        f'<p><a href="https://github.com/{escape(repository)}">{escape(repository)}</a></p>'
        if repository
        else ""
    )
    body = "\n".join(
        [
            on_duty(project.current, project.rotation, today),
            '<section id="timeline-section" aria-labelledby="timeline-heading">',
            '<h2 id="timeline-heading">Timeline</h2>',
            "<figure>",
            timeline(project.rows, project.rotation, today),
            f"<figcaption>\n{legend(project.rows, project.rotation)}\n</figcaption>",
            "</figure>",
            "</section>",
            '<section id="plan" aria-labelledby="plan-heading">',
            '<h2 id="plan-heading">Plan</h2>',
            plan_table(project.rows, project.rotation),
            "</section>",
        ]
    )
    heading = f'<h2 id="{prefix}title">{escape(project.name)}</h2>'
    opening = f'<section class="project" id="{prefix}section" aria-labelledby="{prefix}title">'
    return "\n".join(filter(None, [opening, heading, link, _scoped(body, prefix), "</section>"]))


def page(projects: Sequence[ProjectSite], today: dt.date) -> str:
    """`index.html`: a list of the projects, then each project's section in planning order."""
    links = [
        f'<a href="{CALENDAR_FILE}" type="text/calendar">Subscribe to the calendar</a>',
        f'<a href="{PLAN_FILE}" type="application/json">the plan as JSON</a>',
    ]
    contents = "".join(
        f'<li><a href="#project-{n}-section">{escape(p.name)}</a></li>'
        for n, p in enumerate(projects, 1)
    )
    sections = [_section(n, p, today) for n, p in enumerate(projects, 1)]
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{TITLE}</title>",
        f"<style>\n{STYLE}</style>",
        "</head>",
    ]
    return "\n".join(
        [
            *head,
            "<body>",
            "<header>",
            f"<h1>{TITLE}</h1>",
            f'<p>As of <time datetime="{today}">{today:%A} {today}</time>. '
            + " · ".join(links)
            + "</p>",
            f'<nav aria-label="Projects"><ul>{contents}</ul></nav>',
            "</header>",
            "<main>",
            *sections,
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )


def site_files(
    projects: Sequence[ProjectSite], today: dt.date, *, previous: ics.Previous | None = None
) -> dict[str, str]:
    """The site's files by name: the page, one calendar of every project's events (each
    titled with its project, its UIDs the project's own) and the JSON plan, each row naming
    its project."""
    from relrot.render import ics, json_format

    calendars = [ics.Section(p.history, p.rotation, p.id) for p in projects]
    rows = [(p.id, row) for p in projects for row in p.rows]
    return {
        PAGE_FILE: page(projects, today),
        CALENDAR_FILE: ics.render_sections(calendars, TITLE, today=today, previous=previous),
        PLAN_FILE: json_format.render([r for _, r in rows], [p for p, _ in rows]),
    }
