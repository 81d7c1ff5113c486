"""Rules about the run of shipped releases: streaks, first-time pilots, the roster's size."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from relrot.model import ActiveCount, Role
from relrot.plan import Release
from relrot.rules.context import Finding, RuleContext

# L/s + 1 active core members, and s = L/2 for every valid stint: always 3.
SMALLEST_ROSTER = 3


def serving_streak(context: RuleContext, shipped: Sequence[Release]) -> Iterator[Finding]:
    """One problem per run longer than a stint, naming its whole length and ends (SPEC 4)."""
    runs: dict[str, list[Release]] = {}
    for release in shipped:
        seated = {m for m in (release.pilot, release.co_pilot) if m is not None}
        for member in sorted(set(runs) - seated):
            yield from _streak(context, member, runs.pop(member))
        for member in seated:
            runs.setdefault(member, []).append(release)
    for member in sorted(runs):
        yield from _streak(context, member, runs[member])


def _streak(context: RuleContext, member: str, run: list[Release]) -> Iterator[Finding]:
    length = context.stint_length
    if len(run) <= length:
        return
    # Where the run outgrew the stint, or, when that is history, its first seat that can
    # still change: a fixable streak stays an error.
    excess = run[length:]
    at = next((r for r in excess if r.number >= context.start), excess[0])
    role: Role = "pilot" if at.pilot == member else "co_pilot"
    yield Finding(
        f"{member} is seated in {len(run)} releases in a row, {run[0].version} to "
        f"{run[-1].version}; a stint is {length}: nobody serves two stints back to back, "
        "so give one of these seats to someone else",
        context.seat_source(at, role),
        at,
        member,
    )


def untrained_pilot(context: RuleContext, shipped: Sequence[Release]) -> Iterator[Finding]:
    # Members who served before `first_release` count as having piloted (SPEC 3.5).
    piloted = {m.id for m in context.rotation.members if m.experienced}
    previous: Release | None = None
    for release in shipped:
        pilot = release.pilot
        if pilot is not None and pilot not in piloted:
            # The first shipped release is exempt (release 1, or the first after skips).
            if previous is not None and previous.co_pilot != pilot:
                yield Finding(
                    f"{pilot} pilots {release.version} for the first time without having "
                    f"been co-pilot of {previous.version}; pair them with an experienced "
                    "co-pilot or let them co-pilot first",
                    context.seat_source(release, "pilot"),
                    release,
                    pilot,
                    seat="pilot",
                )
            piloted.add(pilot)
        previous = release


def roster_too_small(context: RuleContext, shipped: Sequence[Release]) -> Iterator[Finding]:
    active_core = ActiveCount([m for m in context.rotation.members if m.core])
    for release in shipped:
        if release.number < context.start:
            continue
        active = active_core.on(release.date)
        if active < SMALLEST_ROSTER:
            yield Finding(
                f"only {active} active core member(s) on {release.date} ({release.version}); "
                f"a rotation needs at least {SMALLEST_ROSTER} so that nobody serves back to "
                "back: add core members",
                ("members",),
                release,
            )
            return
