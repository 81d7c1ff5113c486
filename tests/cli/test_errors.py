"""No traceback, ever: every failure is one line naming the file, and a documented exit code."""

from __future__ import annotations

import dataclasses
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
import typer.main

from relrot.cli import app
from tests.conftest import ROOT, Result

TODAY = "2026-03-01"
RELROT = Path(sys.executable).parent / ("relrot.exe" if sys.platform == "win32" else "relrot")

# Contents that are readable but are not a rotation file: exit 1, `file:line:col: …` on stderr.
BAD_CONTENTS = [
    pytest.param(
        b"",
        "1:1: error [schema] the file is empty; it needs at least `schedule:` and `members:` "
        "(`relrot init` writes a starter file)",
        id="empty",
    ),
    pytest.param(
        b"- schedule\n- members\n",
        "1:1: error [schema] the file must be a mapping with `schedule:` and `members:`, "
        "not a list",
        id="list-not-mapping",
    ),
    pytest.param(
        b"\x00\x00\x00\x01relrot\x00",
        "1:1: error [yaml-syntax] character U+0000 is not allowed in YAML text; "
        "is this a binary file?",
        id="binary-with-nul",
    ),
    pytest.param(
        b"PK\x03\x04\x14\x00\x08\x00\xff\xfe\x00",
        "1:9: error [yaml-syntax] byte 0xff is not UTF-8 text; save the file as UTF-8",
        id="zip-archive",
    ),
    pytest.param(
        b"schedule:\n  first_release: 2026-01-13\nmembers:\n  - id: b\xe9b\n",
        "4:10: error [yaml-syntax] byte 0xe9 is not UTF-8 text; save the file as UTF-8",
        id="latin-1",
    ),
]


