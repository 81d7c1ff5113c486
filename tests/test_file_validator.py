"""The file's validator compiled from the saved core schema: current, used only where it is
this run's, and validating exactly as pydantic's own validator of the models does."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from pydantic_core import SchemaValidator
from ruamel.yaml import YAML, YAMLError

from relrot import _file_schema, file_validator, model
from relrot.file_validator import made_with, saved_source, validate
from relrot.model import RotationFile
from tests.conftest import ROOT, Golden

SAVED = Path(_file_schema.__file__)
PYDANTIC_KEYS = ("pydantic", "pydantic-core")
THIS_RUN = made_with()
# Whether this run's pydantic and models are the ones the saved schema was written from.
CURRENT = THIS_RUN == _file_schema.MADE_WITH
# Whether this run has the pydantic releases it was written with: then it can be written again
# here, and must be whenever the models change.
SAME_PYDANTIC = all(THIS_RUN[key] == _file_schema.MADE_WITH[key] for key in PYDANTIC_KEYS)

# Inputs pydantic refuses in many ways: each must give the same errors from both validators.
BROKEN: list[Any] = [
    {},
    {"schedule": None, "members": []},
    {"schedule": {"first_release": "2026-13-40"}, "members": [{"id": "A b"}]},
    {"schedule": {"first_release": dt.date(2026, 1, 5), "every_months": 0}, "members": "x"},
    {
        "schedule": {"first_release": "2026-01-05", "version": "{yy}.{q}"},
        "members": [{"id": "ana", "github": "-bad-", "away": None, "joined": "soon"}],
        "surprise": 1,
    },
    {
        "schedule": {"first_release": "2026-01-05"},
        "members": [{"id": "ana"}],
        "roles": [{"id": "pilot", "fill": "sometimes", "term": 0}],
        "requests": [{"member": "ana", "role": "qa", "release": 0, "after": "2026-01-01"}],
        "releases": [{"version": "26.1.0", "term": "2026-01", "shipped": [{"version": "a b"}]}],
        "swaps": [{"release": True, "seat": "Pilot", "out": "ana"}],
    },
    {
        "members": [{"id": "ana"}],
        "projects": [
            {"id": "Conda", "on_demand": {"first_term": "2026-01-02"}, "schedule": {}},
            {"id": "docs", "crew_from": "conda", "rotation": {"stint": []}},
            {"id": "x", "issue_title": "no release", "remind_days": [1, 1]},
        ],
    },
]


def saved_files() -> Iterator[Path]:
    """Every rotation file the project keeps, good and bad."""
    yield ROOT / "rotation.yaml"
    yield from sorted((ROOT / "docs" / "examples").glob("*.yaml"))
    yield from sorted((ROOT / "tests" / "data").rglob("*.yaml"))


def plain_data() -> Iterator[Any]:
    reader = YAML(typ="safe", pure=True)
    for path in saved_files():
        try:
            yield reader.load(path.read_text(encoding="utf-8"))
        except (YAMLError, UnicodeDecodeError):
            continue  # a file meant not to parse has no data
    yield from BROKEN


def compiled() -> SchemaValidator:
    """The validator a run uses: the saved one when it is this run's, else one compiled the
    same way from a fresh schema (so the comparison below never compares pydantic with
    itself)."""
    saved = file_validator._saved_validator()
    if saved is not None:
        return saved
    namespace: dict[str, Any] = {}
    exec(saved_source(), namespace)
    return SchemaValidator(namespace["schema"](), namespace["CONFIG"])


def outcome(check: Any, data: Any) -> tuple[str, Any]:
    try:
        # With its repr: an equal model may still hold 2.0 where the other holds 2.
        checked = check(data)
        return "model", (checked, repr(checked))
    except ValidationError as exc:
        # As JSON: the errors' context holds the exceptions raised, equal only to themselves.
        return "errors", json.loads(exc.json(include_url=False))


def test_the_saved_schema_is_the_one_pydantic_writes_for_the_models(golden: Golden) -> None:
    if not SAME_PYDANTIC:
        # Written with other pydantic releases than this run's: never used here.
        assert file_validator._saved_validator() is None
        return
    # Fails (and `make golden` rewrites it) whenever the models have changed since.
    golden.check(SAVED, saved_source())


def test_a_run_whose_pydantic_and_models_match_uses_the_saved_schema() -> None:
    assert (file_validator._saved_validator() is not None) == CURRENT


def test_the_compiled_validator_agrees_with_pydantic_on_every_file_and_refusal() -> None:
    check = compiled().validate_python
    seen = 0
    for data in plain_data():
        assert outcome(check, data) == outcome(RotationFile.model_validate, data)
        seen += 1
    assert seen > len(BROKEN) + 20


def test_a_model_it_gives_is_the_models_own(monkeypatch: pytest.MonkeyPatch) -> None:
    # As relrot's command line runs it: pydantic's plugins off, so the saved schema is used
    # wherever it is this run's.
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "__all__")
    data = YAML(typ="safe").load((ROOT / "rotation.yaml").read_text(encoding="utf-8"))
    checked = validate(data)
    assert type(checked) is RotationFile
    assert checked == RotationFile.model_validate(data)
    assert checked.model_fields_set == RotationFile.model_validate(data).model_fields_set


def test_a_schema_saved_for_other_models_is_never_used(monkeypatch: pytest.MonkeyPatch) -> None:
    stale = {**_file_schema.MADE_WITH, "model.py": "0" * 64}
    monkeypatch.setattr(_file_schema, "MADE_WITH", stale)
    file_validator._saved_validator.cache_clear()
    try:
        assert file_validator._saved_validator() is None
        data = {"schedule": {"first_release": "2026-01-05"}, "members": [{"id": "ana"}]}
        assert validate(data) == RotationFile.model_validate(data)
        with pytest.raises(ValidationError):
            validate({"members": "nobody"})
    finally:
        file_validator._saved_validator.cache_clear()


def test_with_pydantics_plugins_on_pydantic_builds_the_validator(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A validator pydantic builds calls installed plugins; one compiled from the saved
    # schema would not, so a library caller who has not turned them off gets pydantic's.
    seen: list[object] = []
    monkeypatch.setattr(file_validator, "_saved_validator", lambda: seen.append(1))
    data = {"schedule": {"first_release": "2026-01-05"}, "members": [{"id": "ana"}]}
    for value in ("__all__", "1", "true"):
        monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", value)
        validate(data)
    assert len(seen) == 3
    for value in ("", "logfire", "false"):
        monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", value)
        assert validate(data) == RotationFile.model_validate(data)
    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS")
    assert validate(data) == RotationFile.model_validate(data)
    assert len(seen) == 3


def test_a_schema_naming_what_the_models_no_longer_have_is_never_made(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Saved for other models: the schema may name a validator since renamed. The run must
    # not touch it, only compare what it was written from.
    def renamed() -> dict[str, Any]:
        raise AttributeError("type object 'RotationFile' has no attribute '_one_or_several'")

    stale = {**_file_schema.MADE_WITH, "model.py": "0" * 64}
    monkeypatch.setattr(_file_schema, "MADE_WITH", stale)
    monkeypatch.setattr(_file_schema, "schema", renamed)
    file_validator._saved_validator.cache_clear()
    try:
        assert file_validator._saved_validator() is None
    finally:
        file_validator._saved_validator.cache_clear()


def test_models_that_cannot_be_read_match_no_saved_schema(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Imported from a zip file, model.py is no file to read.
    monkeypatch.setattr(model, "__file__", str(tmp_path / "relrot.zip" / "relrot" / "model.py"))
    assert file_validator._model_digest() == "model.py could not be read"


def test_the_models_digest_is_the_same_whatever_their_line_endings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    crlf = tmp_path / "model.py"
    crlf.write_bytes(Path(model.__file__).read_bytes().replace(b"\n", b"\r\n"))
    expected = file_validator._model_digest()
    monkeypatch.setattr(model, "__file__", str(crlf))
    assert file_validator._model_digest() == expected


def test_a_field_named_like_a_schema_key_is_kept() -> None:
    fields = {
        "type": "model-fields",
        "metadata": {"pydantic_js_functions": []},
        "fields": {
            "metadata": {"type": "model-field", "schema": {"type": "str"}},
            "ref": {"type": "model-field", "schema": {"type": "str", "ref": "relrot.model.X:12"}},
        },
    }
    assert file_validator._for_validation(fields) == {
        "type": "model-fields",
        "fields": {
            "metadata": {"type": "model-field", "schema": {"type": "str"}},
            "ref": {"type": "model-field", "schema": {"type": "str", "ref": "relrot.model.X"}},
        },
    }


def test_a_number_python_cannot_write_back_is_refused() -> None:
    assert file_validator._literal(2.5, 0) == "2.5"
    with pytest.raises(ValueError, match="nothing in relrot"):
        file_validator._literal(float("inf"), 0)


def test_what_it_depends_on_is_pydantics_releases_and_the_models_text() -> None:
    import pydantic
    import pydantic_core

    text = Path(model.__file__).read_bytes().replace(b"\r\n", b"\n")
    digest = hashlib.sha256(text).hexdigest()
    assert made_with() == {
        "pydantic": pydantic.VERSION,
        "pydantic-core": pydantic_core.__version__,
        "model.py": digest,
    }


def test_its_definitions_carry_no_object_ids_and_nothing_for_json_schema() -> None:
    text = saved_source()
    assert "metadata" not in text
    assert "'relrot.model.Schedule'" in text
    assert "relrot.model.Schedule:" not in text


def test_a_reference_outside_the_models_is_refused() -> None:
    with pytest.raises(ValueError, match=r"nothing in relrot\.model refers to"):
        file_validator._reference(hashlib.sha256)


PROBE = """
import sys
from relrot.cli import main
from relrot.model import RotationFile
sys.argv = ["relrot", "validate", "--today", "2026-11-21"]
try:
    main()
