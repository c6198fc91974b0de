"""The wizard's own small files in the user's state folder, one map per register.

What it remembers between runs that is not part of the record (where each
assessment was left, who last signed off) lives here, in
platformdirs' state folder and never in the register. Losing a file costs
nothing, so an unreadable one reads as empty and a failed write is ignored.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import platformdirs

from wizard.output import write_whole


def _file(name: str) -> Path:
    return platformdirs.user_state_path("pwiz") / name


def _read(name: str) -> dict[str, Any]:
    try:
        data = json.loads(_file(name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _key(register_root: Path) -> str:
    return str(Path(register_root).absolute())


def mine(name: str, register_root: Path) -> dict[str, Any]:
    """This register's map in the state file `name`; {} when there is none."""
    found = _read(name).get(_key(register_root))
    return found if isinstance(found, dict) else {}


def keep(name: str, register_root: Path, values: dict[str, Any]) -> None:
    """Make `values` this register's map in `name` (other registers' untouched)."""
    every = _read(name)
    every[_key(register_root)] = values
    path = _file(name)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_whole(path, json.dumps(every).encode("utf-8"))
    except OSError:
        pass
