"""Each command imports only what it uses: a CI run should cost little more than Python
importing relrot's stack. Checked in a fresh interpreter per case."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

# Runs a command as the console script does (through `main`, which also turns off pydantic's
# plugin discovery) and reports the modules loaded and every module whose code imports
# `importlib.metadata`, also when it is already loaded.
PROBE = """
import builtins, json, sys
importers = ["<start-up>"] if "importlib.metadata" in sys.modules else []
plain_import = builtins.__import__

def recording_import(name, globals=None, locals=None, fromlist=(), level=0):
    if level == 0 and (
        name == "importlib.metadata" or (name == "importlib" and "metadata" in (fromlist or ()))
    ):
        importers.append((globals or {}).get("__name__"))
    return plain_import(name, globals, locals, fromlist, level)

builtins.__import__ = recording_import
from relrot.cli import main
sys.argv = ["relrot", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(json.dumps({"modules": sorted(sys.modules), "importers": importers}), file=sys.stderr)
"""

MONTHLY = "schedule: {first_release: 2026-01-13}\nmembers: [{id: a}, {id: b}, {id: c}]\n"


def probe(*args: str, cwd: Path = ROOT) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    last = result.stderr.strip().splitlines()[-1]
    found: dict[str, Any] = json.loads(last)
    return found


def modules_after(*args: str, cwd: Path = ROOT) -> set[str]:
    return set(probe(*args, cwd=cwd)["modules"])


def loaded(modules: set[str], package: str) -> bool:
    return any(m == package or m.startswith(package + ".") for m in modules)


@pytest.mark.parametrize(
    ("args", "absent"),
    [
        # The YAML scanner only masks away reasons on quoted lines: this file's have none.
        (
            ("validate", "--today", "2026-11-21"),
            ["rich", "icalendar", "holidays", "relrot.yamlfile.flow"],
        ),
        (("plan", "--today", "2026-11-21", "--format", "json"), ["rich", "icalendar"]),
        (("who", "--today", "2026-11-21"), ["rich", "icalendar", "holidays"]),
        (("--version",), ["rich", "pydantic", "ruamel", "dateutil"]),
    ],
)
def test_commands_leave_out_what_they_do_not_use(args: tuple[str, ...], absent: list[str]) -> None:
    modules = modules_after(*args)
    assert "relrot.cli" in modules
    assert [p for p in absent if loaded(modules, p)] == []


COMMAND_MODULES = {f"relrot.cli.{module}" for module in ("plan", "validate", "diff", "schema")}
COMMAND_MODULES |= {f"relrot.cli.{module}" for module in ("swap", "away", "who", "init", "pin")}
COMMAND_MODULES |= {f"relrot.cli.{module}" for module in ("issue", "stats", "site", "ci")}
COMMAND_MODULES |= {"relrot.cli.import_", "relrot.cli.shipped"}


@pytest.mark.parametrize(
    ("args", "used"),
    [
        (("validate", "--today", "2026-11-21"), {"relrot.cli.validate"}),
        (("who", "--today", "2026-11-21"), {"relrot.cli.who"}),
        (("--version",), set()),
        # import shares swap's options, and ci validate's check of the working tree, through
        # modules of their own.
        (("import", "--help"), {"relrot.cli.import_"}),
        (("ci", "--help"), {"relrot.cli.ci"}),
        (("--help",), COMMAND_MODULES),
    ],
)
def test_a_run_imports_only_its_own_command_module(args: tuple[str, ...], used: set[str]) -> None:
    assert modules_after(*args) & COMMAND_MODULES == used


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "--today", "2026-11-21"),
        ("validate", "--today", "2026-11-21", "--format", "github"),
        ("who", "--today", "2026-11-21"),
        ("ci", "--help"),
    ],
)
def test_only_a_ci_run_imports_the_github_package(args: tuple[str, ...]) -> None:
    modules = modules_after(*args)
    assert [m for m in modules if m.startswith(("relrot.github", "relrot.render.ci_report"))] == []
    assert "relrot.git_base" not in modules


def test_rrule_is_imported_only_for_rrule_files(tmp_path: Path) -> None:
    (tmp_path / "rotation.yaml").write_text(MONTHLY, encoding="utf-8")
    modules = modules_after("validate", "--today", "2026-11-21", cwd=tmp_path)
    assert "relrot.calendar" in modules
    # `every_months` is counted in integer months: no dateutil at all.
    assert [m for m in modules if m.startswith("dateutil")] == []
    assert "dateutil.rrule" in modules_after("validate", "--today", "2026-11-21")


def test_holidays_are_imported_only_when_countries_are_listed(tmp_path: Path) -> None:
    (tmp_path / "rotation.yaml").write_text(
        MONTHLY.replace("2026-01-13}", "2026-01-13, holidays: [US]}"), encoding="utf-8"
    )
    assert loaded(modules_after("validate", "--today", "2026-11-21", cwd=tmp_path), "holidays")


def test_the_table_and_the_calendar_import_their_libraries() -> None:
    assert loaded(modules_after("plan", "--today", "2026-11-21"), "rich")
    ics = modules_after("plan", "--today", "2026-11-21", "--format", "ics")
    assert loaded(ics, "icalendar")


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "--today", "2026-11-21"),
        ("who", "--today", "2026-11-21"),
        ("plan", "--today", "2026-11-21", "--format", "json"),
    ],
)
def test_only_pydantic_imports_package_metadata(args: tuple[str, ...]) -> None:
    """Scanning installed packages costs a tenth of a run. pydantic's plugin loader imports
    `importlib.metadata` whenever Typer builds a parameter's validator, even with plugins
    turned off; nothing of relrot's may import it too."""
    importers = set(probe(*args)["importers"])
    if "<start-up>" in importers:
        pytest.skip("this interpreter imports importlib.metadata at start-up")
    assert importers == {"pydantic.plugin._loader"}
    assert probe("--version")["importers"] == []


def test_commands_added_the_usual_way_are_kept_after_relrots_own() -> None:
    import typer.main

    from relrot.cli.app import COMMANDS, _Group

    other = typer.Typer()
    other.command()(lambda: None)
    extra = typer.main.get_command(other)  # any command will do
    group = _Group(name="relrot", commands={"extra": extra})
    group.add_command(extra, "another")
    assert list(group.commands) == [*COMMANDS, "extra", "another"]
    assert group.commands["extra"] is extra
    assert len(group.commands) == len(COMMANDS) + 2
