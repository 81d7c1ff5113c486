"""The GitHub event a job runs for, read from the environment and the event payload: the pull
request's number, author and base, and whether it comes from a fork."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from msgspec import Struct

from relrot.problems import UsageError

# Event payloads are a few kilobytes; a bound keeps a forged one from costing much.
MAX_EVENT_BYTES = 4 << 20


class PullRequest(Struct, frozen=True):
    number: int
    author: str | None
    base_sha: str | None
    head_repository: str | None
    base_repository: str | None

    @property
    def from_fork(self) -> bool:
        return self.head_repository != self.base_repository


class Event(Struct, frozen=True):
    """The part of the GitHub environment relrot reads."""

    name: str
    repository: str | None
    base_ref: str | None
    pull_request: PullRequest | None

    @property
    def token_may_write(self) -> bool:
        """On `pull_request` from a fork GitHub hands the job a read-only token."""
        if self.pull_request is None:
            return False
        return self.name == "pull_request_target" or not self.pull_request.from_fork

    @property
    def base_revision(self) -> str | None:
        """The commit the pull request is compared with: the base's sha, else its branch."""
        if self.pull_request and self.pull_request.base_sha:
            return self.pull_request.base_sha
        return f"origin/{self.base_ref}" if self.base_ref else None


def read_event(environ: Mapping[str, str]) -> Event:
    """The event from `GITHUB_EVENT_NAME`, `GITHUB_EVENT_PATH` and friends."""
    path = environ.get("GITHUB_EVENT_PATH")
    payload = _payload(path) if path else {}
    return Event(
        name=environ.get("GITHUB_EVENT_NAME", ""),
        repository=environ.get("GITHUB_REPOSITORY") or None,
        base_ref=environ.get("GITHUB_BASE_REF") or None,
        pull_request=_pull_request(payload.get("pull_request")),
    )


def _payload(path: str) -> dict[str, Any]:
    """The payload's JSON object; anything but an object reads as an empty one."""
    try:
        with Path(path).open("rb") as handle:
            raw = handle.read(MAX_EVENT_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"cannot read the event payload {path}: {exc.strerror}") from None
    if len(raw) > MAX_EVENT_BYTES:
        raise UsageError(f"the event payload {path} is larger than {MAX_EVENT_BYTES} bytes")
    try:
        loaded = json.loads(raw)
    except ValueError:
        raise UsageError(f"the event payload {path} is not JSON") from None
    return loaded if isinstance(loaded, dict) else {}


def _pull_request(data: object) -> PullRequest | None:
    if not isinstance(data, dict) or not isinstance(data.get("number"), int):
        return None

    def text(*keys: str) -> str | None:
        value: object = data
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        return value if isinstance(value, str) else None

    return PullRequest(
        number=data["number"],
        author=text("user", "login"),
        base_sha=text("base", "sha"),
        head_repository=text("head", "repo", "full_name"),
        base_repository=text("base", "repo", "full_name"),
    )
