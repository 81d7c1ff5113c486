"""`relrot site`: the page opened in a real headless browser, and the files beside it."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from relrot.render.site import PALETTE
from tests.browser import chromium_path, page_requests, png_pixels, run_chromium
from tests.conftest import GOLDEN, ROOT, Golden, Result

TODAY = "2027-03-03"  # inside the duty window of 27.3.0 (2027-03-01..2027-03-15)


class Elements(HTMLParser):
    """Every element of a document with its attributes and the text inside it."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str], list[str]]] = []
        self._open: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text: list[str] = []
        self.found.append((tag, {k: v or "" for k, v in attrs}, text))
        if tag not in ("meta", "br", "img", "link", "input", "path", "line", "rect"):
            self._open.append(text)

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag not in ("path", "line", "rect"):
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for text in self._open:
            text.append(data)

    def select(self, tag: str, css: str | None = None) -> list[str]:
        """The text of each `tag` element (with class `css`), whitespace collapsed."""
        return [
            " ".join("".join(text).split())
            for name, attrs, text in self.found
            if name == tag and (css is None or css in attrs.get("class", "").split())
        ]


def parsed(document: str) -> Elements:
    elements = Elements()
    elements.feed(document)
    return elements


@pytest.fixture
def site(relrot: Callable[..., Result], tmp_path: Path) -> Path:
    out = tmp_path / "site"
    result = relrot("--file", ROOT / "rotation.yaml", "site", out, "--today", TODAY)
    assert result.exit_code == 0, result
    assert result.stderr == f"wrote index.html, rotation.ics, plan.json to {out}\n"
    return out


def member_runs(releases: list[dict[str, object]]) -> int:
    """How many unbroken runs of pilot/co-pilot seats the members have across the releases
    that ship: what the timeline draws as one element each."""
    runs, seated_before = 0, set()
    for release in releases:
        if "skipped: no release" in release["notes"]:  # type: ignore[operator]
            continue
        seated = {release["pilot"], release["co_pilot"]} - {None}
        runs += len(seated - seated_before)
        seated_before = seated
    return runs


def test_the_page_in_a_real_browser_shows_the_crew_the_plan_and_every_stint(site: Path) -> None:
    dom = run_chromium(chromium_path(), (site / "index.html").as_uri(), "--dump-dom").decode()
    page = parsed(dom)
    plan = json.loads((site / "plan.json").read_text(encoding="utf-8"))["releases"]
    assert page.select("h2")[0] == "On duty now"
    assert page.select("strong", "version") == ["27.3.0"]
    assert page.select("dd", "pilot") == ["Eli Navarro (@elinav)"]
    assert page.select("dd", "co-pilot") == ["Dana Kowalski (@dkowalski)"]
    assert page.select("dd", "jump-seat") == ["-"]
    assert page.select("p", "next-milestone") == [
        "Next milestone: release 27.3.0 on Mon 2027-03-08"
    ]
    assert page.select("th")[7:] == [r["version"] for r in plan]
    assert len(plan) == 8
    assert plan[0]["version"] == "27.3.0"
    stints = page.select("g", "stint")
    assert len(stints) == member_runs(plan)
    # Each group is titled with its member and seats, then names the member in every box.
    assert stints[0] == "Eli Navarro: pilot 27.3.0, pilot 27.5.0, co-pilot 27.7.0" + (
        "Eli Navarro" * 3
    )
    assert page.select("g", "jump-seat") == []
    assert page.select("g", "today") == [f"today {TODAY}"]
    assert "Subscribe to the calendar" in page.select("a")


def test_the_page_asks_the_browser_for_nothing(site: Path) -> None:
    assert page_requests(chromium_path(), (site / "index.html").as_uri()) == []


REMOTE_REFERENCES = [
    pytest.param('<img src="https://example.org/x.png">', "https://example.org/x.png", id="img"),
    pytest.param(
        "<style>@import url(https://example.org/theme.css);</style>",
        "https://example.org/theme.css",
        id="css-import",
    ),
    pytest.param(
        '<link rel="stylesheet" href="https://example.org/site.css">',
        "https://example.org/site.css",
        id="stylesheet",
    ),
    pytest.param(
        "<div style=\"background: url('https://example.org/bg.png')\">x</div>",
        "https://example.org/bg.png",
        id="css-url",
    ),
]


