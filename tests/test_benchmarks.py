"""The benchmarks' baselines stay what they claim to be."""

from __future__ import annotations

import enum
import importlib.util
import itertools
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main

from relrot.cli import app
from relrot.yamlfile.load import parse

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _benchmark(name: str) -> Any:
    """A script of benchmarks/, imported as a module (its `main` does not run)."""
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# What only changes how a parameter is shown, never what Typer does with a value.
_DISPLAY = {"help", "rich_help_panel", "show_default", "show_choices", "show_envvar", "hidden"}


def _plain(value: Any) -> Any:
    """A value as compared: an enum member by its value, a function by being there at all."""
    if isinstance(value, enum.Enum):
        return value.value
    if callable(value):
        return "callable"
    return value


def _shape(param: Any) -> tuple[Any, ...]:
    """What Typer converts a parameter with: its spelling, arity, type and every setting."""
    annotation = param.type_descriptor.annotation
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        annotation = ("enum", tuple(member.value for member in annotation))
    settings = vars(param.type_descriptor.parameter_info)
    return (
        param.name,
        tuple(param.opts),
        param.nargs,
        param.multiple,
        getattr(param, "is_flag", None),
        str(annotation),
        _plain(param.default),
        param.callback is not None,
        sorted((k, repr(_plain(v))) for k, v in settings.items() if k not in _DISPLAY),
    )


def _validate_of(group: Any) -> list[tuple[Any, ...]]:
    return [_shape(p) for p in group.params + group.commands["validate"].params]


def test_empty_command_declares_the_parameters_of_relrot_validate() -> None:
    ours = typer.main.get_command(app)
    empty = typer.main.get_command(_benchmark("empty_command").app)
    assert _validate_of(empty) == _validate_of(ours)


