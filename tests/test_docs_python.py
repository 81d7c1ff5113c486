"""docs/python-api.md stays true: its Python example runs on a copy of the repository's
rotation.yaml and prints exactly what the page shows after it."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT

PAGE = ROOT / "docs" / "python-api.md"
EXAMPLE = re.compile(r"^```python\n(.*?)^```\n\nIt prints:\n\n```text\n(.*?)^```$", re.M | re.S)


def test_the_python_api_page_runs_and_shows_its_real_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    examples = EXAMPLE.findall(PAGE.read_text(encoding="utf-8"))
    assert examples
    shutil.copy(ROOT / "rotation.yaml", tmp_path / "rotation.yaml")
    monkeypatch.chdir(tmp_path)
    for code, shown in examples:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(code, str(PAGE), "exec"), {"__name__": "docs"})
        assert printed.getvalue() == shown
    # The example writes its swap: the copy holds it, the repository's file does not.
    assert "swaps:" in (tmp_path / "rotation.yaml").read_text(encoding="utf-8")
    assert "swaps:" not in (ROOT / "rotation.yaml").read_text(encoding="utf-8")


def test_the_readme_links_the_python_api_page() -> None:
    assert "(docs/python-api.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
