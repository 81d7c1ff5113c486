"""Python's cycle collector, held while relrot builds what lasts.

Two spans of a run allocate many objects and free almost none, so the collector's walks
over them find nothing:

- reading a file: a few objects per character, held until the read ends (every read, for
  every caller);
- the console script's start-up: its imports (held by `relrot.console` itself), then
  Typer's parsing, the command's modules and the first file read, with the models'
  validator pydantic builds on it. Until that read ends the collector runs only once
  `START_UP_THRESHOLD` young objects wait, not Python's 700; then everything built so far
  is frozen (`gc.freeze`), as the imports were, and the usual threshold comes back.

Only the console script asks for the second (`start_up`): a library caller's objects are
never frozen, and its threshold never changed. Neither span leaves cyclic garbage
unbounded: a read is bounded by the text read, the start-up by the threshold.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Young objects that may wait for the collector during the console script's start-up.
# `relrot validate` on the repository's file builds some 17,000 between the imports and the
# end of its read; a command that reads no file (`init`, `schema`) still gets collections.
START_UP_THRESHOLD = 50_000


class Hold:
    """The collector held while files are read, and the console script's start-up.

    Reads in several threads share one hold: the last to finish hands the collector back
    as the first found it.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._holders = 0
        self._was_enabled = True
        # The threshold to restore once the first read ends; None outside the start-up.
        self._usual: tuple[int, int, int] | None = None

    def start_up(self) -> None:
        """Raise the collector's threshold until the first read ends (the console script's
        start-up, whose imports are already frozen)."""
        with self._lock:
            if self._usual is None:
                self._usual = gc.get_threshold()
                gc.set_threshold(START_UP_THRESHOLD, *self._usual[1:])

    @contextmanager
    def held(self) -> Iterator[None]:
        """No collection while the block runs: for reading a file."""
        with self._lock:
            if self._holders == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._holders += 1
        try:
            yield
        finally:
            with self._lock:
                self._holders -= 1
                if self._holders == 0:
                    self._end_start_up()
                    if self._was_enabled:
                        gc.enable()

    def _end_start_up(self) -> None:
        """Freeze what the start-up built and bring back the usual threshold."""
        if self._usual is not None:
            gc.freeze()
            gc.set_threshold(*self._usual)
            self._usual = None


READS = Hold()
