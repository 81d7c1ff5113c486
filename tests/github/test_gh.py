"""The `gh` client against tests/data/fake_gh.py on PATH, which records every call and plays
GitHub's review and comment API."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from relrot.github import gh as gh_module
from relrot.github.event import Event, PullRequest
from relrot.github.gh import Gh, GhError, client
from tests.conftest import DATA

TAG = "<!-- relrot-report: rotation.yaml -->"
PULL = PullRequest(42, "janedoe", "abc", "widgets/widgets", "widgets/widgets")


class FakeGh:
    """The fake's state folder: what it was asked, and what the API holds."""

    def __init__(self, state: Path) -> None:
        self.state = state

    @property
    def calls(self) -> list[list[str]]:
        log = self.state / "calls.jsonl"
        lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
        return [json.loads(line) for line in lines]

    def hold(self, name: str, items: list[dict[str, object]]) -> None:
        (self.state / name).write_text(json.dumps(items), encoding="utf-8")

    @property
    def issues(self) -> list[dict[str, object]]:
        path = self.state / "issues.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []

    @property
    def comments(self) -> list[dict[str, object]]:
        path = self.state / "comments.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeGh:
    return install_fake_gh(tmp_path, monkeypatch)


def install_fake_gh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeGh:
    """tests/data/fake_gh.py as `gh` on PATH, with its state in a fresh folder."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "gh"
    script.write_text(
        f'#!/bin/sh\nexec "{sys.executable}" "{DATA / "fake_gh.py"}" "$@"\n', encoding="utf-8"
    )
    script.chmod(0o755)
    state = tmp_path / "gh-state"
    state.mkdir()
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_GH_DIR", str(state))
    return FakeGh(state)


def review(login: str, state: str) -> dict[str, object]:
    return {"user": {"login": login}, "state": state}


def test_the_latest_deciding_review_of_each_login_counts(fake: FakeGh) -> None:
    fake.hold(
        "reviews.json",
        [
            review("tobbyt", "APPROVED"),
            review("elvisp", "APPROVED"),
            review("tobbyt", "CHANGES_REQUESTED"),
            review("elvisp", "COMMENTED"),  # a comment withdraws nothing
            review("bobross", "APPROVED"),
            review("bobross", "DISMISSED"),
            {"user": None, "state": "APPROVED"},
            "not a review",  # type: ignore[list-item]
        ],
    )
    assert Gh("widgets/widgets", 42).approvers() == ["elvisp"]
    assert fake.calls == [["api", "--paginate", "repos/widgets/widgets/pulls/42/reviews"]]


def method_and_path(call: list[str]) -> tuple[str, str]:
    method = call[call.index("--method") + 1] if "--method" in call else "GET"
    return method, next(a for a in call if a.startswith("repos/"))


def test_the_comment_is_created_once_then_edited(fake: FakeGh) -> None:
    gh = Gh("widgets/widgets", 42)
    assert gh.upsert_comment(f"{TAG}\nfirst\n", TAG) == "created"
    assert gh.upsert_comment(f"{TAG}\nsecond\n", TAG) == "edited"
    assert [c["body"] for c in fake.comments] == [f"{TAG}\nsecond\n"]
    assert [method_and_path(call) for call in fake.calls] == [
        ("GET", "repos/widgets/widgets/issues/42/comments"),
        ("POST", "repos/widgets/widgets/issues/42/comments"),
        ("GET", "repos/widgets/widgets/issues/42/comments"),
        ("PATCH", "repos/widgets/widgets/issues/comments/1000"),
    ]


def test_a_person_pasting_the_marker_does_not_capture_the_comment(fake: FakeGh) -> None:
    pasted = {"id": 7, "body": f"see {TAG}", "user": {"login": "eve", "type": "User"}}
    fake.hold("comments.json", [pasted])
    assert Gh("widgets/widgets", 42).upsert_comment(f"{TAG}\nreport\n", TAG) == "created"
    assert [c["id"] for c in fake.comments] == [7, 1001]
    assert fake.comments[0]["body"] == f"see {TAG}"


def test_the_body_travels_in_a_file_that_is_gone_afterwards(fake: FakeGh) -> None:
    Gh("widgets/widgets", 42).upsert_comment(f"{TAG}\n" + "x" * 70_000, TAG)
    [posted] = [call for call in fake.calls if "--input" in call]
    assert not Path(posted[posted.index("--input") + 1]).exists()
    assert fake.comments[0]["body"] == f"{TAG}\n" + "x" * 70_000


@pytest.mark.usefixtures("fake")
def test_a_body_that_cannot_be_written_is_a_gh_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_args: object, **_options: object) -> object:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(gh_module.tempfile, "TemporaryDirectory", full)
    with pytest.raises(GhError) as caught:
        Gh("widgets/widgets", 42).upsert_comment(f"{TAG}\nreport\n", TAG)
    assert str(caught.value) == "cannot write the comment for gh: No space left on device"


def test_a_refused_call_says_which_and_why(fake: FakeGh) -> None:
    (fake.state / "fail").touch()
    with pytest.raises(GhError) as caught:
        Gh("widgets/widgets", 42).approvers()
    assert str(caught.value) == (
        "`gh api --paginate repos/widgets/widgets/pulls/42/reviews` failed: "
        "HTTP 403: Resource not accessible by integration"
    )


def test_without_gh_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(GhError, match=r"^gh is not installed$"):
        Gh("widgets/widgets", 42).approvers()


def test_output_that_is_not_json_is_a_gh_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gh_module, "run_gh", lambda _args: '[{"state": "APPROVED"}] <html>')
    with pytest.raises(GhError, match=r"^gh printed something that is not JSON$"):
        Gh("widgets/widgets", 42).approvers()


def test_pages_printed_back_to_back_are_one_list() -> None:
    assert gh_module._pages("[1, 2]\n[3]  [] 4\n") == [1, 2, 3, 4]
    assert gh_module._pages("") == []


def test_a_client_only_for_a_pull_request_in_a_named_repository() -> None:
    assert client(Event("pull_request", "widgets/widgets", "main", PULL)) == Gh(
        "widgets/widgets", 42
    )
    assert client(Event("push", "widgets/widgets", None, None)) is None
    assert client(Event("pull_request", None, "main", PULL)) is None
