"""The project: one rotation file, loaded once, and every question relrot answers about it.

`Project` sits between the command line and the core, as the public API of relrot: it owns
the loaded file, its one calendar and its plans, resolves release references in one place,
checks the file in one pass, and computes edits (swap, away, pin) as `Change` values that
can be shown, refused or written as separate steps::

    from relrot.project import Project
    project = Project.load("rotation.yaml")
    change = project.swap("26.7.0", "tobby", today=datetime.date(2026, 1, 1))
    print(change.diff())
    change.write()

I/O happens only through `relrot.yamlfile`: `load` reads the file, `patch` and `atomic` write it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar

from relrot.problems import Problem, RelrotError, Severity, UsageError, has_errors, seat_named
from relrot.references import Question, Reference, Resolver, first_from

if TYPE_CHECKING:
    from relrot.calendar import Calendar, ReleaseDate
    from relrot.diff import MissingConsent, SeatChange
    from relrot.fairness import Fairness
    from relrot.importing import Reading
    from relrot.model import Member, RotationFile
    from relrot.plan import Plan, Release, Rotations
    from relrot.yamlfile.load import Loaded

DEFAULT_HORIZON = 12
# The most releases one question may cover (`--horizon`, `--count`): a bound on the work a
# command line can ask for, far past any real plan.
MAX_RELEASES_ASKED = 10_000
T = TypeVar("T")


@dataclass(frozen=True)
class Report:
    """Every problem of a file, placed in it; `plan` is None when none could be made."""

    problems: list[Problem]
    plan: Plan | None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]


class Project:
    """A rotation file and its answers, computed once per version of the file."""

    def __init__(self, model: RotationFile, loaded: Loaded | None = None) -> None:
        self.model: RotationFile = model
        self.loaded = loaded
        self._plans: dict[int, Plan] = {}
        self._resolvers: dict[dt.date | None, Resolver] = {}
        # Seat queues worked out, shared with edited versions that keep the calendar.
        self._rotations: Rotations = []

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Project:
        """Read and check the shape of a file; raises `RelrotError` listing every problem."""
        from relrot.yamlfile.load import load

        loaded = load(path)
        return cls(loaded.model, loaded)

    @classmethod
    def parse(cls, raw: bytes, name: str = "rotation.yaml") -> Project:
        from relrot.yamlfile.load import parse

        loaded = parse(raw, name)
        return cls(loaded.model, loaded)

    @property
    def path(self) -> str:
        return self.loaded.path if self.loaded else "rotation.yaml"

    # --- the calendar, references and plans -----------------------------------------------

    @functools.cached_property
    def calendar(self) -> Calendar:
        from relrot.calendar import Calendar

        pinned_dates = {
            i + 1: pinned.date
            for i, pinned in enumerate(self.model.releases)
            if pinned.date is not None
        }
        return Calendar(self.model.schedule, pinned_dates)

    def resolver(self, today: dt.date | None = None) -> Resolver:
        """The one release resolver (`relrot.references`); with `today`, references reach
        past the releases over by then as well as past the pinned ones."""
        if today not in self._resolvers:
            pinned = len(self.model.releases)
            self._resolvers[today] = self._placed(
                lambda: Resolver.reaching(self.calendar, pinned, today)
            )
        return self._resolvers[today]

    def release(
        self, ref: Reference, question: Question, *, crewed: bool, today: dt.date | None = None
    ) -> ReleaseDate:
        """The release a reference names (SPEC 5); a usage error if none."""
        resolver = self.resolver(today)
        return self._placed(lambda: resolver.resolve(ref, question, crewed=crewed))

    def first_from(self, day: dt.date) -> int:
        """The number of the first release whose duty window ends on or after `day`."""
        return self._placed(lambda: first_from(self.calendar, day))

    def plan(self, through: int) -> Plan:
        """The plan of releases 1..`through` (computed once per length)."""
        if through not in self._plans:
            from relrot.plan import build_plan

            self._plans[through] = self._placed(
                lambda: build_plan(self.model, self.calendar, through, self._rotations)
            )
        return self._plans[through]

    def rows(self, first: int, count: int) -> list[Release]:
        """Releases first..first+count-1; plans are prefixes of each other (SPEC 3.2)."""
        _within_limit(count, "--count", self.path)
        last = first + count - 1
        covering = [plan for through, plan in self._plans.items() if through >= last]
        plan = covering[0] if covering else self.plan(last)
        return plan.releases[first - 1 : last]

    def issue(self, ref: str) -> str:
        """The body of a release's tracking issue (SPEC 5.4): the team's template filled, if
        `project.issue_template` names one, else relrot's own layout."""
        from relrot.render import issue

        found = self.release(ref, Question.ON_DUTY, crewed=True)
        release = self.rows(found.number, 1)[0]
        template = self.model.project.issue_template
        if template is None:
            return issue.render(release, self.model)
        from pathlib import Path

        from relrot.yamlfile.read import decode, inside, read_source, repository_of

        if Path(template).is_absolute():
            raise UsageError(
                f"`project.issue_template` {template!a} is an absolute path; name the template "
                f"relative to {self.path}, inside its repository",
                file=self.path,
            )
        # The file names its template: it may not lead relrot out of the file's repository.
        root = repository_of(self.path)
        path = str(Path(self.path).parent / template)
        inside(path, root)
        if not Path(path).exists():
            raise UsageError(
                f"{path}: no such file; `project.issue_template` names it, relative to {self.path}",
                file=self.path,
            )
        text, problem = decode(read_source(path, within=root), path)
        if problem is not None:
            raise RelrotError([problem])
        return issue.fill_template(text, release, self.model, path)

    def today(self, given: dt.date | None = None) -> dt.date:
        """`given`, else today's date in the schedule's time zone."""
        if given is not None:
            return given
        import zoneinfo

        return dt.datetime.now(zoneinfo.ZoneInfo(self.model.schedule.timezone)).date()

    def member(self, member_id: str) -> Member:
        """A member named on the command line; a usage error with a suggestion if unknown."""
        member = self.model.member(member_id)
        if member is None:
            ids = [m.id for m in self.model.members]
            guess = difflib.get_close_matches(member_id, ids, n=1)
            hint = f"did you mean {guess[0]}?" if guess else f"members are {', '.join(ids)}"
            message = f"{member_id!r} is not on the roster; {hint}"
            raise UsageError(message, file=self.path, names_file=False)
        return member

    def names(self) -> dict[str, str]:
        return {m.id: m.display for m in self.model.members}

    def stats(
        self, today: dt.date, start: str | None = None, count: int | None = None
    ) -> Fairness | None:
        """Seats per member from release `start` (default 1: all pinned history) for `count`
        releases (default: through the checked horizon); None when none of them ships."""
        from relrot.fairness import fairness

        first = 1
        if start is not None:
            first = self.release(start, Question.FROM, crewed=False, today=today).number
        if count is None:
            count = max(self._checked_range(today, DEFAULT_HORIZON)[1] - first + 1, 1)
        return fairness(self.rows(first, count), self.model, today)

    # --- checking ---------------------------------------------------------------------------

    def check(self, today: dt.date, horizon: int = DEFAULT_HORIZON) -> Report:
        """Every problem of the file in one pass: the plan's and the rules', placed.

        Checks the pinned releases and the `horizon` releases from today (0: only the file
        and its pinned releases). Problems before today are history (SPEC 3.5).
        """
        from relrot.plan import check_references
        from relrot.rules import as_history, run_rules

        _within_limit(horizon, "--horizon", self.path)
        try:
            start, through = self._checked_range(today, horizon)
            plan = self.plan(through)
        except RelrotError as exc:
            found = [*check_references(self.model), *exc.problems]
            return Report(self._place_all(found), None)
        problems = plan.problems + run_rules(self.model, plan, self.calendar, start)
        return Report(self._place_all(as_history(problems, plan, today)), plan)

    def _checked_range(self, today: dt.date, horizon: int) -> tuple[int, int]:
        """The first release checked as coming (not history) and the last one planned."""
        pinned = len(self.model.releases)
        if horizon == 0:
            return pinned + 1, pinned
        start = self.first_from(today)
        return start, max(start + horizon - 1, pinned)

    # --- edits ------------------------------------------------------------------------------

    def swap(
        self,
        release: str,
        member: str,
        *,
        today: dt.date,
        with_member: str | None = None,
        reason: str | None = None,
    ) -> Change:
        """MEMBER opts out of RELEASE (SPEC 5.3): the ranked replacement, as a change."""
        from relrot.swap import EVALUATED, NEARBY, explain, propose

        target = self.release(release, Question.ON_DUTY, crewed=True, today=today)
        self.member(member)
        if with_member is not None:
            self.member(with_member)
        # The ranking looks NEARBY shipped releases either side of the target.
        nearby = self.resolver(today).shipped_after(target.number, NEARBY + 1)
        horizon = self._edit_horizon(today, nearby)
        plan = self.plan(self._checked_range(today, horizon)[1])
        row = plan.releases[target.number - 1]
        proposal = self._placed(
            lambda: propose(
                self.model,
                plan,
                row,
                member,
                with_member=with_member,
                reason=reason,
                today=today,
            )
        )
        before = self.check(today, horizon).problems
        worked_out: dict[str, tuple[Project, list[Problem]]] = {}
        if with_member is None:
            # What each of the best-ranked choices would add, worked out on the changed file.
            for candidate in proposal.candidates[:EVALUATED]:
                entries = proposal.entries_with(candidate.member)
                worked_out[candidate.member] = self._swap_consequences(
                    entries, today, horizon, before
                )
                if not worked_out[candidate.member][1]:
                    break  # a choice that adds nothing is the best there is: no rival needed
            proposal = proposal.with_costs({m: tuple(c[1]) for m, c in worked_out.items()})
        after, added = worked_out.get(proposal.chosen) or self._swap_consequences(
            proposal.entries, today, horizon, before
        )
        count = len(proposal.entries)
        what = "1 swap entry" if count == 1 else f"{count} swap entries"
        summary = tuple(explain(proposal, self.names()))
        return Change(self, after, summary, tuple(added), what, "this swap")

    def _swap_consequences(
        self,
        entries: Sequence[dict[str, object]],
        today: dt.date,
        horizon: int,
        before: Sequence[Problem],
    ) -> tuple[Project, list[Problem]]:
        """The file with these swap entries added, and the problems they add to it."""
        from relrot.yamlfile.patch import append_top_level

        listed = list(entries)

        def expect(data: Any) -> None:
            data["swaps"] = [*(data.get("swaps") or []), *listed]

        after = self._edited(append_top_level(self._file, "swaps", listed), expect, "add the swap")
        return after, added_problems(before, after.check(today, horizon).problems)

    def away(
        self,
        member: str,
        first: dt.date,
        last: dt.date,
        *,
        today: dt.date,
        reason: str | None = None,
        horizon: int = DEFAULT_HORIZON,
    ) -> Change:
        """MEMBER is away FIRST..LAST: the range added to the member, and the seats it moves."""
        from relrot.diff import seat_changes
        from relrot.render import diff as render
        from relrot.render.sinks import visible
        from relrot.yamlfile.patch import add_member_away

        if last < first:
            raise UsageError(f"TO ({last}) is before FROM ({first})")
        person = self.member(member)
        index = [m.id for m in self.model.members].index(person.id)
        entry: dict[str, object] = {"from": first, "to": last}
        if reason:
            entry["reason"] = reason

        def expect(data: Any) -> None:
            record = data["members"][index]
            record["away"] = [*(record.get("away") or []), entry]

        after = self._edited(
            add_member_away(self._file, index, entry), expect, "add the away range"
        )
        # A moved stint ripples into the releases after the range, at most a stint further.
        ripple = self._number_after(last, today) + len(self.model.rotation.stint)
        horizon = self._edit_horizon(today, ripple, horizon)
        start, through = self._checked_range(today, horizon)
        planned, changed = self.plan(through).releases, after.plan(through).releases
        moved = seat_changes(planned[start - 1 :], changed[start - 1 :])
        past = [r for r in planned if r.date < today]
        rewritten = seat_changes(past, changed[: len(past)])
        # Lines for a terminal: the name is data, the seat changes come rendered as text.
        summary = (
            f"{visible(person.display)} away {first}..{last}:",
            *render.render_text(moved, self.model).rstrip().split("\n"),
        )
        history = [_history_problem(change, today, "this away range") for change in rewritten]
        return self._change(
            after, today, horizon, summary, "the away range", "this away range", history
        )

    def pin(self, through: str | None, *, today: dt.date) -> Change:
        """Pin planned releases up to THROUGH (default: those before today and the one in
        progress) into `releases:`; an empty change when they are pinned already."""
        if through is None:
            last = self._placed(lambda: self.resolver(today).in_progress(today))
        else:
            last = self.release(through, Question.THROUGH, crewed=False, today=today).number
        return self._pin_through(last, today)

    def _pin_through(
        self, last: int, today: dt.date, shipped: dt.date | None = None, note: str = ""
    ) -> Change:
        """Pin releases up to number `last`; `shipped` is the last one's actual date."""
        from relrot.pin import pin_entries
        from relrot.yamlfile.patch import append_top_level

        horizon = self._edit_horizon(today, last)
        plan = self.plan(self._checked_range(today, horizon)[1])
        entries = pin_entries(plan, last)
        if not entries:
            message = f"nothing to pin: releases up to {last or 'none'} are already pinned"
            return Change(self, self, (message,), (), "nothing")
        if shipped is not None:
            entries[-1]["date"] = shipped
        versions = [str(e["version"]) for e in entries]

        def expect(data: Any) -> None:
            data["releases"] = [*(data.get("releases") or []), *entries]

        after = self._edited(
            append_top_level(self._file, "releases", entries), expect, "pin the releases"
        )
        summary = (f"pinning {len(entries)} release(s): {', '.join(versions)}", note)
        return self._change(
            after,
            today,
            horizon,
            [line for line in summary if line],
            f"{len(entries)} pinned releases",
            "pinning",
        )

    def import_issues(
        self, reading: Reading, *, today: dt.date, allow_gaps: bool = False
    ) -> Change:
        """Pin the crews read from release issues (SPEC 5.5) after the pinned run; an empty
        change when every one is pinned already. Refused when a handle is on no member, or
        (without `allow_gaps`) when a release in the run has no issue."""
        from relrot.importing import choose_crews, cut, excerpt, unknown_handles
        from relrot.model import ExtraCrew
        from relrot.pin import pinned_entry
        from relrot.yamlfile.patch import append_top_level, refusal

        pinned = len(self.model.releases)
        numbers = {crew.version: self._importable(crew.version, today) for crew in reading.found}
        chosen = choose_crews(reading.found, numbers)
        # What the reading itself left out (`reading.skipped`, `reading.notes`) is the
        # reader's to show; these are the choices made here.
        unused = [f"{s.issue.name}: not used: {s.reason}" for s in chosen.passed_over]
        summary = cut(unused, "issues not used")
        summary += [
            f"{crew.issue.name}: {crew.version} is pinned already; left as it is"
            for number, crew in chosen.crews.items()
            if number <= pinned
        ]
        new = {n: crew for n, crew in chosen.crews.items() if n > pinned}
        members = {m.github.lower(): m.id for m in self.model.members if m.github}
        unknown = [
            Problem(
                "import",
                Severity.ERROR,
                f"{crew.issue.name} ({excerpt(crew.issue.title)}): @{handle} is not the "
                "`github` of any member; add it to their entry in `members:`",
                file=self.path,
                release=crew.version,
            )
            for crew in new.values()
            for handle in unknown_handles(crew, members)
        ]
        if unknown:
            raise refusal(
                f"refused: nothing imported; {self.path} is unchanged", self.path, *unknown
            )
        if not new:
            summary.append(f"nothing to import: every release read is pinned in {self.path}")
            return Change(self, self, tuple(summary), (), "nothing")
        last = max(new)
        horizon = self._edit_horizon(today, last)
        plan = self.plan(self._checked_range(today, horizon)[1])
        run = plan.releases[pinned:last]
        gaps = [r.version for r in run if not r.skipped and r.number not in new]
        if gaps and not allow_gaps:
            raise refusal(
                f"refused: no issue was read for {', '.join(gaps)}, so the pinned run would "
                "have a gap; import their issues too, or pass --allow-gaps to pin them with "
                f"empty seats; {self.path} is unchanged",
                self.path,
            )
        summary += [f"{version}: no issue; pinned with empty seats" for version in gaps]

        def member(handle: str | None) -> str | None:
            return members[handle.lower()] if handle else None

        entries = []
        for release in run:
            crew = new.get(release.number)
            if crew is None or release.skipped:
                entries.append(pinned_entry(release.version, release.date))
                continue
            also = [ExtraCrew(member=members[e.handle.lower()], role=e.role) for e in crew.also]
            entries.append(
                pinned_entry(
                    release.version,
                    release.date,
                    pilot=member(crew.pilot),
                    co_pilot=member(crew.co_pilot),
                    jump_seat=member(crew.jump_seat),
                    also=also,
                )
            )

        def expect(data: Any) -> None:
            data["releases"] = [*(data.get("releases") or []), *entries]

        after = self._edited(
            append_top_level(self._file, "releases", entries), expect, "import the releases"
        )
        versions = ", ".join(str(e["version"]) for e in entries)
        summary.append(f"pinning {len(entries)} release(s): {versions}")
        return self._change(
            after, today, horizon, summary, f"{len(entries)} imported releases", "this import"
        )

    def shipped(self, release: str, day: dt.date, *, today: dt.date) -> Change:
        """Record that RELEASE shipped on `day`: its pinned `date` set (the releases up to
        it pinned first, as `pin` would); an empty change when that is the date already."""
        from relrot.yamlfile.patch import set_entry_value

        target = self.release(release, Question.THROUGH, crewed=True, today=today)
        if day > today:
            raise UsageError(f"{day} is after today ({today}); record a release once it shipped")
        self._check_ship_date(target, day)
        planned = target.planned
        note = f"{target.version} shipped on {day:%a} {day} (planned {planned:%a} {planned})"
        if target.number > len(self.model.releases):
            return self._pin_through(target.number, today, day, note)
        if self.model.releases[target.number - 1].date == day:
            recorded = f"{target.version} is recorded as shipped on {day} already"
            return Change(self, self, (recorded,), (), "nothing")
        index = target.number - 1

        def expect(data: Any) -> None:
            data["releases"][index]["date"] = day

        text = set_entry_value(self._file, "releases", index, "date", day)
        after = self._edited(text, expect, "record the date")
        horizon = self._edit_horizon(today, target.number)
        return self._change(after, today, horizon, (note,), "the date", "this date")

    def _check_ship_date(self, target: ReleaseDate, day: dt.date) -> None:
        """A release ships after the one before it and before the next one is due."""
        before = self.calendar.release(target.number - 1) if target.number > 1 else None
        following = self.calendar.release(target.number + 1)
        if before is not None and day <= before.date:
            raise UsageError(
                f"{target.version} cannot have shipped on {day}: {before.version} shipped on "
                f"{before.date}, and releases ship in order"
            )
        if following is not None and day >= following.nominal:
            raise UsageError(
                f"{target.version} cannot have shipped on {day}: {following.version} is due on "
                f"{following.nominal}; if {following.version} was not shipped, add it to "
                "`schedule.skip`"
            )

    def _importable(self, version: str, today: dt.date) -> int | str:
        """The number of the release `version`, or why no crew can be pinned for it."""
        release = self.resolver(today).version(version)
        if release is None:
            first = self.calendar.release(1)
            since = f" (it starts at {first.version})" if first else ""
            return f"{version} is not a release of this calendar{since}"
        if release.skipped:
            return f"{version} is in `skip`, so it has no crew"
        return release.number

    def diff(
        self, base: Project | None, today: dt.date, horizon: int = DEFAULT_HORIZON
    ) -> list[SeatChange]:
        """Seats of the coming `horizon` releases whose holder differs in `base` (None: the
        change adds the file, so every seat is new)."""
        from relrot.diff import seat_changes

        start, through = self._checked_range(today, horizon)
        current = self.plan(through).releases[start - 1 :]
        # The base plan reaches further: a release may have moved by a few numbers.
        previous = base.plan(through + horizon).releases if base else []
        return seat_changes(previous, current)

    def vacated(self, today: dt.date, horizon: int = DEFAULT_HORIZON) -> list[SeatChange]:
        """The seats of the coming releases, each lost: what deleting the file does."""
        return [
            replace(change, before=change.after, after=None)
            for change in self.diff(None, today, horizon)
        ]

    def consent(
        self,
        base: Project,
        changes: Sequence[SeatChange],
        approvers: Sequence[str],
        author: str | None = None,
    ) -> list[MissingConsent]:
        """Members whose seats `changes` move who are not among `approvers` (the author
        approves their own seats); logins from this file, else from `base` (removed)."""
        from relrot.diff import missing_consent

        logins = {m.id: m.github for m in base.model.members}
        logins.update({m.id: m.github for m in self.model.members})
        return missing_consent(changes, logins, approvers, author)

    # --- helpers ----------------------------------------------------------------------------

    @property
    def _file(self) -> Loaded:
        if self.loaded is None:
            raise UsageError("this project was not read from a file, so it cannot be edited")
        return self.loaded

    def _edited(self, text: str, expect: Callable[[Any], None], what: str) -> Project:
        from relrot.yamlfile.patch import edited

        changed = edited(self._file, text, expect, what)
        after = Project(changed.model, changed)
        if self._same_calendar(after):
            # A calendar is a cache of what the schedule and pinned dates give; an edit that
            # changes neither (a swap, an away range) shares it instead of computing it again.
            after.__dict__["calendar"] = self.calendar
            after._rotations = self._rotations
        return after

    def _same_calendar(self, other: Project) -> bool:
        def dates(project: Project) -> list[dt.date | None]:
            return [pinned.date for pinned in project.model.releases]

        return other.model.schedule == self.model.schedule and dates(other) == dates(self)

    def _change(
        self,
        after: Project,
        today: dt.date,
        horizon: int,
        summary: Sequence[str],
        what: str,
        action: str,
        history: Sequence[Problem] = (),
    ) -> Change:
        before = self.check(today, horizon).problems
        added = [*history, *added_problems(before, after.check(today, horizon).problems)]
        return Change(self, after, tuple(summary), tuple(added), what, action)

    def _edit_horizon(self, today: dt.date, through: int, horizon: int = DEFAULT_HORIZON) -> int:
        """A check horizon from today long enough to cover release `through`."""
        return max(horizon, through - self.first_from(today) + 1)

    def _number_after(self, day: dt.date, today: dt.date) -> int:
        """The first release whose duty window ends on or after `day`, or the furthest
        release relrot looks at when none does."""
        resolver = self.resolver(today)
        try:
            return resolver.resolve(day, Question.FROM, crewed=False).number
        except UsageError:
            return resolver.limit

    def place(self, problem: Problem) -> Problem:
        """The problem with its file, line and column in this project's file."""
        if self.loaded is not None and problem.path is not None:
            return self.loaded.place(problem)
        return problem if problem.file else replace(problem, file=self.path)

    def _place_all(self, problems: Sequence[Problem]) -> list[Problem]:
        return [self.place(p) for p in problems]

    def _placed(self, compute: Callable[[], T]) -> T:
        """Run core code; the problems it raises come out placed in this file."""
        try:
            return compute()
        except RelrotError as exc:
            exc.problems = self._place_all(exc.problems)
            raise


