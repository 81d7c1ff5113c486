"""The loader: every problem of a file, with its rule, exact position and exact message."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from relrot.loader import Loaded, load, parse
from relrot.problems import Problem, RelrotError, UsageError
from tests.conftest import ROOT

Summary = tuple[str, str, int | None, int | None, str]


def summary(problems: list[Problem]) -> list[Summary]:
    return [(p.rule, p.severity.value, p.line, p.column, p.message) for p in problems]


def problems_in(path: Path) -> list[Problem]:
    with pytest.raises(RelrotError) as caught:
        load(path)
    return caught.value.problems


def problems_in_bytes(raw: bytes) -> list[Problem]:
    with pytest.raises(RelrotError) as caught:
        parse(raw, "rotation.yaml")
    return caught.value.problems


# --- unknown keys ------------------------------------------------------------------------------


def test_unknown_key_points_at_the_key_and_suggests_the_closest_name(
    rotation_file: Callable[[str], Path],
) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
          evry_months: 2
        members:
          - {id: bob}
        """
    )
    problems = problems_in(path)
    assert summary(problems) == [
        ("schema", "error", 3, 3, "unknown key `evry_months`; did you mean `every_months`?"),
    ]
    assert problems[0].file == str(path)
    assert (problems[0].release, problems[0].member) == (None, None)


def test_unknown_key_in_a_member_suggests_a_member_field(
    rotation_file: Callable[[str], Path],
) -> None:
    path = rotation_file(
        """\
        schedule: {first_release: 2026-01-13}
        members:
          - id: bob
            nmae: Bob Ross
        """
    )
    assert summary(problems_in(path)) == [
        ("schema", "error", 4, 5, "unknown key `nmae`; did you mean `name`?"),
    ]


def test_unknown_key_with_no_close_match_lists_the_valid_keys(
    rotation_file: Callable[[str], Path],
) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
          zzz: 1
        members:
          - {id: bob}
        """
    )
    assert summary(problems_in(path)) == [
        (
            "schema",
            "error",
            3,
            3,
            "unknown key `zzz`; valid keys: first_release, every_months, rrule, version, "
            "timezone, skip, blocked_weekdays, blackout, holidays, shift, milestones",
        ),
    ]


# --- wrong types -------------------------------------------------------------------------------


def test_wrong_type_points_at_the_value(rotation_file: Callable[[str], Path]) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
          every_months: two
        members:
          - id: bob
            core: yes please
        """
    )
    assert summary(problems_in(path)) == [
        ("schema", "error", 3, 17, "`schedule.every_months` must be a whole number, not 'two'"),
        ("schema", "error", 6, 11, "`members[0].core` must be true or false, not 'yes please'"),
    ]


def test_a_mapping_where_a_list_belongs_points_at_the_mapping(
    rotation_file: Callable[[str], Path],
) -> None:
    path = rotation_file(
        """\
        schedule: {first_release: 2026-01-13}
        members: {id: bob}
        """
    )
    assert summary(problems_in(path)) == [
        ("schema", "error", 2, 10, "`members` must be a list, not a mapping"),
    ]


def test_a_misspelt_choice_suggests_the_right_one(rotation_file: Callable[[str], Path]) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
          shift: erlier
        members:
          - {id: bob}
        """
    )
    assert summary(problems_in(path)) == [
        (
            "schema",
            "error",
            3,
            10,
            "`schedule.shift` must be one of earlier, later, not 'erlier'; did you mean `earlier`?",
        ),
    ]


# --- dates -------------------------------------------------------------------------------------


def test_bad_dates_quoted_and_unquoted_point_at_the_value(
    rotation_file: Callable[[str], Path],
) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-13-01
        members:
          - id: bob
            joined: '2026-02-30'
        """
    )
    assert summary(problems_in(path)) == [
        (
            "schema",
            "error",
            2,
            18,
            "`schedule.first_release`: '2026-13-01' is not a calendar date; write YYYY-MM-DD",
        ),
        (
            "schema",
            "error",
            5,
            13,
            "`members[0].joined`: '2026-02-30' is not a calendar date; write YYYY-MM-DD",
        ),
    ]


