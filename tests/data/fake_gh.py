"""A stand-in for `gh` in tests: records each call and plays GitHub's comment and review API
and its issues (`gh issue list`, `create`, `edit`).

Its state is a folder named by FAKE_GH_DIR: calls.jsonl (every argument list, in order),
comments.json, reviews.json and issues.json (what the API holds), a file `fail` that makes
every call fail as a read-only token does, and a file `fail-on` naming a subcommand
(`create`, `edit`) that fails only that one. `--repo OWNER/NAME` picks a repository as gh
does (else GH_REPO): issues belong to the repository their `url` names, and each
repository numbers its own.
"""

import json
import os
import sys
from pathlib import Path

state = Path(os.environ["FAKE_GH_DIR"])
args = sys.argv[1:]
with (state / "calls.jsonl").open("a", encoding="utf-8") as log:
    log.write(json.dumps(args) + "\n")
failing = state / "fail-on"
if (state / "fail").exists() or (
    failing.exists() and args[1:2] == [failing.read_text(encoding="utf-8").strip()]
):
    sys.stderr.write("HTTP 403: Resource not accessible by integration\n")
    sys.exit(1)


def stored(name: str) -> list:
    path = state / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def option(name: str) -> str | None:
    return args[args.index(name) + 1] if name in args else None


def logins(value: str | None) -> list[str]:
    return [login for login in (value or "").split(",") if login]


def in_repo(issue: dict, repo: str) -> bool:
    """Whether the issue is the repository's; one with no address is every repository's."""
    url = issue.get("url") or ""
    return "/issues/" not in url or url.split("/issues/")[0].endswith("/" + repo)


def issues_command() -> None:
    """`gh issue list|create|edit` as GitHub answers them, on issues.json."""
    issues = stored("issues.json")
    repo = option("--repo") or os.environ.get("GH_REPO", "widgets/widgets")
    if args[1] == "list":
        fields = option("--json").split(",")
        listed = [issue for issue in issues if in_repo(issue, repo)]
        print(json.dumps([{k: issue.get(k) for k in fields} for issue in listed]))
        return
    if args[1] == "create":
        held = [issue["number"] for issue in issues if in_repo(issue, repo)]
        number = 1 + max(held, default=0)
        issue = {"number": number, "title": option("--title"), "body": "", "state": "OPEN"}
        issue.update(url=f"https://github.com/{repo}/issues/{number}", assignees=[])
        issues.append(issue)
        added, removed = logins(option("--assignee")), []
    else:
        issue = next(i for i in issues if i["number"] == int(args[2]) and in_repo(i, repo))
        added, removed = logins(option("--add-assignee")), logins(option("--remove-assignee"))
    if option("--body-file"):
        issue["body"] = Path(option("--body-file")).read_bytes().decode("utf-8")
    held = [a["login"] for a in issue["assignees"] if a["login"] not in removed]
    issue["assignees"] = [{"login": login} for login in dict.fromkeys([*held, *added])]
    (state / "issues.json").write_text(json.dumps(issues), encoding="utf-8")
    print(issue["url"])


if args[0] == "issue":
    issues_command()
    sys.exit(0)

method = option("--method") or "GET"
path = next(a for a in args[1:] if a.startswith("repos/"))
comments = stored("comments.json")
if path.endswith("/reviews"):
    print(json.dumps(stored("reviews.json")))
elif method == "GET" and path.endswith("/comments"):
    # Two pages, as `gh api --paginate` prints them: arrays back to back.
    half = len(comments) // 2
    print(json.dumps(comments[:half]) + json.dumps(comments[half:]))
elif method in {"POST", "PATCH"}:
    body = json.loads(Path(option("--input")).read_text(encoding="utf-8"))["body"]
    if method == "POST":
        comment = {
            "id": 1000 + len(comments),
            "body": body,
            "user": {"login": "github-actions[bot]", "type": "Bot"},
        }
        comments.append(comment)
    else:
        wanted = int(path.rsplit("/", 1)[1])
        comment = next(c for c in comments if c["id"] == wanted)
        comment["body"] = body
    (state / "comments.json").write_text(json.dumps(comments), encoding="utf-8")
    print(json.dumps(comment))
else:
    sys.stderr.write(f"fake gh: no answer for {args}\n")
    sys.exit(2)
