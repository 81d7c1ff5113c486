"""`gh issue create` and `gh issue edit` as sync's operations call them (SPEC 5.6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from relrot.github.gh import GhError
from relrot.github.issues import carry_out
from relrot.sync import Operation
from tests.github.test_gh import FakeGh, install_fake_gh


@pytest.fixture
def github(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeGh:
    return install_fake_gh(tmp_path, monkeypatch)


def test_create_with_no_assignee_passes_none(github: FakeGh) -> None:
    url = carry_out(Operation("create", "26.3.0", None, "Release 26.3.x", "a\r\nb\r\n"))
    assert url == "https://github.com/widgets/widgets/issues/1"
    [call] = github.calls
    assert call[:4] == ["issue", "create", "--title", "Release 26.3.x"]
    assert call[4] == "--body-file"
    assert len(call) == 6


def test_an_edit_of_assignees_alone_sends_no_body(github: FakeGh) -> None:
    carry_out(Operation("create", "26.3.0", None, "t", "a\r\nb\r\n", ("bob",)))
    carry_out(Operation("edit", "26.3.0", 1, "t", None, ("ann", "cy"), ("bob",)))
    assert github.calls[-1] == [
        "issue",
        "edit",
        "1",
        "--add-assignee",
        "ann,cy",
        "--remove-assignee",
        "bob",
    ]
    [issue] = github.issues
    # The body as sent, CRLF and all.
    assert issue["body"] == "a\r\nb\r\n"
    assert issue["assignees"] == [{"login": "ann"}, {"login": "cy"}]


def test_a_refused_call_is_a_gh_error(github: FakeGh) -> None:
    (github.state / "fail").write_text("", encoding="utf-8")
    with pytest.raises(GhError, match="`gh issue create --title t` failed: HTTP 403"):
        carry_out(Operation("create", "26.3.0", None, "t", "b"))
