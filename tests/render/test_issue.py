"""Values a team's issue template places where a Markdown block may open."""

from __future__ import annotations

import pytest

from relrot.render.issue import in_context


@pytest.mark.parametrize("before", ["", "  ", "> ", "> > ", "- ", "> - ", "1. ", "> 2) "])
def test_a_value_after_quote_or_list_markers_cannot_open_a_block(before: str) -> None:
    # A quoted `> {{project}}` line once let a name open with `=`, `-` or `+` and start a
    # heading underline or a nested list inside the quote.
    for value, shown in [("=cmd", "\\=cmd"), ("- [x] forged", "\\- \\[x\\] forged")]:
        assert in_context(value, before) == shown


@pytest.mark.parametrize("before", ["Release ", "| Pilot | ", ">x ", "-x "])
def test_a_value_inside_a_line_is_left_as_a_word(before: str) -> None:
    assert in_context("=cmd", before) == "=cmd"
