"""Several projects, one team (SPEC 6): the portfolio of tests/data/portfolio/team.yaml.

A package manager on a two-month cadence, its build tool released with the same crew
(`crew_from`), and a plugin released on demand with two-month terms, from one roster.
"""

from __future__ import annotations

import datetime as dt

import pytest

from relrot.plan import Release
from relrot.portfolio import Part, planning_order, views
from relrot.problems import RelrotError
from relrot.project import Project
from relrot.render.json_format import release_record
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data" / "portfolio"
TEAM = DATA / "team.yaml"
ALONE = DATA / "manager-alone.yaml"
TODAY = dt.date(2026, 1, 1)
RELEASES = 24  # four years of each project


def part(project_id: str, path: object = TEAM) -> Part:
    (found,) = Project.load(str(path)).projects(project_id)
    assert isinstance(found, Part)
    return found


def records(releases: list[Release]) -> list[dict[str, object]]:
    return [release_record(r) for r in releases]


def seats(release: Release) -> dict[str, str | None]:
    """The seats `double-duty` counts: pilot, co-pilot and rotate roles (qa rotates here)."""
    return {"pilot": release.pilot, "co_pilot": release.co_pilot, **release.roles}


def test_the_projects_are_planned_in_order_with_crew_from_right_after_its_other() -> None:
    team = Project.load(str(TEAM))
    assert [p.id for p in team.projects()] == ["manager", "builder", "plugin"]
    assert planning_order(team.model.projects) == [0, 2, 1]
    # A one-project file is a portfolio of one: the file itself.
    alone = Project.load(str(ALONE))
    assert alone.projects() == [alone]
    assert [v.entry for v in views(alone.model)] == [None]


def test_the_first_project_plans_exactly_as_the_same_file_alone() -> None:
    # Nothing is planned before the manager, so the portfolio changes nothing of it: the
    # same rows, crews, roles, notes and problems as the one-project file.
    manager = part("manager")
    alone = Project.load(str(ALONE))
    assert records(manager.plan(RELEASES).releases) == records(alone.plan(RELEASES).releases)
    ours = [(p.rule, p.release, p.message) for p in manager.check(TODAY).problems]
    theirs = [(p.rule, p.release, f"manager: {p.message}") for p in alone.check(TODAY).problems]
    assert ours == theirs


def test_the_build_tool_takes_the_managers_crew_month_by_month() -> None:
    manager = part("manager").plan(RELEASES).releases
    builder = part("builder").plan(RELEASES).releases
    by_month = {(r.nominal_date.year, r.nominal_date.month): r for r in manager}
    for release in builder:
        other = by_month[release.nominal_date.year, release.nominal_date.month]
        # A day apart (Monday and Tuesday of the second week): the same two people; the QA
        # role is the manager's alone (`projects: [manager]`), so the build tool has none.
        assert (release.pilot, release.co_pilot) == (other.pilot, other.co_pilot)
        assert release.roles == {}
    assert len(builder) == RELEASES


def test_the_plugins_first_terms_as_worked_out_by_hand() -> None:
    # Stint [co_pilot, pilot]; the manager pins 26.1.0 to kai and lin with max as QA lead.
    # 2026-01 (Jan-Feb): nobody has started a stint by Dec 31 (the bootstrap's date), so the
    #   queue is file order; kai, lin and max are on duty for 26.1.0 (Jan 5-19): noa pilots.
    # 2026-01's co-pilot: kai, lin, max still busy; ola is free in both of her terms.
    # 2026-03 (Mar-Apr): by Mar 1 kai (Jan 10) and lin (Jan 12) have started in the
    #   manager; never-started max, pia, quin come first: max co-pilots 26.5.0 (May), which
    #   the 2026-05 term overlaps, so pia takes the stint.
    # 2026-05: quin, the next never-started member free in May-Aug.
    # 2026-07: ria joins in June, placed just before 2026-07; noa is on 26.9.0 in September
    #   and ola is QA lead of 26.7.0: kai, least recently started, takes it.
    # 2026-09: noa again busy in September; ola, next in the queue, is free Sep-Dec.
    plugin = part("plugin").plan(5).releases
    assert [(r.version, r.pilot, r.co_pilot) for r in plugin] == [
        ("2026-01", "noa", "ola"),
        ("2026-03", "ola", "pia"),
        ("2026-05", "pia", "quin"),
        ("2026-07", "quin", "kai"),
        ("2026-09", "kai", "ola"),
    ]
    # A term is named by its first month; its date is its first day; on duty all term.
    first = plugin[0]
    assert (first.nominal_date, first.date) == (dt.date(2026, 1, 1), dt.date(2026, 1, 1))
    assert first.duty_window == (dt.date(2026, 1, 1), dt.date(2026, 2, 28))


