"""The models' own checks, through the loader so that messages carry their positions."""

from __future__ import annotations

import pytest

from relrot.yamlfile.load import parse
from tests.conftest import problems_in_bytes, summary


def roster(github: str) -> bytes:
    member = f"  - {{id: bob, github: {github}}}\n"
    return f"schedule: {{first_release: 2026-01-13}}\nmembers:\n{member}".encode()


@pytest.mark.parametrize(
    ("written", "login"),
    [("bobross", "bobross"), ("'@bobross'", "bobross"), ("Bob-Ross-2", "Bob-Ross-2"), ("b", "b")],
    ids=["plain", "with-at", "hyphens", "one-letter"],
)
def test_a_github_login_is_kept_without_its_at(written: str, login: str) -> None:
    assert parse(roster(written)).model.members[0].github == login


def test_a_github_login_may_have_39_characters() -> None:
    assert parse(roster("a" * 39)).model.members[0].github == "a" * 39


NOT_A_LOGIN = (
    "is not a GitHub login; a login is 1 to 39 letters, digits or single hyphens, with no "
    "hyphen at either end"
)
A_TEAM = (
    "names a team, and mentioning it would notify everyone in it; give one person's GitHub login"
)
REFUSED = {
    "leading-hyphen": ("-bob", NOT_A_LOGIN),
    "trailing-hyphen": ("bob-", NOT_A_LOGIN),
    "double-hyphen": ("bo--b", NOT_A_LOGIN),
    "underscore": ("bob_ross", NOT_A_LOGIN),
    "dot": ("bob.ross", NOT_A_LOGIN),
    "space": ("'bob ross'", NOT_A_LOGIN),
    "empty": ("''", NOT_A_LOGIN),
    "only-at": ("'@'", NOT_A_LOGIN),
    "40-characters": ("a" * 40, NOT_A_LOGIN),
    "not-ascii": ("böb", NOT_A_LOGIN),
    # Mentioning a team notifies all of it: never what a release issue means to do.
    "team": ("conda/core", A_TEAM),
    "team-with-at": ("'@conda/core'", A_TEAM),
}


@pytest.mark.parametrize(("written", "why"), list(REFUSED.values()), ids=list(REFUSED))
def test_a_handle_that_is_not_one_persons_github_login_is_refused(written: str, why: str) -> None:
    shown = written.strip("'")
    assert summary(problems_in_bytes(roster(written))) == [
        ("schema", "error", 3, 23, f"`members[0].github`: {shown!r} {why}"),
    ]


def test_a_list_left_empty_after_its_key_is_an_empty_list() -> None:
    raw = (
        b"schedule: {first_release: 2026-01-13}\nmembers:\n  - {id: bob}\n"
        b"jump_seat:\nreleases:\nswaps:  # none yet\n"
    )
    model = parse(raw).model
    assert (model.jump_seat, model.releases, model.swaps) == ((), (), ())
