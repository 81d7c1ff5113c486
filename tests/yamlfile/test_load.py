"""The loader: every problem of a file, with its rule, exact position and exact message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from relrot.problems import RelrotError
from relrot.yamlfile.load import Loaded, load, parse
from tests.conftest import ROOT, problems_in, problems_in_bytes, summary

# --- unknown keys ------------------------------------------------------------------------------


def test_unknown_key_points_at_the_key_and_suggests_the_closest_name(
    rotation_file: Callable[[str], Path],
) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
          evry_months: 2
        members:
          - {id: bob}
        """
    )
    problems = problems_in(path)
    assert summary(problems) == [
        ("schema", "error", 3, 3, "unknown key `evry_months`; did you mean `every_months`?"),
    ]
    assert problems[0].file == str(path)
    assert (problems[0].release, problems[0].member) == (None, None)


def test_unknown_key_in_a_member_suggests_a_member_field(
    rotation_file: Callable[[str], Path],
) -> None:
    path = rotation_file(
        """\
        schedule: {first_release: 2026-01-13}
        members:
          - id: bob
            nmae: Bob Ross
        """
    )
    assert summary(problems_in(path)) == [
        ("schema", "error", 4, 5, "unknown key `nmae`; did you mean `name`?"),
    ]


def test_unknown_key_with_no_close_match_lists_the_valid_keys(
    rotation_file: Callable[[str], Path],
) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
          zzz: 1
        members:
          - {id: bob}
        """
    )
    assert summary(problems_in(path)) == [
        (
            "schema",
            "error",
            3,
            3,
            "unknown key `zzz`; valid keys: first_release, every_months, rrule, version, "
            "timezone, skip, blocked_weekdays, blackout, holidays, shift, milestones",
        ),
    ]


# --- wrong types -------------------------------------------------------------------------------


def test_wrong_type_points_at_the_value(rotation_file: Callable[[str], Path]) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
          every_months: two
        members:
          - id: bob
            core: yes please
        """
    )
    assert summary(problems_in(path)) == [
        ("schema", "error", 3, 17, "`schedule.every_months` must be a whole number, not 'two'"),
        ("schema", "error", 6, 11, "`members[0].core` must be true or false, not 'yes please'"),
    ]


def test_a_mapping_where_a_list_belongs_points_at_the_mapping(
    rotation_file: Callable[[str], Path],
) -> None:
    path = rotation_file(
        """\
        schedule: {first_release: 2026-01-13}
        members: {id: bob}
        """
    )
    assert summary(problems_in(path)) == [
        ("schema", "error", 2, 10, "`members` must be a list, not a mapping"),
    ]


def test_a_misspelt_choice_suggests_the_right_one(rotation_file: Callable[[str], Path]) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
          shift: erlier
        members:
          - {id: bob}
        """
    )
    assert summary(problems_in(path)) == [
        (
            "schema",
            "error",
            3,
            10,
            "`schedule.shift` must be one of earlier, later, not 'erlier'; did you mean `earlier`?",
        ),
    ]


# --- dates -------------------------------------------------------------------------------------


def test_bad_dates_quoted_and_unquoted_point_at_the_value(
    rotation_file: Callable[[str], Path],
) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-13-01
        members:
          - id: bob
            joined: '2026-02-30'
        """
    )
    assert summary(problems_in(path)) == [
        (
            "schema",
            "error",
            2,
            18,
            "`schedule.first_release`: '2026-13-01' is not a calendar date; write YYYY-MM-DD",
        ),
        (
            "schema",
            "error",
            5,
            13,
            "`members[0].joined`: '2026-02-30' is not a calendar date; write YYYY-MM-DD",
        ),
    ]


def test_quoted_and_unquoted_dates_load_to_the_same_model(
    rotation_file: Callable[..., Path],
) -> None:
    plain = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
        members:
          - id: bob
            joined: 2026-02-01
            away:
              - {from: 2026-07-01, to: 2026-07-31, reason: leave}
        """,
        "plain.yaml",
    )
    quoted = rotation_file(
        """\
        schedule:
          first_release: '2026-01-13'
        members:
          - id: bob
            joined: "2026-02-01"
            away:
              - {from: '2026-07-01', to: "2026-07-31", reason: leave}
        """,
        "quoted.yaml",
    )
    assert load(plain).model == load(quoted).model
    member = load(quoted).model.members[0]
    assert str(member.joined) == "2026-02-01"
    assert [(str(r.start), str(r.end)) for r in member.away] == [("2026-07-01", "2026-07-31")]


# --- missing keys ------------------------------------------------------------------------------


def test_missing_top_level_key_points_at_the_document(
    rotation_file: Callable[[str], Path],
) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
        """
    )
    assert summary(problems_in(path)) == [
        ("schema", "error", 1, 1, "missing required key `members`"),
    ]


def test_missing_nested_key_points_at_its_parent_key(rotation_file: Callable[[str], Path]) -> None:
    path = rotation_file(
        """\
        # the release calendar comes first
        schedule:
          every_months: 2
        members:
          - name: Bob Ross
        """
    )
    assert summary(problems_in(path)) == [
        ("schema", "error", 2, 1, "missing required key `first_release` in `schedule`"),
        ("schema", "error", 5, 5, "missing required key `id` in `members[0]`"),
    ]


