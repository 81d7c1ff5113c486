"""Typer's internal `get_command_from_info` still builds one command as `get_command` would.
If this fails, Typer changed under the shim: check the new release before raising its
bound in pyproject.toml."""

from __future__ import annotations

from typing import Annotated

import pytest
import typer
from typer.core import TyperCommand

from relrot._compat.typer_command import build_command


def greet(name: Annotated[str, typer.Argument()], loud: bool = False) -> None:
    """Say hello."""
    typer.echo(name.upper() if loud else name)


def test_it_builds_the_command_typer_builds() -> None:
    built = build_command("greet", greet, pretty_exceptions_short=True, rich_markup_mode=None)
    app = typer.Typer(add_completion=False)
    app.command()(greet)
    theirs = typer.main.get_command(app)
    assert isinstance(built, TyperCommand)
    assert built.name == "greet"
    assert [p.name for p in built.params] == [p.name for p in theirs.params]
    assert built.help == theirs.help


def test_the_command_runs(capsys: pytest.CaptureFixture[str]) -> None:
    built = build_command("greet", greet, pretty_exceptions_short=True, rich_markup_mode=None)
    built.main(["bob", "--loud"], standalone_mode=False)
    assert capsys.readouterr().out == "BOB\n"
