"""Who moves between two plans: seat changes release by release (SPEC 5.4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from msgspec import Struct
from msgspec.structs import replace

from relrot import days
from relrot.model import RotationFile
from relrot.plan import Release
from relrot.problems import Seat, seat_named
from relrot.records import Keyed

if TYPE_CHECKING:
    from relrot.project import Project

SEATS: tuple[Seat, ...] = ("pilot", "co_pilot", "jump_seat")
SEAT_LABEL = {"pilot": "pilot", "co_pilot": "co-pilot", "jump_seat": "jump seat"}
# How far ahead a move needs consent (SPEC 5.5); defined with `relrot.days` so the command
# line takes it as a default without loading the planner.
CONSENT_DAYS = days.CONSENT_DAYS


class SeatChange(Keyed, frozen=True):
    """One seat of one release whose holder differs: `before` (None: empty) gives it up,
    `after` (None: empty) takes it. `project` names the project of a file holding several
    (SPEC 6); None for a file of one project."""

    version: str
    date: dt.date
    seat: Seat
    before: str | None
    after: str | None
    project: str | None = None
    # The release's duty window, which decides whether the move needs consent; None when
    # unknown, and then it does.
    window: tuple[dt.date, dt.date] | None = None
    # A role seat's name as the file gives it (SPEC 3.7); None for the fixed seats.
    label: str | None = None

    def identity(self) -> tuple[object, ...]:
        """What two changes must share to be one: the window and the label are what the
        change is shown with, not what it is."""
        return (self.version, self.date, self.seat, self.before, self.after, self.project)


def seat_label(change: SeatChange) -> str:
    """The seat's words: pilot, co-pilot, jump seat, or the role's name (else its id)."""
    return SEAT_LABEL.get(change.seat) or change.label or change.seat


def role_labels(*rotations: RotationFile) -> dict[str, str]:
    """Each role's name by id, the first file that declares it winning."""
    labels: dict[str, str] = {}
    for rotation in rotations:
        for role in rotation.roles:
            labels.setdefault(role.id, role.display)
    return labels


def _seats(release: Release | None) -> dict[str, str | None]:
    """A release's seats in the order a diff lists them: pilot, co-pilot, each role, then
    the jump seat."""
    if release is None:
        return {}
    fixed = {"pilot": release.pilot, "co_pilot": release.co_pilot}
    return {**fixed, **release.roles, "jump_seat": release.jump_seat}


def seat_changes(
    base: Sequence[Release], current: Sequence[Release], labels: Mapping[str, str] | None = None
) -> list[SeatChange]:
    """Every seat of `current`'s releases whose holder differs in `base` (matched by
    version): pilot, co-pilot, role seats (SPEC 3.7; a role a release lacks counts as
    empty) and the jump seat. `labels` names the roles (`role_labels`)."""
    before = {r.version: r for r in base}
    changes = []
    for release in current:
        old, window = before.get(release.version), release.duty_window
        now, was = _seats(release), _seats(old)
        keys = [*now, *(key for key in was if key not in now)]
        keys.sort(key=lambda key: key == "jump_seat")  # roles a release lost stay before it
        for key in keys:
            if now.get(key) != was.get(key):
                label = (labels or {}).get(key, key) if key not in SEAT_LABEL else None
                changes.append(
                    SeatChange(
                        release.version,
                        release.date,
                        seat_named(key),
                        was.get(key),
                        now.get(key),
                        window=window,
                        label=label,
                    )
                )
    return changes


class PersonMoves(Struct, frozen=True):
    """One person's seats lost and gained, in release order."""

    member: str
    lost: tuple[SeatChange, ...]
    gained: tuple[SeatChange, ...]


def moves_by_person(changes: Sequence[SeatChange]) -> list[PersonMoves]:
    people: dict[str, tuple[list[SeatChange], list[SeatChange]]] = {}
    for change in changes:
        if change.before is not None:
            people.setdefault(change.before, ([], []))[0].append(change)
        if change.after is not None:
            people.setdefault(change.after, ([], []))[1].append(change)
    return [
        PersonMoves(member, tuple(lost), tuple(gained))
        for member, (lost, gained) in sorted(people.items())
    ]


class MissingConsent(Struct, frozen=True):
    """A member whose seats a change moves, who has not approved it (SPEC 5.5)."""

    member: str
    login: str | None  # their GitHub login; None when the roster gives none
    seats: tuple[SeatChange, ...]


def missing_consent(
    changes: Sequence[SeatChange],
    logins: Mapping[str, str | None],
    approvers: Iterable[str],
    author: str | None = None,
) -> list[MissingConsent]:
    """Everyone a change moves (a seat lost or gained) who is neither an approver nor the
    author; logins compare as GitHub does, ignoring case."""
    consenting = {login.removeprefix("@").casefold() for login in approvers}
    if author:
        consenting.add(author.removeprefix("@").casefold())
    missing = []
    for person in moves_by_person(changes):
        login = logins.get(person.member)
        if login is not None and login.casefold() in consenting:
            continue
        seats = sorted({*person.lost, *person.gained}, key=_release_order(changes))
        missing.append(MissingConsent(person.member, login, tuple(seats)))
    return missing


