"""The command line: parse arguments, call the core, render. The only place that exits."""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from relrot import __version__
from relrot.problems import Problem, RelrotError, Severity, UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from relrot.calendar import Calendar
    from relrot.loader import Loaded
    from relrot.model import RotationFile
    from relrot.plan import Plan, Release

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
    # The file once loaded: problems from the core are placed (line, column) through it.
    loaded: Loaded | None = None


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
def reporting(ctx: typer.Context | None = None) -> Iterator[None]:
    """Turn the core's user errors into messages and exit codes, in one place."""
    try:
        yield
    except RelrotError as exc:
        options = ctx.obj if ctx is not None else None
        if isinstance(options, Options):
            if options.loaded is not None:
                exc.problems = [
                    options.loaded.place(p) if p.path is not None else p for p in exc.problems
                ]
            # Every message names the file it is about, even a refusal with no line.
            exc.problems = [
                p if p.file or p.rule == "usage" else replace(p, file=str(options.file))
                for p in exc.problems
            ]
        _fail(exc.problems, exc.exit_code)


def _load(ctx: typer.Context) -> Loaded:
    from relrot.loader import load

    options: Options = ctx.obj
    options.loaded = load(options.file)
    return options.loaded


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


def plan_through(loaded: Loaded, through: int) -> Plan:
    """The plan of `loaded`, its problems placed in that file (diff plans a second file)."""
    from relrot.plan import build_plan

    try:
        return build_plan(loaded.model, through)
    except RelrotError as exc:
        exc.problems = [loaded.place(p) for p in exc.problems]
        raise


def first_release_from(loaded: Loaded, ref: str) -> int:
    """The number of the first release `--from` selects (SPEC 5.1)."""
    from relrot.calendar import MAX_RELEASES
    from relrot.plan import make_calendar

    calendar = make_calendar(loaded.model)
    exact = calendar.find(ref)
    if exact is not None:
        return exact.number
    if _ISO.fullmatch(ref):
        from relrot.rules import first_from

        return first_from(calendar, parse_date(ref, "--from"))
    if ref.isdigit():
        number = int(ref)
        if not 0 < number <= MAX_RELEASES or calendar.release(number) is None:
            raise UsageError(f"there is no release number {number}")
        return number
    raise UsageError(f"no release has version {ref!r}; give a version, number or date")


# --- commands ----------------------------------------------------------------------------------


TodayOption = Annotated[
    str | None, typer.Option("--today", help="Use this date as today (YYYY-MM-DD).")
]


class PlanFormat(str, enum.Enum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    ics = "ics"
    mermaid = "mermaid"
    mermaid_gantt = "mermaid-gantt"


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
    today: TodayOption = None,
) -> None:
    """Show the crew of the coming releases.

    Pilot, co-pilot and jump seat of each release, from today or `--from`.
    """
    with reporting(ctx):
        loaded = _load(ctx)
        now = _today(loaded, parse_date(today, "--today") if today else None)
        first = first_release_from(loaded, start or now.isoformat())
        result = plan_through(loaded, first + count - 1)
        shown = result.releases[first - 1 :]
        if output is not PlanFormat.table:
            sys.stdout.write(render_plan(output, shown, loaded.model))
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


class ValidateFormat(str, enum.Enum):
    text = "text"
    github = "github"
    json = "json"


HorizonOption = Annotated[
    int, typer.Option("--horizon", min=1, help="How many releases from today to check.")
]


