"""Reading a rotation file's values through ruamel's C scanner, where that is exact.

Scanning YAML in pure Python is most of what loading a large file costs; the C scanner's
events, composed and constructed by the same Python classes as the round-trip parser,
give the same document without comments. Anything it might read differently goes back to
the round-trip parser.
"""

from __future__ import annotations

import warnings
from typing import Any

from relrot._compat.ruamel_cparser import CEventLoader
from relrot.yamlfile.document import (
    MAX_DEPTH,
    KeyNotTextError,
    NotBuiltError,
    as_problem,
    check_flow_depth,
    composer_class,
    constructor_class,
    node_budget,
    round_trip_document,
)


def read_document(text: str, name: str) -> tuple[Any, bool]:
    """The document of `text` for reading its values and their positions, and whether it
    is the round-trip document (comments kept) or one read for its values only.

    Scanning YAML in pure Python is most of what loading a large file costs, so where
    ruamel's C scanner is installed the document is composed from its events; it holds no
    comments, and nothing is written from it. Anything that reader cannot settle exactly as
    the round-trip parser would (a `%` directive, any error) goes to `parse_document`, so
    the two agree on every value, position and message.
    """
    check_flow_depth(text, name)  # the round-trip parser's first refusal: both readers make it
    try:
        fast = _c_document(text)
    except NotBuiltError as exc:
        # relrot's own refusals (a merge budget spent, a list as a key) are worked out from
        # the nodes alone: both readers compose the same ones, so this is already the answer.
        raise as_problem(exc, name) from None
    if fast is not None:
        return fast, False
    return round_trip_document(text, name), True


def _c_document(text: str) -> Any:
    """The document as composed from the C scanner's events, or None to parse it in Python."""
    if unsettled(text):
        return None
    try:
        reader = CReader(text, merge_budget=node_budget(text))
    except ImportError:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return reader.load()
    except KeyNotTextError:
        # Found while composing, where the Python scanner, reading further ahead, may have
        # stopped at a syntax error first.
        return None
    except NotBuiltError:
        raise
    except Exception:  # the round-trip parser words every other error
        return None


# Where the C scanner (YAML 1.1) and ruamel's (YAML 1.2) read a text differently: a
# directive line (`%YAML 1.1` changes how values resolve), a document end marker (`...`),
# after which libyaml reads on where ruamel wants one document, and these characters: tags,
# anchors, aliases and block scalars, tabs between tokens, line separators that only YAML
# 1.1 breaks lines at, and characters neither may hold.
_UNSETTLED_LINE_STARTS = ("%", "...")
_UNSETTLED_CHARACTERS = "!&*|>\t\x85\u2028\u2029\ufeff\ufffe\uffff"


def unsettled(text: str) -> bool:
    """Whether the C scanner might read `text` otherwise than the round-trip parser.

    Plain searches, not a regular expression: compiling one that holds these characters
    cost every run 1.7 million instructions (docs/performance.md), several times what the
    searches cost on a rotation file.
    """
    if text.startswith(_UNSETTLED_LINE_STARTS) or any(c in text for c in _UNSETTLED_CHARACTERS):
        return True
    return any(b + s in text for b in "\r\n" for s in _UNSETTLED_LINE_STARTS)


class CReader(CEventLoader):
    """ruamel's composer and relrot's constructor fed by the C scanner's events."""

    # Deeper than the loader admits: such a file gets the round-trip parser's message.
    max_depth = MAX_DEPTH + 1

    def __init__(self, text: str, *, merge_budget: int | None = None) -> None:
        super().__init__(text, composer=composer_class(), constructor=constructor_class())
        self.constructor.merge_budget = merge_budget
