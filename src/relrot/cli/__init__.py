"""The command line: thin adapters from arguments to `relrot.project`. The only place that exits.

`app` is the Typer application; `main` is the console entry point. The commands live in
`show` (plan, who, issue, diff, schema), `check` (validate), `ci` (the GitHub Actions check),
`write` (swap, away, pin, init), `site` (site), `stats` (stats) and `adopt` (import,
shipped); `app.COMMANDS` lists them in the order `relrot --help` does, and each module is
imported only when its command runs.
"""

from __future__ import annotations

from relrot.cli.app import EXIT_INTERNAL, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, app, main

__all__ = ["EXIT_INTERNAL", "EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "app", "main"]
