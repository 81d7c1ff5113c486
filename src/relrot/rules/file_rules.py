"""Rules about the file as a whole rather than any one release in it."""

from __future__ import annotations

from collections.abc import Iterator

from relrot.problems import Path, RelrotError
from relrot.rules.context import Finding, RuleContext


def unpinned_history(context: RuleContext) -> Iterator[Finding]:
    """Shipped releases dated before today after the last pinned one (SPEC 3.5): their crews
    are what the plan says, which nobody has confirmed, so later roster edits move them."""
    today = context.today
    if today is None:
        return
    count = 0
    number = context.plan.last_pinned
    try:
        # The calendar stops at its own bound on releases, so this loop is bounded too.
        while (release := context.calendar.release(number + 1)) is not None:
            if (release.last_day or release.date) >= today:
                break
            count += not release.skipped
            number += 1
    except RelrotError:
        pass  # a calendar that cannot be computed is reported as `calendar` elsewhere
    if count == 0:
        return
    # Point at `releases:` when the file has the key, else at `schedule:`.
    path: Path = ("releases",) if "releases" in context.rotation.model_fields_set else ("schedule",)
    unit = context.calendar.unit  # an on-demand project's are terms (SPEC 6)
    if count == 1:
        said = f"1 {unit} before today is not pinned: its crew is the plan's; record it"
    else:
        said = (
            f"{count} {unit}s before today are not pinned: their crews are the plan's; record them"
        )
    yield Finding(f"{said} with `relrot import` or `relrot pin`", path, at_key=True)
