"""The Typer application, its global options and the console entry point."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from relrot import __version__

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3

app = typer.Typer(
    name="relrot",
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
        typer.Option("--file", "-f", help="The rotation file.", show_default=True),
    ] = Path("rotation.yaml"),
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


def main() -> None:
    """Console entry point: no traceback ever reaches the user."""
    # relrot has no use for pydantic plugins; looking them up scans every installed
    # package's metadata, a fifth of a validate run in CI.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if sys.stdout is None:
        _output_failed("standard output is closed")
    try:
        app()
    except SystemExit as done:
        # What is still buffered must reach the reader, or the run did not do its job.
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            _quiet_exit()
        except OSError as exc:
            _output_failed(exc.strerror or str(exc))
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
