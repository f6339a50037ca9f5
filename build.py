#!/usr/bin/env python3
"""Entry point: `python build.py [build|check|import|serve|eval] ...` (see README)."""

from digest.cli import run

if __name__ == "__main__":
    run()
