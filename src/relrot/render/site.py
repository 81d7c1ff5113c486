"""The rotation as a static page: who is on duty, a timeline of stints, the plan table.

One self-contained `index.html`: inline CSS and SVG, no script, no font or image from the
network, readable with JavaScript off. Every text from the file goes through `escape`.
Each member has a colour, and every box also carries the member's name, so colour is never
the only cue; the palette keeps white text at a contrast of at least 4.5:1.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from msgspec import Struct

from relrot.model import CrewRole, Role, RotationFile
from relrot.plan import ROLE_LABEL, Release
from relrot.render.notes import release_notes
from relrot.render.people import Names
from relrot.render.sinks import html_text
from relrot.roles import declared

if TYPE_CHECKING:
    from relrot.render import ics

CALENDAR_FILE = "rotation.ics"
PLAN_FILE = "plan.json"
PAGE_FILE = "index.html"

# Dark enough for white text (contrast >= 4.5:1), distinct enough to tell members apart.
PALETTE = (
    "#1f4e9c",
    "#a3367a",
    "#1b6b4f",
    "#8a4b00",
    "#5b3c99",
    "#0e6470",
    "#a11d2f",
    "#4d5a14",
    "#3d4451",
    "#7a3b12",
)
INK = "#ffffff"

COLUMN = 132  # the narrowest column; a column widens to hold the longest name shown
WIDEST_COLUMN = 340  # past this a name is drawn condensed to fit, never cut
GUTTER = 88
HEADER = 44
BOX = 36
LANES: tuple[tuple[Role, int], ...] = (("pilot", HEADER + 6), ("co_pilot", HEADER + 56))
JUMP_LANE = HEADER + 106
HEIGHT = JUMP_LANE + 44
# Room around a name inside its box (the box is 12 narrower than its column), and what a
# character of bold 12px sans-serif takes at most, by kind: generous, as the page cannot
# measure text without a script (tests/cli/test_site.py measures it in a browser).
NAME_PADDING = 12 + 16
JUMP_PADDING = 28 + 12  # the jump seat's pill is 28 narrower than its column
NARROW = frozenset("fijlrtI.,:;'|!()[] -")


def escape(text: object) -> str:
    """The HTML sink: hidden characters shown escaped, markup characters as entities."""
    return html_text(text)


class Run(Struct, frozen=True):
    """Consecutive shipped releases in which one member holds the pilot or co-pilot seat."""

    member: str
    seats: tuple[tuple[int, Role], ...]  # (column, role), in release order


def runs(rows: Sequence[Release]) -> list[Run]:
    """Each member's unbroken runs of seats across the shipped releases shown; skipped
    releases neither break nor join a run."""
    found: list[Run] = []
    open_runs: dict[str, list[tuple[int, Role]]] = {}
    for column, release in enumerate(rows):
        if release.skipped:
            continue
        seated: dict[str, Role] = {}
        for role, _ in LANES:
            member = release.seat(role)
            if member is not None:
                seated.setdefault(member, role)
        for member in list(open_runs):
            if member not in seated:
                found.append(Run(member, tuple(open_runs.pop(member))))
        for member, role in seated.items():
            open_runs.setdefault(member, []).append((column, role))
    found.extend(Run(member, tuple(seats)) for member, seats in open_runs.items())
    return sorted(found, key=lambda run: (run.seats[0][0], run.seats[0][1] != "pilot"))


def colours(rotation: RotationFile) -> dict[str, str]:
    return {m.id: PALETTE[i % len(PALETTE)] for i, m in enumerate(rotation.members)}


def text_width(text: str) -> float:
    """An upper estimate of `text`'s width in pixels, in the timeline's bold 12px font."""
    import unicodedata

    width = 0.0
    for character in text:
        if unicodedata.east_asian_width(character) in ("W", "F"):
            width += 13
        elif character in NARROW:
            width += 4.5
        elif character.isupper() or character in "mw@%&":
            width += 10.5
        else:
            width += 7.5
    return width


def column_width(rows: Sequence[Release], names: Names) -> int:
    """Wide enough for every name the timeline draws, within `WIDEST_COLUMN`."""
    needed = [
        text_width(names.name(member)) + padding
        for release in rows
        if not release.skipped
        for member, padding in (
            (release.pilot, NAME_PADDING),
            (release.co_pilot, NAME_PADDING),
            (release.jump_seat, JUMP_PADDING),
        )
        if member is not None
    ]
    return min(max([COLUMN, *(int(n) + 1 for n in needed)]), WIDEST_COLUMN)


def _name_text(x: float, y: int, room: int, who: str, fill: str = "") -> str:
    """A name centred at `x`, whole; condensed to `room` pixels when it would not fit."""
    squeeze = (
        f' textLength="{room}" lengthAdjust="spacingAndGlyphs"' if text_width(who) > room else ""
    )
    return f'<text x="{x}" y="{y}"{fill}{squeeze}>{escape(who)}</text>'


def _lane_y(role: Role) -> int:
    return dict(LANES)[role]


def _today_x(rows: Sequence[Release], today: dt.date, column: int) -> float:
    """Where today falls between the columns, placed by date between release days."""
    centres = [(GUTTER + i * column + column / 2, r.date) for i, r in enumerate(rows)]
    if today <= centres[0][1]:
        return GUTTER + 2.0
    for (x1, d1), (x2, d2) in itertools.pairwise(centres):
        if d1 <= today <= d2:
            return x1 + (x2 - x1) * (today - d1).days / max((d2 - d1).days, 1)
    return GUTTER + len(rows) * column - 2.0


def timeline(rows: Sequence[Release], rotation: RotationFile, today: dt.date) -> str:
    """The seed's chart as SVG: pilot and co-pilot lanes, one group per run of seats."""
    names = Names(rotation)
    colour = colours(rotation)
    column_px = column_width(rows, names)
    width = GUTTER + len(rows) * column_px
    out = [
        f'<svg class="timeline" width="{width}" '
        f'height="{HEIGHT}" viewBox="0 0 {width} {HEIGHT}" role="img" '
        'aria-labelledby="timeline-title">',
        '<title id="timeline-title">Who sits in which seat, release by release</title>',
        '<defs><pattern id="skipped" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="8" height="8" fill="#f2f2f2"/>'
        '<line x1="0" y1="0" x2="0" y2="8" stroke="#8c8c8c" stroke-width="3"/></pattern></defs>',
    ]
    for role, y in LANES:
        out.append(
            f'<text class="lane" x="8" y="{y + BOX / 2 + 5}">{ROLE_LABEL[role].capitalize()}</text>'
        )
    out.append(f'<text class="lane" x="8" y="{JUMP_LANE + 18}">Jump seat</text>')
    for column, release in enumerate(rows):
        x = GUTTER + column * column_px
        out.append(
            f'<text class="column" x="{x + column_px / 2}" y="18">{escape(release.version)}</text>'
            f'<text class="column date" x="{x + column_px / 2}" y="34">'
            f"{release.date:%a} {release.date}</text>"
        )
        if release.skipped:
            out.append(
                f'<g class="skipped"><rect x="{x + 6}" y="{HEADER + 6}" width="{column_px - 12}" '
                f'height="{JUMP_LANE + 28 - HEADER - 6}" fill="url(#skipped)" stroke="#8c8c8c"/>'
                f'<text x="{x + column_px / 2}" y="{HEADER + 80}">skipped</text></g>'
            )
            continue
        for role, y in LANES:
            if release.seat(role) is None:
                out.append(
                    f'<g class="empty-seat"><rect x="{x + 6}" y="{y}" width="{column_px - 12}" '
                    f'height="{BOX}" fill="#ffffff" stroke="#b00020" stroke-dasharray="4 3"/>'
                    f'<text x="{x + column_px / 2}" y="{y + 23}">empty</text></g>'
                )
        if release.jump_seat:
            who = names.name(release.jump_seat)
            out.append(
                f'<g class="jump-seat"><title>jump seat {escape(release.version)}: '
                f"{escape(who)}</title>"
                f'<rect x="{x + 14}" y="{JUMP_LANE}" width="{column_px - 28}" height="28" rx="14" '
                f'fill="#ffffff" stroke="{colour.get(release.jump_seat, PALETTE[-2])}" '
                'stroke-width="3" stroke-dasharray="5 3"/>'
                + _name_text(x + column_px / 2, JUMP_LANE + 19, column_px - JUMP_PADDING, who)
                + "</g>"
            )
    for run in runs(rows):
        out.append(_run(run, rows, names, colour.get(run.member, PALETTE[-2]), column_px))
    today_x = _today_x(rows, today, column_px)
    out.append(
        f'<g class="today"><line x1="{today_x:.1f}" y1="{HEADER}" x2="{today_x:.1f}" '
        f'y2="{HEIGHT - 4}" stroke="#111111" stroke-width="2" stroke-dasharray="6 4"/>'
        f'<text x="{today_x + 4:.1f}" y="{HEIGHT - 6}">today {today}</text></g>'
    )
    out.append("</svg>")
    return "\n".join(out)


