"""Pydantic's validation errors as problems: plain words, at the key or value they are about."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from relrot.problems import Path, Problem, Severity, close_match

if TYPE_CHECKING:
    from relrot.model import RotationFile
    from relrot.yamlfile.document import SourceMap


def validate(
    plain: dict[str, Any], source_map: SourceMap
) -> tuple[RotationFile | None, list[Problem]]:
    """The typed model of `plain`, or every schema problem placed through `source_map`."""
    from pydantic import ValidationError

    from relrot.file_validator import validate as validate_file

    # `schedule` is required unless the file plans several projects (SPEC 6): said as
    # pydantic says a missing key, in the place its field has among the others.
    missing = [] if "schedule" in plain or plain.get("projects") else [_MISSING_SCHEDULE]
    if missing and "projects" in plain:
        # `projects:` written with nothing in it: that is what is wrong, not the schedule.
        missing = [_EMPTY_PROJECTS]
    try:
        model = validate_file(plain)
        errors = []
    except ValidationError as exc:
        model, errors = None, exc.errors()
    before = [e for e in errors if e["loc"][:1] == ("project",)]
    after = [e for e in errors if e["loc"][:1] != ("project",)]
    problems = [_schema_problem(error, source_map) for error in [*before, *missing, *after]]
    if model is not None:
        problems += _several_projects_only(model, source_map)
    if problems:
        return None, list(dict.fromkeys(problems))
    return model, []


def _several_projects_only(model: RotationFile, source_map: SourceMap) -> list[Problem]:
    """Keys that only a file with `projects:` has (SPEC 6), refused in a file without, as
    unknown keys were before it: at the key, saying where they belong."""
    if model.projects:
        return []
    found: list[tuple[Path, str]] = [
        (("roles", i, "projects"), "`projects` of a role is for a file with `projects:`")
        for i, role in enumerate(model.roles)
        if role.projects is not None
    ]
    for i, pinned in enumerate(model.releases):
        for key in ("term", "shipped"):
            if key in pinned.model_fields_set:
                what = f"`{key}` is for an on-demand project of a file with `projects:`"
                found.append((("releases", i, key), what))
    return [
        Problem(
            "schema",
            Severity.ERROR,
            f"{what}; remove it",
            line=source_map.locate(path, at_key=True)[0],
            column=source_map.locate(path, at_key=True)[1],
        )
        for path, what in found
    ]


_MISSING_SCHEDULE: Any = {"loc": ("schedule",), "type": "missing", "msg": "Field required"}
_EMPTY_PROJECTS: Any = {
    "loc": ("projects",),
    "type": "value_error",
    "msg": "Value error, the list is empty; list each project the team plans under it, or "
    "remove the key and give the file its own `schedule`",
}


_TYPE_NAMES = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "string_type": "text",
    "tuple_type": "a list",
    "list_type": "a list",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
    "dict_type": "a mapping of keys",
}


def _schema_problem(error: Any, source_map: SourceMap) -> Problem:
    from relrot.model import field_names, model_for

    loc: Path = tuple(p for p in error["loc"] if isinstance(p, (str, int)))
    # Union and validator branches add their own names to loc; keep the document part.
    while loc and loc not in source_map.values and loc[:-1] in source_map.values:
        if isinstance(loc[-1], str) and error["type"] in ("missing", "extra_forbidden"):
            break
        loc = loc[:-1]
    kind = error["type"]
    name = _describe(loc)
    if kind == "missing":
        parent = loc[:-1]
        line, column = source_map.anchor(parent)
        where = f" in {_describe(parent)}" if parent else ""
        return Problem(
            "schema",
            Severity.ERROR,
            f"missing required key `{loc[-1]}`{where}",
            line=line,
            column=column,
        )
    if kind == "extra_forbidden":
        model = model_for(loc[:-1])
        allowed = field_names(model) if model else []
        guess = close_match(str(loc[-1]), allowed)
        hint = f"did you mean `{guess}`?" if guess else "valid keys: " + ", ".join(allowed)
        line, column = source_map.locate(loc, at_key=True)
        return Problem(
            "schema",
            Severity.ERROR,
            f"unknown key `{loc[-1]}`; {hint}",
            line=line,
            column=column,
        )
    line, column = source_map.locate(loc)
    value = error.get("input")
    if kind in _TYPE_NAMES:
        message = f"{name} must be {_TYPE_NAMES[kind]}, not {_show(value)}"
        if kind == "string_type" and isinstance(value, (int, float)):
            message += "; put it in quotes"
    elif kind == "literal_error":
        expected = str(error.get("ctx", {}).get("expected", ""))
        options = [o.strip().strip("'") for o in expected.replace(" or ", ",").split(",")]
        options = [o for o in options if o]
        guess = close_match(str(value), options, cutoff=0.5)
        hint = f"; did you mean `{guess}`?" if guess else ""
        message = f"{name} must be one of {', '.join(options)}, not {_show(value)}{hint}"
    elif kind == "value_error":
        message = f"{name}: {error['msg'].removeprefix('Value error, ')}"
    else:
        message = f"{name}: {error['msg'][0].lower()}{error['msg'][1:]}"
    return Problem("schema", Severity.ERROR, message, line=line, column=column)


def _describe(path: Path) -> str:
    if not path:
        return "the file"
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return f"`{text}`"


def _show(value: object) -> str:
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    if value is None:
        return "nothing"
    shown = repr(value) if isinstance(value, str) else str(value)
    # A message quotes the value to recognise it, never a whole file's worth of it.
    return shown if len(shown) <= _SHOWN else shown[: _SHOWN - 1] + "…"


_SHOWN = 60
