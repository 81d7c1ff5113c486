"""Pieces of the `Project` facade (`relrot.project`) kept apart, so it stays a small facade:
methods imported on first use, the report of a check, and the bound on releases asked."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from relrot.problems import Problem, Severity, UsageError

if TYPE_CHECKING:
    from relrot.plan import Plan

# The most releases one question may cover (`--horizon`, `--count`): a bound on the work a
# command line can ask for, far past any real plan.
MAX_RELEASES_ASKED = 10_000


class _Bound:
    """A method whose function is `name` of `module`, imported when first looked up."""

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name

    def __get__(self, project: object, owner: type) -> Any:
        function = getattr(importlib.import_module(self.module), self.name)
        return function if project is None else function.__get__(project, owner)


class Report(Struct, frozen=True):
    """Every problem of a file, placed in it; `plan` is None when none could be made."""

    problems: list[Problem]
    plan: Plan | None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]


def _within_limit(count: int, option: str, file: str) -> None:
    if count > MAX_RELEASES_ASKED:
        raise UsageError(
            f"{option} {count} is more than relrot plans at once ({MAX_RELEASES_ASKED} releases)",
            file=file,
            names_file=False,
        )