def needing_consent(
    changes: Iterable[SeatChange], today: dt.date, days: int = CONSENT_DAYS
) -> list[SeatChange]:
    """The moves in releases whose duty window ends on or after `today` and starts no later
    than `days` after it: those the members moved must approve (SPEC 5.5)."""
    last = today + dt.timedelta(days=days)
    return [
        change
        for change in changes
        if change.window is None or (change.window[1] >= today and change.window[0] <= last)
    ]


def _release_order(changes: Sequence[SeatChange]) -> Callable[[SeatChange], int]:
    order = {change: index for index, change in enumerate(changes)}
    return order.__getitem__


def seat_count_change(person: PersonMoves) -> int:
    """How many more pilot and co-pilot seats the person holds over the releases compared
    (role seats and the jump seat are not counted)."""

    def seats(changes: Sequence[SeatChange]) -> int:
        return sum(change.seat in ("pilot", "co_pilot") for change in changes)

    return seats(person.gained) - seats(person.lost)


def plan_changes(
    current: Project, base: Project | None, today: dt.date, horizon: int
) -> list[SeatChange]:
    """Seats of the coming `horizon` releases whose holder differs in `base` (None: the
    change adds the file, so every seat is new)."""
    start, through = current.checked_range(today, horizon)
    releases = current.plan(through).releases[start - 1 :]
    # The base plan reaches further: a release may have moved by a few numbers.
    previous = base.plan(through + horizon).releases if base else []
    labels = role_labels(current.model, *([base.model] if base else []))
    return seat_changes(previous, releases, labels)


def every_project_changes(
    current: Project | None,
    base: Project | None,
    today: Callable[[Project], dt.date],
    horizon: int,
) -> list[SeatChange]:
    """`plan_changes` of every project of a file (SPEC 6), each named by its `project`:
    a project compared with the base's of the same id (none: every seat is new), and a
    project the base had and `current` has not, all its seats given up (`current` None:
    the file is deleted). A file of one project on both sides is compared as one; a base of
    one project, with the project of `current` that continues it (`continued_by`)."""
    several = [p for p in (current, base) if p is not None and p.model.projects]
    if not several:
        if current is None:
            return [] if base is None else vacated(base, today(base), horizon)
        return plan_changes(current, base, today(current), horizon)
    before: dict[str | None, Project]
    if base is not None and not base.model.projects:
        heir = continued_by(base, current.projects() if current is not None else [])
        before = {} if heir is None else {heir: base}
    else:
        before = {p.id: p for p in base.projects()} if base is not None else {}
    found: list[SeatChange] = []
    for project in current.projects() if current is not None else []:
        moved = plan_changes(project, before.pop(project.id, None), today(project), horizon)
        found += [replace(change, project=project.id) for change in moved]
    for gone in before.values():
        found += [replace(c, project=gone.id) for c in vacated(gone, today(gone), horizon)]
    return found


def continued_by(base: Project, projects: Sequence[Project]) -> str | None:
    """The id of the project that continues a one-project file when it gains `projects:`:
    the one with its repository (case aside), else with its name; None when no project, or
    more than one, does, and then every seat reads as new."""
    about = base.model.project
    for key in ("repository", "name"):
        wanted = (getattr(about, key) or "").casefold()
        found = [
            p.id
            for p in projects
            if wanted and (getattr(p.model.project, key) or "").casefold() == wanted
        ]
        if len(found) == 1:
            return found[0]
    return None


def named_project_changes(
    current: Project, base: Project, today: dt.date, horizon: int, every: Sequence[Project]
) -> list[SeatChange]:
    """`plan_changes` of the one project `--project` names (SPEC 6) against the base's
    project of the same id, or a base of one project if `current` is the project of
    `every` (the file's) that continues it (`continued_by`); none: every seat is new. Shown
    as a one-project file's changes are."""
    if not base.model.projects:
        continues = continued_by(base, every) == current.id
        return plan_changes(current, base if continues else None, today, horizon)
    same = [p for p in base.projects() if p.id == current.id]
    return plan_changes(current, same[0] if same else None, today, horizon)


def vacated(project: Project, today: dt.date, horizon: int) -> list[SeatChange]:
    """The seats of the coming releases, each lost: what deleting the file does."""
    return [
        replace(change, before=change.after, after=None)
        for change in plan_changes(project, None, today, horizon)
    ]


def consent(
    current: Project,
    base: Project,
    changes: Sequence[SeatChange],
    approvers: Sequence[str],
    author: str | None = None,
    *,
    today: dt.date,
    days: int = CONSENT_DAYS,
) -> list[MissingConsent]:
    """Members whose seats `changes` move within `days` of `today` who are not among
    `approvers` (the author approves their own seats); logins from the current file, else
    from `base` (removed)."""
    logins = {m.id: m.github for m in base.model.members}
    logins.update({m.id: m.github for m in current.model.members})
    return missing_consent(needing_consent(changes, today, days), logins, approvers, author)
