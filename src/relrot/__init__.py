"""relrot: plan who runs each release.

The library API mirrors the command line::

    import relrot
    loaded = relrot.load("rotation.yaml")
    plan = relrot.build_plan(loaded.model, through=12)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Problem", "RelrotError", "Severity", "__version__", "build_plan", "load"]

if TYPE_CHECKING:
    from relrot.loader import load
    from relrot.plan import build_plan
    from relrot.problems import Problem, RelrotError, Severity

# Imported on first use so `relrot --version` stays fast.
_LAZY = {
    "load": "relrot.loader",
    "build_plan": "relrot.plan",
    "Problem": "relrot.problems",
    "RelrotError": "relrot.problems",
    "Severity": "relrot.problems",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'relrot' has no attribute {name!r}")
