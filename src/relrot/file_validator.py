"""The rotation file's validator, compiled from a core schema saved with relrot.

pydantic builds a model's validator in two steps: its Python walks the models to write a
core schema, then pydantic-core compiles that schema. The walk is nearly all of the cost
(21 million of a validate run's 787 million instructions, 3% of its CPU time:
docs/performance.md), and what it writes depends only on relrot's models and on the
pydantic release. `relrot._file_schema` holds it, written out as Python by
`saved_source`. A run whose pydantic releases and `model.py` are the ones it was written
from, with pydantic's plugins off as relrot's command line has them, has pydantic-core
compile it; any other run (a newer pydantic, a model edited since, a library caller whose
plugins pydantic would call) has pydantic build the validator as it always does, so a stale
schema is never used.
`tests/test_file_validator.py` holds the saved schema equal to a fresh one; `make golden`
rewrites it after a change to the models.
"""

from __future__ import annotations

import builtins
import functools
import math
import os
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic_core import SchemaValidator

    from relrot.model import RotationFile


def validate(plain: dict[str, Any]) -> RotationFile:
    """The file's model, as `RotationFile.model_validate` gives it (and its ValidationError)."""
    compiled = _saved_validator() if _plugins_off() else None
    if compiled is None:
        from relrot.model import RotationFile

        return RotationFile.model_validate(plain)
    model: RotationFile = compiled.validate_python(plain)
    return model


def _plugins_off() -> bool:
    """Whether pydantic's plugins are turned off, as relrot's command line turns them off: a
    validator pydantic builds would call an installed plugin, one compiled here would not."""
    return os.environ.get("PYDANTIC_DISABLE_PLUGINS") in ("__all__", "1", "true")


@functools.cache
def _saved_validator() -> SchemaValidator | None:
    """pydantic-core's validator of the saved schema, or None when it is not this run's."""
    from relrot import _file_schema as saved

    # Compared before the schema is made: a schema saved for other models may name a
    # validator those models no longer have.
    if made_with() != saved.MADE_WITH:
        return None
    from pydantic_core import SchemaValidator

    return SchemaValidator(saved.schema(), saved.CONFIG)  # type: ignore[arg-type]


def made_with() -> dict[str, str]:
    """What the core schema depends on: pydantic's two releases and the text of the models."""
    import pydantic
    import pydantic_core

    return {
        "pydantic": pydantic.VERSION,
        "pydantic-core": pydantic_core.__version__,
        "model.py": _model_digest(),
    }


def _model_digest() -> str:
    """The digest of `relrot/model.py` as written, whatever its line endings; a text that
    matches no digest where it cannot be read (relrot imported from a zip file, say)."""
    import hashlib

    from relrot import model

    try:
        text = Path(model.__file__).read_bytes()
    except OSError:
        return "model.py could not be read"
    return hashlib.sha256(text.replace(b"\r\n", b"\n")).hexdigest()


def saved_source() -> str:
    """The text of `relrot._file_schema` for the models and pydantic of this run."""
    from relrot.model import RotationFile

    RotationFile.model_rebuild()
    schema = _for_validation(RotationFile.__pydantic_core_schema__)
    return (
        '"""The rotation file\'s core schema, as pydantic writes it for relrot\'s models.\n\n'
        "Written by `relrot.file_validator.saved_source` (`make golden`); do not edit. It is\n"
        "used only by a run whose pydantic releases and model.py match `MADE_WITH`; the schema\n"
        "is made only then, since it names the functions of the models it was written for.\n"
        '"""\n\n'
        "from typing import Any\n\n"
        "from relrot import model\n\n"
        f"MADE_WITH = {_literal(made_with(), 0)}\n"
        f"CONFIG: dict[str, Any] = {_literal(_core_config(RotationFile), 0)}\n\n\n"
        "def schema() -> dict[str, Any]:\n"
        f"    return {_literal(schema, 4)}\n"
    )


def _core_config(model: Any) -> dict[str, Any]:
    """The configuration pydantic gives a model's own validator (made as pydantic makes it:
    its releases before 2.10 take the model, later ones its name)."""
    from pydantic._internal._config import ConfigWrapper

    wrapper = ConfigWrapper(model.model_config)
    try:
        config = wrapper.core_config(title=model.__name__)
    except TypeError:
        config = wrapper.core_config(model)
    return dict(config)


def _for_validation(schema: Any) -> Any:
    """The schema without what only pydantic's JSON schema reads (a node's `metadata`, which
    pydantic-core never looks at), its definitions named without the process's object ids."""
    if isinstance(schema, list):
        return [_for_validation(value) for value in schema]
    if not isinstance(schema, dict):
        return schema
    # A node of the schema has a `type` that is text; a mapping of field names may hold a
    # field named `metadata` or `ref`, kept as it is.
    node = isinstance(schema.get("type"), str)
    return {
        key: _stable_ref(value)
        if node and key in ("ref", "schema_ref") and isinstance(value, str)
        else _for_validation(value)
        for key, value in schema.items()
        if not (node and key == "metadata")
    }


def _stable_ref(ref: str) -> str:
    # pydantic names a model's definition `module.Class:<id of the class>`.
    name, _, number = ref.rpartition(":")
    return name if number.isdigit() else ref


def _literal(value: object, depth: int) -> str:
    """`value` as a Python expression, one entry a line, indented a space a level."""
    inner, outer = " " * (depth + 1), " " * depth
    if isinstance(value, dict):
        if not value:
            return "{}"
        entries = [f"{inner}{k!r}: {_literal(v, depth + 1)},\n" for k, v in value.items()]
        return "{\n" + "".join(entries) + outer + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]" if isinstance(value, list) else "()"
        entries = [f"{inner}{_literal(v, depth + 1)},\n" for v in value]
        opening, closing = ("[", "]") if isinstance(value, list) else ("(", ")")
        return opening + "\n" + "".join(entries) + outer + closing
    if value is None or isinstance(value, (str, int)) or _finite(value):
        return repr(value)
    return _reference(value)


def _finite(value: object) -> bool:
    return isinstance(value, float) and math.isfinite(value)


def _reference(value: object) -> str:
    """A name that refers to a function or class of the schema: a builtin, or something of
    `relrot.model` (a model's validator is found under the name the model keeps it by)."""
    from pydantic import BaseModel

    from relrot import model

    name = getattr(value, "__name__", "")
    if getattr(builtins, name, None) is value:
        return name
    for found_name, found in vars(model).items():
        if found is value:
            return f"model.{found_name}"
    for class_name, owner in vars(model).items():
        if not (isinstance(owner, type) and issubclass(owner, BaseModel)):
            continue
        for attribute in dir(owner):
            if attribute.startswith("__"):
                continue
            found = getattr(owner, attribute, None)
            if found is value or (isinstance(value, types.MethodType) and found == value):
                return f"model.{class_name}.{attribute}"
    raise ValueError(f"nothing in relrot.model refers to {value!r}; the schema cannot be saved")
