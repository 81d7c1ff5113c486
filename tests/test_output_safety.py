"""One hostile corpus, through every field that reaches output, into every command and format.

Each value is written with YAML's double-quoted escapes (`"\\r"`, `"\\x1b"`, `"\\u202e"`), so
the file is clean text that the loader accepts while the values hold CR, LF, escape
sequences, workflow commands, mentions, Markdown, HTML, formulas and bidi overrides. Every
output is then held to the rule of its kind of sink (`relrot.render.sinks`), by one checker
per kind. A later field, command or sink (roles, projects, sync, notify) joins `FIELDS`,
`runs` and `CHECKERS` here.
"""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from relrot.yamlfile.read import CONTROL_CHARACTER
from tests.conftest import Result

Run = Callable[..., Result]

CORPUS = (
    "\r",
    "\n",
    "\r\n",
    "\x00",
    "\t",
    "\x1b[2J\x1b[H",
    "\x1b[5m",
    "\x1b]8;;https://evil.example\x1b\\",
    "\x1b]0;title\x07",
    "\x7f",
    "\x85",
    "\x9b",
    "\u2028",
    "::error::x",
    "::add-mask::secret",
    "##[error]x",
    "%0A",
    "@team",
    "@acme/everyone",
    "@room.",
    "<!channel>",
    "@**all**",
    "#1",
    "](https://evil.example)",
    "https://evil.example",
    "www.evil.example",
    "<img src=x>",
    "=cmd|' /C calc'!A0",
    "- [x] forged",
    "# Hijacked",
    "\u202e",
    "\u200b",
    "\u2066",
    "\ufeff",
    "\u061c",
    "[/bold]",
    "[blink]",
    "`",
    '"',
    "|",
    ";",
    ":",
    "{{pilot}}",
    "\nFORGED",
    "-->",
    "</summary>",
    "GH-1",
)
EVERYTHING = "".join(CORPUS)

# Hostile text: a few pieces of the corpus, after some ordinary text or none.
hostile = st.tuples(
    st.sampled_from(("", "x", "Jane ")),
    st.lists(st.sampled_from(CORPUS), min_size=1, max_size=4),
).map(lambda parts: parts[0] + "".join(parts[1]))

# Every text field of a rotation file that output shows, by the name used below.
FIELDS = (
    "project",
    "ann",
    "bea",
    "cai",
    "dov",
    "away",
    "milestone",
    "note",
    "swap",
    "role",
    "blackout",
    "qa",
    "trainee",
)
LOGINS = {"ann-gh", "cai-gh"}  # the roster's `github:` handles: the only mentions allowed
# The roster's `chat:` handles, one in each shape the file accepts: the only mentions a chat
# may see.
CHATS = ("<@U0ANN>", "@bea:example.org", "@**Cai Ray|7**", "@dov.r")
# `chat:` values that mention the room: the file is refused, and no notice is written.
ROOM_HANDLES = (
    "@room.",
    "@room:example.org",
    "@everyone.",
    "@here-",
    "@**all**",
    "@**Channel|1**",
    "@Topic",
)
TODAY = "2026-02-01"


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar that is plain ASCII, less the control characters
    the loader refuses even as escapes (all but tab, LF and CR; `raw` holds those)."""
    text = CONTROL_CHARACTER.sub("", text)
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= code < 0x7F:
            out.append(char)
        else:
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")
    return '"' + "".join(out) + '"'


def roster(values: dict[str, str], *, template: bool = False) -> str:
    """A valid rotation file with every shown text field hostile."""
    q = {name: quoted(value) for name, value in values.items()}
    # With the template, the issue's title holds every value a title may (issue 26).
    extra = (
        "\n  issue_template: release.md"
        '\n  issue_title: "{{project}} {{version}}: {{pilot}}, {{co_pilot}}, {{jump_seat}}"'
        if template
        else ""
    )
    return f"""\
project:
  name: {q["project"]}
  repository: acme/widgets{extra}
schedule:
  first_release: 2026-01-13
  blackout:
    - {{from: 2026-01-14, to: 2026-01-14, reason: {q["blackout"]}}}
  milestones:
    - {{name: {q["milestone"]}, days: -7, note: {q["note"]}}}
members:
  - {{id: ann, name: {q["ann"]}, github: ann-gh, chat: "<@U0ANN>"}}
  - {{id: bea, name: {q["bea"]}, chat: "@bea:example.org"}}
  - id: cai
    name: {q["cai"]}
    github: cai-gh
    chat: "@**Cai Ray|7**"
    away:
      - {{from: 2026-07-01, to: 2026-07-31, reason: {q["away"]}}}
  - {{id: dov, name: {q["dov"]}, chat: "@dov.r"}}
  - {{id: eve, name: {q["ann"]}, core: false}}
jump_seat:
  - {{member: eve, release: 26.5.0}}
roles:
  - {{id: qa, name: {q["qa"]}}}
  - {{id: trainee, name: {q["trainee"]}, fill: request}}
requests:
  - {{member: eve, role: trainee, release: 26.3.0}}
  - {{member: dov, role: trainee, after: 2099-01-01}}
releases:
  - version: 26.1.0
    date: 2026-01-14
    pilot: ann
    co_pilot: bea
    roles: {{qa: cai}}
    also:
      - {{member: dov, role: {q["role"]}}}
swaps:
  - {{release: 26.5.0, seat: pilot, out: bea, in: cai, reason: {q["swap"]}}}
"""


def broken(values: dict[str, str]) -> str:
    """A file whose problems quote hostile text: unknown members and countries."""
    q = {name: quoted(value) for name, value in values.items()}
    return f"""\
schedule:
  first_release: 2026-01-13
  skip: [{q["project"]}]
  holidays: [{q["milestone"]}]
members:
  - {{id: ann, name: {q["ann"]}}}
  - {{id: bea}}
jump_seat:
  - {{member: {q["bea"]}}}
roles:
  - {{id: qa, name: {q["qa"]}, pool: [ann]}}
  - {{id: trainee, name: {q["trainee"]}, fill: request}}
requests:
  - {{member: bea, role: {q["qa"]}}}
releases:
  - {{version: 26.1.0, pilot: ann, co_pilot: bea, roles: {{{q["trainee"]}: ann}}}}
swaps:
  - {{release: 26.3.0, seat: pilot, out: {q["cai"]}, in: {q["dov"]}, reason: {q["swap"]}}}
"""


def bad_role(values: dict[str, str]) -> str:
    """A file refused as it loads: a role id that is no id."""
    q = {name: quoted(value) for name, value in values.items()}
    return f"""\
schedule:
  first_release: 2026-01-13
members:
  - {{id: ann}}
  - {{id: bea}}
roles:
  - {{id: {q["qa"]}, name: {q["trainee"]}}}
