"""The YAML document: syntax errors where the parser stopped, and YAML features that must not
reach the model (tags, merges) either refused where they stand or followed to their source."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from relrot.loader import load
from tests.conftest import Summary, problems_in, problems_in_bytes, summary


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
