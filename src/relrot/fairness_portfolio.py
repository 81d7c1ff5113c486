"""Is the load fair across a team's projects (SPEC 6)? Seats per member in each project and
in total, and the team's measures over all of them.

Pure: each project's `Fairness` (`relrot.fairness`) comes in; the team's totals go out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from msgspec import Struct

from relrot.fairness import Fairness, gini, population_stdev, spread
from relrot.model import RotationFile


class TeamLoad(Struct, frozen=True):
    """One member's seats over every project counted."""

    member: str
    core: bool
    active: bool  # active core member in at least one project's releases
    pilot: int
    co_pilot: int
    jump_seat: int
    by_project: Mapping[str, int]  # pilot and co-pilot seats in each project, in plan order
    fair_share: float  # the sum of their fair shares in each project

    @property
    def seats(self) -> int:
        return self.pilot + self.co_pilot

    @property
    def over(self) -> float:
        return self.seats - self.fair_share


class ProjectFairness(Struct, frozen=True):
    """One project's own numbers, as `stats --project` counts them."""

    id: str
    name: str
    numbers: Fairness


class PortfolioFairness(Struct, frozen=True):
    """Each project's own numbers, then the team's over all of them."""

    projects: tuple[ProjectFairness, ...]  # in planning order
    members: tuple[TeamLoad, ...]  # roster order
    spread: int  # max - min total seats among active core members
    stdev: float
    gini: float
    most_over: TeamLoad | None  # furthest over their summed fair share, if anyone is over
    most_seats: TeamLoad | None  # who holds the most seats (first in the roster on a tie)

    @property
    def active(self) -> list[TeamLoad]:
        return [m for m in self.members if m.active]


def portfolio_fairness(
    reports: Sequence[ProjectFairness], rotation: RotationFile
) -> PortfolioFairness:
    """The team's load over the projects' reports (those with a release counted)."""
    loads = []
    for person in rotation.members:
        mine = [
            (r.id, next(m for m in r.numbers.members if m.member == person.id)) for r in reports
        ]
        loads.append(
            TeamLoad(
                member=person.id,
                core=person.core,
                active=any(m.active for _, m in mine),
                pilot=sum(m.pilot for _, m in mine),
                co_pilot=sum(m.co_pilot for _, m in mine),
                jump_seat=sum(m.jump_seat for _, m in mine),
                by_project={key: m.seats for key, m in mine},
                fair_share=sum(m.fair_share for _, m in mine),
            )
        )
    active = [m for m in loads if m.active]
    seats = [float(m.seats) for m in active]
    most_over = max(active, key=lambda m: m.over, default=None)
    return PortfolioFairness(
        projects=tuple(reports),
        members=tuple(loads),
        spread=spread(seats),
        stdev=population_stdev(seats),
        gini=gini(seats),
        most_over=most_over if most_over is not None and most_over.over > 0 else None,
        most_seats=max(active, key=lambda m: m.seats, default=None),
    )
