"""Who last signed off and who last approved, per register: offered as the next dialog's starting values.

The approver's name, role and the people consulted are usually the same
from one sign-off to the next; typing them again for every questionnaire is
how names get mangled. They are the user's convenience, not part of the
record, so they live in the user's state folder (as the wizard's positions
do), one map per register, and losing them costs nothing: the fields then
start empty.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import platformdirs

from wizard.output import write_whole

KINDS = ("sign-off", "approval")


def _file() -> Path:
    return platformdirs.user_state_path("pwiz") / "decision-makers.json"


def _read() -> dict[str, Any]:
    try:
        data = json.loads(_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load(register_root: Path, kind: str) -> dict[str, Any]:
    """{by, role, consulted} last used for a `kind` of decision in this register; {} when none."""
    mine = _read().get(str(Path(register_root).absolute()), {})
    last = mine.get(kind) if isinstance(mine, dict) else None
    if not isinstance(last, dict):
        return {}
    consulted = last.get("consulted")
    return {
        "by": str(last.get("by") or ""),
        "role": str(last.get("role") or ""),
        "consulted": [str(c) for c in consulted] if isinstance(consulted, list) else [],
    }


def save(register_root: Path, kind: str, by: str, role: str, consulted: list[str]) -> None:
    """Keep these for the next `kind` of decision in this register; a failure to write is ignored."""
    every = _read()
    key = str(Path(register_root).absolute())
    mine = every.get(key)
    mine = mine if isinstance(mine, dict) else {}
    every[key] = {**mine, kind: {"by": by, "role": role, "consulted": list(consulted)}}
    path = _file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_whole(path, json.dumps(every).encode("utf-8"))
    except OSError:
        pass
