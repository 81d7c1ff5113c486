"""How validating scales with the roster: `validate --horizon 10000` for 1,000 and 5,000 members.

Each roster is written as a real rotation file (short ids keep 5,000 members under the
loader's size limit) and goes through the code path of `relrot validate`: `loader.load`,
then `Project.check` over 10,000 monthly releases. One member in 25 joins late, one in 25
leaves, one in 50 only observes, so the roster changes size along the plan.

Times are CPU seconds of this process (best of five), so that other programs running at
the same time count less. Run with `make bench` (or `.venv/bin/python
benchmarks/validate_scale.py`). Target (issue 12): 5,000 members at most twice the time of
1,000 members.
"""

from __future__ import annotations

import datetime as dt
import gc
import tempfile
import time
from pathlib import Path

from relrot.loader import MAX_FILE_BYTES, load
from relrot.project import Project

HORIZON = 10_000
TODAY = dt.date(2026, 1, 1)
REPEATS = 5
# The plan's 10,000 monthly releases span some 833 years from 2026.
SPAN_DAYS = 833 * 365


def rotation_text(count: int) -> str:
    """A roster of `count` members whose joined and left dates spread over the whole plan."""
    lines = [
        "schedule:",
        "  first_release: 2026-01-13",
        "  every_months: 1",
        "  version: '{n}.0'",
        "members:",
    ]
    start = dt.date(2026, 1, 1)
    for number in range(count):
        lines.append(f"- id: m{number:x}")
        when = start + dt.timedelta(days=number * SPAN_DAYS // count)
        if number % 25 == 1:
            lines.append(f"  joined: {when}")
        elif number % 25 == 2:
            lines.append(f"  left: {when}")
        elif number % 50 == 3:
            lines.append("  core: false")
    return "\n".join(lines) + "\n"


def best_of(path: Path) -> tuple[float, float, int]:
    """Best load and check times in seconds, and how many problems the check found."""
    loads, checks = [], []
    problems = 0
    for _ in range(REPEATS):
        gc.collect()
        began = time.process_time()
        loaded = load(path)
        loads.append(time.process_time() - began)
        began = time.process_time()
        problems = len(Project(loaded.model, loaded).check(TODAY, HORIZON).problems)
        checks.append(time.process_time() - began)
        del loaded
    return min(loads), min(checks), problems


def main() -> None:
    timings = {}
    with tempfile.TemporaryDirectory() as folder:
        for count in (1000, 5000):
            path = Path(folder) / f"rotation-{count}.yaml"
            path.write_text(rotation_text(count), encoding="utf-8")
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise SystemExit(f"{count} members take {size} bytes, over {MAX_FILE_BYTES}")
            timings[count] = best_of(path)
            load_s, check_s, problems = timings[count]
            print(
                f"{count} members ({size // 1024} KiB): load {load_s * 1000:6.0f} ms, "
                f"check {check_s * 1000:6.0f} ms, total {(load_s + check_s) * 1000:6.0f} ms, "
                f"{problems} problems"
            )
    small, large = (sum(timings[count][:2]) for count in (1000, 5000))
    small_check, large_check = (timings[count][1] for count in (1000, 5000))
    print(f"horizon={HORIZON} best of {REPEATS} runs")
    print(f"ratio 5000/1000, total: {large / small:5.2f}")
    print(f"ratio 5000/1000, check: {large_check / small_check:5.2f}")


if __name__ == "__main__":
    main()
