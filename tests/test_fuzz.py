"""Mutated rotation files: `validate` never crashes, and every problem it reports is located.

Seeds are the repository's rotation.yaml and the round-trip fixtures. Each example mutates one
seed as data (keys dropped, renamed or added, items duplicated, values of the wrong type, order
shuffled, then written back as YAML) and/or as text (cut short, lines deleted, inserted or
duplicated, a character changed). Set RELROT_FUZZ_EXAMPLES for a longer run.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import os
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from typer.testing import CliRunner

from relrot.cli import app
from tests.conftest import DATA, ROOT

TODAY = "2026-11-21"
EXAMPLES = int(os.environ.get("RELROT_FUZZ_EXAMPLES", "150"))
# A run still going after this long is stopped and reported as a hang.
HARD_LIMIT = 30.0

SEEDS: dict[str, bytes] = {
    path.name: path.read_bytes()
    for path in [ROOT / "rotation.yaml", *sorted((DATA / "roundtrip").glob("*.yaml"))]
}

KEY_NAMES = [
    "schedule",
    "first_release",
    "every_months",
    "rrule",
    "version",
    "timezone",
    "skip",
    "blocked_weekdays",
    "blackout",
    "holidays",
    "shift",
    "milestones",
    "name",
    "days",
    "note",
    "rotation",
    "stint",
    "members",
    "id",
    "core",
    "joined",
    "left",
    "github",
    "away",
    "from",
    "to",
    "reason",
    "jump_seat",
    "member",
    "release",
    "after",
    "releases",
    "date",
    "pilot",
    "co_pilot",
    "also",
    "role",
    "swaps",
    "seat",
    "out",
    "in",
    "<<",
]

# Values a rotation file could plausibly hold, right or wrong, so mutations reach the planner.
VOCABULARY = [
    "amara",
    "bruno",
    "gus",
    "bob",
    "jane",
    "zed",
    "ana",
    "kim",
    "oli",
    "Not An Id",
    "26.1.0",
    "26.3.0",
    "26.5.0",
    "26.7.0",
    "26.3.1",
    "27.1.0",
    "pilot",
    "co_pilot",
    "jump_seat",
    "monday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "earlier",
    "later",
    "sideways",
    "{n}",
    "{yy}.{m}.0",
    "{yyyy}.{mm}",
    "{yy}.{m}.{n}",
    "{m:02d}",
    "{yy}",
    "{x}",
    "{",
    "}",
    "FREQ=MONTHLY;INTERVAL=2;BYDAY=+2MO",
    "FREQ=MONTHLY",
    "FREQ=WEEKLY;BYDAY=TU",
    "FREQ=DAILY",
    "FREQ=YEARLY",
    "FREQ=MONTHLY;COUNT=1",
    "FREQ=MONTHLY;COUNT=3",
    "FREQ=MONTHLY;UNTIL=20260301",
    "FREQ=MONTHLY;BYMONTHDAY=31",
    "DTSTART:20260113",
    "RRULE:FREQ=MONTHLY",
    "UTC",
    "America/Chicago",
    "Europe/Berlin",
    "Mars/Olympus",
    "US",
    "DE",
    "XX",
    "2026-01-13",
    "2026-02-30",
    "2026-13-01",
    "2026-01-13T10:00:00",
    "",
    " ",
]

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-400, max_value=400),
    st.floats(),
    st.text(max_size=12),
    st.dates(),
    st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2029, 12, 31)),
    st.datetimes(),
    st.sampled_from(VOCABULARY),
)
KEYS = st.one_of(
    st.sampled_from(KEY_NAMES),
    st.text(max_size=8),
    st.integers(),
    st.booleans(),
    st.none(),
    st.dates(),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(KEYS, children, max_size=3),
    max_leaves=6,
)
INSERTED_LINES = st.one_of(
    st.sampled_from(
        [
            "swaps:",
            "  - {release: 26.5.0, seat: pilot, out: amara, in: bruno}",
            "  - {id: zed, core: false}",
            "  - id: bob",
            "    away: [{from: 2026-01-01, to: 2030-12-31}]",
            "  every_months: 0",
            "  rrule: FREQ=WEEKLY",
            "  version: '{n}'",
            "  skip: [26.3.0, 26.3.0]",
            "  blocked_weekdays: [monday, tuesday, wednesday, thursday]",
            "releases:",
            "  - {version: 26.1.0, pilot: bob, co_pilot: bob}",
            "jump_seat: [{member: gus, release: 1}]",
            "rotation: {stint: [pilot, co_pilot, co_pilot]}",
            "- [",
            "key: &anchor value",
            "other: *anchor",
            "<<: *missing",
            "? complex",
            "\t- tab",
            "...",
            "---",
            "%YAML 1.1",
        ]
    ),
    st.text(max_size=30),
)
EDGE_NUMBERS = [0, 1, 2, 7, -7, 12, 120, 121, 366, -366, 10**6, -(10**6), 10**9, 2**63]
EDGE_DATES = [
    dt.date.min,
    dt.date(1, 1, 6),
    dt.date(1970, 1, 1),
    dt.date(2026, 11, 20),
    dt.date(2026, 11, 21),
    dt.date(2099, 12, 31),
    dt.date(9999, 11, 30),
    dt.date(9999, 12, 1),
    dt.date.max,
]
ID_PATTERN = r"[a-z0-9][a-z0-9_.-]{0,6}"
PUNCTUATION = st.sampled_from([*":-[]{},#&*!|>'\"%@` \t\n\r?~", "\x00", "\u2028", "\ufeff"])


def load_data(raw: bytes) -> Any:
    return YAML(typ="safe", pure=True).load(raw.decode("utf-8-sig"))


def dump_data(data: Any) -> bytes:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue().encode("utf-8")


def containers(node: Any) -> list[Any]:
    """Every mapping and list in the tree, the root last (small draws pick deep nodes)."""
    found: list[Any] = []
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, dict):
            found.append(current)
            pending.extend(current.values())
        elif isinstance(current, list):
            found.append(current)
            pending.extend(current)
    return found[::-1]


def similar(draw: st.DrawFn, value: Any, strings: list[str]) -> Any:
    """A value of the same kind, so the file often stays loadable and reaches the planner."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return draw(st.integers(-30, 30) | st.sampled_from(EDGE_NUMBERS))
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        if draw(st.integers(0, 9)) == 7:
            return draw(st.sampled_from(EDGE_DATES))
        days = draw(st.integers(-400, 400))
        try:
            return value + dt.timedelta(days=days)
        except OverflowError:
            return value
    if isinstance(value, str):
        # Mostly another string of the same file: ids, versions and roles land where they fit.
        own = st.sampled_from(strings) if strings else st.nothing()
        return draw(own | own | own | st.sampled_from(VOCABULARY) | st.from_regex(ID_PATTERN))
    return draw(VALUES)