def run_relrot(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed console script, in a real process: what a user's shell sees."""
    return subprocess.run(
        [str(RELROT), *(str(a) for a in args)],
        capture_output=True,
        encoding="utf-8",
        cwd=cwd,
        check=False,
        timeout=120,
    )


def assert_one_line_without_traceback(stdout: str, stderr: str, expected: str) -> None:
    assert stdout == ""
    assert stderr == expected + "\n"


# --- in process --------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "reason"), BAD_CONTENTS)
def test_bad_contents_exit_1_with_a_located_one_line_reason(
    tmp_path: Path, relrot: Callable[..., Result], raw: bytes, reason: str
) -> None:
    path = tmp_path / "rotation.yaml"
    path.write_bytes(raw)
    result = relrot("--file", path, "plan", "--today", TODAY)
    assert result.exit_code == 1, result
    assert_one_line_without_traceback(result.stdout, result.stderr, f"{path}:{reason}")


def test_a_file_of_many_problems_lists_a_few_and_counts_the_rest(
    tmp_path: Path, relrot: Callable[..., Result]
) -> None:
    path = tmp_path / "rotation.yaml"
    ones = ", ".join(["1"] * 20_000)
    path.write_text(f"schedule:\n  first_release: 2026-01-13\nmembers: [{ones}]\n", "utf-8")
    result = relrot("--file", path, "plan", "--today", TODAY)
    assert result.exit_code == 1, result
    lines = result.stderr.splitlines()
    assert lines[:2] == [
        f"{path}:3:11: error [schema] `members[0]` must be a mapping of keys, not 1",
        f"{path}:3:14: error [schema] `members[1]` must be a mapping of keys, not 1",
    ]
    assert lines[5:] == ["relrot: 19,995 more problems not shown (schema: 19,995); fix these first"]


def test_a_directory_as_file_exits_2(tmp_path: Path, relrot: Callable[..., Result]) -> None:
    result = relrot("--file", tmp_path, "plan", "--today", TODAY)
    assert result.exit_code == 2, result
    assert_one_line_without_traceback(
        result.stdout,
        result.stderr,
        f"relrot: error: {tmp_path}: is a directory, not a rotation file",
    )


def test_a_missing_file_exits_2(tmp_path: Path, relrot: Callable[..., Result]) -> None:
    path = tmp_path / "missing.yaml"
    result = relrot("--file", path, "plan", "--today", TODAY)
    assert result.exit_code == 2, result
    assert_one_line_without_traceback(
        result.stdout,
        result.stderr,
        f"relrot: error: {path}: no such file; create one with `relrot init`",
    )


def as_unprivileged_user(run: Callable[[], Result]) -> Result:
    """`run()` as this user, or, under root (always, in CI), in a child process that has
    given up root for the `nobody` account first: file modes stop nobody but root."""
    if os.geteuid() != 0:
        return run()
    nobody = pwd.getpwnam("nobody")
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through the pipe
        try:
            os.close(reader)
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            result = run()
            os.write(writer, json.dumps(dataclasses.asdict(result)).encode())
        finally:
            os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        reported = pipe.read()
    os.waitpid(child, 0)
    assert reported, "the unprivileged child reported nothing"
    return Result(**json.loads(reported))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
@pytest.mark.parametrize("named", ["--file", "validate"])
def test_an_unreadable_file_exits_2_and_names_its_mode(
    relrot: Callable[..., Result], named: str
) -> None:
    # A folder anyone may enter (pytest's own are private to their owner), so that the one
    # thing keeping the reader out is the file's mode.
    folder = Path(tempfile.mkdtemp(prefix="relrot-mode-"))
    try:
        folder.chmod(0o755)
        path = folder / "rotation.yaml"
        path.write_text("schedule: {first_release: 2026-01-13}\nmembers: [{id: bob}]\n", "utf-8")
        path.chmod(0)
        owner = path.stat()
        relrot("--version")  # the CLI's modules are loaded before the child gives up root
        command = ("--file", path, "plan") if named == "--file" else ("validate", path)
        result = as_unprivileged_user(lambda: relrot(*command, "--today", TODAY))
    finally:
        shutil.rmtree(folder)
    assert result.exit_code == 2, result
    assert_one_line_without_traceback(
        result.stdout,
        result.stderr,
        f"relrot: error: {path}: cannot read: Permission denied: its mode is ---------- "
        f"(owner uid {owner.st_uid}, group gid {owner.st_gid}); let this user read it, "
        "for example with `chmod a+r`",
    )


def test_a_bad_today_is_a_usage_error(relrot: Callable[..., Result]) -> None:
    result = relrot("--file", ROOT / "rotation.yaml", "plan", "--today", "soon")
    assert result.exit_code == 2, result
    assert_one_line_without_traceback(
        result.stdout,
        result.stderr,
        "relrot: error: --today 'soon' is not a date; write YYYY-MM-DD",
    )


def test_version(relrot: Callable[..., Result]) -> None:
    result = relrot("--version")
    assert result.exit_code == 0, result
    assert result.stdout == "relrot 0.1.0\n"
    assert result.stderr == ""


def test_help_gives_every_command_a_whole_one_line_description(
    relrot: Callable[..., Result],
) -> None:
    result = relrot("--help")
    assert result.exit_code == 0, result
    assert result.stdout.startswith("Usage: relrot [OPTIONS] COMMAND [ARGS]...\n")
    # Column widths follow the longest command name, so compare the row's words, not spacing.
    commands = result.stdout.split("\nCommands:\n", 1)[1].splitlines()
    rows = dict(line.split(maxsplit=1) for line in commands if line.startswith("  "))
    assert rows["plan"] == "Show the crew of the coming releases."
    assert set(rows) == set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    # A description cut short ends in "..."; each must fit on its line whole.
    assert not [name for name, text in rows.items() if text.endswith("...")]


# --- the installed console script --------------------------------------------------------------


@pytest.mark.parametrize(("raw", "reason"), BAD_CONTENTS)
def test_console_script_bad_contents_exit_1(tmp_path: Path, raw: bytes, reason: str) -> None:
    path = tmp_path / "rotation.yaml"
    path.write_bytes(raw)
    result = run_relrot("--file", path, "plan", "--today", TODAY, cwd=tmp_path)
    assert result.returncode == 1, result
    assert_one_line_without_traceback(result.stdout, result.stderr, f"{path}:{reason}")


def test_console_script_directory_and_missing_file_exit_2(tmp_path: Path) -> None:
    directory = run_relrot("--file", tmp_path, "plan", "--today", TODAY, cwd=tmp_path)
    assert directory.returncode == 2, directory
    assert_one_line_without_traceback(
        directory.stdout,
        directory.stderr,
        f"relrot: error: {tmp_path}: is a directory, not a rotation file",
    )
    # No --file: the default ./rotation.yaml does not exist in an empty directory.
    missing = run_relrot("plan", "--today", TODAY, cwd=tmp_path)
    assert missing.returncode == 2, missing
    assert_one_line_without_traceback(
        missing.stdout,
        missing.stderr,
        "relrot: error: rotation.yaml: no such file; create one with `relrot init`",
    )


def test_console_script_reports_unexpected_yaml_as_a_file_problem(tmp_path: Path) -> None:
    # An ordered-map tag is valid YAML that a rotation file never needs: a located
    # problem (exit 1), not the internal-error fallback (exit 3).
    path = tmp_path / "rotation.yaml"
    path.write_text(
        "schedule: {first_release: 2026-01-13}\nmembers:\n  - id: bob\n    name: !!omap [a: 1]\n",
        encoding="utf-8",
    )
    result = run_relrot("--file", path, "plan", "--today", TODAY, cwd=tmp_path)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1, result
    assert result.stderr.startswith(f"{path}:4:11: error [schema] ")
    assert result.stderr.count("\n") == 1


def test_module_version_in_a_real_process(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "relrot", "--version"],
        capture_output=True,
        encoding="utf-8",
        cwd=tmp_path,
        check=False,
        timeout=120,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "relrot 0.1.0\n", "")


