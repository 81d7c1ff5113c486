"""Edits of the rotation file as values: one module per edit (swap, away, pin, importing,
shipped), each returning a `Change` that holds facts (the typed edits, the seats they move,
the problems they add, a swap's `Proposal`) and no prose: `relrot.render.change` words it.

Showing, refusing and writing a change are separate steps, so the command line can print a
dry run and a library caller can read `.moves` before anything touches the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from msgspec import Struct, field

from relrot.diff import SeatChange, role_labels, seat_changes
from relrot.problems import Problem, RelrotError, Severity, has_errors

if TYPE_CHECKING:
    from relrot.model import ExtraCrew, Role, RotationFile
    from relrot.project import Project
    from relrot.swap import Proposal
    from relrot.yamlfile.load import Loaded

__all__ = [
    "AddAway",
    "Append",
    "Change",
    "Edit",
    "Entry",
    "Facts",
    "FromPlan",
    "MarkExperienced",
    "PinEntry",
    "RemoveItems",
    "SeatChange",
    "SetDate",
    "ShippedEntry",
    "SwapEntry",
]

Kind = Literal["swap", "away", "pin", "import", "shipped"]
# How a refusal names the change: a refusal is a problem, and problems are worded where
# they are found; the summary of a change is not, and is worded in `relrot.render.change`.
ACTION: dict[Kind, str] = {
    "swap": "this swap",
    "away": "this away range",
    "pin": "pinning",
    "import": "this import",
    "shipped": "this date",
}


class SwapEntry(Struct, frozen=True):
    """One `swaps:` entry: `out` gives the `seat` of `release` to `in_`."""

    release: str
    seat: Role | str  # pilot, co_pilot or a role's id (SPEC 3.7)
    out: str
    in_: str
    reason: str | None = None


class PinEntry(Struct, frozen=True):
    """One `releases:` entry, as every command pins it: empty seats are None."""

    version: str
    date: dt.date
    pilot: str | None = None
    co_pilot: str | None = None
    jump_seat: str | None = None
    also: tuple[ExtraCrew, ...] = ()
    # Role seats (SPEC 3.7), in `roles:` order: (role id, holder); empty ones left out.
    roles: tuple[tuple[str, str], ...] = ()
    # An on-demand project's term (SPEC 6): written `term:` with no date, and what shipped.
    term: bool = False
    shipped: tuple[ShippedEntry, ...] = ()


class ShippedEntry(Struct, frozen=True):
    """One release of an on-demand project in its term's `shipped:` list (SPEC 6)."""

    version: str
    date: dt.date


Entry = SwapEntry | PinEntry | ShippedEntry

# Where a list an edit changes is: the lists and indices that lead from the top of the file
# to the mapping holding it; empty for the top level (SPEC 6: a project's entry).
Under = tuple[tuple[str, int], ...]


def under(project: Project) -> Under:
    """Where `project`'s own keys are in its file: its `projects:` entry, or the top."""
    from relrot.portfolio import Part

    return (("projects", project.view.index),) if isinstance(project, Part) else ()


def on_demand(project: Project) -> bool:
    """Whether `project` is an on-demand project of a portfolio, seated by terms (SPEC 6)."""
    from relrot.portfolio import Part

    return isinstance(project, Part) and project.view.on_demand


def _at(data: Any, where: Under) -> Any:
    for key, index in where:
        data = data[key][index]
    return data


class Append(Struct, frozen=True):
    """Entries added after the last item of a top-level list (`swaps:` or `releases:`); the
    patch layer spells them as YAML."""

    key: Literal["swaps", "releases", "shipped"]
    entries: tuple[Entry, ...]
    purpose: str  # what a failed read-back says relrot was doing
    under: Under = ()

    def text(self, loaded: Loaded) -> str:
        from relrot.yamlfile.patch import append_in_item, append_top_level, fields

        entries = [fields(e) for e in self.entries]
        if self.under:
            return append_in_item(loaded, self.under, self.key, entries)
        return append_top_level(loaded, self.key, entries)

    def expect(self, data: Any) -> None:
        from relrot.yamlfile.patch import fields

        data = _at(data, self.under)
        data[self.key] = [*(data.get(self.key) or []), *(fields(e) for e in self.entries)]


class AddAway(Struct, frozen=True):
    """An away range added to the member at `index` of `members:`."""

    index: int
    member: str
    first: dt.date
    last: dt.date
    reason: str | None = None
    purpose = "add the away range"

    @property
    def entry(self) -> dict[str, object]:
        entry: dict[str, object] = {"from": self.first, "to": self.last}
        if self.reason:
            entry["reason"] = self.reason
        return entry

    def text(self, loaded: Loaded) -> str:
        from relrot.yamlfile.patch import add_member_away

        return add_member_away(loaded, self.index, self.entry)

    def expect(self, data: Any) -> None:
        record = data["members"][self.index]
        record["away"] = [*(record.get("away") or []), self.entry]


