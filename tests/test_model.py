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


def with_chat(chat: str) -> bytes:
    member = f"  - {{id: bob, chat: {chat}}}\n"
    return f"schedule: {{first_release: 2026-01-13}}\nmembers:\n{member}".encode()


@pytest.mark.parametrize(
    "chat",
    ["'<@U024BE7LH>'", "'<@!80351110224678912>'", "'@**Ana Lima**'", "'@**José|12**'",
     "'@ana:example.org'", "'@ana.lima'"],
    ids=["slack", "discord", "zulip", "zulip-with-id", "matrix", "plain"],
)  # fmt: skip
def test_a_chat_mention_is_kept_as_the_chat_writes_it(chat: str) -> None:
    assert parse(with_chat(chat)).model.members[0].chat == chat.strip("'")


NOT_A_MENTION = (
    "is not one person's chat mention; write it as the chat does: <@U024BE7LH> (Slack, "
    "Discord), @**Ana Lima** (Zulip), @ana:example.org (Matrix) or @ana"
)
EVERYONE = "mentions everyone in the chat; give one person's mention"


@pytest.mark.parametrize(
    ("chat", "why"),
    [
        ("'<!channel>'", NOT_A_MENTION),
        ("'<!here>'", NOT_A_MENTION),
        ("'<!subteam^S123>'", NOT_A_MENTION),
        ("'@**all**'", EVERYONE),
        ("'@**Everyone**'", EVERYONE),
        ("'@room'", EVERYONE),
        ("'@here'", EVERYONE),
        ("'@channel'", EVERYONE),
        ("'@room.'", EVERYONE),
        ("'@room:example.org'", EVERYONE),
        ("'@everyone.'", EVERYONE),
        ("'@here-'", EVERYONE),
        ("'@**all|12**'", EVERYONE),
        ("'@**Stream**'", EVERYONE),
        ("Ana", NOT_A_MENTION),
        ("'@**Ana** <!channel>'", NOT_A_MENTION),
        ('"@ana\\n@room"', NOT_A_MENTION),
        ("'@*core team*'", NOT_A_MENTION),
    ],
)
def test_a_chat_mention_of_everyone_or_of_no_one_is_refused(chat: str, why: str) -> None:
    problems = problems_in_bytes(with_chat(chat))
    shown = parse_shown(chat)
    assert summary(problems) == [("schema", "error", 3, 21, f"`members[0].chat`: {shown!r} {why}")]


def parse_shown(chat: str) -> str:
    return chat.strip("'").replace('"', "").replace("\\n", "\n")


def with_days(days: str) -> bytes:
    return (
        f"project: {{remind_days: {days}}}\nschedule: {{first_release: 2026-01-13}}\n"
        "members: [{id: bob}]\n"
    ).encode()


def test_remind_days_default_to_two_weeks_and_a_day_before() -> None:
    plain = b"schedule: {first_release: 2026-01-13}\nmembers: [{id: bob}]\n"
    assert parse(plain).model.project.remind_days == (14, 1)
    assert parse(with_days("[7, 0]")).model.project.remind_days == (7, 0)
    assert parse(with_days("[]")).model.project.remind_days == ()


@pytest.mark.parametrize(
    ("days", "why"),
    [
        ("14", "expected a list of days such as [14, 1], got 14"),
        ("[-1]", "-1 is not 0 to 366 days before a release"),
        ("[400]", "400 is not 0 to 366 days before a release"),
        ("[1, 1]", "a day is listed twice; list each day once"),
        ("[true]", "expected a whole number of days, got True"),
        ("['7']", "expected a whole number of days, got '7'"),
    ],
)
def test_remind_days_are_whole_days_before_a_release_each_once(days: str, why: str) -> None:
    assert [p.message for p in problems_in_bytes(with_days(days))] == [
        f"`project.remind_days`: {why}"
    ]


# --- several projects (SPEC 6) ------------------------------------------------------------------

PORTFOLIO = """\
members:
  - {id: bob}
projects:
  - id: app
    schedule: {first_release: 2026-01-13}
"""


def portfolio_problems(extra: str) -> list[tuple[int | None, int | None, str]]:
    found = problems_in_bytes((PORTFOLIO + extra).encode())
    return [(p.line, p.column, p.message) for p in found]


