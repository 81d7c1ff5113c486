"""No text from a roster file or the command line can forge a GitHub workflow command."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from relrot.cli.guard import GuardedStream, defused, unsafe_text
from tests.conftest import Result

Run = Callable[..., Result]

# Names, reasons and notes that would be workflow commands at the start of a line. None holds
# a control character: those are refused when the file is read.
FORGING = """\
schedule:
  first_release: 2026-01-13
  milestones:
    - {name: "::warning::branch", days: -7, note: "##[error]cut the branch"}
members:
  - {id: bob, name: "::error file=a.py::forged"}
  - {id: jane, name: "  ::add-mask::secret"}
  - {id: tobby, name: "##[error]tobby"}
  - {id: elvis, name: "::stop-commands::token"}
swaps:
  - {release: 26.7.0, seat: co_pilot, out: jane, in: bob, reason: "::error::because"}
"""

TODAY = ("--today", "2026-01-01")
COMMANDS = {
    "plan": ("plan", "--count", "8", *TODAY),
    "plan-json": ("plan", "--count", "8", "--format", "json", *TODAY),
    "plan-markdown": ("plan", "--count", "8", "--format", "markdown", *TODAY),
    "plan-csv": ("plan", "--count", "8", "--format", "csv", *TODAY),
    "plan-ics": ("plan", "--count", "8", "--format", "ics", *TODAY),
    "plan-mermaid": ("plan", "--count", "8", "--format", "mermaid", *TODAY),
    "plan-gantt": ("plan", "--count", "8", "--format", "mermaid-gantt", *TODAY),
    "who": ("who", "26.3.0", *TODAY),
    "issue": ("issue", "26.3.0"),
    "validate": ("validate", *TODAY),
    "diff": ("diff", "base.yaml", *TODAY),
    "notify": ("notify", "--since", "base.yaml", "--today", "2025-12-23"),
    "swap": ("swap", "26.3.0", "jane", "--dry-run", *TODAY),
    "away": ("away", "tobby", "2026-05-01", "2026-05-31", "--dry-run", *TODAY),
}
COMMAND_AT_LINE_START = re.compile(r"^\s*(::|##\[)", re.MULTILINE)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_no_output_line_starts_a_workflow_command(
    rotation_file: Callable[..., Path], relrot: Run, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    path = rotation_file(FORGING)
    rotation_file(FORGING.replace('name: "##[error]tobby"', "name: Tobby"), "base.yaml")
    monkeypatch.chdir(path.parent)
    result = relrot("--file", path, *COMMANDS[command])
    assert result.exit_code in (0, 1), result
    assert result.stdout  # the hostile text was shown, escaped
    assert COMMAND_AT_LINE_START.findall(result.stdout + result.stderr) == []


def test_validate_github_writes_only_its_own_annotations(
    rotation_file: Callable[..., Path], relrot: Run
) -> None:
    path = rotation_file(FORGING.replace("in: bob", "in: bbo"))
    result = relrot("--file", path, "validate", "--format", "github", *TODAY)
    assert result.exit_code == 1, result
    lines = result.stdout.splitlines()
    assert lines
    assert all(
        re.match(r"::(error|warning|notice) file=[^:]*,line=\d+,col=\d+,title=", ln) for ln in lines
    )


def test_the_stream_defuses_commands_split_across_writes() -> None:
    out = io.StringIO()
    stream = GuardedStream(out)
    for chunk in ["ok\n", "  ", "::error::x\n", "a::b\n::c", "\n##[group]y\n", "\u3000", "::z\n"]:
        stream.write(chunk)
    stream.flush()
    assert out.getvalue() == "ok\n  \\::error::x\na::b\n\\::c\n\\##[group]y\n\u3000\\::z\n"


def test_the_stream_defuses_commands_after_a_carriage_return() -> None:
    # The runner ends a line at CR, LF and CRLF alike, also where a write ends in a CR.
    out = io.StringIO()
    stream = GuardedStream(out)
    for chunk in ["a\r::error::x", "\r\n::warning::y\r", "  ", "##[group]z\r", "\n::w"]:
        stream.write(chunk)
    stream.flush()
    assert out.getvalue() == "a\r\\::error::x\r\n\\::warning::y\r  \\##[group]z\r\n\\::w"


def test_defused_text_guards_every_kind_of_line_end() -> None:
    assert defused("::a\r::b\r\n ::c\n##[d") == "\\::a\r\\::b\r\n \\::c\n\\##[d"


def test_the_stream_is_a_text_stream() -> None:
    with pytest.raises(TypeError):
        GuardedStream(io.StringIO()).write(b"")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("fine text, with ünïcode", None),
        ("a\nb", "a control character (U+000A) at position 2"),
        ("\x1b[31mred", "a control character (U+001B) at position 1"),
        ("x\x9b", "a control character (U+009B) at position 2"),
        ("\x7f", "a control character (U+007F) at position 1"),
        ("bad\udcff", "a byte that is not UTF-8 text at position 4"),
    ],
)
def test_unsafe_command_line_text(text: str, why: str | None) -> None:
    assert unsafe_text(text) == why


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("swap", "26.3.0", "jane", "--reason", "x\n::error::y"),
            "--reason 'x\\n::error::y' has a control character (U+000A) at position 2",
        ),
        (("who", "\x1b]0;title\x07"), "WHEN '\\x1b]0;title\\x07' has a control character (U+001B)"),
        (("swap", "26.3.0", "ja\udcffne"), "MEMBER 'ja\\udcffne' has a byte that is not UTF-8"),
    ],
)
def test_command_line_text_with_control_characters_is_refused(
    rotation_file: Callable[..., Path], relrot: Run, args: tuple[str, ...], message: str
) -> None:
    path = rotation_file(FORGING)
    before = path.read_bytes()
    result = relrot("--file", path, *args, *TODAY)
    assert result.exit_code == 2, result
    assert result.stderr.startswith(f"relrot: error: {message}")
    assert result.stderr.count("\n") == 1
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("version", "odd"), [("::error::{n}", "':'"), ("{yy}#{m}", "'#'"), ("v {n}", "' '")]
)
def test_a_version_template_holds_only_version_characters(
    rotation_file: Callable[..., Path], relrot: Run, version: str, odd: str
) -> None:
    path = rotation_file(FORGING.replace("  milestones:", f"  version: {version!r}\n  milestones:"))
    result = relrot("--file", path, "validate", *TODAY)
    assert result.exit_code == 1, result
    assert (
        "`schedule.version`: `version` may hold only letters, digits and . _ + ~ - around its "
        f"fields, not {odd}"
    ) in result.stdout


def test_github_format_refuses_a_link_out_of_the_working_tree(
    tmp_path: Path, relrot: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    (checkout / "rotation.yaml").symlink_to(outside)
    monkeypatch.chdir(checkout)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    result = relrot("--file", "rotation.yaml", "validate", "--format", "github")
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert "root:x" not in result.stderr
    assert str(outside) not in result.stderr
    assert result.stderr == (
        "relrot: error: rotation.yaml is a link that leads outside the working tree "
        f"{checkout}; with --format github relrot reads no file a link leads out of the "
        "checkout to\n"
    )
    # A link that stays inside the checkout is read as usual.
    (checkout / "real.yaml").write_text(FORGING, encoding="utf-8")
    (checkout / "inside.yaml").symlink_to(checkout / "real.yaml")
    inside = relrot("--file", "inside.yaml", "validate", "--format", "github", *TODAY)
    assert inside.exit_code == 0, inside
    assert (checkout / "inside.yaml").is_symlink()
