"""What a report shows of its problems: bounded per rule and per line, the rest counted."""

from __future__ import annotations

import pytest
from msgspec.structs import replace

from relrot.problems import (
    EXCERPT_WIDTH,
    MESSAGE_WIDTH,
    SHOWN_PER_LINE,
    SHOWN_PER_RULE,
    Problem,
    RoleId,
    Severity,
    UsageError,
    close_match,
    seat_named,
    shown,
    sorted_problems,
)
from relrot.render.problems import excerpt

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def at(line: int, column: int = 1, rule: str = "schema", severity: Severity = ERROR) -> Problem:
    return Problem(rule, severity, f"{rule} at {line}:{column}", "a.yaml", line, column)


def test_a_line_shows_five_problems_and_counts_the_rest() -> None:
    problems = [at(3, column) for column in range(1, 101)]
    report = shown(problems)
    assert report.problems == problems[:SHOWN_PER_LINE]
    assert report.omitted == {(ERROR, "schema"): 95}
    assert (report.omitted_by_rule, report.omitted_count) == ({"schema": 95}, 95)


def test_a_rule_shows_twenty_problems_over_its_lines() -> None:
    problems = [at(line) for line in range(1, 31)] + [at(40, rule="calendar")]
    report = shown(problems)
    assert report.problems == problems[:SHOWN_PER_RULE] + problems[-1:]
    assert report.omitted_by_rule == {"schema": 10}


def test_each_file_has_its_own_allowance() -> None:
    first = [at(1, column) for column in range(1, 11)]
    second = [Problem("schema", ERROR, "x", "b.yaml", 1, column) for column in range(1, 11)]
    report = shown(first + second)
    assert report.problems == first[:5] + second[:5]
    assert report.omitted_count == 10


def test_errors_take_a_full_line_before_warnings_and_history() -> None:
    # Given in file order; the line's room goes to the errors.
    problems = [at(2, 1, "untrained-pilot", WARNING), at(2, 2, "not-core", INFO)]
    problems += [at(2, column, "unknown-member") for column in range(3, 8)]
    report = shown(problems)
    assert report.problems == problems[2:]
    assert report.omitted == {(WARNING, "untrained-pilot"): 1, (INFO, "not-core"): 1}


def test_a_report_can_show_fewer_in_all_and_keeps_the_order_given() -> None:
    problems = [at(line, rule=rule) for line in (9, 1, 5) for rule in ("a", "b")]
    report = shown(problems + problems, at_most=4)
    assert report.problems == problems[:4]
    assert report.omitted_by_rule == {"a": 1, "b": 1}


def test_problems_without_a_line_are_only_counted_by_rule() -> None:
    problems = [Problem("calendar", ERROR, f"release {n} has no day", "a.yaml") for n in range(25)]
    assert shown(problems).problems == problems[:SHOWN_PER_RULE]


def test_an_excerpt_is_cut_around_its_column() -> None:
    line = "".join(f"{n:<10}" for n in range(100))  # "0         1         2 ..."
    text, caret = excerpt(line, 501)  # the "50"
    assert text == "…" + line[460:540] + "…"
    assert text[caret : caret + 2] == "50"
    # Near either end the window stops at the end, with one mark.
    assert excerpt(line, 3) == (line[:EXCERPT_WIDTH] + "…", 2)
    text, caret = excerpt(line, len(line))
    assert (text, text[caret]) == ("…" + line[-EXCERPT_WIDTH:], line[-1])
    # A column past the end (a problem at the line's end) is shown just after it.
    assert excerpt("short", 9) == ("short", 5)
    assert excerpt(line, len(line) + 4)[1] == EXCERPT_WIDTH + 1


def test_a_long_message_keeps_what_is_wrong_and_how_to_fix_it() -> None:
    message = f"`{'x' * 30_000}` is not on the roster; add them to `members:` first"
    problem = Problem("unknown-member", ERROR, message)
    assert len(problem.message) == MESSAGE_WIDTH
    assert problem.message.startswith("`xxx")
    assert " … " in problem.message
    assert problem.message.endswith("` is not on the roster; add them to `members:` first")
    # Placing the problem (a copy with a position) leaves the message as it is.
    assert replace(problem, line=3).message == problem.message
    assert Problem("schema", ERROR, "y" * MESSAGE_WIDTH).message == "y" * MESSAGE_WIDTH