"""


def portfolio(values: dict[str, str]) -> str:
    """A file with `projects:` (SPEC 6): hostile project names and roster names, and a
    pinned term in double duty, so `validate` quotes both projects' releases."""
    q = {name: quoted(value) for name, value in values.items()}
    return f"""\
members:
  - {{id: ann, name: {q["ann"]}}}
  - {{id: bea, name: {q["bea"]}}}
  - {{id: cai, name: {q["cai"]}}}
  - {{id: dov, name: {q["dov"]}}}
projects:
  - id: web
    name: {q["project"]}
    repository: acme/web
    issue_title: "{{{{project}}}} {{{{version}}}}"
    schedule:
      first_release: 2026-01-13
      milestones:
        - {{name: {q["milestone"]}, days: -7, note: {q["note"]}}}
    releases:
      - {{version: 26.1.0, pilot: ann, co_pilot: bea}}
  - id: cli
    name: {q["role"]}
    issue_title: "{{{{project}}}} {{{{version}}}}"
    on_demand: {{first_term: 2026-01-01}}
    rotation: {{stint: [co_pilot, pilot]}}
    releases:
      - term: 2026-01
        pilot: ann
        co_pilot: cai
        shipped: [{{version: 0.1.0, date: 2026-01-20}}]
    swaps:
      - {{release: 2026-03, seat: pilot, out: cai, in: bea, reason: {q["swap"]}}}
"""


def broken_portfolio(values: dict[str, str]) -> str:
    """A portfolio whose problems quote hostile text: a project id, a `crew_from`, a role's
    project."""
    q = {name: quoted(value) for name, value in values.items()}
    return f"""\
members:
  - {{id: ann}}
roles:
  - {{id: qa, projects: [{q["role"]}]}}
projects:
  - id: {q["project"]}
    schedule: {{first_release: 2026-01-13}}
  - id: web
    crew_from: {q["milestone"]}
    schedule: {{first_release: 2026-01-13}}
"""


# The team's template puts values in running text, at a line start, in a link's text and
# address, in a code span and in an autolink.
def raw(values: dict[str, str]) -> bytes:
    """A file holding the hostile text itself, escape sequences and all: refused, and its
    report quotes the line."""
    names = "".join(f'  - {{id: m{i}, name: "{v}"}}\n' for i, v in enumerate(values.values()))
    return f"schedule:\n  first_release: 2026-01-13\nmembers:\n{names}".encode()


TEMPLATE = """\
# {{project}} {{version}}
{{project}}
Pilot {{pilot}}, co-pilot [{{co_pilot}}](https://github.com/{{co_pilot}}) `{{jump_seat}}`
> {{project}} <https://example.org/{{project}}>
- [ ] {{co_pilot}} {{repository}}
QA {{role_qa}}, in training {{role_trainee}}

<!-- pilot: {{project}} -->
<details><summary>Crew of {{project}}</summary>

```text
{{project}} {{co_pilot}}
```
"""
# What the template writes in raw HTML and a fenced block, each once: a value may add none.
TEMPLATE_HTML = re.compile(
    r"^<!-- pilot: (?:(?!-->)[^\n<>])* -->\n"
    r"<details><summary>Crew of (?:[^\n<>]|<!-- -->)*</summary>\n\n"
    r"```text\n[^\n`]*\n```\n",
    re.MULTILINE,
)


# --- the rules, one checker per kind of sink ---------------------------------------------------

# What no text output may hold raw: C0 but LF, DEL, C1, bidi and zero-width formatting.
HIDDEN = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff]"
)
RUNNER_LINES = re.compile("\r\n|\r|\n")
ANNOTATION = re.compile(
    r"::(error|warning|notice) (file=[^:,\r\n]*,line=\d+,col=\d+,)?title=[^:,\r\n]*::[^\r\n]*"
)


def runner_safe(out: str) -> None:
    """No line, split as the Actions runner splits, starts a workflow command."""
    for line in RUNNER_LINES.split(out):
        assert not line.lstrip().startswith(("::", "##[")), repr(line)


def terminal(out: str) -> None:
    runner_safe(out)
    # A line break in a value is shown, never made: no line starts with what followed it.
    assert not any(line.startswith("FORGED") for line in RUNNER_LINES.split(out)), out
    assert not HIDDEN.search(out), repr(HIDDEN.search(out))


def markdown(out: str) -> None:
    terminal(out)
    # Code spans neither mention nor link (a backslashed backtick opens none).
    text = re.sub(r"(?<![\\`])(`+)(?!`).*?(?<!`)\1(?!`)", "", out)
    # What the team's template writes itself: a link to a profile, an autolink whose
    # address (percent-encoded by relrot) is not the value's text, and its HTML and fence.
    text = re.sub(r"<https://example\.org/[^\s<>]*>", "", text)
    text = re.sub(r"\]\(https://github\.com/[^\s()]*\)", "]", text)
    if "<details>" in text:
        text, found = TEMPLATE_HTML.subn("", text)
        assert found == 1, "a value broke out of the template's HTML or fenced block"
    for found in re.finditer(r"(?<![\w`/])@([A-Za-z0-9][\w-]*)", text):
        assert found.group(1) in LOGINS, found.group()
    assert not re.search(r"(?<![&\w])#\d", text), "an issue link"
    assert not re.search(r"(?<!\\)<(?!!--)", text), "raw HTML"
    assert not re.search(r"(?<!\\)\]\(", text), "a link"
    assert "://evil" not in text, "an address"
    # GitHub links `www.` where a word starts (after space, `*`, `_`, `~` or `(`).
    assert not re.search(r"(?:^|[\s*_~(])www\.", text, re.MULTILINE), "an address"
    # Outside the template's fenced block, checked whole above, where a value is code as
    # written: no value opens a line as a task, a heading, HTML or a formula.
    for line in text.split("\n"):
        opening = line.lstrip(" >")
        assert not opening.startswith(("- [x] forged", "# Hijacked", "<img", "=cmd")), line


def csv_rows(out: str, *, count: int = 7, width: int = 12) -> None:
    runner_safe(out)
    assert not HIDDEN.search(out.replace("\r", "")), repr(HIDDEN.search(out.replace("\r", "")))
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert len(rows) == count
    assert all(len(row) == width for row in rows)  # with a `role_ID` column per role
    for row in rows:
        for cell in row:
            for line in RUNNER_LINES.split(cell):
                assert not line.startswith(("=", "+", "-", "@", "\t")), cell


def portfolio_csv_rows(out: str) -> None:
    """Six rows of each of two projects, each starting with its project (SPEC 6)."""
    csv_rows(out, count=13, width=11)


