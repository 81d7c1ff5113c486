"""The one boundary every command goes through: error reporting, the project, the clock.

`@boundary()` wraps a command written as `def cmd(session: Session, ...)`: Typer sees its
options plus `--file` (accepted after the command name too, SPEC 5) and `--today`; the
wrapper loads the project, resolves today and turns the core's errors into messages and
exit codes, in this one place.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import typing
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, NoReturn, ParamSpec

import typer
from msgspec import Struct
from msgspec.structs import replace

from relrot.cli.guard import guarded_output, unsafe_text
from relrot.cli.options import PROJECT_KEY, FileOption, ProjectOption, TodayOption
from relrot.problems import Problem, RelrotError, UsageError, shown

if TYPE_CHECKING:
    from rich.console import Console

    from relrot.project import Project

P = ParamSpec("P")


class Session(Struct):
    """What a command works with: the file named, its project (once loaded) and today."""

    file: Path
    given_today: dt.date | None
    _project: Project | None = None
    # `--project` (SPEC 6): one project of a file with `projects:`; None: the whole file.
    project_id: str | None = None
    _whole: Project | None = None

    @property
    def whole(self) -> Project:
        """The file as read: every project of it."""
        if self._whole is None:
            from relrot.project import Project

            self._whole = Project.load(self.file)
        return self._whole

    @property
    def project(self) -> Project:
        """The project the command works on: the one `--project` names, else the file's."""
        if self._project is None:
            whole = self.whole
            chosen = self.project_id
            self._project = whole if chosen is None else whole.projects(chosen)[0]
        return self._project

    @property
    def several(self) -> bool:
        """Whether the command covers several projects: a file with `projects:` and no
        `--project` (SPEC 6)."""
        return self.project_id is None and bool(self.whole.model.projects)

    def naming(self, reference: str, fits: Callable[[Project], bool]) -> Project:
        """The project a command's release reference names (SPEC 6: `--project` only where
        it is ambiguous): the one `--project` names, else the one project `fits` holds."""
        if not self.several:
            return self.project
        found = [project for project in self.projects() if fits(project)]
        if len(found) == 1:
            return found[0]
        ids = ", ".join(p.id or "" for p in found or self.projects())
        why = "is a release of several projects" if found else "names no release of a project"
        raise UsageError(f"{reference} {why} ({ids}); name one with `--project ID`")

    def projects(self) -> list[Project]:
        """The projects the command covers: the one `--project` names, else all of them."""
        return self.whole.projects(self.project_id)

    @property
    def today(self) -> dt.date:
        return self.project.today(self.given_today)


def names(project: Project, reference: str, given_today: dt.date | None) -> bool:
    """Whether `reference` names a release (or term) of `project` within twenty years of
    today: `{yy}` reads a plugin's 0.7.2 as a release of 2100, which names nothing a team
    means (SPEC 6)."""
    from relrot.references import Question

    try:
        today = project.today(given_today)
        found = project.release(reference, Question.ON_DUTY, crewed=True, today=today)
    except RelrotError:
        return False
    return found.date.year - today.year <= NAMED_YEARS


def ships(project: Project, version: str, given_today: dt.date | None) -> bool:
    """Whether VERSION can be a release of `project`: one of its releases, or any version of
    an on-demand project when no cadence project of the file has it (SPEC 6)."""
    if project.several and project.portfolio.get(project.id or "").view.on_demand:
        others = [p for p in project.portfolio.parts if not p.view.on_demand]
        return not any(names(p, version, given_today) for p in others)
    return names(project, version, given_today)


# How far from today a release reference may reach when it picks the project it names.
NAMED_YEARS = 20