def _run(run: Run, rows: Sequence[Release], names: Names, fill: str, column_px: int) -> str:
    who = names.name(run.member)
    centres = [
        (GUTTER + column * column_px + column_px / 2, _lane_y(role) + BOX / 2)
        for column, role in run.seats
    ]
    path = " ".join(f"{'M' if i == 0 else 'L'}{x:.0f},{y:.0f}" for i, (x, y) in enumerate(centres))
    seats = ", ".join(f"{ROLE_LABEL[role]} {rows[column].version}" for column, role in run.seats)
    parts = [
        f'<g class="stint" data-member="{escape(run.member)}">',
        f"<title>{escape(who)}: {escape(seats)}</title>",
        f'<path d="{path}" fill="none" stroke="{fill}" stroke-width="6" stroke-opacity="0.45"/>',
    ]
    for column, role in run.seats:
        x, y = GUTTER + column * column_px, _lane_y(role)
        parts.append(
            f'<rect class="seat {role}" x="{x + 6}" y="{y}" width="{column_px - 12}" '
            f'height="{BOX}" rx="4" fill="{fill}"/>'
            + _name_text(x + column_px / 2, y + 23, column_px - NAME_PADDING, who, f' fill="{INK}"')
        )
    parts.append("</g>")
    return "".join(parts)


