"""Which texts the C scanner's reader leaves to the round-trip parser.

That both readers then agree on every value, position and message is held in
test_document.py; here, that the plain searches of `unsettled` find exactly what the rule
says: a directive or a document end at the start of a line, or one of the characters the
two scanners read differently.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from relrot.yamlfile.c_reader import unsettled

CHARACTERS = "!&*|>\t\x85\u2028\u2029\ufeff\ufffe\uffff"
# The rule as a regular expression, the form it is easiest to read in.
RULE = re.compile(f"(?:^|[\r\n])(?:%|\\.\\.\\.)|[{CHARACTERS}]")
# Texts of line breaks, the markers and their pieces, and other characters; now and then one
# of the rule's characters.
PIECES = ["\r", "\n", "%", "...", ".", "a", " ", ":", "-", "#", "é", "\u3000"]
TEXTS = st.lists(
    st.sampled_from(PIECES) | st.sampled_from(CHARACTERS),
    max_size=10,
).map("".join)


@given(text=TEXTS)
def test_unsettled_is_the_rule(text: str) -> None:
    assert unsettled(text) == bool(RULE.search(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("schedule:\n  first_release: 2026-01-12\n", False),
        ("%YAML 1.1\n---\na: 1\n", True),
        ("a: 1\r%TAG x\n", True),
        ("a: 1\r...\n", True),
        ("a: 1\n...\n", True),
        ("...\n", True),
        ("a: 50% off\n", False),  # a directive only at a line's start
        ("a: wait...\n", False),
        ("a: 1\n..b\n", False),
        ("a: &x 1\n", True),
        ("a: b\u2028c: d\n", True),
        ("a: café\n", False),
    ],
)
def test_unsettled_texts(text: str, expected: bool) -> None:
    assert unsettled(text) is expected


@pytest.mark.parametrize("character", CHARACTERS)
def test_each_character_of_the_rule_is_unsettled(character: str) -> None:
    assert unsettled(f"a: b{character}c\n")
