"""`python -m benchmarks`: the register's figures (benchmarks/store_bench.py).

The PDF and TUI figures have their own entry points:
`python -m benchmarks.pdf_bench` and `python -m benchmarks.tui_bench`.
"""

import sys

from benchmarks.store_bench import main

sys.exit(main())