def test_quoted_and_unquoted_dates_load_to_the_same_model(
    rotation_file: Callable[..., Path],
) -> None:
    plain = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
        members:
          - id: bob
            joined: 2026-02-01
            away:
              - {from: 2026-07-01, to: 2026-07-31, reason: leave}
        """,
        "plain.yaml",
    )
    quoted = rotation_file(
        """\
        schedule:
          first_release: '2026-01-13'
        members:
          - id: bob
            joined: "2026-02-01"
            away:
              - {from: '2026-07-01', to: "2026-07-31", reason: leave}
        """,
        "quoted.yaml",
    )
    assert load(plain).model == load(quoted).model
    member = load(quoted).model.members[0]
    assert str(member.joined) == "2026-02-01"
    assert [(str(r.start), str(r.end)) for r in member.away] == [("2026-07-01", "2026-07-31")]


# --- missing keys ------------------------------------------------------------------------------


def test_missing_top_level_key_points_at_the_document(
    rotation_file: Callable[[str], Path],
) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
        """
    )
    assert summary(problems_in(path)) == [
        ("schema", "error", 1, 1, "missing required key `members`"),
    ]


def test_missing_nested_key_points_at_its_parent_key(rotation_file: Callable[[str], Path]) -> None:
    path = rotation_file(
        """\
        # the release calendar comes first
        schedule:
          every_months: 2
        members:
          - name: Bob Ross
        """
    )
    assert summary(problems_in(path)) == [
        ("schema", "error", 2, 1, "missing required key `first_release` in `schedule`"),
        ("schema", "error", 5, 5, "missing required key `id` in `members[0]`"),
    ]


FLOW_RANGE = """\
schedule:
  first_release: 2026-01-13
members:
  - id: bob
    away:
      - {from: 2026-07-01, reason: leave}
"""
BLOCK_RANGE = """\
schedule:
  first_release: 2026-01-13
members:
  - id: bob
    away:
      - from: 2026-07-01
        reason: leave
"""


@pytest.mark.parametrize("text", [FLOW_RANGE, BLOCK_RANGE], ids=["flow", "block"])
def test_missing_end_of_an_away_range_points_at_the_range(
    rotation_file: Callable[[str], Path], text: str
) -> None:
    # The range has no key of its own: line 6, column 9 is where its mapping starts.
    assert summary(problems_in(rotation_file(text))) == [
        ("schema", "error", 6, 9, "missing required key `to` in `members[0].away[0]`"),
    ]


# --- YAML-level problems -----------------------------------------------------------------------


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


def test_duplicate_member_points_at_the_second_id(rotation_file: Callable[[str], Path]) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
        members:
          - id: bob
          - id: jane
          - id: bob
        """
    )
    problems = problems_in(path)
    assert summary(problems) == [
        (
            "duplicate-member",
            "error",
            6,
            9,
            "member id `bob` is already used by members[0]; ids must be unique",
        ),
    ]
    assert problems[0].member == "bob"


# --- files that are not a rotation at all ------------------------------------------------------


@pytest.mark.parametrize("raw", [b"", b"\n\n", b"  \n# nothing but a comment\n"])
def test_empty_file(raw: bytes) -> None:
    assert summary(problems_in_bytes(raw)) == [
        (
            "schema",
            "error",
            1,
            1,
            "the file is empty; it needs at least `schedule:` and `members:` "
            "(`relrot init` writes a starter file)",
        ),
    ]


@pytest.mark.parametrize(
    ("raw", "what"),
    [
        (b"- schedule\n- members\n", "a list"),
        (b"just text\n", "the text 'just text'"),
        (b"42\n", "the value 42"),
    ],
    ids=["list", "text", "number"],
)
def test_a_document_that_is_not_a_mapping(raw: bytes, what: str) -> None:
    assert summary(problems_in_bytes(raw)) == [
        (
            "schema",
            "error",
            1,
            1,
            f"the file must be a mapping with `schedule:` and `members:`, not {what}",
        ),
    ]


def test_non_utf8_bytes_point_at_the_first_bad_byte() -> None:
    raw = b"schedule:\n  first_release: 2026-01-13\nmembers:\n  - id: b\xffb\n"
    problems = problems_in_bytes(raw)
    assert summary(problems) == [
        ("yaml-syntax", "error", 4, 10, "byte 0xff is not UTF-8 text; save the file as UTF-8"),
    ]
    assert problems[0].file == "rotation.yaml"


def test_non_utf8_column_counts_characters_not_bytes() -> None:
    # `ë` is two bytes but one column, like every other column the loader reports.
    raw = "schedule: {first_release: 2026-01-13}\nmembers:\n  - {id: zoe, name: Zoë ".encode()
    raw += b"\xff}\n"
    assert summary(problems_in_bytes(raw)) == [
        ("yaml-syntax", "error", 3, 25, "byte 0xff is not UTF-8 text; save the file as UTF-8"),
    ]


def test_non_utf8_after_a_byte_order_mark_names_the_bad_byte() -> None:
    # The mark is invisible in an editor: the bad byte is the 11th character of line 1.
    raw = b"\xef\xbb\xbfschedule: \xff\n"
    assert summary(problems_in_bytes(raw)) == [
        ("yaml-syntax", "error", 1, 11, "byte 0xff is not UTF-8 text; save the file as UTF-8"),
    ]


def test_a_byte_order_mark_is_accepted() -> None:
    raw = b"\xef\xbb\xbfschedule: {first_release: 2026-01-13}\nmembers:\n  - {id: bob}\n"
    assert [m.id for m in parse(raw, "rotation.yaml").model.members] == ["bob"]


def test_control_character_points_at_its_line_and_column() -> None:
    # Valid UTF-8 that YAML refuses: the NUL is the 11th character of line 6, not at 1:1.
    raw = b"schedule: {first_release: 2026-01-13}\nmembers:\n  - {id: bob}\n\n\n  - {id: b\x00ob}\n"
    assert summary(problems_in_bytes(raw)) == [
        (
            "yaml-syntax",
            "error",
            6,
            11,
            "character U+0000 is not allowed in YAML text; is this a binary file?",
        ),
    ]


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


def test_a_custom_tag_is_reported_with_the_other_problems_of_the_file(
    rotation_file: Callable[[str], Path],
) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
          evry_months: 2
        members:
          - id: bob
            github: !custom bobross
        """
    )
    assert summary(problems_in(path)) == [
        ("schema", "error", 3, 3, "unknown key `evry_months`; did you mean `every_months`?"),
        ("schema", "error", 6, 13, "YAML tag !custom is not allowed here; remove it"),
    ]


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


