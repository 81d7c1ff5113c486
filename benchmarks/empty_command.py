"""`relrot validate`'s command line with nothing behind it: the stack floor, then Typer's work.

It imports what the stack floor imports (Typer, pydantic, ruamel.yaml, dateutil), then parses
the same group (`--file`, `--project`, an eager `--version`) and a `validate` command declaring
the same parameters as relrot's (FILE..., --format, --strict, --horizon, --file, --project,
--today), each with the type relrot gives it; the command does nothing. Typer 0.29 builds a
pydantic validator for every parameter that is not a flag, so this is the least that a
program on relrot's stack costs when it takes these options. `tests/test_benchmarks.py`
checks that the parameters match relrot's.

Run as `benchmarks/startup.py` runs relrot: `python benchmarks/empty_command.py --file F
validate --today D`.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import dateutil.relativedelta  # noqa: F401 - what the stack floor imports
import ruamel.yaml  # noqa: F401
import typer
from pydantic import BaseModel  # noqa: F401

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


class Format(str, enum.Enum):
    text = "text"
    github = "github"
    json = "json"


def _version(value: bool) -> None:
    if value:
        raise typer.Exit(0)


@app.callback()
def main_options(
    ctx: typer.Context,
    file: Annotated[Path, typer.Option("--file", "-f", readable=False)] = Path("rotation.yaml"),
    project: Annotated[str | None, typer.Option("--project")] = None,  # noqa: ARG001
    version: Annotated[  # noqa: ARG001 - as relrot's, handled by its eager callback
        bool, typer.Option("--version", callback=_version, is_eager=True)
    ] = False,
) -> None:
    ctx.obj = file


@app.command()
def validate(
    files: Annotated[list[Path] | None, typer.Argument(metavar="FILE", readable=False)] = None,
    output: Annotated[Format, typer.Option("--format")] = Format.text,
    strict: Annotated[bool, typer.Option("--strict")] = False,
    horizon: Annotated[int, typer.Option("--horizon", min=0)] = 12,
    file: Annotated[Path | None, typer.Option("--file", "-f", readable=False)] = None,
    project: Annotated[str | None, typer.Option("--project")] = None,
    today: Annotated[str | None, typer.Option("--today")] = None,
) -> None:
    """Accept validate's arguments and do nothing with them."""


@app.command()
def plan() -> None:
    """A second command, so that `validate` is looked up in a group as relrot's is."""


if __name__ == "__main__":
    app()