def with_reference(site: Path, folder: Path, reference: str) -> Path:
    """A copy of the generated page with one more element at the end of its body."""
    page = folder / "index.html"
    original = (site / "index.html").read_text("utf-8")
    page.write_text(original.replace("</body>", reference + "</body>"), encoding="utf-8")
    return page


@pytest.mark.parametrize(("reference", "url"), REMOTE_REFERENCES)
def test_a_remote_reference_added_to_the_page_is_caught(
    site: Path, tmp_path: Path, reference: str, url: str
) -> None:
    # The empty lists here mean something only if the same probes see a page that fetches.
    page = with_reference(site, tmp_path, reference)
    assert url in page_requests(chromium_path(), page.as_uri())
    assert remote_references(page.read_text("utf-8")) == [url]


def test_a_remote_icon_is_caught_by_the_reading_of_the_page(site: Path, tmp_path: Path) -> None:
    # A headless browser asks for no icon, so only the reading of the page can see this one.
    page = with_reference(site, tmp_path, '<link rel="icon" href="https://example.org/i.ico">')
    assert remote_references(page.read_text("utf-8")) == ["https://example.org/i.ico"]


def test_the_screenshot_is_not_blank(site: Path, tmp_path: Path) -> None:
    shot = tmp_path / "page.png"
    run_chromium(
        chromium_path(),
        (site / "index.html").as_uri(),
        f"--screenshot={shot}",
        "--window-size=900,700",
        "--hide-scrollbars",
    )
    colours = Counter(png_pixels(shot.read_bytes()))
    background, most = colours.most_common(1)[0]
    assert len(colours) > 50
    # The members' boxes are drawn: a good share of the page is not the background.
    assert sum(colours.values()) - most > sum(colours.values()) // 20
    assert background[:3] == b"\xff\xff\xff"


class References(HTMLParser):
    """Every URL a document references: attributes that load or link, and CSS inside it."""

    URL_ATTRIBUTES = frozenset({"src", "href", "srcset", "poster", "data", "action", "xlink:href"})
    CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, _tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in self.URL_ATTRIBUTES and value:
                self.urls.extend(part.split()[0] for part in value.split(",") if part.strip())
            elif name == "style" and value:
                self.handle_data(value)

    def handle_data(self, data: str) -> None:
        self.urls.extend(a or b for a, b in self.CSS_URL.findall(data))


def remote_references(document: str) -> list[str]:
    """The URLs in `document` that are neither relative to the page nor `data:`/fragments."""
    references = References()
    references.feed(document)
    return [
        url
        for url in references.urls
        if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:|//", url) and not url.startswith("data:")
    ]


def test_the_page_names_nothing_to_fetch(site: Path) -> None:
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "<script" not in page
    references = References()
    references.feed(page)
    assert references.urls == ["rotation.ics", "plan.json"]
    assert remote_references(page) == []


def test_the_calendar_and_the_plan_are_the_plan_commands_output(
    relrot: Callable[..., Result], site: Path
) -> None:
    shown = ("--file", ROOT / "rotation.yaml", "plan", "--today", TODAY, "--count", "8")
    json_plan = relrot(*shown, "--format", "json").stdout
    assert (site / "plan.json").read_text(encoding="utf-8") == json_plan
    # The calendar keeps history (issue 26): every release from the first through the last
    # shown (27.3.0 is release 8, so 15 releases), not only the releases on the page.
    history = ("--file", ROOT / "rotation.yaml", "plan", "--today", TODAY, "--from", "1")
    ics = relrot(*history, "--count", "15", "--format", "ics").stdout
    assert (site / "rotation.ics").read_text(encoding="utf-8") == ics
    assert "UID:26.1.0/release@" in ics


def test_golden_page(site: Path, golden: Golden) -> None:
    golden.check(GOLDEN / "site" / "index.html", (site / "index.html").read_text("utf-8"))


def relative_luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


@pytest.mark.parametrize("colour", PALETTE)
def test_member_colours_keep_white_names_readable(colour: str) -> None:
    # WCAG AA for normal text: a contrast ratio of at least 4.5:1.
    assert (1.05) / (relative_luminance(colour) + 0.05) >= 4.5


