"""Problems: the one shape every complaint about a rotation file takes."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, replace

# A path into the YAML document: mapping keys and sequence indices, outermost first.
Path = tuple[str | int, ...]


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class Problem:
    """One finding: a rule, how bad it is, what to do, and where it comes from."""

    rule: str
    severity: Severity
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    release: str | None = None
    member: str | None = None
    # Where in the document the problem points; resolved to line/column by the loader.
    path: Path | None = None
    # True when `path` names a key (unknown keys) rather than the value under it.
    at_key: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "release": self.release,
            "member": self.member,
        }

    def demoted(self) -> Problem:
        """The same problem, reported as history (section 3.5)."""
        return replace(self, severity=Severity.INFO)


def sort_key(problem: Problem) -> tuple[int, int, int, str, str]:
    return (
        problem.line if problem.line is not None else 1 << 30,
        problem.column or 0,
        _SEVERITY_ORDER[problem.severity],
        problem.rule,
        problem.message,
    )


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in file order, each reported once."""
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=sort_key)


def has_errors(problems: Iterable[Problem], *, strict: bool = False) -> bool:
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return any(p.severity in failing for p in problems)


class RelrotError(Exception):
    """A failure the user can fix; carries the problems that explain it."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].message if problems else "relrot failed")
        self.problems = problems


class UsageError(RelrotError):
    """Bad arguments or an unreadable file: exit code 2."""

    exit_code = 2

    def __init__(self, message: str, *, file: str | None = None) -> None:
        super().__init__([Problem("usage", Severity.ERROR, message, file=file)])
