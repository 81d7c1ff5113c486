"""Crew roles beyond pilot and co-pilot (SPEC 3.7): the file's shape and the planner."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from relrot.project import Project
from tests.conftest import QA_ROSTER, problems_in_bytes

# QA_ROSTER's schedule and members: four pilots and a QA pool of three; releases 1-8 are
# 26.1.0 ... 27.3.0, every two months. `%s` takes more of zed's fields.
BASE = QA_ROSTER.split("roles:\n")[0].replace(
    "{id: zed, github: zedz, core: false}", "{id: zed, github: zedz, core: false%s}"
)
ZED_AWAY_IN_MAY = ", away: [{from: 2026-05-01, to: 2026-05-31}]"
TODAY = dt.date(2026, 1, 1)


def project(roles: str, *, zed: str = "", rest: str = "") -> Project:
    return Project.parse((BASE % zed + roles + rest).encode())


def column(project: Project, role: str, count: int = 8) -> list[str | None]:
    return [r.roles.get(role, "-") for r in project.plan(count).releases]


def rules(project: Project) -> list[tuple[str, str]]:
    return [(p.rule, p.message) for p in project.check(TODAY, 8).problems]


def test_a_file_without_roles_plans_no_role_seats() -> None:
    plain = project("")
    assert all(r.roles == {} for r in plain.plan(8).releases)


def test_a_qa_rotation_of_three_by_hand_with_one_member_away() -> None:
    qa = "roles:\n  - {id: qa, name: QA lead, pool: [kai, amy, zed]}\n"
    assert column(project(qa), "qa") == ["kai", "amy", "zed", "kai", "amy", "zed", "kai", "amy"]
    # zed is away for 26.5.0 (release 3): the term goes to the next in the role's queue,
    # kai, and zed takes kai's next turn: they trade, and amy's turns do not move.
    away = project(qa, zed=ZED_AWAY_IN_MAY)
    assert column(away, "qa") == ["kai", "amy", "kai", "zed", "amy", "kai", "zed", "amy"]
    assert rules(away) == []


def test_a_term_of_two() -> None:
    qa = "roles:\n  - {id: qa, pool: [kai, amy, zed], term: 2}\n"
    assert column(project(qa), "qa") == ["kai", "kai", "amy", "amy", "zed", "zed", "kai", "kai"]


def test_a_term_partly_fitting_goes_to_who_fits_most_and_the_rest_stays_empty() -> None:
    qa = "roles:\n  - {id: qa, pool: [zed], term: 2}\n"
    # zed fits only 26.7.0 of the term 26.5.0-26.7.0: that release only; 26.5.0 is empty.
    away = project(qa, zed=ZED_AWAY_IN_MAY)
    assert column(away, "qa")[2:4] == [None, "zed"]


def test_a_term_in_flight_after_pins_continues_with_its_holder() -> None:
    qa = "roles:\n  - {id: qa, pool: [kai, amy, zed], term: 2}\n"
    pins = """\
releases:
  - {version: 26.1.0, pilot: anna, co_pilot: bert, roles: {qa: kai}}
  - {version: 26.3.0, pilot: bert, co_pilot: anna, roles: {qa: kai}}
  - {version: 26.5.0, pilot: bert, co_pilot: clay, roles: {qa: zed}}
"""
    # The term 26.5.0-26.7.0 is in flight: zed holds its pinned seat and keeps 26.7.0; amy
    # never held the role and comes first, then kai (term start 0) before zed (term start 2).
    assert column(project(qa, rest=pins), "qa") == [
        "kai",
        "kai",
        "zed",
        "zed",
        "amy",
        "amy",
        "kai",
        "kai",
    ]


def test_a_term_in_flight_keeps_its_holder_only_where_they_fit() -> None:
    qa = "roles:\n  - {id: qa, pool: [kai, amy, zed], term: 2}\n"
    pins = """\
releases:
  - {version: 26.1.0, pilot: anna, co_pilot: bert, roles: {qa: zed}}
