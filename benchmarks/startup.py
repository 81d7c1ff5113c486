"""What a CI or pre-commit run of relrot costs, paired with its stack and the alternatives.

Runs, in interleaved rounds (a fresh random order each round) on the repository's
rotation.yaml, each as a user runs it:
- `relrot validate`, `relrot plan` and `relrot who` through the console script;
- the stack floor: Python importing what Typer and pydantic need, with ruamel.yaml and
  dateutil (relrot cannot cost less than its libraries);
- the stack in use: the floor, then one pydantic validator built (what any program that
  validates with pydantic pays once: pydantic's plugin loader imports `importlib.metadata`);
- the empty command: the floor's imports, then validate's command line parsed by Typer with
  nothing behind it (benchmarks/empty_command.py), the least that a program on relrot's
  stack taking validate's options costs;
- the floor (benchmarks/floor.py, issue 30): the empty command with the collector off while
  it imports, then the file read by ruamel's C safe loader, validated once by a pydantic
  `TypeAdapter(dict[str, object])`, one line printed and `os._exit`: what any tool on
  relrot's stack pays to do validate's job;
- `check-jsonschema` validating the same file against `relrot schema` (what a team would
  otherwise run in CI) and `yamllint` on the same file;
- bare `python -c pass`, for peak memory.
It reports medians and minimums of whole-process CPU time (user + system, from `wait4`), the
median wall time, the paired ratios with their spread over rounds, the peak memory of each
command, and what each target leaves relrot's own work above the empty command.

Bytecode is compiled before the first round and written as usual, so no round pays for
compiling: the figures are those of an installed relrot. The commands run with this
interpreter's environment, so `PYTHONPATH=src python benchmarks/startup.py` measures a
checkout other than the one installed. Run with `make bench`.
Targets (issue 30): validate <= 1.10x the floor and <= 0.70x check-jsonschema (CPU, by the
medians of the per-round ratios and by the ratio of minimums). Issue 18's, against the stack
floor's imports alone, are reported beside them.
"""

from __future__ import annotations

import compileall
import os
import random
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ROUNDS = int(os.environ.get("RELROT_BENCH_ROUNDS", "30"))
TODAY = "2026-11-21"
FLOOR = (
    "import typer.main, typer._adapters, ruamel.yaml, dateutil.relativedelta; "
    "from pydantic import BaseModel"
)
# The floor with pydantic put to use once, as any program validating with it does: the first
# validator pydantic builds imports its plugin loader, and with it `importlib.metadata`.
IN_USE = FLOOR + "; from pydantic import TypeAdapter; TypeAdapter(int)"
RELROT = ("relrot validate", "relrot plan", "relrot who")
BASELINES = (
    "floor",
    "stack floor",
    "stack in use",
    "empty command",
    "check-jsonschema",
    "yamllint",
)
TARGETS = {("relrot validate", "floor"): 1.10, ("relrot validate", "check-jsonschema"): 0.70}
EARLIER_TARGETS = {
    ("relrot validate", "stack floor"): 1.15,
    ("relrot validate", "check-jsonschema"): 0.75,
}


class Usage:
    """One run: CPU seconds, wall seconds, peak resident memory in KiB and the exit code."""

    def __init__(self, cpu: float, wall: float, peak: int, code: int) -> None:
        self.cpu, self.wall, self.peak, self.code = cpu, wall, peak, code


def run(command: list[str], env: dict[str, str]) -> Usage:
    began = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - began
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1, 2):
        raise SystemExit(f"{' '.join(command)} exited {code}")
    return Usage(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss, code)


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


