"""How members are named in output meant for people."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from relrot.model import Member, RotationFile


def _as_is(text: str) -> str:
    return text


def member_in(rosters: Sequence[RotationFile], member: str | None) -> Member | None:
    """The member as the first of `rosters` that knows them does: the current file, else
    the base file (a member the change removed)."""
    if member is None:
        return None
    return next((p for r in rosters if (p := r.member(member)) is not None), None)


class Names:
    """Display names and @handles of a roster, by member id."""

    def __init__(self, rotation: RotationFile) -> None:
        self._members = {m.id: m for m in rotation.members}

    def name(self, member: str | None, empty: str = "") -> str:
        if member is None:
            return empty
        person = self._members.get(member)
        return person.display if person else member

    def handle(self, member: str) -> str | None:
        person = self._members.get(member)
        return f"@{person.github}" if person and person.github else None

    def name_and_handle(
        self, member: str | None, empty: str = "", escape: Callable[[str], str] = _as_is
    ) -> str:
        """`Name (@login)`, the name through `escape`: a login is checked when the file is
        read, so its mention is meant, while a name is data."""
        if member is None:
            return empty
        handle = self.handle(member)
        name = escape(self.name(member))
        return f"{name} ({handle})" if handle else name