# Operations repeated to weight them: mild ones more often, so mutants get past the schema.
MAPPING_OPERATIONS = ["similar"] * 4 + ["drop", "replace", "rename", "add", "reorder"]
LIST_OPERATIONS = ["similar"] * 2 + ["drop"] * 2 + ["duplicate"] * 2 + ["replace", "insert"]
LIST_OPERATIONS += ["shuffle"] * 2


def scalars(node: Any) -> Iterator[Any]:
    """Every scalar in the tree, mapping keys included."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from scalars(value)
    elif isinstance(node, list):
        for item in node:
            yield from scalars(item)
    else:
        yield node


def scalar_slots(found: list[Any]) -> list[tuple[Any, Any]]:
    """(container, key or index) of every scalar value in these containers."""
    slots: list[tuple[Any, Any]] = []
    for container in found:
        places = container.items() if isinstance(container, dict) else enumerate(container)
        slots += [(container, k) for k, v in places if not isinstance(v, (dict, list))]
    return slots


def mutate_mapping(draw: st.DrawFn, mapping: dict[Any, Any], strings: list[str]) -> None:
    keys = list(mapping)
    operation = draw(st.sampled_from(MAPPING_OPERATIONS))
    if operation == "add" or not keys:
        mapping[draw(KEYS)] = draw(VALUES)
        return
    key = keys[draw(st.integers(0, len(keys) - 1))]
    if operation == "similar":
        mapping[key] = similar(draw, mapping[key], strings)
    elif operation == "drop":
        del mapping[key]
    elif operation == "replace":
        mapping[key] = draw(VALUES)
    elif operation == "rename":
        mapping[draw(KEYS)] = mapping.pop(key)
    else:
        order = draw(st.permutations(keys))
        items = {k: mapping[k] for k in order}
        mapping.clear()
        mapping.update(items)


def mutate_list(draw: st.DrawFn, items: list[Any], strings: list[str]) -> None:
    operation = draw(st.sampled_from(LIST_OPERATIONS))
    if operation == "insert" or not items:
        items.insert(draw(st.integers(0, len(items))), draw(VALUES))
        return
    index = draw(st.integers(0, len(items) - 1))
    if operation == "similar":
        items[index] = similar(draw, items[index], strings)
    elif operation == "drop":
        del items[index]
    elif operation == "duplicate":
        items.insert(index, copy.deepcopy(items[index]))
    elif operation == "replace":
        items[index] = draw(VALUES)
    else:
        items[:] = draw(st.permutations(items))


def mutate_data(draw: st.DrawFn, raw: bytes) -> bytes:
    tree = load_data(raw)
    strings = sorted(scalar for scalar in scalars(tree) if isinstance(scalar, str))
    for _ in range(draw(st.integers(1, 4))):
        # Now and then the whole document becomes some other value (17: clear of 0 and 49,
        # the ends hypothesis favours).
        if draw(st.integers(0, 49)) == 17:
            tree = draw(VALUES)
        found = containers(tree)
        if not found:
            break
        leaves = scalar_slots(found)
        if leaves and draw(st.booleans()):
            # One scalar anywhere in the file, all equally likely: reaches deep fields.
            holder, key = leaves[draw(st.integers(0, len(leaves) - 1))]
            holder[key] = similar(draw, holder[key], strings)
            continue
        target = found[draw(st.integers(0, len(found) - 1))]
        if isinstance(target, dict):
            mutate_mapping(draw, target, strings)
        else:
            mutate_list(draw, target, strings)
    return dump_data(tree)


def mutate_text(draw: st.DrawFn, raw: bytes) -> bytes:
    for _ in range(draw(st.integers(1, 2))):
        operation = draw(st.sampled_from(["truncate", "delete", "insert", "duplicate", "flip"]))
        if operation == "truncate":
            # Counted from the end: small draws cut a little, as an interrupted save does.
            raw = raw[: len(raw) - draw(st.integers(1, max(1, len(raw) - 1)))]
            continue
        text = raw.decode("utf-8", "surrogateescape")
        lines = text.splitlines(keepends=True)
        if operation == "flip" and text:
            at = draw(st.integers(0, len(text) - 1))
            replacement = draw(PUNCTUATION | st.characters(exclude_categories=["Cs"]))
            text = text[:at] + replacement + text[at + 1 :]
        elif operation == "insert" or not lines:
            at = draw(st.integers(0, len(lines)))
            lines.insert(at, draw(INSERTED_LINES) + "\n")
            text = "".join(lines)
        else:
            at = draw(st.integers(0, len(lines) - 1))
            if operation == "delete":
                del lines[at]
            else:
                lines.insert(at, lines[at])
            text = "".join(lines)
        raw = text.encode("utf-8", "surrogateescape")
    return raw


@st.composite
def mutated_files(draw: st.DrawFn) -> bytes:
    seed = draw(st.sampled_from(sorted(SEEDS)))
    raw = SEEDS[seed]
    how = draw(st.sampled_from(["data", "text", "data then text"]))
    note(f"seed {seed}, mutated as {how}")
    if how != "text":
        raw = mutate_data(draw, raw)
    if how != "data":
        raw = mutate_text(draw, raw)
    note(raw.decode("utf-8", "backslashreplace"))
    return raw


class Overran(BaseException):
    """Raised into a run far over its budget; not an Exception, so nothing swallows it."""


@contextmanager
def hard_limit(seconds: float) -> Iterator[None]:
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise Overran

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
@given(raw=mutated_files())
def test_validate_answers_every_mutated_file_with_located_problems(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rotation.yaml"
        path.write_bytes(raw)
        args = ["--file", str(path), "validate", "--today", TODAY, "--format", "json"]
        outcome = None
        try:
            with hard_limit(HARD_LIMIT):
                outcome = CliRunner().invoke(app, args, catch_exceptions=False)
        except Overran:
            pass
        assert outcome is not None, f"validate still running after {HARD_LIMIT} s"
    note(f"exit {outcome.exit_code}\n{outcome.stdout}{outcome.stderr}")
    assert outcome.exit_code in (0, 1)
    assert outcome.stderr == ""
    payload = json.loads(outcome.stdout)
    # `omitted` only when a rule or a line has more problems than a report shows.
    assert set(payload) - {"omitted"} == {"valid", "problems"}
    # Shown by --hypothesis-show-statistics: how deep into the checks the examples got.
    rules = sorted({problem["rule"] for problem in payload["problems"]})
    event(f"exit {outcome.exit_code}: {', '.join(rules) or 'no problems'}")
    assert payload["valid"] is (outcome.exit_code == 0)
    # Generous: Python splits lines at more characters than YAML does.
    last_line = len(raw.decode("utf-8", "replace").splitlines()) + 1
    for problem in payload["problems"]:
        assert problem["file"] == str(path), problem
        assert isinstance(problem["line"], int), problem
        assert isinstance(problem["column"], int), problem
        assert 1 <= problem["line"] <= last_line, problem
        assert problem["column"] >= 1, problem


MUTANTS = int(os.environ.get("RELROT_MUTANTS", "2000"))
# The commands a roster pull request's author can make CI run on their file.
COMMANDS = [
    ["validate", "--today", TODAY],
    ["plan", "--today", TODAY, "--format", "json"],
    ["swap", "27.3.0", "eli", "--today", TODAY, "--dry-run"],
]


@settings(
    max_examples=MUTANTS,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
@given(raw=mutated_files())
def test_no_mutant_makes_any_command_crash(raw: bytes) -> None:
    """validate, plan --format json and swap --dry-run end in 0, 1 or 2 on every mutant."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rotation.yaml"
        path.write_bytes(raw)
        for command in COMMANDS:
            outcome = None
            try:
                with hard_limit(HARD_LIMIT):
                    outcome = CliRunner().invoke(app, ["--file", str(path), *command])
            except Overran:
                pass
            assert outcome is not None, f"{command[0]} still running after {HARD_LIMIT} s"
            note(f"{command[0]}: exit {outcome.exit_code}\n{outcome.stdout}{outcome.stderr}")
            # The runner catches what would escape: a crash shows as an exception here.
            assert outcome.exception is None or isinstance(outcome.exception, SystemExit)
            assert outcome.exit_code in (0, 1, 2), outcome.exc_info
        assert path.read_bytes() == raw  # --dry-run writes nothing
