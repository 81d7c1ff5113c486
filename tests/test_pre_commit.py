"""The shipped hook under real pre-commit: a team's repository whose config points at relrot.

pre-commit clones the hook's repository at `rev:` and pip-installs it, so the test commits
this checkout's files (as they are now, edits included) into a scratch repository first.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

pytest.importorskip("pre_commit")

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "relrot tests",
    "GIT_COMMITTER_NAME": "relrot tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
}

# Two members with one id: an error with a position.
DUPLICATE = SEED.replace("  - {id: tobby}\n", "  - {id: tobby}\n  - {id: bob}\n")


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def snapshot_of_this_checkout(into: Path) -> str:
    """This checkout's files committed into a new repository; the commit's hash."""
    listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            target = into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git(into, "init", "-q", "-b", "main")
    git(into, "add", "-A")
    git(into, "commit", "-q", "-m", "snapshot")
    return git(into, "rev-parse", "HEAD")


def pre_commit(folder: Path, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PRE_COMMIT_HOME": str(home)},
    )


def test_the_hook_checks_every_rotation_file_it_is_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in GIT_IDENTITY.items():
        monkeypatch.setenv(name, value)
    hooks_repo = tmp_path / "relrot"
    hooks_repo.mkdir()
    rev = snapshot_of_this_checkout(hooks_repo)
    team = tmp_path / "team-repo"
    (team / "team").mkdir(parents=True)
    (team / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {hooks_repo}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        "      - id: relrot-validate\n"
        "        args: [--today, '2026-01-01']\n",
        encoding="utf-8",
    )
    (team / "rotation.yaml").write_text(SEED, encoding="utf-8")
    (team / "team" / "rotation.yaml").write_text(SEED, encoding="utf-8")
    git(team, "init", "-q", "-b", "main")
    git(team, "add", "-A")

    passed = pre_commit(team, tmp_path / "cache")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "relrot validate" in passed.stdout

    (team / "team" / "rotation.yaml").write_text(DUPLICATE, encoding="utf-8")
    git(team, "add", "-A")
    failed = pre_commit(team, tmp_path / "cache")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    # The subfolder's file is the one checked and named, at the duplicate's position.
    assert "team/rotation.yaml:7:10: [duplicate-member]" in failed.stdout
    assert "rotation.yaml: valid" in failed.stdout
