"""The command line: thin adapters from arguments to `relrot.project`. The only place that exits
(with `relrot.console`, the script that runs it).

`app` is the Typer application and `main` runs it (the `relrot` script,
`relrot.console.run`, runs `main` and ends the process); `boundary` is the one
place errors become messages and exit codes, `guard` keeps control characters off the
terminal and `crash` writes the crash log. Each command lives in a module named for it
(`import_` for `import`, a keyword), listed in `app.COMMANDS` in the order `relrot --help`
shows them and imported only when its command runs. What commands share has a module of
its own: `options` (the options several take), `change` (showing and writing a `Change`)
and `checking` (a file's problems, for `validate` and `ci`).
"""

from __future__ import annotations

from relrot.cli.app import EXIT_INTERNAL, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, app, main

__all__ = ["EXIT_INTERNAL", "EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "app", "main"]
