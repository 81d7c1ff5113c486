"""Long plans through the command line, as a user runs them (issue 30).

Writes rotation files of 500 and 1,000 members (monthly releases numbered `{n}.0`, 300 away
ranges over 80 years, as benchmarks/plan_scale.py) and runs `relrot plan` through the
console script in interleaved rounds (a fresh random order each round):
- 1,000 and 10,000 releases of the 500 members, as JSON and as the table;
- 10,000 releases of 1,000 members as JSON, and 5,000 releases of the 500 as JSON.
It reports whole-process CPU time (user + system, from `wait4`): medians and minimums, and
paired ratios as the median of the per-round ratios and the ratio of minimums.
Targets: 10,000 as the table <= 2x as JSON; 10,000 as JSON on 1,000 members <= 2.1x on 500
members, and <= 2.1x 5,000 releases (no worse than linear).

Run with `make bench` (or `.venv/bin/python benchmarks/plan_commands.py`);
`RELROT_BENCH_ROUNDS` sets the rounds (5).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BIN = Path(sys.executable).parent
ROUNDS = int(os.environ.get("RELROT_BENCH_ROUNDS", "5"))
AWAY_RANGES = 300
TODAY = "2026-01-01"
TARGETS = {
    ("10000 table", "10000 json"): 2.0,
    ("10000 json, 1000 members", "10000 json"): 2.1,
    ("10000 json", "5000 json"): 2.1,
}


def rotation(members: int, seed: int = 7) -> str:
    """A rotation file: `members` members (one in ten not core), 300 away ranges."""
    rng = random.Random(seed)
    away: dict[int, list[str]] = {}
    start = dt.date(2026, 1, 1)
    for _ in range(AWAY_RANGES):
        first = start + dt.timedelta(days=rng.randrange(365 * 80))
        last = first + dt.timedelta(days=rng.randrange(1, 120))
        away.setdefault(rng.randrange(members), []).append(f"{{from: {first}, to: {last}}}")
    lines = ["schedule: {first_release: 2026-01-13, every_months: 1, version: '{n}.0'}"]
    lines.append("members:")
    for i in range(members):
        core = "" if i % 10 != 9 else ", core: false"
        ranges = f", away: [{', '.join(away[i])}]" if i in away else ""
        lines.append(f"  - {{id: m{i:04d}{core}{ranges}}}")
    return "\n".join(lines) + "\n"


def cpu(command: list[str]) -> float:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    assert process.stderr is not None
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)}: {process.stderr.read().decode()}")
    process.stderr.close()
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    relrot = str(BIN / "relrot")
    with tempfile.TemporaryDirectory() as scratch:
        files = {}
        for members in (500, 1000):
            files[members] = Path(scratch) / f"rotation-{members}.yaml"
            files[members].write_text(rotation(members), encoding="utf-8")

        def plan(members: int, count: int, output: str) -> list[str]:
            at = [relrot, "--file", str(files[members]), "plan", "--today", TODAY]
            return [*at, "--count", str(count), "--format", output]

        commands = {
            "1000 json": plan(500, 1000, "json"),
            "1000 table": plan(500, 1000, "table"),
            "5000 json": plan(500, 5000, "json"),
            "10000 json": plan(500, 10000, "json"),
            "10000 table": plan(500, 10000, "table"),
            "10000 json, 1000 members": plan(1000, 10000, "json"),
        }
        for command in commands.values():  # a warm-up round, which must succeed
            cpu(command)
        times: dict[str, list[float]] = {name: [] for name in commands}
        order = list(commands)
        for _ in range(ROUNDS):
            random.shuffle(order)
            for name in order:
                times[name].append(cpu(commands[name]))
    print(f"relrot plan, 500 members unless said, {ROUNDS} interleaved rounds, CPU time")
    for name, values in times.items():
        print(
            f"{name:<26} median {statistics.median(values) * 1000:8.1f} ms  "
            f"min {min(values) * 1000:8.1f} ms"
        )
    for (ours, theirs), target in TARGETS.items():
        ratios = [a / b for a, b in zip(times[ours], times[theirs], strict=True)]
        middle, least = statistics.median(ratios), min(times[ours]) / min(times[theirs])
        met = "met" if middle <= target and least <= target else "NOT met"
        print(
            f"{ours} / {theirs}: {middle:.2f}x per round (median), {least:.2f}x of minimums  "
            f"target <= {target:.1f}x: {met}"
        )


if __name__ == "__main__":
    main()
