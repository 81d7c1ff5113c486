"""`relrot diff BASE`: who a roster change moves, against a file or a git revision."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import QA_ROSTER, Result

TODAY = "2026-01-01"

# Plans 26.1.0 .. 27.11.0 with --today 2026-01-01 and the default horizon of 12.
BASE = """\
    schedule:
      first_release: 2026-01-13
    members:
      - {id: bob, name: Bob Ross, github: bobross}
      - {id: jane, github: janedoe}
      - {id: tobby}
      - {id: elvis, github: elvisp}
    """

# amy joins on the day of 27.1.0 (joined is inclusive).
WITH_AMY = BASE.replace(
    "github: elvisp}\n", "github: elvisp}\n      - {id: amy, github: amyw, joined: 2027-01-13}\n"
)

# jane leaves on the day of 27.5.0, where her next stint would start (left is exclusive).
JANE_LEAVES = BASE.replace("github: janedoe}", "github: janedoe, left: 2027-05-13}")


def changes(result: Result) -> list[dict[str, object]]:
    assert result.exit_code == 0, result
    found: list[dict[str, object]] = json.loads(result.stdout)["changes"]
    return found


def change(version: str, date: str, seat: str, before: str, after: str) -> dict[str, object]:
    return {"version": version, "date": date, "seat": seat, "before": before, "after": after}


def test_a_new_member_moves_nobody_before_joining(
    rotation_file: Callable[..., Path], relrot: Callable[..., Result]
) -> None:
    base = rotation_file(BASE, "base.yaml")
    current = rotation_file(WITH_AMY)
    result = relrot("--file", current, "diff", base, "--format", "json", "--today", TODAY)
    # amy joins the back of the queue (SPEC 3.2): within the default horizon nobody moves.
    # The rule before served her first from 27.1.0 and moved ten seats of four people.
    assert changes(result) == []
    longer = ("--horizon", "20")
    result = relrot("--file", current, "diff", base, "--format", "json", "--today", TODAY, *longer)
    found = changes(result)
    # Her first stint is the fifth starting on or after 27.1.0, after bob, jane, tobby and
    # elvis each took one; nothing before it moves.
    assert found == [
        change("28.5.0", "2028-05-11", "co_pilot", "bob", "amy"),
        change("28.7.0", "2028-07-13", "pilot", "bob", "amy"),
        change("28.9.0", "2028-09-13", "pilot", "bob", "amy"),
        change("28.9.0", "2028-09-13", "co_pilot", "jane", "bob"),
        change("28.11.0", "2028-11-13", "pilot", "jane", "bob"),
        change("28.11.0", "2028-11-13", "co_pilot", "bob", "amy"),
        change("29.1.0", "2029-01-11", "pilot", "jane", "bob"),
        change("29.1.0", "2029-01-11", "co_pilot", "tobby", "jane"),
        change("29.3.0", "2029-03-13", "pilot", "tobby", "jane"),
        change("29.3.0", "2029-03-13", "co_pilot", "jane", "bob"),
    ]


def test_a_member_leaving_moves_only_releases_from_that_date(
    rotation_file: Callable[..., Path], relrot: Callable[..., Result]
) -> None:
    base = rotation_file(BASE, "base.yaml")
    current = rotation_file(JANE_LEAVES)
    result = relrot("--file", current, "diff", base, "--today", TODAY)
    assert result.exit_code == 0, result
    assert result.stdout == (
        "27.5.0 (Thu 2027-05-13)\n"
        "  co-pilot: jane -> tobby\n"
        "27.7.0 (Tue 2027-07-13)\n"
        "  pilot: jane -> tobby\n"
        "27.9.0 (Mon 2027-09-13)\n"
        "  pilot: jane -> tobby\n"
        "  co-pilot: tobby -> elvis\n"
        "27.11.0 (Thu 2027-11-11)\n"
        "  pilot: tobby -> elvis\n"
        "  co-pilot: jane -> tobby\n"
    )
    found = changes(relrot("--file", current, "diff", base, "--format", "json", "--today", TODAY))
    assert min(str(c["date"]) for c in found) == "2027-05-13"


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("text", "No one moves: the plan is the same.\n"),
        ("markdown", "### Rotation changes\n\nNo one moves: the plan is the same.\n"),
        ("json", '{\n  "changes": []\n}\n'),
    ],
)
def test_identical_files_move_no_one(
    rotation_file: Callable[..., Path],
    relrot: Callable[..., Result],
    output: str,
    expected: str,
) -> None:
    base = rotation_file(BASE, "base.yaml")
    current = rotation_file(BASE)
    result = relrot("--file", current, "diff", base, "--format", output, "--today", TODAY)
    assert result.exit_code == 0, result
    assert result.stdout == expected


def test_markdown_has_a_table_and_mentions_who_moved(
    rotation_file: Callable[..., Path], relrot: Callable[..., Result]
) -> None:
    base = rotation_file(BASE, "base.yaml")
    current = rotation_file(WITH_AMY)
    options = ("--format", "markdown", "--today", TODAY, "--horizon", "20")
    result = relrot("--file", current, "diff", base, *options)
    assert result.exit_code == 0, result
    # Display names in the table; @handles for people who have one; elvis does not move.
    assert result.stdout == (
        "### Rotation changes\n"
        "\n"
        "| Release | Date | Seat | Before | After |\n"
        "|---|---|---|---|---|\n"
        "| 28.5.0 | Thu 2028-05-11 | co-pilot | Bob Ross | amy |\n"
        "| 28.7.0 | Thu 2028-07-13 | pilot | Bob Ross | amy |\n"
        "| 28.9.0 | Wed 2028-09-13 | pilot | Bob Ross | amy |\n"
        "| 28.9.0 | Wed 2028-09-13 | co-pilot | jane | Bob Ross |\n"
        "| 28.11.0 | Mon 2028-11-13 | pilot | jane | Bob Ross |\n"
        "| 28.11.0 | Mon 2028-11-13 | co-pilot | Bob Ross | amy |\n"
        "| 29.1.0 | Thu 2029-01-11 | pilot | jane | Bob Ross |\n"
        "| 29.1.0 | Thu 2029-01-11 | co-pilot | tobby | jane |\n"
        "| 29.3.0 | Tue 2029-03-13 | pilot | tobby | jane |\n"
        "| 29.3.0 | Tue 2029-03-13 | co-pilot | jane | Bob Ross |\n"
        "\n"
        "#### Who moves\n"
        "\n"
        "- @amyw: now 28.5.0 co-pilot, 28.7.0 pilot, 28.9.0 pilot, 28.11.0 co-pilot\n"
        "- @bobross: 28.5.0 co-pilot → 28.9.0 co-pilot; 28.7.0 pilot → 28.11.0 pilot; "
        "28.9.0 pilot → 29.1.0 pilot; 28.11.0 co-pilot → 29.3.0 co-pilot\n"
        "- @janedoe: 28.9.0 co-pilot → 29.1.0 co-pilot; 28.11.0 pilot → 29.3.0 pilot; "
        "no longer 29.1.0 pilot, 29.3.0 co-pilot\n"
        "- tobby: no longer 29.1.0 co-pilot, 29.3.0 pilot\n"
        "\n"
        "#### Seats over these releases\n"
        "\n"
        "- amy: +4 seats\n"
        "- Bob Ross: no change\n"
        "- jane: -2 seats\n"
        "- tobby: -2 seats\n"
    )
    assert "@elvisp" not in result.stdout


# --- git:REV -----------------------------------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def git_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """A fresh repository in tmp_path/repo, isolated from the user's git configuration."""
    repo = tmp_path / "repo"
    repo.mkdir()
    # relrot runs `git show` itself, in this process's environment.
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test Author",
        "GIT_AUTHOR_EMAIL": "author@example.com",
        "GIT_COMMITTER_NAME": "Test Author",
        "GIT_COMMITTER_EMAIL": "author@example.com",
        "GIT_AUTHOR_DATE": "2026-01-01T12:00:00+00:00",
        "GIT_COMMITTER_DATE": "2026-01-01T12:00:00+00:00",
    }

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)

    git("init", "--quiet")
    return git


