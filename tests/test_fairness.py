"""Is the rotation fair: seat counts, shares and the team's spread (SPEC 5.5)."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relrot import fairness
from relrot.fairness import gini, population_stdev
from relrot.model import Member, RotationFile
from relrot.plan import Release
from relrot.project import Project
from relrot.render.stats import render_json, render_markdown
from tests.test_properties import EXAMPLES, HORIZON, plan_or_reject, rotation_files
from tests.test_roles_property import _from_as_version, with_roles

# Four pinned releases of three core members and an observer: ann sat in all of them.
HISTORY: dict[str, Any] = {
    "schedule": {"first_release": "2026-01-13"},
    "members": [{"id": "ann"}, {"id": "bo"}, {"id": "cy"}, {"id": "zed", "core": False}],
    "releases": [
        {"version": "26.1.0", "pilot": "ann", "co_pilot": "bo"},
        {"version": "26.3.0", "pilot": "bo", "co_pilot": "ann", "jump_seat": "zed"},
        {"version": "26.5.0", "pilot": "ann", "co_pilot": "cy"},
        {"version": "26.7.0", "pilot": "cy", "co_pilot": "ann"},
    ],
}


def test_stats_json_on_a_fixed_history() -> None:
    project = Project(RotationFile.model_validate(HISTORY))
    report = project.stats(dt.date(2027, 1, 1), "1", 4)
    assert report is not None
    # Each release has 2 seats and 3 core members who could take them: 2/3 of a seat each,
    # 8/3 over the four releases. Seats held: ann 4, bo 2, cy 2 (mean 8/3).
    fair = round(8 / 3, 4)
    # Standard deviation: deviations 4/3, -2/3, -2/3 -> variance (16 + 4 + 4) / 9 / 3 = 8/9.
    stdev = round(math.sqrt(8 / 9), 4)
    # Gini: ordered pairs' differences 4 x |4 - 2| = 8, over 2 x 3 members x 8 seats = 48.
    gini_value = round(8 / 48, 4)

    def member(
        name: str, pilot: int, co_pilot: int, last: tuple[str, str] | None, **rest: Any
    ) -> dict[str, Any]:
        seats = pilot + co_pilot
        return {
            "member": name,
            "core": True,
            "active": True,
            "pilot": pilot,
            "co_pilot": co_pilot,
            "jump_seat": 0,
            "requests_met": [],
            "seats": seats,
            "share": seats / 4,
            "fair_share": fair,
            "over": round(seats - 8 / 3, 4),
            "eligible": 4,
            "last_seat": {"version": last[0], "date": last[1]} if last else None,
            "next_seat": None,
            "why": [],
            **rest,
        }

    assert json.loads(render_json(report)) == {
        "from": "26.1.0",
        "through": "26.7.0",
        "releases": 4,
        "pinned": 4,
        "members": [
            member(
                "ann",
                2,
                2,
                ("26.7.0", "2026-07-13"),
                why=[
                    "sat in 4 of the 4 pinned releases: history as recorded, not the rotation rule"
                ],
            ),
            member("bo", 1, 1, ("26.3.0", "2026-03-12")),
            member("cy", 1, 1, ("26.7.0", "2026-07-13")),
            member(
                "zed",
                0,
                0,
                None,
                core=False,
                active=False,
                jump_seat=1,
                share=0.0,
                fair_share=0.0,
                over=0.0,
                eligible=0,
                why=["not a core member: never holds the pilot or co-pilot seat"],
            ),
        ],
        "team": {
            "active_core": ["ann", "bo", "cy"],
            "spread": 2,
            "stdev": stdev,
            "gini": gini_value,
            "most_over": {"member": "ann", "by": round(4 - 8 / 3, 4)},
            "why": [
                "4 releases are not a whole number of rounds: with 3 members taking a stint of 4 "
                "seats in turn, a round is 6 releases, so some members are a stint ahead until "
                "the round ends"
            ],
        },
    }


# Three members, a fourth (Dee) away for a while, and a pilot in training by request: the crew of
# the role examples here and in tests/render/test_ics.py.
ANN_BO_CY: list[dict[str, Any]] = [
    {"id": "ann", "name": "Ann"},
    {"id": "bo", "name": "Bo"},
    {"id": "cy", "name": "Cy"},
]
TRAINEE = {"id": "trainee", "name": "Pilot-in-training", "fill": "request"}


def dee_away(start: str, end: str, *, core: bool = True) -> dict[str, Any]:
    away = [{"from": start, "to": end, "reason": "leave"}]
    return {"id": "dee", "name": "Dee", "core": core, "away": away}


# Four pinned releases with a QA seat from a pool of three (Dee away for 26.3.0) and a
# pilot-in-training by request: Cy was QA twice, Bo and Dee once; Bo was also the trainee.
QA_HISTORY: dict[str, Any] = {
    "schedule": {"first_release": "2026-01-13"},
    "members": [*ANN_BO_CY, dee_away("2026-03-01", "2026-03-31")],
    "roles": [{"id": "qa", "name": "QA", "pool": ["bo", "cy", "dee"]}, TRAINEE],
    "releases": [
        {"version": "26.1.0", "pilot": "ann", "co_pilot": "bo", "roles": {"qa": "cy"}},
        {"version": "26.3.0", "pilot": "bo", "co_pilot": "ann", "roles": {"qa": "cy"}},
        {
            "version": "26.5.0",
            "pilot": "ann",
            "co_pilot": "cy",
            "roles": {"qa": "dee", "trainee": "bo"},
        },
        {"version": "26.7.0", "pilot": "cy", "co_pilot": "ann", "roles": {"qa": "bo"}},
    ],
}


def qa_report() -> tuple[fairness.Fairness, RotationFile]:
    rotation = RotationFile.model_validate(QA_HISTORY)
    report = Project(rotation).stats(dt.date(2027, 1, 1), "1", 4)
    assert report is not None
    return report, rotation


def test_stats_json_counts_each_role_and_measures_a_rotate_role_over_its_pool() -> None:
    shown = json.loads(render_json(qa_report()[0]))
    assert [(m["member"], m["roles"]) for m in shown["members"]] == [
        ("ann", {"qa": 0, "trainee": 0}),
        ("bo", {"qa": 1, "trainee": 1}),
        ("cy", {"qa": 2, "trainee": 0}),
        ("dee", {"qa": 1, "trainee": 0}),
    ]
    # Role seats are not pilot or co-pilot seats: `seats` counts those alone.
    assert [m["seats"] for m in shown["members"]] == [4, 2, 2, 0]
    # Each QA seat is split among the pool members who could take it: neither pilot nor
    # co-pilot (its `apart_from`), in no other role, not away. 26.1.0: Cy and Dee (Bo is
    # co-pilot), a half each; 26.3.0: Cy alone (Bo pilot, Dee away); 26.5.0: Dee alone (Cy
    # co-pilot, Bo the trainee); 26.7.0: Bo and Dee (Cy pilot). Fair: Bo 1/2, Cy 1/2 + 1 =
    # 1.5, Dee 1/2 + 1 + 1/2 = 2. Held: Bo 1, Cy 2, Dee 1, so Bo and Cy are both 0.5 over
    # and Bo, first in the pool, is named. Mean 4/3: deviations -1/3, 2/3, -1/3, so the
    # variance is (1 + 4 + 1) / 9 / 3 = 2/9; ordered pairs' differences 4 x 1 over 2 x 3 x 4.
    assert shown["roles"] == [
        {
            "id": "qa",
            "name": "QA",
            "fill": "rotate",
            "releases": 4,
            "filled": 4,
            "fairness": {
                "active_pool": ["bo", "cy", "dee"],
                "fair_share": {"bo": 0.5, "cy": 1.5, "dee": 2.0},
                "spread": 1,
                "stdev": round(math.sqrt(2 / 9), 4),
                "gini": round(4 / 24, 4),
                "most_over": {"member": "bo", "by": 0.5},
            },
        },
        {
            "id": "trainee",
            "name": "Pilot-in-training",
            "fill": "request",
            "releases": 4,
            "filled": 1,
            "fairness": None,
        },
    ]


def test_stats_markdown_has_a_column_per_role_and_a_line_per_role() -> None:
    report, rotation = qa_report()
    assert render_markdown(report, rotation) == (
        "### Is the rotation fair?\n"
        "\n"
        "| Member | Pilot | Co-pilot | Jump seat | QA | Pilot-in-training | Seats | Share "
        "| Fair share | Last seat | Next seat |\n"
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|---|---|\n"
        "| Ann | 2 | 2 | 0 | 0 | 0 | 4 | 100% | 2.2 | 26.7.0 (2026-07-13) | - |\n"
        "| Bo | 1 | 1 | 0 | 1 | 1 | 2 | 50% | 2.2 | 26.3.0 (2026-03-12) | - |\n"
        "| Cy | 1 | 1 | 0 | 2 | 0 | 2 | 50% | 2.2 | 26.7.0 (2026-07-13) | - |\n"
        "| Dee | 0 | 0 | 0 | 1 | 0 | 0 | 0% | 1.5 | - | - |\n"
        "\n"
        "- 4 releases, 26.1.0 to 26.7.0 (4 pinned), 4 active core members.\n"
        "- Seats per active core member: spread 4, standard deviation 1.41, Gini 0.38.\n"
        "- Most over their fair share: Ann, by 1.8 seat(s) (4 held, 2.2 fair).\n"
        "- Role QA: held in 4 of 4 release(s) by a pool of 3 active member(s); spread 1, standard "
        "deviation 0.47, Gini 0.17; most over their fair share: Bo, by 0.5.\n"
        "- Role Pilot-in-training, by request: held in 1 of 4 release(s).\n"
        "\n"
        "#### Why the load is uneven\n"
        "\n"
        "- 4 releases are not a whole number of rounds: with 4 members taking a stint of 4 "
        "seats in turn, a round is 8 releases, so some members are a stint ahead until the "
        "round ends\n"
        "- Ann: sat in 4 of the 4 pinned releases: history as recorded, not the rotation rule\n"
        "- Dee: away for 1 release(s): 26.3.0\n"
    )


def test_a_role_before_its_from_has_no_seats_to_measure() -> None:
    data = {**QA_HISTORY, "roles": [{**QA_HISTORY["roles"][0], "from": "26.5.0"}]}
    data["releases"] = [
        {k: v for k, v in r.items() if k != "roles"} for r in QA_HISTORY["releases"][:2]
    ] + [{**r, "roles": {"qa": r["roles"]["qa"]}} for r in QA_HISTORY["releases"][2:]]
    report = Project(RotationFile.model_validate(data)).stats(dt.date(2027, 1, 1), "1", 4)
    assert report is not None
    (qa,) = report.roles
    # 26.5.0 and 26.7.0 have the seat (Dee, then Bo); Cy is co-pilot, then pilot, so Bo and
    # Dee could take each: a half each, one seat each, and nobody is over.
    assert (qa.releases, qa.filled) == (2, 2)
    assert qa.pool is not None
    assert qa.pool.fair_share == pytest.approx({"bo": 1, "cy": 0, "dee": 1})
    assert qa.pool.most_over is None
    assert {m.member: dict(m.roles) for m in report.members}["cy"] == {"qa": 0}


def test_gini_and_standard_deviation_of_an_even_and_a_lopsided_load() -> None:
    assert gini([3, 3, 3]) == 0.0
    assert population_stdev([3, 3, 3]) == 0.0
    # One member holds everything: (n - 1) / n.
    assert gini([0, 0, 0, 8]) == 0.75
    assert gini([]) == population_stdev([]) == 0.0


def test_joined_left_and_away_are_explained_in_plain_words() -> None:
    data = {
        "schedule": {"first_release": "2026-01-13"},
        "members": [
            {"id": "ann"},
            {"id": "bo", "away": [{"from": "2026-05-01", "to": "2026-05-31", "reason": "leave"}]},
            {"id": "cy", "joined": "2026-06-01"},
            {"id": "di", "left": "2026-09-01"},
        ],
    }
    report = Project(RotationFile.model_validate(data)).stats(dt.date(2026, 1, 1), "1", 6)
    assert report is not None
    assert {m.member: m.why for m in report.members} == {
        "ann": (),
        "bo": ("away for 1 release(s): 26.5.0",),
        "cy": ("joined on 2026-06-01: not yet a member for 3 of the releases",),
        "di": ("left on 2026-09-01: no longer a member for 2 of the releases",),
    }


def test_markdown_escapes_table_characters_in_names() -> None:
    data = {**HISTORY, "members": [{"id": "ann", "name": "Ann | Admin"}, *HISTORY["members"][1:]]}
    rotation = RotationFile.model_validate(data)
    report = Project(rotation).stats(dt.date(2027, 1, 1), "1", 4)
    assert report is not None
    text = render_markdown(report, rotation)
    assert "| Ann \\| Admin | 2 | 2 | 0 | 4 | 100% | 2.7 |" in text
    assert "- Most over their fair share: Ann \\| Admin, by 1.3 seat(s)" in text


@EXAMPLES
@given(rotation_files())
def test_seats_add_up_and_only_the_roster_is_counted(data: dict[str, Any]) -> None:
    plan_or_reject(data, HORIZON)  # a calendar with no open day for a release is no plan
    project = Project(RotationFile.model_validate(data))
    report = project.stats(dt.date(2027, 1, 1), None, HORIZON)
    releases = [r for r in project.rows(1, HORIZON) if not r.skipped]
    both = sum(r.pilot is not None and r.co_pilot is not None for r in releases)
    single = sum((r.pilot is None) != (r.co_pilot is None) for r in releases)
    if report is None:
        assert releases == []
        return
    assert sum(m.seats for m in report.members) == 2 * both + single
    assert {m.member for m in report.members} <= {m["id"] for m in data["members"]}
    assert report.releases == len(releases)
    assert math.isclose(sum(m.fair_share for m in report.members), 2 * both + single)


def test_a_request_met_in_pinned_history_shows_in_stats() -> None:
    data = {**HISTORY, "jump_seat": [{"member": "zed"}]}
    report = Project(RotationFile.model_validate(data)).stats(dt.date(2027, 1, 1), "1", 4)
    assert report is not None
    assert {m.member: m.requests_met for m in report.members}["zed"] == ("26.3.0",)


@given(st.lists(st.integers(min_value=0, max_value=40), max_size=30))
def test_gini_from_sorted_values_is_the_mean_difference_of_every_pair(values: list[int]) -> None:
    seats = [float(v) for v in values]
    total = sum(seats)
    pairwise = (
        sum(abs(a - b) for a in seats for b in seats) / (2 * len(seats) * total) if total else 0.0
    )
    assert gini(seats) == pytest.approx(pairwise)


class Counted(float):
    """A seat count that counts the arithmetic and comparisons done with it."""

    steps = 0

    def _count(self, other: object, name: str) -> Any:
        Counted.steps += 1
        return getattr(float(self), name)(other)

    def __lt__(self, other: object) -> bool:
        return bool(self._count(other, "__lt__"))

    def __sub__(self, other: object) -> Any:
        return self._count(other, "__sub__")

    def __rsub__(self, other: object) -> Any:
        return self._count(other, "__rsub__")

    def __mul__(self, other: object) -> Any:
        return self._count(other, "__mul__")

    def __rmul__(self, other: object) -> Any:
        return self._count(other, "__rmul__")

    def __add__(self, other: object) -> Any:
        return self._count(other, "__add__")

    def __radd__(self, other: object) -> Any:
        return self._count(other, "__radd__")


def test_gini_of_a_large_roster_takes_steps_in_proportion_to_it() -> None:
    # A roster of 4,600 once compared every pair of members: 21 million steps.
    size = 4_600
    values = [Counted(number % 7) for number in range(size)]
    Counted.steps = 0
    gini(values)
    assert Counted.steps <= size * (4 + math.log2(size))


def test_stats_asks_once_per_member_and_release_who_could_serve(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    size = 400
    data = {
        "schedule": {"first_release": "2026-01-13"},
        "members": [{"id": f"m{number}"} for number in range(size)],
    }
    project = Project(RotationFile.model_validate(data))
    asked = Counter[tuple[str, str]]()
    could_serve = fairness._could_serve

    def counted(person: Member, release: Release) -> bool:
        asked[person.id, release.version] += 1
        return could_serve(person, release)

    monkeypatch.setattr(fairness, "_could_serve", counted)
    report = project.stats(dt.date(2026, 11, 21), "1", 10)
    assert report is not None
    assert report.releases == 10
    assert len(asked) == size * 10
    assert set(asked.values()) == {1}


@settings(max_examples=40, deadline=None)
@given(with_roles())
def test_role_counts_add_up_to_the_role_seats_held(data: dict[str, Any]) -> None:
    plan_or_reject(_from_as_version(data), HORIZON)
    project = Project(RotationFile.model_validate(data))
    report = project.stats(dt.date(2027, 1, 1), None, HORIZON)
    if report is None:
        return
    shipped = [r for r in project.rows(1, HORIZON) if not r.skipped]
    assert [r.role for r in report.roles] == list(dict.fromkeys(r["id"] for r in data["roles"]))
    for role in report.roles:
        held = [r.roles[role.role] for r in shipped if r.roles.get(role.role) is not None]
        assert role.filled == len(held) == sum(m.roles[role.role] for m in report.members)
        assert role.releases == sum(role.role in r.roles for r in shipped)
        for load in report.members:
            assert load.roles[role.role] == held.count(load.member)
        if role.fill == "request":
            assert role.pool is None
            continue
        assert role.pool is not None
        # Shares of seats someone could take: never more than the seats held.
        assert sum(role.pool.fair_share.values()) <= role.filled + 1e-9
        # Nor a share of a seat its member could not take: one in its `apart_from`, another
        # role or the jump seat of that release keeps them from it (SPEC 3.7).
        spec = next(r for r in data["roles"] if r["id"] == role.role)
        apart = spec.get("apart_from", ["pilot", "co_pilot"])
        for member, share in role.pool.fair_share.items():
            free = [
                r
                for r in shipped
                if r.roles.get(role.role) is not None
                and member not in [getattr(r, s, None) or r.roles.get(s) for s in apart]
                and member not in [h for k, h in r.roles.items() if k != role.role]
                and member != r.jump_seat
            ]
            assert share <= len(free) + 1e-9, (member, share, len(free))
        assert 0 <= role.pool.gini < 1
        counts = [held.count(m) for m in role.pool.active]
        assert role.pool.spread == (max(counts) - min(counts) if counts else 0)
