"""pwiz's bytecode, written as installing it writes it.

An editable checkout run with PYTHONDONTWRITEBYTECODE (this machine and its CI
set it) would compile every pwiz module again in every `pwiz` process the tests
and benchmarks start, while the libraries were compiled when pip installed them:
a cost no user pays. Python still reads bytecode that exists when that is set.
"""

from __future__ import annotations

import compileall
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def compile_pwiz() -> None:
    for package in ("wizard", "store", "questionnaires"):
        compileall.compile_dir(ROOT / package, quiet=1)
