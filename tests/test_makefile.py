"""The Makefile's hint before the tests: it names only what the browser tests still lack."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT


def hint(tmp_path: Path, *, chromium: bool, mermaid: bool, npm: bool) -> str:
    """What `make browser-hint` says on a machine with just these tools on its PATH."""
    bin_dir, tools = tmp_path / "bin", tmp_path / "tools"
    bin_dir.mkdir()
    for name, present in (("chromium", chromium), ("npm", npm)):
        if present:
            (bin_dir / name).write_text("#!/bin/sh\n", encoding="utf-8")
            (bin_dir / name).chmod(0o755)
    if mermaid:
        mmdc = tools / "node_modules" / ".bin" / "mmdc"
        mmdc.parent.mkdir(parents=True)
        mmdc.write_text("#!/bin/sh\n", encoding="utf-8")
        mmdc.chmod(0o755)
    make = shutil.which("make")
    assert make is not None
    done = subprocess.run(
        [make, "-s", "--no-print-directory", "-C", str(ROOT), "browser-hint", f"TOOLS={tools}"],
        env={"PATH": str(bin_dir)},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.mark.parametrize(
    ("chromium", "mermaid", "npm", "said"),
    [
        (True, True, False, ""),
        (False, True, True, "apt-get install chromium"),
        (True, False, True, "make tools"),
        (True, False, False, "apt-get install npm, then make tools"),
        (False, False, True, "apt-get install chromium, then make tools"),
        (False, False, False, "apt-get install chromium npm, then make tools"),
    ],
)
def test_the_hint_names_only_what_is_missing(
    tmp_path: Path, chromium: bool, mermaid: bool, npm: bool, said: str
) -> None:
    expected = f"browser tests will be skipped: {said}\n" if said else ""
    assert hint(tmp_path, chromium=chromium, mermaid=mermaid, npm=npm) == expected
