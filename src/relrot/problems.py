"""Problems: the one shape every complaint about a rotation file takes."""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Literal, NewType

from msgspec import Struct
from msgspec.structs import force_setattr, replace

from relrot.records import Keyed

# A path into the YAML document: mapping keys and sequence indices, outermost first.
Path = tuple[str | int, ...]

# Every name a problem can have. The catalogue (rules/catalogue.py) describes each one, and a
# test holds the two lists equal; a new rule joins here and there, or mypy refuses it.
RuleName = Literal[
    # Found by checking the file (SPEC 4).
    "yaml-syntax",
    "duplicate-key",
    "schema",
    "duplicate-member",
    "unknown-member",
    "invalid-stint",
    "calendar",
    "friday-release",
    "not-core",
    "inactive",
    "away-on-duty",
    "double-seat",
    "double-duty",
    "empty-seat",
    "not-in-pool",
    "jump-seat-conflict",
    "stale-swap",
    "unknown-release",
    "serving-streak",
    "untrained-pilot",
    "roster-too-small",
    "request-met",
    "unpinned-history",
    # Reported when a command cannot do what it was asked.
    "usage",
    "edit",
    "history",
    "import",
    "swap",
    "issue-template",
]

# The id of a crew role declared under `roles:` (SPEC 3.7); it shares the namespace of the
# seats, which is why no role may be called pilot, co_pilot or jump_seat.
RoleId = NewType("RoleId", str)
# A seat of a release, spelled as the file spells it.
Seat = Literal["pilot", "co_pilot", "jump_seat"] | RoleId
_FIXED_SEATS: dict[str, Seat] = {"pilot": "pilot", "co_pilot": "co_pilot", "jump_seat": "jump_seat"}


def seat_named(key: str) -> Seat:
    """The seat a file key names: one of the fixed three, else a role's id."""
    return _FIXED_SEATS.get(key) or RoleId(key)


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


_SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


class Problem(Keyed, frozen=True):
    """One finding: a rule, how bad it is, what to do, and where it comes from."""

    rule: RuleName
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
    # The seat the problem is about, when it is about one. Code decides with it (does a
    # change add this problem?); a report never shows it, so two problems saying the same
    # thing at the same place are still one.
    seat: Seat | None = None
    # The project it belongs to when a file holds several (SPEC 6); None for the only one.
    project: str | None = None
    # The message to give instead when the release is history, where the usual fix (such
    # as `relrot swap`, which refuses history) cannot work (SPEC 4); None: the same one.
    in_history: str | None = None

    def identity(self) -> tuple[object, ...]:
        """What two problems must share to be one: everything but `seat` and `in_history`,
        which code decides with and no report shows."""
        return (
            self.rule,
            self.severity,
            self.message,
            self.file,
            self.line,
            self.column,
            self.release,
            self.member,
            self.path,
            self.at_key,
            self.project,
        )

    def __post_init__(self) -> None:
        # Messages quote values, and one alias can quote a 30 KB value in thousands of them
        # (500 MiB); the start says what is wrong and the end how to fix it, so both stay.
        if len(self.message) > MESSAGE_WIDTH:
            head = (MESSAGE_WIDTH - 3) // 2
            tail = MESSAGE_WIDTH - 3 - head
            cut = f"{self.message[:head]} … {self.message[-tail:]}"
            force_setattr(self, "message", cut)

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
            # Only in a file with `projects:` (SPEC 6): a one-project file's report is as it was.
            **({"project": self.project} if self.project is not None else {}),
        }

    def demoted(self) -> Problem:
        """The same problem, reported as history (section 3.5)."""
        message = self.in_history if self.in_history is not None else self.message
        return replace(self, severity=Severity.INFO, message=message, in_history=None)


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


# How much of its problems a report shows: a 64 KiB file can hold thousands of problems on
# one line, and quoting that line for each made 376 MB of output. Past these, problems are
# counted, not shown; the verdict and the exit code still come from all of them.
SHOWN_PER_RULE = 20  # of one rule in one file
SHOWN_PER_LINE = 5  # on one line of one file
EXCERPT_WIDTH = 80  # characters of a quoted source line, around the column shown
MESSAGE_WIDTH = 400  # characters of a message; longer ones lose their middle
# A word longer than this is no misspelling of a name relrot knows: no "did you mean".
GUESSED_WIDTH = 100


def close_match(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice `word` most likely misspells ("did you mean …?"), if any. A long word is
    not compared: comparing a 30 KB one with every choice, once per alias of it, took 28 s."""
    if len(word) > GUESSED_WIDTH:
        return None
    import difflib  # only when a name is wrong

    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return found[0] if found else None


class Shown(Struct, frozen=True):
    """The problems a report shows and how many it leaves out."""

    problems: list[Problem]
    omitted: dict[tuple[Severity, str], int]  # by severity and rule, in the order first met

    @property
    def omitted_by_rule(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for (_, rule), count in self.omitted.items():
            counts[rule] = counts.get(rule, 0) + count
        return dict(sorted(counts.items()))

    @property
    def omitted_count(self) -> int:
        return sum(self.omitted.values())


def shown(problems: Iterable[Problem], *, at_most: int | None = None) -> Shown:
    """What a report shows of `problems`, in their order: at most SHOWN_PER_RULE of each rule
    and SHOWN_PER_LINE of each line (per file), and `at_most` in all; errors are kept first."""
    unique = list(dict.fromkeys(problems))
    # Stable: by severity, each in the order given, so a warning never takes an error's place.
    ranked = sorted(range(len(unique)), key=lambda i: _SEVERITY_ORDER[unique[i].severity])
    per_rule: Counter[tuple[str | None, str]] = Counter()
    per_line: Counter[tuple[str | None, int | None]] = Counter()
    kept: list[int] = []
    omitted: dict[tuple[Severity, str], int] = {}
    for index in ranked:
        problem = unique[index]
        rule, line = (problem.file, problem.rule), (problem.file, problem.line)
        full = (
            per_rule[rule] >= SHOWN_PER_RULE
            or (problem.line is not None and per_line[line] >= SHOWN_PER_LINE)
            or (at_most is not None and len(kept) >= at_most)
        )
        if full:
            key = (problem.severity, problem.rule)
            omitted[key] = omitted.get(key, 0) + 1
            continue
        per_rule[rule] += 1
        if problem.line is not None:
            per_line[line] += 1
        kept.append(index)
    return Shown([unique[i] for i in sorted(kept)], omitted)


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
    """Bad arguments or an unreadable file: exit code 2. Apart from the file's problems by its
    type: it is said as a sentence about the command, with no rule or line."""

    exit_code = 2

    def __init__(self, message: str, *, file: str | None = None, names_file: bool = True) -> None:
        super().__init__([Problem("usage", Severity.ERROR, message, file=file)])
        # The file `message` names itself; a report puts any other file (one not named, or
        # given to the problem later) before the message.
        self.named_file = file if names_file else None

    def about(self, file: str) -> UsageError:
        """This error, about `file` when it was raised without a file (its message cannot
        name one then)."""
        if all(p.file for p in self.problems):
            return self
        return UsageError(self.problems[0].message, file=file, names_file=False)


def listed(items: Sequence[str], limit: int) -> str:
    """Items joined for a message, cut after `limit` with how many more there are: a
    message names a few, not hundreds."""
    shown = ", ".join(items[:limit])
    more = len(items) - limit
    return f"{shown} and {more:,} more" if more > 0 else shown