def compile_bytecode(env: dict[str, str]) -> None:
    """Compile relrot (wherever this environment imports it from) and the libraries."""
    where = subprocess.run(
        [sys.executable, "-c", "import relrot; print(relrot.__file__)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    for folder in (Path(where.stdout.strip()).parent, Path(sysconfig.get_paths()["purelib"])):
        compileall.compile_dir(folder, quiet=1)


def relrot_and_floor(example: Path) -> dict[str, list[str]]:
    """The command lines of `relrot validate`, `plan` and `who` on `example`, as a user runs
    them, and of the floor doing validate's job on it (imported, not run as a script, so
    that its bytecode is cached as relrot's is)."""
    relrot = str(BIN / "relrot")
    at = ["--file", str(example)]
    return {
        "relrot validate": [relrot, *at, "validate", "--today", TODAY],
        "relrot plan": [relrot, *at, "plan", "--today", TODAY],
        "relrot who": [relrot, *at, "who", "--today", TODAY],
        "floor": [
            sys.executable,
            "-c",
            f"import sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); "
            "import floor; floor.run()",
            *at,
            "validate",
            "--today",
            TODAY,
        ],
    }


def quartiles(values: list[float]) -> tuple[float, float, float]:
    low, middle, high = statistics.quantiles(values, n=4)
    return low, middle, high


def main() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    compile_bytecode(env)
    example = ROOT / "rotation.yaml"
    relrot = str(BIN / "relrot")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        schema = folder / "rotation.schema.json"
        with schema.open("w") as handle:
            subprocess.run([relrot, "schema"], stdout=handle, check=True, env=env)
        validate = ["--file", str(example), "validate", "--today", TODAY]
        measured = relrot_and_floor(example)
        commands = {
            **{name: measured[name] for name in RELROT},
            "stack floor": [sys.executable, "-c", FLOOR],
            "stack in use": [sys.executable, "-c", IN_USE],
            # Imported, not run as a script, so that its bytecode is cached as relrot's is.
            "empty command": [
                sys.executable,
                "-c",
                f"import sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); "
                "from empty_command import app; app()",
                *validate,
            ],
            "floor": measured["floor"],
            "check-jsonschema": [
                str(BIN / "check-jsonschema"),
                "--schemafile",
                str(schema),
                str(example),
            ],
            "yamllint": [str(BIN / "yamllint"), str(example)],
            "python -c pass": [sys.executable, "-c", "pass"],
        }
        for name in ("check-jsonschema", "yamllint"):
            if not Path(commands[name][0]).exists():
                print(f"{name} is not installed here, left out (`make bench` installs it)")
                del commands[name]
        for name, command in commands.items():  # a warm-up round, not counted
            # Every command must do its whole job here: one that stopped at a usage error
            # would look cheap. Only yamllint may report the file (its default rules find
            # lines too long).
            code = run(command, env).code
            if code != 0 and name != "yamllint":
                raise SystemExit(f"{name}: {' '.join(command)} exited {code}, not 0")
        runs: dict[str, list[Usage]] = {name: [] for name in commands}
        order = list(commands)
        for _ in range(ROUNDS):
            random.shuffle(order)
            for name in order:
                runs[name].append(run(commands[name], env))
        hostile = {
            name: run([relrot, "--file", str(path), "validate"], env)
            for name, path in hostile_files(folder).items()
        }
    report(runs, hostile)


def report(runs: dict[str, list[Usage]], hostile: dict[str, Usage]) -> None:
    cpu = {name: [u.cpu for u in usages] for name, usages in runs.items()}
    print(
        f"{ROUNDS} interleaved rounds, Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
        "compiled bytecode"
    )
    print(
        f"{'command':<17} {'cpu median':>10} {'cpu IQR':>14} {'cpu min':>9} {'wall median':>11} "
        f"{'peak RSS':>9}"
    )
    bare_peak = statistics.median(u.peak for u in runs["python -c pass"])
    for name, usages in runs.items():
        low, middle, high = quartiles(cpu[name])
        wall = statistics.median(u.wall for u in usages)
        peak = statistics.median(u.peak for u in usages)
        extra = f" (+{(peak - bare_peak) / 1024:.1f})" if name != "python -c pass" else ""
        print(
            f"{name:<17} {middle * 1000:7.1f} ms {low * 1000:5.1f}-{high * 1000:5.1f} ms "
            f"{min(cpu[name]) * 1000:6.1f} ms {wall * 1000:8.1f} ms {peak / 1024:6.1f} MiB{extra}"
        )
    # Other work on the machine only ever adds CPU time, so the minimums, which it touches
    # least, are reported beside the medians the targets are set in.
    print(
        "paired ratios of CPU time: median of the per-round ratios [their quartiles] "
        "(ratio of minimums)"
    )
    for ours, theirs in [(o, t) for o in RELROT for t in BASELINES] + [
        ("empty command", "stack floor"),
        ("floor", "stack floor"),
        ("floor", "check-jsonschema"),
    ]:
        if not (cpu.get(ours) and cpu.get(theirs)):
            continue
        low, middle, high = quartiles([a / b for a, b in zip(cpu[ours], cpu[theirs], strict=True)])
        least = min(cpu[ours]) / min(cpu[theirs])
        verdict = ""
        for label, targets in (("target", TARGETS), ("issue 18", EARLIER_TARGETS)):
            if (target := targets.get((ours, theirs))) is not None:
                met = "met" if middle <= target and least <= target else "NOT met"
                verdict += f"  {label} <= {target:.2f}x: {met}"
        pair = f"{ours} / {theirs}"
        print(f"{pair:<36} {middle:5.2f}x [{low:.2f}-{high:.2f}] ({least:.2f}x){verdict}")
    for ours, theirs in TARGETS:
        if cpu.get(theirs):
            print(
                f"peak memory: {ours} {statistics.median(u.peak for u in runs[ours]) / 1024:.1f} "
                f"MiB, {theirs} {statistics.median(u.peak for u in runs[theirs]) / 1024:.1f} MiB"
            )
    # What each target leaves relrot for its own work (imports, reading, models, rules, plan)
    # once Typer has parsed validate's command line, by medians and by minimums.
    for label, measure in (("medians", statistics.median), ("minimums", min)):
        empty_command = measure(cpu["empty command"])
        for (ours, theirs), target in TARGETS.items():
            if not cpu.get(theirs):
                continue
            allowed = target * measure(cpu[theirs])
            left = allowed - empty_command
            where = f"{left * 1000:.1f} ms above" if left >= 0 else f"{-left * 1000:.1f} ms below"
            print(
                f"by {label}, {ours} <= {target:.2f}x {theirs} is {allowed * 1000:.1f} ms: "
                f"{where} the empty command, where {ours} uses "
                f"{(measure(cpu[ours]) - empty_command) * 1000:.1f} ms above it"
            )
    for name, usage in hostile.items():
        print(
            f"hostile {name:<15} {usage.cpu * 1000:6.0f} ms cpu {usage.peak / 1024:6.1f} MiB "
            "(target < 250 MiB)"
        )


if __name__ == "__main__":
    main()
