"""The starter file `relrot init` writes: conda's cadence and a placeholder roster."""

from __future__ import annotations

import datetime as dt


def second_monday(year: int, month: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(7 - first.weekday()) % 7 + 7)


def next_conda_release(today: dt.date) -> dt.date:
    """The next second Monday of an odd month, on or after today (CEP-8's cadence)."""
    year, month = today.year, today.month
    while True:
        if month % 2 == 1 and second_monday(year, month) >= today:
            return second_monday(year, month)
        month += 1
        if month > 12:
            year, month = year + 1, 1


STARTER = """\
# Release rotation: who pilots each release. Docs: relrot's docs/index.md.
# Check this file with `relrot validate`; see the plan with `relrot plan`.

# Names the project in issue titles, calendars and pages (all optional).
# project:
#   name: my-project
#   repository: my-org/my-project
#   issue_template: .github/release-issue.md

schedule:
  # Release 1. Later releases follow the rule below (conda's: bi-monthly, in odd months,
  # in the week of the second Monday).
  first_release: {first}
  rrule: "FREQ=MONTHLY;INTERVAL=2;BYDAY=+2MO"
  version: "{{yy}}.{{m}}.0"
  timezone: UTC
  # Friday is always blocked; Saturday and Sunday by default.
  # blackout:
  #   - {{from: 2026-12-21, to: 2027-01-04, reason: winter break}}
  milestones:
    - {{name: release-branch, days: -7, note: "open the Release issue and cut the release branch"}}
    - {{name: all-clear, days: 7, note: "pilot declares the release healthy"}}

rotation:
  # Co-pilot to learn, pilot twice, co-pilot to mentor the next pilot.
  stint: [co_pilot, pilot, pilot, co_pilot]

# The roster, in the order people first serve. Only core members pilot or co-pilot.
members:
  - id: maintainer-a
    name: Maintainer A
    # github: handle-a
  - id: maintainer-b
    name: Maintainer B
  - id: maintainer-c
    name: Maintainer C
    # away:
    #   - {{from: 2027-07-01, to: 2027-07-31, reason: vacation}}

# Requests to observe a release from the jump seat (anyone on the roster):
# jump_seat:
#   - {{member: maintainer-c, after: 2027-01-01}}

# Seats beyond pilot and co-pilot, such as a QA owner taken in turn from a pool and never
# the release's pilot or co-pilot. A role with `fill: request` is placed only where
# `requests:` asks for it, like the jump seat. Docs: relrot's docs/roles.md.
# roles:
#   - {{id: qa, name: QA, pool: [maintainer-a, maintainer-b, maintainer-c]}}
"""


def starter_text(today: dt.date) -> str:
    return STARTER.format(first=next_conda_release(today).isoformat())


PORTFOLIO = """\
# Release rotation for a team that releases several projects from one roster.
# Docs: relrot's docs/projects.md. Check it with `relrot validate`; see the plan with
# `relrot plan` (every project) or `relrot --project ID plan` (one of them).

# One team: everyone who may serve in any project, in the order people first serve.
# Someone seated in one project is not seated in another whose duty window overlaps.
members:
  - id: maintainer-a
    name: Maintainer A
    # github: handle-a
  - id: maintainer-b
    name: Maintainer B
  - id: maintainer-c
    name: Maintainer C
  - id: maintainer-d
    name: Maintainer D
  - id: maintainer-e
    name: Maintainer E
  - id: maintainer-f
    name: Maintainer F
    # away:
    #   - {{from: 2027-07-01, to: 2027-07-31, reason: vacation}}

projects:
  # A cadence project: its own release calendar and rotation, as in a one-project file
  # (conda's: bi-monthly, in odd months, in the week of the second Monday).
  - id: conda
    name: conda
    repository: conda/conda
    schedule:
      first_release: {first}
      rrule: "FREQ=MONTHLY;INTERVAL=2;BYDAY=+2MO"
      version: "{{yy}}.{{m}}.0"
      milestones:
        - {{name: release-branch, days: -7, note: "open the Release issue, cut the branch"}}
        - {{name: all-clear, days: 7, note: "pilot declares the release healthy"}}
    rotation:
      stint: [co_pilot, pilot, pilot, co_pilot]

  # Released together with conda: each release takes the crew of conda's release in the
  # same month (else conda's latest one before it). It has a calendar but no rotation.
  - id: conda-build
    name: conda-build
    repository: conda/conda-build
    crew_from: conda
    schedule:
      first_release: {first}
      rrule: "FREQ=MONTHLY;INTERVAL=2;BYDAY=+2MO"
      version: "{{yy}}.{{m}}.0"

  # A plugin released whenever it is ready: no calendar, but terms of two months (named
  # YYYY-MM by their first month), each with a crew on duty for the whole term. Record a
  # release as it ships with `relrot shipped VERSION DATE --project conda-pypi`.
  - id: conda-pypi
    name: conda-pypi
    repository: conda/conda-pypi
    on_demand: {{first_term: {term}, every_months: 2}}
    rotation:
      # Co-pilot one term, pilot the next: long stints rarely fit a small team.
      stint: [co_pilot, pilot]
"""


def portfolio_text(today: dt.date) -> str:
    """The starter file of `relrot init --projects`: conda, conda-build released with it,
    and a plugin on demand whose first term is the month of conda's next release."""
    first = next_conda_release(today)
    return PORTFOLIO.format(first=first.isoformat(), term=first.replace(day=1).isoformat())