def ics(out: str) -> None:
    """A calendar; `CliRunner` reads CRLF back as LF, so here a line may end either way."""
    runner_safe(out)
    assert re.fullmatch("(?:[^\r\n]*\r?\n)*", out), "a bare CR"
    assert not HIDDEN.search(out.replace("\r\n", "").replace("\n", ""))
    events = Calendar.from_ical(out).walk("VEVENT")
    opened = [line for line in RUNNER_LINES.split(out) if line.strip() == "BEGIN:VEVENT"]
    assert len(opened) == len(events)


FLOWCHART = re.compile(
    r'flowchart LR|  subgraph [pc]_lane\["[^"]*"\]|    direction LR|  end|  p_lane ~~~ c_lane'
    r'|    [pc]\d+ ~~~ [pc]\d+|    [pc]\d+\["[^"<>`]*<br/>[^"<>`]*"\]'
    r'|  [pc]\d+ -->\|"[^"|<>`]*"\| [pc]\d+'
    # Each lane's title, a node of its own (issue 26), and how it is drawn.
    r'|    p_title\["Pilot"\]:::lane|    c_title\["Co-pilot"\]:::lane|    [pc]_title ~~~ [pc]\d+'
    r"|  classDef lane fill:none,stroke:none,font-weight:bold"
)
GANTT = re.compile(
    r"gantt|  title Release rotation|  dateFormat YYYY-MM-DD|  axisFormat %Y-%m"
    r"|  section [^:#;\n]*|    (pilot|co-pilot|jump seat|role [^:#;\n]*) [\w.]+ : "
    r"\d{4}-\d\d-\d\d, \d+d"
)


def flowchart(out: str) -> None:
    terminal(out)
    for line in out.splitlines():
        assert FLOWCHART.fullmatch(line), line


def gantt(out: str) -> None:
    terminal(out)
    for line in out.splitlines():
        assert GANTT.fullmatch(line), line


def json_text(out: str) -> None:
    runner_safe(out)
    assert out.isascii()
    json.loads(out)


def annotations(out: str) -> None:
    """`validate --format github`: only relrot's own annotations, one a line."""
    assert "\r" not in out
    assert not HIDDEN.search(out)
    for line in out.splitlines():
        assert ANNOTATION.fullmatch(line), line


def ci_output(out: str) -> None:
    """`relrot ci`: annotations by design, then relrot's own lines."""
    assert not HIDDEN.search(out)
    for line in RUNNER_LINES.split(out):
        if line.startswith("::"):
            assert ANNOTATION.fullmatch(line), line
        else:
            runner_safe(line)


def html_page(out: str) -> None:
    assert not HIDDEN.search(out)
    tags = {tag.lower() for tag in re.findall(r"<([A-Za-z][\w-]*)", out)}
    assert not tags & {"img", "script", "iframe", "blink"}, tags
    # The page's own links only: the calendar, the JSON plan and the repository; a page of
    # several projects also links to each project's section.
    within = re.findall(r'<a href="#project-\d+-section">', out)
    repositories = re.findall(r'<a href="https://github\.com/', out)
    # The corpus's files name one repository: the project's, or the web project's.
    assert len(repositories) == 1
    assert len(re.findall(r"<a\s", out)) == 2 + len(repositories) + len(within)


# What relrot's own words start each notice with: a value never opens a line.
NOTICE_STARTS = ("Reminder for ", "Seat moved for ", "Volunteers wanted: ")


def chat(out: str) -> None:
    """`notify`'s Markdown for a chat's webhook: one line a notice, no mention but the
    roster's `chat:` handles, no HTML, no link text."""
    terminal(out)
    assert out, "no notice: the run proves nothing"
    text = out
    for handle in CHATS:
        text = text.replace(handle, "")
    assert "@" not in text, "a mention"
    assert not set(text) & set("<>[]"), "HTML, a Slack mention or a link"
    for line in text.splitlines():
        assert line.startswith(NOTICE_STARTS), line


def chat_json(out: str) -> None:
    json_text(out)
    found = json.loads(out)["notices"]
    assert found, "no notice: the run proves nothing"
    for notice in found:
        keys = ["id", "kind", "release", "member", "github", "chat", "date", "text"]
        # A notice of one project of several opens with its project (SPEC 6).
        assert list(notice) in (keys, ["project", *keys])
        assert notice["chat"] in (None, *CHATS)
        chat(notice["text"])


CHECKERS: dict[str, Callable[[str], None]] = {
    "terminal": terminal,
    "markdown": markdown,
    "csv": csv_rows,
    "portfolio-csv": portfolio_csv_rows,
    "ics": ics,
    "flowchart": flowchart,
    "gantt": gantt,
    "json": json_text,
    "github": annotations,
    "ci": ci_output,
    "chat": chat,
    "chat-json": chat_json,
}


@dataclass(frozen=True)
class Case:
    """A command line and the kind of sink its standard output is."""

    args: tuple[str, ...]
    sink: str
    file: str = "rotation.yaml"


