"""The YAML document: syntax errors where the parser stopped, and YAML features that must not
reach the model (tags, merges) either refused where they stand or followed to their source."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from relrot.patterns import pattern
from relrot.problems import Problem, RelrotError
from relrot.yamlfile.c_reader import read_document
from relrot.yamlfile.document import (
    ESCAPED_ONLY,
    Plainer,
    SourceMap,
    node_budget,
    parse_document,
)
from relrot.yamlfile.load import load, parse, plain_data
from relrot.yamlfile.read import decode
from tests.conftest import ROOT, Summary, problems_in, problems_in_bytes, summary
from tests.test_fuzz import mutated_files


def test_duplicate_key_points_at_the_repeated_key(rotation_file: Callable[[str], Path]) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
          first_release: 2026-01-14
        members:
          - {id: bob}
        """
    )
    problems = problems_in(path)
    assert summary(problems) == [
        (
            "duplicate-key",
            "error",
            3,
            3,
            "duplicate key `first_release` (first given on line 2); keep one of them",
        ),
    ]
    assert problems[0].file == str(path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "schedule:\n  first_release: 2026-01-13\nmembers:\n  - {id: bob\n",
            (
                "yaml-syntax",
                "error",
                5,
                1,
                "not valid YAML: expected ',' or '}', but got '<stream end>'",
            ),
        ),
        (
            "schedule:\n  first_release: 2026-01-13\nmembers:\n  - id: bob\n   name: Bob\n",
            (
                "yaml-syntax",
                "error",
                5,
                4,
                "not valid YAML: expected <block end>, but found '<block mapping start>'",
            ),
        ),
        (
            "schedule:\n\tfirst_release: 2026-01-13\n",
            (
                "yaml-syntax",
                "error",
                2,
                1,
                "not valid YAML: found character '\\t' that cannot start any token",
            ),
        ),
    ],
    ids=["unclosed-flow-mapping", "bad-indentation", "tab-indentation"],
)
def test_yaml_syntax_error_points_where_the_parser_stopped(
    rotation_file: Callable[[str], Path], text: str, expected: Summary
) -> None:
    problems = problems_in(rotation_file(text))
    assert summary(problems) == [expected]


# --- tags and other YAML features that must not reach the model --------------------------------


