"""The catalogue names every rule a problem can have, and code decides by rule and seat."""

from __future__ import annotations

import ast
import re
from typing import get_args

from relrot.problems import RuleName
from relrot.rules.catalogue import REFUSALS, RULES
from tests.conftest import ROOT

SRC = ROOT / "src" / "relrot"
CATALOGUE = SRC / "rules" / "catalogue.py"


def test_the_catalogue_lists_every_rule_name_and_nothing_else() -> None:
    names = list(get_args(RuleName))
    assert len(names) == len(set(names))
    assert set(RULES).isdisjoint(REFUSALS)
    assert sorted({*RULES, *REFUSALS}) == sorted(names)
    assert all(name == rule.name for name, rule in {**RULES, **REFUSALS}.items())


def _sources() -> list[tuple[str, ast.Module]]:
    return [
        (str(path.relative_to(ROOT)), ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(SRC.rglob("*.py"))
    ]


def _rule_given(call: ast.Call) -> ast.expr | None:
    if call.args:
        return call.args[0]
    return next((k.value for k in call.keywords if k.arg == "rule"), None)


def test_every_problem_written_in_src_names_a_rule_of_the_catalogue() -> None:
    known = {*RULES, *REFUSALS}
    unknown, seen = [], 0
    for name, tree in _sources():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            if node.func.id != "Problem":
                continue
            rule = _rule_given(node)
            if isinstance(rule, ast.Constant):
                seen += 1
                if rule.value not in known:
                    unknown.append(f"{name}:{node.lineno}: {rule.value!r}")
    assert unknown == []
    assert seen > 30  # the scan finds the problems it checks


def test_no_code_decides_by_the_words_of_a_message_or_a_rule_spelled_out() -> None:
    # A fact (which seat, a usage error) travels as a field or a type, never as prose.
    wording = re.compile(r"in (problem|p)\.message\b|\brule == \"")
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted(SRC.rglob("*.py"))
        if path != CATALOGUE
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if wording.search(line)
    ]
    assert found == []
