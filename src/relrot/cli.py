"""The command line: parse arguments, call the core, render. The only place that exits."""

from __future__ import annotations

import datetime as dt
import enum
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from relrot import __version__
from relrot.problems import Problem, RelrotError, Severity, UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from relrot.loader import Loaded
    from relrot.plan import Plan

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3

BUG_REPORT = (
    "relrot: internal error ({kind}); this is a bug in relrot, not in your file. Please report "
    "it with the command you ran and the rotation file."
)

app = typer.Typer(
    name="relrot",
    help="Plan who pilots each release: a rotation file in, a release-duty plan out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class Options:
    file: Path


def _version(value: bool) -> None:
    if value:
        typer.echo(f"relrot {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main_options(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Option("--file", "-f", help="The rotation file.", show_default=True),
    ] = Path("rotation.yaml"),
    version: Annotated[  # noqa: ARG001 - handled by its eager callback
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Plan who pilots each release: a rotation file in, a release-duty plan out.

    Exit codes: 0 ok, 1 the file has problems, 2 usage error or unreadable file,
    3 internal error.
    """
    ctx.obj = Options(file)


# --- shared plumbing ---------------------------------------------------------------------------


def problem_line(problem: Problem) -> str:
    if problem.rule == "usage":
        return f"relrot: error: {problem.message}"
    where = problem.file or "relrot"
    if problem.line is not None:
        where += f":{problem.line}:{problem.column or 1}"
    return f"{where}: {problem.severity.value} [{problem.rule}] {problem.message}"


def _fail(problems: list[Problem], code: int) -> NoReturn:
    for problem in problems:
        typer.echo(problem_line(problem), err=True)
    raise typer.Exit(code)


@contextmanager
def reporting() -> Iterator[None]:
    """Turn the core's user errors into messages and exit codes, in one place."""
    try:
        yield
    except RelrotError as exc:
        _fail(exc.problems, exc.exit_code)


def _load(ctx: typer.Context) -> Loaded:
    from relrot.loader import load

    options: Options = ctx.obj
    return load(options.file)


def _today(loaded: Loaded, given: dt.date | None) -> dt.date:
    if given is not None:
        return given
    import zoneinfo

    return dt.datetime.now(zoneinfo.ZoneInfo(loaded.model.schedule.timezone)).date()


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} {text!r} is not a date; write YYYY-MM-DD") from None


def _placed(loaded: Loaded, error: RelrotError) -> RelrotError:
    error.problems = [loaded.place(p) for p in error.problems]
    return error


def plan_through(loaded: Loaded, through: int) -> Plan:
    from relrot.plan import build_plan

    try:
        return build_plan(loaded.model, through)
    except RelrotError as exc:
        raise _placed(loaded, exc) from None


def first_release_from(loaded: Loaded, ref: str) -> int:
    """The number of the first release `--from` selects (SPEC 5.1)."""
    from relrot.calendar import MAX_RELEASES
    from relrot.plan import make_calendar

    calendar = make_calendar(loaded.model)
    try:
        if _ISO.fullmatch(ref):
            day = parse_date(ref, "--from")
            for release in calendar:
                if release.duty_window[1] >= day:
                    return release.number
            raise UsageError(f"no release on or after {day}")
        if ref.isdigit():
            number = int(ref)
            if not 0 < number <= MAX_RELEASES or calendar.release(number) is None:
                raise UsageError(f"there is no release number {number}")
            return number
        found = calendar.find(ref)
        if found is None:
            raise UsageError(f"no release has version {ref!r}; give a version, number or date")
        return found.number
    except RelrotError as exc:
        raise _placed(loaded, exc) from None


# --- commands ----------------------------------------------------------------------------------


class PlanFormat(str, enum.Enum):
    table = "table"
    json = "json"


@app.command()
def plan(
    ctx: typer.Context,
    start: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="First release to show: a date (the first release whose duty window ends on or "
            "after it), a version or a number. Default: today.",
        ),
    ] = None,
    count: Annotated[int, typer.Option("--count", "-n", min=1, help="How many releases.")] = 6,
    output: Annotated[
        PlanFormat, typer.Option("--format", help="Output format.")
    ] = PlanFormat.table,
    today: Annotated[
        str | None, typer.Option("--today", help="Use this date as today (YYYY-MM-DD).")
    ] = None,
) -> None:
    """Show who pilots, co-pilots and sits in the jump seat of the coming releases."""
    with reporting():
        loaded = _load(ctx)
        now = _today(loaded, parse_date(today, "--today") if today else None)
        first = first_release_from(loaded, start or now.isoformat())
        result = plan_through(loaded, first + count - 1)
        shown = result.releases[first - 1 :]
        if output is PlanFormat.json:
            from relrot.render import json_format

            sys.stdout.write(json_format.render(shown))
            return
        from relrot.render.table import build_table

        title = f"Release plan from {loaded.path}"
        _console().print(build_table(shown, loaded.model, title))
        errors = [p for p in result.problems if p.severity is Severity.ERROR]
        if errors:
            typer.echo(
                f"{len(errors)} problem(s) in {loaded.path}; run `relrot validate` for details",
                err=True,
            )


def _console() -> Console:
    from rich.console import Console

    console = Console(highlight=False)
    if not console.is_terminal:
        # Piped into a file or an issue: no colour (rich knows), and no wrapping at 80 columns.
        console = Console(highlight=False, width=200)
    return console


# --- entry point -------------------------------------------------------------------------------


def main() -> None:
    """Console entry point: no traceback ever reaches the user."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (`relrot plan | head`); nothing left to say.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_OK)
    except Exception as exc:  # the last line of defence: never a traceback
        typer.echo(BUG_REPORT.format(kind=type(exc).__name__), err=True)
        sys.exit(EXIT_INTERNAL)