@needs_git
def test_diff_against_a_git_revision(
    git_repo: Callable[..., None],
    rotation_file: Callable[..., Path],
    relrot: Callable[..., Result],
) -> None:
    current = rotation_file(BASE, "repo/rotation.yaml")
    git_repo("add", "rotation.yaml")
    git_repo("commit", "--quiet", "-m", "Add the rotation")
    current.write_text(current.read_text(encoding="utf-8").replace("tobby", "tobias"))
    base = rotation_file(BASE, "base.yaml")

    from_git = relrot("--file", current, "diff", "git:HEAD", "--format", "json", "--today", TODAY)
    from_file = relrot("--file", current, "diff", base, "--format", "json", "--today", TODAY)
    assert changes(from_git) == changes(from_file)
    assert changes(from_git)[:2] == [
        change("26.5.0", "2026-05-13", "co_pilot", "tobby", "tobias"),
        change("26.7.0", "2026-07-13", "pilot", "tobby", "tobias"),
    ]


@needs_git
def test_a_bad_git_revision_is_a_usage_error(
    git_repo: Callable[..., None],
    rotation_file: Callable[..., Path],
    relrot: Callable[..., Result],
) -> None:
    current = rotation_file(BASE, "repo/rotation.yaml")
    git_repo("add", "rotation.yaml")
    git_repo("commit", "--quiet", "-m", "Add the rotation")
    result = relrot("--file", current, "diff", "git:no-such-rev", "--today", TODAY)
    assert result.exit_code == 2, result
    assert result.stdout == ""
    assert result.stderr == (
        f"relrot: error: 'git:no-such-rev': no such commit in the repository of {current}\n"
    )


