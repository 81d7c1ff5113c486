"""Field descriptions: the docstring under each field of the models, read for the JSON schema.

`relrot schema`'s output as a whole is held by its golden file (tests/cli/test_schema.py).
"""

from __future__ import annotations

import inspect
import sys
import types
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel, Field

from relrot import model, schema
from relrot.schema import describe_fields, field_descriptions, schema_dict
from tests.docgen import _models


def test_every_field_of_the_file_has_a_docstring() -> None:
    undescribed = [
        f"{m.__name__}.{name}"
        for m in _models()
        for name in m.model_fields
        if not field_descriptions(m).get(name)
    ]
    assert undescribed == []


def test_a_docstring_over_several_lines_is_one_line() -> None:
    assert field_descriptions(model.CrewRole)["projects"] == (
        "In a file with `projects:`, the projects that have the role; default every project "
        "with a `schedule`. Each keeps its own role queue."
    )


def test_a_field_of_a_base_class_keeps_its_docstring() -> None:
    inherited = field_descriptions(model.ProjectEntry)
    assert inherited["name"] == field_descriptions(model.ProjectInfo)["name"]
    assert inherited["id"].startswith("Unique id")


def test_the_json_schema_names_a_field_by_its_key_in_the_file() -> None:
    properties = model.Swap.model_json_schema(by_alias=True)["properties"]
    assert properties["in"]["description"] == "Member who takes it."
    assert "in_" not in properties


def test_a_docstring_is_not_kept_in_the_field() -> None:
    # pydantic is never handed the text: holding it costs every run (docs/performance.md).
    assert [f for f in model.Member.model_fields.values() if f.description] == []


@pytest.fixture
def sourceless() -> Iterator[types.ModuleType]:
    """A module of models whose source cannot be read (as from a zip of bytecode only)."""
    module = types.ModuleType("relrot_test_sourceless")
    sys.modules[module.__name__] = module
    # A module built here, with no file behind it.
    exec(
        "from relrot.model import _Model\n"
        "class Kept(_Model):\n"
        "    count: int = 0\n"
        '    """How many."""\n',
        module.__dict__,
    )
    yield module
    del sys.modules[module.__name__]


def test_a_model_whose_source_cannot_be_read_has_no_descriptions(
    sourceless: types.ModuleType,
) -> None:
    kept: type[BaseModel] = sourceless.Kept
    assert field_descriptions(kept) == {}
    generated = {"properties": {"count": {"type": "integer"}}}
    describe_fields(generated, kept)
    assert generated == {"properties": {"count": {"type": "integer"}}}


def _properties(whole: dict[str, object]) -> dict[str, dict[str, object]]:
    properties: Any = whole["properties"]
    return dict(properties)


def test_a_file_whose_models_cannot_be_read_still_has_a_schema(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def unreadable(_module: object) -> str:
        raise OSError("no source: imported from a zip of bytecode")

    keys = list(_properties(schema_dict()))
    schema._field_docstrings.cache_clear()
    monkeypatch.setattr(inspect, "getsource", unreadable)
    try:
        without = schema_dict()
    finally:
        schema._field_docstrings.cache_clear()
    properties = _properties(without)
    assert list(properties) == keys
    assert properties["schedule"] == {"$ref": "#/$defs/Schedule"}
    assert [key for key, node in properties.items() if "description" in node] == []


class _Renamed(model.ProjectInfo):
    """A caller's own model on top of relrot's."""

    name: str | None = Field(default=None, description="Given in code.")
    repository: str | None = None


def test_a_subclass_keeps_what_it_says_of_its_fields() -> None:
    described = field_descriptions(_Renamed)
    assert "repository" not in described  # declared again, without a docstring
    assert described["issue_title"] == field_descriptions(model.ProjectInfo)["issue_title"]
    properties = _Renamed.model_json_schema()["properties"]
    assert properties["name"]["description"] == "Given in code."
    assert "description" not in properties["repository"]
