"""`relrot issue`: the body of a release's tracking issue."""

from __future__ import annotations

import sys

from relrot.cli.boundary import Session, boundary
from relrot.cli.options import ReleaseArgument


@boundary(clock=False)
def issue(session: Session, version: ReleaseArgument) -> None:
    """Print the body of a release's tracking issue.

    Markdown: the crew with @handles, the timeline as a checklist, who to contact; or the
    team's own template (`project.issue_template`) filled in.
    """
    from relrot.render.issue import for_release

    sys.stdout.write(for_release(session.project, version))