PLAN = ("plan", "--from", "1", "--count", "6", "--today", TODAY)
RUNS = (
    Case(PLAN, "terminal"),
    Case((*PLAN, "--format", "json"), "json"),
    Case((*PLAN, "--format", "markdown"), "markdown"),
    Case((*PLAN, "--format", "csv"), "csv"),
    Case((*PLAN, "--format", "ics"), "ics"),
    Case((*PLAN, "--format", "mermaid"), "flowchart"),
    Case((*PLAN, "--format", "mermaid-gantt"), "gantt"),
    Case(("who", "26.5.0", "--today", TODAY), "terminal"),
    Case(("who", "26.5.0", "--today", TODAY, "--format", "json"), "json"),
    Case(("issue", "26.5.0"), "markdown"),
    Case(("issue", "26.5.0"), "markdown", "templated.yaml"),
    Case(("issue", "26.5.0", "--today", TODAY, "--format", "json"), "json"),
    Case(("issue", "26.5.0", "--today", TODAY, "--format", "json"), "json", "templated.yaml"),
    Case(("stats", "--today", TODAY), "terminal"),
    Case(("stats", "--today", TODAY, "--format", "json"), "json"),
    Case(("stats", "--today", TODAY, "--format", "markdown"), "markdown"),
    Case(("diff", "base.yaml", "--today", TODAY), "terminal"),
    Case(("diff", "base.yaml", "--today", TODAY, "--format", "markdown"), "markdown"),
    Case(("diff", "base.yaml", "--today", TODAY, "--format", "json"), "json"),
    Case(("diff", "base.yaml", "--today", TODAY, "--approved-by", "nobody"), "terminal"),
    Case(("validate", "--today", TODAY), "terminal"),
    Case(("validate", "--today", TODAY, "--format", "github"), "github"),
    Case(("validate", "--today", TODAY, "--format", "json"), "json"),
    Case(("swap", "26.5.0", "dov", "--dry-run", "--today", TODAY), "terminal"),
    Case(("away", "bea", "2026-03-01", "2026-03-31", "--dry-run", "--today", TODAY), "terminal"),
    Case(("pin", "--through", "26.5.0", "--dry-run", "--today", TODAY), "terminal"),
    Case(("shipped", "26.1.0", "2026-01-15", "--dry-run", "--today", TODAY), "terminal"),
    # Crew cells naming members by display name (ann's is eve's too), and a relrot marker
    # naming another project: the table, the notes and both refusals quote them.
    Case(("import", "named.json", "--dry-run", "--today", TODAY), "terminal"),
    Case(("import", "marked.json", "--dry-run", "--today", TODAY), "terminal"),
    # 26.5.0's first reminder day, the day after the swap that gave cai bea's seat.
    Case(("notify", "--since", "base.yaml", "--today", "2026-04-22"), "chat"),
    Case(
        ("notify", "--since", "base.yaml", "--today", "2026-04-22", "--format", "json"), "chat-json"
    ),
)
# The file whose problems quote hostile text, through the commands that report them.
BROKEN_RUNS = (
    Case(("validate", "--today", TODAY), "terminal", "broken.yaml"),
    Case(("validate", "--today", TODAY, "--format", "github"), "github", "broken.yaml"),
    Case(("validate", "--today", TODAY, "--format", "json"), "json", "broken.yaml"),
    Case(PLAN, "terminal", "broken.yaml"),
    Case(("who", "--today", TODAY), "terminal", "broken.yaml"),
    Case(("issue", "26.3.0"), "markdown", "broken.yaml"),
    Case(("validate", "--today", TODAY), "terminal", "raw.yaml"),
    Case(("validate", "--today", TODAY, "--format", "github"), "github", "raw.yaml"),
    Case(("validate", "--today", TODAY, "--format", "json"), "json", "raw.yaml"),
    Case(PLAN, "terminal", "raw.yaml"),
    Case(("validate", "--today", TODAY), "terminal", "bad-role.yaml"),
    Case(("validate", "--today", TODAY, "--format", "github"), "github", "bad-role.yaml"),
    Case(("validate", "--today", TODAY, "--format", "json"), "json", "bad-role.yaml"),
    Case(PLAN, "terminal", "bad-role.yaml"),
    Case(("validate", "--today", TODAY), "terminal", "broken-portfolio.yaml"),
    Case(("validate", "--today", TODAY, "--format", "github"), "github", "broken-portfolio.yaml"),
    Case(("validate", "--today", TODAY, "--format", "json"), "json", "broken-portfolio.yaml"),
    Case(PLAN, "terminal", "broken-portfolio.yaml"),
)
# A file with `projects:`: every project at once, and one named by `--project`.
# A reminder day of the web project's 26.3.0 (duty from Thu 2026-03-05).
REMINDER_DAY = "2026-02-19"
# Every command that covers all the projects of a portfolio, without --project: each run
# must show both projects (`test_the_portfolio_views_name_every_project`).
PORTFOLIO_VIEWS = (
    Case(("who", "--today", TODAY), "terminal", "portfolio.yaml"),
    Case(("who", "--today", TODAY, "--format", "json"), "json", "portfolio.yaml"),
    Case(("stats", "--today", TODAY), "terminal", "portfolio.yaml"),
    Case(("stats", "--today", TODAY, "--format", "json"), "json", "portfolio.yaml"),
    Case(("stats", "--today", TODAY, "--format", "markdown"), "markdown", "portfolio.yaml"),
    Case(("notify", "--today", REMINDER_DAY), "chat", "portfolio.yaml"),
    Case(("notify", "--today", REMINDER_DAY, "--format", "json"), "chat-json", "portfolio.yaml"),
)
PORTFOLIO_RUNS = (
    Case(PLAN, "terminal", "portfolio.yaml"),
    Case((*PLAN, "--format", "json"), "json", "portfolio.yaml"),
    Case((*PLAN, "--format", "markdown"), "markdown", "portfolio.yaml"),
    Case((*PLAN, "--format", "csv"), "portfolio-csv", "portfolio.yaml"),
    Case(("validate", "--today", TODAY), "terminal", "portfolio.yaml"),
    Case(("validate", "--today", TODAY, "--format", "github"), "github", "portfolio.yaml"),
    Case(("validate", "--today", TODAY, "--format", "json"), "json", "portfolio.yaml"),
    Case(("--project", "cli", *PLAN, "--format", "ics"), "ics", "portfolio.yaml"),
    Case((*PLAN, "--format", "ics"), "ics", "portfolio.yaml"),
    Case(("--project", "web", *PLAN), "terminal", "portfolio.yaml"),
    Case(("--project", "cli", "who", "2026-03", "--today", TODAY), "terminal", "portfolio.yaml"),
    Case(("--project", "web", "issue", "26.5.0"), "markdown", "portfolio.yaml"),
    Case(
        ("--project", "cli", "stats", "--today", TODAY, "--format", "json"),
        "json",
        "portfolio.yaml",
    ),
    # Edits of every project, or of one (SPEC 6): headings, crews from the plan, diffs.
    Case(
        ("pin", "--through", "2026-05-01", "--dry-run", "--today", TODAY),
        "terminal",
        "portfolio.yaml",
    ),
    Case(
        ("away", "ann", "2026-03-01", "2026-03-20", "--dry-run", "--today", TODAY),
        "terminal",
        "portfolio.yaml",
    ),
    Case(
        ("shipped", "0.2.0", "2026-01-27", "--project", "cli", "--dry-run", "--today", TODAY),
        "terminal",
        "portfolio.yaml",
    ),
    Case(("--project", "cli", "issue", "0.1.0", "--today", TODAY), "markdown", "portfolio.yaml"),
    # A swap ranks out members busy in the other project, naming its release (SPEC 6); with
    # nobody else left, the refusal names them.
    Case(("swap", "26.3.0", "ann", "--dry-run", "--today", TODAY), "terminal", "portfolio.yaml"),
    Case(("swap", "2026-03", "bea", "--dry-run", "--today", TODAY), "terminal", "portfolio.yaml"),
    # Every project compared with the base's (SPEC 6): the cli's swap moves its seats.
    Case(("diff", "portfolio-base.yaml", "--today", TODAY), "terminal", "portfolio.yaml"),
    Case(
        ("diff", "portfolio-base.yaml", "--today", TODAY, "--format", "markdown"),
        "markdown",
        "portfolio.yaml",
    ),
    Case(
        ("diff", "portfolio-base.yaml", "--today", TODAY, "--format", "json"),
        "json",
        "portfolio.yaml",
    ),
    Case(
        ("diff", "portfolio-base.yaml", "--today", TODAY, "--approved-by", "x"),
        "terminal",
        "portfolio.yaml",
    ),
    # Every project at once (SPEC 6): the views without --project.
    *PORTFOLIO_VIEWS,
)