class SetDate(Struct, frozen=True):
    """The `date` of the pinned release at `index` of `releases:` set to `day`."""

    index: int
    day: dt.date
    purpose = "record the date"
    under: Under = ()

    def text(self, loaded: Loaded) -> str:
        from relrot.yamlfile.patch import set_entry_value

        return set_entry_value(loaded, "releases", self.index, "date", self.day, self.under)

    def expect(self, data: Any) -> None:
        _at(data, self.under)["releases"][self.index]["date"] = self.day


class RemoveItems(Struct, frozen=True):
    """The items at `indices` of a top-level list (`swaps:`) taken out, in one edit."""

    key: Literal["swaps"]
    indices: tuple[int, ...]
    purpose: str
    under: Under = ()

    def text(self, loaded: Loaded) -> str:
        from relrot.yamlfile.patch import remove_top_level_items

        return remove_top_level_items(loaded, self.key, self.indices, self.under)

    def expect(self, data: Any) -> None:
        data = _at(data, self.under)
        data[self.key] = [e for i, e in enumerate(data[self.key]) if i not in self.indices]


class MarkExperienced(Struct, frozen=True):
    """`experienced: true` set on the member at `index` of `members:` (SPEC 3.5)."""

    index: int
    member: str
    purpose = "mark the member experienced"

    def text(self, loaded: Loaded) -> str:
        from relrot.yamlfile.patch import set_entry_value

        return set_entry_value(loaded, "members", self.index, "experienced", True)

    def expect(self, data: Any) -> None:
        data["members"][self.index]["experienced"] = True


Edit = Append | AddAway | SetDate | RemoveItems | MarkExperienced


# The seats a pinned release records, in the order an entry holds them.
PinnedSeat = Literal["pilot", "co_pilot", "jump_seat"]
PINNED_SEATS: tuple[PinnedSeat, ...] = ("pilot", "co_pilot", "jump_seat")


class FromPlan(Struct, frozen=True):
    """A seat a pin records as the plan gives it, not from any record of who served."""

    version: str
    seat: PinnedSeat | str  # or a role's id (SPEC 3.7)
    member: str


class Pinned(Struct, frozen=True):
    """A pin: the releases up to number `through`; `shipped`, when the pin records that the
    last of them shipped on a day of its own; `from_plan`, every seat it records, in order,
    since each comes from the plan (SPEC 5.4)."""

    through: int
    shipped: Shipped | None = None
    from_plan: tuple[FromPlan, ...] = ()


class Shipped(Struct, frozen=True):
    """RELEASE shipped on `day` (planned for `planned`); `already` when the file says so."""

    version: str
    day: dt.date
    planned: dt.date
    already: bool = False
    term: str | None = None  # an on-demand project's term that holds `day` (SPEC 6)


class Imported(Struct, frozen=True):
    """The choices an import made: issues passed over (issue, why), issues whose release is
    pinned already (issue, version), releases pinned with no issue read, and how the crews
    read met the plan, its swaps and the members' experience (SPEC 3.5, 3.6)."""

    passed_over: tuple[tuple[str, str], ...] = ()
    kept: tuple[tuple[str, str], ...] = ()
    gaps: tuple[str, ...] = ()
    # Seats an issue left as a placeholder, pinned with the plan's holder: (version, seat, id).
    from_plan: tuple[tuple[str, str, str], ...] = ()
    # Releases with swaps whose issue names another crew than the plan with those swaps:
    # (version, the number of swaps removed, the issue).
    served: tuple[tuple[str, int, str], ...] = ()
    # Swaps recorded from the issues (`--as-swaps`): (version, seat, out, in).
    swapped: tuple[tuple[str, str, str, str], ...] = ()
    # Members an issue older than the calendar names as pilot or co-pilot: (id, issue).
    experienced: tuple[tuple[str, str], ...] = ()


Facts = Pinned | Shipped | Imported


