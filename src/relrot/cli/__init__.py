"""The command line: thin adapters from arguments to `relrot.project`. The only place that exits.

`app` is the Typer application; `main` is the console entry point. The commands live in
`show` (plan, who, issue, diff, schema), `check` (validate), `ci` (the GitHub Actions check),
`write` (swap, away, pin, init), `site` (site), `stats` (stats) and `adopt` (import,
shipped); they are registered here, in the order `relrot --help` lists them.
"""

from __future__ import annotations

from relrot.cli.adopt import import_issues, shipped
from relrot.cli.app import EXIT_INTERNAL, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, app, main
from relrot.cli.check import validate
from relrot.cli.ci import ci
from relrot.cli.show import diff, issue, plan, schema, who
from relrot.cli.site import site
from relrot.cli.stats import stats
from relrot.cli.write import away, init, pin, swap

for command in (plan, validate, diff, schema, swap, away, who, init, pin, issue, stats, site, ci):
    app.command()(command)
app.command(name="import")(import_issues)
app.command()(shipped)

__all__ = ["EXIT_INTERNAL", "EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "app", "main"]
