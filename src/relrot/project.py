"""The project: one rotation file, loaded once, and every question relrot answers about it.

`Project`, relrot's public API (docs/python-api.md), owns the loaded file, its one calendar
and its plans, resolves release references in one place and checks the file in one pass. Edits
(swap, away, pin, import, shipped) are functions of `relrot.changes`, bound here as methods.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from msgspec.structs import replace

from relrot.days import Day, as_day
from relrot.problems import Problem, RelrotError, UsageError
from relrot.project_parts import Report, _Bound, _within_limit
from relrot.references import Question, Reference, Resolver, first_from

if TYPE_CHECKING:
    from relrot import fairness as _fairness
    from relrot.calendar import Calendar, ReleaseDate
    from relrot.changes import away as _away
    from relrot.changes import importing as _importing
    from relrot.changes import pin as _pin
    from relrot.changes import shipped as _shipped
    from relrot.changes import swap as _swap
    from relrot.model import Member, RotationFile
    from relrot.plan import Context, Plan, Release, Rotations
    from relrot.portfolio import Portfolio
    from relrot.roles import ProjectRoles
    from relrot.yamlfile.load import Loaded

DEFAULT_HORIZON = 12
T = TypeVar("T")


class Project:
    """A rotation file and its answers, computed once per version of the file."""

    # Rules this project is not checked for (a `crew_from` project's stint rules, SPEC 6).
    exempt: frozenset[str] = frozenset()
    several = False  # one project of a file with `projects:` (`relrot.portfolio`)
    id: str | None = None  # its id there

    def __init__(
        self, model: RotationFile, loaded: Loaded | None = None, *, keeps: Project | None = None
    ) -> None:
        """`keeps`: a project whose calendar and seat queues this one shares, because an edit
        (a swap, an away range) changed neither the schedule nor the pinned dates."""
        self.model: RotationFile = model
        self.loaded = loaded
        self._calendar = keeps.calendar if keeps else None
        self._plans: dict[int, Plan] = {}
        self._resolvers: dict[dt.date | None, Resolver] = {}
        self._rotations: Rotations = keeps._rotations if keeps else []
        self._portfolio: Portfolio | None = None

    @property
    def portfolio(self) -> Portfolio:
        """The file's projects in planning order (SPEC 6); just this one without `projects:`."""
        if self._portfolio is None:
            from relrot.portfolio import Portfolio

            self._portfolio = Portfolio(self)
        return self._portfolio

    def projects(self, only: str | None = None) -> list[Project]:
        """Every project of the file, or the one `--project` names."""
        return self.portfolio.select(only)

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

    @property
    def file(self) -> Loaded:
        """The file as read, which an edit needs; a project built from a model has none."""
        if self.loaded is None:
            raise UsageError("this project was not read from a file, so it cannot be edited")
        return self.loaded

    # --- the calendar, references and plans -----------------------------------------------

    @property
    def calendar(self) -> Calendar:
        if self._calendar is None:
            from relrot.calendar import Calendar

            dates = [pinned.date for pinned in self.model.releases]
            pinned = {i + 1: day for i, day in enumerate(dates) if day is not None}
            self._calendar = Calendar(self.model.calendar_schedule, pinned)
        return self._calendar

    def resolver(self, today: Day | None = None) -> Resolver:
        """The one release resolver (`relrot.references`); with `today`, references reach
        past the releases over by then as well as past the pinned ones."""
        today = None if today is None else as_day(today)
        if today not in self._resolvers:
            pinned = len(self.model.releases)
            self._resolvers[today] = self.placed(
                lambda: Resolver.reaching(self.calendar, pinned, today)
            )
        return self._resolvers[today]

    def release(
        self, ref: Reference, question: Question, *, crewed: bool, today: Day | None = None
    ) -> ReleaseDate:
        """The release a reference names (SPEC 5); a usage error if none."""
        resolver = self.resolver(today)
        return self.placed(lambda: resolver.resolve(ref, question, crewed=crewed))

    def first_from(self, day: dt.date) -> int:
        """The number of the first release whose duty window ends on or after `day`."""
        return self.placed(lambda: first_from(self.calendar, day))

    def plan(self, through: int) -> Plan:
        """The plan of releases 1..`through` (computed once per length)."""
        if through not in self._plans:
            from relrot.plan import build_plan

            context = self.context()
            self._plans[through] = self.placed(
                lambda: build_plan(self.model, self.calendar, through, self._rotations, context)
            )
        return self._plans[through]

    def context(self) -> Context | None:
        """What projects planned before this one tell its plan (SPEC 6): nothing alone."""
        return None

    @property
    def role_scope(self) -> ProjectRoles | None:
        """The roles of the file this project (of several) lacks; None: a one-project file."""
        return None

    def rows(self, first: int, count: int) -> list[Release]:
        """Releases first..first+count-1; plans are prefixes of each other (SPEC 3.2)."""
        _within_limit(count, "--count", self.path)
        last = first + count - 1
        covering = [plan for through, plan in self._plans.items() if through >= last]
        plan = covering[0] if covering else self.plan(last)
        return plan.releases[first - 1 : last]

    def today(self, given: Day | None = None) -> dt.date:
        """`given`, else today's date in the schedule's time zone."""
        if given is not None:
            return as_day(given, "given")
        if self.model.projects:
            # A file with `projects:` has no schedule of its own: the first project's day.
            return self.projects()[0].today()
        import zoneinfo

        return dt.datetime.now(zoneinfo.ZoneInfo(self.model.calendar_schedule.timezone)).date()

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

    # --- checking ---------------------------------------------------------------------------

    def check(self, today: Day, horizon: int = DEFAULT_HORIZON) -> Report:
        """Every problem of the file in one pass: the plan's and the rules', placed.

        Checks the pinned releases and the `horizon` releases from today (0: only the file
        and its pinned releases). Problems before today are history (SPEC 3.5).
        """
        from relrot.plan import check_references
        from relrot.rules import as_history, run_rules

        today = as_day(today)
        _within_limit(horizon, "--horizon", self.path)
        try:
            start, through = self.checked_range(today, horizon)
            plan = self.plan(through)
        except RelrotError as exc:
            found = check_references(self.model, self.role_scope)
            return Report(self.place_all([*found, *exc.problems]), None)
        found = run_rules(self.model, plan, self.calendar, start, today, self.exempt)
        problems = plan.problems + found
        return Report(self.place_all(as_history(problems, plan, today)), plan)

    def checked_range(self, today: dt.date, horizon: int) -> tuple[int, int]:
        """The first release checked as coming (not history) and the last one planned."""
        pinned = len(self.model.releases)
        if horizon == 0:
            return pinned + 1, pinned
        start = self.first_from(today)
        return start, max(start + horizon - 1, pinned)

    # --- edits: each a function of its own module in relrot.changes, called as a method ----

    if TYPE_CHECKING:
        swap = _swap.swap
        away = _away.away
        pin = _pin.pin
        import_issues = _importing.import_issues
        shipped = _shipped.shipped
        stats = _fairness.stats
    else:  # imported on first use, so `validate` loads no edit
        swap = _Bound("relrot.changes.swap", "swap")
        away = _Bound("relrot.changes.away", "away")
        pin = _Bound("relrot.changes.pin", "pin")
        import_issues = _Bound("relrot.changes.importing", "import_issues")
        shipped = _Bound("relrot.changes.shipped", "shipped")
        stats = _Bound("relrot.fairness", "stats")

    # --- placing problems in the file ---------------------------------------------------------

    def place(self, problem: Problem) -> Problem:
        """The problem with its file, line and column in this project's file."""
        if self.loaded is not None and problem.path is not None:
            return self.loaded.place(problem)
        return problem if problem.file else replace(problem, file=self.path)

    def place_all(self, problems: Sequence[Problem]) -> list[Problem]:
        return [self.place(p) for p in problems]

    def placed(self, compute: Callable[[], T]) -> T:
        """Run core code; the problems it raises come out placed in this file."""
        try:
            return compute()
        except RelrotError as exc:
            exc.problems = self.place_all(exc.problems)
            raise