def test_python_tag_is_refused_and_never_constructed(
    rotation_file: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []
    monkeypatch.setattr(os, "system", calls.append)
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
        members: !!python/object/apply:os.system [ls]
        """
    )
    assert summary(problems_in(path)) == [
        (
            "schema",
            "error",
            3,
            10,
            "YAML tag !!python/object/apply:os.system is not allowed here; remove it",
        ),
    ]
    assert calls == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "!!python/object/apply:os.system [ls]\n",
            (
                "schema",
                "error",
                1,
                1,
                "YAML tag !!python/object/apply:os.system is not allowed here; remove it",
            ),
        ),
        (
            "schedule: {first_release: 2026-01-13}\nmembers:\n"
            "  - id: bob\n    name: !!python/name:os.system\n",
            (
                "schema",
                "error",
                4,
                11,
                "YAML tag !!python/name:os.system is not allowed here; remove it",
            ),
        ),
        (
            "schedule: {first_release: 2026-01-13}\nmembers:\n  - id: bob\n    github: !custom x\n",
            ("schema", "error", 4, 13, "YAML tag !custom is not allowed here; remove it"),
        ),
    ],
    ids=["whole-document", "python-name", "local-tag"],
)
def test_custom_tags_are_refused_where_they_stand(
    monkeypatch: pytest.MonkeyPatch, text: str, expected: Summary
) -> None:
    calls: list[object] = []
    monkeypatch.setattr(os, "system", calls.append)
    assert summary(problems_in_bytes(text.encode())) == [expected]
    assert calls == []


def test_an_ordered_map_tag_is_a_problem_not_a_crash(rotation_file: Callable[[str], Path]) -> None:
    path = rotation_file(
        """\
        schedule: {first_release: 2026-01-13}
        members:
          - id: bob
            name: !!omap [a: 1]
        """
    )
    # Refusing the tag or the mapping are both fine; what matters is a placed problem.
    assert [(p.rule, p.line, p.column) for p in problems_in(path)] == [("schema", 4, 11)]


def test_a_member_written_only_as_a_merge_key_loads(rotation_file: Callable[[str], Path]) -> None:
    path = rotation_file(
        """\
        schedule: {first_release: 2026-01-13}
        members:
          - <<: {id: bob, name: Bob Ross}
        """
    )
    members = load(path).model.members
    assert [(m.id, m.name) for m in members] == [("bob", "Bob Ross")]


def test_unknown_key_from_a_merge_points_at_the_key_itself(
    rotation_file: Callable[[str], Path],
) -> None:
    path = rotation_file(
        """\
        schedule: {first_release: 2026-01-13}
        members:
          - <<: &defaults {core: true, colour: red}
            id: bob
        """
    )
    assert summary(problems_in(path)) == [
        ("schema", "error", 3, 32, "unknown key `colour`; did you mean `core`?"),
    ]


# --- work in proportion to the file ------------------------------------------------------------

SCHEDULE = "schedule: {first_release: 2026-01-13}\n"


def merge_chain(levels: int) -> bytes:
    """Each mapping merges the one before: the last holds every key of the chain."""
    lines = [f"k{n}: &k{n} {{<<: *k{n - 1}, v{n}: x}}" for n in range(1, levels)]
    return (SCHEDULE + "members: [{id: bob}]\nk0: &k0 {v0: x}\n" + "\n".join(lines) + "\n").encode()


def merge_all_before(levels: int) -> bytes:
    """Each mapping merges every one before it."""
    lines = ["k0: &k0 {v0: x}"]
    for level in range(1, levels):
        before = ", ".join(f"*k{earlier}" for earlier in range(level))
        lines.append(f"k{level}: &k{level} {{<<: [{before}], v{level}: x}}")
    return (SCHEDULE + "members: [{id: bob}]\n" + "\n".join(lines) + "\n").encode()


def shared_defaults(members: int) -> bytes:
    """An honest roster: every member merges the first one's settings."""
    lines = [f"  - {{<<: *first, id: m{number}}}" for number in range(1, members)]
    text = SCHEDULE + "members:\n  - &first {id: m0, core: true}\n" + "\n".join(lines) + "\n"
    return text.encode()


@pytest.fixture
def merge_work(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Values ruamel copies or compares while it builds merges, counted as it works."""
    from ruamel.yaml.comments import CommentedMap

    work = [0]
    merge, equal = CommentedMap.add_yaml_merge, CommentedMap.__eq__

    def counted_merge(self: CommentedMap, value: list[CommentedMap]) -> None:
        work[0] += sum(len(source) for source in value)
        merge(self, value)

    def counted_equal(self: CommentedMap, other: object) -> bool:
        work[0] += len(self)
        return equal(self, other)

    monkeypatch.setattr(CommentedMap, "add_yaml_merge", counted_merge)
    monkeypatch.setattr(CommentedMap, "__eq__", counted_equal)
    return work


@pytest.mark.parametrize("make", [merge_chain, merge_all_before], ids=["chain", "all-before"])
@pytest.mark.parametrize("size", [11_000, 40_000])
def test_merge_chains_are_refused_within_work_in_proportion_to_the_file(
    merge_work: list[int], make: Callable[[int], bytes], size: int
) -> None:
    levels = 2
    while len(make(levels + 1)) <= size:
        levels += 1
    raw = make(levels)
    (problem,) = problems_in_bytes(raw)
    assert problem.rule == "yaml-syntax"
    assert problem.message == (
        f"merge keys (`<<`) copy more than {len(raw)} values; a rotation file needs few "
        "merges: write the keys out instead"
    )
    # The merge key where the budget ran out, in the text.
    assert problem.line is not None
    assert problem.column is not None
    line = raw.decode().splitlines()[problem.line - 1]
    assert line[problem.column - 1 :].startswith("<<")
    assert merge_work[0] <= len(raw)


def test_many_members_merging_shared_defaults_load_with_linear_work(
    merge_work: list[int],
) -> None:
    raw = shared_defaults(1_500)
    assert len(parse(raw).model.members) == 1_500
    # Two values copied per member; comparing each new member with every earlier one
    # (what ruamel does by itself) costs a million.
    assert merge_work[0] <= 2 * 1_500


def test_a_mapping_merging_the_mapping_it_is_in_is_refused() -> None:
    raw = (SCHEDULE + "members: [{id: bob}]\nloop: &loop\n  inner: {<<: *loop}\n").encode()
    assert summary(problems_in_bytes(raw)) == [
        (
            "yaml-syntax",
            "error",
            4,
            11,
            "`<<` merges a mapping that holds this one; merge one defined outside it",
        ),
    ]


# --- line endings ------------------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"], ids=["cr", "crlf", "lf"])
def test_positions_in_a_file_follow_its_line_endings(newline: str) -> None:
    lines = [
        "schedule:",
        "  first_release: 2026-01-13",
        "  evry_months: 2",
        "members:",
        "  - {id: bob}",
    ]
    raw = (newline.join(lines) + newline).encode()
    assert summary(problems_in_bytes(raw)) == [
        ("schema", "error", 3, 3, "unknown key `evry_months`; did you mean `every_months`?"),
    ]


@pytest.mark.parametrize("newline", ["\r", "\r\n"], ids=["cr", "crlf"])
def test_deep_brackets_are_located_whatever_the_line_endings(newline: str) -> None:
    raw = newline.join(["a:", "  b: 1", "c: " + "[" * 70, ""]).encode()
    assert summary(problems_in_bytes(raw)) == [
        (
            "yaml-syntax",
            "error",
            3,
            68,
            "brackets nested more than 64 deep; a rotation file needs a handful",
        ),
    ]


def test_brackets_in_a_comment_of_a_cr_file_are_not_nesting() -> None:
    lines = [SCHEDULE.strip(), "# {{{ " + "{" * 80, "members:", "  - {id: bob}", ""]
    assert [m.id for m in parse("\r".join(lines).encode()).model.members] == ["bob"]


# --- characters that only escapes can write ----------------------------------------------------


@pytest.mark.parametrize(
    ("escape", "code"),
    [("\\x1b", "001B"), ("\\e", "001B"), ("\\u009b", "009B"), ("\\x7f", "007F"), ("\\0", "0000")],
    ids=["esc", "esc-short", "csi", "del", "nul"],
)
def test_an_escaped_control_character_is_refused_where_its_text_starts(
    escape: str, code: str
) -> None:
    raw = f'{SCHEDULE}members:\n  - {{id: bob, name: "Bob{escape}[2J"}}\n'.encode()
    assert summary(problems_in_bytes(raw)) == [
        (
            "yaml-syntax",
            "error",
            3,
            21,
            f"an escape for control character U+{code} (such as `\\x{code[2:].lower()}`) is not "
            "allowed in a rotation file; remove it",
        ),
    ]


def test_escaped_control_characters_are_refused_in_keys_and_everywhere_at_once() -> None:
    raw = (
        SCHEDULE + "members:\n"
        '  - {id: bob, "n\\x07me": x}\n'
        '  - {id: jane, github: "j\\x9bane"}\n'
        "  - id: kai\n"
        '    away: [{from: 2026-07-01, to: 2026-07-02, reason: "\\x1b]8;;http://x\\x07"}]\n'
    ).encode()
    problems = problems_in_bytes(raw)
    assert [(p.rule, p.line, p.column, p.message[:44]) for p in problems] == [
        ("yaml-syntax", 3, 15, "an escape for control character U+0007 (such"),
        ("yaml-syntax", 4, 24, "an escape for control character U+009B (such"),
        ("yaml-syntax", 6, 55, "an escape for control character U+001B (such"),
    ]


def test_tabs_and_line_breaks_from_escapes_are_text() -> None:
    raw = f'{SCHEDULE}members:\n  - {{id: bob, name: "Bob\\tRoss\\n"}}\n'.encode()
    assert parse(raw).model.members[0].name == "Bob\tRoss\n"


def test_an_aliased_text_is_reported_once() -> None:
    raw = f'{SCHEDULE}members:\n  - {{id: bob, name: &n "\\x1b"}}\n  - {{id: jane, name: *n}}\n'
    assert [(p.line, p.column) for p in problems_in_bytes(raw.encode())] == [(3, 21)]


# --- shapes that once crashed the loader -------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("? {a: [1]}\n: x\n", (4, 3, "a key must be text, not a mapping")),
        ("? [1, 2]\n: x\n", (4, 3, "a key must be text, not a list")),
        ("extra: !!omap [{? [1]: 2}]\n", (4, 19, "a key must be text, not a list")),
        ("extra: {<<: {? {a: [1]}: 2}}\n", (4, 16, "a key must be text, not a mapping")),
    ],
    ids=["mapping-holding-a-list", "list", "in-an-ordered-map", "in-a-merge"],
)
def test_a_list_or_mapping_as_a_key_is_a_located_schema_problem(
    lines: str, expected: tuple[int, int, str]
) -> None:
    raw = (SCHEDULE + "members:\n  - {id: bob}\n" + lines).encode()
    assert summary(problems_in_bytes(raw)) == [("schema", "error", *expected)]


@pytest.mark.parametrize(
    ("member", "column"),
    [('{id: bob, name: "\\ud800"}', 21), ('{id: bob, "\\udfff": x}', 15)],
    ids=["value", "key"],
)
def test_a_lone_surrogate_is_refused_where_its_text_starts(member: str, column: int) -> None:
    raw = f"{SCHEDULE}members:\n  - {member}\n".encode()
    (problem,) = problems_in_bytes(raw)
    assert (problem.rule, problem.line, problem.column) == ("yaml-syntax", 3, column)
    assert problem.message.endswith(
        "is half of a UTF-16 surrogate pair, not a character; write the character itself"
    )


def test_every_character_only_an_escape_can_write_is_unprintable() -> None:
    # Printable text is not searched for them: the pattern is compiled for the rest only.
    every = "".join(map(chr, range(0x110000)))
    found = pattern(ESCAPED_ONLY).findall(every)
    assert len(found) == 29 + 33 + 0x800  # C0 but tab, LF and CR; DEL and C1; surrogates
    assert [c for c in found if c.isprintable()] == []


def test_a_character_beyond_the_basic_plane_written_as_an_escape_loads() -> None:
    raw = f'{SCHEDULE}members:\n  - {{id: bob, name: "Bob \\U0001F680"}}\n'.encode()
    assert parse(raw).model.members[0].name == "Bob \U0001f680"


@pytest.mark.parametrize(
    "lines",
    [
        "members:\n  - {id: bob}\nswaps: &s []\n",
        "members:\n  - {id: bob}\nreleases: &r []\n",
        "members:\n  - id: bob\n    away: &a []\n",
    ],
    ids=["swaps", "releases", "away"],
)
def test_an_anchored_empty_list_loads_as_an_empty_list(lines: str) -> None:
    loaded = parse((SCHEDULE + lines).encode())
    assert (loaded.model.swaps, loaded.model.releases, loaded.model.members[0].away) == ((), (), ())
    plain = plain_data(loaded.document)
    assert [plain.get("swaps"), plain.get("releases"), plain["members"][0].get("away")].count(
        []
    ) == 1


def test_plain_data_converts_every_value_of_a_large_file_the_loader_admitted() -> None:
    # 5,820 members: more than 10,000 values, as many as fit under the size limit.
    ids = "".join(f"- id: m{number:x}\n" for number in range(5_820))
    raw = f"schedule:\n  first_release: 2026-01-13\nmembers:\n{ids}".encode()
    loaded = parse(raw)
    plain = plain_data(loaded.document)
    assert [member["id"] for member in plain["members"]] == [m.id for m in loaded.model.members]
    assert plain["members"][-1] == {"id": "m16bb"}


def test_aliases_of_a_long_text_share_one_copy_of_it() -> None:
    # 8,000 aliases of a 30 KB text made 236 MiB of copies, one per alias.
    text = "x" * 30_000
    skip = f"skip: [&a {text}, *a, *a, '{text}']"
    raw = f"schedule: {{first_release: 2026-01-13, {skip}}}\nmembers:\n  - {{id: bob}}\n"
    for document in (parse(raw.encode()).document, read_document(raw, "rotation.yaml")[0]):
        skip = plain_data(document)["schedule"]["skip"]
        assert type(skip[0]) is str
        assert skip[0] is skip[1] is skip[2]
        assert skip[3] == text


def test_plain_data_with_a_budget_stops_at_it() -> None:
    raw = f"{SCHEDULE}members:\n" + "".join(f"  - {{id: m{n}}}\n" for n in range(6_000))
    loaded = parse(raw.encode())
    assert plain_data(loaded.document, budget=10_000)["members"][-1] is None


# --- The two readers: values read through the C scanner are the round-trip parser's ----------

DOCUMENTS = sorted(
    {
        *ROOT.glob("*.yaml"),
        *(ROOT / "docs").rglob("*.yaml"),
        *(ROOT / "tests" / "data").rglob("*.yaml"),
    }
)
EDGE_CASES = [
    "%YAML 1.1\n---\nschedule: {first_release: 2026-01-13}\nmembers: [{id: bob, core: yes}]\n",
    "0\nnull\n...\n...\n",  # libyaml reads past a second document end; ruamel refuses it
    "a: 1\r%TAG ! tag:x,2026:\n",
    "- " * 20_000 + "x\n",
    "".join("  " * depth + "a:\n" for depth in range(200)),
    "[a]: 1\n",
    "{a: 1}: 2\n",
    "a: 1\na: 2\n",
    "a: &x {b: 1}\nc:\n  <<: *x\n  d: 2\n",
    "a: &x {b: 1, <<: *x}\n",
    "a: !!str 3\nb: !!int '4'\nc: !custom x\nd: !!omap [{e: 1}]\n",
    "a: 2026-13-01\nb: 2026-01-13 10:00:00\nc: 0o17\nd: 0x1f\ne: .nan\nf: 1_000\n",
    "a: \"\\x07\"\nb: 'it''s'\nc: |\n  two\n  lines\n",
    "a: [1, 2\n",
    "a:\tb\n",
    "a: b\u2028c: d\x85e: f\n",
    "---\na: 1\n---\nb: 2\n",
    "",
    "# only a comment\n",
    "a: ~\nb:\nc: null\n",
    # Found by the text properties below: libyaml is laxer about block scalar headers and
    # anchor names, reads `!` on its own differently, and stops at other syntax errors first.
    "|#\n",
    '&a?"',
    "!",
    "[{?\u00e91}:b`",
    # Brackets in a plain scalar count as nesting for the depth check, which runs first.
    "schedule: {first_release: 2026-01-13}\nmembers: [{id: bob, name: Bob " + "[" * 70 + "}]\n",
    "[" * 65 + "]" * 65 + "\n",
]
# YAML's indicators and the pieces of a rotation file, for texts both scanners must read alike.
YAML_CHARACTERS = " -:#[]{},&*!|>'\"?%@`\n\r\t\\ab1.e~<=\u00e9"
YAML_PIECES = [
    *["2026-01-13", "2026-01-13T10:00:00Z", "---", "...", "\r\n", "\r", "\n", "- ", ": "],
    *["'", '"', "#", " #", "0x1", "0o7", "1e3", ".inf", ".NaN", "null", "~", "true", "yes"],
    *["\\u00e9", "\\x41", "[", "]", "{", "}", ",", "?", "%", "  ", "    ", "\u00e9", "\U0001f600"],
    *["id", "bob", "1_0", "+1", "<<", "12:30", "\u00a0", "\u3000", "&a ", "*a", "!!str "],
    # Tags whose constructors relrot refuses or whose values can fail them.
    *["!!int ", "!!bool ", "!!float ", "!!omap ", "!!set ", "+_", "0x_", "maybe"],
]


def _read(text: str, reader: Callable[[str], Any]) -> Any:
    """What the loader gets from `reader`: values, positions and problems, or the refusal."""
    try:
        document = reader(text)
    except RelrotError as exc:
        return ("refused", exc.problems)
    source_map = SourceMap()
    problems: list[Problem] = []
    plainer = Plainer(source_map, problems, budget=node_budget(text))
    # repr: NaN is not equal to itself, and an int must not pass for a bool.
    plain = repr(plainer.convert(document, ()))
    return (plain, source_map, problems, plainer.tagged)


def assert_readers_agree(text: str) -> None:
    fast = _read(text, lambda text: read_document(text, "rotation.yaml")[0])
    assert fast == _read(text, lambda text: parse_document(text, "rotation.yaml"))


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_document_of_the_project_reads_the_same_through_the_c_scanner(path: Path) -> None:
    text, problem = decode(path.read_bytes(), path.name)
    assert problem is None
    assert_readers_agree(text)


@pytest.mark.parametrize("text", EDGE_CASES)
def test_what_the_c_scanner_cannot_settle_reads_as_the_round_trip_parser_does(text: str) -> None:
    assert_readers_agree(text)


# RELROT_READER_EXAMPLES=3000 for a longer run (3,000 agreed when this was written).
@settings(
    max_examples=int(os.environ.get("RELROT_READER_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@given(raw=mutated_files())
def test_mutated_files_read_the_same_through_either_scanner(raw: bytes) -> None:
    text, problem = decode(raw, "rotation.yaml")
    assume(problem is None)
    assert_readers_agree(text)


@settings(max_examples=500, deadline=None)
@given(
    text=st.text(alphabet=YAML_CHARACTERS, max_size=30)
    | st.lists(st.sampled_from(YAML_PIECES), max_size=20).map("".join)
)
def test_any_text_reads_the_same_through_either_scanner(text: str) -> None:
    assert_readers_agree(text)


def test_a_valid_file_is_read_through_the_c_scanner_and_its_edits_from_the_round_trip_one() -> None:
    """On CPython the C scanner is a dependency: this fails if it is missing, not skips."""
    text = (ROOT / "rotation.yaml").read_text(encoding="utf-8")
    assert read_document(text, "rotation.yaml")[1] is False
    loaded = load(ROOT / "rotation.yaml")
    assert loaded.read is None
    # Comments live only in the round-trip document, parsed when an edit asks for it.
    assert "#" in text
    assert loaded.document.ca.comment is not None or any(loaded.document.ca.items.values())
    assert loaded.read is loaded.document


def test_a_directive_sends_the_file_to_the_round_trip_parser() -> None:
    text = "%YAML 1.1\n---\na: yes\n"
    document, round_trip = read_document(text, "rotation.yaml")
    assert round_trip is True
    assert document == {"a": True}  # YAML 1.1 reads `yes` as true; 1.2 as text


# --- every tag and every constructor failure is a located problem ------------------------------

READ_AS = "; correct it, or quote it without a tag to keep it as text"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            "  every_months: !!bool maybe\n",
            (3, 17, f"this value cannot be read as !!bool{READ_AS}"),
        ),
        ("  every_months: !!int 0x\n", (3, 17, f"this value cannot be read as !!int{READ_AS}")),
        ("  every_months: !!int\n", (3, 17, f"this value cannot be read as !!int{READ_AS}")),
        ('  every_months: !!float ""\n', (3, 17, f"this value cannot be read as !!float{READ_AS}")),
        ("  every_months: !!float .\n", (3, 17, f"this value cannot be read as !!float{READ_AS}")),
        ("  every_months: +_\n", (3, 17, f"this value cannot be read as !!int{READ_AS}")),
        ("  every_months: 0x_\n", (3, 17, f"this value cannot be read as !!int{READ_AS}")),
        (
            "  every_months: " + "7" * 5000 + "\n",
            (3, 17, f"this value cannot be read as !!int{READ_AS}"),
        ),
    ],
    ids=[
        "bool-maybe",
        "int-0x",
        "int-empty",
        "float-empty",
        "float-dot",
        "plain-+_",
        "plain-0x_",
        "int-5000-digits",
    ],
)
@pytest.mark.parametrize("reader", ["fast", "round-trip"])
def test_a_value_its_type_cannot_read_is_a_located_syntax_problem(
    lines: str, expected: tuple[int, int, str], reader: str
) -> None:
    raw = ("schedule:\n  first_release: 2026-01-13\n" + lines + "members: [{id: bob}]\n").encode()
    with pytest.raises(RelrotError) as caught:
        parse(raw, "rotation.yaml", round_trip=reader == "round-trip")
    assert summary(caught.value.problems) == [("yaml-syntax", "error", *expected)]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("  x: !!omap [{a: 1}, {a: 2}]\n", [(3, 6, "!!omap")]),
        ("  x: !!set x\n", [(3, 6, "!!set")]),
        ("  first_release: !!omap\n", [(2, 18, "!!omap")]),
        ("  first_release: !!set {2026-01-13: null}\n", [(2, 18, "!!set")]),
        ("  first_release: !!pairs [[a, b]]\n", [(2, 18, "!!pairs")]),
        ("  first_release: !!binary aGk=\n", [(2, 18, "!!binary")]),
        ("  first_release: !!omap {a: 1}\n", [(2, 18, "!!omap")]),
    ],
    ids=[
        "omap-repeating-a-key",
        "set-of-text",
        "omap-empty",
        "set",
        "pairs",
        "binary",
        "omap-of-a-map",
    ],
)
@pytest.mark.parametrize("reader", ["fast", "round-trip"])
def test_a_tag_relrot_does_not_build_is_refused_where_it_stands(
    lines: str, expected: list[tuple[int, int, str]], reader: str
) -> None:
    first = "" if "first_release" in lines else "  first_release: 2026-01-13\n"
    raw = ("schedule:\n" + first + lines + "members: [{id: bob}]\n").encode()
    with pytest.raises(RelrotError) as caught:
        parse(raw, "rotation.yaml", round_trip=reader == "round-trip")
    tagged = [p for p in caught.value.problems if "YAML tag" in p.message]
    assert summary(tagged) == [
        ("schema", "error", line, column, f"YAML tag {tag} is not allowed here; remove it")
        for line, column, tag in expected
    ]


def test_a_time_zone_of_many_parts_is_refused_before_zoneinfo_reads_it() -> None:
    zone = "A/" * 250 + "B"
    raw = f"schedule:\n  first_release: 2026-01-13\n  timezone: {zone}\nmembers: [{{id: bob}}]\n"
    assert summary(problems_in_bytes(raw.encode())) == [
        (
            "schema",
            "error",
            3,
            13,
            "`schedule.timezone`: not a time zone name; use an IANA name such as "
            "America/Chicago or UTC",
        )
    ]


@pytest.mark.parametrize("zone", ["UTC", "Etc/GMT+5", "America/Argentina/Buenos_Aires"])
def test_real_time_zone_names_still_load(zone: str) -> None:
    raw = f"schedule:\n  first_release: 2026-01-13\n  timezone: {zone}\nmembers: [{{id: bob}}]\n"
    assert parse(raw.encode()).model.schedule.timezone == zone


TAGS = [
    *["!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!!seq", "!!map"],
    *["!!binary", "!!omap", "!!pairs", "!!set", "!!merge", "!!value", "!!python/tuple"],
    *["!local", "!"],
]
VALUES = [
    "",
    "''",
    '""',
    "maybe",
    "0x",
    "0x_",
    "+_",
    "-",
    ".",
    "1e",
    "7" * 4400,
    "2026-13-45",
    "~",
    "[]",
    "[a, a]",
    "[{a: 1}, {a: 2}]",
    "{}",
    "{a: 1}",
    "[[a]]",
    "{a: [1]}",
    "[{? [1]: 2}]",
    "&x [*x]",
    "aGk=",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    tag=st.sampled_from(TAGS),
    value=st.sampled_from(VALUES),
    where=st.sampled_from(["every_months", "first_release", "members"]),
)
def test_every_tag_on_every_value_is_read_or_a_located_problem(
    tag: str, value: str, where: str
) -> None:
    entry = f"{tag} {value}"
    lines = {
        "every_months": f"schedule:\n  first_release: 2026-01-13\n  every_months: {entry}\n"
        "members: [{id: bob}]\n",
        "first_release": f"schedule:\n  first_release: {entry}\nmembers: [{{id: bob}}]\n",
        "members": f"schedule:\n  first_release: 2026-01-13\nmembers: {entry}\n",
    }[where]
    for round_trip in (False, True):
        try:
            parse(lines.encode(), "rotation.yaml", round_trip=round_trip)
        except RelrotError as exc:
            refused = exc
        else:
            continue
        assert refused.exit_code == 1
        assert all(p.line is not None and p.column is not None for p in refused.problems)
        assert {p.rule for p in refused.problems} <= {"yaml-syntax", "schema", "duplicate-key"}
