"""The notices due on a day, for a team's chat (SPEC 5.6): reminders, moved seats, calls for
volunteers.

Pure: a plan (and, for `--since`, the plan it replaces) and a day in, typed notices out;
`relrot.render.notify` words them. Nothing here reads the clock or remembers earlier runs,
so a notice is due on a day by the file alone, and the same day gives the same notices.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Literal

from msgspec import Struct

from relrot.diff import plan_changes
from relrot.problems import RoleId
from relrot.references import next_from

if TYPE_CHECKING:
    from relrot.plan import Release
    from relrot.problems import Seat
    from relrot.project import Project

NoticeKind = Literal["reminder", "seat-moved", "volunteers"]
# The order notices come in on one day: by release, then this, then member or seat.
KIND_ORDER: dict[NoticeKind, int] = {"reminder": 0, "volunteers": 1, "seat-moved": 2}
# Seats and their holders (None: empty), in seat order.
Holders = list[tuple["Seat", str | None]]
# How many releases ahead `--since` compares, as `relrot diff` does by default.
DEFAULT_HORIZON = 12


class Notice(Struct, frozen=True):
    """One notice due on `due`.

    `member` is None for a call for volunteers, whose `seats` is the one empty seat. A
    reminder's `seats` are the member's crew seats in the release; `catch_up` marks the
    reminder of a member who became crew after a reminder day had passed. A moved seat's
    `before` and `after` are the seats the member held in the release before the change and
    holds now (empty: none).
    """

    kind: NoticeKind
    version: str
    release_date: dt.date
    opens: dt.date  # the first day of the release's duty window (its earliest milestone)
    due: dt.date
    member: str | None
    seats: tuple[Seat, ...] = ()
    before: tuple[Seat, ...] = ()
    after: tuple[Seat, ...] = ()
    catch_up: bool = False
    project: str | None = None  # its project's id, in a file with `projects:` (SPEC 6)

    @property
    def days_left(self) -> int:
        """Days from the day the notice is due to the duty window's first day."""
        return (self.opens - self.due).days

    @property
    def id(self) -> str:
        """Stable across runs: the kind, the release, the member (a call for volunteers: the
        empty seat) and the day the notice is due."""
        who = self.member if self.member is not None else self.seats[0]
        found = f"{self.kind}/{self.version}/{who}/{self.due.isoformat()}"
        # Two projects may share a version (26.5.0): the project's id opens the id there.
        return found if self.project is None else f"{self.project}/{found}"


def _seated(release: Release, roles: Sequence[str], *, jump_seat: bool = False) -> Holders:
    """Each seat of `release` and its holder: pilot, co-pilot, (the jump seat,) then `roles`
    that the release has, in that order."""
    fixed: Holders = [("pilot", release.pilot), ("co_pilot", release.co_pilot)]
    if jump_seat:
        fixed.append(("jump_seat", release.jump_seat))
    return fixed + [(RoleId(role), release.roles[role]) for role in roles if role in release.roles]


def crew_seats(release: Release, rotate_roles: Sequence[str]) -> dict[str, tuple[Seat, ...]]:
    """The crew reminders go to: the pilot, the co-pilot and the holders of rotate roles,
    each with their seats, in seat order."""
    crew: dict[str, tuple[Seat, ...]] = {}
    for seat, member in _seated(release, rotate_roles):
        if member is not None:
            crew[member] = (*crew.get(member, ()), seat)
    return crew


def empty_seats(release: Release, rotate_roles: Sequence[str]) -> list[Seat]:
    """The crew seats nobody holds; the jump seat and request roles are not crew seats."""
    return [seat for seat, member in _seated(release, rotate_roles) if member is None]


def upcoming(project: Project, today: dt.date, ahead: int) -> list[Release]:
    """The shipped releases whose duty window opens from `today` to `ahead` days after it;
    none once the calendar has ended."""
    last_day = today + dt.timedelta(days=ahead)
    start = project.placed(partial(next_from, project.calendar, today))
    if start is None:
        return []
    first = number = start
    calendar = project.calendar
    while (following := project.placed(partial(calendar.release, number + 1))) is not None:
        if following.duty_window[0] > last_day:
            break
        number += 1
    rows = project.rows(first, number - first + 1)
    return [r for r in rows if not r.skipped and today <= r.duty_window[0] <= last_day]