except SystemExit:
    pass
from relrot.file_validator import _saved_validator
used = "saved schema" if _saved_validator() is not None else "no saved schema"
built = "built" if RotationFile.__pydantic_complete__ else "not built"
print(used, built, file=sys.stderr)
"""


def test_validate_has_pydantic_build_no_schema_of_the_models() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    # pydantic builds the models' schema exactly when the saved one is not this run's.
    assert result.stderr.strip().splitlines()[-1] in (
        "saved schema not built",
        "no saved schema built",
    )


# Values a key may be given in place of its own: wrong types, edge numbers, odd dates.
ODD_VALUES = st.sampled_from(
    [None, True, 0, -1, 2**70, 1.5, "", "x", "2026-02-30", dt.date(2026, 3, 9), [], {}, [{}]]
)
EXAMPLES = ("seed.yaml", "roles.yaml", "portfolio.yaml", "qa-crew.yaml", "history.yaml")


def _replaced(data: Any, steps: list[int], value: Any) -> Any:
    """`data` with the value reached by following `steps` (each picks a key or an item)
    replaced by `value`."""
    if not steps or not isinstance(data, (dict, list)) or not data:
        return value
    if isinstance(data, dict):
        keys = list(data)
        key = keys[steps[0] % len(keys)]
        return {**data, key: _replaced(data[key], steps[1:], value)}
    index = steps[0] % len(data)
    return [*data[:index], _replaced(data[index], steps[1:], value), *data[index + 1 :]]


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(EXAMPLES),
    st.lists(st.integers(min_value=0, max_value=50), max_size=6),
    ODD_VALUES,
)
def test_both_validators_agree_on_any_one_value_changed(
    example: str, steps: list[int], value: Any
) -> None:
    data = YAML(typ="safe").load((ROOT / "docs" / "examples" / example).read_text("utf-8"))
    changed = _replaced(data, steps, value)
    assert outcome(compiled().validate_python, changed) == outcome(
        RotationFile.model_validate, changed
    )
