"""The files users copy into CI (pre-commit hook, GitHub workflow) run commands relrot has."""

from __future__ import annotations

import re
import shlex
from importlib.metadata import distribution
from typing import Any

import pytest
import typer.main
from ruamel.yaml import YAML
from typer.exceptions import TyperException

from relrot.cli import app
from tests.conftest import ROOT

HOOKS = ROOT / ".pre-commit-hooks.yaml"
WORKFLOW = ROOT / "docs" / "examples" / "roster-pr.yml"
CI_DOC = ROOT / "docs" / "ci.md"

# Shell operators that end one simple command and start the next.
SEPARATORS = {";", "&", "&&", "|", "||", "(", ")"}


def load_yaml(path: Any) -> Any:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def simple_commands(script: str) -> list[list[str]]:
    """The words of each simple command in a shell script, redirections left out."""
    commands: list[list[str]] = []
    for line in script.replace("\\\n", " ").splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        words: list[str] = []
        tokens = iter(lexer)
        for token in tokens:
            if token in SEPARATORS:
                commands.append(words)
                words = []
            elif token[0] in "<>":
                next(tokens, None)  # the redirection's target is no argument
            else:
                words.append(token)
        commands.append(words)
    return [words for words in commands if words]


def relrot_invocations(script: str) -> list[list[str]]:
    return [words[1:] for words in simple_commands(script) if words[0] == "relrot"]


def option_problems(params: list[Any], args: list[str], where: str) -> tuple[list[str], int]:
    """Options in `args` that `params` do not declare; and how many positional words there are."""
    options = {
        opt: param
        for param in params
        if param.param_type_name == "option"
        for opt in [*param.opts, *param.secondary_opts]
    }
    problems = []
    positional = 0
    words = iter(args)
    for word in words:
        if not word.startswith("-") or word == "-":
            positional += 1
            continue
        name, has_value, _ = word.partition("=")
        param = options.get(name)
        if param is None:
            problems.append(f"{where}: no option {name}")
        elif not param.is_flag and not has_value:
            next(words, None)
    return problems, positional


def invocation_problems(args: list[str]) -> list[str]:
    """Why `relrot ARGS` would be refused: unknown command, unknown option, bad value."""
    # A click group; typed loosely because typer ships its own copy of click.
    group: Any = typer.main.get_command(app)
    # Global options come before the command name.
    index = 0
    while index < len(args) and args[index].startswith("-"):
        param = next((p for p in group.params if args[index].split("=")[0] in p.opts), None)
        index += 1 if param is None or param.is_flag or "=" in args[index] else 2
    global_args, rest = args[:index], args[index:]
    problems, _ = option_problems(group.params, global_args, "relrot")
    if not rest:
        return [*problems, "no command"]
    name, command_args = rest[0], rest[1:]
    command = group.commands.get(name)
    if command is None:
        return [*problems, f"no command {name!r}; relrot has {sorted(group.commands)}"]
    unknown, _ = option_problems(command.params, command_args, f"relrot {name}")
    problems += unknown
    if not problems:
        # Parse for real (without running): choices, values and arguments must fit.
        try:
            # The group shows its help when given no arguments, so hand it the command name too.
            parent = group.make_context("relrot", [*global_args, name])
            command.make_context(name, list(command_args), parent=parent)
        except TyperException as exc:
            problems.append(f"relrot {name}: {exc}")
    return problems


def test_the_checker_catches_what_it_should() -> None:
    # The checks below are only worth something if these are refused.
    assert invocation_problems(["validate", "--format", "github"]) == []
    assert invocation_problems(["--file", "x.yaml", "diff", "git:HEAD"]) == []
    assert invocation_problems(["valdiate"])[0].startswith("no command 'valdiate'")
    assert invocation_problems(["validate", "--fromat", "json"]) == [
        "relrot validate: no option --fromat"
    ]
    assert invocation_problems(["--files", "x", "validate"])[0] == "relrot: no option --files"
    assert invocation_problems(["validate", "--format", "markdown"]) != []
    assert invocation_problems(["diff"]) != []
    assert simple_commands('relrot diff "git:a b" --format markdown > out.md || echo x') == [
        ["relrot", "diff", "git:a b", "--format", "markdown"],
        ["echo", "x"],
    ]


# --- pre-commit hook ---------------------------------------------------------------------------


def test_pre_commit_hook_runs_existing_options() -> None:
    hooks = load_yaml(HOOKS)
    assert [hook["id"] for hook in hooks] == ["relrot-validate"]
    for hook in hooks:
        command = hook["entry"] + "".join(f" {shlex.quote(arg)}" for arg in hook.get("args", []))
        invocations = relrot_invocations(command)
        assert invocations, command
        for args in invocations:
            assert invocation_problems(args) == [], command