def example_values(text: str) -> dict[str, str]:
    return dict.fromkeys(FIELDS, text)


def write_files(folder: Path, values: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "rotation.yaml").write_text(roster(values), encoding="ascii")
    (folder / "templated.yaml").write_text(roster(values, template=True), encoding="ascii")
    (folder / "release.md").write_text(TEMPLATE, encoding="ascii")
    (folder / "broken.yaml").write_text(broken(values), encoding="ascii")
    (folder / "raw.yaml").write_bytes(raw(values))
    (folder / "bad-role.yaml").write_text(bad_role(values), encoding="ascii")
    (folder / "portfolio.yaml").write_text(portfolio(values), encoding="ascii")
    (folder / "broken-portfolio.yaml").write_text(broken_portfolio(values), encoding="ascii")
    crew = f"| Pilot | Co-pilot | QA |\n|---|---|---|\n| {values['ann']} | {values['bea']} | x |\n"
    named = [{"number": 3, "title": "Release 26.3.x", "body": crew}]
    (folder / "named.json").write_text(json.dumps(named), encoding="ascii")
    other = urllib.parse.quote("other " + values["project"], safe="")
    marked = [{"number": 4, "title": "26.3.x", "body": f"<!-- relrot: {other} 26.3.0 -->\n{crew}"}]
    (folder / "marked.json").write_text(json.dumps(marked), encoding="ascii")
    # The base of `diff`: before the swap, so the plan moves people.
    base = roster(values).split("swaps:")[0]
    (folder / "base.yaml").write_text(base, encoding="ascii")
    unswapped = portfolio(values).split("    swaps:")[0]
    (folder / "portfolio-base.yaml").write_text(unswapped, encoding="ascii")


def run_case(relrot: Run, case: Case) -> Result:
    result = relrot("--file", case.file, *case.args)
    assert result.exit_code in (0, 1, 2), result
    # An edit's dry run must reach its change, or the summary it shows was never tested.
    assert not result.stdout.startswith(("nothing to", "26.1.0 was recorded")), result
    assert "Traceback" not in result.stdout + result.stderr
    terminal(result.stderr)
    CHECKERS[case.sink](result.stdout)
    return result


@pytest.fixture
def folders(tmp_path_factory: pytest.TempPathFactory) -> Callable[[], Path]:
    return lambda: tmp_path_factory.mktemp("hostile")


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(values=st.fixed_dictionaries(dict.fromkeys(FIELDS, hostile)))
@example(values=example_values(EVERYTHING))
@example(values=example_values("x\r::error file=.github/workflows/release.yml::compromised"))
@example(values=example_values("www.evil.example\r\r\r"))  # spaces before a link's address
@example(values=example_values("<img src=x>"))  # inside the template's fence it is code
@example(values=example_values("Jane \u202e\u200b [blink]"))  # a crew cell names them all
def test_every_command_and_format_keeps_its_sink_rule(
    relrot: Run,
    folders: Callable[[], Path],
    monkeypatch: pytest.MonkeyPatch,
    values: dict[str, str],
) -> None:
    folder = folders()
    write_files(folder, values)
    with monkeypatch.context() as patched:
        patched.chdir(folder)
        for case in RUNS:
            run_case(relrot, case)
        # The files must show the hostile text: a run that printed nothing proves nothing.
        shown = relrot("--file", "rotation.yaml", "who", "26.5.0", "--today", TODAY)
        assert shown.exit_code == 0, shown
        for case in BROKEN_RUNS:
            run_case(relrot, case)
        for case in PORTFOLIO_RUNS:
            run_case(relrot, case)
        # The portfolio shows its hostile names too, in both projects' rows.
        shown = relrot("--file", "portfolio.yaml", *PLAN, "--format", "json")
        assert shown.exit_code == 0, shown
        rows = json.loads(shown.stdout)["releases"]
        assert {row["project"] for row in rows} == {"web", "cli"}
        for file, out in (("rotation.yaml", "out"), ("portfolio.yaml", "portfolio-out")):
            check_site(relrot, folder, file, out)
        check_ci(relrot, folder, values, patched)


@pytest.mark.parametrize("handle", ROOM_HANDLES)
@pytest.mark.parametrize("output", ["markdown", "json"])
def test_a_chat_handle_that_mentions_the_room_reaches_no_chat(
    relrot: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, handle: str, output: str
) -> None:
    write_files(tmp_path, example_values("x"))
    monkeypatch.chdir(tmp_path)
    rotation = roster(example_values("x")).replace('"<@U0ANN>"', quoted(handle))
    (tmp_path / "rotation.yaml").write_text(rotation, encoding="ascii")
    args = ("notify", "--since", "base.yaml", "--today", "2026-04-22", "--format", output)
    result = relrot("--file", "rotation.yaml", *args)
    assert result.exit_code == 1, result
    assert result.stdout == ""
    assert "mentions everyone in the chat" in result.stderr