def parse_date(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{option} {text!r} is not a date; write YYYY-MM-DD") from None


def problem_line(problem: Problem, *, usage: bool = False, unnamed: bool = False) -> str:
    """One line of standard error; what it quotes is shown as a terminal shows data. A usage
    error (from a `UsageError`) is a sentence about the command, with no rule or line; one
    whose message does not name its file (`unnamed`) has the file put before it."""
    from relrot.render.sinks import visible

    if usage:
        prefix = f"{problem.file}: " if problem.file and unnamed else ""
        return visible(f"relrot: error: {prefix}{problem.message}")
    where = problem.file or "relrot"
    if problem.line is not None:
        where += f":{problem.line}:{problem.column or 1}"
    return visible(f"{where}: {problem.severity.value} [{problem.rule}] {problem.message}")


def fail(
    problems: list[Problem], code: int, *, usage: bool = False, unnamed: Collection[Problem] = ()
) -> NoReturn:
    """Say every problem on standard error and exit with `code`; `usage`: they are the
    problems of `UsageError`s, and `unnamed` those whose message does not name their file."""
    from relrot.render.problems import omitted_sentence

    report = shown(problems)
    for problem in report.problems:
        line = problem_line(problem, usage=usage, unnamed=problem in unnamed)
        typer.echo(line, err=True)
    if report.omitted:
        typer.echo(f"relrot: {omitted_sentence(report)}; fix these first", err=True)
    raise typer.Exit(code)


@contextmanager
def reporting(file: Path | None = None) -> Iterator[None]:
    """Turn the core's user errors into messages and exit codes; every message names `file`."""
    try:
        yield
    except UsageError as exc:
        fail_usage([exc])
    except RelrotError as exc:
        problems = [
            p if p.file or file is None else replace(p, file=str(file)) for p in exc.problems
        ]
        fail(problems, exc.exit_code)


def fail_usage(errors: Sequence[UsageError]) -> NoReturn:
    """Say usage errors on standard error and exit 2."""
    problems = [p for error in errors for p in error.problems]
    unnamed = [p for error in errors for p in error.problems if p.file != error.named_file]
    fail(problems, UsageError.exit_code, usage=True, unnamed=unnamed)


def boundary(
    *, clock: bool = True, project: bool = False
) -> Callable[[Callable[Concatenate[Session, P], None]], Any]:
    """Make `func(session, ...)` a Typer command with `--file` (and `--today` with `clock`,
    `--project` with `project`: a command that covers every project of a file)."""

    def decorate(func: Callable[Concatenate[Session, P], None]) -> Callable[..., None]:
        parameters = _parameters(func, clock=clock, project=project)
        command = _command(func, {p.name: _label(p.name, p.annotation) for p in parameters})
        command.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        command.__annotations__ = {p.name: p.annotation for p in parameters}
        return command

    return decorate


def _parameters(
    func: Callable[..., None], *, clock: bool, project: bool = False
) -> list[inspect.Parameter]:
    """What Typer sees: the command's own parameters, with their annotations resolved (they
    are strings under `from __future__ import annotations`), then the context, `--file` and,
    with `clock`, `--today`."""
    hints = typing.get_type_hints(func, include_extras=True)
    own = list(inspect.signature(func).parameters.values())[1:]
    parameters = [p.replace(annotation=hints.get(p.name, p.annotation)) for p in own]
    keyword = inspect.Parameter.KEYWORD_ONLY
    parameters.append(inspect.Parameter("ctx", keyword, annotation=typer.Context))
    parameters.append(inspect.Parameter("file", keyword, default=None, annotation=FileOption))
    if project:
        # A command that covers several projects takes `--project` after its name too.
        parameters.append(
            inspect.Parameter("project", keyword, default=None, annotation=ProjectOption)
        )
    if clock:
        parameters.append(inspect.Parameter("today", keyword, default=None, annotation=TodayOption))
    return parameters


def _command(func: Callable[..., None], labels: dict[str, str]) -> Callable[..., None]:
    """The function Typer calls: it checks the values, builds the session and reports errors."""

    @functools.wraps(func)
    def command(**options: Any) -> None:
        ctx: typer.Context = options.pop("ctx")
        file: Path = options.pop("file", None) or ctx.obj or Path("rotation.yaml")
        today: str | None = options.pop("today", None)
        chosen: str | None = options.pop("project", None) or ctx.meta.get(PROJECT_KEY)
        with guarded_output(), reporting(file):
            _refuse_unsafe({"--file": file, "--today": today, **options}, labels)
            given = parse_date(today, "--today") if today else None
            func(Session(file, given, project_id=chosen), **options)

    return command


def _label(name: str, annotation: Any) -> str:
    """How the user wrote a parameter: its option (`--reason`) or argument name (`MEMBER`)."""
    for info in getattr(annotation, "__metadata__", ()):
        # Written as `typer.Option("--reason")`, the name stands where a default would.
        spelled = (getattr(info, "default", None), *(getattr(info, "param_decls", None) or ()))
        declared = [d for d in spelled if isinstance(d, str) and d.startswith("--")]
        if declared:
            return declared[0]
    return name.upper()


def _refuse_unsafe(values: dict[str, Any], labels: dict[str, str]) -> None:
    """Text from the command line goes into the file and the output: no control characters."""
    for name, given in values.items():
        # An argument that takes several values (FILE...) is checked value by value.
        for value in given if isinstance(given, (list, tuple)) else [given]:
            if isinstance(value, (str, Path)):
                why = unsafe_text(str(value))
                if why:
                    label = labels.get(name, name)
                    raise UsageError(f"{label} {str(value)!a} has {why}; type it without it")


def console() -> Console:
    from rich.console import Console

    output = Console(highlight=False)
    if not output.is_terminal:
        # Piped into a file or an issue: no colour (rich knows), and no wrapping at 80 columns.
        output = Console(highlight=False, width=200)
    return output