def test_the_plugins_terms_are_seated_with_nobody_in_double_duty() -> None:
    cadence = [*part("manager").plan(RELEASES).releases, *part("builder").plan(RELEASES).releases]
    terms = part("plugin").plan(RELEASES).releases
    for term in terms:
        assert term.pilot is not None
        assert term.co_pilot is not None
        first, last = term.duty_window
        for release in cadence:
            start, end = release.duty_window
            if start <= last and first <= end:
                assert not set(seats(term).values()) & set(seats(release).values()), (
                    term.version,
                    release.version,
                )
    problems = Project.load(str(TEAM)).portfolio.check(TODAY, 12)
    assert problems == []


def test_plans_are_prefixes_whatever_is_asked_first() -> None:
    # Asking the plugin first plans the manager only as far as the plugin needs.
    for project_id in ("manager", "builder", "plugin"):
        short = part(project_id).plan(3).releases
        long = part(project_id).plan(RELEASES).releases
        assert records(short) == records(long[:3])


def test_a_project_of_several_refuses_unknown_ids() -> None:
    from relrot.problems import UsageError

    with pytest.raises(UsageError, match="did you mean plugin"):
        Project.load(str(TEAM)).projects("plugins")
    with pytest.raises(UsageError, match="has no `projects:`"):
        Project.load(str(ALONE)).projects("manager")


def test_a_project_that_cannot_take_its_crews_is_a_schema_error_at_its_key() -> None:
    text = TEAM.read_text(encoding="utf-8").replace("crew_from: manager", "crew_from: plugin")
    team = Project.parse(text.encode(), "team.yaml")
    with pytest.raises(RelrotError) as raised:
        team.projects()
    (problem,) = raised.value.problems
    line = text.splitlines().index("    crew_from: plugin") + 1
    assert (problem.rule, problem.line, problem.column) == ("schema", line, 16)
    assert "`crew_from: plugin` is not a project this one can take its crews from" in (
        problem.message
    )


ON_DEMAND = """\
members:
  - {id: ann}
  - {id: bea}
  - {id: cai}
projects:
  - id: cli
    on_demand: {first_term: 2026-01-01}
    rotation: {stint: [co_pilot, pilot]}
    releases:
      - term: 2026-01
        pilot: ann
        co_pilot: cai
        shipped:
          - {version: 0.1.0, date: 2026-01-23}
"""


def located(text: str, today: dt.date) -> list[tuple[str, str, int | None, int | None, str]]:
    problems = Project.parse(text.encode(), "rotation.yaml").portfolio.check(today, 12)
    return [(p.rule, p.severity.value, p.line, p.column, p.message) for p in problems]


def test_a_release_shipped_on_a_friday_is_reported_at_its_date() -> None:
    # 2026-01-23 is a Friday; the term runs to Feb 28, so on Jan 24 it is not yet history.
    assert located(ON_DEMAND, dt.date(2026, 1, 24)) == [
        (
            "friday-release",
            "error",
            14,
            36,
            "cli: 0.1.0 shipped on Fri 2026-01-23, a Friday; releases never go out on a "
            "Friday: correct the date if it is wrong",
        )
    ]
    # From March the January term is history: said, never failing.
    assert [p[1] for p in located(ON_DEMAND, dt.date(2026, 3, 1))] == ["info"]


def test_a_release_shipped_outside_its_term_is_a_schema_error() -> None:
    text = ON_DEMAND.replace("2026-01-23", "2026-03-03")
    with pytest.raises(RelrotError) as raised:
        Project.parse(text.encode(), "rotation.yaml").projects()
    assert [(p.line, p.column, p.message) for p in raised.value.problems] == [
        (
            14,
            36,
            "0.1.0 shipped on 2026-03-03, outside term 2026-01 (2026-01-01..2026-02-28); "
            "record it under the term that holds its date",
        )
    ]


def test_a_version_recorded_twice_is_a_schema_error_at_the_second() -> None:
    text = ON_DEMAND + (
        "      - term: 2026-03\n"
        "        pilot: cai\n"
        "        co_pilot: bea\n"
        "        shipped:\n"
        "          - {version: 0.1.0, date: 2026-03-02}\n"
    )
    with pytest.raises(RelrotError) as raised:
        Project.parse(text.encode(), "rotation.yaml").projects()
    assert [(p.rule, p.line, p.column, p.message) for p in raised.value.problems] == [
        (
            "schema",
            19,
            23,
            "0.1.0 is recorded already, as shipped on 2026-01-23 in term 2026-01; a version "
            "ships once: keep the entry with the right date and remove the other",
        )
    ]


