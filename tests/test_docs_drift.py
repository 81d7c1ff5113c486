"""Docs that must follow the code: the file reference and the command reference."""

from __future__ import annotations

import typer.main

from relrot.cli import app
from tests.conftest import ROOT, Golden
from tests.docgen import file_reference

DOCS = ROOT / "docs"


def all_docs() -> str:
    return "\n".join(
        p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
    )


def test_file_reference_matches_the_models(golden: Golden) -> None:
    golden.check(DOCS / "reference.md", file_reference())


def test_every_command_has_its_help_in_the_command_reference() -> None:
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    reference = (DOCS / "commands.md").read_text(encoding="utf-8")
    missing = [name for name in commands if f"$ relrot {name} --help\n" not in reference]
    assert not missing, f"add `$ relrot NAME --help` blocks to docs/commands.md for {missing}"


def test_every_option_is_documented() -> None:
    group = typer.main.get_command(app)
    docs = all_docs()
    missing = [
        f"{command} {option}"
        for command, cli in group.commands.items()  # type: ignore[attr-defined]
        for param in cli.params
        for option in getattr(param, "opts", [])
        if option.startswith("--") and option not in docs
    ]
    missing += [o for p in group.params for o in p.opts if o.startswith("--") and o not in docs]
    assert not missing, f"undocumented options: {missing}"


def test_every_field_of_the_file_is_in_the_reference() -> None:
    reference = (DOCS / "reference.md").read_text(encoding="utf-8")
    from tests.docgen import _models

    missing = [
        f"{model.__name__}.{field.alias or name}"
        for model in _models()
        for name, field in model.model_fields.items()
        if f"| `{field.alias or name}` |" not in reference
    ]
    assert not missing