def test_the_corpus_notices_mention_members_by_their_chat_handles(
    relrot: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_files(tmp_path, example_values("x"))
    monkeypatch.chdir(tmp_path)
    result = relrot(
        "--file", "rotation.yaml", "notify", "--since", "base.yaml", "--today", "2026-04-22"
    )
    assert result.exit_code == 0, result
    assert "@**Cai Ray|7**" in result.stdout


def check_site(relrot: Run, folder: Path, file: str, out: str) -> None:
    """`site` of `file` into `out`: its page, calendar and JSON plan keep their sinks' rules."""
    site = relrot("--file", file, "site", out, "--today", TODAY)
    assert site.exit_code == 0, site
    terminal(site.stderr)
    html_page((folder / out / "index.html").read_text(encoding="utf-8"))
    calendar = (folder / out / "rotation.ics").read_bytes().decode()
    assert re.fullmatch("(?:[^\r\n]*\r\n)*", calendar), "a line not ended by CRLF"
    ics(calendar)
    json_text((folder / out / "plan.json").read_text(encoding="utf-8"))


def test_the_portfolio_views_name_every_project(
    relrot: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each view of every project shows both projects, by name where people read it and by
    id where tools do, or the corpus's checks of those names prove nothing."""
    values = {**example_values("x"), "project": "Web shop", "role": "Command line"}
    write_files(tmp_path, values)
    monkeypatch.chdir(tmp_path)
    for case in PORTFOLIO_VIEWS:
        result = relrot("--file", case.file, *case.args)
        assert result.exit_code == 0, result
        names = ("web", "cli") if case.sink in ("json",) else ("Web shop", "Command line")
        # A reminder is due in the web project alone; its JSON names it both ways.
        if case.args[0] == "notify":
            names = ("Web shop", '"project": "web"') if case.sink == "chat-json" else names[:1]
        for name in names:
            assert name in result.stdout, (case.args, name)
    assert relrot("--file", "portfolio.yaml", "site", "out", "--today", TODAY).exit_code == 0
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    calendar = (tmp_path / "out" / "rotation.ics").read_text(encoding="utf-8")
    plan = (tmp_path / "out" / "plan.json").read_text(encoding="utf-8")
    for shown, names in (
        (page, ("Web shop", "Command line")),
        (calendar, ("Web shop", "Command line", "@web.", "@cli.")),
        (plan, ('"project": "web"', '"project": "cli"')),
    ):
        for name in names:
            assert name in shown, name


# Where the corpus run must find each role's name, or its checks of those names prove
# nothing: every output that shows roles by name (JSON and CSV name them by id).
SHOWS_ROLE_NAMES = (
    PLAN,
    (*PLAN, "--format", "markdown"),
    (*PLAN, "--format", "ics"),
    (*PLAN, "--format", "mermaid-gantt"),
    ("who", "26.3.0", "--today", TODAY),
    ("issue", "26.5.0"),
    ("stats", "--today", TODAY),
    ("stats", "--today", TODAY, "--format", "json"),
    ("stats", "--today", TODAY, "--format", "markdown"),
)


def test_the_corpus_files_show_both_role_names(
    relrot: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    values = {**example_values("x"), "qa": "Quality owner", "trainee": "Pilot trainee"}
    write_files(tmp_path, values)
    monkeypatch.chdir(tmp_path)
    for args in SHOWS_ROLE_NAMES:
        result = relrot("--file", "rotation.yaml", *args)
        assert result.exit_code == 0, result
        shown = " ".join(result.stdout.split())
        assert "Quality owner" in shown, args
        assert "Pilot trainee" in shown, args
    problems = relrot("--file", "rotation.yaml", "validate", "--today", TODAY).stdout
    assert "no free Pilot trainee seat for dov" in problems
    assert relrot("--file", "rotation.yaml", "site", "out", "--today", TODAY).exit_code == 0
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "Quality owner" in page
    assert "Pilot trainee" in page


def check_ci(
    relrot: Run, folder: Path, values: dict[str, str], patched: pytest.MonkeyPatch
) -> None:
    """The job summary: Markdown, with the base revision from the event as data."""
    summary = folder / "summary.md"
    event = folder / "event.json"
    revision = values["note"].replace("\x00", "") or "x"
    repository = {"full_name": "acme/widgets"}
    payload = {
        "pull_request": {
            "number": 7,
            "user": {"login": "someone"},
            "base": {"sha": revision, "repo": repository},
            "head": {"repo": repository},
        }
    }
    event.write_text(json.dumps(payload), encoding="utf-8")
    patched.setenv("GITHUB_STEP_SUMMARY", str(summary))
    patched.setenv("GITHUB_EVENT_PATH", str(event))
    patched.setenv("GITHUB_EVENT_NAME", "pull_request")
    patched.delenv("GITHUB_REPOSITORY", raising=False)
    patched.setenv("GITHUB_WORKSPACE", str(folder))
    for file in ("rotation.yaml", "broken.yaml"):
        result = relrot("--file", file, "ci", "--today", TODAY, "--comment", "never")
        assert result.exit_code in (0, 1), result
        ci_output(result.stdout)
        terminal(result.stderr)
        markdown(summary.read_text(encoding="utf-8"))
        summary.unlink()


# --- what the review saw, each as it was run ---------------------------------------------------

FORGED = "x\r::error file=.github/workflows/release.yml,line=1,title=Security::Workflow compromised"
SEATED = f"""\
project: {{name: {quoted(FORGED)}}}
schedule:
  first_release: 2026-01-13
  milestones:
    - {{name: {quoted(FORGED)}, days: -7, note: {quoted(FORGED)}}}
members:
  - {{id: ann, name: {quoted(FORGED)}}}
  - {{id: bea}}
  - {{id: cai}}
  - {{id: dov}}
"""


def lines_as_the_runner_reads(result: Result) -> list[str]:
    return [line.lstrip() for line in RUNNER_LINES.split(result.stdout + result.stderr)]


@pytest.mark.parametrize(
    "args",
    [
        ("plan", "--format", "csv"),
        ("plan", "--format", "ics"),
        ("plan", "--format", "mermaid"),
        ("plan", "--format", "mermaid-gantt"),
        ("who", "26.1.0"),
        ("issue", "26.1.0"),
        ("away", "ann", "2026-01-01", "2026-01-31", "--dry-run"),
        ("diff", "base.yaml"),
    ],
)
def test_a_cr_in_a_roster_field_forges_no_workflow_command(
    rotation_file: Callable[..., Path],
    relrot: Run,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
) -> None:
    path = rotation_file(SEATED)
    monkeypatch.chdir(path.parent)
    rotation_file(SEATED.replace("  - {id: bea}\n", ""), "base.yaml")
    result = relrot(
        "--file", path, *args, *(() if args[0] == "issue" else ("--today", "2026-01-01"))
    )
    assert result.exit_code == 0, result
    assert "compromised" in result.stdout
    assert not [line for line in lines_as_the_runner_reads(result) if line.startswith("::")]
    if args[-1] not in ("csv", "ics"):  # a CSV cell keeps its CR quoted; ICS ends lines CRLF
        assert "\r" not in result.stdout


def test_validate_shows_a_cr_in_a_quoted_value_escaped(
    rotation_file: Callable[..., Path], relrot: Run
) -> None:
    path = rotation_file(SEATED + f"jump_seat:\n  - {{member: {quoted(FORGED)}}}\n")
    result = relrot("--file", path, "validate", "--today", "2026-01-01")
    assert result.exit_code == 1, result
    assert "\r" not in result.stdout
    assert "`x\\r::error file=.github/workflows/release.yml,line=1,title=Secu" in result.stdout
    assert not [line for line in lines_as_the_runner_reads(result) if line.startswith("::")]


@pytest.mark.parametrize("output", ["text", "json", "github"])
def test_a_refused_file_is_quoted_with_its_escape_sequences_shown(
    tmp_path: Path, relrot: Run, output: str
) -> None:
    path = tmp_path / "rotation.yaml"
    path.write_bytes(
        b"schedule:\n  first_release: 2026-01-13\nmembers:\n"
        b'  - {id: ann, name: "\x1b[2J\x1b[Hrotation.yaml: valid\x1b[8m"}\n'
        b'  - {id: bea, name: "\x1b]0;pwned\x07"}\n'
    )
    result = relrot("--file", path, "validate", "--format", output)
    assert result.exit_code == 1, result
    assert "\x1b" not in result.stdout + result.stderr
    assert "\x07" not in result.stdout + result.stderr
    if output == "text":
        assert result.stdout.splitlines()[-2:] == [
            '     4 |   - {id: ann, name: "\\x1b[2J\\x1b[Hrotation.yaml: valid\\x1b[8m"}',
            # Under the first escape, however wide the escapes shown.
            " " * 30 + "^",
        ]


# The issue opens two weeks before release day, so the sign-off note stays a checklist item.
MENTIONS = """\
project: {name: "@acme/everyone", issue_opens: -14}
schedule:
  first_release: 2026-01-13
  milestones:
    - name: sign-off
      days: -7
      note: "check\\n- [x] Security sign-off done by @security-team <img src=x>"
members:
  - {id: ann, name: "@torvalds @acme/everyone \\u202e#1", github: ann-gh}
  - {id: bea, name: "Jane](https://evil.example) \\n# Hijacked"}
  - {id: cai}
  - {id: dov}
"""


@pytest.mark.parametrize(
    "args",
    [
        ("plan", "--format", "markdown", "--today", "2026-01-01"),
        ("stats", "--format", "markdown", "--today", "2026-01-01"),
        ("issue", "26.1.0", "--today", "2026-01-01"),
        ("diff", "base.yaml", "--format", "markdown", "--today", "2026-01-01"),
    ],
)
def test_markdown_never_mentions_links_or_starts_a_block_from_a_value(
    rotation_file: Callable[..., Path],
    relrot: Run,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
) -> None:
    path = rotation_file(MENTIONS)
    monkeypatch.chdir(path.parent)
    rotation_file(MENTIONS.replace("  - {id: dov}\n", ""), "base.yaml")
    result = relrot("--file", path, *args)
    assert result.exit_code == 0, result
    markdown(result.stdout)
    assert "@<!-- -->torvalds @<!-- -->acme/everyone \\\\u202e#<!-- -->1" in result.stdout
    if args[0] == "issue":
        assert "@ann-gh" in result.stdout  # the roster's own handle still mentions
        assert (
            ": check - \\[x\\] Security sign-off done by @<!-- -->security-team \\<img src=x\\>"
            in result.stdout
        )


def test_a_team_template_keeps_each_value_in_its_place(
    rotation_file: Callable[..., Path], relrot: Run
) -> None:
    text = MENTIONS.replace("project: {", "project: {issue_template: release.md, ")
    path = rotation_file(text)
    (path.parent / "release.md").write_text(
        "Co-pilot: [{{co_pilot}}](https://github.com/{{co_pilot}})\n{{co_pilot}}\n`{{co_pilot}}`\n",
        encoding="utf-8",
    )
    result = relrot("--file", path, "issue", "26.1.0")
    assert result.exit_code == 0, result
    assert result.stdout == (
        "<!-- relrot: %40acme%2Feveryone 26.1.0 date=2026-01-13 pilot=ann co_pilot=bea "
        "jump_seat=- -->\n"
        "Co-pilot: [Jane\\](https:<!-- -->//evil.example)  #<!-- --> Hijacked]"
        "(https://github.com/Jane%5D%28https%3A//evil.example%29%20%20%23%20Hijacked)\n"
        "Jane\\](https:<!-- -->//evil.example)  #<!-- --> Hijacked\n"
        "`Jane](https://evil.example)  # Hijacked`\n"
    )


def test_a_cr_in_a_swap_reason_stays_in_its_csv_cell(
    rotation_file: Callable[..., Path], relrot: Run
) -> None:
    path = rotation_file(
        SEATED.replace(quoted(FORGED), "Ann")
        + "swaps:\n  - {release: 26.3.0, seat: pilot, out: bea, in: cai, "
        + "reason: \"x\\r=cmd|' /C calc'!A0\"}\n"
    )
    result = relrot("--file", path, "plan", "--format", "csv", "--today", "2026-01-01")
    assert result.exit_code == 0, result
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert [len(row) for row in rows] == [10] * 7
    assert rows[2][8].endswith("; swap: cai for bea as pilot (x\r'=cmd|' /C calc'!A0)")


@pytest.mark.parametrize("name", ["Ops\nteam", "Ops\r::error::x\rBEGIN:VEVENT"])
def test_a_line_break_in_the_project_name_stays_inside_the_calendar_text(
    rotation_file: Callable[..., Path], relrot: Run, name: str
) -> None:
    path = rotation_file(SEATED.replace(quoted(FORGED), quoted(name), 1))
    result = relrot("--file", path, "plan", "--format", "ics", "--today", "2026-01-01")
    assert result.exit_code == 0, result
    ics(result.stdout)
    site = relrot("--file", path, "site", str(path.parent / "out"), "--today", "2026-01-01")
    assert site.exit_code == 0, site
    calendar = (path.parent / "out" / "rotation.ics").read_bytes().decode()
    assert "\r" not in calendar.replace("\r\n", "")
    ics(calendar)


@pytest.mark.parametrize(("chart", "check"), [("mermaid", flowchart), ("mermaid-gantt", gantt)])
def test_a_line_break_in_a_name_stays_inside_its_mermaid_label(
    rotation_file: Callable[..., Path], relrot: Run, chart: str, check: Callable[[str], None]
) -> None:
    path = rotation_file(MENTIONS)
    result = relrot("--file", path, "plan", "--format", chart, "--today", "2026-01-01")
    assert result.exit_code == 0, result
    check(result.stdout)
    assert "Jane](https //evil.example) \\n  Hijacked" in result.stdout or (
        "Jane](https://evil.example) \\n#35; Hijacked" in result.stdout
    )


@pytest.mark.parametrize("command", ["plan", "stats"])
def test_a_path_that_reads_as_rich_markup_is_shown_as_it_is(
    tmp_path: Path, relrot: Run, command: str
) -> None:
    folder = tmp_path / "a[" / "x]"
    folder.mkdir(parents=True)
    path = folder / "rotation.yaml"
    path.write_text(SEATED.replace(quoted(FORGED), "Ann"), encoding="utf-8")
    result = relrot("--file", path, command, "--today", "2026-01-01")
    assert result.exit_code == 0, result
    assert f"from {path}" in " ".join(result.stdout.split())


def test_the_base_revision_from_the_event_is_data_in_the_job_summary(
    tmp_path: Path, relrot: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "rotation.yaml").write_text(SEATED, encoding="utf-8")
    revision = "`\n# Hijacked <img src=x> @team \u202e"
    event = tmp_path / "event.json"
    repository = {"full_name": "acme/widgets"}
    event.write_text(
        json.dumps(
            {
                "pull_request": {
                    "number": 7,
                    "base": {"sha": revision, "repo": repository},
                    "head": {"repo": repository},
                }
            }
        ),
        encoding="utf-8",
    )
    summary = tmp_path / "summary.md"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
    monkeypatch.setenv("GITHUB_EVENT_NAME", "pull_request")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    result = relrot("ci", "--today", "2026-01-01", "--comment", "never")
    assert result.exit_code == 0, result
    report = summary.read_text(encoding="utf-8")
    markdown(report)
    assert "The base revision `` ` # Hijacked <img src=x> @team \\u202e `` is not in" in report


def role_file(name: str, *, swapped: bool) -> str:
    """Members in a QA pool whose role's name is hostile; `swapped` adds a QA swap."""
    swaps = "swaps:\n  - {release: 26.3.0, seat: qa, out: cai, in: dov}\n" if swapped else ""
    return f"""\
schedule:
  first_release: 2026-01-13
members:
  - {{id: ann, github: ann-gh}}
  - {{id: bea}}
  - {{id: cai, core: false, github: cai-gh}}
  - {{id: dov, core: false}}
  - {{id: eve, core: false}}
  - {{id: fay}}
roles:
  - {{id: qa, name: {quoted(name)}, pool: [eve, cai, dov]}}
{swaps}"""


ROLE_RUNS = (
    Case(("swap", "26.3.0", "cai", "--dry-run", "--today", TODAY), "terminal"),
    Case(("swap", "26.3.0", "cai", "--with", "ann", "--today", TODAY), "terminal"),
    Case(("away", "cai", "2026-03-01", "2026-03-31", "--dry-run", "--today", TODAY), "terminal"),
    Case(("diff", "base.yaml", "--today", TODAY), "terminal", "swapped.yaml"),
    Case(
        ("diff", "base.yaml", "--today", TODAY, "--format", "markdown"), "markdown", "swapped.yaml"
    ),
    Case(("diff", "base.yaml", "--today", TODAY, "--approved-by", "x"), "terminal", "swapped.yaml"),
)


@pytest.mark.parametrize(
    "name", [f"QA{EVERYTHING}", "QA\r::error file=.github/workflows/release.yml::compromised"]
)
def test_a_hostile_role_name_keeps_its_sink_rule_in_swaps_diffs_and_consent(
    relrot: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    (tmp_path / "rotation.yaml").write_text(role_file(name, swapped=False), encoding="ascii")
    (tmp_path / "base.yaml").write_text(role_file(name, swapped=False), encoding="ascii")
    (tmp_path / "swapped.yaml").write_text(role_file(name, swapped=True), encoding="ascii")
    monkeypatch.chdir(tmp_path)
    for case in ROLE_RUNS:
        result = run_case(relrot, case)
        # The role's name is shown (escaped), or the case proves nothing.
        assert "QA" in result.stdout + result.stderr, result


# --- what `sync` writes to GitHub (SPEC 5.6) -----------------------------------------------------

# Within 26.5.0's duty window, which the hostile roster's milestone opens a week before.
SYNC_DAY = "2026-05-08"
# GitHub refuses a longer issue title.
MAX_TITLE = 256


def typed_issue(value: str) -> str:
    """`gh issue list` JSON of an open issue for 26.5.0 whose title and crew cell someone typed."""
    body = f"| Pilot | {value} |\n|---|---|\n| Co-pilot | @cai-gh |\n"
    record = {"number": 3, "title": f"Release 26.5.x {value}", "body": body, "state": "OPEN"}
    return json.dumps([{**record, "url": "https://github.com/acme/widgets/issues/3"}])


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(values=st.fixed_dictionaries(dict.fromkeys(FIELDS, hostile)))
@example(values=example_values(EVERYTHING))
@example(values=example_values("x" * 300 + "\r::error::forged"))
@example(values={**example_values("\r"), "project": "::error::x"})
def test_sync_writes_titles_and_bodies_that_keep_their_sink_rules(
    relrot: Run,
    folders: Callable[[], Path],
    monkeypatch: pytest.MonkeyPatch,
    values: dict[str, str],
) -> None:
    folder = folders()
    write_files(folder, values)
    (folder / "none.json").write_text("[]", encoding="ascii")
    (folder / "typed.json").write_text(typed_issue(values["ann"]), encoding="utf-8")
    monkeypatch.chdir(folder)
    for file in ("rotation.yaml", "templated.yaml"):
        text = relrot("--file", file, "sync", "none.json", "--today", SYNC_DAY)
        assert text.exit_code == 0, text
        terminal(text.stdout)
        found = relrot("--file", file, "sync", "none.json", "--today", SYNC_DAY, "--format", "json")
        json_text(found.stdout)
        [create] = json.loads(found.stdout)["operations"]
        assert create["op"] == "create"
        # A title is plain text on one line (GitHub shows it as it is, never as a command).
        assert not HIDDEN.search(create["title"]), repr(create["title"])
        assert len(create["title"]) <= MAX_TITLE
        markdown(create["body"])
        typed = relrot("--file", file, "sync", "typed.json", "--today", SYNC_DAY)
        assert typed.exit_code in (0, 1), typed
        terminal(typed.stdout)
        terminal(typed.stderr)
        # The issue as created, then its milestone a day later: the edit names the milestone.
        made = {**json.loads(typed_issue(""))[0], "title": create["title"], "body": create["body"]}
        (folder / "made.json").write_text(json.dumps([made]), encoding="utf-8")
        moved = (folder / file).read_text(encoding="utf-8").replace("days: -7", "days: -6")
        (folder / "moved.yaml").write_text(moved, encoding="utf-8")
        edit = relrot("--file", "moved.yaml", "sync", "made.json", "--today", SYNC_DAY)
        assert edit.exit_code in (0, 1), edit
        terminal(edit.stdout)
        edited = relrot(
            "--file", "moved.yaml", "sync", "made.json", "--today", SYNC_DAY, "--format", "json"
        )
        json_text(edited.stdout)
    # Several projects (SPEC 6): hostile project names in titles ({{project}}) and bodies, a
    # cadence project's issue and an on-demand one asked for with --release.
    for asked in ((), ("--project", "cli", "--release", "0.2.0")):
        run = ("--file", "portfolio.yaml", "sync", "none.json", "--today", SYNC_DAY, *asked)
        text = relrot(*run)
        assert text.exit_code == 0, text
        terminal(text.stdout)
        found = relrot(*run, "--format", "json")
        json_text(found.stdout)
        [create] = json.loads(found.stdout)["operations"]
        assert (create["op"], create["project"]) == ("create", asked[1] if asked else "web")
        assert not HIDDEN.search(create["title"]), repr(create["title"])
        assert len(create["title"]) <= MAX_TITLE
        markdown(create["body"])