def test_a_term_pinned_out_of_order_names_terms_and_first_term() -> None:
    text = ON_DEMAND.replace("- term: 2026-01", "- term: 2026-03").replace("01-23", "03-02")
    found = located(text, dt.date(2026, 1, 24))
    assert found == [
        (
            "schema",
            "error",
            10,
            15,
            "cli: releases[0] is term 1, which is 2026-01, not 2026-03; pin every term from 1 on "
            "in order, or move `on_demand.first_term`",
        )
    ]


LATE_CREWS = """\
members:
  - {id: amy}
  - {id: ben}
  - {id: cal}
projects:
  - id: core
    schedule: {first_release: 2026-03-10}
  - id: tools
    crew_from: core
    schedule: {first_release: 2025-11-11}
"""


def test_a_crew_from_release_before_the_others_first_is_one_problem_at_crew_from() -> None:
    # tools 25.11.0 and 26.1.0 come before core has any release: no crew to take, said once
    # where the fix is, instead of an empty seat each.
    found = located(LATE_CREWS, dt.date(2025, 11, 5))
    assert found == [
        (
            "empty-seat",
            "error",
            9,
            16,
            "tools: `core` has no release in the month of 25.11.0 (2025-11-11) or before it, so "
            "25.11.0 (and 1 more, to 26.1.0) has no crew to take; move `first_release` to the "
            "month of `core`'s first release or later, or pin the crew in `releases:`",
        )
    ]


TOGETHER = """\
members:
  - {id: amy}
  - {id: ben}
  - {id: cal}
  - {id: dan}
projects:
  - id: core
    schedule: {first_release: 2026-01-13}
    swaps:
      - {release: 26.3.0, seat: co_pilot, out: amy, in: dan}
  - id: tools
    crew_from: core
    schedule: {first_release: 2026-01-20, every_months: 1, version: "{yy}.{m}.{n}"}
    releases:
      - {version: 26.1.1, pilot: cal, co_pilot: ben}
    swaps:
      - {release: 26.4.4, seat: pilot, out: ben, in: amy}
"""


def test_crews_come_from_the_same_month_else_the_latest_release_before() -> None:
    # core (the seed's order): 26.1.0 amy/ben, 26.3.0 ben/amy then a swap makes it ben/dan,
    # 26.5.0 ben/cal. tools, monthly: January is pinned (its own pin wins); February has
    # no core release and takes January's crew; March takes 26.3.0's crew after core's
    # swap; April takes March's again, then its own swap gives amy the pilot seat.
    team = Project.parse(TOGETHER.encode(), "rotation.yaml")
    core, tools = team.projects()
    assert [(r.version, r.pilot, r.co_pilot) for r in core.plan(3).releases] == [
        ("26.1.0", "amy", "ben"),
        ("26.3.0", "ben", "dan"),
        ("26.5.0", "ben", "cal"),
    ]
    assert [(r.version, r.pilot, r.co_pilot) for r in tools.plan(5).releases] == [
        ("26.1.1", "cal", "ben"),
        ("26.2.2", "amy", "ben"),
        ("26.3.3", "ben", "dan"),
        ("26.4.4", "amy", "dan"),
        ("26.5.5", "ben", "cal"),
    ]
    # Released together: no double duty between them, and no stint rules on tools.
    assert [p.rule for p in team.portfolio.check(TODAY, 12) if p.project == "tools"] == []


def test_each_project_names_itself_as_a_one_project_file_would() -> None:
    # The entry's `project:` keys, flattened: what titles, calendars and pages show.
    builder = part("builder").model.project
    assert (builder.name, builder.repository) == ("Build tool", "example/builder")
    unnamed = TOGETHER.encode()
    core, tools = Project.parse(unnamed, "rotation.yaml").projects()
    assert (core.model.project.name, tools.model.project.name) == ("core", "tools")


# An on-demand project with two unpinned terms of history, a swap naming a month that
# starts no term, and requests for roles only other projects have.
TERMS = """\
members:
  - {id: amy}
  - {id: ben}
  - {id: cal}
  - {id: dan}
  - {id: eve}
  - {id: fox}
roles:
  - {id: qa, projects: [core]}
  - {id: sec, fill: request}
projects:
  - id: core
    schedule: {first_release: 2026-09-14}
  - id: plug
    on_demand: {first_term: 2026-01-01, every_months: 2}
    rotation: {stint: [co_pilot, pilot]}
    releases:
      - {term: 2026-01, pilot: eve, co_pilot: fox}
    swaps:
      - {release: 2026-08, seat: pilot, out: amy, in: ben}
    requests:
      - {member: dan, role: qa, release: 2026-09}
      - {member: dan, role: sec, release: 2026-09}
"""