@pytest.mark.parametrize("command", [("diff", ""), ("notify", "--since", "")])
def test_an_empty_base_is_a_usage_error_saying_what_base_may_be(
    rotation_file: Callable[..., Path], relrot: Callable[..., Result], command: tuple[str, ...]
) -> None:
    result = relrot("--file", rotation_file(BASE), *command, "--today", TODAY)
    assert (result.exit_code, result.stdout) == (2, ""), result
    assert result.stderr == (
        "relrot: error: BASE is empty; give the rotation file to compare with, as a path or "
        "as git:REV for the rotation file at a git revision (git: alone is HEAD)\n"
    )


# --- consent (SPEC 5.5) ------------------------------------------------------------------------

# jane leaving moves jane, tobby and elvis (see above); here everyone has a login.
HANDLED = BASE.replace("{id: tobby}", "{id: tobby, github: tobbyt}")
HANDLED_JANE_LEAVES = JANE_LEAVES.replace("{id: tobby}", "{id: tobby, github: tobbyt}")


def consent(
    rotation_file: Callable[..., Path],
    relrot: Callable[..., Result],
    current: str,
    *options: str,
    base: str = HANDLED,
    days: str = "730",
    today: str = TODAY,
) -> Result:
    """`diff` with consent; jane's leaving moves seats from 27.5.0, more than the default 180
    days after TODAY, so these tests look two years ahead unless given `days`."""
    base_path = rotation_file(base, "base.yaml")
    path = rotation_file(current)
    window = ("--consent-days", days)
    return relrot("--file", path, "diff", base_path, "--today", today, *window, *options)