def test_pre_commit_hook_is_installable_and_targets_the_rotation_file() -> None:
    [hook] = load_yaml(HOOKS)
    scripts = [entry.name for entry in distribution("relrot").entry_points]
    assert hook["language"] == "python"
    assert hook["entry"].split()[0] in scripts
    # pre-commit appends the changed files, and `validate FILE...` checks each one.
    assert hook["pass_filenames"] is True
    assert (
        invocation_problems([*hook["entry"].split()[1:], "rotation.yaml", "a/rotation.yaml"]) == []
    )
    files = re.compile(hook["files"])
    assert [name for name in ["rotation.yaml", "ops/rotation.yaml"] if files.search(name)] == [
        "rotation.yaml",
        "ops/rotation.yaml",
    ]
    assert [name for name in ["my-rotation.yaml", "rotation.yml"] if files.search(name)] == []


# --- GitHub workflows and the action -----------------------------------------------------------

WORKFLOWS = sorted((ROOT / "docs" / "examples").glob("*.yml"))
ACTION = ROOT / "action.yml"


def steps(path: Any) -> list[dict[str, Any]]:
    loaded = load_yaml(path)
    if "runs" in loaded:
        found: list[dict[str, Any]] = loaded["runs"]["steps"]
        return found
    return [step for job in loaded["jobs"].values() for step in job["steps"]]


def workflow_scripts() -> list[str]:
    return [step["run"] for path in [*WORKFLOWS, ACTION] for step in steps(path) if "run" in step]


@pytest.mark.parametrize("script", workflow_scripts())
def test_workflow_commands_exist(script: str) -> None:
    for args in relrot_invocations(script):
        assert invocation_problems(args) == [], script


def test_the_roster_workflow_uses_the_action_with_inputs_it_has() -> None:
    action = load_yaml(ACTION)
    used = [step for step in steps(WORKFLOW) if "/relrot@" in step.get("uses", "")]
    assert len(used) == 1
    assert set(used[0].get("with", {})) <= set(action["inputs"])
    checkout = next(
        step for step in steps(WORKFLOW) if step.get("uses", "").startswith("actions/checkout@")
    )
    assert checkout["with"]["fetch-depth"] == 0


def test_the_action_is_a_composite_that_installs_its_own_checkout() -> None:
    action = load_yaml(ACTION)
    assert action["runs"]["using"] == "composite"
    inputs = {"file", "strict", "horizon", "comment", "require-consent", "consent-days"}
    assert inputs <= set(action["inputs"])
    for step in action["runs"]["steps"]:
        # A composite's run steps must name their shell; inputs reach scripts as env only.
        assert step["shell"] == "bash"
        assert "${{" not in step["run"]
    install, check = action["runs"]["steps"]
    assert '"$GITHUB_ACTION_PATH"' in install["run"]
    assert "pip install relrot" not in install["run"]
    # Every option the check passes exists on `relrot ci`, and every input is passed on.
    options = re.findall(r"(?<![\w-])--[a-z][a-z-]*", check["run"])
    valued = {"--file", "--horizon", "--comment", "--consent-days"}
    assert invocation_problems(["ci", *sorted(set(options) - valued)]) == []
    given = ["--file", "f", "--horizon", "3", "--comment", "never", "--consent-days", "90"]
    assert invocation_problems(["ci", *given]) == []
    assert valued <= set(options)
    passed = {value.split(".", 1)[1].rstrip(" }") for value in check["env"].values()}
    assert passed == set(action["inputs"]) - {"check"}


def test_ci_doc_shows_the_example_workflow() -> None:
    text = CI_DOC.read_text(encoding="utf-8")
    section = text.split("## GitHub Actions", 1)[1]
    match = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert match is not None
    # The example file starts with a comment naming where it goes; the doc says so in prose.
    lines = WORKFLOW.read_text(encoding="utf-8").splitlines(keepends=True)
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    assert match.group(1) == "".join(lines)


def test_the_sync_workflow_installs_relrot_through_the_action_only() -> None:
    action = load_yaml(ACTION)
    workflow = ROOT / "docs" / "examples" / "release-sync.yml"
    [used] = [step for step in steps(workflow) if "/relrot@" in step.get("uses", "")]
    assert used["with"] == {"check": "false"}
    assert set(used["with"]) <= set(action["inputs"])
    loaded = load_yaml(workflow)
    assert set(loaded["on"]) == {"schedule", "workflow_dispatch"}
    assert loaded["permissions"] == {"contents": "read", "issues": "write"}


