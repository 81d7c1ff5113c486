"""relrot.patterns: regular expressions compiled when first used."""

from __future__ import annotations

import re

from relrot.patterns import pattern


def test_a_pattern_is_compiled_once_and_then_reused() -> None:
    text = r"[0-9]{4}-only-in-this-test"
    first = pattern(text)
    assert first.fullmatch("2026-only-in-this-test")
    assert pattern(text) is first
    assert first.pattern == text
    assert isinstance(first, re.Pattern)