FLOW_RANGE = """\
schedule:
  first_release: 2026-01-13
members:
  - id: bob
    away:
      - {from: 2026-07-01, reason: leave}
"""
BLOCK_RANGE = """\
schedule:
  first_release: 2026-01-13
members:
  - id: bob
    away:
      - from: 2026-07-01
        reason: leave
"""


@pytest.mark.parametrize("text", [FLOW_RANGE, BLOCK_RANGE], ids=["flow", "block"])
def test_missing_end_of_an_away_range_points_at_the_range(
    rotation_file: Callable[[str], Path], text: str
) -> None:
    # The range has no key of its own: line 6, column 9 is where its mapping starts.
    assert summary(problems_in(rotation_file(text))) == [
        ("schema", "error", 6, 9, "missing required key `to` in `members[0].away[0]`"),
    ]


# --- YAML-level problems -----------------------------------------------------------------------


def test_duplicate_member_points_at_the_second_id(rotation_file: Callable[[str], Path]) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
        members:
          - id: bob
          - id: jane
          - id: bob
        """
    )
    problems = problems_in(path)
    assert summary(problems) == [
        (
            "duplicate-member",
            "error",
            6,
            9,
            "member id `bob` is already used by members[0]; ids must be unique",
        ),
    ]
    assert problems[0].member == "bob"


# --- files that are not a rotation at all ------------------------------------------------------


@pytest.mark.parametrize("raw", [b"", b"\n\n", b"  \n# nothing but a comment\n"])
def test_empty_file(raw: bytes) -> None:
    assert summary(problems_in_bytes(raw)) == [
        (
            "schema",
            "error",
            1,
            1,
            "the file is empty; it needs at least `schedule:` and `members:` "
            "(`relrot init` writes a starter file)",
        ),
    ]


@pytest.mark.parametrize(
    ("raw", "what"),
    [
        (b"- schedule\n- members\n", "a list"),
        (b"just text\n", "the text 'just text'"),
        (b"42\n", "the value 42"),
    ],
    ids=["list", "text", "number"],
)
def test_a_document_that_is_not_a_mapping(raw: bytes, what: str) -> None:
    assert summary(problems_in_bytes(raw)) == [
        (
            "schema",
            "error",
            1,
            1,
            f"the file must be a mapping with `schedule:` and `members:`, not {what}",
        ),
    ]


def test_a_custom_tag_is_reported_with_the_other_problems_of_the_file(
    rotation_file: Callable[[str], Path],
) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
          evry_months: 2
        members:
          - id: bob
            github: !custom bobross
        """
    )
    assert summary(problems_in(path)) == [
        ("schema", "error", 3, 3, "unknown key `evry_months`; did you mean `every_months`?"),
        ("schema", "error", 6, 13, "YAML tag !custom is not allowed here; remove it"),
    ]


# --- everything at once ------------------------------------------------------------------------


def test_every_problem_of_a_file_is_reported_at_once_in_file_order(
    rotation_file: Callable[[str], Path],
) -> None:
    path = rotation_file(
        """\
        schedule:
          first_release: 2026-01-13
          every_months: 2
          shift: erlier
          tyop: x
        members:
          - id: bob
            core: maybe
          - id: bob
            joined: 2026-02-30
            away:
              - {from: 2026-07-01}
          - {nmae: x}
        """
    )
    problems = problems_in(path)
    assert summary(problems) == [
        (
            "schema",
            "error",
            4,
            10,
            "`schedule.shift` must be one of earlier, later, not 'erlier'; did you mean `earlier`?",
        ),
        (
            "schema",
            "error",
            5,
            3,
            "unknown key `tyop`; valid keys: first_release, every_months, rrule, version, "
            "timezone, skip, blocked_weekdays, blackout, holidays, shift, milestones",
        ),
        ("schema", "error", 8, 11, "`members[0].core` must be true or false, not 'maybe'"),
        (
            "duplicate-member",
            "error",
            9,
            9,
            "member id `bob` is already used by members[0]; ids must be unique",
        ),
        (
            "schema",
            "error",
            10,
            13,
            "`members[1].joined`: '2026-02-30' is not a calendar date; write YYYY-MM-DD",
        ),
        ("schema", "error", 12, 9, "missing required key `to` in `members[1].away[0]`"),
        ("schema", "error", 13, 5, "missing required key `id` in `members[2]`"),
        ("schema", "error", 13, 6, "unknown key `nmae`; did you mean `name`?"),
    ]
    assert {p.file for p in problems} == {str(path)}


# --- reading files -----------------------------------------------------------------------------


def test_the_repository_rotation_file_loads_without_problems() -> None:
    loaded = load(ROOT / "rotation.yaml")
    assert isinstance(loaded, Loaded)
    assert [m.id for m in loaded.model.members] == [
        "amara",
        "bruno",
        "chen",
        "dana",
        "eli",
        "farah",
        "gus",
    ]


