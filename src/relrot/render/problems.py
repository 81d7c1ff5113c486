"""Problems for people (text), for GitHub Actions (annotations) and for tools (JSON)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from relrot.problems import (
    EXCERPT_WIDTH,
    SHOWN_PER_LINE,
    SHOWN_PER_RULE,
    Problem,
    Severity,
    Shown,
    shown,
    sorted_problems,
)
from relrot.render.sinks import visible

_HEADINGS = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "history"}
_COUNTED = {
    Severity.ERROR: ("error", "errors"),
    Severity.WARNING: ("warning", "warnings"),
    Severity.INFO: ("in history", "in history"),
}
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def location(problem: Problem) -> str:
    where = visible(problem.file or "relrot")
    if problem.line is not None:
        where += f":{problem.line}:{problem.column or 1}"
    return where


def render_text(problems: Sequence[Problem], file: str, source_line: Callable[[int], str]) -> str:
    """Grouped by severity; each problem followed by the line of the file it points at.

    Messages quote the file and source lines are the file: both are shown as a terminal
    shows data, so a refused escape sequence is read, never run.
    """
    file = visible(file)
    if not problems:
        return f"{file}: valid\n"
    counted = {s: sum(p.severity is s for p in problems) for s in Severity}
    counts = ", ".join(f"{n} {_COUNTED[s][n != 1]}" for s, n in counted.items() if n)
    out = [f"{file}: {counts}"]
    report = shown(sorted_problems(problems))
    for severity in Severity:
        group = [p for p in report.problems if p.severity is severity]
        left_out = [(rule, n) for (s, rule), n in report.omitted.items() if s is severity]
        if not group and not left_out:
            continue
        title = _HEADINGS[severity]
        if severity is Severity.INFO:
            title += " (before today: shown, never failing)"
        out += ["", title]
        for problem in group:
            out.append(f"  {location(problem)}: [{problem.rule}] {visible(problem.message)}")
            if problem.line is not None and visible(problem.file or "") == file:
                text = source_line(problem.line)
                if text.strip():
                    gutter = f"{problem.line:>6} | "
                    # Cut the line as written, then show it escaped: the caret stands
                    # under its character, however wide the escapes before it are.
                    quoted, caret = excerpt(text, problem.column or 1)
                    out.append(f"{gutter}{visible(quoted)}")
                    out.append(" " * (len(gutter) + len(visible(quoted[:caret]))) + "^")
        out += [f"  and {n:,} more [{rule}] {_UNSHOWN}" for rule, n in left_out]
    return "\n".join(out) + "\n"


_UNSHOWN = (
    f"problems, not shown (a report shows {SHOWN_PER_RULE} of a rule and {SHOWN_PER_LINE} "
    "of a line)"
)


def excerpt(text: str, column: int) -> tuple[str, int]:
    """At most EXCERPT_WIDTH characters of a source line around `column` (1-based), `…`
    marking what is cut off, and the offset of that column in it."""
    index = min(max(column - 1, 0), len(text))
    if len(text) <= EXCERPT_WIDTH:
        return text, index
    start = min(max(index - EXCERPT_WIDTH // 2, 0), len(text) - EXCERPT_WIDTH)
    end = start + EXCERPT_WIDTH
    before = "…" if start > 0 else ""
    after = "…" if end < len(text) else ""
    return f"{before}{text[start:end]}{after}", len(before) + index - start


def _escape_data(text: str) -> str:
    shown = visible(text, keep="\r\n")
    return shown.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(
    level: str,
    title: str,
    message: str,
    file: str | None = None,
    line: int | None = None,
    column: int | None = None,
) -> str:
    """One GitHub workflow command (`::error file=…::message`), every value escaped so that
    no name can end it or start another command."""
    props = [f"file={_escape_property(file)}"] if file else []
    if line is not None:
        props += [f"line={line}", f"col={column or 1}"]
    props.append(f"title={_escape_property(title)}")
    return f"::{level} {','.join(props)}::{_escape_data(message)}"


def render_github(problems: Sequence[Problem]) -> str:
    """GitHub Actions workflow commands: one annotation per problem shown, and a notice
    counting those left out."""
    report = shown(sorted_problems(problems))
    lines = []
    for problem in report.problems:
        level = _GITHUB_LEVEL[problem.severity]
        where = (problem.file, problem.line, problem.column)
        lines.append(annotation(level, problem.rule, problem.message, *where))
    if report.omitted:
        lines.append(
            f"::notice title=relrot::{_escape_data(omitted_sentence(report))}; relrot annotates "
            f"at most {SHOWN_PER_RULE} problems of a rule and {SHOWN_PER_LINE} of a line"
        )
    return "".join(line + "\n" for line in lines)


def omitted_sentence(report: Shown) -> str:
    """How many problems a report leaves out, of which rules."""
    rules = ", ".join(f"{rule}: {n:,}" for rule, n in report.omitted_by_rule.items())
    count = report.omitted_count
    return f"{count:,} more problem{'s' if count != 1 else ''} not shown ({rules})"


def render_json(problems: Sequence[Problem], *, valid: bool) -> str:
    import json  # only for --format json: a plain validate run skips the module

    report = shown(sorted_problems(problems))
    payload: dict[str, object] = {
        "valid": valid,
        "problems": [p.to_json() for p in report.problems],
    }
    if report.omitted:
        payload["omitted"] = report.omitted_by_rule
    return json.dumps(payload, indent=2) + "\n"
