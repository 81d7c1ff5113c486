"""The floor: what any tool on relrot's stack pays to do `relrot validate`'s job (issue 30).

One process that, with the cycle collector off while it imports, imports what the stack floor
imports (Typer, pydantic, ruamel.yaml, dateutil); has Typer parse validate's real options,
declared by `benchmarks/empty_command.py` (the same group options and parameters, so Typer
builds the same parameter adapters); reads the rotation file with ruamel's C-based safe
loader; validates the data once with a pydantic `TypeAdapter(dict[str, object])`; prints one
line, flushes and ends with `os._exit`. Whatever relrot costs above it is its own work: its
modules, models, source map, plan and rules. `tests/test_benchmarks.py` keeps it so.

Run as `benchmarks/startup.py` runs it: `python benchmarks/floor.py --file F validate
--today D` (imported, so that its bytecode is cached as relrot's is).
"""

from __future__ import annotations

import gc

gc.disable()  # off while the stack is imported, as relrot's console script has it

import functools  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import ruamel.yaml  # noqa: E402
import typer  # noqa: E402
from pydantic import TypeAdapter  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import empty_command  # noqa: E402 - the floor's imports and validate's parameters

gc.freeze()
gc.enable()

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
# The group's `--file`, as the group's callback receives it.
GROUP: dict[str, Path] = {}


@app.callback()
@functools.wraps(empty_command.main_options)
def main_options(**options: Any) -> None:
    GROUP["file"] = options["file"]


def loader() -> ruamel.yaml.YAML:
    """ruamel's safe loader, on its C parser (`ruamel.yaml.clib`)."""
    return ruamel.yaml.YAML(typ="safe", pure=False)


def read(path: Path) -> object:
    """The file's data, read by ruamel's C-based safe loader."""
    return loader().load(path.read_bytes())


def check(data: object) -> dict[str, object]:
    """The data validated once, as a mapping of names to anything."""
    return TypeAdapter(dict[str, object]).validate_python(data)


@app.command()
@functools.wraps(empty_command.validate)
def validate(**options: Any) -> None:
    """validate's parameters, the file read and validated, one line printed."""
    path = options["file"] or GROUP["file"]
    checked = check(read(path))
    sys.stdout.write(f"{path}: {len(checked)} keys\n")


app.command()(empty_command.plan)


def run() -> None:
    """Parse the command line, do the work and end the process without Python's shutdown."""
    code = 0
    try:
        app()
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
