"""The JSON Schema of the rotation file, generated from the models."""

from __future__ import annotations

import ast
import functools
import inspect
import itertools
import json
import sys
from typing import Any

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_dict() -> dict[str, object]:
    from relrot.model import RotationFile

    schema = RotationFile.model_json_schema(by_alias=True, mode="validation")
    # Optional only by leaving it out (SPEC 6), never as `schedule: null`.
    described = schema["properties"]["schedule"].get("description")
    schedule: dict[str, object] = {"$ref": "#/$defs/Schedule"}
    if described is not None:
        schedule["description"] = described
    schema["properties"]["schedule"] = schedule
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "relrot rotation file",
        **{k: v for k, v in schema.items() if k != "title"},
        # One project needs a `schedule`; several have theirs in `projects:` (SPEC 6).
        "anyOf": [{"required": ["schedule"]}, {"required": ["projects"]}],
    }


def json_schema() -> str:
    return json.dumps(schema_dict(), indent=2) + "\n"


def describe_fields(schema: dict[str, Any], model: type[Any]) -> None:
    """Give each property of a model's JSON schema its field's description (pydantic calls
    this for every model of the file through their `json_schema_extra`)."""
    properties = schema.get("properties", {})
    described = field_descriptions(model)
    for name, field in model.model_fields.items():
        key = field.alias if field.alias in properties else name
        if name in described and key in properties:
            # A description given in code (a subclass's `Field(description=...)`) stands.
            properties[key].setdefault("description", described[name])


def field_descriptions(model: type[Any]) -> dict[str, str]:
    """Each field's description, by field name: the docstring written under the field in the
    class that declares it last (a subclass that declares a field again, without one, has
    none)."""
    from pydantic import BaseModel

    described: dict[str, str] = {}
    # The model's own classes, from pydantic's base down: none above it documents a field.
    for cls in reversed(model.__mro__[: model.__mro__.index(BaseModel)]):
        docstrings = _field_docstrings(cls.__module__).get(cls.__qualname__, {})
        for name in vars(cls).get("__annotations__", {}):
            if name in docstrings:
                described[name] = docstrings[name]
            else:
                described.pop(name, None)
    return described


@functools.cache
def _field_docstrings(module_name: str) -> dict[str, dict[str, str]]:
    """For each class of a module, the docstring under each of its annotated fields, as one
    line; nothing where the module's source cannot be read."""
    try:
        classes = ast.parse(inspect.getsource(sys.modules[module_name])).body
    except (KeyError, OSError, TypeError, SyntaxError):
        return {}
    found: dict[str, dict[str, str]] = {}
    for node in classes:
        if not isinstance(node, ast.ClassDef):
            continue
        fields = found.setdefault(node.name, {})
        for statement, following in itertools.pairwise(node.body):
            if (
                isinstance(statement, ast.AnnAssign)
                and isinstance(statement.target, ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                fields[statement.target.id] = " ".join(following.value.value.split())
    return found