def test_a_file_with_projects_needs_no_schedule_and_one_without_still_does() -> None:
    model = parse(PORTFOLIO.encode()).model
    assert (model.schedule, [p.id for p in model.projects]) == (None, ["app"])
    assert [(p.line, p.message) for p in problems_in_bytes(b"members:\n  - {id: bob}\n")] == [
        (1, "missing required key `schedule`")
    ]


@pytest.mark.parametrize(("written", "column"), [("projects: []\n", 11), ("projects:\n", 1)])
def test_an_empty_projects_list_is_said_at_its_key(written: str, column: int) -> None:
    # Not "missing `schedule`": the list the file meant to plan from is what is empty.
    found = problems_in_bytes(b"members:\n  - {id: bob}\n" + written.encode())
    assert [(p.rule, p.line, p.column, p.message) for p in found] == [
        (
            "schema",
            3,
            column,
            "`projects`: the list is empty; list each project the team plans under it, or "
            "remove the key and give the file its own `schedule`",
        )
    ]


def test_a_file_with_projects_keeps_each_projects_keys_in_it() -> None:
    assert portfolio_problems("schedule: {first_release: 2026-01-13}\n") == [
        (
            1,
            1,
            "the file: a file with `projects:` keeps `schedule` in each project; move it "
            "into the project it belongs to",
        )
    ]


@pytest.mark.parametrize(
    ("entry", "line", "column", "message"),
    [
        (
            "  - {id: lib, crew_from: app, rotation: {stint: [co_pilot, pilot]}, "
            "schedule: {first_release: 2026-01-14}}\n",
            6,
            5,
            "`projects[1]`: a `crew_from` project takes its crews from `app`; remove `rotation`",
        ),
        (
            "  - {id: lib, on_demand: {first_term: 2026-01-01}, "
            "schedule: {first_release: 2026-01-14}}\n",
            6,
            5,
            "`projects[1]`: an `on_demand` project has no `schedule` or `crew_from`; keep one of "
            "them",
        ),
        (
            "  - {id: lib}\n",
            6,
            5,
            "`projects[1]`: give the project a `schedule:` (with `crew_from:` if it releases "
            "with another project) or `on_demand:`",
        ),
        (
            "  - {id: lib, on_demand: {first_term: 2026-01-15}}\n",
            6,
            39,
            "`projects[1].on_demand.first_term`: 2026-01-15 is not the first day of a month; "
            "terms start on the 1st, e.g. 2026-01-01",
        ),
        (
            "  - {id: Lib, on_demand: {first_term: 2026-01-01}}\n",
            6,
            10,
            "`projects[1].id`: project id 'Lib' must be lowercase letters, digits, `_`, `.` or "
            "`-`, starting with a letter or digit",
        ),
    ],
    ids=["rotation-on-crew-from", "on-demand-and-schedule", "neither", "mid-month", "bad-id"],
)
def test_each_project_is_one_kind(entry: str, line: int, column: int, message: str) -> None:
    assert portfolio_problems(entry) == [(line, column, message)]


def test_a_pinned_term_is_a_release_named_by_its_term() -> None:
    text = PORTFOLIO + (
        "  - id: lib\n"
        "    on_demand: {first_term: 2026-01-01}\n"
        "    releases:\n"
        "      - {term: 2026-01, shipped: [{version: 0.7.2, date: 2026-01-20}]}\n"
    )
    (pinned,) = parse(text.encode()).model.projects[1].releases
    assert (pinned.version, pinned.term, pinned.shipped[0].version) == (
        "2026-01",
        "2026-01",
        "0.7.2",
    )


def test_keys_of_several_projects_are_refused_in_a_file_of_one() -> None:
    raw = (
        b"schedule: {first_release: 2026-01-13}\nmembers:\n  - {id: bob}\n"
        b"roles:\n  - {id: qa, projects: [app]}\n"
        b"releases:\n  - {term: 2026-01, shipped: [{version: 0.1.0, date: 2026-01-20}]}\n"
    )
    assert [(p.line, p.column, p.message) for p in problems_in_bytes(raw)] == [
        (5, 14, "`projects` of a role is for a file with `projects:`; remove it"),
        (7, 6, "`term` is for an on-demand project of a file with `projects:`; remove it"),
        (7, 21, "`shipped` is for an on-demand project of a file with `projects:`; remove it"),
    ]