def test_moves_past_the_consent_days_need_no_consent(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    # From 2026-01-01 every move (27.5.0 on) is well over 180 days away: nobody is asked.
    result = consent(rotation_file, relrot, HANDLED_JANE_LEAVES, "--approved-by", "", days="180")
    assert (result.exit_code, result.stderr) == (0, ""), result
    assert result.stdout.startswith("27.5.0 (Thu 2027-05-13)\n")


def test_moves_within_the_consent_days_need_consent(
    rotation_file: Callable[[str], Path], relrot: Callable[..., Result]
) -> None:
    # From 2027-01-01, 27.5.0 (2027-05-13) is within 180 days; 27.7.0 (07-13) and later are not.
    result = consent(
        rotation_file,
        relrot,
        HANDLED_JANE_LEAVES,
        "--approved-by",
        "",
        days="180",
        today="2027-01-01",
    )
    assert result.exit_code == 1, result
    assert result.stderr == (
        "relrot: no consent from @janedoe, whose seats move: 27.5.0 co-pilot\n"
        "relrot: no consent from @tobbyt, whose seats move: 27.5.0 co-pilot\n"
    )


def test_consent_when_no_one_moves(
    rotation_file: Callable[..., Path], relrot: Callable[..., Result]
) -> None:
    result = consent(rotation_file, relrot, HANDLED, "--approved-by", "")
    assert (result.exit_code, result.stderr) == (0, ""), result


def test_consent_of_everyone_moved_passes(
    rotation_file: Callable[..., Path], relrot: Callable[..., Result]
) -> None:
    # Logins compare ignoring case and a leading @, as GitHub's do.
    approvers = "JaneDoe, @tobbyt,elvisp,someone-else"
    result = consent(rotation_file, relrot, HANDLED_JANE_LEAVES, "--approved-by", approvers)
    assert (result.exit_code, result.stderr) == (0, ""), result


def test_a_moved_member_who_has_not_approved_fails_by_handle(
    rotation_file: Callable[..., Path], relrot: Callable[..., Result]
) -> None:
    result = consent(rotation_file, relrot, HANDLED_JANE_LEAVES, "--approved-by", "janedoe,tobbyt")
    assert result.exit_code == 1, result
    assert result.stderr == (
        "relrot: no consent from @elvisp, whose seats move: 27.9.0 co-pilot, 27.11.0 pilot\n"
    )
    # The diff itself is still shown.
    assert result.stdout.startswith("27.5.0 (Thu 2027-05-13)\n")


def test_the_author_approves_their_own_seats_only(
    rotation_file: Callable[..., Path], relrot: Callable[..., Result]
) -> None:
    options = ("--author", "janedoe")
    passed = consent(
        rotation_file, relrot, HANDLED_JANE_LEAVES, "--approved-by", "tobbyt,elvisp", *options
    )
    assert (passed.exit_code, passed.stderr) == (0, ""), passed
    failed = consent(rotation_file, relrot, HANDLED_JANE_LEAVES, "--approved-by", "", *options)
    assert failed.exit_code == 1, failed
    assert "@janedoe" not in failed.stderr
    assert [line.split(",")[0] for line in failed.stderr.splitlines()] == [
        "relrot: no consent from @elvisp",
        "relrot: no consent from @tobbyt",
    ]


def test_a_member_without_a_login_cannot_consent(
    rotation_file: Callable[..., Path], relrot: Callable[..., Result]
) -> None:
    result = consent(
        rotation_file, relrot, JANE_LEAVES, "--approved-by", "janedoe,elvisp", base=BASE
    )
    assert result.exit_code == 1, result
    assert result.stderr.startswith(
        "relrot: no consent from tobby (no github login on the roster, so no approval can count)"
    )


# --- role seats (SPEC 3.7) ----------------------------------------------------------------------

# A swap of one QA seat: only 26.3.0's QA lead moves.
QA_SWAPPED = QA_ROSTER + "swaps:\n  - {release: 26.3.0, seat: qa, out: amy, in: zed}\n"


def test_a_qa_seat_move_is_shown_by_the_roles_name(
    rotation_file: Callable[..., Path], relrot: Callable[..., Result]
) -> None:
    base_path = rotation_file(QA_ROSTER, "base.yaml")
    path = rotation_file(QA_SWAPPED)
    text = relrot("--file", path, "diff", base_path, "--today", TODAY)
    assert text.stdout == "26.3.0 (Thu 2026-03-12)\n  QA lead: Amy Ash -> zed\n"
    found = relrot("--file", path, "diff", base_path, "--today", TODAY, "--format", "json")
    assert changes(found) == [change("26.3.0", "2026-03-12", "qa", "amy", "zed")]
    markdown = relrot("--file", path, "diff", base_path, "--today", TODAY, "--format", "markdown")
    assert "| 26.3.0 | Thu 2026-03-12 | QA lead | Amy Ash | zed |" in markdown.stdout
    assert "- @amya: no longer 26.3.0 QA lead" in markdown.stdout
    # A role seat is not a pilot or co-pilot seat: the count of those does not change, and
    # the line says that is all it counts, as Amy did lose a seat.
    assert markdown.stdout.endswith(
        "#### Seats over these releases\n\n"
        "- Amy Ash: no change in pilot and co-pilot seats\n"
        "- zed: no change in pilot and co-pilot seats\n"
    )


def test_a_member_whose_qa_seat_moves_must_consent(
    rotation_file: Callable[..., Path], relrot: Callable[..., Result]
) -> None:
    result = consent(rotation_file, relrot, QA_SWAPPED, "--approved-by", "zedz", base=QA_ROSTER)
    assert result.exit_code == 1, result
    assert result.stderr == "relrot: no consent from @amya, whose seats move: 26.3.0 QA lead\n"
    passed = consent(
        rotation_file, relrot, QA_SWAPPED, "--approved-by", "zedz,amya", base=QA_ROSTER
    )
    assert (passed.exit_code, passed.stderr) == (0, ""), passed


def test_the_consent_window_defaults_to_the_cores_constant() -> None:
    import inspect

    from relrot.cli.ci import ci
    from relrot.cli.diff import diff
    from relrot.diff import CONSENT_DAYS

    for command in (ci, diff):
        default = inspect.signature(command).parameters["consent_days"].default
        assert default == CONSENT_DAYS == 180


TEAM = (Path(__file__).parents[1] / "data" / "portfolio" / "team.yaml").read_text("utf-8")
# noa (now with a login) takes max's co-pilot seat in the manager's 26.5.0; the build tool,
# which takes its crews from the manager, takes that crew too (SPEC 6).
TEAM_BASE = TEAM.replace("{id: noa, name: Noa Brandt}", "{id: noa, name: Noa Brandt, github: noab}")
TEAM_SWAPPED = TEAM_BASE.replace(
    "    jump_seat:\n",
    "    swaps:\n      - {release: 26.5.0, seat: co_pilot, out: max, in: noa}\n    jump_seat:\n",
)
PORTFOLIO_TODAY = "2026-03-01"


def portfolio_diff(
    rotation_file: Callable[..., Path], relrot: Callable[..., Result], *options: str
) -> Result:
    base = rotation_file(TEAM_BASE, "base.yaml")
    current = rotation_file(TEAM_SWAPPED)
    return relrot("--file", current, "diff", base, "--today", PORTFOLIO_TODAY, *options)


def test_every_project_is_compared_without_project(
    rotation_file: Callable[..., Path], relrot: Callable[..., Result]
) -> None:
    result = portfolio_diff(rotation_file, relrot)
    assert result.exit_code == 0, result
    # The manager's swap moves the builder's seat too; the plugin's terms do not move.
    assert result.stdout == (
        "manager 26.5.0 (Mon 2026-05-11)\n"
        "  co-pilot: Max Feld -> Noa Brandt\n"
        "builder 26.5.0 (Tue 2026-05-12)\n"
        "  co-pilot: Max Feld -> Noa Brandt\n"
    )


def test_a_portfolios_json_moves_name_their_project(
    rotation_file: Callable[..., Path], relrot: Callable[..., Result]
) -> None:
    result = portfolio_diff(rotation_file, relrot, "--format", "json")
    moved = {"date": "2026-05-11", "seat": "co_pilot", "before": "max", "after": "noa"}
    assert changes(result) == [
        {"project": "manager", "version": "26.5.0", **moved},
        {"project": "builder", "version": "26.5.0", **moved, "date": "2026-05-12"},
    ]
    assert list(changes(result)[0]) == ["project", "version", "date", "seat", "before", "after"]


def test_a_portfolios_markdown_has_a_project_column_and_counts_across_projects(
    rotation_file: Callable[..., Path], relrot: Callable[..., Result]
) -> None:
    result = portfolio_diff(rotation_file, relrot, "--format", "markdown")
    assert result.exit_code == 0, result
    assert result.stdout == (
        "### Rotation changes\n"
        "\n"
        "| Project | Release | Date | Seat | Before | After |\n"
        "|---|---|---|---|---|---|\n"
        "| manager | 26.5.0 | Mon 2026-05-11 | co-pilot | Max Feld | Noa Brandt |\n"
        "| builder | 26.5.0 | Tue 2026-05-12 | co-pilot | Max Feld | Noa Brandt |\n"
        "\n"
        "#### Who moves\n"
        "\n"
        "- Max Feld: no longer manager 26.5.0 co-pilot, builder 26.5.0 co-pilot\n"
        "- @noab: now manager 26.5.0 co-pilot, builder 26.5.0 co-pilot\n"
        "\n"
        "#### Seats over these releases\n"
        "\n"
        "- Max Feld: -2 seats\n"
        "- Noa Brandt: +2 seats\n"
    )


def test_consent_is_counted_across_a_portfolios_projects(
    rotation_file: Callable[..., Path], relrot: Callable[..., Result]
) -> None:
    # max has no login, so cannot approve; noa's approval covers both projects' seats.
    result = portfolio_diff(rotation_file, relrot, "--approved-by", "noab")
    assert result.exit_code == 1, result
    assert result.stderr == (
        "relrot: no consent from max (no github login on the roster, so no approval can "
        "count), whose seats move: manager 26.5.0 co-pilot, builder 26.5.0 co-pilot\n"
    )
    result = portfolio_diff(rotation_file, relrot, "--approved-by", "someone")
    assert result.exit_code == 1, result
    assert result.stderr.splitlines()[1] == (
        "relrot: no consent from @noab, whose seats move: manager 26.5.0 co-pilot, "
        "builder 26.5.0 co-pilot"
    )
    # With 30 consent days (through 2026-03-31) neither 26.5.0 is near enough to need it.
    result = portfolio_diff(
        rotation_file, relrot, "--approved-by", "someone", "--consent-days", "30"
    )
    assert result.exit_code == 0, result


def test_project_compares_that_project_alone_as_a_one_project_file(
    rotation_file: Callable[..., Path], relrot: Callable[..., Result]
) -> None:
    result = portfolio_diff(rotation_file, relrot, "--project", "builder", "--format", "json")
    assert changes(result) == [change("26.5.0", "2026-05-12", "co_pilot", "max", "noa")]
    result = portfolio_diff(rotation_file, relrot, "--project", "plugin")
    assert result.exit_code == 0, result
    assert result.stdout == "No one moves: the plan is the same.\n"


DATA = Path(__file__).parents[1] / "data" / "portfolio"
ALONE = DATA / "manager-alone.yaml"


def test_a_file_that_gains_projects_is_compared_with_the_project_that_continues_it(
    relrot: Callable[..., Result],
) -> None:
    # team.yaml's manager is manager-alone.yaml planned first in a portfolio, with the same
    # repository: none of its seats moves; the build tool's and the plugin's are new.
    args = ("--file", DATA / "team.yaml", "diff", ALONE, "--today", PORTFOLIO_TODAY)
    result = relrot(*args, "--format", "json")
    assert result.exit_code == 0, result
    changes = json.loads(result.stdout)["changes"]
    assert {c["project"] for c in changes} == {"builder", "plugin"}
    assert all(c["before"] is None for c in changes)


@pytest.mark.parametrize(
    ("about", "heir"),
    [
        ("  repository: Example/Manager\n", "manager"),  # case aside
        ("  name: Build tool\n", "builder"),
        ("  repository: example/elsewhere\n  name: Index plugin\n", "plugin"),
        ("  name: Nobody's\n", None),
    ],
)
def test_the_project_that_continues_a_one_project_file(about: str, heir: str | None) -> None:
    from relrot.diff import continued_by
    from relrot.project import Project

    text = f"project:\n{about}schedule: {{first_release: 2026-01-13}}\nmembers: [{{id: kai}}]\n"
    base = Project.parse(text.encode())
    team = Project.load(DATA / "team.yaml")
    assert continued_by(base, team.projects()) == heir


def test_project_compares_the_project_that_continues_a_one_project_base(
    relrot: Callable[..., Result],
) -> None:
    # As without --project: the manager continues manager-alone.yaml, so nothing moves.
    base = ("diff", str(ALONE), "--today", PORTFOLIO_TODAY)
    for args in (("--project", "manager", *base), (*base, "--project", "manager")):
        result = relrot("--file", DATA / "team.yaml", *args, "--format", "json")
        assert (result.exit_code, json.loads(result.stdout)["changes"]) == (0, []), result
    # The build tool does not continue it: each of its seats is new.
    result = relrot("--file", DATA / "team.yaml", "--project", "builder", *base, "--format", "json")
    changes = json.loads(result.stdout)["changes"]
    assert changes
    assert all(c["before"] is None for c in changes)
