"""Reading the rotation file at a git revision, in a real repository made for each test."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from relrot import git_base
from relrot.git_base import AtRevision, NotAtRevisionError, at_revision, read_at_revision
from relrot.problems import RelrotError, UsageError
from relrot.yamlfile.load import MAX_FILE_BYTES

FIRST = b"schedule: {first_release: 2026-01-13}\n"
SECOND = b"schedule: {first_release: 2026-03-09}\n"


def git(folder: Path, *arguments: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *arguments],
        cwd=folder,
        capture_output=True,
        check=True,
        timeout=30,
    )
    return done.stdout.decode()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with two commits of rotation.yaml (HEAD~1: FIRST, HEAD: SECOND)."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    folder = tmp_path / "repo"
    folder.mkdir()
    git(folder, "init", "--quiet")
    for text in (FIRST, SECOND):
        (folder / "rotation.yaml").write_bytes(text)
        git(folder, "add", "rotation.yaml")
        git(folder, "commit", "--quiet", "-m", "roster")
    return folder


@pytest.fixture
def commands(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The git commands run from now on, in order."""
    ran: list[list[str]] = []
    run = subprocess.run

    def recorded(arguments: list[str], **options: object) -> object:
        ran.append(arguments[1:])
        return run(arguments, **options)  # type: ignore[call-overload]

    monkeypatch.setattr(git_base.subprocess, "run", recorded)
    return ran


def files_in(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if ".git" not in p.parts}


def test_reads_the_file_at_a_revision(repo: Path) -> None:
    path = repo / "rotation.yaml"
    assert read_at_revision("HEAD", path, limit=MAX_FILE_BYTES) == SECOND
    assert read_at_revision("HEAD~1", path, limit=MAX_FILE_BYTES) == FIRST


def test_reads_a_file_in_a_subfolder_by_its_own_name(repo: Path) -> None:
    (repo / "ops").mkdir()
    (repo / "ops" / "rotation.yaml").write_bytes(FIRST)
    git(repo, "add", "ops/rotation.yaml")
    git(repo, "commit", "--quiet", "-m", "ops roster")
    assert read_at_revision("HEAD", repo / "ops" / "rotation.yaml", limit=100) == FIRST


