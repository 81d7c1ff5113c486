"""`relrot schema`: the JSON Schema of the rotation file, for editors and other tools."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import GOLDEN, Golden, Result

# Section 1 of the rule book, key by key.
TOP_LEVEL = [
    "project",
    "schedule",
    "rotation",
    "members",
    "roles",
    "jump_seat",
    "requests",
    "releases",
    "swaps",
    "projects",  # section 6: several projects instead of the per-project keys above
]
NESTED = {
    "ProjectInfo": [
        "name",
        "repository",
        "issue_template",
        "issue_title",
        "issue_opens",
        "remind_days",
    ],
    "Schedule": [
        "first_release",
        "every_months",
        "rrule",
        "version",
        "timezone",
        "skip",
        "blocked_weekdays",
        "blackout",
        "holidays",
        "shift",
        "milestones",
    ],
    "Rotation": ["stint"],
    "Member": ["id", "name", "core", "joined", "left", "github", "experienced", "chat", "away"],
    "DateRange": ["from", "to", "reason"],
    "Milestone": ["name", "days", "note"],
    "CrewRole": ["id", "name", "fill", "pool", "term", "apart_from", "from", "projects"],
    "JumpSeatRequest": ["member", "release", "after"],
    "RoleRequest": ["member", "role", "release", "after"],
    "PinnedRelease": [
        "version",
        "term",
        "shipped",
        "date",
        "pilot",
        "co_pilot",
        "jump_seat",
        "also",
        "roles",
    ],
    "ShippedRelease": ["version", "date"],
    "ProjectEntry": [
        "name",
        "repository",
        "issue_template",
        "issue_title",
        "issue_opens",
        "remind_days",
        "id",
        "schedule",
        "crew_from",
        "on_demand",
        "rotation",
        "jump_seat",
        "requests",
        "releases",
        "swaps",
    ],
    "OnDemand": ["first_term", "every_months", "timezone"],
    "ExtraCrew": ["member", "role"],
    "Swap": ["release", "seat", "out", "in", "reason"],
}


@pytest.fixture
def schema(relrot: Callable[..., Result]) -> dict[str, Any]:
    result = relrot("schema")
    assert result.exit_code == 0, result
    assert result.stderr == ""
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


def description(schema: dict[str, Any], node: dict[str, Any]) -> str | None:
    """A property's description, or that of the definition it refers to."""
    if "description" in node:
        return str(node["description"])
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        target = schema["$defs"][ref.removeprefix("#/$defs/")]
        return str(target["description"]) if "description" in target else None
    return None


def test_schema_names_its_dialect(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert schema["title"] == "relrot rotation file"


def test_schema_describes_every_top_level_key(schema: dict[str, Any]) -> None:
    assert list(schema["properties"]) == TOP_LEVEL
    # `schedule` is required in a file without `projects:` (SPEC 6), never null.
    assert schema["required"] == ["members"]
    assert schema["anyOf"] == [{"required": ["schedule"]}, {"required": ["projects"]}]
    assert schema["properties"]["schedule"]["$ref"] == "#/$defs/Schedule"
    # Unknown keys are errors in the file, so the schema refuses them too.
    assert schema["additionalProperties"] is False
    undescribed = [
        key for key, node in schema["properties"].items() if not description(schema, node)
    ]
    assert undescribed == []


def test_schema_has_every_field_with_a_description(schema: dict[str, Any]) -> None:
    definitions = schema["$defs"]
    assert {name: list(definitions[name]["properties"]) for name in NESTED} == NESTED
    undescribed = [
        f"{name}.{key}"
        for name, definition in definitions.items()
        for key, node in definition["properties"].items()
        if not description(schema, node)
    ]
    assert undescribed == []
    strict = [name for name in NESTED if definitions[name].get("additionalProperties") is not False]
    assert strict == []


def test_schema_uses_the_file_spelling_of_keys(schema: dict[str, Any]) -> None:
    # Python names (`in_`, `start`) must not leak: the file says `in`, `from`, `to`.
    assert schema["$defs"]["Swap"]["required"] == ["release", "seat", "out", "in"]
    assert schema["$defs"]["DateRange"]["required"] == ["from", "to"]
    assert schema["$defs"]["Schedule"]["required"] == ["first_release"]


def test_schema_is_stable(relrot: Callable[..., Result], golden: Golden) -> None:
    # Byte-identical on every run, so a saved copy can be checked for drift.
    first = relrot("schema").stdout
    assert relrot("schema").stdout == first
    golden.check(GOLDEN / "schema.json", first)