"""
    # zed holds the term 26.1.0-26.3.0 in flight and fits 26.3.0; with zed away in May the
    # next term (26.5.0-26.7.0) goes to kai, who never held it, before amy.
    planned = column(project(qa, zed=ZED_AWAY_IN_MAY, rest=pins), "qa")
    assert planned[:4] == ["zed", "zed", "kai", "kai"]


def test_a_term_in_flight_leaves_empty_the_releases_its_holder_cannot_take() -> None:
    qa = "roles:\n  - {id: qa, name: QA lead, pool: [kai, amy, zed], term: 3}\n"
    pins = """\
releases:
  - {version: 26.1.0, pilot: anna, co_pilot: bert, roles: {qa: zed}}
"""
    # The term 26.1.0-26.5.0 stays zed's: zed keeps 26.3.0, and 26.5.0, where zed is away,
    # stays empty rather than going to kai or amy. The next term (26.7.0-27.1.0) goes to kai,
    # who never held the role, and the one after to amy.
    planned = project(qa, zed=ZED_AWAY_IN_MAY, rest=pins)
    assert column(planned, "qa") == ["zed", "zed", None, "kai", "kai", "kai", "amy", "amy"]
    assert [(p.rule, p.release) for p in planned.check(TODAY, 8).problems] == [
        ("empty-seat", "26.5.0")
    ]


def test_from_leaves_earlier_releases_without_the_seat() -> None:
    qa = "roles:\n  - {id: qa, pool: [kai, amy], from: 26.5.0}\n"
    assert column(project(qa), "qa", 4) == ["-", "-", "kai", "amy"]


def test_a_default_pool_is_the_core_members_apart_from_pilot_and_co_pilot() -> None:
    plan = project("roles:\n  - {id: qa}\n").plan(8)
    for release in plan.releases:
        assert release.roles["qa"] not in (release.pilot, release.co_pilot)
        assert release.roles["qa"] in ("anna", "bert", "clay", "debi")


def test_a_named_request_reserves_its_member_before_rotate_roles() -> None:
    roles = """\
roles:
  - {id: qa, pool: [kai, amy, zed]}
  - {id: pit, name: Pilot in training, fill: request}
requests:
  - {member: kai, role: pit, release: 26.1.0}
jump_seat:
  - {member: amy, release: 26.1.0}
"""
    release = project(roles).plan(1).releases[0]
    assert release.roles == {"qa": "zed", "pit": "kai"}
    assert release.jump_seat == "amy"


def test_an_open_request_takes_the_earliest_release_where_its_member_is_free() -> None:
    roles = """\
roles:
  - {id: qa, pool: [kai, amy, zed]}
  - {id: pit, fill: request}
requests:
  - {member: kai, role: pit}
"""
    # kai holds QA in 26.1.0, so the request waits for 26.3.0.
    assert column(project(roles), "pit", 3) == [None, "kai", None]


@pytest.mark.parametrize(
    ("role", "said"),
    [
        ("{id: pilot}", "`pilot` is a seat every release has"),
        ("{id: QA}", "role id 'QA' must be lowercase"),
        ("{id: 9qa}", "role id '9qa' must be lowercase"),
        ("{id: qa, fill: sometimes}", "one of rotate, request"),
        ("{id: qa, term: 0}", "greater than or equal to 1"),
    ],
)
def test_a_bad_role_is_a_schema_error_at_its_line(role: str, said: str) -> None:
    found = problems_in_bytes((BASE % "" + f"roles:\n  - {role}\n").encode())
    assert [(p.rule, p.line) for p in found] == [("schema", 12)]
    assert said in found[0].message


def test_unknown_roles_and_members_are_placed_with_a_guess() -> None:
    roles = """\
roles:
  - {id: qa, pool: [kai, amie]}
  - {id: qa}
  - {id: pit, fill: request}
requests:
  - {member: zed, role: pitt}
  - {member: zed, role: qa}
releases:
  - {version: 26.1.0, pilot: anna, co_pilot: bert, roles: {q_a: kai}}
swaps:
  - {release: 26.3.0, seat: copilot, out: anna, in: clay}