def legend(rows: Sequence[Release], rotation: RotationFile) -> str:
    names = Names(rotation)
    colour = colours(rotation)
    shown = {m for r in rows for m in (r.pilot, r.co_pilot, r.jump_seat) if m is not None}
    items = [
        f'<li><span class="swatch" style="background:{colour[m.id]}"></span>'
        f"{escape(names.name(m.id))}</li>"
        for m in rotation.members
        if m.id in shown
    ]
    items += [
        '<li><span class="swatch jump"></span>jump seat (observing, dashed outline)</li>',
        '<li><span class="swatch skip"></span>skipped release (hatched)</li>',
        '<li><span class="swatch line"></span>today (dashed line)</li>',
    ]
    return '<ul class="legend">' + "".join(items) + "</ul>"


def _person(names: Names, member: str | None, empty: str) -> str:
    return escape(names.name_and_handle(member, empty))


def on_duty(release: Release, rotation: RotationFile, today: dt.date) -> str:
    """Who is on duty now (or next), the duty window and the next milestone."""
    names = Names(rotation)
    first, last = release.duty_window
    heading = "On duty now" if first <= today else "Next on duty"
    # With no milestones the duty window is release day alone, which the sentence names.
    window = f"; duty window {first} to {last}" if first != last else ""
    steps = sorted(
        [(m.date, m.name, m.note) for m in release.milestones]
        + [(release.date, f"release {release.version}", None)]
    )
    upcoming = next((step for step in steps if step[0] >= today), None)
    lines = [
        '<section id="on-duty" aria-labelledby="on-duty-title">',
        f'<h2 id="on-duty-title">{heading}</h2>',
        f'<p>Release <strong class="version">{escape(release.version)}</strong> on '
        f"{release.date:%A} {release.date}{window}.</p>",
        '<dl class="crew">',
        f'<dt>Pilot</dt><dd class="pilot">{_person(names, release.pilot, "(empty)")}</dd>',
        f'<dt>Co-pilot</dt><dd class="co-pilot">{_person(names, release.co_pilot, "(empty)")}</dd>',
        *_on_duty_roles(release, rotation, names),
        f'<dt>Jump seat</dt><dd class="jump-seat">{_person(names, release.jump_seat, "-")}</dd>',
        "</dl>",
    ]
    if upcoming is not None:
        day, name, note = upcoming
        detail = f": {escape(note)}" if note else ""
        lines.append(
            f'<p class="next-milestone">Next milestone: <strong>{escape(name)}</strong> on '
            f"{day:%a} {day}{detail}</p>"
        )
    lines.append("</section>")
    return "\n".join(lines)


