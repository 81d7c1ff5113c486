"""Building one Typer command on its own, through Typer's internal `get_command_from_info`.

Typer builds every command of an app when the app is called; relrot builds each on first
look-up (see `relrot.cli.app`), which needs the function Typer uses inside
`get_command` and the `CommandInfo` record it takes. Neither is documented API.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def build_command(
    name: str, callback: Callable[..., Any], *, pretty_exceptions_short: bool, rich_markup_mode: Any
) -> Any:
    """The click command Typer would build for `callback` registered as `name`."""
    from typer.main import get_command_from_info
    from typer.models import CommandInfo

    return get_command_from_info(
        CommandInfo(name=name, callback=callback),
        pretty_exceptions_short=pretty_exceptions_short,
        rich_markup_mode=rich_markup_mode,
    )