"""
    found = project(roles).check(TODAY, 2).problems
    placed = sorted((p.rule, p.line, p.column, p.message) for p in found)
    assert placed == [
        (
            "empty-seat",
            19,
            5,
            "26.1.0 (2026-01-12) is pinned with no qa; record who serves as qa in `roles:` "
            "of its `releases:` entry",
        ),
        ("schema", 13, 10, "role id `qa` is already used by roles[0]; ids must be unique"),
        ("schema", 16, 25, "`pitt` is not a role of this file; did you mean `pit`?"),
        (
            "schema",
            17,
            25,
            "role `qa` is filled by rotation, not by request; remove the request or give the "
            "role `fill: request`",
        ),
        ("schema", 19, 60, "`q_a` is not a role of this file; did you mean `qa`?"),
        ("schema", 21, 29, "`copilot` is not a role of this file; did you mean `co_pilot`?"),
        ("unknown-member", 12, 26, "`amie` is not on the roster; add them to `members:` first"),
    ]


def test_plans_with_roles_are_prefixes_of_longer_ones() -> None:
    roles = "roles:\n  - {id: qa, pool: [kai, amy, zed], term: 3}\n  - {id: two, term: 2}\n"
    planned = project(roles, zed=ZED_AWAY_IN_MAY)
    short = [r.roles for r in planned.plan(5).releases]
    long = [r.roles for r in Project(planned.model).plan(50).releases]
    assert short == long[:5]


ROLES_AND_REQUEST = """\
roles:
  - {id: qa, name: QA lead, pool: [kai, amy, zed]}
  - {id: pit, name: Pilot in training, fill: request}
requests:
  - {member: zed, role: pit, release: 26.3.0}
"""


def test_json_rows_carry_every_role_in_roles_order() -> None:
    from relrot.render import json_format

    rows = project(ROLES_AND_REQUEST).plan(2).releases
    records = json.loads(json_format.render(rows))["releases"]
    assert [r["roles"] for r in records] == [
        {"qa": "kai", "pit": None},
        {"qa": "amy", "pit": "zed"},
    ]
    assert list(records[0])[7:10] == ["pinned", "roles", "notes"]


def test_csv_and_table_have_a_column_per_role_only_with_roles() -> None:
    from rich.console import Console

    from relrot.render import csv_format
    from relrot.render.table import build_table

    with_roles = project(ROLES_AND_REQUEST)
    rows = with_roles.plan(2).releases
    lines = csv_format.render(rows, with_roles.model.roles).splitlines()
    assert lines[0] == (
        "number,version,nominal_date,date,pilot,co_pilot,role_qa,role_pit,jump_seat,pinned,"
        "notes,milestones"
    )
    assert lines[2].split(",")[4:8] == ["bert", "anna", "amy", "zed"]
    console = Console(width=200, record=True)
    console.print(build_table(rows, with_roles.model, "plan"))
    header = console.export_text().splitlines()[2]
    titles = [cell.strip() for cell in header.split("┃")[4:8]]
    assert titles == ["Pilot", "Co-pilot", "QA lead", "Pilot in training"]
    plain = project("")
    assert "role_" not in csv_format.render(plain.plan(2).releases, plain.model.roles)


def found_rules(text: str, count: int = 2) -> list[tuple[str, str | None, str | None]]:
    checked = project(text).check(TODAY, count).problems
    return sorted((p.rule, p.release, p.member) for p in checked)


def test_a_role_beside_a_seat_it_is_apart_from_or_the_jump_seat_is_a_double_seat() -> None:
    pins = """\
roles:
  - {id: qa, pool: [anna, kai, amy]}
  - {id: docs, pool: [amy], apart_from: [pilot]}
releases:
  - {version: 26.1.0, pilot: anna, co_pilot: bert, jump_seat: amy, roles: {qa: anna, docs: amy}}
  - {version: 26.3.0, pilot: bert, co_pilot: amy, roles: {qa: kai, docs: amy}}
"""
    # 26.1.0: anna pilots and holds QA (apart from pilot); amy holds docs and the jump seat.
    # 26.3.0: amy co-pilots and holds docs, which is apart only from the pilot seat: fine.
    assert found_rules(pins) == [
        ("double-seat", "26.1.0", "amy"),
        ("double-seat", "26.1.0", "anna"),
        ("not-core", "26.3.0", "amy"),
    ]


def test_two_roles_in_one_release_are_a_double_seat() -> None:
    pins = """\