# Every command reads the file through the loader; the editing ones read it round-trip.
EVERY_READER = {
    "validate": ("validate",),
    "validate-json": ("validate", "--format", "json"),
    "plan": ("plan",),
    "who": ("who", "26.3.0"),
    "stats": ("stats",),
    "swap": ("swap", "26.3.0", "bob"),
    "away": ("away", "bob", "2026-05-01", "2026-05-02"),
    "pin": ("pin", "--yes"),
    "shipped": ("shipped", "26.1.0", "2026-01-14"),
    "notify": ("notify",),
}
CLOCKLESS = {"issue": ("issue", "26.3.0")}
TAGGED_VALUES = {
    "bool-maybe": ("  every_months: !!bool maybe\n", (3, 17, "yaml-syntax")),
    "int-0x": ("  every_months: !!int 0x\n", (3, 17, "yaml-syntax")),
    "int-empty": ("  every_months: !!int\n", (3, 17, "yaml-syntax")),
    "float-empty": ('  every_months: !!float ""\n', (3, 17, "yaml-syntax")),
    "omap-repeating": ("  skip: !!omap [{a: 1}, {a: 2}]\n", (3, 9, "schema")),
    "set-of-text": ("  skip: !!set x\n", (3, 9, "schema")),
    "timezone-250-parts": (f"  timezone: {'A/' * 250}B\n", (3, 13, "schema")),
}


@pytest.mark.parametrize("tagged", TAGGED_VALUES, ids=list(TAGGED_VALUES))
@pytest.mark.parametrize("command", [*EVERY_READER, *CLOCKLESS])
def test_a_tagged_value_is_a_located_problem_in_every_command(
    tmp_path: Path, relrot: Callable[..., Result], command: str, tagged: str
) -> None:
    text, (line, column, rule) = TAGGED_VALUES[tagged]
    path = tmp_path / "rotation.yaml"
    before = (
        "schedule:\n  first_release: 2026-01-13\n"
        + text
        + "members: [{id: bob}, {id: amy}, {id: cid}, {id: dan}]\n"
    )
    path.write_text(before, encoding="utf-8")
    args = CLOCKLESS.get(command) or (*EVERY_READER[command], "--today", TODAY)
    result = relrot("--file", path, *args)
    assert result.exit_code == 1, result
    if command == "validate-json":
        found = json.loads(result.stdout)["problems"]
        assert [(p["file"], p["line"], p["column"], p["rule"]) for p in found] == [
            (str(path), line, column, rule)
        ]
    else:
        output = result.stdout + result.stderr
        assert f"{path}:{line}:{column}:" in output
        assert f"[{rule}]" in output
    assert path.read_text(encoding="utf-8") == before


# --- the checkout is the boundary of what relrot reads ----------------------------------------

LINK_READERS = {
    "validate": ("validate",),
    "validate-json": ("validate", "--format", "json"),
    "plan": ("plan",),
    "diff": ("diff", "rotation.yaml"),
    "who": ("who", "26.3.0"),
    "stats": ("stats",),
    "notify": ("notify", "--since", "rotation.yaml"),
}


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX files")
@pytest.mark.parametrize("target", ["/etc/passwd", "/proc/self/environ"])
@pytest.mark.parametrize("command", LINK_READERS, ids=list(LINK_READERS))
def test_a_link_out_of_the_checkout_is_not_read(
    tmp_path: Path,
    relrot: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    target: str,
) -> None:
    if not Path(target).exists():
        pytest.skip(f"no {target} here")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "rotation.yaml").symlink_to(target)
    monkeypatch.chdir(tmp_path)
    result = relrot("--file", "rotation.yaml", *LINK_READERS[command], "--today", TODAY)
    assert result.exit_code == 2, result
    output = result.stdout + result.stderr
    # Nothing of the target: not a line of /etc/passwd, not a variable of the environment.
    assert "root:" not in output
    assert "PATH=" not in output
    assert target not in output
    assert result.stderr == (
        f"relrot: error: rotation.yaml: leads out of {tmp_path}, and relrot reads only files "
        "inside the repository (or, outside git, the folder) of the file it was given; copy "
        "the file in instead of linking to it\n"
    )


