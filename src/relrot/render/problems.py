"""Problems for people (text), for GitHub Actions (annotations) and for tools (JSON)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from relrot.problems import Problem, Severity, sorted_problems
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
    for severity in Severity:
        group = [p for p in sorted_problems(problems) if p.severity is severity]
        if not group:
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
                    # The caret stands under the character, however wide its escape.
                    before = visible(text[: (problem.column or 1) - 1])
                    out.append(f"{gutter}{visible(text)}")
                    out.append(" " * (len(gutter) + len(before)) + "^")
    return "\n".join(out) + "\n"


def _escape_data(text: str) -> str:
    shown = visible(text, keep="\r\n")
    return shown.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(problems: Sequence[Problem]) -> str:
    """GitHub Actions workflow commands: one annotation per problem."""
    lines = []
    for problem in sorted_problems(problems):
        props = []
        if problem.file:
            props.append(f"file={_escape_property(problem.file)}")
        if problem.line is not None:
            props.append(f"line={problem.line}")
            props.append(f"col={problem.column or 1}")
        props.append(f"title={_escape_property(problem.rule)}")
        level = _GITHUB_LEVEL[problem.severity]
        lines.append(f"::{level} {','.join(props)}::{_escape_data(problem.message)}")
    return "".join(line + "\n" for line in lines)


def render_json(problems: Sequence[Problem], *, valid: bool) -> str:
    import json  # only for --format json: a plain validate run skips the module

    payload = {"valid": valid, "problems": [p.to_json() for p in sorted_problems(problems)]}
    return json.dumps(payload, indent=2) + "\n"
