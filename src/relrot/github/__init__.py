"""relrot in a GitHub Actions job, in three parts that know nothing of the command line:
`event` reads what the job runs for, `pull_request` examines what the pull request does to
the rotation file (a frozen `Report`), and `gh` is the one place that runs `gh`. The report's
wording is `relrot.render.ci_report`'s; printing and exiting are `relrot ci`'s.
"""