def test_ci_doc_shows_the_sync_workflow() -> None:
    text = CI_DOC.read_text(encoding="utf-8")
    section = text.split("### Running the release on a schedule", 1)[1]
    match = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert match is not None
    lines = (ROOT / "docs" / "examples" / "release-sync.yml").read_text(encoding="utf-8")
    shown = lines.splitlines(keepends=True)
    while shown and shown[0].startswith("#"):
        shown.pop(0)
    assert match.group(1) == "".join(shown)


def test_ci_doc_names_the_shipped_hook() -> None:
    [hook] = load_yaml(HOOKS)
    assert f"- id: {hook['id']}\n" in CI_DOC.read_text(encoding="utf-8")


# --- the scheduled sync workflow, run offline ---------------------------------------------------

SYNC_WORKFLOW = ROOT / "docs" / "examples" / "release-sync.yml"
# Due the day before the branch cut, which is notify's day-before reminder too (SPEC 5.6).
SYNC_ROSTER = """\
project:
  name: widgets
  issue_template: release.md
  issue_opens: -8
schedule:
  first_release: 2026-01-13
  milestones:
    - {name: release-branch, days: -7}
members:
  - {id: bob, name: Bob Ross, github: bobross}
  - {id: jane, name: Jane Doe, github: janedoe}
  - {id: tobby, github: tobby}
"""
SYNC_DAY = "2026-03-04"


def _relrot_on_path(bin_dir: Any, python: str) -> None:
    """`relrot` as the action puts it on PATH, with today fixed."""
    script = bin_dir / "relrot"
    script.write_text(
        f'#!/bin/sh\nexec "{python}" -m relrot "$@" --today {SYNC_DAY}\n',
        encoding="utf-8",
    )
    script.chmod(0o755)


def _webhook() -> tuple[str, list[bytes], Any]:
    """A local server taking the webhook's POSTs: its URL, what it got, and the server."""
    import http.server
    import threading

    got: list[bytes] = []

    class Hook(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            got.append(self.rfile.read(int(self.headers["Content-Length"])))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *_: Any) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Hook)
    server.timeout = 10
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/hook", got, server


@pytest.mark.parametrize("webhook", [True, False])
def test_the_sync_workflow_opens_the_issue_and_posts_the_notices(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch, webhook: bool
) -> None:
    import json
    import os
    import shutil
    import subprocess
    import sys

    from tests.browser import missing
    from tests.github.test_gh import install_fake_gh

    for tool in ("jq", "curl", "git"):
        if shutil.which(tool) is None:
            missing(f"no {tool} on this machine (GitHub's runners have it; .ci/run installs it)")
    fake = install_fake_gh(tmp_path, monkeypatch)
    _relrot_on_path(fake.state.parent / "bin", sys.executable)
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    (checkout / "rotation.yaml").write_text(SYNC_ROSTER, encoding="utf-8")
    # Issue 29: a template opening with `### Summary` once titled the issue "## Summary".
    (checkout / "release.md").write_text(
        "### Summary\n\n| Pilot | {{pilot}} |\n|---|---|\n| Co-pilot | {{co_pilot}} |\n",
        encoding="utf-8",
    )
    for command in (["init", "-q"], ["add", "."], ["commit", "-qm", "roster"]):
        subprocess.run(
            ["git", *command],
            cwd=checkout,
            check=True,
            env={
                **dict(os.environ),
                "GIT_AUTHOR_NAME": "a",
                "GIT_AUTHOR_EMAIL": "a@b",
                "GIT_COMMITTER_NAME": "a",
                "GIT_COMMITTER_EMAIL": "a@b",
            },
        )
    url, got, server = _webhook()
    workflow = load_yaml(SYNC_WORKFLOW)
    job = workflow["jobs"]["sync"]
    env = {"RELROT_WEBHOOK": url if webhook else ""}
    try:
        for step in job["steps"]:
            if "run" not in step:
                continue
            if "env.RELROT_WEBHOOK != ''" in step.get("if", "") and not env["RELROT_WEBHOOK"]:
                continue
            done = subprocess.run(
                ["bash", "-e", "-c", step["run"]],
                cwd=checkout,
                env={**dict(os.environ), **env},
                capture_output=True,
                text=True,
                check=False,
                timeout=60,
            )
            assert done.returncode == 0, (step["name"], done.stdout, done.stderr)
    finally:
        server.shutdown()
    issues = json.loads((fake.state / "issues.json").read_text(encoding="utf-8"))
    assert [(i["title"], i["assignees"]) for i in issues] == [
        ("Release `26.3.x`", [{"login": "janedoe"}, {"login": "bobross"}])
    ]
    assert issues[0]["body"].splitlines()[1] == "### Summary"
    if webhook:
        notices = (checkout / "notices.md").read_text(encoding="utf-8")
        assert notices.strip()
        assert [json.loads(body) for body in got] == [{"text": notices}]
    else:
        assert got == []
        assert not (checkout / "notices.md").exists()
