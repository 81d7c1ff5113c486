"""The team's own issue template (`project.issue_template`, SPEC 5.4), read from inside the
rotation file's repository: the file names it, so it may not lead relrot anywhere else."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from relrot.problems import RelrotError, UsageError

if TYPE_CHECKING:
    from relrot.project import Project


def read_template(project: Project) -> tuple[str, str] | None:
    """The template's text and path, or None when the file names no template."""
    from relrot.yamlfile.read import decode, inside, read_source, repository_of

    template = project.model.project.issue_template
    if template is None:
        return None
    if Path(template).is_absolute():
        raise UsageError(
            f"`project.issue_template` {template!a} is an absolute path; name the template "
            f"relative to {project.path}, inside its repository",
            file=project.path,
        )
    root = repository_of(project.path)
    path = str(Path(project.path).parent / template)
    inside(path, root)
    if not Path(path).exists():
        raise UsageError(
            f"{path}: no such file; `project.issue_template` names it, relative to {project.path}",
            file=project.path,
        )
    text, problem = decode(read_source(path, within=root), path)
    if problem is not None:
        raise RelrotError([problem])
    return text, path