def reminders(project: Project, today: dt.date, base: Project | None = None) -> list[Notice]:
    """Reminders due on `today`, and on a reminder day the calls for volunteers.

    On a reminder day every crew member is reminded. Between a release's first reminder day
    and the opening of its duty window, a member who is crew now but was not in `base`'s
    plan (they became crew since) gets the reminder they missed, once, today. Without
    `base` that cannot be known, and only the reminder days remind.
    """
    from relrot.calendar import TermCalendar

    days = project.model.project.remind_days
    # An on-demand term has no release day to count down to (SPEC 6): its crew is on duty
    # from its first day, and nothing reminds them.
    if not days or isinstance(project.calendar, TermCalendar):
        return []
    rotate = [role.id for role in project.model.roles if role.fill == "rotate"]
    releases = upcoming(project, today, max(days))
    before = _by_version(base, releases) if base is not None else {}
    notices = []
    for release in releases:
        crew = crew_seats(release, rotate)
        due = _Due(release, today)
        if due.days_left in days:
            notices += [due.notice("reminder", member, seats) for member, seats in crew.items()]
            empty = empty_seats(release, rotate)
            notices += [due.notice("volunteers", None, (seat,)) for seat in empty]
        elif base is not None and due.days_left < max(days):
            had = crew_seats(before[release.version], rotate) if release.version in before else {}
            notices += [
                due.notice("reminder", member, seats, catch_up=True)
                for member, seats in crew.items()
                if member not in had
            ]
    return notices


class _Due(Struct, frozen=True):
    """Notices about `release` due on `today`."""

    release: Release
    today: dt.date

    @property
    def days_left(self) -> int:
        return (self.release.duty_window[0] - self.today).days

    def notice(
        self,
        kind: NoticeKind,
        member: str | None,
        seats: tuple[Seat, ...] = (),
        moved: tuple[tuple[Seat, ...], tuple[Seat, ...]] = ((), ()),
        *,
        catch_up: bool = False,
    ) -> Notice:
        """A notice of `kind` naming `seats`, or for a moved seat the seats held before and
        after (`moved`)."""
        r, (before, after) = self.release, moved
        opens = r.duty_window[0]
        return Notice(kind, r.version, r.date, opens, self.today, member, seats, before, after,
                      catch_up)  # fmt: skip


def _by_version(base: Project, releases: Sequence[Release]) -> dict[str, Release]:
    """`base`'s releases by version, reaching past the last of `releases` (a release may
    have moved by a few numbers)."""
    if not releases:
        return {}
    through = releases[-1].number + DEFAULT_HORIZON
    return {r.version: r for r in base.plan(through).releases}


def seats_moved(
    project: Project, base: Project, today: dt.date, horizon: int = DEFAULT_HORIZON
) -> list[Notice]:
    """ "Your seat moved": one notice per member and release for every seat the change from
    `base` moves, exactly the seats `relrot diff` shows with the same today and horizon."""
    changes = plan_changes(project, base, today, horizon)
    rows = {r.version: r for r in project.rows(*_span(project, today, horizon))}
    moved: dict[tuple[str, str], tuple[list[Seat], list[Seat]]] = {}
    for change in changes:
        if change.before is not None:
            moved.setdefault((change.version, change.before), ([], []))[0].append(change.seat)
        if change.after is not None:
            moved.setdefault((change.version, change.after), ([], []))[1].append(change.seat)
    notices = []
    for (version, member), (lost, gained) in moved.items():
        release = rows[version]
        now = held(release, member)
        was = tuple(s for s in now if s not in gained) + tuple(lost)
        due = _Due(release, today)
        notices.append(due.notice("seat-moved", member, moved=(was, now)))
    return notices


def _span(project: Project, today: dt.date, horizon: int) -> tuple[int, int]:
    start, through = project.checked_range(today, horizon)
    return start, through - start + 1


def held(release: Release, member: str) -> tuple[Seat, ...]:
    """Every seat `member` holds in `release`: pilot, co-pilot, jump seat, then roles."""
    seated = _seated(release, list(release.roles), jump_seat=True)
    return tuple(seat for seat, holder in seated if holder == member)


def notices(
    project: Project, today: dt.date, base: Project | None = None, horizon: int = DEFAULT_HORIZON
) -> list[Notice]:
    """Every notice due on `today`, by release date, then reminders, calls for volunteers
    and moved seats, then member (or seat)."""
    found = reminders(project, today, base)
    if base is not None:
        found += seats_moved(project, base, today, horizon)
    return sorted(found, key=_order)


def _order(notice: Notice) -> tuple[dt.date, str, int, str]:
    who = notice.member if notice.member is not None else notice.seats[0]
    return (notice.release_date, notice.version, KIND_ORDER[notice.kind], who)
