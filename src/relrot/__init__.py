"""relrot: plan who runs each release.

The library API mirrors the command line, through one object per rotation file::

    import datetime, relrot
    project = relrot.Project.load("rotation.yaml")
    report = project.check(today=datetime.date(2026, 11, 21))
    change = project.swap("26.7.0", "tobby", today=datetime.date(2026, 11, 21))
    print(change.diff())
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Change", "Problem", "Project", "RelrotError", "Severity", "__version__"]

if TYPE_CHECKING:
    from relrot.changes import Change
    from relrot.problems import Problem, RelrotError, Severity
    from relrot.project import Project

# Imported on first use so `relrot --version` stays fast.
_LAZY = {
    "Project": "relrot.project",
    "Change": "relrot.changes",
    "Problem": "relrot.problems",
    "RelrotError": "relrot.problems",
    "Severity": "relrot.problems",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'relrot' has no attribute {name!r}")