def test_a_folder_that_cannot_be_written_is_a_usage_error(
    relrot: Callable[..., Result], tmp_path: Path
) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    result = relrot("--file", ROOT / "rotation.yaml", "site", blocker, "--today", TODAY)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"relrot: error: {blocker}: cannot write: ")


def test_the_pages_workflow_builds_the_site_it_uploads() -> None:
    from tests.test_ci_files import invocation_problems, load_yaml, relrot_invocations

    workflow = load_yaml(ROOT / "docs" / "examples" / "rotation-site.yml")
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    commands = [args for s in steps if "run" in s for args in relrot_invocations(s["run"])]
    assert commands == [["site", "_site"]]
    assert all(invocation_problems(args) == [] for args in commands)
    uploads = [s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact")]
    assert [s["with"]["path"] for s in uploads] == ["_site"]
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


@pytest.mark.parametrize("name", ["index.html", "rotation.ics", "plan.json"])
def test_a_link_already_in_the_folder_is_replaced_not_written_through(
    relrot: Callable[..., Result], tmp_path: Path, name: str
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("not yours\n", encoding="utf-8")
    out = tmp_path / "public"
    out.mkdir()
    (out / name).symlink_to(Path("..") / "victim.txt")
    result = relrot("--file", ROOT / "rotation.yaml", "site", out, "--today", TODAY)
    assert result.exit_code == 0, result
    assert victim.read_text(encoding="utf-8") == "not yours\n"
    assert not (out / name).is_symlink()
    assert (out / name).stat().st_size > 0
    # Each file was written whole under a temporary name and renamed: none is left over.
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "plan.json", "rotation.ics"]


def test_site_files_are_renamed_into_place_whole(
    relrot: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A write that fails half way leaves the file that was there, not a part of the new one.
    out = tmp_path / "public"
    out.mkdir()
    (out / "index.html").write_text("the old page\n", encoding="utf-8")

    def full_disk(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    result = relrot("--file", ROOT / "rotation.yaml", "site", out, "--today", TODAY)
    assert result.exit_code == 2, result
    assert result.stderr == f"relrot: error: {out}: cannot write: No space left on device\n"
    assert (out / "index.html").read_text(encoding="utf-8") == "the old page\n"
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]


# --- issue 26, point 11: the page's layout, measured in the browser -------------------------

LONG_NAMES = """\
project:
  name: widgets
schedule:
  first_release: 2027-01-13
members:
  - {id: travis, name: Travis Hathaway}
  - {id: max, name: Maximiliana Wolfeschlegelsteinhausen}
  - {id: bart, name: Bartholomew Featherstonehaugh-Worthington of Wimbledon}
  - {id: wu, name: 吴承恩吴承恩吴承恩}
  - {id: mo, name: MMMMMMMMMMMMMMMMMMMM}
"""

# Run in a copy of the page: for every name drawn in the timeline, how far its text reaches
# past the box holding it (in px, 0 when inside), and for every date cell how many lines it
# takes. The page itself has no script.
MEASURE = """<script>
const out = [], drawn = '.timeline g.stint text, .timeline g.jump-seat text';
for (const text of document.querySelectorAll(drawn)) {
  const box = text.previousElementSibling.getBBox(), used = text.getBBox();
  const over = Math.max(0, box.x - used.x, used.x + used.width - (box.x + box.width));
  out.push('name ' + text.textContent + ' ' + over.toFixed(1));
}
for (const cell of document.querySelectorAll('table.plan tbody td:nth-of-type(2)')) {
  const range = document.createRange();
  range.selectNodeContents(cell);
  const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
  out.push('date ' + cell.textContent + ' ' + tops.size);
}
const pre = document.createElement('pre');
pre.id = 'measured';
pre.textContent = out.join('\\n');
document.body.append(pre);
</script>"""


def measured(page: Path, folder: Path, width: int) -> list[list[str]]:
    copy = folder / "measured.html"
    copy.write_text(page.read_text("utf-8").replace("</body>", MEASURE + "</body>"), "utf-8")
    dom = run_chromium(
        chromium_path(), copy.as_uri(), "--dump-dom", f"--window-size={width},900"
    ).decode()
    found = re.search(r'<pre id="measured">(.*?)</pre>', dom, re.DOTALL)
    assert found is not None, dom[-2000:]
    return [line.rsplit(" ", 1) for line in found.group(1).splitlines()]


@pytest.fixture
def long_names(relrot: Callable[..., Result], tmp_path: Path) -> Path:
    path = tmp_path / "rotation.yaml"
    path.write_text(LONG_NAMES, encoding="utf-8")
    out = tmp_path / "site"
    result = relrot("--file", path, "site", out, "--today", "2027-01-13")
    assert result.exit_code == 0, result
    return out / "index.html"


def test_timeline_boxes_hold_every_name_whole(long_names: Path, tmp_path: Path) -> None:
    # Issue 26: boxes cut names ("Travis Hathaw…").
    page = long_names.read_text("utf-8")
    assert "…" not in page
    names = [line for line in measured(long_names, tmp_path, 1200) if line[0].startswith("name ")]
    assert {line[0] for line in names} >= {
        "name Travis Hathaway",
        "name Maximiliana Wolfeschlegelsteinhausen",
        "name Bartholomew Featherstonehaugh-Worthington of Wimbledon",
        "name 吴承恩吴承恩吴承恩",
        "name MMMMMMMMMMMMMMMMMMMM",
    }
    assert [line for line in names if float(line[1]) > 0] == []


def test_date_cells_keep_to_one_line_in_a_narrow_window(long_names: Path, tmp_path: Path) -> None:
    # Issue 26: "Mon 2027-↵03-08".
    dates = [line for line in measured(long_names, tmp_path, 420) if line[0].startswith("date ")]
    assert len(dates) == 8
    assert [line for line in dates if line[1] != "1"] == []


def test_an_empty_jump_seat_is_a_muted_dash_not_a_red_empty(long_names: Path) -> None:
    # Issue 26: every row showed a red "empty" in the jump-seat column; the seat is optional.
    page = parsed(long_names.read_text("utf-8"))
    rows = [cells for name, _, cells in page.found if name == "tr" and "".join(cells).strip()]
    assert len(rows) == 9
    assert page.select("span", "empty") == []
    assert page.select("span", "none") == ["-"] * 8
    style = long_names.read_text("utf-8")
    assert ".none { color: #6b6b6b; }" in style


def test_with_no_milestones_the_header_names_release_day_only(long_names: Path) -> None:
    # Issue 26: "duty window 2027-01-13 to 2027-01-13".
    page = parsed(long_names.read_text("utf-8"))
    sentence = page.select("p")[1]
    assert sentence == "Release 27.1.0 on Wednesday 2027-01-13."
    assert "duty window" not in long_names.read_text("utf-8")


def test_with_milestones_the_header_gives_the_duty_window(site: Path) -> None:
    sentence = parsed((site / "index.html").read_text("utf-8")).select("p")[1]
    assert sentence == "Release 27.3.0 on Monday 2027-03-08; duty window 2027-03-01 to 2027-03-15."


def test_the_crew_on_duty_and_the_plan_table_show_each_role(
    relrot: Callable[..., Result], tmp_path: Path
) -> None:
    # Dee is QA from 26.3.0, the only one in its pool, but away in May; she trains as pilot
    # in 26.1.0, on request.
    from tests.render.test_ics import ROLES

    (tmp_path / "rotation.yaml").write_text(json.dumps(ROLES), encoding="utf-8")
    out = tmp_path / "site"
    result = relrot("--file", tmp_path / "rotation.yaml", "site", out, "--today", "2026-01-05")
    assert result.exit_code == 0, result
    page = parsed((out / "index.html").read_text("utf-8"))
    # On duty: 26.1.0, before QA's `from`, so with no QA line, and with Dee in training.
    assert list(zip(page.select("dt"), page.select("dd"), strict=True)) == [
        ("Pilot", "Ann"),
        ("Co-pilot", "Bo"),
        ("Pilot-in-training", "Dee"),
        ("Jump seat", "-"),
    ]
    assert page.select("th")[:9] == [
        "#",
        "Release",
        "Date",
        "Pilot",
        "Co-pilot",
        "QA",
        "Pilot-in-training",
        "Jump seat",
        "Notes",
    ]
    rows = [cells for name, _, cells in page.found if name == "tr"][1:4]
    assert [" | ".join(c.strip() for c in cells if c.strip()) for cells in rows] == [
        # No QA seat before its `from`; an empty request role is a muted dash, an empty
        # rotate role a red "empty".
        "1 | 26.1.0 | Tue 2026-01-13 | Ann (new) | Bo (new) | Dee | -",
        "2 | 26.3.0 | Thu 2026-03-12 | Bo | Ann | Dee | - | - | moved from Fri 2026-03-13",
        "3 | 26.5.0 | Wed 2026-05-13 | Bo | Cy (new) | empty | - | -",
    ]
    # On duty in May: 26.5.0, whose QA seat is empty and whose trainee seat nobody asked for.
    result = relrot("--file", tmp_path / "rotation.yaml", "site", out, "--today", "2026-05-10")
    assert result.exit_code == 0, result
    page = parsed((out / "index.html").read_text("utf-8"))
    assert list(zip(page.select("dt"), page.select("dd"), strict=True)) == [
        ("Pilot", "Bo"),
        ("Co-pilot", "Cy"),
        ("QA", "(empty)"),
        ("Pilot-in-training", "-"),
        ("Jump seat", "-"),
    ]


TEAM = ROOT / "tests" / "data" / "portfolio" / "team.yaml"


def test_a_portfolio_site_shows_every_project(
    relrot: Callable[..., Result], tmp_path: Path
) -> None:
    site = tmp_path / "site"
    result = relrot("--file", TEAM, "site", site, "--today", "2026-04-20", "--count", "2")
    assert result.exit_code == 0, result
    page = (site / "index.html").read_text(encoding="utf-8")
    # Each project under its name, in planning order, with its own crew on duty.
    titles = re.findall(r'<h2 id="project-\d-title">([^<]*)</h2>', page)
    assert titles == ["Package manager", "Build tool", "Index plugin"]
    assert page.count('<svg class="timeline"') == 3
    assert page.count('<h3 id="project-3-on-duty-title">On duty now</h3>') == 1
    assert page.count(">Next on duty</h3>") == 2
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "an id is defined twice"
    for used in re.findall(r'(?:aria-labelledby="|url\(#|href="#)([^")]+)', page):
        assert used in ids, used
    rows = json.loads((site / "plan.json").read_text(encoding="utf-8"))["releases"]
    assert [(r["project"], r["version"]) for r in rows] == [
        ("manager", "26.5.0"),
        ("manager", "26.7.0"),
        ("builder", "26.5.0"),
        ("builder", "26.7.0"),
        ("plugin", "2026-03"),
        ("plugin", "2026-05"),
    ]


def test_one_calendar_holds_every_project_with_distinct_stable_uids(
    relrot: Callable[..., Result], tmp_path: Path
) -> None:
    # The build tool shares the manager's repository and first release's version (their
    # issue titles name the project, as a shared repository needs): its events still have
    # UIDs of their own.
    titled = '\n    issue_title: "{{project}} {{version}}"'
    shared = (
        TEAM.read_text(encoding="utf-8")
        .replace("example/builder", "example/manager" + titled)
        .replace("repository: example/manager\n", "repository: example/manager" + titled + "\n", 1)
    )
    path = tmp_path / "rotation.yaml"
    path.write_text(shared, encoding="utf-8")
    site = tmp_path / "site"
    assert relrot("--file", path, "site", site, "--today", "2026-04-20").exit_code == 0
    calendar = (site / "rotation.ics").read_text(encoding="utf-8")
    uids = re.findall(r"^UID:([^\r\n]*)", calendar, flags=re.MULTILINE)
    assert len(uids) == len(set(uids))
    assert "26.1.0/release@manager.example-manager-" in calendar
    assert "26.1.0/release@builder.example-manager-" in calendar
    assert "2026-01/release@plugin.example-index-plugin-" in calendar
    summaries = re.findall(r"^SUMMARY:(\w+ \w+) release ", calendar, flags=re.MULTILINE)
    assert set(summaries) == {"Package manager", "Build tool", "Index plugin"}
    # `plan --project P --format ics` gives a project's events the same UIDs.
    alone = relrot("--file", path, "--project", "builder", "plan", "--from", "1", "--format",
                   "ics", "--today", "2026-04-20")  # fmt: skip
    assert re.findall(r"^UID:([^\r\n]*)", alone.stdout, flags=re.MULTILINE)[0] in uids
    # A second run over the published calendar changes nothing.
    assert relrot("--file", path, "site", site, "--today", "2026-04-20").exit_code == 0
    assert (site / "rotation.ics").read_text(encoding="utf-8") == calendar