def _on_duty_roles(release: Release, rotation: RotationFile, names: Names) -> list[str]:
    """A line per role the release has, after the co-pilot: an empty rotate role reads as
    an empty seat, an empty request role as the jump seat does."""
    return [
        f"<dt>{escape(role.display)}</dt>"
        f'<dd class="role" data-role="{escape(role.id)}">'
        f"{_person(names, release.roles[role.id], '(empty)' if role.fill == 'rotate' else '-')}"
        "</dd>"
        for role in declared(rotation)
        if role.id in release.roles
    ]


def _role_cell(release: Release, role: CrewRole, seat: Callable[..., str]) -> str:
    """A role's cell: an empty rotate role is an empty seat, an empty request role is shown
    as the jump seat is, and a release before the role's `from` has nothing."""
    if role.id not in release.roles:
        return ""
    return seat(
        release.roles[role.id], required=role.fill == "rotate", empty=f"nobody holds {role.display}"
    )


def plan_table(rows: Sequence[Release], rotation: RotationFile) -> str:
    names = Names(rotation)
    roles = declared(rotation)
    headers = [escape(h) for h in ("#", "Release", "Date", "Pilot", "Co-pilot")]
    headers += [escape(role.display) for role in roles] + ["Jump seat", "Notes"]
    out = [
        '<table class="plan">',
        "<caption>Release plan</caption>",
        "<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in headers) + "</tr></thead>",
        "<tbody>",
    ]
    for release in rows:

        def seat(
            member: str | None,
            release: Release = release,
            required: bool = True,
            empty: str = "nobody in the jump seat",
        ) -> str:
            if member is None:
                if release.skipped:
                    return ""
                if not required:  # the jump seat is optional: nobody there is not a problem
                    return f'<span class="none" title="{escape(empty)}">-</span>'
                return '<span class="empty">empty</span>'
            label = escape(names.name(member))
            return f"{label} (new)" if member in release.newcomers else label

        notes = release_notes(release, names.name, first_seats=False)
        css = ' class="skipped"' if release.skipped else ""
        out.append(
            f'<tr{css}><td>{release.number}</td><th scope="row">{escape(release.version)}</th>'
            f'<td class="date">{release.date:%a} {release.date}</td><td>{seat(release.pilot)}</td>'
            f"<td>{seat(release.co_pilot)}</td>"
            + "".join(f"<td>{_role_cell(release, role, seat)}</td>" for role in roles)
            + f"<td>{seat(release.jump_seat, required=False)}</td>"
            f"<td>{escape('; '.join(notes))}</td></tr>"
        )
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