roles:
  - {id: qa, pool: [kai]}
  - {id: docs, pool: [kai]}
releases:
  - {version: 26.1.0, pilot: anna, co_pilot: bert, roles: {qa: kai, docs: kai}}
"""
    assert found_rules(pins, 1) == [("double-seat", "26.1.0", "kai")]


def test_a_role_holder_away_or_gone_is_reported_like_a_seat() -> None:
    pins = """\
roles:
  - {id: qa, name: QA lead, pool: [kai, zed]}
releases:
  - {version: 26.1.0, pilot: anna, co_pilot: bert, roles: {qa: kai}}
  - {version: 26.3.0, pilot: bert, co_pilot: anna, roles: {qa: zed}}
  - {version: 26.5.0, pilot: bert, co_pilot: clay, roles: {qa: zed}}
"""
    kai_gone = BASE.replace("core: false}", "core: false, left: 2026-01-01}", 1)
    checked = Project.parse((kai_gone % ZED_AWAY_IN_MAY + pins).encode()).check(TODAY, 3)
    found = sorted((p.rule, p.release, p.member, p.message) for p in checked.problems)
    assert [f[:3] for f in found] == [
        ("away-on-duty", "26.5.0", "zed"),
        ("inactive", "26.1.0", "kai"),
    ]
    assert "kai is the QA lead of 26.1.0 (2026-01-12) but left on 2026-01-01" in found[1][3]


def test_an_empty_rotate_role_is_an_empty_seat_and_an_empty_request_role_is_not() -> None:
    roles = "roles:\n  - {id: qa, name: QA lead, pool: [zed]}\n  - {id: pit, fill: request}\n"
    checked = project(roles, zed=ZED_AWAY_IN_MAY).check(TODAY, 4).problems
    assert [(p.rule, p.release, p.line, p.message) for p in checked] == [
        (
            "empty-seat",
            "26.5.0",
            12,
            "26.5.0 (2026-05-12) has no QA lead: no member of its pool is free for that seat "
            "(away, inactive or already seated); widen its pool or shorten an away range",
        )
    ]


def test_an_empty_pool_is_one_schema_error_not_an_empty_seat_per_release() -> None:
    roles = "roles:\n  - {id: qa, name: QA lead, pool: []}\n"
    checked = project(roles).check(TODAY, 8).problems
    assert [(p.rule, p.release, p.line, p.column, p.message) for p in checked] == [
        (
            "schema",
            None,
            12,
            35,
            "role `qa` has an empty pool, so nobody can hold it; list members or remove `pool` "
            "to use every core member",
        )
    ]


def test_role_seats_follow_the_order_of_roles_whatever_the_ids() -> None:
    ids = ["zz", "qa", "mm", "aa", "kk", "bb"]
    roles = "roles:\n" + "".join(f"  - {{id: {i}, fill: request}}\n" for i in ids)
    pins = "releases:\n  - {version: 26.1.0, pilot: anna, co_pilot: bert, roles: {bb: kai}}\n"
    for release in project(roles, rest=pins).plan(2).releases:
        assert list(release.roles) == ids


QA = "roles:\n  - {id: qa, name: QA lead, pool: [kai, amy, zed]}\n"


def test_a_swap_of_a_pilot_never_moves_a_role_seat() -> None:
    swapped = "swaps:\n  - {release: 26.5.0, seat: pilot, out: bert, in: debi}\n"
    before = [r.roles for r in project(QA).plan(8).releases]
    after = project(QA, rest=swapped).plan(8).releases
    assert after[2].pilot == "debi"
    assert [r.roles for r in after] == before


def test_a_swap_with_a_role_seat_moves_that_role_only() -> None:
    swapped = """\
swaps:
  - {release: 26.3.0, seat: qa, out: amy, in: zed, reason: conference}
  - {release: 26.5.0, seat: qa, out: kai, in: amy}
