"""The one place that runs `gh`: a pull request's reviews and relrot's comment on it. Every
failure (no `gh`, a read-only token, a hung call, output that is not JSON) is a `GhError`
whose message says which call and why."""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct

if TYPE_CHECKING:
    from relrot.github.event import Event

# Seconds one `gh` call may take before relrot gives up on it (the report stays in the summary).
GH_TIMEOUT = 60


class GhError(Exception):
    """A `gh` call failed; the message says which and why."""


def client(event: Event) -> Gh | None:
    """The client for the event's pull request; None when the job runs for none."""
    pull = event.pull_request
    if pull is None or not event.repository:
        return None
    return Gh(event.repository, pull.number)


class Gh(Struct, frozen=True):
    """`gh api` calls for one repository's pull request."""

    repository: str
    number: int

    def run(self, args: list[str]) -> str:
        return run_gh(args)

    def approvers(self) -> list[str]:
        """Logins whose latest deciding review approves the pull request."""
        reviews = _pages(
            self.run(["api", "--paginate", self._repo(f"pulls/{self.number}/reviews")])
        )
        latest: dict[str, str] = {}
        for review in reviews:
            login = _login(review)
            state = review.get("state") if isinstance(review, dict) else None
            # A comment neither gives nor withdraws an approval.
            if login and state in {"APPROVED", "CHANGES_REQUESTED", "DISMISSED"}:
                latest[login] = state
        return [login for login, state in latest.items() if state == "APPROVED"]

    def upsert_comment(self, body: str, tag: str) -> str:
        """Edit the comment carrying `tag`, or create it; 'created' or 'edited'."""
        comments = _pages(
            self.run(["api", "--paginate", self._repo(f"issues/{self.number}/comments")])
        )
        # Only a bot's comment: a person who pastes the marker must not capture the report.
        ours = [
            c
            for c in comments
            if isinstance(c, dict)
            and tag in str(c.get("body", ""))
            and isinstance(c.get("user"), dict)
            and c["user"].get("type") == "Bot"
        ]
        if ours:
            self._send("PATCH", f"issues/comments/{ours[0]['id']}", body)
            return "edited"
        self._send("POST", f"issues/{self.number}/comments", body)
        return "created"

    def _send(self, method: str, tail: str, body: str) -> None:
        # The body goes in a file: a report of 64 KiB is too long for a command line.
        try:
            with tempfile.TemporaryDirectory() as scratch:
                payload = Path(scratch) / "relrot-comment.json"
                payload.write_text(json.dumps({"body": body}), encoding="utf-8")
                self.run(["api", "--method", method, self._repo(tail), "--input", str(payload)])
        except OSError as exc:
            raise GhError(f"cannot write the comment for gh: {exc.strerror or exc}") from None

    def _repo(self, tail: str) -> str:
        return f"repos/{self.repository}/{tail}"


def _login(item: object) -> str | None:
    user = item.get("user") if isinstance(item, dict) else None
    login = user.get("login") if isinstance(user, dict) else None
    return login if isinstance(login, str) else None


def _pages(text: str) -> list[Any]:
    """`gh api --paginate` prints one JSON array per page, back to back."""
    decoder = json.JSONDecoder()
    items: list[Any] = []
    position = 0
    text = text.strip()
    while position < len(text):
        try:
            page, position = decoder.raw_decode(text, position)
        except ValueError:
            raise GhError("gh printed something that is not JSON") from None
        items += page if isinstance(page, list) else [page]
        while position < len(text) and text[position].isspace():
            position += 1
    return items


def run_gh(args: list[str]) -> str:
    """Run `gh ARGS` and return what it printed; a `GhError` saying why when it fails."""
    try:
        done = subprocess.run(
            ["gh", *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=GH_TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise GhError("gh is not installed") from None
    except subprocess.TimeoutExpired:
        raise GhError(f"gh took more than {GH_TIMEOUT} s") from None
    except OSError as exc:
        raise GhError(f"cannot run gh: {exc.strerror or exc}") from None
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        last = "".join(c if c.isprintable() else "?" for c in (lines[-1] if lines else ""))
        raise GhError(f"`gh {' '.join(args[:4])}` failed: {last}")
    return done.stdout