class Change(Struct, frozen=True):
    """An edit of the rotation file as a value: shown, refused and written as separate steps."""

    before: Project
    after: Project
    kind: Kind
    edits: tuple[Edit, ...] = ()
    # The seats of the coming releases whose holder the change moves, release by release.
    moves: list[SeatChange] = field(default_factory=list)
    added: tuple[Problem, ...] = ()  # problems the change adds, placed in the changed file
    proposal: Proposal | None = None  # a swap's ranking and choice
    facts: Facts | None = None  # what else the kind of change decided

    @property
    def empty(self) -> bool:
        return self.after is self.before

    @property
    def action(self) -> str:
        return ACTION[self.kind] if not self.empty else "this change"

    @property
    def refused(self) -> bool:
        return self.refuses()

    def refuses(self, *, strict: bool = False) -> bool:
        """Whether the change adds an error (with `strict`, an error or a warning)."""
        return has_errors(self.added, strict=strict)

    def refusal(self, *, strict: bool = False) -> RelrotError:
        from relrot.yamlfile.patch import refusal

        path = self.before.path
        why = "" if self.refused or not strict else " (--strict refuses warnings too)"
        return refusal(
            f"refused: {self.action} would add {len(self.added)} problem(s){why}; "
            f"{path} is unchanged",
            path,
            *self.added,
        )

    def diff(self) -> str:
        """The change as a unified diff of the file."""
        from relrot.yamlfile.patch import unified_diff

        if self.empty:
            return ""
        return unified_diff(self.before.file, self.after.file)

    def write(self, *, strict: bool = False) -> bool:
        """Write the changed file atomically; refuses (the file untouched) a change that adds
        an error, or with `strict` a warning. False when there was nothing to write."""
        from relrot.yamlfile.atomic import write_atomically

        if self.refuses(strict=strict):
            raise self.refusal(strict=strict)
        if self.empty:
            return False
        return write_atomically(self.before.file, self.after.file.raw)


def unchanged(project: Project, kind: Kind, facts: Facts | None = None) -> Change:
    """A change that edits nothing: there is nothing to write, and it says why."""
    return Change(project, project, kind, facts=facts)


def apply(project: Project, *edits: Edit) -> Project:
    """The project with `edits` made to its file, each read back to prove it did just that."""
    from relrot.project import Project
    from relrot.yamlfile.patch import edited

    after = project
    for edit in edits:
        changed = edited(after.file, edit.text(after.file), edit.expect, edit.purpose)
        if after.several:
            # One project of several (SPEC 6): the same project of the changed file.
            after = Project(changed.model, changed).portfolio.get(after.id or "")
            continue
        same = changed.model.schedule == after.model.schedule
        kept = same and _dates(changed.model) == _dates(after.model)
        after = Project(changed.model, changed, keeps=after if kept else None)
    return after


def _dates(model: RotationFile) -> list[dt.date | None]:
    return [pinned.date for pinned in model.releases]


def horizon(project: Project, today: dt.date, through: int, least: int | None = None) -> int:
    """A check horizon from today long enough to cover release `through`."""
    from relrot.project import DEFAULT_HORIZON

    return max(least or DEFAULT_HORIZON, through - project.first_from(today) + 1)


def finish(
    project: Project,
    after: Project,
    kind: Kind,
    edits: Sequence[Edit],
    *,
    today: dt.date,
    horizon: int,
    history: Sequence[Problem] = (),
    proposal: Proposal | None = None,
    facts: Facts | None = None,
    added: Sequence[Problem] | None = None,
) -> Change:
    """The change: the seats it moves in the coming releases and the problems it adds."""
    start, through = project.checked_range(today, horizon)
    if added is None:
        added = added_problems(checked(project, today, horizon), checked(after, today, horizon))
    planned, changed = project.plan(through).releases, after.plan(through).releases
    labels = role_labels(after.model, project.model)
    moves = seat_changes(planned[start - 1 :], changed[start - 1 :], labels)
    return Change(project, after, kind, tuple(edits), moves, (*history, *added), proposal, facts)


def checked(project: Project, today: dt.date, horizon: int) -> list[Problem]:
    """Every problem of the file: one project of several is checked with the others, so a
    change to it that puts someone in `double-duty` anywhere is seen (SPEC 6)."""
    if project.several:
        return project.portfolio.check(today, horizon)
    return project.check(today, horizon).problems


def added_problems(before: Sequence[Problem], after: Sequence[Problem]) -> list[Problem]:
    """Errors and warnings in `after` that were not already in `before` (positions aside);
    history (info) is never added by a change."""

    def key(problem: Problem) -> tuple[str, str | None, str | None, str | None]:
        # Not the message: a pin rewords a problem it does not cause ("pinned with no pilot").
        return (problem.rule, problem.release, problem.member, problem.seat)

    existing = {key(p) for p in before if p.severity is not Severity.INFO}
    return [p for p in after if p.severity is not Severity.INFO and key(p) not in existing]