@pytest.mark.parametrize("revision", ["--output=out", "-O/etc/passwd", "-p", "--", "-"])
def test_a_revision_that_looks_like_an_option_is_refused_before_git_runs(
    repo: Path, commands: list[list[str]], revision: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    before = files_in(repo)
    with pytest.raises(UsageError) as caught:
        read_at_revision(revision, repo / "rotation.yaml", limit=MAX_FILE_BYTES)
    assert caught.value.problems[0].message == (
        f"'git:{revision}' is not a revision: a revision cannot start with '-'"
    )
    assert commands == []
    assert files_in(repo) == before


@pytest.mark.parametrize("revision", ["HEAD --output=out", "HEAD:--output=out", "HEAD\n-Oout"])
def test_an_option_after_a_revision_stays_part_of_the_revision(
    repo: Path, revision: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    before = files_in(repo)
    with pytest.raises(UsageError, match="no such commit"):
        read_at_revision(revision, repo / "rotation.yaml", limit=MAX_FILE_BYTES)
    assert files_in(repo) == before


def test_an_unknown_revision_is_named(repo: Path) -> None:
    path = repo / "rotation.yaml"
    with pytest.raises(UsageError) as caught:
        read_at_revision("no-such-branch", path, limit=MAX_FILE_BYTES)
    assert not isinstance(caught.value, NotAtRevisionError)
    assert caught.value.problems[0].message == (
        f"'git:no-such-branch': no such commit in the repository of {path}"
    )


def test_a_file_missing_at_the_revision_is_its_own_error(repo: Path) -> None:
    (repo / "new.yaml").write_bytes(FIRST)
    with pytest.raises(NotAtRevisionError) as caught:
        read_at_revision("HEAD", repo / "new.yaml", limit=MAX_FILE_BYTES)
    assert isinstance(caught.value, UsageError)
    assert caught.value.problems[0].message == (
        "'git:HEAD': new.yaml does not exist at that revision"
    )


def test_a_base_over_the_limit_is_refused_without_reading_it(
    repo: Path, commands: list[list[str]]
) -> None:
    big = b"# roster\n" * 8000  # 72,000 bytes
    (repo / "rotation.yaml").write_bytes(big)
    git(repo, "commit", "--quiet", "-am", "big roster")
    commands.clear()
    with pytest.raises(UsageError) as caught:
        read_at_revision("HEAD", repo / "rotation.yaml", limit=MAX_FILE_BYTES)
    assert caught.value.problems[0].message == (
        f"'git:HEAD': rotation.yaml is {len(big)} bytes at that revision, larger than the "
        f"{MAX_FILE_BYTES} bytes relrot reads"
    )
    # The size came from the listing; the blob itself was never read.
    assert [command[0] for command in commands] == ["rev-parse", "--literal-pathspecs"]
    assert not any("cat-file" in command for command in commands)
    assert read_at_revision("HEAD~1", repo / "rotation.yaml", limit=MAX_FILE_BYTES) == SECOND


def test_a_folder_or_a_link_at_the_revision_is_not_a_rotation_file(repo: Path) -> None:
    (repo / "rotation.yaml").unlink()
    (repo / "rotation.yaml").mkdir()
    (repo / "rotation.yaml" / "inside.yaml").write_bytes(FIRST)
    (repo / "link.yaml").symlink_to("/etc/passwd")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "odd shapes")
    messages = []
    for name in ("rotation.yaml", "link.yaml"):
        with pytest.raises(UsageError) as caught:
            read_at_revision("HEAD", repo / name, limit=MAX_FILE_BYTES)
        messages.append(caught.value.problems[0].message)
    assert messages == [
        "'git:HEAD': rotation.yaml is a folder at that revision, not a rotation file",
        "'git:HEAD': link.yaml is a symbolic link at that revision, not a rotation file",
    ]


def test_outside_a_repository_git_says_why_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    with pytest.raises(UsageError) as caught:
        read_at_revision("HEAD", tmp_path / "rotation.yaml", limit=MAX_FILE_BYTES)
    [problem] = caught.value.problems
    assert problem.message.startswith("'git:HEAD': not a git repository")
    assert "\n" not in problem.message


def test_the_file_at_a_revision_loads_under_the_revision_s_name(repo: Path) -> None:
    roster = b"schedule: {first_release: 2026-01-13}\nmembers: [{id: a}, {id: b}]\n"
    (repo / "rotation.yaml").write_bytes(roster)
    git(repo, "commit", "--quiet", "-am", "roster")
    assert at_revision("HEAD~1", repo / "rotation.yaml") == AtRevision(
        SECOND, "HEAD~1:rotation.yaml"
    )
    project = at_revision("HEAD", repo / "rotation.yaml").load()
    assert (project.path, [m.id for m in project.model.members]) == (
        "HEAD:rotation.yaml",
        ["a", "b"],
    )


def test_the_file_at_a_revision_is_held_to_relrots_size_limit(repo: Path) -> None:
    big = b"# roster\n" * (MAX_FILE_BYTES // 9 + 1)
    (repo / "rotation.yaml").write_bytes(big)
    git(repo, "commit", "--quiet", "-am", "big roster")
    with pytest.raises(UsageError, match=f"larger than the {MAX_FILE_BYTES} bytes relrot reads"):
        at_revision("HEAD", repo / "rotation.yaml")


def test_a_file_that_does_not_load_keeps_its_bytes_and_its_problems_name(repo: Path) -> None:
    broken = b"schedule: {first_release: 2026-01-13}\nmembers: [{id: a}, {id: a}]\n"
    (repo / "rotation.yaml").write_bytes(broken)
    git(repo, "commit", "--quiet", "-am", "broken roster")
    found = at_revision("HEAD", repo / "rotation.yaml")
    assert found.raw == broken
    with pytest.raises(RelrotError) as caught:
        found.load()
    assert {problem.file for problem in caught.value.problems} == {"HEAD:rotation.yaml"}
