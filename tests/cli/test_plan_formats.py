"""Every plan format on the repository's rotation.yaml, as golden files."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import vobject

from tests.conftest import GOLDEN, ROOT, Golden, Result

TODAY = "2026-11-21"


@pytest.fixture(autouse=True)
def _in_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    # Output names the file as given: run where `rotation.yaml` is, as a user would.
    monkeypatch.chdir(ROOT)


def plan(relrot: Callable[..., Result], *options: str) -> str:
    result = relrot("--file", "rotation.yaml", "plan", "--today", TODAY, *options)
    assert result.exit_code == 0, result
    return result.stdout


@pytest.mark.parametrize(
    ("output", "name"),
    [
        ("table", "plan.txt"),
        ("json", "plan.json"),
        ("markdown", "plan.md"),
        ("csv", "plan.csv"),
        ("ics", "plan.ics"),
        ("mermaid", "plan.mermaid"),
        ("mermaid-gantt", "plan-gantt.mermaid"),
    ],
)
def test_golden_plan_format(
    relrot: Callable[..., Result], golden: Golden, output: str, name: str
) -> None:
    golden.check(GOLDEN / name, plan(relrot, "--count", "8", "--format", output))


def test_piped_table_has_no_colour_codes(relrot: Callable[..., Result]) -> None:
    assert "\x1b[" not in plan(relrot, "--count", "8")


def test_csv_has_the_json_fields(relrot: Callable[..., Result]) -> None:
    records = json.loads(plan(relrot, "--format", "json"))["releases"]
    rows = list(csv.DictReader(io.StringIO(plan(relrot, "--format", "csv"))))
    assert [r["version"] for r in rows] == [r["version"] for r in records]
    assert list(rows[0]) == [
        "number",
        "version",
        "nominal_date",
        "date",
        "pilot",
        "co_pilot",
        "jump_seat",
        "pinned",
        "notes",
        "milestones",
    ]
    assert rows[0]["pilot"] == records[0]["pilot"]
    assert rows[0]["jump_seat"] == (records[0]["jump_seat"] or "")


def test_ics_parses_independently_with_stable_uids(relrot: Callable[..., Result]) -> None:
    text = plan(relrot, "--count", "3", "--format", "ics")
    calendar = vobject.readOne(text)
    events = calendar.vevent_list
    # Three releases, each with two milestones.
    assert len(events) == 9
    first = events[0]
    # No `project:` in the file: the UID names the project by its schedule and roster.
    assert first.uid.value == "27.1.0/release@rotation-e6307ccc5d66.relrot"
    assert str(first.dtstart.value) == "2027-01-11"
    assert str(first.dtend.value) == "2027-01-12"
    assert first.summary.value == (
        "Release 27.1.0: pilot Dana Kowalski, co-pilot Eli Navarro, jump seat Gus Mbeki"
    )
    assert len({e.uid.value for e in events}) == len(events)
    again = vobject.readOne(plan(relrot, "--count", "3", "--format", "ics"))
    assert [e.uid.value for e in again.vevent_list] == [e.uid.value for e in events]
    # A longer plan keeps the same UIDs for the same releases and milestones.
    longer = vobject.readOne(plan(relrot, "--count", "6", "--format", "ics"))
    assert [e.uid.value for e in longer.vevent_list][:9] == [e.uid.value for e in events]


NODE = re.compile(r'^    (?P<id>[pc]\d+)\["(?P<label>[^"]*)"\]$')
EDGE = re.compile(r'^  (?P<src>[pc]\d+) -->\|"(?P<who>[^"]+)"\| (?P<dst>[pc]\d+)$')
ORDER = re.compile(r"^    (?P<src>[pc](?:\d+|_title)) ~~~ (?P<dst>[pc]\d+)$")
TITLE = re.compile(r'^    (?P<lane>[pc])_title\["(?P<label>[^"]+)"\]:::lane$')


def test_mermaid_flowchart_is_well_formed(relrot: Callable[..., Result]) -> None:
    lines = plan(relrot, "--count", "8", "--format", "mermaid").splitlines()
    assert lines[0] == "flowchart LR"
    nodes: dict[str, str] = {}
    titles: dict[str, str] = {}
    edges = []
    depth = 0
    for line in lines[1:]:
        if line.startswith("  subgraph "):
            # Issue 26: a subgraph's title sat where an edge label covered it; lanes are
            # titled by a node of their own, which the layout keeps edge labels off.
            assert line.endswith('[" "]')
            depth += 1
        elif title := TITLE.match(line):
            titles[title["lane"]] = title["label"]
        elif line.strip() == "end":
            depth -= 1
        elif node := NODE.match(line):
            nodes[node["id"]] = node["label"]
        elif edge := EDGE.match(line):
            edges.append((edge["src"], edge["who"], edge["dst"]))
        elif not (
            ORDER.match(line)
            or line in ("    direction LR", "  p_lane ~~~ c_lane")
            or line == "  classDef lane fill:none,stroke:none,font-weight:bold"
        ):
            pytest.fail(f"unexpected flowchart line: {line!r}")
        assert depth in (0, 1)
    assert depth == 0
    assert titles == {"p": "Pilot", "c": "Co-pilot"}
    assert len(nodes) == 16  # a pilot and a co-pilot box for each of 8 releases
    for source, who, target in edges:
        # Each arrow follows one member from a seat to their seat in the next release.
        assert source in nodes
        assert target in nodes
        assert int(target[1:]) == int(source[1:]) + 1
        assert nodes[source].endswith(f"<br/>{who}")
        assert nodes[target].endswith(f"<br/>{who}")


TASK = re.compile(r"^    (pilot|co-pilot|jump seat) \d+\.\d+\.0 : \d{4}-\d{2}-\d{2}, \d+d$")


def test_mermaid_gantt_is_well_formed(relrot: Callable[..., Result]) -> None:
    lines = plan(relrot, "--count", "8", "--format", "mermaid-gantt").splitlines()
    assert lines[:4] == [
        "gantt",
        "  title Release rotation",
        "  dateFormat YYYY-MM-DD",
        "  axisFormat %Y-%m",
    ]
    sections = [line for line in lines[4:] if line.startswith("  section ")]
    tasks = [line for line in lines[4:] if not line.startswith("  section ")]
    assert sections
    assert all(TASK.match(task) for task in tasks), tasks
    # Eight releases: a pilot and a co-pilot each, and one jump seat.
    assert len(tasks) == 17


# Drawn by Mermaid in the browser: every lane title's box and every edge label's box, then
# each pair that overlaps. The chart's own page has no script; this copy measures it.
OVERLAPS = """<script>
const boxes = (css) => [...document.querySelectorAll(css)]
  .map((e) => [e.textContent.trim(), e.getBoundingClientRect()])
  .filter(([text]) => text);
