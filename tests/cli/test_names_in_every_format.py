"""Names and reasons that mean something in an output format come out as themselves.

`tests/data/names/rotation.yaml` holds `| * _ < > & = @` and Mermaid's `( ) [ ] | " ; #` in
its names, reasons and milestones; every format is kept as a golden file (refresh them with
`make golden` and read the diff), and the Mermaid charts go through Mermaid's own renderer.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from icalendar import Calendar

from relrot.render.csv_format import neutralised
from tests.browser import render_mermaid
from tests.conftest import DATA, GOLDEN, Golden, Result

ROSTER = DATA / "names" / "rotation.yaml"
NAMES = GOLDEN / "names"
TODAY = "2026-01-01"
ANN = '=HYPERLINK("http://x.invalid") | *Ann*'
DANA = 'Dana Kowalski (she/her) [lead]; #1 "D"'


@pytest.fixture
def roster(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # Output names the file as given: run beside a copy, as a user would.
    shutil.copy(ROSTER, tmp_path / "rotation.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def output(relrot: Callable[..., Result], *args: str) -> str:
    result = relrot(*args)
    assert result.exit_code == 0, result
    assert result.stderr == "", result
    return result.stdout


PLAN = ("plan", "--today", TODAY, "--count", "6", "--format")
COMMANDS = {
    "plan.txt": ("plan", "--today", TODAY, "--count", "6"),
    "plan.json": (*PLAN, "json"),
    "plan.md": (*PLAN, "markdown"),
    "plan.csv": (*PLAN, "csv"),
    "plan.ics": (*PLAN, "ics"),
    "plan.mermaid": (*PLAN, "mermaid"),
    "plan-gantt.mermaid": (*PLAN, "mermaid-gantt"),
    "issue.md": ("issue", "26.7.0", "--today", TODAY),
    "who.txt": ("who", "26.7.0", "--today", TODAY),
    "diff.md": ("diff", "base.yaml", "--today", TODAY, "--format", "markdown"),
    "diff.txt": ("diff", "base.yaml", "--today", TODAY),
    # 26.1.0's last reminder day; the swap moves two seats of 26.7.0.
    "notify.md": ("notify", "--since", "base.yaml", "--today", "2026-01-05"),
    "notify.json": ("notify", "--since", "base.yaml", "--today", "2026-01-05", "--format", "json"),
}


def without_the_swap(folder: Path) -> None:
    text = (folder / "rotation.yaml").read_text(encoding="utf-8")
    (folder / "base.yaml").write_text(text.split("swaps:")[0], encoding="utf-8")


@pytest.mark.parametrize("name", list(COMMANDS))
def test_golden_hostile_names(
    relrot: Callable[..., Result], roster: Path, golden: Golden, name: str
) -> None:
    without_the_swap(roster)
    golden.check(NAMES / name, output(relrot, *COMMANDS[name]))


def test_golden_hostile_names_site(
    relrot: Callable[..., Result], roster: Path, golden: Golden
) -> None:
    result = relrot("site", "out", "--today", TODAY, "--count", "6")
    assert result.exit_code == 0, result
    golden.check(NAMES / "index.html", (roster / "out" / "index.html").read_text("utf-8"))


@pytest.mark.usefixtures("roster")
def test_markdown_escapes_what_would_break_the_table(relrot: Callable[..., Result]) -> None:
    table = output(relrot, *PLAN, "markdown").splitlines()
    # Every row keeps its seven cells: no name's `|` ends a cell early.
    for row in table[2:]:
        assert row.replace("\\|", "").count("|") == 8, row
    assert "\\=HYPERLINK" not in table[2]
    # A bare address would be a link: an empty comment splits it, and renders as nothing.
    assert '=HYPERLINK("http:<!-- -->//x.invalid") \\| \\*Ann\\* (new)' in table[2]
    assert "Bob\\_Ross \\<script\\>alert(1)\\</script\\> \\& co" in table[2]


@pytest.mark.usefixtures("roster")
def test_csv_cells_are_never_formulas(relrot: Callable[..., Result]) -> None:
    rows = list(csv.DictReader(io.StringIO(output(relrot, *PLAN, "csv"))))
    assert rows[0]["milestones"].startswith("'=SUM(A1)=")
    starts = ("=", "+", "-", "@", "\t", "\r")
    assert not [v for row in rows for v in row.values() if v.startswith(starts)]


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\rx", "'\rx"),
        # A tab is shown escaped, and still counts as a formula start.
        ("\tx", "'\\tx"),
        # Every line of a cell: a reader that splits the row at a line break sees no formula.
        ("x\r=1", "x\r'=1"),
        ("x\r\n+1\n-2", "x\r\n'+1\n'-2"),
    ],
)
def test_a_formula_start_gets_a_quote(text: str, cell: str) -> None:
    assert neutralised(text) == cell


@pytest.mark.parametrize("text", ["", "26.1.0", "a=b", "x-1", None])
def test_other_cells_are_left_alone(text: str | None) -> None:
    assert neutralised(text) == (text or "")


@pytest.mark.usefixtures("roster")
def test_ics_text_reads_back_as_written(relrot: Callable[..., Result]) -> None:
    calendar = Calendar.from_ical(output(relrot, *PLAN, "ics"))
    assert str(calendar["X-WR-CALNAME"]) == "Ops <b>&amp;</b> | *team* release rotation"
    first = calendar.walk("VEVENT")[0]
    assert str(first["SUMMARY"]) == (
        "Ops <b>&amp;</b> | *team* release 26.1.0: "
        f"pilot {ANN}, co-pilot Bob_Ross <script>alert(1)</script> & co"
    )


@pytest.mark.usefixtures("roster")
def test_json_keeps_ids(relrot: Callable[..., Result]) -> None:
    releases = json.loads(output(relrot, *PLAN, "json"))["releases"]
    assert [r["pilot"] for r in releases] == ["ann", "bob", "bob", "cy", "cy", "dana"]


@pytest.mark.parametrize("chart", ["mermaid", "mermaid-gantt"])
def test_mermaid_parses_names_with_its_special_characters(
    relrot: Callable[..., Result], roster: Path, chart: str
) -> None:
    source = output(relrot, *PLAN, chart)
    drawn = render_mermaid(source, roster).read_text(encoding="utf-8")
    assert "Syntax error" not in drawn
    # The names come out as text, not as markup.
    assert "<script>" not in drawn
    assert "Bob_Ross &lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in drawn
    if chart == "mermaid":
        assert "Dana Kowalski (she/her) [lead]; #1" in drawn
