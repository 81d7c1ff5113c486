"""relrot.records: frozen records equal by the fields that make them what they are."""

from __future__ import annotations

import pytest

from relrot.records import Keyed


class Entry(Keyed, frozen=True):
    name: str
    shown_as: str = ""

    def identity(self) -> tuple[object, ...]:
        return (self.name,)


class Other(Keyed, frozen=True):
    name: str

    def identity(self) -> tuple[object, ...]:
        return (self.name,)


def test_records_differing_only_outside_their_identity_are_one() -> None:
    assert Entry("bob", "Bob") == Entry("bob", "B.")
    assert len({Entry("bob", "Bob"), Entry("bob", "B.")}) == 1
    assert Entry("bob") != Entry("eli")


def test_records_of_two_kinds_are_never_equal() -> None:
    assert Entry("bob") != Other("bob")
    assert Other("bob") != Entry("bob")


def test_a_record_must_say_what_its_identity_is() -> None:
    class Unsaid(Keyed, frozen=True):
        name: str

    with pytest.raises(NotImplementedError):
        hash(Unsaid("bob"))
