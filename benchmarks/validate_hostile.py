"""What `relrot validate` costs on files written to make it print: output and peak memory.

A file relrot accepts holds at most 64 KiB, and one flow line can name thousands of things
that are not there. Before reports were bounded, 4,000 unknown members on one line made
`validate` write 376 MB and peak at 1.5 GB, and a one-line `skip:` list took 11.9 s. This
writes such files (and one of 30,000 schema problems, and two naming one 30 KB text through
thousands of aliases), runs `relrot validate` on each in every format as a separate process,
and reads the bytes it wrote and its peak resident memory (from `os.wait4`, the child's own).

Run with `make bench` (or `.venv/bin/python benchmarks/validate_hostile.py`). Targets
(issue 24): under 1 MB of output and under 200 MiB of memory, every file and format; the
script exits 1 when one is missed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

MAX_OUTPUT_BYTES = 1_000_000
MAX_PEAK_MIB = 200
# The loader's limit (relrot.yamlfile.read.MAX_FILE_BYTES), not imported: this runs relrot only
# as a command.
MAX_FILE_BYTES = 64 << 10
FORMATS = ("text", "json", "github")
TODAY = "2026-01-01"

HEAD = """\
schedule:
  first_release: 2026-01-13{schedule}
members:
  - {{id: bob}}
  - {{id: jane}}
  - {{id: tobby}}
  - {{id: elvis}}
"""


def base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = digits[number % 36]
    while number := number // 36:
        text = digits[number % 36] + text
    return text


def unknown_members(count: int = 4000) -> str:
    """`count` jump-seat requests of members not on the roster, on one flow line (63 KB)."""
    requests = ", ".join(f"{{member: u{base36(n)}}}" for n in range(count))
    return HEAD.format(schedule="") + f"jump_seat: [{requests}]\n"


def unknown_skips(count: int = 6400) -> str:
    """`count` versions the calendar never reaches, in a one-line `skip:` list (63 KB)."""
    versions = ", ".join(f"9.{n}.1" for n in range(count))
    return HEAD.format(schedule=f"\n  skip: [{versions}]")


def schema_problems(count: int = 30_000) -> str:
    """A roster of `count` numbers where mappings belong: a schema problem each (60 KB)."""
    return "schedule:\n  first_release: 2026-01-13\nmembers: [" + ",".join(["1"] * count) + "]\n"


def aliased_skips(count: int = 8000) -> str:
    """One 30 KB text that is no version, and `count` aliases of it in `skip:` (63 KB)."""
    aliases = ", ".join(["*a"] * count)
    return HEAD.format(schedule=f"\n  skip: [&a {'x' * 30_000}, {aliases}]")


def aliased_holidays(count: int = 8000) -> str:
    """One 30 KB text that is no country code, and `count` aliases of it in `holidays:`."""
    aliases = ", ".join(["*a"] * count)
    return HEAD.format(schedule=f"\n  holidays: [&a {'x' * 30_000}, {aliases}]")


FILES: dict[str, Callable[[], str]] = {
    "unknown members, one line": unknown_members,
    "unknown skips, one line": unknown_skips,
    "schema problems, one line": schema_problems,
    "aliases of a long skip": aliased_skips,
    "aliases of a long holiday": aliased_holidays,
}


def measure(path: Path, output: str) -> tuple[int, int, int, float]:
    """Exit code, bytes written to stdout, peak resident memory in KiB and CPU seconds of
    one `relrot validate --format OUTPUT` run."""
    command = [sys.executable, "-m", "relrot", "--file", str(path), "validate"]
    command += ["--today", TODAY, "--format", output]
    with tempfile.TemporaryFile() as written:
        # Into a file, not a pipe: an unbounded report must cost the disk, not this process.
        child = subprocess.Popen(command, stdout=written, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        size = written.seek(0, os.SEEK_END)
    cpu = usage.ru_utime + usage.ru_stime
    return child.returncode, size, usage.ru_maxrss, cpu  # ru_maxrss: KiB on Linux


def main() -> None:
    missed = []
    with tempfile.TemporaryDirectory() as folder:
        for name, write in FILES.items():
            path = Path(folder) / "rotation.yaml"
            path.write_text(write(), encoding="utf-8")
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise SystemExit(f"{name}: {size} bytes, over the loader's {MAX_FILE_BYTES}")
            for output in FORMATS:
                code, written, peak, cpu = measure(path, output)
                print(
                    f"{name} ({size // 1024} KiB) --format {output:<6}: exit {code}, "
                    f"{written:>11,} bytes out, peak {peak / 1024:7.1f} MiB, {cpu:5.1f} s CPU"
                )
                if code != 1:
                    missed.append(f"{name}, {output}: exit {code}, not 1")
                if written >= MAX_OUTPUT_BYTES:
                    missed.append(f"{name}, {output}: {written:,} bytes of output")
                if peak >= MAX_PEAK_MIB * 1024:
                    missed.append(f"{name}, {output}: peak {peak / 1024:.0f} MiB")
    print(f"targets: output < {MAX_OUTPUT_BYTES:,} bytes, peak < {MAX_PEAK_MIB} MiB")
    if missed:
        print("NOT met:", *missed, sep="\n  ")
        raise SystemExit(1)
    print("met")


if __name__ == "__main__":
    main()
