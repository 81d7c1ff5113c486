"""The Typer application, its global options and the console entry point."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from relrot import __version__
from relrot.cli.options import PROJECT_KEY

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3

# Every command, in the order `relrot --help` lists them: its name, and the module of
# `relrot.cli` and the function that implement it. Each module is named for its command
# (`import_` for `import`, a keyword).
COMMANDS: dict[str, tuple[str, str]] = {
    "plan": ("plan", "plan"),
    "validate": ("validate", "validate"),
    "diff": ("diff", "diff"),
    "schema": ("schema", "schema"),
    "swap": ("swap", "swap"),
    "away": ("away", "away"),
    "who": ("who", "who"),
    "init": ("init", "init"),
    "pin": ("pin", "pin"),
    "issue": ("issue", "issue"),
    "stats": ("stats", "stats"),
    "site": ("site", "site"),
    "ci": ("ci", "ci"),
    "import": ("import_", "import_issues"),
    "shipped": ("shipped", "shipped"),
    "notify": ("notify", "notify"),
    "sync": ("sync", "sync"),
}


class _Commands(MutableMapping[str, Any]):
    """The group's commands, each imported and built when it is first looked up.

    A run uses one command; importing the modules of the others and converting their
    parameters cost a pre-commit run some 18 ms. `relrot --help` looks them all up. Commands
    added the usual way (`@app.command()`, `add_command`) are kept too, after relrot's own.
    """

    def __init__(self, added: Mapping[str, Any]) -> None:
        self._built: dict[str, Any] = dict(added)

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in COMMANDS:
                raise KeyError(name)
            import importlib

            from relrot._compat.typer_command import build_command

            module, function = COMMANDS[name]
            callback = getattr(importlib.import_module(f"relrot.cli.{module}"), function)
            self._built[name] = build_command(
                name,
                callback,
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
            )
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        raise TypeError(f"relrot's commands cannot be removed (asked to remove {name!r})")

    def __iter__(self) -> Iterator[str]:
        yield from COMMANDS
        yield from (name for name in self._built if name not in COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS) + sum(name not in COMMANDS for name in self._built)


class _Group(TyperGroup):
    """relrot's command group: Typer's, with the commands built on demand."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _Commands(self.commands)


app = typer.Typer(
    name="relrot",
    cls=_Group,
    help="Plan who pilots each release: a rotation file in, a release-duty plan out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"relrot {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main_options(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Option("--file", "-f", readable=False, help="The rotation file.", show_default=True),
    ] = Path("rotation.yaml"),
    project: Annotated[
        str | None,
        typer.Option("--project", help="One project of a file with `projects:`."),
    ] = None,
    version: Annotated[  # noqa: ARG001 - handled by its eager callback
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Plan who pilots each release: a rotation file in, a release-duty plan out.

    Exit codes: 0 ok, 1 the file has problems, 2 usage error or unreadable file,
    3 internal error (a crash log is written).
    """
    ctx.obj = file
    ctx.meta[PROJECT_KEY] = project


def main() -> None:
    """The command line: no traceback ever reaches the user. The `relrot` script runs it
    through `relrot.console.run`; `python -m relrot` and the library call it directly."""
    # relrot has no use for pydantic plugins; looking them up scans every installed
    # package's metadata: 2 to 3% of a validate run (3.2 ms of 154 in 40 paired rounds,
    # docs/performance.md). The import of `importlib.metadata` stays, as for any Typer tool.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if sys.stdout is None:
        _output_failed("standard output is closed")
    try:
        app()
    except SystemExit as done:
        _flush(done)
        raise done from None
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        _quiet_exit()
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRORS:
            _crashed(exc)
        _output_failed(exc.strerror or str(exc))
    except Exception as exc:  # the last line of defence: never a traceback
        _crashed(exc)


def _flush(done: SystemExit) -> None:
    """What is still buffered must reach the reader, or the run did not do its job; a reader
    gone away ends it quietly (Typer's own ending for it is exit 1)."""
    if isinstance(done.__context__, BrokenPipeError):
        _quiet_exit()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_exit()
    except OSError as exc:
        _output_failed(exc.strerror or str(exc))


# Errors of writing the output (a full disk, a closed or broken descriptor), not bugs.
_OUTPUT_ERRORS = {errno.ENOSPC, errno.EIO, errno.EBADF, errno.EDQUOT, errno.EFBIG}


def _output_failed(reason: str) -> NoReturn:
    """The output could not be written: a usage error (exit 2), said on standard error."""
    try:
        sys.stderr.write(f"relrot: error: cannot write the output: {reason}\n")
        sys.stderr.flush()
    except (OSError, AttributeError):
        pass
    # Nothing more may be tried on the broken stream when Python exits.
    _detach_stdout()
    sys.exit(EXIT_USAGE)


def _quiet_exit() -> NoReturn:
    """The reader went away (`relrot plan | head`); nothing left to say."""
    _detach_stdout()
    sys.exit(EXIT_OK)


def _detach_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass


def _crashed(exc: BaseException) -> NoReturn:
    from relrot.cli.crash import report_crash

    report_crash(exc)
    sys.exit(EXIT_INTERNAL)
