"""What a pull request does to the rotation file, found once and handed on as a frozen
`Report`: the file's problems, the seats its plan moves against the base revision, and whose
consent is missing. It reads the checkout and git, and words nothing:
`relrot.render.ci_report` does.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct

from relrot.diff import CONSENT_DAYS, consent, every_project_changes, needing_consent
from relrot.github.gh import GhError
from relrot.problems import Problem, RelrotError, UsageError, has_errors

if TYPE_CHECKING:
    from relrot.diff import MissingConsent, SeatChange
    from relrot.git_base import AtRevision
    from relrot.github.event import Event
    from relrot.model import RotationFile
    from relrot.project import Project


class Base(enum.Enum):
    """What the pull request's base revision holds of the file."""

    UNKNOWN = "unknown"  # the event names no base revision
    ABSENT = "absent"  # no such file there: the pull request adds it
    NOT_FETCHED = "not fetched"  # the revision is not in this checkout
    UNREADABLE = "unreadable"  # git cannot read the file there (`Report.base_error` says why)
    BROKEN = "broken"  # the file is there and does not load
    LOADED = "loaded"


class Unchecked(enum.Enum):
    """Why consent could not be checked."""

    NO_PULL_REQUEST = "no pull request"  # the job does not run for one
    NO_DIFF = "no diff"  # no plan diff, so no one is known to move
    NO_REVIEWS = "no reviews"  # gh could not read them (`Consent.error` says why)


class Consent(Struct, frozen=True):
    """Whose approval a required consent still lacks, or why it could not be checked."""

    missing: tuple[MissingConsent, ...] = ()
    unchecked: Unchecked | None = None
    error: str | None = None

    @property
    def given(self) -> bool:
        return not self.missing and self.unchecked is None


class Report(Struct, frozen=True):
    """What the CI job found; the exit status and the Markdown report are made from it."""

    file: str
    present: bool  # the file is in the checkout
    base: Base
    revision: str | None  # the base revision, when the event names one
    base_error: str | None  # why git could not read the file at the base
    unchanged: bool  # the checkout's bytes are the base's
    problems: tuple[Problem, ...]
    strict: bool
    changes: tuple[SeatChange, ...] | None  # None: no diff could be made
    consent: Consent | None  # None: consent is not required
    rosters: tuple[RotationFile, ...]  # the checkout's, then the base's: who is who

    @property
    def valid(self) -> bool:
        return not has_errors(self.problems, strict=self.strict)

    @property
    def consented(self) -> bool:
        return self.consent is None or self.consent.given

    @property
    def passed(self) -> bool:
        return self.valid and self.consented

    @property
    def blocked(self) -> bool:
        """The base was read, and only the checkout's file keeps the plans from a diff."""
        return self.changes is None and self.present and self.base in {Base.ABSENT, Base.LOADED}


class _Side(Struct, frozen=True):
    """One side of the comparison, as far as it could be read."""

    project: Project | None = None
    raw: bytes | None = None


def examine(
    file: Path,
    event: Event,
    *,
    today: Callable[[Project], dt.date],
    horizon: int,
    strict: bool = False,
    require_consent: bool = False,
    approvals: Callable[[], list[str]] | None = None,
    consent_days: int = CONSENT_DAYS,
) -> Report:
    """Check the file in the checkout, compare its plan with the base's, and (when consent is
    required) ask `approvals` who approved the moves within `consent_days`; `today` is asked
    per project."""
    from relrot.yamlfile.read import read_in_repository

    present = file.is_file()
    if not present and file.exists():
        raise UsageError(f"{file} is not a file", file=str(file))
    current, problems = _current(file, today, horizon) if present else (None, ())
    revision = event.base_revision
    state, base, why = _base(file, revision)
    unchanged = present and base.raw is not None and read_in_repository(file) == base.raw
    if not present and base.raw is None:
        raise UsageError(
            f"{file} is neither in the checkout nor at the base revision; "
            "give the action the path of the rotation file",
            file=str(file),
        )
    if present:
        changes = _diff(current, base.project, state, today, horizon)
    else:
        changes = _vacated(base.project, today, horizon)
    author = event.pull_request.author if event.pull_request else None
    return Report(
        file=str(file),
        present=present,
        base=state,
        revision=revision,
        base_error=why,
        unchanged=unchanged,
        problems=problems,
        strict=strict,
        changes=changes,
        consent=_consent(changes, (current, base.project), approvals, author, today, consent_days)
        if require_consent
        else None,
        rosters=tuple(p.model for p in (current, base.project) if p is not None),
    )


def _current(
    file: Path, today: Callable[[Project], dt.date], horizon: int
) -> tuple[Project | None, tuple[Problem, ...]]:
    """The checkout's file as a project, and its problems (those it does not load with too)."""
    from relrot.project import Project

    try:
        current = Project.load(file)
    except UsageError:
        raise
    except RelrotError as exc:
        return None, tuple(exc.problems)
    if current.model.projects:
        # Every project of a file with `projects:` (SPEC 6), as `validate` checks it.
        return current, tuple(current.portfolio.check_each(today, horizon))
    return current, tuple(current.check(today(current), horizon).problems)


def _base(file: Path, revision: str | None) -> tuple[Base, _Side, str | None]:
    """The file at the pull request's base: what is there, the side, why it is unreadable."""
    from relrot.git_base import NotAtRevisionError, RevisionMissingError, at_revision

    if revision is None:
        return Base.UNKNOWN, _Side(), None
    try:
        found: AtRevision = at_revision(revision, file)
    except NotAtRevisionError:
        return Base.ABSENT, _Side(), None
    except RevisionMissingError:
        return Base.NOT_FETCHED, _Side(), None
    except UsageError as exc:
        return Base.UNREADABLE, _Side(), exc.problems[0].message
    try:
        return Base.LOADED, _Side(found.load(), found.raw), None
    except RelrotError:
        return Base.BROKEN, _Side(raw=found.raw), None


def _diff(
    current: Project | None,
    base: Project | None,
    state: Base,
    today: Callable[[Project], dt.date],
    horizon: int,
) -> tuple[SeatChange, ...] | None:
    """The seats the pull request moves; None when the two plans cannot be compared."""
    if current is None or (base is None and state is not Base.ABSENT):
        return None
    try:
        return tuple(every_project_changes(current, base, today, horizon))
    except RelrotError:
        return None


def _vacated(
    base: Project | None, today: Callable[[Project], dt.date], horizon: int
) -> tuple[SeatChange, ...] | None:
    """The seats deleting the file gives up; None when the base has no plan to give up."""
    if base is None:
        return None
    try:
        return tuple(every_project_changes(None, base, today, horizon))
    except RelrotError:
        return None


def _consent(
    changes: tuple[SeatChange, ...] | None,
    sides: tuple[Project | None, Project | None],
    approvals: Callable[[], list[str]] | None,
    author: str | None,
    today: Callable[[Project], dt.date],
    days: int,
) -> Consent:
    """Whether everyone the changes move within `days` approved them (the author approves
    their own); `sides` are the checkout's project and the base's."""
    current, base = sides
    judge = current or base
    if approvals is None:
        return Consent(unchecked=Unchecked.NO_PULL_REQUEST)
    if changes is None or judge is None:
        return Consent(unchecked=Unchecked.NO_DIFF)
    if not needing_consent(changes, today(judge), days):
        return Consent()
    try:
        approvers = approvals()
    except GhError as exc:
        return Consent(unchecked=Unchecked.NO_REVIEWS, error=str(exc))
    missing = consent(
        judge, base or judge, changes, approvers, author, today=today(judge), days=days
    )
    return Consent(missing=tuple(missing))
