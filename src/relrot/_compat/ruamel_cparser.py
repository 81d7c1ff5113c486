"""Feeding ruamel's Python composer and constructor from its C parser's events.

`_ruamel_yaml.CParser` (from ruamel.yaml.clib) is a private module, and the object handed
to the composer, resolver and constructor as their `loader` stands in for ruamel's own
loader: it answers the attributes they read off it (`_parser`, `_scanner`, `_resolver`,
`comment_handling`, `yaml_version`, `max_depth`). ruamel's own C loader composes in C, recursively,
and a deeply nested file overflows the stack there; composing in Python is bounded.
"""

from __future__ import annotations

from typing import Any


class CEventLoader:
    """A ruamel loader whose events come from the C parser; `ImportError` without it."""

    comment_handling = None  # what ruamel's constructor asks its loader
    # What ruamel's resolver asks the scanner for on every value: no directive was read.
    yaml_version = None
    max_depth: int | None = None  # what ruamel's composer stops at; None for no limit

    def __init__(self, text: str, *, composer: type[Any], constructor: type[Any]) -> None:
        from _ruamel_yaml import CParser  # type: ignore[import-not-found]
        from ruamel.yaml.resolver import VersionedResolver

        self._parser = CParser(text)
        self._scanner = self
        self._resolver = VersionedResolver(loader=self)
        self._composer = composer(loader=self)
        self.constructor = constructor(preserve_quotes=True, loader=self)

    def load(self) -> Any:
        return self.constructor.construct_document(self._composer.get_single_node())
