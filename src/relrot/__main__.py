"""`python -m relrot`."""

from relrot.cli import main

main()
