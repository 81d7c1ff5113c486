"""A plan diff as text, as a Markdown pull-request comment, and as JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from relrot.diff import (
    MissingConsent,
    PersonMoves,
    SeatChange,
    moves_by_person,
    seat_count_change,
    seat_label,
)
from relrot.model import RotationFile
from relrot.render.markdown import cell
from relrot.render.people import member_in
from relrot.render.sinks import markdown, visible

NO_ONE_MOVES = "No one moves: the plan is the same."


def _name(rosters: Sequence[RotationFile], member: str | None) -> str:
    if member is None:
        return "(empty)"
    person = member_in(rosters, member)
    return person.display if person else member


def _mention(rosters: Sequence[RotationFile], member: str) -> str:
    """Markdown: the member's `@login` (checked when the file was read), else their name."""
    person = member_in(rosters, member)
    if person and person.github:
        return f"@{person.github}"
    return markdown(person.display if person else member)


def _grouped(changes: Sequence[SeatChange]) -> dict[tuple[str | None, str], list[SeatChange]]:
    grouped: dict[tuple[str | None, str], list[SeatChange]] = {}
    for change in changes:
        grouped.setdefault((change.project, change.version), []).append(change)
    return grouped


def render_text(changes: Sequence[SeatChange], *rosters: RotationFile) -> str:
    if not changes:
        return NO_ONE_MOVES + "\n"
    out = []
    for group in _grouped(changes).values():
        project = f"{visible(group[0].project)} " if group[0].project is not None else ""
        out.append(f"{project}{group[0].version} ({group[0].date:%a} {group[0].date})")
        for change in group:
            out.append(
                f"  {visible(seat_label(change))}: {visible(_name(rosters, change.before))} -> "
                f"{visible(_name(rosters, change.after))}"
            )
    return "\n".join(out) + "\n"


def _seat(change: SeatChange, escape: Callable[[str], str] = cell) -> str:
    """The release and the seat; a role's name comes from the file, so it is escaped. In a
    file with `projects:` the project's id comes first (versions repeat across projects)."""
    project = f"{escape(change.project)} " if change.project is not None else ""
    return f"{project}{cell(change.version)} {escape(seat_label(change))}"


def render_markdown(changes: Sequence[SeatChange], *rosters: RotationFile) -> str:
    if not changes:
        return f"### Rotation changes\n\n{NO_ONE_MOVES}\n"
    # A file with `projects:` (SPEC 6) gains a first column naming each row's project.
    several = any(change.project is not None for change in changes)
    first = "| Project " if several else ""
    out = ["### Rotation changes", "", f"{first}| Release | Date | Seat | Before | After |"]
    out.append("|---" * several + "|---|---|---|---|---|")
    for change in changes:
        project = f"| {cell(change.project or '')} " if several else ""
        out.append(
            f"{project}| {cell(change.version)} | {change.date:%a} {change.date} | "
            f"{cell(seat_label(change))} | {cell(_name(rosters, change.before))} | "
            f"{cell(_name(rosters, change.after))} |"
        )
    out += ["", "#### Who moves", ""]
    for person in moves_by_person(changes):
        paired = min(len(person.lost), len(person.gained))
        steps = [
            f"{_seat(lost)} → {_seat(gained)}"
            for lost, gained in zip(person.lost, person.gained, strict=False)
        ]
        if len(person.gained) > paired:
            steps.append("now " + ", ".join(_seat(c) for c in person.gained[paired:]))
        if len(person.lost) > paired:
            steps.append("no longer " + ", ".join(_seat(c) for c in person.lost[paired:]))
        out.append(f"- {_mention(rosters, person.member)}: {'; '.join(steps)}")
    out += ["", "#### Seats over these releases", ""]
    for person in moves_by_person(changes):
        out.append(f"- {cell(_name(rosters, person.member))}: {_counted(person)}")
    return "\n".join(out) + "\n"


def _counted(person: PersonMoves) -> str:
    """The change in the person's pilot and co-pilot seats, saying so in as many words when
    a role seat or the jump seat of theirs moved too, which it does not count."""
    more = seat_count_change(person)
    plural = "s" if abs(more) != 1 else ""
    if all(c.seat in ("pilot", "co_pilot") for c in (*person.lost, *person.gained)):
        return f"{more:+d} seat{plural}" if more else "no change"
    return (
        f"{more:+d} pilot or co-pilot seat{plural}"
        if more
        else "no change in pilot and co-pilot seats"
    )


def render_json(changes: Sequence[SeatChange]) -> str:
    """The moves; in a file with `projects:` (SPEC 6) each names its project first."""
    payload = {
        "changes": [
            {
                **({"project": c.project} if c.project is not None else {}),
                "version": c.version,
                "date": c.date.isoformat(),
                "seat": c.seat,
                "before": c.before,
                "after": c.after,
            }
            for c in changes
        ]
    }
    return json.dumps(payload, indent=2) + "\n"


def who_lacks_consent(missing: MissingConsent, escape: Callable[[str], str] = visible) -> str:
    """`@login`, or the member id (through `escape`) and why they cannot approve."""
    if missing.login:
        return f"@{missing.login}"
    return f"{escape(missing.member)} (no github login on the roster, so no approval can count)"


def consent_line(missing: MissingConsent, escape: Callable[[str], str] = visible) -> str:
    """Who has not approved and which of their seats move, for a terminal or, with
    `escape=markdown`, for the pull-request comment."""
    seats = ", ".join(_seat(change, escape) for change in missing.seats)
    return f"no consent from {who_lacks_consent(missing, escape)}, whose seats move: {seats}"
