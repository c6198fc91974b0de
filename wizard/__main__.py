"""`python -m wizard` runs the same CLI as the `pwiz` script."""

from wizard.cli import main

main()