@app.command()
def validate(
    ctx: typer.Context,
    output: Annotated[
        ValidateFormat, typer.Option("--format", help="text, github annotations, or json.")
    ] = ValidateFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    today: TodayOption = None,
    horizon: HorizonOption = 12,
) -> None:
    """Check the file and the coming releases (for CI).

    Exits 1 on errors (and on warnings with --strict); problems in releases before today
    are history and never fail.
    """
    from relrot.loader import load
    from relrot.problems import has_errors
    from relrot.render import problems as render

    with reporting(ctx):
        options: Options = ctx.obj
        name = str(options.file)
        try:
            loaded = load(options.file)
        except UsageError:
            raise
        except RelrotError as exc:
            problems = exc.problems
            source_line = _raw_lines(options.file)
        else:
            from relrot.rules import check

            now = _today(loaded, parse_date(today, "--today") if today else None)
            report = check(loaded.model, now, horizon)
            problems = [loaded.place(p) for p in report.problems]
            source_line = loaded.line_text
        valid = not has_errors(problems, strict=strict)
        if output is ValidateFormat.json:
            sys.stdout.write(render.render_json(problems, valid=valid))
        elif output is ValidateFormat.github:
            sys.stdout.write(render.render_github(problems))
        else:
            sys.stdout.write(render.render_text(problems, name, source_line))
    raise typer.Exit(EXIT_OK if valid else EXIT_PROBLEMS)


def _raw_lines(path: Path) -> Callable[[int], str]:
    """Lines of a file that did not load, for showing next to its problems."""
    try:
        lines = path.read_bytes()[: 1 << 20].decode("utf-8", "replace").splitlines()
    except OSError:
        lines = []
    return lambda line: lines[line - 1] if 0 < line <= len(lines) else ""


