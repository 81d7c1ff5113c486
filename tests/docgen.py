"""Docs generated from code: the rotation file reference, from the models' field metadata."""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from relrot.model import RotationFile
from relrot.schema import field_descriptions

HEADER = """\
# The rotation file reference

Generated from relrot's models (`src/relrot/model.py`) by `tests/docgen.py`; a test fails
when it drifts. Refresh it with `make golden`. `relrot schema` prints the same as a JSON
Schema for editors.

Keys are `snake_case`; unknown keys are errors. Dates are `YYYY-MM-DD`.
"""


def _type_name(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin is typing.Annotated:
        return _type_name(args[0])
    if origin in (tuple, dict):
        inner = _type_name(args[0])
        if origin is dict:
            inner = f"{inner} to {_type_name(args[1])}"
        return f"{'list' if origin is tuple else 'mapping'} of {inner}"
    if origin is typing.Literal:
        return " \\| ".join(f"`{a}`" for a in typing.get_args(annotation))
    if origin is not None and args:  # a union such as `X | None`
        names = [_type_name(a) for a in args]
        return " or ".join(names)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    return {"str": "text", "int": "whole number", "bool": "true/false", "date": "date"}.get(
        getattr(annotation, "__name__", str(annotation)), str(annotation)
    )


def _default(field: Any) -> str:
    if field.is_required():
        return "**required**"
    default = field.default
    if default is PydanticUndefined:
        return "-" if field.default_factory is dict else "all defaults"
    if default is None or default == ():
        return "-"
    if isinstance(default, tuple):
        return "`[" + ", ".join(str(d) for d in default) + "]`"
    if isinstance(default, bool):
        return f"`{str(default).lower()}`"
    return f"`{default}`"


def _models() -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in found:
            return
        found.append(model)
        for field in model.model_fields.values():
            for candidate in _inner_models(field.annotation):
                visit(candidate)

    visit(RotationFile)
    return found


def _inner_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _inner_models(arg)]


def file_reference() -> str:
    out = [HEADER]
    for model in _models():
        out.append(f"## {model.__name__}\n")
        out.append(f"{(model.__doc__ or '').strip()}\n")
        out.append("| key | type | default | meaning |")
        out.append("|---|---|---|---|")
        described = field_descriptions(model)
        for name, field in model.model_fields.items():
            key = field.alias or name
            meaning = described.get(name, "").replace("|", "\\|")
            out.append(
                f"| `{key}` | {_type_name(field.annotation)} | {_default(field)} | {meaning} |"
            )
        out.append("")
    return "\n".join(out)
