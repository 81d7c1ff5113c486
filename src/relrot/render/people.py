"""How members are named in output meant for people."""

from __future__ import annotations

from relrot.model import RotationFile


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

    def name_and_handle(self, member: str | None, empty: str = "") -> str:
        if member is None:
            return empty
        handle = self.handle(member)
        return f"{self.name(member)} ({handle})" if handle else self.name(member)