# --- everything at once ------------------------------------------------------------------------


def test_every_problem_of_a_file_is_reported_at_once_in_file_order(
    rotation_file: Callable[[str], Path],
) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
          every_months: 2
          shift: erlier
          tyop: x
        members:
          - id: bob
            core: maybe
          - id: bob
            joined: 2026-02-30
            away:
              - {from: 2026-07-01}
          - {nmae: x}
        """
    )
    problems = problems_in(path)
    assert summary(problems) == [
        (
            "schema",
            "error",
            4,
            10,
            "`schedule.shift` must be one of earlier, later, not 'erlier'; did you mean `earlier`?",
        ),
        (
            "schema",
            "error",
            5,
            3,
            "unknown key `tyop`; valid keys: first_release, every_months, rrule, version, "
            "timezone, skip, blocked_weekdays, blackout, holidays, shift, milestones",
        ),
        ("schema", "error", 8, 11, "`members[0].core` must be true or false, not 'maybe'"),
        (
            "duplicate-member",
            "error",
            9,
            9,
            "member id `bob` is already used by members[0]; ids must be unique",
        ),
        (
            "schema",
            "error",
            10,
            13,
            "`members[1].joined`: '2026-02-30' is not a calendar date; write YYYY-MM-DD",
        ),
        ("schema", "error", 12, 9, "missing required key `to` in `members[1].away[0]`"),
        ("schema", "error", 13, 5, "missing required key `id` in `members[2]`"),
        ("schema", "error", 13, 6, "unknown key `nmae`; did you mean `name`?"),
    ]
    assert {p.file for p in problems} == {str(path)}


# --- reading files -----------------------------------------------------------------------------


def test_the_repository_rotation_file_loads_without_problems() -> None:
    loaded = load(ROOT / "rotation.yaml")
    assert isinstance(loaded, Loaded)
    assert [m.id for m in loaded.model.members] == [
        "amara",
        "bruno",
        "chen",
        "dana",
        "eli",
        "farah",
        "gus",
    ]


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(UsageError) as caught:
        load(path)
    assert caught.value.exit_code == 2
    assert [(p.rule, p.file, p.message) for p in caught.value.problems] == [
        ("usage", str(path), f"{path}: no such file; create one with `relrot init`"),
    ]


def test_a_directory_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        load(tmp_path)
    assert caught.value.exit_code == 2
    assert [(p.rule, p.file, p.message) for p in caught.value.problems] == [
        ("usage", str(tmp_path), f"{tmp_path}: is a directory, not a rotation file"),
    ]
