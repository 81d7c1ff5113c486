"""The docs stay true: every `relrot` example in them runs, and shown output is exact.

A fenced ```console block holds `$ relrot ...` lines, each followed by the output it prints.
Examples run in a scratch folder holding a copy of the repository's rotation.yaml and of
the YAML, JSON and Markdown files in docs/examples/, so examples that write files never
touch the repository. Refresh the shown output after an intended change with `make golden`
and read the diff.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from relrot.cli import app
from tests.conftest import ROOT, Golden

DOCS = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
BLOCK = re.compile(r"^```console\n(.*?)^```$", re.MULTILINE | re.DOTALL)
EXIT_NOTE = re.compile(r"\s+# exits (\d)$")


@dataclass
class Example:
    doc: Path
    command: str
    shown: str

    @property
    def expected_exit(self) -> int:
        note = EXIT_NOTE.search(self.command)
        return int(note.group(1)) if note else 0

    @property
    def words(self) -> list[str]:
        return shlex.split(EXIT_NOTE.sub("", self.command), comments=True)


def blocks(doc: Path) -> list[list[Example]]:
    """The `relrot` examples of each console block, in order (a block shares one folder)."""
    text = doc.read_text(encoding="utf-8")
    found = []
    for block in BLOCK.finditer(text):
        body = block.group(1)
        parts = list(re.finditer(r"^\$ (.*)\n", body, re.MULTILINE))
        examples = []
        for index, part in enumerate(parts):
            end = parts[index + 1].start() if index + 1 < len(parts) else len(body)
            if part.group(1).startswith("relrot "):
                examples.append(Example(doc, part.group(1), body[part.end() : end]))
        if examples:
            found.append(examples)
    return found


ALL = [block for doc in DOCS for block in blocks(doc)]


def run(example: Example) -> tuple[int, str]:
    """Run one example; `> FILE` sends standard output to a file, as a shell would."""
    words = example.words[1:]
    target = None
    if ">" in words:
        words, target = words[: words.index(">")], words[words.index(">") + 1]
    result = CliRunner().invoke(app, words, catch_exceptions=False)
    output = result.stderr if target else result.stdout + result.stderr
    if target:
        Path(target).write_text(result.stdout, encoding="utf-8")
    return result.exit_code, "\n".join(line.rstrip() for line in output.splitlines())


@pytest.fixture(autouse=True)
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder as a team would have it: rotation.yaml committed on `main`."""
    shutil.copy(ROOT / "rotation.yaml", tmp_path / "rotation.yaml")
    # Rosters, and the issues and templates the adopting page imports and fills.
    for example in (ROOT / "docs" / "examples").glob("*.*"):
        if example.suffix in (".yaml", ".json", ".md"):
            shutil.copy(example, tmp_path / example.name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    for name in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"):
        monkeypatch.setenv(name, "relrot docs")
    for name in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"):
        monkeypatch.setenv(name, "docs@example.invalid")
    for command in (
        ["git", "init", "-q", "-b", "main"],
        ["git", "add", "rotation.yaml"],
        ["git", "commit", "-q", "-m", "rotation"],
    ):
        subprocess.run(command, check=True, capture_output=True)
    return tmp_path


def test_the_docs_have_examples() -> None:
    assert sum(len(block) for block in ALL) >= 10


@pytest.mark.parametrize("doc", DOCS, ids=[doc.name for doc in DOCS])
def test_doc_examples_run_and_show_their_real_output(doc: Path, golden: Golden) -> None:
    # One folder per page: its examples run in order, as a reader would type them.
    seen: list[str] = []
    for example in [e for block in blocks(doc) for e in block]:
        occurrence = seen.count(example.command)
        seen.append(example.command)
        code, output = run(example)
        assert code == example.expected_exit, f"{example.command}\n{output}"
        shown = "\n".join(line.rstrip() for line in example.shown.rstrip("\n").splitlines())
        if not shown:
            continue
        assert "--today" in example.words or not reads_the_clock(example), (
            f"{example.command}: an example that shows output must fix the date with --today"
        )
        if golden.updating and output != shown:
            _rewrite(example, occurrence, output)
            continue
        assert output == shown, example.command


# A YAML block right after a link to an example file, as in "From [`examples/roles.yaml`](
# examples/roles.yaml):", is quoted from that file and must stay a part of it.
EXCERPT = re.compile(r"\(examples/([\w.-]+)\):\n\n```yaml\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def test_yaml_quoted_from_an_example_file_is_in_that_file() -> None:
    quoted = [
        (doc.name, name, text)
        for doc in DOCS
        for name, text in EXCERPT.findall(doc.read_text(encoding="utf-8"))
    ]
    assert quoted, "no doc quotes an example file any more: drop this test"
    for doc, name, text in quoted:
        source = (ROOT / "docs" / "examples" / name).read_text(encoding="utf-8")
        assert text in source, f"{doc} quotes lines that are not in examples/{name}"


def reads_the_clock(example: Example) -> bool:
    """Whether the example's command takes --today (the ones that read the clock do)."""
    group = typer.main.get_command(app)
    command = next((w for w in example.words[1:] if w in group.commands), None)  # type: ignore[attr-defined]
    if command is None or "--help" in example.words:
        return False
    params = group.commands[command].params  # type: ignore[attr-defined]
    return any("--today" in getattr(p, "opts", []) for p in params)


def _rewrite(example: Example, occurrence: int, output: str) -> None:
    """Replace the output shown under the example's n-th command line with `output`."""
    text = example.doc.read_text(encoding="utf-8")
    marker = f"$ {example.command}\n"
    begin = -1
    for _ in range(occurrence + 1):
        begin = text.index(marker, begin + 1)
    begin += len(marker)
    following = re.compile(r"^(\$ |```)", re.MULTILINE).search(text, begin)
    end = following.start() if following else len(text)
    example.doc.write_text(text[:begin] + output + "\n" + text[end:], encoding="utf-8")
