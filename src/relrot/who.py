"""Who is on duty on a day, or for a version (patch versions answer with their release)."""

from __future__ import annotations

import datetime as dt
import re

from relrot.plan import Plan, Release
from relrot.problems import Problem, RelrotError, Severity

# YY.M.MICRO and the like: a version with a patch number after two others.
_PATCHED = re.compile(r"^(?P<head>.*\d+\D+\d+\D+)(?P<micro>\d+)$")


def regular_version(version: str) -> str:
    """26.3.1 -> 26.3.0: a hotfix belongs to the crew of its regular release (SPEC 2)."""
    match = _PATCHED.match(version)
    return f"{match['head']}0" if match else version


def series(version: str) -> str:
    """26.3.0 -> 26.3.x: the release branch and its patch releases."""
    match = _PATCHED.match(version)
    return f"{match['head']}x" if match else version


def crew_on_duty(plan: Plan, ref: str) -> Release:
    """The release on duty on a date (its duty window holds it, else the next), or by version."""
    exact = plan.find(ref)
    if exact is not None:
        return exact
    try:
        day = dt.date.fromisoformat(ref)
    except ValueError:
        day = None
    shipped = [r for r in plan.releases if not r.skipped]
    if day is not None:
        found = next(
            (r for r in shipped if r.duty_window[0] <= day <= r.duty_window[1]), None
        ) or next((r for r in shipped if r.duty_window[0] > day), None)
    elif ref.isdigit():
        found = plan.find(int(ref))
    else:
        found = plan.find(ref) or plan.find(regular_version(ref))
    if found is None:
        raise RelrotError([Problem("who", Severity.ERROR, f"no release {ref!r} in the plan")])
    return found