def test_an_on_demand_projects_messages_speak_of_terms_and_of_its_roles() -> None:
    # Worked out by hand: today the terms 2026-03 and 2026-05 are over and not pinned;
    # 2026-08 starts no term (they start in odd months); only core has qa, and sec, with no
    # `projects:` list, belongs to the projects with a schedule.
    assert located(TERMS, dt.date(2026, 7, 1)) == [
        (
            "schema",
            "error",
            22,
            29,
            "plug: `qa` is not a role of project plug; its `projects:` list leaves plug out: "
            "add plug to it, or remove this reference",
        ),
        (
            "schema",
            "error",
            23,
            29,
            "plug: `sec` is not a role of project plug; a role without a `projects:` list "
            "belongs to the projects with a schedule only: give it a `projects:` list naming "
            "plug, or remove this reference",
        ),
        (
            "unknown-release",
            "error",
            20,
            19,
            "plug: swap 1 names term 2026-08, which is not a term of the calendar; remove the swap",
        ),
        (
            "unpinned-history",
            "warning",
            17,
            5,
            "plug: 2 terms before today are not pinned: their crews are the plan's; record "
            "them with `relrot import` or `relrot pin`",
        ),
    ]


def test_one_term_of_history_and_a_role_of_the_file_keep_their_words() -> None:
    # One unpinned term; a role no project has is still "not a role of this file".
    text = TERMS.replace("role: sec", "role: sre").replace("release: 2026-08", "release: 2026-05")
    text += "    jump_seat:\n      - {member: cal, release: 2026-10}\n"
    found = [p[4] for p in located(text, dt.date(2026, 5, 1))]
    assert "plug: jump-seat request for 2026-10, which is not a term of the calendar" in found
    assert (
        "plug: 1 term before today is not pinned: its crew is the plan's; record it with "
        "`relrot import` or `relrot pin`" in found
    )
    assert "plug: `sre` is not a role of this file; declare it under `roles:` first" in found


def test_a_request_for_a_month_that_starts_no_term_says_term() -> None:
    text = TERMS.replace("{id: sec, fill: request}", "{id: sec, fill: request, projects: [plug]}")
    found = [p[4] for p in located(text.replace("2026-09}", "2026-10}"), dt.date(2026, 7, 1))]
    assert (
        "plug: request for sec in 2026-10, which is not a term of the calendar; name another term"
        in found
    )


SHARED = """\
members:
  - {id: ann, experienced: true}
  - {id: bea, experienced: true}
projects:
  - id: app
    repository: acme/mono
    issue_title: "{{project}} {{version}}"
    schedule: {first_release: 2026-01-12}
  - id: lib
    repository: Acme/Mono
    crew_from: app
    schedule: {first_release: 2026-01-13}
  - id: docs
    repository: acme/docs
    schedule: {first_release: 2026-01-14}
"""


def test_two_projects_in_one_repository_need_the_project_in_their_titles() -> None:
    # Repositories compare as GitHub does, case aside; the default title has no project.
    with pytest.raises(RelrotError) as raised:
        Project.parse(SHARED.encode(), "rotation.yaml").projects()
    assert [(p.rule, p.line, p.column, p.message) for p in raised.value.problems] == [
        (
            "schema",
            10,
            17,
            "`lib` and `app` both keep their issues in Acme/Mono, so their issue titles must "
            "name the project: put {{project}} in the `issue_title` of lib (e.g. "
            '"{{project}} {{version}}"), or give one its own repository',
        )
    ]
    named = SHARED.replace(
        "crew_from: app", 'crew_from: app\n    issue_title: "{{ project }} {{series}}"'
    )
    assert len(Project.parse(named.encode(), "rotation.yaml").projects()) == 3


def test_relrots_marker_names_a_project_of_several_by_its_id() -> None:
    from relrot.issue_marker import project_of

    # The entry's name titles its issues; the id, which never changes with it, marks them.
    assert [project_of(p.model) for p in Project.load(TEAM).projects()] == [
        "manager",
        "builder",
        "plugin",
    ]
    assert project_of(Project.load(ALONE).model) == Project.load(ALONE).model.project.name
