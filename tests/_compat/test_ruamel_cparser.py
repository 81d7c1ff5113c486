"""ruamel.yaml.clib's private `_ruamel_yaml.CParser` still feeds ruamel's Python composer
and constructor through `CEventLoader`. If this fails, ruamel changed under the shim:
check the new release before raising its bound in pyproject.toml."""

from __future__ import annotations

import pytest

from relrot._compat.ruamel_cparser import CEventLoader

TEXT = "a: [1, 'two', {b: 2026-01-13}]\nc: &x {d: e}\nf: *x\n"


def round_trip(text: str) -> object:
    from ruamel.yaml import YAML

    return YAML(typ="rt").load(text)


def test_the_c_parser_is_where_the_shim_imports_it() -> None:
    from _ruamel_yaml import CParser  # type: ignore[import-not-found]

    parser = CParser("a: 1\n")
    for method in ("check_event", "peek_event", "get_event", "dispose"):
        assert callable(getattr(parser, method)), method


def test_its_events_build_what_the_round_trip_loader_builds() -> None:
    from ruamel.yaml.composer import Composer
    from ruamel.yaml.constructor import RoundTripConstructor

    loaded = CEventLoader(TEXT, composer=Composer, constructor=RoundTripConstructor).load()
    assert loaded == round_trip(TEXT)
    assert loaded["a"].lc.item(2) == round_trip(TEXT)["a"].lc.item(2)  # positions too


def test_a_syntax_error_is_raised_not_swallowed() -> None:
    from ruamel.yaml.composer import Composer
    from ruamel.yaml.constructor import RoundTripConstructor

    reader = CEventLoader("a: [1\n", composer=Composer, constructor=RoundTripConstructor)
    with pytest.raises(Exception, match="flow"):
        reader.load()
