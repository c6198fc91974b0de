"""Who last signed off and who last approved, per register: offered as the next dialog's starting values.

The approver's name, role and the people consulted are usually the same
from one sign-off to the next; typing them again for every questionnaire is
how names get mangled. They are the user's convenience, not part of the
record, so they live in the user's state folder (as the wizard's positions
do), one map per register, and losing them costs nothing: the fields then
start empty.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wizard import user_state

KINDS = ("sign-off", "approval")
FILE = "decision-makers.json"


def load(register_root: Path, kind: str) -> dict[str, Any]:
    """{by, role, consulted} last used for a `kind` of decision in this register; {} when none."""
    last = user_state.mine(FILE, register_root).get(kind)
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
    earlier = user_state.mine(FILE, register_root)
    user_state.keep(FILE, register_root, {**earlier, kind: {"by": by, "role": role, "consulted": list(consulted)}})
