"""Regular expressions compiled when first used.

A run writes one kind of output, reads a file that leaves most fields out and names few
releases, so most of relrot's patterns are never matched in it; compiling them all at
import cost `relrot validate` some 2 ms (docs/performance.md). Modules keep their patterns
as text and ask for them here.
"""

from __future__ import annotations

import functools
import re


@functools.cache
def pattern(text: str) -> re.Pattern[str]:
    """`text` compiled, once per run."""
    return re.compile(text)