"""
    changed = project(QA, rest=swapped)
    assert column(changed, "qa", 4) == ["kai", "zed", "zed", "kai"]
    checked = changed.check(TODAY, 4).problems
    assert [(p.rule, p.release, p.line, p.column) for p in checked] == [
        ("stale-swap", "26.5.0", 15, 5)
    ]
    assert "moves the QA lead seat of 26.5.0 from kai to amy, but zed holds it now" in (
        checked[0].message
    )


def test_markdown_has_a_column_per_role_only_with_roles() -> None:
    from relrot.render import markdown

    with_roles = project(ROLES_AND_REQUEST)
    lines = markdown.render(with_roles.plan(2).releases, with_roles.model).splitlines()
    assert lines[0] == (
        "| # | Release | Date | Pilot | Co-pilot | QA lead | Pilot in training | Jump seat | "
        "Notes |"
    )
    assert lines[1] == "|--:|---|---|---|---|---|---|---|---|"
    # Members by name where the roster gives one (amy is Amy Ash), else by id.
    assert lines[3].split(" | ")[3:7] == ["bert", "anna", "Amy Ash", "zed"]
    plain = project("")
    assert markdown.render(plain.plan(1).releases, plain.model).splitlines()[:2] == [
        "| # | Release | Date | Pilot | Co-pilot | Jump seat | Notes |",
        "|--:|---|---|---|---|---|---|",
    ]


def test_pinning_records_the_planned_role_seats_so_a_role_swap_still_applies(
    tmp_path: Path,
) -> None:
    from relrot.render.change import summary

    # Pinning once left role seats out: every pinned release then lacked its QA owner.
    swap = "swaps:\n  - {release: 26.3.0, seat: qa, out: amy, in: zed}\n"
    path = tmp_path / "rotation.yaml"
    path.write_text(BASE % "" + "roles:\n  - {id: qa, pool: [kai, amy, zed]}\n" + swap)
    change = Project.load(path).pin("26.5.0", today=dt.date(2026, 6, 1))
    assert "  26.3.0: pilot bert, co-pilot anna, qa Amy Ash (from the plan, not a record)" in (
        summary(change)
    )
    change.write()
    pinned = Project.load(path)
    assert [entry.roles for entry in pinned.model.releases] == [
        {"qa": "kai"},
        {"qa": "amy"},
        {"qa": "zed"},
    ]
    assert column(pinned, "qa", 4) == ["kai", "zed", "zed", "kai"]
    assert [p.rule for p in pinned.check(dt.date(2026, 6, 1), 3).problems] == []


SEAT_CLASH = (
    "reads as the {} when `import` reads a crew table, so the role could never be read back; "
)


@pytest.mark.parametrize(
    ("role", "column", "said"),
    [
        pytest.param(
            "{id: second, name: Co-pilot 2}",
            24,
            "role name `Co-pilot 2` "
            + SEAT_CLASH.format("co-pilot seat")
            + "rename it, for example `Second co-pilot`",
            id="name-as-co-pilot",
        ),
        pytest.param(
            "{id: lead, name: ' PILOT '}",
            22,
            "role name ` PILOT ` "
            + SEAT_CLASH.format("pilot seat")
            + "rename it, for example `Second pilot`",
            id="name-as-pilot",
        ),
        pytest.param(
            "{id: watcher, name: Jump_Seat}",
            25,
            "role name `Jump_Seat` "
            + SEAT_CLASH.format("jump seat")
            + "rename it, for example `Observer`",
            id="name-as-jump-seat",
        ),
        pytest.param(
            "{id: copilot}",
            10,
            "role id `copilot` "
            + SEAT_CLASH.format("co-pilot seat")
            + "choose another id, for example `second_co_pilot`",
            id="id-as-co-pilot",
        ),
    ],
)
def test_a_role_named_like_a_fixed_seat_is_a_schema_error_at_that_label(
    role: str, column: int, said: str
) -> None:
    # `import` would read a row so labelled as the seat, so the role could never be read back.
    found = project(f"roles:\n  - {role}\n").check(TODAY, 1).problems
    assert [(p.rule, p.line, p.column, p.message) for p in found] == [("schema", 12, column, said)]


ROLE_CLASH = (
    " when `import` reads a crew table (case, spaces, `-` and `_` are ignored), so the two "
    "could not be told apart; if this is `qa` again, keep one entry, else give this role a "
    "name of its own"
)


@pytest.mark.parametrize(
    ("roles", "column", "said"),
    [
        pytest.param(
            "{id: qa, pool: [kai]}\n  - {id: qa_lead, name: Q-A, pool: [amy]}",
            25,
            "role name `Q-A` reads as role `qa`" + ROLE_CLASH,
            id="name-as-another-id",
        ),
        pytest.param(
            "{id: qa, name: Docs, pool: [kai]}\n  - {id: docs, pool: [amy]}",
            10,
            "role id `docs` reads as role `qa` (named `Docs`)" + ROLE_CLASH,
            id="id-as-another-name",
        ),
        pytest.param(
            "{id: qa, name: QA Lead, pool: [kai]}\n  - {id: docs, name: qa-lead, pool: [amy]}",
            22,
            "role name `qa-lead` reads as role `qa` (named `QA Lead`)" + ROLE_CLASH,
            id="name-as-another-name",
        ),
    ],
)
def test_a_role_named_like_another_role_is_a_schema_error_at_the_later_one(
    roles: str, column: int, said: str
) -> None:
    found = project(f"roles:\n  - {roles}\n").check(TODAY, 1).problems
    assert [(p.rule, p.line, p.column, p.message) for p in found] == [("schema", 13, column, said)]


def test_a_role_whose_name_is_its_own_id_or_holds_a_seat_word_is_fine() -> None:
    roles = """\