STYLE = """\
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a;
  background: #ffffff; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; line-height: 1.5; }
a { color: #0b57d0; }
h1 { margin-bottom: 0.25rem; }
.crew { display: grid; grid-template-columns: max-content auto; gap: 0.25rem 1rem; }
.crew dt { font-weight: 600; }
.crew dd { margin: 0; }
figure { margin: 0; overflow-x: auto; }
.timeline text { font-size: 12px; fill: #1a1a1a; }
.timeline text.column { text-anchor: middle; font-weight: 600; }
.timeline text.date { font-weight: 400; }
.timeline .stint text, .timeline .jump-seat text, .timeline .empty-seat text,
.timeline .skipped text { text-anchor: middle; }
.timeline .stint text { fill: #ffffff; font-weight: 600; }
.timeline .empty-seat text { fill: #b00020; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; }
.swatch { display: inline-block; width: 1rem; height: 1rem; margin-right: 0.4rem;
  vertical-align: middle; border-radius: 3px; }
.swatch.jump { border: 2px dashed #3d4451; border-radius: 8px; }
.swatch.skip { background: repeating-linear-gradient(45deg, #8c8c8c 0 3px, #f2f2f2 3px 8px); }
.swatch.line { border-left: 2px dashed #111111; border-radius: 0; width: 0.5rem; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.5rem; }
th, td { border: 1px solid #c4c4c4; padding: 0.3rem 0.6rem; text-align: left; }
thead th { background: #eef1f5; }
tr.skipped { color: #555555; text-decoration: line-through; }
.empty { color: #b00020; font-weight: 600; }
.none { color: #6b6b6b; }
td.date { white-space: nowrap; }
"""


def page(rows: Sequence[Release], rotation: RotationFile, current: Release, today: dt.date) -> str:
    """`index.html`: the project's name, who is on duty, the timeline and the plan."""
    project = rotation.project
    title = f"{project.name} release rotation" if project.name else "Release rotation"
    links = [
        f'<a href="{CALENDAR_FILE}" type="text/calendar">Subscribe to the calendar</a>',
        f'<a href="{PLAN_FILE}" type="application/json">the plan as JSON</a>',
    ]
    if project.repository:
        links.append(
            f'<a href="https://github.com/{escape(project.repository)}">'
            f"{escape(project.repository)}</a>"
        )
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>\n{STYLE}</style>",
            "</head>",
            "<body>",
            "<header>",
            f"<h1>{escape(title)}</h1>",
            f'<p>As of <time datetime="{today}">{today:%A} {today}</time>. '
            + " · ".join(links)
            + "</p>",
            "</header>",
            "<main>",
            on_duty(current, rotation, today),
            '<section id="timeline-section" aria-labelledby="timeline-heading">',
            '<h2 id="timeline-heading">Timeline</h2>',
            "<figure>",
            timeline(rows, rotation, today),
            "<figcaption>",
            legend(rows, rotation),
            "</figcaption>",
            "</figure>",
            "</section>",
            '<section id="plan" aria-labelledby="plan-heading">',
            '<h2 id="plan-heading">Plan</h2>',
            plan_table(rows, rotation),
            "</section>",
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )


def site_files(
    rows: Sequence[Release],
    rotation: RotationFile,
    current: Release,
    today: dt.date,
    *,
    history: Sequence[Release] | None = None,
    previous: ics.Previous | None = None,
) -> dict[str, str]:
    """The site's files by name: the page, the calendar and the JSON plan.

    The calendar holds `history` (every release from the first through the last row, pinned
    history included, so past releases stay in subscribers' calendars), revised against
    `previous`, the calendar published last time (SPEC 5.5)."""
    from relrot.render import ics, json_format

    return {
        PAGE_FILE: page(rows, rotation, current, today),
        CALENDAR_FILE: ics.render(
            rows if history is None else history, rotation, today=today, previous=previous
        ),
        PLAN_FILE: json_format.render(rows),
    }
