"""What `relrot import --dry-run` costs on the largest inputs it accepts (8 MiB each).

Cases: a real-looking `gh issue list --json` of long issues; 80,000 one-line issues; one
issue whose crew table has 400,000 rows; and crafted JSON that only the token-by-token check
can judge (a flat list, then one bracket too deep; long strings, then a long number). Each
runs as `python -m relrot` in a child process; printed are its CPU seconds, peak memory,
bytes written and exit code. Run with `.venv/bin/python benchmarks/import_input.py`.

Targets (issue 24): no case exits 3; each stays within seconds and 200 MiB, and writes at
most a few hundred KiB.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from relrot.importing import MAX_INPUT_BYTES, MAX_JSON_DEPTH

ROSTER = """\
schedule:
  first_release: 2026-01-13
members:
  - {id: ana, github: ana}
  - {id: ben, github: ben}
  - {id: cat, github: cat}
"""
CREW = "| Pilot | @ana |\n|-|-|\n| Co-pilot | @ben |\n"


def _fill(one: str, fixed: int) -> int:
    """How many copies of `one` fit in an input beside `fixed` other characters."""
    return (MAX_INPUT_BYTES - fixed) // len(one)


def inputs() -> dict[str, str]:
    checklist = "- [ ] step with `code`, a [link](https://example.org) and {braces}\n" * 40
    real = {"number": 1, "title": "Release 26.1.x", "url": "https://x/1", "body": CREW + checklist}
    tiny = {"number": 1, "title": "Release 26.1.x", "body": "|Pilot|@ana|\n|-|-|\n"}
    rows = "| Helper | @cat |\n"
    body = CREW + rows * _fill(json.dumps(rows), 400)  # JSON writes each newline as `\n`
    table = {"number": 1, "title": "Release 26.1.x", "body": body}
    flat, strings = "[],", '"x",'
    return {
        "gh issues, long": json.dumps([real] * _fill(json.dumps(real) + ", ", 2)),
        "one-line issues": json.dumps([tiny] * _fill(json.dumps(tiny) + ", ", 2)),
        "one crew table of 7 MiB": json.dumps([table]),
        "flat, then deep": "[" + flat * _fill(flat, 200) + "[" * (MAX_JSON_DEPTH + 1),
        "strings, then long number": "[" + strings * _fill(strings, 200) + "9" * 41 + "]",
    }


def run(folder: Path, name: str, text: str) -> str:
    path = folder / "issues.json"
    path.write_text(text, encoding="utf-8")
    command = [sys.executable, "-m", "relrot", "-f", str(folder / "rotation.yaml"), "import"]
    with (folder / "out").open("wb") as out:
        child = subprocess.Popen(
            [*command, str(path), "--today", "2026-06-01", "--dry-run"], stdout=out, stderr=out
        )
        _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = usage.ru_utime + usage.ru_stime
    written = (folder / "out").stat().st_size
    return (
        f"{name:26} {len(text) / 2**20:4.1f} MiB in  {seconds:6.2f} s  "
        f"{usage.ru_maxrss / 1024:6.0f} MiB peak  {written / 1024:8.1f} KiB out  "
        f"exit {child.returncode}"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "rotation.yaml").write_text(ROSTER, encoding="utf-8")
        for case, text in inputs().items():
            print(run(folder, case, text), flush=True)


if __name__ == "__main__":
    main()