const titles = boxes('.cluster-label, .node .nodeLabel')
  .filter(([text]) => text === 'Pilot' || text === 'Co-pilot');
const labels = boxes('.edgeLabel');
const hit = (a, b) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const out = titles.map(([text]) => 'title ' + text);
for (const [t, a] of titles)
  for (const [l, b] of labels) if (hit(a, b)) out.push(t + ' under ' + l);
const pre = document.createElement('pre');
pre.id = 'overlaps';
pre.textContent = out.join('\\n');
document.body.append(pre);
</script>"""


@pytest.mark.parametrize("count", ["3", "4", "8"])
def test_no_edge_label_covers_a_lane_title(
    relrot: Callable[..., Result], tmp_path: Path, count: str
) -> None:
    from tests.browser import chromium_path, render_mermaid, run_chromium

    drawn = render_mermaid(plan(relrot, "--count", count, "--format", "mermaid"), tmp_path)
    page = tmp_path / "chart.html"
    svg = drawn.read_text(encoding="utf-8")
    page.write_text(f"<!DOCTYPE html><html><body>{svg}{OVERLAPS}</body></html>", "utf-8")
    dom = run_chromium(chromium_path(), page.as_uri(), "--dump-dom").decode()
    found = re.search(r'<pre id="overlaps">(.*?)</pre>', dom, re.DOTALL)
    assert found is not None
    assert found.group(1).splitlines() == ["title Pilot", "title Co-pilot"]


# --- several projects (SPEC 6) ------------------------------------------------------------------

TEAM = "tests/data/portfolio/team.yaml"


def team_plan(relrot: Callable[..., Result], *args: str) -> str:
    result = relrot("--file", TEAM, *args)
    assert result.exit_code == 0, result
    return result.stdout


@pytest.mark.parametrize(("output", "name"), [("table", "team.txt"), ("markdown", "team.md")])
def test_every_project_in_one_table_with_a_project_column(
    relrot: Callable[..., Result], golden: Golden, output: str, name: str
) -> None:
    shown = team_plan(relrot, "plan", "--today", "2026-01-01", "-n", "3", "--format", output)
    golden.check(GOLDEN / name, shown)


def test_json_and_csv_rows_name_their_project_only_in_a_file_with_projects(
    relrot: Callable[..., Result],
) -> None:
    options = ("plan", "--today", "2026-01-01", "-n", "2")
    rows = json.loads(team_plan(relrot, *options, "--format", "json"))["releases"]
    assert [(r["project"], r["version"]) for r in rows] == [
        ("manager", "26.1.0"),
        ("manager", "26.3.0"),
        ("builder", "26.1.0"),
        ("builder", "26.3.0"),
        ("plugin", "2026-01"),
        ("plugin", "2026-03"),
    ]
    assert list(rows[0])[:2] == ["project", "number"]
    table = list(csv.DictReader(io.StringIO(team_plan(relrot, *options, "--format", "csv"))))
    assert [r["project"] for r in table] == [r["project"] for r in rows]
    # One project, named before or after the command: its rows as a one-project file's.
    before = team_plan(relrot, "--project", "plugin", *options, "--format", "json")
    after = team_plan(relrot, *options, "--format", "json", "--project", "plugin")
    assert before == after
    alone = json.loads(before)["releases"]
    assert "project" not in alone[0]
    assert [{"project": "plugin", **r} for r in alone] == rows[4:]
    assert "project" not in plan(relrot, "--format", "json")


def test_a_format_of_one_project_asks_for_it(relrot: Callable[..., Result]) -> None:
    result = relrot("--file", TEAM, "plan", "--today", "2026-01-01", "--format", "mermaid-gantt")
    assert result.exit_code == 2
    assert "--format mermaid-gantt shows one project; name it with --project" in result.stderr
    unknown = relrot("--file", TEAM, "plan", "--project", "plugins")
    assert unknown.exit_code == 2
    assert "no project 'plugins' in the file; did you mean plugin?" in unknown.stderr


def test_a_version_in_from_that_one_project_lacks_asks_for_the_project(
    relrot: Callable[..., Result],
) -> None:
    result = relrot("--file", TEAM, "plan", "--from", "26.3.0")
    assert result.exit_code == 2
    assert result.stderr == (
        "relrot: error: --from 26.3.0 is not a release of every project (plugin: no release "
        "has version '26.3.0'; did you mean 2026-01?): add --project to start one project "
        "there, or give a date\n"
    )
    assert relrot("--file", TEAM, "plan", "--from", "26.3.0", "--project", "builder").exit_code == 0


def test_a_command_that_shows_one_project_asks_which(relrot: Callable[..., Result]) -> None:
    result = relrot("--file", TEAM, "plan", "--format", "mermaid", "--today", "2026-03-01")
    assert (result.exit_code, result.stderr) == (
        2,
        "relrot: error: --format mermaid shows one project; name it with --project\n",
    )
    # A release of two projects (the build tool takes the manager's versions) is ambiguous.
    result = relrot("--file", TEAM, "issue", "26.3.0", "--today", "2026-03-01")
    assert (result.exit_code, result.stderr) == (
        2,
        "relrot: error: 26.3.0 is a release of several projects (manager, builder); name one "
        "with `--project ID`\n",
    )
    assert "Pilot:" in relrot("--file", TEAM, "--project", "builder", "who", "2026-03-12").stdout


def test_one_calendar_holds_the_plan_of_every_project(relrot: Callable[..., Result]) -> None:
    # As the site's calendar does: each event titled with its project, UIDs its own.
    result = relrot(
        "--file", TEAM, "plan", "--format", "ics", "--count", "1", "--today", "2026-03-01"
    )
    assert result.exit_code == 0, result
    uids = re.findall(r"^UID:(\S+)@(\w+)\.", result.stdout, flags=re.MULTILINE)
    assert uids == [
        ("26.3.0/release", "manager"),
        ("26.3.0/release-branch", "manager"),
        ("26.3.0/all-clear", "manager"),
        ("26.3.0/release", "builder"),
        ("2026-03/release", "plugin"),
    ]
    assert re.findall(r"^SUMMARY:(\w+ \w+) release ", result.stdout, flags=re.MULTILINE) == [
        "Package manager",
        "Build tool",
        "Index plugin",
    ]
