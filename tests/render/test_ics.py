"""Calendar folding that no CI log reads as a workflow command."""

from __future__ import annotations

from relrot.render.ics import unforgeable_folds


def test_a_fold_before_a_workflow_command_moves_back() -> None:
    folded = "BEGIN:VEVENT\r\nSUMMARY:ab\r\n ::error::x\r\n  ##[group]\r\nEND:VEVENT\r\n"
    assert unforgeable_folds(folded) == (
        "BEGIN:VEVENT\r\nSUMMARY:a\r\n b::error::\r\n x ##[group]\r\nEND:VEVENT\r\n"
    )


def test_other_folds_are_left_where_the_library_put_them() -> None:
    folded = "SUMMARY:ab\r\n cd\r\n"
    assert unforgeable_folds(folded) == folded
