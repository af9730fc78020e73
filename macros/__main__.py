"""Command-line steps of the macros package, runnable after any engine's build (issue 25).

    python -m macros check-links site/     # every local link and anchor in the built site (macros/link_check.py)
"""
from __future__ import annotations

import sys

from .link_check import main as check_links

COMMANDS = {"check-links": check_links}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(f"usage: python -m macros {{{','.join(COMMANDS)}}} ...", file=sys.stderr)
        sys.exit(2)
    sys.exit(COMMANDS[sys.argv[1]](sys.argv[2:]))