def test_empty_command_accepts_validate_options(tmp_path: Path) -> None:
    # The benchmark's own command line and more; a usage error (exit 2) would make a cheap
    # baseline.
    arguments = ["--file", "rotation.yaml", "validate", "--today", "2026-11-21", "--horizon", "0"]
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "empty_command.py"), *arguments, "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_empty_command_imports_what_the_stack_floor_imports() -> None:
    # Above the floor it may only add Typer's own work, or the budgets it prints are off.
    startup = _benchmark("startup")
    script = BENCHMARKS / "empty_command.py"
    done = subprocess.run(
        [sys.executable, "-c", f"{startup.FLOOR}\nimport sys\nprint(*sorted(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    runs = (
        "import runpy, sys\n"
        f"sys.argv = [{str(script)!r}, '--file', 'rotation.yaml', 'validate']\n"
        "try:\n"
        f"    runpy.run_path({str(script)!r}, run_name='__main__')\n"
        "except SystemExit as done:\n"
        "    print(done.code or 0, *sorted(sys.modules))\n"
    )
    after = subprocess.run([sys.executable, "-c", runs], capture_output=True, text=True, check=True)
    code, *imported = after.stdout.split()
    floor = set(done.stdout.split())
    assert "ruamel.yaml" in floor
    assert code == "0"
    assert floor <= set(imported)


def test_hostile_files_fit_the_loader_and_validate_prints_little(tmp_path: Path) -> None:
    # What the benchmark checks but memory: its files are accepted (at most 64 KiB), each
    # holds thousands of problems on one line, and validate answers them in a few lines.
    hostile = _benchmark("validate_hostile")
    path = tmp_path / "rotation.yaml"
    # One format per file, each format in turn: a run takes a second or two.
    for write, output in zip(hostile.FILES.values(), itertools.cycle(hostile.FORMATS)):
        path.write_text(write(), encoding="utf-8")
        assert 56 << 10 < path.stat().st_size <= hostile.MAX_FILE_BYTES
        code, written, _, _ = hostile.measure(path, output)
        assert (code, written < 20_000) == (1, True), (write.__name__, output)


def test_the_planning_benchmark_plans_what_it_says() -> None:
    # It went stale once when the planner's signature changed; a tiny run keeps it honest.
    plan_scale = _benchmark("plan_scale")
    assert plan_scale.best_of(plan_scale.roster(), 20, repeats=1) >= 0


def _floor() -> Any:
    """benchmarks/floor.py, imported; what it froze for the collector is handed back."""
    import gc

    floor = _benchmark("floor")
    gc.unfreeze()
    return floor


def test_the_floor_declares_the_parameters_of_relrot_validate() -> None:
    ours = typer.main.get_command(app)
    assert _validate_of(typer.main.get_command(_floor().app)) == _validate_of(ours)


def test_the_floor_reads_with_the_c_loader_and_validates_a_mapping(tmp_path: Path) -> None:
    import pydantic

    floor = _floor()
    assert floor.loader().Parser.__module__.startswith("ruamel.yaml.clib")
    path = tmp_path / "rotation.yaml"
    path.write_text("schedule: {every_months: 2}\nmembers: [{id: bob}]\n", encoding="utf-8")
    data = floor.read(path)
    assert floor.check(data) == {"schedule": {"every_months": 2}, "members": [{"id": "bob"}]}
    with pytest.raises(pydantic.ValidationError, match="valid dictionary"):
        floor.check(["not", "a", "mapping"])


def test_the_floor_runs_validate_prints_one_line_and_skips_the_shutdown() -> None:
    # A handler registered before it would run at a usual exit: os._exit never runs it.
    runs = (
        "import atexit, sys\n"
        "atexit.register(print, 'the usual shutdown')\n"
        f"sys.path.insert(0, {str(BENCHMARKS)!r})\n"
        "import floor\n"
        "floor.run()\n"
    )
    arguments = ["--file", "rotation.yaml", "validate", "--today", "2026-11-21", "--format", "json"]
    done = subprocess.run(
        [sys.executable, "-c", runs, *arguments],
        capture_output=True,
        text=True,
        cwd=BENCHMARKS.parent,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "rotation.yaml: 4 keys\n", "")


def test_the_floor_imports_the_stack_floor_with_the_collector_off() -> None:
    startup = _benchmark("startup")
    stack = subprocess.run(
        [sys.executable, "-c", f"{startup.FLOOR}\nimport sys\nprint(*sorted(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    # A collection that starts once the stack's first module is in and before the freeze
    # ran during its imports.
    imports = (
        "import gc, sys\n"
        f"sys.path.insert(0, {str(BENCHMARKS)!r})\n"
        "during = []\n"
        "def seen(phase, info):\n"
        "    stack = {'typer', 'pydantic', 'ruamel'} & set(sys.modules)\n"
        "    during.append(phase == 'start' and bool(stack) and not gc.get_freeze_count())\n"
        "gc.callbacks.append(seen)\n"
        "import floor\n"
        "print(any(during), gc.isenabled(), gc.get_freeze_count() > 10_000)\n"
        "floor.app(['--file', 'rotation.yaml', 'validate'], standalone_mode=False)\n"
        "print(*sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", imports],
        capture_output=True,
        text=True,
        cwd=BENCHMARKS.parent,
        check=True,
    )
    flags, line, modules = done.stdout.split("\n", 2)
    collected, enabled, frozen = flags.split()
    imported = modules.split()
    assert line == "rotation.yaml: 4 keys"
    assert (collected, enabled, frozen) == ("False", "True", "True"), done.stderr
    assert "ruamel.yaml" in stack.stdout.split()
    assert set(stack.stdout.split()) <= set(imported)


def test_the_long_plans_benchmark_writes_the_rosters_it_says() -> None:
    plan_commands = _benchmark("plan_commands")
    loaded = parse(plan_commands.rotation(1000).encode())
    assert loaded.model is not None
    members = loaded.model.members
    assert len(members) == 1000
    assert sum(len(m.away) for m in members) == plan_commands.AWAY_RANGES
    assert sum(not m.core for m in members) == 100
