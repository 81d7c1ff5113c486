"""The rich table `stats` prints, one project's or a team's (render/stats.py)."""

from __future__ import annotations

import io

from rich.console import Console

from relrot.render.stats import fairness_table


def _shown(renderable: object) -> str:
    out = io.StringIO()
    Console(file=out, width=60, color_system=None, legacy_windows=False).print(renderable)
    return out.getvalue()


def test_one_builder_writes_each_member_as_the_row_function_says() -> None:
    table = fairness_table(
        "[bold]Fair?",
        [("Member", False), ("Seats", True)],
        [("ana", 3), ("bo\x1b", 12)],
        lambda load: [load[0], str(load[1])],
        ["Spread: 9.", "[red]done"],
    )
    assert _shown(table) == (
        "   [bold]Fair?    \n"
        "┏━━━━━━━━┳━━━━━━━┓\n"
        "┃ Member ┃ Seats ┃\n"
        "┡━━━━━━━━╇━━━━━━━┩\n"
        "│ ana    │     3 │\n"
        "│ bo\\x1b │    12 │\n"
        "└────────┴───────┘\n"
        "Spread: 9.\n"
        "[red]done\n"
    )
