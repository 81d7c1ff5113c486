"""How planning scales: 1,000 and 2,000 releases for 500 members with 300 away ranges.

Run with `make bench` (or `.venv/bin/python benchmarks/plan_scale.py`). Targets (issue 3):
both well under a second, and the larger at most about twice the smaller.
"""

from __future__ import annotations

import datetime as dt
import random
import time

from relrot.model import RotationFile
from relrot.project import Project

MEMBERS = 500
AWAY_RANGES = 300
REPEATS = 5


def roster(seed: int = 7) -> RotationFile:
    rng = random.Random(seed)
    members: list[dict[str, object]] = [
        {"id": f"m{i:03d}", "core": i % 10 != 9} for i in range(MEMBERS)
    ]
    start = dt.date(2026, 1, 1)
    # Spread over the first 80 years, so the smaller plan meets them all too.
    for _ in range(AWAY_RANGES):
        member = members[rng.randrange(MEMBERS)]
        first = start + dt.timedelta(days=rng.randrange(365 * 80))
        away = list(member.get("away", []))  # type: ignore[call-overload]
        away.append({"from": first, "to": first + dt.timedelta(days=rng.randrange(1, 120))})
        member["away"] = away
    return RotationFile.model_validate(
        {
            "schedule": {
                "first_release": "2026-01-13",
                "every_months": 1,
                "version": "{n}.0",
                "milestones": [{"name": "branch", "days": -7}, {"name": "all-clear", "days": 7}],
            },
            "members": members,
        }
    )


def best_of(rotation: RotationFile, releases: int, repeats: int = REPEATS) -> float:
    """The fastest of `repeats` plans of `releases` releases, each from a fresh project (so
    nothing is remembered between runs), as every command plans."""
    timings = []
    for _ in range(repeats):
        began = time.perf_counter()
        plan = Project(rotation).plan(releases)
        timings.append(time.perf_counter() - began)
        assert len(plan.releases) == releases
    return min(timings)


def main() -> None:
    rotation = roster()
    small = best_of(rotation, 1000)
    large = best_of(rotation, 2000)
    print(f"members={MEMBERS} away_ranges={AWAY_RANGES} best of {REPEATS} runs")
    print(f"plan 1000 releases: {small * 1000:7.1f} ms")
    print(f"plan 2000 releases: {large * 1000:7.1f} ms")
    print(f"ratio 2000/1000:    {large / small:7.2f}")


if __name__ == "__main__":
    main()
