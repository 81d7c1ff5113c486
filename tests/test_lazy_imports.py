"""Each command imports only what it uses: a CI run should cost little more than Python
importing relrot's stack. Checked in a fresh interpreter per case."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PROBE = """
import json, sys
from relrot.cli import app
try:
    app(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""

MONTHLY = "schedule: {first_release: 2026-01-13}\nmembers: [{id: a}, {id: b}, {id: c}]\n"


def modules_after(*args: str, cwd: Path = ROOT) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    last = result.stderr.strip().splitlines()[-1]
    return set(json.loads(last))


def loaded(modules: set[str], package: str) -> bool:
    return any(m == package or m.startswith(package + ".") for m in modules)


@pytest.mark.parametrize(
    ("args", "absent"),
    [
        (("validate", "--today", "2026-11-21"), ["rich", "icalendar", "holidays"]),
        (("plan", "--today", "2026-11-21", "--format", "json"), ["rich", "icalendar"]),
        (("who", "--today", "2026-11-21"), ["rich", "icalendar", "holidays"]),
        (("--version",), ["rich", "pydantic", "ruamel", "dateutil"]),
    ],
)
def test_commands_leave_out_what_they_do_not_use(args: tuple[str, ...], absent: list[str]) -> None:
    modules = modules_after(*args)
    assert "relrot.cli" in modules
    assert [p for p in absent if loaded(modules, p)] == []


def test_rrule_is_imported_only_for_rrule_files(tmp_path: Path) -> None:
    (tmp_path / "rotation.yaml").write_text(MONTHLY, encoding="utf-8")
    modules = modules_after("validate", "--today", "2026-11-21", cwd=tmp_path)
    assert "dateutil.relativedelta" in modules
    assert "dateutil.rrule" not in modules
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