@dataclass(frozen=True)
class Change:
    """An edit of the rotation file as a value: shown, refused and written as separate steps."""

    before: Project
    after: Project
    summary: tuple[str, ...]
    added: tuple[Problem, ...]  # problems the change adds, placed in the changed file
    what: str  # what is written, e.g. "1 swap entry"
    action: str = "this change"  # how refusals name it

    @property
    def empty(self) -> bool:
        return self.after is self.before

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
        return unified_diff(self.before._file, self.after._file)

    def write(self, *, strict: bool = False) -> bool:
        """Write the changed file atomically; refuses (the file untouched) a change that adds
        an error, or with `strict` a warning. False when there was nothing to write."""
        from relrot.yamlfile.atomic import write_atomically

        if self.refuses(strict=strict):
            raise self.refusal(strict=strict)
        if self.empty:
            return False
        return write_atomically(self.before._file, self.after._file.raw)


def _within_limit(count: int, option: str, file: str) -> None:
    if count > MAX_RELEASES_ASKED:
        raise UsageError(
            f"{option} {count} is more than relrot plans at once ({MAX_RELEASES_ASKED} releases)",
            file=file,
            names_file=False,
        )


def added_problems(before: Sequence[Problem], after: Sequence[Problem]) -> list[Problem]:
    """Errors and warnings in `after` that were not already in `before` (positions aside);
    history (info) is never added by a change."""

    def key(problem: Problem) -> tuple[str, str | None, str | None, str | None]:
        # Not the message: a pin rewords a problem it does not cause ("pinned with no pilot").
        return (problem.rule, problem.release, problem.member, problem.seat)

    existing = {key(p) for p in before if p.severity is not Severity.INFO}
    return [p for p in after if p.severity is not Severity.INFO and key(p) not in existing]


def _history_problem(change: SeatChange, today: dt.date, action: str) -> Problem:
    """A seat of a release dated before today that `action` would move: history (SPEC 3.5)."""
    from relrot.diff import SEAT_LABEL

    def name(member: str | None) -> str:
        return member or "(empty)"

    return Problem(
        "history",
        Severity.ERROR,
        f"{action} would move the {SEAT_LABEL[change.seat]} seat of {change.version} "
        f"({change.date}, before today {today}) from {name(change.before)} to "
        f"{name(change.after)}; history cannot change: run `relrot pin` first to record the "
        "releases as they were",
        release=change.version,
        member=change.before or change.after,
        seat=seat_named(change.seat),
    )