def test_a_link_out_of_a_folder_outside_git_is_not_read(
    tmp_path: Path, relrot: Callable[..., Result]
) -> None:
    (tmp_path / "secret.yaml").write_text("schedule: {first_release: 2026-01-13}\n")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "rotation.yaml").symlink_to(tmp_path / "secret.yaml")
    result = relrot("--file", folder / "rotation.yaml", "plan", "--today", TODAY)
    assert result.exit_code == 2, result
    assert "first_release" not in result.stdout + result.stderr
    assert f"leads out of {folder}," in result.stderr


def test_a_file_named_directly_is_read_wherever_it_is(
    tmp_path: Path, relrot: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The boundary is the repository (or folder) of the path as given: a user who names a
    # file in another checkout reads that file, and a link inside its repository is followed.
    other = tmp_path / "other"
    (other / "config").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(other)], check=True)
    (other / "config" / "crew.yaml").write_text(
        "schedule: {first_release: 2026-01-13}\nmembers: [{id: a}, {id: b}, {id: c}]\n"
    )
    (other / "rotation.yaml").symlink_to(Path("config") / "crew.yaml")
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    result = relrot("--file", other / "rotation.yaml", "validate", "--today", TODAY)
    assert result.exit_code == 0, result


ISSUE_FILE = (
    "project: {{name: demo, issue_template: {template}}}\n"
    "schedule: {{first_release: 2026-01-13}}\n"
    "members: [{{id: bob}}, {{id: amy}}, {{id: cid}}, {{id: dan}}]\n"
)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX files")
@pytest.mark.parametrize(
    ("template", "reason"),
    [
        (
            "../../../../../../../../etc/passwd",
            "{path}: leads out of {root}, and relrot reads only files inside the repository "
            "(or, outside git, the folder) of the file it was given; copy the file in instead "
            "of linking to it",
        ),
        (
            "/etc/passwd",
            "`project.issue_template` '/etc/passwd' is an absolute path; name the template "
            "relative to rotation.yaml, inside its repository",
        ),
    ],
    ids=["climbing-out", "absolute"],
)
def test_an_issue_template_outside_the_repository_is_not_read(
    tmp_path: Path,
    relrot: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    template: str,
    reason: str,
) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "rotation.yaml").write_text(ISSUE_FILE.format(template=template))
    monkeypatch.chdir(tmp_path)
    result = relrot("--file", "rotation.yaml", "issue", "26.3.0")
    assert result.exit_code == 2, result
    assert "root:" not in result.stdout + result.stderr
    path = str(Path("rotation.yaml").parent / template)
    assert result.stderr == "relrot: error: " + reason.format(path=path, root=tmp_path) + "\n"


def test_an_issue_template_linked_out_of_the_repository_is_not_read(
    tmp_path: Path, relrot: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    checkout = tmp_path / "checkout"
    (checkout / ".github").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(checkout)], check=True)
    (tmp_path / "secret.md").write_text("the secret\n")
    (checkout / ".github" / "release.md").symlink_to(tmp_path / "secret.md")
    (checkout / "rotation.yaml").write_text(ISSUE_FILE.format(template=".github/release.md"))
    monkeypatch.chdir(checkout)
    result = relrot("--file", "rotation.yaml", "issue", "26.3.0")
    assert result.exit_code == 2, result
    assert "secret" not in result.stdout + result.stderr
    # Inside the repository the template is read as before.
    (checkout / ".github" / "release.md").unlink()
    (checkout / ".github" / "release.md").write_text("Pilot: {{pilot}}\n")
    assert relrot("--file", "rotation.yaml", "issue", "26.3.0").exit_code == 0


def test_a_link_into_gits_own_folder_is_not_read(
    tmp_path: Path, relrot: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    # In CI, .git/config may hold the job's token (actions/checkout puts it there).
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "rotation.yaml").symlink_to(Path(".git") / "config")
    monkeypatch.chdir(tmp_path)
    result = relrot("--file", "rotation.yaml", "validate", "--today", TODAY)
    assert result.exit_code == 2, result
    assert "[core]" not in result.stdout + result.stderr
    assert result.stderr.startswith(f"relrot: error: rotation.yaml: leads out of {tmp_path}, ")
