"""Evidence of a bug: the traceback and versions go to a crash log, the user gets its path."""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import traceback
from pathlib import Path

from relrot import __version__

_LIBRARIES = ("typer", "click", "pydantic", "pydantic_core", "ruamel.yaml", "rich", "dateutil")


def crash_folder() -> Path:
    """`$XDG_CACHE_HOME/relrot` (default `~/.cache/relrot`), as other command-line tools do."""
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "relrot"


def crash_text(exc: BaseException) -> str:
    versions = []
    for name in _LIBRARIES:
        module = sys.modules.get(name)
        version = getattr(module, "__version__", None) or getattr(module, "VERSION", None)
        if module is not None:
            versions.append(f"  {name} {version or '(version unknown)'}")
    lines = [
        f"relrot {__version__} crashed at {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M:%S} UTC",
        f"command: relrot {' '.join(sys.argv[1:])}",
        f"python {platform.python_version()} on {platform.platform()}",
        "libraries:",
        *versions,
        "",
        "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)),
    ]
    return "\n".join(lines)


def report_crash(exc: BaseException) -> None:
    """One line on stderr with the log's path; `RELROT_DEBUG=1` prints the traceback instead."""
    text = crash_text(exc)
    kind = type(exc).__name__
    if os.environ.get("RELROT_DEBUG"):
        sys.stderr.write(text)
        return
    folder = crash_folder()
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M%S")
    path = folder / f"crash-{stamp}-{os.getpid()}.log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        where = f"no crash log could be written ({error.strerror or error}); run again with "
        where += "RELROT_DEBUG=1 to see the details"
    else:
        where = f"the details are in {path}: please attach it to a bug report"
    sys.stderr.write(
        f"relrot: internal error ({kind}); this is a bug in relrot, not in your file; {where}\n"
    )
