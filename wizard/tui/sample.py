"""Load the sample register (sample_register.yaml) through Governance.

Every answer is validated by the engine on the way in, so the sample obeys
the same rules as real entries. Names start with "[Sample]".
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from importlib import resources
from typing import Any

import yaml

from wizard.errors import UserError
from wizard.service import Governance

SAMPLE_FILE = "sample_register.yaml"
SAMPLE_PREFIX = "[Sample]"


def sample_data() -> dict[str, Any]:
    text = resources.files("wizard.tui").joinpath(SAMPLE_FILE).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def load_sample_register(governance: Governance, today: date | None = None) -> list[dict[str, Any]]:
    """Add the sample partnerships not already in the register; returns those added.

    `{days_ago: N}` dates count back from `today` (default: the real today).
    """
    today = today or date.today()
    present = {s["name"].casefold() for s in governance.partnerships()}
    entries = [e for e in sample_data()["partnerships"] if e["name"].casefold() not in present]
    if not entries:
        raise UserError("the sample register is already loaded")
    added = []
    for entry in entries:
        assert entry["name"].startswith(SAMPLE_PREFIX), entry["name"]
        partnership = governance.add_partnership(entry["name"], **entry.get("fields", {}))
        for item in entry.get("assessments", []):
            _assess(governance, partnership["id"], item, today)
        for action in entry.get("actions", []):
            governance.add_action(partnership["id"], **{**action, "due": _day(action.get("due"), today)})
        for risk in entry.get("risks", []):
            governance.add_risk(partnership["id"], **risk)
        added.append(partnership)
    return added


def _day(value: Any, today: date) -> date | None:
    """A date from the sample file: ISO text, a date, or {days_ago: N}."""
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, dict):
        return today - timedelta(days=int(value["days_ago"]))
    return date.fromisoformat(str(value))


def _assess(governance: Governance, pid: str, item: dict[str, Any], today: date) -> None:
    assessment = governance.open_assessment(pid, item["questionnaire"])
    governance.answer_many(assessment["id"], item.get("answers", {}))
    if item.get("complete") or item.get("sign_off"):
        governance.complete(assessment["id"])
    if item.get("sign_off"):
        fields = dict(item["sign_off"])
        day = _day(fields.pop("signed_at", None), today)
        if day is not None:
            fields["signed_at"] = datetime(day.year, day.month, day.day, 10, 0)
        governance.sign_off(assessment["id"], **fields)
