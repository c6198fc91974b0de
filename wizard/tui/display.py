"""How register values read on screen: labels, colours, dates.

Pure functions (no widgets), shared by the screens and tested directly.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text

from wizard.overdue import is_overdue
from wizard.wording import DECISION_LABELS  # noqa: F401 - the screens read the decisions' labels from here

TYPE_LABELS = {
    "informal-collaboration": "Informal collaboration",
    "strategic": "Strategic",
    "statutory-strategic": "Statutory strategic",
    "service-delivery": "Service delivery",
}
SHORT_TYPE_LABELS = {
    "informal-collaboration": "Informal",
    "strategic": "Strategic",
    "statutory-strategic": "Statutory",
    "service-delivery": "Service",
}
STATUS_LABELS = {"proposed": "Proposed", "active": "Active", "under-review": "Under review", "ended": "Ended"}
SHORT_DECISION_LABELS = {
    "approved": "approved",
    "conditional": "conditions",
    "not-approved": "refused",
    "deferred": "deferred",
}
SIGNIFICANCE_STYLES = {"high": "bold red", "medium": "bold yellow", "low": "bold green"}
FOCUS_LABELS = {"strategic": "Strategic", "operational": "Operational"}
BASIS_LABELS = {"statutory": "Statutory", "voluntary": "Voluntary"}
LEVEL_LABELS = {"local": "Local", "force-wide": "Force-wide", "regional": "Regional", "national": "National"}
ASSESSMENT_STATUS = {"draft": "Draft", "complete": "Complete", "signed-off": "Signed off"}


def significance(level: str | None) -> Text:
    """High red, medium amber, low green, none dim."""
    if not level:
        return Text("—", style="dim")
    return Text(level.capitalize(), style=SIGNIFICANCE_STYLES.get(level, ""))


def review_due(due: str | None, today: date, status: str | None = None) -> Text:
    """The next review date; overdue in bold red (not for ended partnerships)."""
    if not due:
        return Text("—", style="dim")
    if is_overdue(due, status, today):
        return Text(f"{due} overdue", style="bold red")
    return Text(due)


def last_signoff(summary: dict[str, Any]) -> Text:
    """'2025-03-31 approved' from a register summary, or a dim dash."""
    when, decision = signoff_parts(summary)
    if not when:
        return Text("—", style="dim")
    return Text(f"{when} {SHORT_DECISION_LABELS.get(decision or '', decision or '')}".strip())


def signoff_parts(summary: dict[str, Any]) -> tuple[str | None, str | None]:
    """(date, decision) of the last sign-off, whichever shape the summary uses."""
    nested = summary.get("last_signoff")
    if isinstance(nested, dict):
        return (nested.get("date") or "")[:10] or None, nested.get("decision")
    return summary.get("last_signoff_date"), summary.get("last_signoff_decision")


def count(number: int | None, style: str = "") -> Text:
    if number is None:
        return Text("…", style="dim")
    if number == 0:
        return Text("0", style="dim")
    return Text(str(number), style=style)


def label(mapping: dict[str, str], value: Any) -> str:
    if value is None or value == "":
        return "—"
    return mapping.get(value, str(value))


def esc(text: str) -> str:
    """Text shown inside markup, with every '[' escaped (names like "[Sample] ...")."""
    return str(text).replace("[", r"\[")
