"""What a CI or pre-commit run of `relrot validate` costs, paired with the alternatives.

Runs, in interleaved rounds on the same file:
- `relrot validate` on the repository's rotation.yaml;
- `check-jsonschema` validating the same file against relrot's own schema (what a team
  would otherwise run in CI);
- the bare import of relrot's stack (typer, pydantic's BaseModel, ruamel.yaml).
It also measures peak memory of validate on the repository's file and on hostile files.

Run with `make bench-startup` (installs check-jsonschema into .venv first).
Targets (issue 7): validate <= 0.55x check-jsonschema, <= 1.2x the bare import;
peak memory < 80 MiB on rotation.yaml and < 250 MiB on any hostile file.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ROUNDS = int(os.environ.get("RELROT_BENCH_ROUNDS", "20"))
TODAY = "2026-11-21"


def run(command: list[str]) -> tuple[float, int]:
    """Wall time in seconds and peak resident memory in KiB of one run."""
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - began
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1, 2):
        raise SystemExit(f"{command[0]} exited {code}")
    return elapsed, usage.ru_maxrss


def hostile_files(folder: Path) -> dict[str, Path]:
    bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    bomb += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    members = "schedule: {first_release: 2026-01-13}\nmembers:\n"
    while len(members) < 63 * 1024:
        members += f"  - {{id: m{len(members)}}}\n"
    files = {
        "alias bomb": "\n".join(bomb) + "\n",
        "deep nesting": "[" * 50_000 + "]" * 50_000 + "\n",
        "63 KiB roster": members,
        "1 MiB file": "# padding\n" * 100_000,
    }
    paths = {}
    for name, text in files.items():
        path = folder / (name.replace(" ", "-") + ".yaml")
        path.write_text(text, encoding="utf-8")
        paths[name] = path
    return paths


def main() -> None:
    example = ROOT / "rotation.yaml"
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        schema = folder / "rotation.schema.json"
        with schema.open("w") as handle:
            subprocess.run([BIN / "relrot", "schema"], stdout=handle, check=True)
        commands = {
            "relrot validate": [
                str(BIN / "relrot"),
                "--file",
                str(example),
                "validate",
                "--today",
                TODAY,
            ],
            "check-jsonschema": [
                str(BIN / "check-jsonschema"),
                "--schemafile",
                str(schema),
                str(example),
            ],
            "bare import": [
                str(BIN / "python"),
                "-c",
                "import typer; from pydantic import BaseModel; from ruamel.yaml import YAML",
            ],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        memory: dict[str, int] = {}
        for _ in range(ROUNDS):
            for name, command in commands.items():
                elapsed, peak = run(command)
                times[name].append(elapsed)
                memory[name] = max(memory.get(name, 0), peak)
        hostile = {}
        for name, path in hostile_files(folder).items():
            elapsed, peak = run([str(BIN / "relrot"), "--file", str(path), "validate"])
            hostile[name] = (elapsed, peak)

    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"{ROUNDS} interleaved rounds, Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    print(f"{'command':<18} {'median':>9} {'min':>9} {'peak RSS':>10}")
    for name in commands:
        print(
            f"{name:<18} {median[name] * 1000:7.0f} ms {min(times[name]) * 1000:6.0f} ms "
            f"{memory[name] / 1024:7.1f} MiB"
        )
    ratio_tool = median["relrot validate"] / median["check-jsonschema"]
    ratio_bare = median["relrot validate"] / median["bare import"]
    print(f"validate / check-jsonschema: {ratio_tool:.2f}x (target <= 0.55x)")
    print(f"validate / bare import:      {ratio_bare:.2f}x (target <= 1.2x)")
    print(
        f"validate peak memory:        {memory['relrot validate'] / 1024:.1f} MiB (target < 80 MiB)"
    )
    for name, (elapsed, peak) in hostile.items():
        print(
            f"hostile {name:<17} {elapsed * 1000:6.0f} ms {peak / 1024:7.1f} MiB (target < 250 MiB)"
        )


if __name__ == "__main__":
    main()
