"""Where each assessment was left, kept between runs of the wizard.

Reopening an assessment lands on the question last shown, even after a
quit, a closed terminal or a SIGTERM: "come back to exactly where you were".
This is the user's own place, not part of the record, so it lives in the
user's state folder (platformdirs), one map per register, and never in the
register. Losing it costs nothing: the wizard then opens on the first
question still needing an answer.
"""

from __future__ import annotations

from pathlib import Path

from wizard import user_state

FILE = "positions.json"


def load(register_root: Path) -> dict[str, str]:
    """Assessment id -> question id last shown, for the register at `register_root`."""
    return {str(k): str(v) for k, v in user_state.mine(FILE, register_root).items()}


def save(register_root: Path, positions: dict[str, str]) -> None:
    """Keep `positions` for this register (others' untouched); a failure to write is ignored."""
    user_state.keep(FILE, register_root, dict(positions))
