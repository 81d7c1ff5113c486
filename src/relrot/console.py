"""The `relrot` console script: the command line, minus two costs of the process around it.

A short run of relrot spends a fifth of its CPU time on what Python does around it
(docs/performance.md, "The process around a run"):

- the cycle collector running while some forty thousand objects are imported, none of them
  garbage: the collector is off from here until the imports are done, and what they built
  is then frozen (`gc.freeze`) so that no later collection walks it again; after them,
  until the first file read ends, the collector waits for 50,000 young objects instead of
  700, and what was built by then is frozen too (`relrot.collector`);
- the interpreter's shutdown, which tears down every module and object one by one, when the
  operating system frees the whole process at once: once the output is flushed, the run
  ends with `os._exit`.

Only this script does so. `relrot.cli.main` (the library's, and `python -m relrot`, which
coverage measures) exits as usual. The run exits as usual too when something registered an
`atexit` handler, or a thread other than the main one is still running, so that neither is
cut short; every file relrot writes (a crash log, an edited rotation file) is closed before
`main` returns.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import NoReturn


def run() -> NoReturn:
    """Run the command line and end the process with its exit code."""
    # This module imports nothing else of relrot's or of its libraries: they are all
    # imported here, with the collector off. Typer imports its parameter adapters, and with
    # them pydantic, when it first converts an option: every run but `--version` does, so
    # they are imported here too, where no collection walks what they build (3.8 ms of
    # validate); `--version` alone would pay 46 ms for them.
    gc.disable()
    if "--version" not in sys.argv[1:]:
        _import_parameter_adapters()
    from relrot.cli.app import main
    from relrot.collector import READS

    gc.freeze()
    READS.start_up()
    gc.enable()
    try:
        main()
    except SystemExit as done:
        code = done.code
    else:
        code = 0
    if code is None:
        code = 0
    if not isinstance(code, int) or not _may_skip_shutdown():
        sys.exit(code)
    os._exit(code)


def _import_parameter_adapters() -> None:
    """Import the module in which Typer converts parameters, where its release has one (a
    private module: older releases the dependency range admits do without it, and a run
    there is only slower, never different)."""
    import contextlib

    with contextlib.suppress(ImportError):
        import typer._adapters  # noqa: F401


def _may_skip_shutdown() -> bool:
    """Whether nothing is left for Python's shutdown to do: the output is flushed, no `atexit`
    handler is registered and no other thread runs."""
    import atexit

    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return False  # the usual shutdown reports it as it always did
    # The one way to know, CPython's; elsewhere the usual shutdown runs whatever is there.
    registered = getattr(atexit, "_ncallbacks", None)
    if registered is None or registered():
        return False
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1
