"""`relrot schema`: the JSON Schema of the rotation file."""

from __future__ import annotations

import sys


def schema() -> None:
    """Print the JSON Schema of the rotation file.

    For editors (yaml-language-server) and other tools.
    """
    from relrot.schema import json_schema

    sys.stdout.write(json_schema())
