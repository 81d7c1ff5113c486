"""Reading a rotation file: which files are read at all, and their text as UTF-8."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from relrot.problems import UsageError
from relrot.yamlfile.load import load, parse
from relrot.yamlfile.read import read_source, repository_of
from tests.conftest import ROOT, problems_in_bytes, summary


def test_non_utf8_bytes_point_at_the_first_bad_byte() -> None:
    raw = b"schedule:\n  first_release: 2026-01-13\nmembers:\n  - id: b\xffb\n"
    problems = problems_in_bytes(raw)
    assert summary(problems) == [
        ("yaml-syntax", "error", 4, 10, "byte 0xff is not UTF-8 text; save the file as UTF-8"),
    ]
    assert problems[0].file == "rotation.yaml"


def test_non_utf8_column_counts_characters_not_bytes() -> None:
    # `ë` is two bytes but one column, like every other column the loader reports.
    raw = "schedule: {first_release: 2026-01-13}\nmembers:\n  - {id: zoe, name: Zoë ".encode()
    raw += b"\xff}\n"
    assert summary(problems_in_bytes(raw)) == [
        ("yaml-syntax", "error", 3, 25, "byte 0xff is not UTF-8 text; save the file as UTF-8"),
    ]


def test_non_utf8_after_a_byte_order_mark_names_the_bad_byte() -> None:
    # The mark is invisible in an editor: the bad byte is the 11th character of line 1.
    raw = b"\xef\xbb\xbfschedule: \xff\n"
    assert summary(problems_in_bytes(raw)) == [
        ("yaml-syntax", "error", 1, 11, "byte 0xff is not UTF-8 text; save the file as UTF-8"),
    ]


def test_a_byte_order_mark_is_accepted() -> None:
    raw = b"\xef\xbb\xbfschedule: {first_release: 2026-01-13}\nmembers:\n  - {id: bob}\n"
    assert [m.id for m in parse(raw, "rotation.yaml").model.members] == ["bob"]


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(UsageError) as caught:
        load(path)
    assert caught.value.exit_code == 2
    assert [(p.rule, p.file, p.message) for p in caught.value.problems] == [
        ("usage", str(path), f"{path}: no such file; create one with `relrot init`"),
    ]


def test_a_directory_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        load(tmp_path)
    assert caught.value.exit_code == 2
    assert [(p.rule, p.file, p.message) for p in caught.value.problems] == [
        ("usage", str(tmp_path), f"{tmp_path}: is a directory, not a rotation file"),
    ]


@pytest.mark.parametrize("newline", [b"\r", b"\r\n"], ids=["cr", "crlf"])
def test_lines_are_counted_whatever_the_line_endings(newline: bytes) -> None:
    # Old Mac line endings: CR alone ends a line, as YAML says; CRLF is one line break.
    lines = [b"schedule:", b"  first_release: 2026-01-13", b"members:", b"  - {id: b\xffb}", b""]
    assert summary(problems_in_bytes(newline.join(lines))) == [
        ("yaml-syntax", "error", 4, 11, "byte 0xff is not UTF-8 text; save the file as UTF-8"),
    ]


def test_control_character_points_at_its_line_and_column() -> None:
    # Valid UTF-8 that YAML refuses: the NUL is the 11th character of line 6, not at 1:1.
    raw = b"schedule: {first_release: 2026-01-13}\nmembers:\n  - {id: bob}\n\n\n  - {id: b\x00ob}\n"
    assert summary(problems_in_bytes(raw)) == [
        (
            "yaml-syntax",
            "error",
            6,
            11,
            "character U+0000 is not allowed in YAML text; is this a binary file?",
        ),
    ]


@pytest.mark.parametrize(
    ("character", "code"),
    [("\x1b", "001B"), ("\x07", "0007"), ("\x7f", "007F"), ("\x85", "0085"), ("\x9b", "009B")],
    ids=["esc", "bell", "del", "next-line", "csi"],
)
@pytest.mark.parametrize("where", ["value", "quoted", "comment"])
def test_control_characters_are_refused_anywhere_in_the_text(
    character: str, code: str, where: str
) -> None:
    line = {
        "value": f"  - {{id: bob, name: Bob{character}}}",
        "quoted": f'  - {{id: bob, name: "Bob{character}"}}',
        "comment": f"  - {{id: bob, name: Bob}}  # {character}",
    }[where]
    column = line.index(character) + 1
    raw = f"schedule: {{first_release: 2026-01-13}}\nmembers:\n{line}\n".encode()
    assert summary(problems_in_bytes(raw)) == [
        (
            "yaml-syntax",
            "error",
            3,
            column,
            f"character U+{code} is not allowed in YAML text; is this a binary file?",
        ),
    ]


def test_tabs_and_line_breaks_are_text() -> None:
    raw = b"schedule: {first_release: 2026-01-13}\r\nmembers:\r\n  - {id: bob,\tname: Bob}\r\n"
    assert parse(raw).model.members[0].name == "Bob"


def test_a_symlink_loop_is_named_as_one(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    name = str(tmp_path / "a.yaml")
    with pytest.raises(UsageError) as raised:
        read_source(name)
    assert [p.message for p in raised.value.problems] == [
        f"{name}: symlink loop: the link leads back to itself; point it at the real file"
    ]


def test_a_dangling_link_names_where_it_points(tmp_path: Path) -> None:
    (tmp_path / "rotation.yaml").symlink_to(tmp_path / "gone.yaml")
    name = str(tmp_path / "rotation.yaml")
    with pytest.raises(UsageError) as raised:
        read_source(name)
    assert [p.message for p in raised.value.problems] == [
        f"{name}: a link to '{tmp_path / 'gone.yaml'}', which does not exist"
    ]


def test_a_file_that_cannot_be_read_gets_one_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root reads any file whatever its mode, so the refusal is made by the file system here.
    path = tmp_path / "rotation.yaml"
    path.write_text("schedule: {first_release: 2026-01-13}\n", encoding="utf-8")

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(UsageError) as raised:
        read_source(path)
    found = path.stat()
    assert [p.message for p in raised.value.problems] == [
        f"{path}: cannot read: Permission denied: its mode is {stat.filemode(found.st_mode)} "
        f"(owner uid {found.st_uid}, group gid {found.st_gid}); let this user read it, "
        "for example with `chmod a+r`"
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_nobody_writes_to_is_refused_without_waiting(tmp_path: Path) -> None:
    # Opened without waiting for a writer and judged by what was opened: a FIFO put where
    # the file was (between a look and the open) cannot hang a pre-commit hook or CI job.
    fifo = tmp_path / "rotation.yaml"
    os.mkfifo(fifo)
    result = subprocess.run(
        [sys.executable, "-m", "relrot", "validate", str(fifo)],
        capture_output=True,
        encoding="utf-8",
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        check=False,
        timeout=120,  # only so that a hang fails the test instead of stalling the suite
    )
    assert result.returncode == 2, result
    assert result.stderr == (
        f"relrot: error: {fifo}: not a regular file (a pipe, socket or device); "
        "name the file itself\n"
    )


def test_the_reader_judges_the_opened_file_not_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Nothing looks the name up before opening it: a stat of the name is the race.
    path = tmp_path / "rotation.yaml"
    path.write_bytes(b"schedule: {first_release: 2026-01-13}\n")
    opened: list[int] = []
    real_open = os.open

    def open_watched(name: object, flags: int, *args: int) -> int:
        opened.append(flags)
        return real_open(name, flags, *args)  # type: ignore[arg-type]

    def no_stat(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the name was looked up before it was opened")

    monkeypatch.setattr(os, "open", open_watched)
    monkeypatch.setattr(os, "stat", no_stat)
    monkeypatch.setattr(Path, "stat", no_stat)
    assert read_source(path, within=str(tmp_path)).startswith(b"schedule:")
    assert opened
    assert all(flags & os.O_NONBLOCK for flags in opened)
    assert opened[-1] & os.O_NOFOLLOW


def test_the_repository_of_a_path_is_its_checkout_or_its_folder(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    (checkout / "deep" / "er").mkdir(parents=True)
    (checkout / ".git").mkdir()
    assert repository_of(checkout / "deep" / "er" / "rotation.yaml") == str(checkout)
    assert repository_of(tmp_path / "rotation.yaml") == str(tmp_path)


def test_a_link_that_stays_inside_is_followed_and_one_leading_out_is_not(tmp_path: Path) -> None:
    (tmp_path / "real.yaml").write_bytes(b"x: 1\n")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "inside.yaml").symlink_to(Path("..") / "real.yaml")
    assert read_source(folder / "inside.yaml", within=str(tmp_path)) == b"x: 1\n"
    with pytest.raises(UsageError) as raised:
        read_source(folder / "inside.yaml", within=str(folder))
    assert raised.value.exit_code == 2
    assert "real.yaml" not in raised.value.problems[0].message
