"""How `relrot stats` scales with the roster: 2,300 and 4,600 members (issue 24).

Run with `.venv/bin/python benchmarks/stats_scale.py`. The counting work is linear in
members times releases, so the larger roster should take about twice the smaller, for the
numbers and for each format; a roster of 4,600 once took 3.2 s because the Gini
coefficient compared every pair of members.
"""

from __future__ import annotations

import datetime as dt
import io
import time
from collections.abc import Callable

from rich.console import Console

from relrot.model import RotationFile
from relrot.project import Project
from relrot.render import stats as render

TODAY = dt.date(2026, 11, 21)
REPEATS = 3


def project(members: int) -> Project:
    data = {
        "schedule": {"first_release": "2026-01-13"},
        "members": [{"id": f"m{number:x}"} for number in range(members)],
    }
    return Project(RotationFile.model_validate(data))


def best_of(work: Callable[[], object]) -> float:
    timings = []
    for _ in range(REPEATS):
        began = time.perf_counter()
        work()
        timings.append(time.perf_counter() - began)
    return min(timings)


def measure(members: int) -> dict[str, float]:
    rotation = project(members)
    report = rotation.stats(TODAY)
    assert report is not None
    console = Console(file=io.StringIO(), width=200)
    return {
        "numbers": best_of(lambda: rotation.stats(TODAY)),
        "json": best_of(lambda: render.render_json(report)),
        "markdown": best_of(lambda: render.render_markdown(report, rotation.model)),
        "table": best_of(
            lambda: console.print(render.build_table(report, rotation.model, "Seats"))
        ),
    }


def main() -> None:
    small, large = measure(2_300), measure(4_600)
    print(f"best of {REPEATS} runs, ms      2,300     4,600   ratio")
    for step, seconds in small.items():
        ratio = large[step] / seconds
        print(f"{step:<20} {seconds * 1000:9.1f} {large[step] * 1000:9.1f} {ratio:7.2f}")


if __name__ == "__main__":
    main()
