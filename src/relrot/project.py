"""The project: one rotation file, loaded once, and every question relrot answers about it.

`Project` is the public API of relrot: it owns the loaded file, its one calendar and its
plans, resolves release references in one place and checks the file in one pass. Edits
(swap, away, pin, import, shipped) live one a module in `relrot.changes`, each a function of
the project bound here as a method that returns a `Change`. See docs/python-api.md.
"""

from __future__ import annotations

import datetime as dt
import difflib
import importlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar

from relrot.days import Day, as_day
from relrot.problems import Problem, RelrotError, Severity, UsageError
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
    from relrot.plan import Plan, Release, Rotations
    from relrot.portfolio import Portfolio, View
    from relrot.yamlfile.load import Loaded

DEFAULT_HORIZON = 12
# The rules a `crew_from` project is not checked for: its crews are the other project's.
CREW_FROM_EXEMPT = frozenset({"serving-streak", "untrained-pilot", "roster-too-small"})
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


class _Bound:
    """A method whose function is `name` of `module`, imported when first looked up."""

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name

    def __get__(self, project: Project | None, owner: type[Project]) -> Any:
        function = getattr(importlib.import_module(self.module), self.name)
        return function if project is None else function.__get__(project, owner)


class Project:
    """A rotation file and its answers, computed once per version of the file."""

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
        # The project of a file with `projects:` this is, and the file's portfolio (SPEC 6);
        # for a one-project file, set on first use: the file as a portfolio of one.
        self._view: View | None = None
        self._portfolio: Portfolio | None = None

    @classmethod
    def of_view(cls, file: Project, view: View, portfolio: Portfolio) -> Project:
        """One project of a file with `projects:`, planned within `portfolio`."""
        project = cls(view.model, file.loaded)
        project._view, project._portfolio = view, portfolio
        return project

    @property
    def view(self) -> View:
        if self._view is None:
            from relrot.portfolio import views

            self._view = views(self.model)[0]
        return self._view

    @property
    def portfolio(self) -> Portfolio:
        """The file's projects (SPEC 6): this one alone when the file has no `projects:`."""
        if self._portfolio is None:
            from relrot.portfolio import Portfolio

            self._portfolio = Portfolio(self)
        return self._portfolio

    @property
    def several(self) -> bool:
        """Whether this is one project of a file with `projects:`."""
        return self._view is not None and self._view.entry is not None

    def projects(self, only: str | None = None) -> list[Project]:
        """The file's projects in planning order, or the one named `only` (`--project`)."""
        portfolio = self.portfolio
        portfolio.check_shape()
        if only is not None:
            if not self.model.projects:
                raise UsageError(
                    f"--project {only}: this file plans one project and has no `projects:`",
                    file=self.path,
                    names_file=False,
                )
            return [portfolio.get(only)]
        return list(portfolio.projects)

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
        if self.several:
            raise UsageError(
                "relrot does not yet change one project of a file with `projects:`; edit "
                f"the `projects:` entry of {self.view.id} by hand",
                file=self.path,
                names_file=False,
            )
        return self.loaded

    # --- the calendar, references and plans -----------------------------------------------

    @property
    def calendar(self) -> Calendar:
        if self._calendar is None:
            from relrot.calendar import Calendar

            dates = [pinned.date for pinned in self.model.releases]
            pinned = {i + 1: day for i, day in enumerate(dates) if day is not None}
            if self.several and self.view.on_demand:
                from relrot.calendar import TermCalendar

                self._calendar = TermCalendar(self.model.calendar_schedule)
            else:
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

            context = self._context()
            self._plans[through] = self.placed(
                lambda: build_plan(self.model, self.calendar, through, self._rotations, context)
            )
        return self._plans[through]

    def _context(self) -> Any:
        """What the projects planned before this one give its plan (SPEC 6); None alone."""
        if not self.several:
            return None
        from relrot.plan import Context

        portfolio, view = self.portfolio, self.view
        portfolio.check_shape()
        crews = (lambda shipped: portfolio.crews(self, shipped)) if view.crew_from else None
        return Context(lambda day: portfolio.team(view.rank, day), crews)

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
            return Report(self.place_all([*check_references(self.model), *exc.problems]), None)
        # A project released with another takes its crews: their stint rules are the
        # other's (SPEC 6).
        exempt = CREW_FROM_EXEMPT if self.several and self.view.crew_from else frozenset()
        problems = plan.problems + run_rules(self.model, plan, self.calendar, start, today, exempt)
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
        if self.several and problem.project is None:
            path = None if problem.path is None else self.view.file_path(problem.path)
            # A problem of the shared roster or roles belongs to no one project, unless it is
            # about one of the project's releases; a project's own problem names it (its
            # versions may be another project's too).
            mine = path is None or path[:1] == ("projects",) or problem.release is not None
            if mine:
                problem = replace(
                    problem,
                    project=self.view.id,
                    message=_naming(self.view.id, problem.message, problem.rule),
                    in_history=problem.in_history
                    and _naming(self.view.id, problem.in_history, problem.rule),
                )
            problem = replace(problem, path=path)
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


def _naming(project: str | None, message: str, rule: str) -> str:
    """A message of one project of several, prefixed with its id; `double-duty` names both."""
    return message if rule == "double-duty" else f"{project}: {message}"


def _within_limit(count: int, option: str, file: str) -> None:
    if count > MAX_RELEASES_ASKED:
        raise UsageError(
            f"{option} {count} is more than relrot plans at once ({MAX_RELEASES_ASKED} releases)",
            file=file,
            names_file=False,
        )
