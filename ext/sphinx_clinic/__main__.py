"""``python -m sphinx_clinic``: the command line (the logic is in :mod:`sphinx_clinic.cli`)."""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main(prog="python -m sphinx_clinic"))
