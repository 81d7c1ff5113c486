"""A stand-in for `gh` in tests: records each call and plays GitHub's comment and review API.

Its state is a folder named by FAKE_GH_DIR: calls.jsonl (every argument list, in order),
comments.json and reviews.json (what the API holds), and a file `fail` that makes every
call fail as a read-only token does.
"""

import json
import os
import sys
from pathlib import Path

state = Path(os.environ["FAKE_GH_DIR"])
args = sys.argv[1:]
with (state / "calls.jsonl").open("a", encoding="utf-8") as log:
    log.write(json.dumps(args) + "\n")
if (state / "fail").exists():
    sys.stderr.write("HTTP 403: Resource not accessible by integration\n")
    sys.exit(1)


def stored(name: str) -> list:
    path = state / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def option(name: str) -> str | None:
    return args[args.index(name) + 1] if name in args else None


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
