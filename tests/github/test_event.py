"""Reading the event a job runs for, from recorded payloads and the environment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from relrot.github import event as github_event
from relrot.github.event import Event, PullRequest, read_event
from relrot.problems import UsageError
from tests.conftest import DATA

EVENTS = DATA / "events"


def environ(payload: Path | None, name: str = "pull_request") -> dict[str, str]:
    found = {
        "GITHUB_EVENT_NAME": name,
        "GITHUB_REPOSITORY": "widgets/widgets",
        "GITHUB_BASE_REF": "main",
    }
    if payload is not None:
        found["GITHUB_EVENT_PATH"] = str(payload)
    return found


def test_a_pull_request_from_the_same_repository() -> None:
    event = read_event(environ(EVENTS / "pull_request-same-repo.json"))
    assert event == Event(
        name="pull_request",
        repository="widgets/widgets",
        base_ref="main",
        pull_request=PullRequest(
            number=42,
            author="janedoe",
            base_sha="BASE_SHA",
            head_repository="widgets/widgets",
            base_repository="widgets/widgets",
        ),
    )
    assert event.pull_request is not None
    assert not event.pull_request.from_fork
    assert event.token_may_write
    assert event.base_revision == "BASE_SHA"


def test_a_fork_gets_a_read_only_token_except_on_pull_request_target() -> None:
    fork = EVENTS / "pull_request-fork.json"
    event = read_event(environ(fork))
    assert event.pull_request is not None
    assert (event.pull_request.number, event.pull_request.author) == (43, "outsider")
    assert event.pull_request.from_fork
    assert not event.token_may_write
    assert read_event(environ(fork, "pull_request_target")).token_may_write


def test_without_a_base_sha_the_base_branch_is_compared(tmp_path: Path) -> None:
    payload = json.loads((EVENTS / "pull_request-same-repo.json").read_text(encoding="utf-8"))
    del payload["pull_request"]["base"]["sha"]
    path = tmp_path / "event.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    assert read_event(environ(path)).base_revision == "origin/main"
    assert read_event({"GITHUB_EVENT_PATH": str(path)}).base_revision is None


@pytest.mark.parametrize(
    "text",
    [
        "[1, 2]",
        '{"pull_request": "forty-two"}',
        '{"pull_request": {"number": "42"}}',
        '{"pull_request": {}}',
    ],
)
def test_a_payload_without_a_numbered_pull_request_runs_for_none(tmp_path: Path, text: str) -> None:
    path = tmp_path / "event.json"
    path.write_text(text, encoding="utf-8")
    event = read_event(environ(path, "push"))
    assert event.pull_request is None
    assert not event.token_may_write
    assert event.base_revision == "origin/main"


def test_odd_shapes_inside_the_pull_request_read_as_missing(tmp_path: Path) -> None:
    path = tmp_path / "event.json"
    odd = {"number": 7, "user": "jane", "base": {"sha": 5, "repo": []}, "head": None}
    path.write_text(json.dumps({"pull_request": odd}), encoding="utf-8")
    assert read_event(environ(path)).pull_request == PullRequest(7, None, None, None, None)


def test_no_payload_and_no_variables_is_no_event() -> None:
    assert read_event({}) == Event(name="", repository=None, base_ref=None, pull_request=None)


def test_a_payload_that_is_not_json_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "event.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        read_event(environ(path))
    assert caught.value.problems[0].message == f"the event payload {path} is not JSON"


def test_a_missing_payload_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "gone.json"
    with pytest.raises(UsageError) as caught:
        read_event(environ(path))
    assert caught.value.problems[0].message == (
        f"cannot read the event payload {path}: No such file or directory"
    )


def test_a_payload_over_the_bound_is_refused_unparsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(github_event, "MAX_EVENT_BYTES", 100)
    path = tmp_path / "event.json"
    path.write_text(json.dumps({"pull_request": {"number": 1, "title": "x" * 100}}), "utf-8")
    with pytest.raises(UsageError) as caught:
        read_event(environ(path))
    assert caught.value.problems[0].message == (
        f"the event payload {path} is larger than 100 bytes"
    )