def test_a_message_given_to_a_copy_is_cut_as_well() -> None:
    # A problem in history takes its history message, a copy with a new message: one that
    # quotes a long value is cut as a new problem's is (msgspec's `replace` runs
    # `__post_init__` from 0.21 on; before, the copy kept the whole message).
    long = f"swap 1 moves the pilot seat from {'x' * 30_000} to eli: record who served"
    problem = Problem("stale-swap", ERROR, "short", in_history=long)
    assert len(problem.demoted().message) == MESSAGE_WIDTH
    assert len(replace(problem, message=long).message) == MESSAGE_WIDTH


def test_a_long_word_is_no_misspelling(monkeypatch: pytest.MonkeyPatch) -> None:
    import difflib

    compared = []
    monkeypatch.setattr(
        difflib, "get_close_matches", lambda word, *_, **__: compared.append(word) or []
    )
    # A 30 KB holiday code or member id, once per alias of it: compared with every choice,
    # 2,000 of them took 28 s.
    assert close_match("u" * 30_000, ["us", "uk"]) is None
    assert compared == []
    assert close_match("bbo", ["bob"]) is None  # the stub answers nothing; it was asked
    assert compared == ["bbo"]
    monkeypatch.undo()
    assert close_match("bbo", ["bob", "jane"]) == "bob"


# --- what a problem carries besides its words ---------------------------------------------------


def test_seat_and_project_are_facts_for_code_not_part_of_the_json() -> None:
    problem = Problem("empty-seat", ERROR, "26.1.0 has no pilot", "a.yaml", 4, 3, "26.1.0")
    assert (problem.seat, problem.project) == (None, None)
    # SPEC 5.2: validate's JSON has these keys and no others, whatever seat it is about; a
    # problem of one project of several also names the project (SPEC 6), and only then.
    keys = ["rule", "severity", "message", "file", "line", "column", "release", "member"]
    assert list(replace(problem, seat="pilot").to_json()) == keys
    assert replace(problem, seat="pilot").to_json() == problem.to_json()
    assert list(replace(problem, project="web").to_json()) == [*keys, "project"]
    assert replace(problem, project="web").to_json()["project"] == "web"


def test_problems_saying_the_same_at_the_same_place_are_one_whatever_their_seat() -> None:
    # A member in both seats and away is found once per seat, with one message and place.
    away = Problem("away-on-duty", ERROR, "bob is away", "a.yaml", 7, 5, "26.1.0", "bob")
    both = [replace(away, seat="pilot"), replace(away, seat="co_pilot")]
    assert sorted_problems(both) == [both[0]]
    assert sorted_problems(both)[0].seat == "pilot"
    assert replace(away, project="web") != away


def test_only_the_seat_and_the_history_message_leave_a_problem_the_same() -> None:
    problem = Problem("away-on-duty", ERROR, "bob is away", "a.yaml", 7, 5, "26.1.0", "bob")
    same = replace(problem, seat="pilot", in_history="bob was away")
    assert same == problem
    assert hash(same) == hash(problem)
    others = {"line": 8, "column": 6, "release": "26.3.0", "member": "eli", "at_key": True}
    assert all(replace(problem, **{key: value}) != problem for key, value in others.items())
    assert replace(problem, message="eli is away") != problem


def test_a_seat_is_one_of_the_three_or_a_role_id() -> None:
    assert [seat_named(key) for key in ("pilot", "co_pilot", "jump_seat")] == [
        "pilot",
        "co_pilot",
        "jump_seat",
    ]
    assert seat_named("qa_owner") == RoleId("qa_owner")


def test_a_usage_error_is_told_apart_by_its_type_and_knows_the_file_it_names() -> None:
    named = UsageError("a.yaml: no such file", file="a.yaml")
    assert (named.exit_code, named.problems[0].rule, named.named_file) == (2, "usage", "a.yaml")
    assert named.about("b.yaml") is named
    # Its message does not name the file: the report puts it first.
    unnamed = UsageError("'x' is not on the roster", file="a.yaml", names_file=False)
    assert unnamed.named_file is None
    # Raised without a file, then found to be about one: its message cannot name it.
    located = UsageError("--count 0 is too few").about("a.yaml")
    assert (located.problems[0].file, located.named_file) == ("a.yaml", None)
