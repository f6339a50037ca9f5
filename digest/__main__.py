"""`python -m digest` runs the command line, like build.py."""

from digest.cli import run

run()
