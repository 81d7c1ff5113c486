"""Options and arguments several commands share, each declared once as an `Annotated` alias.

A command's signature then takes a line an option, and the same option reads the same in
every command's help.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

FileOption = Annotated[
    Path | None,
    # Not `readable`: click's own check would answer before relrot's reader could say why.
    typer.Option(
        "--file",
        "-f",
        readable=False,
        help="The rotation file (also accepted before the command).",
    ),
]
ProjectOption = Annotated[
    str | None,
    typer.Option(
        "--project",
        help="One project of a file with `projects:` (also accepted before the command).",
    ),
]
# Where the application keeps a `--project` given before the command.
PROJECT_KEY = "relrot.project"
TodayOption = Annotated[
    str | None, typer.Option("--today", help="Use this date as today (YYYY-MM-DD).")
]
HorizonOption = Annotated[
    int, typer.Option("--horizon", min=1, help="How many releases from today to look at.")
]
StrictOption = Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")]
CheckHorizonOption = Annotated[
    int,
    typer.Option(
        "--horizon",
        min=0,
        help="How many releases from today to check (0: only the file and its pinned releases).",
    ),
]
ConsentDaysOption = Annotated[
    int,
    typer.Option(
        "--consent-days",
        min=0,
        help="Only moves in releases on duty within this many days of today need consent.",
    ),
]
SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="BASE",
        help="The file the team last heard about: a path, or git:REV for the rotation file "
        "at a git revision.",
    ),
]
CountOption = Annotated[int, typer.Option("--count", "-n", min=1, help="How many releases.")]
ReleaseArgument = Annotated[str, typer.Argument(help="The release: version, number or date.")]

# The options of the commands that change the file.
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Print the change as a diff; write nothing.")
]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Write without asking.")]
ReasonOption = Annotated[str | None, typer.Option("--reason", help="Why; recorded in the file.")]
RefuseWarningsOption = Annotated[
    bool, typer.Option("--strict", help="Refuse a change that adds a warning, too.")
]
