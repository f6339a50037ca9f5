"""`python -m digest` runs the command line, like build.py."""

import sys

from digest.cli import main

sys.exit(main())
