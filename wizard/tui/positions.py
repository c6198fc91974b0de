"""Where each assessment was left, kept between runs of the wizard.

Reopening an assessment lands on the question last shown, even after a
quit, a closed terminal or a SIGTERM: "come back to exactly where you were".
This is the user's own place, not part of the record, so it lives in the
user's state folder (platformdirs), one map per register, and never in the
register. Losing it costs nothing: the wizard then opens on the first
question still needing an answer.
"""

from __future__ import annotations

import json
from pathlib import Path

import platformdirs

from wizard.output import write_whole


def _file() -> Path:
    return platformdirs.user_state_path("pwiz") / "positions.json"


def _read() -> dict[str, dict[str, str]]:
    try:
        data = json.loads(_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load(register_root: Path) -> dict[str, str]:
    """Assessment id -> question id last shown, for the register at `register_root`."""
    mine = _read().get(str(Path(register_root).absolute()))
    return {str(k): str(v) for k, v in mine.items()} if isinstance(mine, dict) else {}


def save(register_root: Path, positions: dict[str, str]) -> None:
    """Keep `positions` for this register (others' untouched); a failure to write is ignored."""
    every = _read()
    every[str(Path(register_root).absolute())] = dict(positions)
    path = _file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_whole(path, json.dumps(every).encode("utf-8"))
    except OSError:
        pass
