"""The Typer application, its global options and the console entry point."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

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
        from relrot.cli.crash import report_crash

        report_crash(exc)
        sys.exit(EXIT_INTERNAL)