roles:
  - {id: qa, name: Q_A, pool: [kai]}
  - {id: pilot_in_training, name: Pilot-in-training, fill: request}
  - {id: second_co_pilot, name: Second co-pilot, pool: [amy]}
"""
    assert [p.rule for p in project(roles).check(TODAY, 1).problems] == []


def test_projects_on_a_role_is_refused_in_a_file_without_several_projects() -> None:
    found = problems_in_bytes((BASE % "" + "roles:\n  - {id: qa, projects: [web]}\n").encode())
    assert [(p.rule, p.line, p.column, p.message) for p in found] == [
        (
            "schema",
            12,
            14,
            "`projects` of a role is for a file with `projects:`; remove it",
        )
    ]


def test_a_project_lacking_a_role_says_which_list_to_change() -> None:
    from relrot.roles import ProjectRoles

    scope = ProjectRoles("conda-pypi", {"qa": True, "sre": False})
    assert scope.unknown("qa") == (
        "`qa` is not a role of project conda-pypi; its `projects:` list leaves conda-pypi out: "
        "add conda-pypi to it, or remove this reference"
    )
    assert scope.unknown("sre") == (
        "`sre` is not a role of project conda-pypi; a role without a `projects:` list belongs "
        "to the projects with a schedule only: give it a `projects:` list naming conda-pypi, or "
        "remove this reference"
    )


def test_apart_from_a_role_of_other_projects_only_is_no_problem() -> None:
    # sec keeps apart from qa; the plugin has sec but not qa, so there is nothing to keep
    # apart from there, while `zz` is a role of no project at all.
    text = """\
members: [{id: amy}, {id: ben}, {id: cal}, {id: dan}, {id: eve}, {id: fox}, {id: gus}]
roles:
  - {id: qa, projects: [core]}
  - {id: sec, projects: [core, plug], apart_from: [qa, zz]}
projects:
  - id: core
    schedule: {first_release: 2026-09-14}
  - id: plug
    on_demand: {first_term: 2026-09-01, every_months: 2}
    rotation: {stint: [co_pilot, pilot]}
"""
    problems = Project.parse(text.encode(), "rotation.yaml").portfolio.check(dt.date(2026, 8, 1), 3)
    assert [(p.rule, p.line, p.column, p.message) for p in problems] == [
        ("schema", 4, 56, "`zz` is not a role of this file; declare it under `roles:` first"),
    ]
