"""The JSON Schema of the rotation file, generated from the models."""

from __future__ import annotations

import json

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_dict() -> dict[str, object]:
    from relrot.model import RotationFile

    schema = RotationFile.model_json_schema(by_alias=True, mode="validation")
    # Optional only by leaving it out (SPEC 6), never as `schedule: null`.
    schedule = schema["properties"]["schedule"]
    schema["properties"]["schedule"] = {
        "$ref": "#/$defs/Schedule",
        "description": schedule["description"],
    }
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "relrot rotation file",
        **{k: v for k, v in schema.items() if k != "title"},
        # One project needs a `schedule`; several have theirs in `projects:` (SPEC 6).
        "anyOf": [{"required": ["schedule"]}, {"required": ["projects"]}],
    }


def json_schema() -> str:
    return json.dumps(schema_dict(), indent=2) + "\n"
