"""Instructions, not time: relrot's commands against the floor, counted under valgrind.

The CPU time of a run on a shared machine wanders by several percent from round to round,
more than the start-up targets leave between relrot and its floor (benchmarks/startup.py
needs thirty paired rounds to see through it). The number of instructions a run executes
does not wander: under valgrind's callgrind tool, with Python's string hashing fixed, one
run of each command gives the same count every time (to a few parts in a million). So this
script runs `relrot validate`, `plan` and `who` on the repository's rotation.yaml and the
floor (benchmarks/floor.py) once each under callgrind and prints their counts and ratios.

The targets are judged on CPU time; this is for finding where a change's instructions went,
and whether a change saves any at all: `PYTHONPATH=../other/src python
benchmarks/instructions.py` counts another checkout's relrot, as startup.py does. Each run
takes some 50 times its usual time. Needs valgrind (Debian's `valgrind` package); without it
the script says so and exits 0. Run with `make bench`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from startup import ROOT, compile_bytecode, relrot_and_floor

COUNTED = re.compile(r"Collected : (\d+)")


def instructions(command: list[str], env: dict[str, str], scratch: Path) -> int:
    """The instructions one run of `command` executes, as callgrind counts them."""
    result = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={scratch / 'callgrind.out'}",
            *command,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    found = COUNTED.search(result.stderr)
    if found is None or result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} under valgrind: {result.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    if shutil.which("valgrind") is None:
        print("valgrind is not installed here: no instruction counts (apt-get install valgrind)")
        return
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONHASHSEED"] = "0"  # the same string hashes, so the same dict probes, each run
    compile_bytecode(env)
    measured = relrot_and_floor(ROOT / "rotation.yaml")
    # The floor first: every ratio is against it.
    commands = {"floor": measured.pop("floor"), **measured}
    with tempfile.TemporaryDirectory() as folder:
        counts = {name: instructions(c, env, Path(folder)) for name, c in commands.items()}
    floor = counts["floor"]
    print(f"instructions of one run (callgrind), Python {sys.version.split()[0]}")
    for name, count in counts.items():
        print(f"{name:16} {count / 1e6:8.1f} M  {count / floor:.3f}x the floor")
    over = counts["relrot validate"] - 1.10 * floor
    print(f"relrot validate is {over / 1e6:+.1f} M instructions from 1.10x the floor")


if __name__ == "__main__":
    main()
