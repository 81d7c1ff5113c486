"""Issue 25: the command line reads from its tree. Each command lives in a module named for
it, beside app, boundary, guard, crash and a few shared modules, and every function is short
enough to read at a glance."""

from __future__ import annotations

import ast
import keyword
from pathlib import Path

from relrot.cli.app import COMMANDS

CLI = Path(__file__).resolve().parents[2] / "src" / "relrot" / "cli"
LONGEST = 25


def _lengths(source: str) -> dict[str, int]:
    """Each function's lines, from its first decorator (or its `def`) to its last line."""
    found = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            assert node.end_lineno is not None
            found[f"{node.name}:{node.lineno}"] = node.end_lineno - first + 1
    return found


def test_no_function_in_the_cli_is_longer_than_25_lines() -> None:
    too_long = {
        f"{path.name}:{name}": size
        for path in sorted(CLI.glob("*.py"))
        for name, size in _lengths(path.read_text(encoding="utf-8")).items()
        if size > LONGEST
    }
    assert too_long == {}


def test_the_length_counts_decorators_and_the_signature() -> None:
    source = "@a\n@b(\n    1,\n)\ndef f(\n    x: int,\n) -> None:\n    pass\n"
    assert _lengths(source) == {"f:5": 8}


def test_every_command_lives_in_a_module_named_for_it() -> None:
    def module_for(name: str) -> str:
        # A keyword cannot name a module; it takes a trailing underscore (PEP 8).
        return f"{name}_" if keyword.iskeyword(name) else name

    misplaced = {
        name: module for name, (module, _) in COMMANDS.items() if module != module_for(name)
    }
    assert misplaced == {}
    assert all((CLI / f"{module}.py").is_file() for module, _ in COMMANDS.values())


def test_the_cli_holds_command_modules_and_named_shared_ones_only() -> None:
    shared = {"__init__", "app", "boundary", "guard", "crash", "options", "change", "checking"}
    commands = {module for module, _ in COMMANDS.values()}
    assert {path.stem for path in CLI.glob("*.py")} - commands == shared


def test_a_command_module_defines_its_command_and_no_other() -> None:
    for name, (module, function) in COMMANDS.items():
        tree = ast.parse((CLI / f"{module}.py").read_text(encoding="utf-8"))
        public = [
            node.name
            for node in tree.body
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
        ]
        others = [f for m, f in COMMANDS.values() if m != module]
        assert function in public, name
        assert not set(public) & set(others), name
