"""How validating scales with the roster: `validate --horizon 10000` for 1,000 and 5,000 members.

Each roster is written as a real rotation file (short ids keep 5,000 members under the
loader's size limit) and goes through the code path of `relrot validate`: `loader.load`,
then `Project.check` over 10,000 monthly releases. One member in 25 joins late, one in 25
leaves, one in 50 only observes, so the roster changes size along the plan.

Times are CPU seconds of this process, the best of five rounds that alternate the two
sizes, so that other programs running at the same time count less and count for both.
Run with `make bench` (or `.venv/bin/python benchmarks/validate_scale.py`). Target
(issue 12): 5,000 members at most twice the time of 1,000 members.
"""

from __future__ import annotations

import datetime as dt
import gc
import tempfile
import time
from pathlib import Path

from relrot.project import Project
from relrot.yamlfile.c_reader import read_document
from relrot.yamlfile.load import MAX_FILE_BYTES, load

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


def measure(path: Path) -> tuple[float, float, int]:
    """Load and check times in seconds, and how many problems the check found."""
    gc.collect()
    began = time.process_time()
    loaded = load(path)
    load_s = time.process_time() - began
    began = time.process_time()
    problems = len(Project(loaded.model, loaded).check(TODAY, HORIZON).problems)
    return load_s, time.process_time() - began, problems


def main() -> None:
    timings: dict[int, tuple[float, float, int]] = {}
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for count in (1000, 5000):
            paths[count] = path = Path(folder) / f"rotation-{count}.yaml"
            path.write_text(rotation_text(count), encoding="utf-8")
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise SystemExit(f"{count} members take {size} bytes, over {MAX_FILE_BYTES}")
        # Rounds alternate the two sizes, so a spell of a slower machine costs both.
        for _ in range(REPEATS):
            for count, path in paths.items():
                load_s, check_s, problems = measure(path)
                best = timings.get(count, (load_s, check_s, problems))
                timings[count] = (min(best[0], load_s), min(best[1], check_s), problems)
        for count, path in paths.items():
            load_s, check_s, problems = timings[count]
            print(
                f"{count} members ({path.stat().st_size // 1024} KiB): load "
                f"{load_s * 1000:6.0f} ms, check {check_s * 1000:6.0f} ms, total "
                f"{(load_s + check_s) * 1000:6.0f} ms, {problems} problems"
            )
    small, large = (sum(timings[count][:2]) for count in (1000, 5000))
    small_check, large_check = (timings[count][1] for count in (1000, 5000))
    _, round_trip = read_document(rotation_text(10), "rotation.yaml")
    reader = "round-trip parser" if round_trip else "C scanner"
    print(f"horizon={HORIZON} best of {REPEATS} runs, values read by the {reader}")
    met = "met" if large / small <= 2 else "NOT met"
    print(f"ratio 5000/1000, total: {large / small:5.2f}  target <= 2.00: {met}")
    print(f"ratio 5000/1000, check: {large_check / small_check:5.2f}")


if __name__ == "__main__":
    main()