def test_a_loaded_file_always_has_its_typed_model() -> None:
    # Typed as the model, not `Any`: mypy --strict checks every `loaded.model.…` access.
    assert Loaded.__annotations__["model"] == "RotationFile"
    # Fields with defaults come last, one default each: the model is not one of them.
    required = Loaded.__struct_fields__[: -len(Loaded.__struct_defaults__) or None]
    assert "model" in required


def test_the_text_is_split_into_lines_once() -> None:
    loaded = parse(b"schedule: {first_release: 2026-01-13}\r\nmembers:\r\n  - {id: bob}\r\n")
    shown = [loaded.line_text(n) for n in (0, 1, 3, 4)]
    assert shown == ["", "schedule: {first_release: 2026-01-13}", "  - {id: bob}", ""]
    assert loaded.lines is loaded.lines


def test_the_project_section_names_the_project() -> None:
    loaded = parse(
        b"project: {name: conda, repository: conda/conda, issue_template: .github/release.md}\n"
        b"schedule: {first_release: 2026-01-13}\nmembers: [{id: a}]\n",
        "rotation.yaml",
    )
    project = loaded.model.project
    assert (project.name, project.repository, project.issue_template) == (
        "conda",
        "conda/conda",
        ".github/release.md",
    )


def test_a_repository_is_owner_and_name() -> None:
    problems = problems_in_bytes(
        b"project: {repository: 'https://github.com/conda/conda'}\n"
        b"schedule: {first_release: 2026-01-13}\nmembers: [{id: a}]\n"
    )
    assert summary(problems) == [
        (
            "schema",
            "error",
            1,
            23,
            "`project.repository`: 'https://github.com/conda/conda' is not a GitHub repository; "
            "write it as owner/name, e.g. conda/conda",
        )
    ]


# --- the cycle collector, held while a file is read ---------------------------------------------


@pytest.mark.parametrize("raw", [b"schedule: {first_release: 2026-01-13}\n", b"a: [\n"])
def test_reading_a_file_hands_the_cycle_collector_back_as_it_found_it(raw: bytes) -> None:
    import gc

    try:
        for enabled in (True, False):
            (gc.enable if enabled else gc.disable)()
            with pytest.raises(RelrotError):  # both are refused: the second stops mid-way
                parse(raw)
            assert gc.isenabled() is enabled
    finally:
        gc.enable()


def test_no_collection_runs_while_a_file_is_read() -> None:
    import gc
    import sys

    from relrot.yamlfile import load as loader

    raw = (ROOT / "rotation.yaml").read_bytes()
    collections: list[str] = []

    def record(phase: str, _info: object) -> None:
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_code is loader._parse.__code__:  # a collection inside the read
                collections.append(phase)
            frame = frame.f_back  # type: ignore[assignment]

    threshold = gc.get_threshold()
    gc.collect()
    # Without the hold, a collection would start at every allocation (tested: it does).
    gc.set_threshold(1)
    gc.callbacks.append(record)
    try:
        parse(raw)
    finally:
        gc.callbacks.remove(record)
        gc.set_threshold(*threshold)
    assert collections == []


def test_overlapping_reads_hand_the_collector_back_when_the_last_one_ends() -> None:
    """As two threads reading files at once do: the first to finish leaves it held."""
    import gc

    from relrot.yamlfile.load import _COLLECTOR

    gc.enable()
    first, second = _COLLECTOR.held(), _COLLECTOR.held()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert not gc.isenabled()
    second.__exit__(None, None, None)
    assert gc.isenabled()


# --- away reasons, masked where the file is quoted beyond the terminal -------------------------

MASKED = """\
schedule: {first_release: 2026-01-13}
members:
  - id: bob
    away:
      - {from: 2026-02-01, to: 2026-02-03, reason: parental leave, }
      - {reason: "a \\"quoted\\" one", from: 2026-03-01, to: 2026-03-03}
      - from: 2026-04-01
        to: 2026-04-03
        reason: block, with a comma  # kept
"""
# Two reasons on one line.
MASKED += (
    "  - {id: jane, away: [{from: 2026-05-01, to: 2026-05-02, reason: 'x'}, "
    "{from: 2026-06-01, to: 2026-06-02, reason: y}]}\n"
)


def test_a_quoted_line_masks_every_away_reason_on_it_and_nothing_else() -> None:
    loaded = parse(MASKED.encode())
    assert [loaded.masked_line(n) for n in range(1, 11)] == [
        "schedule: {first_release: 2026-01-13}",
        "members:",
        "  - id: bob",
        "    away:",
        "      - {from: 2026-02-01, to: 2026-02-03, reason: …, }",
        "      - {reason: …, from: 2026-03-01, to: 2026-03-03}",
        "      - from: 2026-04-01",
        "        to: 2026-04-03",
        "        reason: … # kept",
        "  - {id: jane, away: [{from: 2026-05-01, to: 2026-05-02, reason: …}, "
        "{from: 2026-06-01, to: 2026-06-02, reason: …}]}",
    ]
    assert loaded.masked_line(99) == ""
