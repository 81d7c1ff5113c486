"""Frozen records that are equal by some of their fields, not all of them."""

from __future__ import annotations

from msgspec import Struct


class Keyed(Struct, frozen=True):
    """A frozen record whose equality and hash are its `identity()`: the fields left out of
    it say how the record is shown or help code decide, and two records differing only
    there are one (what `compare=False` did for a dataclass field; a Struct has no such
    option)."""

    def identity(self) -> tuple[object, ...]:
        """The fields that make the record what it is."""
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self) or not isinstance(other, Keyed):
            return NotImplemented
        return self.identity() == other.identity()

    def __hash__(self) -> int:
        return hash(self.identity())