class DiffFormat(str, enum.Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


def _load_base(base: str, current: Path) -> Loaded:
    from relrot.loader import load, parse

    if not base.startswith("git:"):
        return load(base)
    import subprocess

    revision = base.removeprefix("git:") or "HEAD"
    folder = current.resolve().parent
    spec = f"{revision}:./{current.name}"
    try:
        shown = subprocess.run(
            ["git", "show", spec],
            cwd=folder,
            capture_output=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise UsageError(f"cannot run git to read {spec}: {exc}") from None
    if shown.returncode != 0:
        reason = shown.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git cannot show {spec}: {reason[-1] if reason else 'unknown error'}")
    return parse(shown.stdout, f"{revision}:{current.name}")


@app.command()
def diff(
    ctx: typer.Context,
    base: Annotated[
        str,
        typer.Argument(
            help="The file to compare with: a path, or git:REV for the rotation file at a "
            "git revision."
        ),
    ],
    output: Annotated[
        DiffFormat, typer.Option("--format", help="text, markdown (for a PR comment), json.")
    ] = DiffFormat.text,
    today: TodayOption = None,
    horizon: HorizonOption = 12,
) -> None:
    """Show who a roster change moves.

    Seats that differ between the plan of BASE and the plan of the file, release by release.
    """
    from relrot.diff import seat_changes
    from relrot.plan import make_calendar
    from relrot.render import diff as render
    from relrot.rules import first_from

    with reporting(ctx):
        loaded = _load(ctx)
        base_loaded = _load_base(base, ctx.obj.file)
        now = _today(loaded, parse_date(today, "--today") if today else None)
        start = first_from(make_calendar(loaded.model), now)
        through = start + horizon - 1
        current = plan_through(loaded, through).releases[start - 1 :]
        previous = plan_through(base_loaded, through + horizon).releases
        changes = seat_changes(previous, current)
        if output is DiffFormat.json:
            sys.stdout.write(render.render_json(changes))
        elif output is DiffFormat.markdown:
            sys.stdout.write(render.render_markdown(changes, loaded.model, base_loaded.model))
        else:
            sys.stdout.write(render.render_text(changes, loaded.model, base_loaded.model))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the rotation file.

    For editors (yaml-language-server) and other tools.
    """
    from relrot.schema import json_schema

    sys.stdout.write(json_schema())


def _locate_number(loaded: Loaded, ref: str) -> int:
    """The release number a version, number or date refers to (for sizing a plan)."""
    from relrot.plan import REFERENCE_REACH, make_calendar
    from relrot.who import regular_version

    calendar = make_calendar(loaded.model)
    ref = ref.strip()
    found = calendar.find(ref)
    if found is not None:
        return found.number
    if ref.isdigit():
        number = int(ref)
        # Far-off numbers are not planned for: they are reported as unknown releases.
        if number > REFERENCE_REACH or calendar.release(number) is None:
            return 1
        return number
    if _ISO.fullmatch(ref):
        day = parse_date(ref, "RELEASE")
        for release in calendar:
            if release.duty_window[1] >= day:
                # Room for skipped releases: `who` answers with the next shipped one.
                return release.number + len(loaded.model.schedule.skip)
        return 1
    found = calendar.find(regular_version(ref))
    if found is not None:
        return found.number
    # Unknown: size the plan to reach the closest version, so "did you mean" can name it.
    versions = [r.version for r in calendar.releases(200)]
    guess = difflib.get_close_matches(ref, versions, n=1)
    return versions.index(guess[0]) + 1 if guess else 1


def _check_edit(loaded: Loaded, changed: Loaded, today: dt.date, through: int, what: str) -> None:
    """Refuse an edit that adds a validation error; the file stays as it was."""
    from relrot.rules import check, first_from
    from relrot.swap import new_errors

    start = first_from(_calendar(loaded), today)
    horizon = max(12, through - start + 1)
    before = check(loaded.model, today, horizon).problems
    after = check(changed.model, today, horizon).problems
    added = new_errors(before, after)
    if added:
        from relrot.edit import refusal

        placed = [changed.place(p) for p in added]
        raise refusal(
            f"refused: {what} would add {len(placed)} problem(s); {loaded.path} is unchanged",
            loaded.path,
            *placed,
        )


def _calendar(loaded: Loaded) -> Calendar:
    from relrot.plan import make_calendar

    return make_calendar(loaded.model)


def _write(loaded: Loaded, changed: Loaded, *, dry_run: bool, yes: bool, what: str) -> None:
    from relrot.edit import encode_like, unified_diff, write_atomically

    if dry_run:
        sys.stdout.write("\n" + unified_diff(loaded, changed))
        typer.echo("(dry run: nothing written)", err=True)
        return
    if not yes and sys.stdin.isatty() and not typer.confirm(f"Write {what} to {loaded.path}?"):
        typer.echo("nothing written", err=True)
        raise typer.Exit(EXIT_OK)
    write_atomically(loaded, encode_like(loaded, changed.text))
    typer.echo(f"wrote {what} to {loaded.path}", err=True)


DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Print the change as a diff; write nothing.")
]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Write without asking.")]
ReasonOption = Annotated[str | None, typer.Option("--reason", help="Why; recorded in the file.")]


@app.command()
def swap(
    ctx: typer.Context,
    release: Annotated[str, typer.Argument(help="The release: version, number or date.")],
    member: Annotated[str, typer.Argument(help="The member who opts out.")],
    with_member: Annotated[
        str | None,
        typer.Option("--with", help="Put this member in the seat (no step-up, no ranking)."),
    ] = None,
    reason: ReasonOption = None,
    dry_run: DryRunOption = False,
    yes: YesOption = False,
    today: TodayOption = None,
) -> None:
    """MEMBER opts out of RELEASE: find a replacement.

    Ranks the candidates, explains the choice, and records it under `swaps:`.
    """
    from relrot.edit import append_top_level, edited
    from relrot.swap import explain, find_release, propose

    with reporting(ctx):
        loaded = _load(ctx)
        now = _today(loaded, parse_date(today, "--today") if today else None)
        number = _locate_number(loaded, release)
        current = plan_through(loaded, number + 8)
        target = find_release(current, release)
        proposal = propose(
            loaded.model,
            current,
            target,
            member,
            with_member=with_member,
            reason=reason,
            today=now,
        )
        names = {m.id: m.display for m in loaded.model.members}
        typer.echo("\n".join(explain(proposal, names)))
        entries = list(proposal.entries)

        def expect(data: Any) -> None:
            data["swaps"] = [*(data.get("swaps") or []), *entries]

        changed = edited(loaded, append_top_level(loaded, "swaps", entries), expect, "add the swap")
        _check_edit(loaded, changed, now, target.number, "this swap")
        what = "1 swap entry" if len(entries) == 1 else f"{len(entries)} swap entries"
        _write(loaded, changed, dry_run=dry_run, yes=yes, what=what)


@app.command()
def away(
    ctx: typer.Context,
    member: Annotated[str, typer.Argument(help="The member who is away.")],
    first: Annotated[str, typer.Argument(metavar="FROM", help="First day away (YYYY-MM-DD).")],
    last: Annotated[str, typer.Argument(metavar="TO", help="Last day away, inclusive.")],
    reason: ReasonOption = None,
    dry_run: DryRunOption = False,
    yes: YesOption = False,
    today: TodayOption = None,
    horizon: HorizonOption = 12,
) -> None:
    """Record that MEMBER is away FROM..TO.

    Shows which seats the range moves, then adds it to the member.
    """
    from relrot.diff import seat_changes
    from relrot.edit import add_member_away, edited
    from relrot.render import diff as render
    from relrot.rules import first_from
    from relrot.swap import find_member

    with reporting(ctx):
        loaded = _load(ctx)
        now = _today(loaded, parse_date(today, "--today") if today else None)
        start_day, end_day = parse_date(first, "FROM"), parse_date(last, "TO")
        if end_day < start_day:
            raise UsageError(f"TO ({end_day}) is before FROM ({start_day})")
        person = find_member(loaded.model, member)
        index = [m.id for m in loaded.model.members].index(person.id)
        entry: dict[str, object] = {"from": start_day, "to": end_day}
        if reason:
            entry["reason"] = reason

        def expect(data: Any) -> None:
            record = data["members"][index]
            record["away"] = [*(record.get("away") or []), entry]

        changed = edited(
            loaded, add_member_away(loaded, index, entry), expect, "add the away range"
        )
        start = first_from(_calendar(loaded), now)
        through = max(start + horizon - 1, _locate_number(loaded, last) + 4)
        before = plan_through(loaded, through).releases[start - 1 :]
        after = plan_through(changed, through).releases[start - 1 :]
        typer.echo(f"{person.display} away {start_day}..{end_day}:")
        typer.echo(render.render_text(seat_changes(before, after), loaded.model).rstrip())
        _check_edit(loaded, changed, now, through, "this away range")
        _write(loaded, changed, dry_run=dry_run, yes=yes, what="the away range")


def render_plan(output: PlanFormat, releases: list[Release], rotation: RotationFile) -> str:
    """Every plan format but the table, which needs a console."""
    if output is PlanFormat.json:
        from relrot.render import json_format

        return json_format.render(releases)
    if output is PlanFormat.markdown:
        from relrot.render import markdown

        return markdown.render(releases, rotation)
    if output is PlanFormat.csv:
        from relrot.render import csv_format

        return csv_format.render(releases)
    if output is PlanFormat.ics:
        from relrot.render import ics

        return ics.render(releases, rotation)
    from relrot.render import mermaid

    if output is PlanFormat.mermaid:
        return mermaid.flowchart(releases, rotation)
    return mermaid.gantt(releases, rotation)


class WhoFormat(str, enum.Enum):
    text = "text"
    json = "json"


@app.command()
def who(
    ctx: typer.Context,
    when: Annotated[
        str | None,
        typer.Argument(
            metavar="[DATE|VERSION]",
            help="A date (default today) or a version; a patch version such as 26.3.1 "
            "answers with its regular release.",
        ),
    ] = None,
    output: Annotated[WhoFormat, typer.Option("--format", help="text or json.")] = (WhoFormat.text),
    today: TodayOption = None,
) -> None:
    """Show who is on duty on a date or for a version.

    The release whose duty window holds DATE (default today), else the next one.
    """
    from relrot.render.who import render_json, render_text
    from relrot.who import crew_on_duty

    with reporting(ctx):
        loaded = _load(ctx)
        now = _today(loaded, parse_date(today, "--today") if today else None)
        ref = when or now.isoformat()
        number = _locate_number(loaded, ref)
        result = plan_through(loaded, number + 1)
        release = crew_on_duty(result, ref)
        if output is WhoFormat.json:
            sys.stdout.write(render_json(release))
        else:
            sys.stdout.write(render_text(release, loaded.model, ref))


@app.command()
def init(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(help="Where to write the file (default: the --file path)."),
    ] = None,
    today: TodayOption = None,
) -> None:
    """Write a starter rotation.yaml; never overwrites.

    Commented, with conda's cadence and a placeholder roster.
    """
    from relrot.starter import starter_text

    with reporting():
        target = path or ctx.obj.file
        day = parse_date(today, "--today") if today else dt.date.today()
        text = starter_text(day)
        try:
            with target.open("x", encoding="utf-8") as handle:
                handle.write(text)
        except FileExistsError:
            raise UsageError(
                f"{target} already exists; relrot init never overwrites a file", file=str(target)
            ) from None
        except OSError as exc:
            raise UsageError(f"{target}: cannot write: {exc.strerror or exc}") from None
        typer.echo(f"wrote {target}: edit the roster, then run `relrot validate`", err=True)


@app.command()
def pin(
    ctx: typer.Context,
    through: Annotated[
        str | None,
        typer.Option(
            "--through",
            help="Pin up to this release (version, number or date). Default: every release "
            "dated before today, plus the one in progress.",
        ),
    ] = None,
    dry_run: DryRunOption = False,
    yes: YesOption = False,
    today: TodayOption = None,
) -> None:
    """Pin past releases so roster edits cannot move them.

    Writes their planned seats into `releases:`.
    """
    from relrot.edit import append_top_level, edited
    from relrot.pin import default_through, pin_entries

    with reporting(ctx):
        loaded = _load(ctx)
        now = _today(loaded, parse_date(today, "--today") if today else None)
        ref = through or now.isoformat()
        number = _locate_number(loaded, ref)
        current = plan_through(loaded, number + 1)
        if _ISO.fullmatch(ref):
            last = default_through(current, parse_date(ref, "--through"))
        else:
            from relrot.swap import find_release

            last = find_release(current, ref).number
        entries = pin_entries(current, last)
        if not entries:
            typer.echo(
                f"nothing to pin: releases up to {last or 'none'} are already pinned", err=True
            )
            return
        versions = [str(e["version"]) for e in entries]
        typer.echo(f"pinning {len(entries)} release(s): {', '.join(versions)}")

        def expect(data: Any) -> None:
            data["releases"] = [*(data.get("releases") or []), *entries]

        changed = edited(
            loaded, append_top_level(loaded, "releases", entries), expect, "pin the releases"
        )
        _check_edit(loaded, changed, now, last, "pinning")
        _write(loaded, changed, dry_run=dry_run, yes=yes, what=f"{len(entries)} pinned releases")


@app.command()
def issue(
    ctx: typer.Context,
    version: Annotated[str, typer.Argument(help="The release (version or number).")],
) -> None:
    """Print the body of a release's tracking issue.

    Markdown: the crew with @handles, the timeline as a checklist, who to contact.
    """
    from relrot.render.issue import render
    from relrot.swap import find_release

    with reporting(ctx):
        loaded = _load(ctx)
        number = _locate_number(loaded, version)
        release = find_release(plan_through(loaded, number), version)
        sys.stdout.write(render(release, loaded.model))


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
    # relrot has no use for pydantic plugins; looking them up scans every installed
    # package's metadata, a fifth of a validate run in CI.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
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
