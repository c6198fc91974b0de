"""The register table's columns and cells: what each row says, and how it sorts.

Kept apart from the widget so the drawing code deals only in lines.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from rich.text import Text

from wizard.tui import display


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int  # including the one-space gap after it; 0 for the name, which takes what is left
    sort_key: Callable[[dict[str, Any]], Any]


SIGNIFICANCE_RANK = {"high": 0, "medium": 1, "low": 2, None: 3}
STATUS_RANK = {"under-review": 0, "proposed": 1, "active": 2, "ended": 3}
SORTS = ("name", "significance", "review", "actions", "flags", "status", "type", "signoff")


def columns(wide: bool) -> list[Column]:
    """The columns at this width (wide from 120 cells: longer labels and dates)."""
    return [
        Column("name", "Name", 0, lambda s: s["name"].casefold()),
        Column("type", "Type", 23 if wide else 10, lambda s: display.label(display.TYPE_LABELS, s.get("type"))),
        Column(
            "significance",
            "Signif." if wide else "Sig.",
            8 if wide else 7,
            lambda s: SIGNIFICANCE_RANK.get(s.get("significance") or "", 3),
        ),
        Column("status", "Status", 13 if wide else 9, lambda s: STATUS_RANK.get(s.get("status") or "", 9)),
        Column(
            "signoff",
            "Last sign-off" if wide else "Signed",
            22 if wide else 11,
            lambda s: display.signoff_parts(s)[0] or "",
        ),
        Column("review", "Next review", 19 if wide else 12, lambda s: s.get("next_review_due") or "9999"),
        Column("actions", "Actions" if wide else "Act", 8 if wide else 4, lambda s: -(s.get("open_actions") or 0)),
        Column("flags", "Flags" if wide else "Flg", 5 if wide else 3, lambda s: -(s.get("flags") or 0)),
    ]


def matches(summary: dict[str, Any], words: list[str]) -> bool:
    """Every word appears in the name, type, status, significance or id."""
    haystack = " ".join(
        str(part)
        for part in (
            summary["name"],
            display.label(display.TYPE_LABELS, summary.get("type")),
            display.label(display.STATUS_LABELS, summary.get("status")),
            summary.get("significance") or "",
            summary["id"],
        )
    ).casefold()
    return all(word in haystack for word in words)


def cells(s: dict[str, Any], flags: int | None, today: date, widths: list[int], wide: bool) -> list[Text]:
    """One row's cells, each cut (with an ellipsis) to leave a one-space gap before the next."""
    labels = display.TYPE_LABELS if wide else display.SHORT_TYPE_LABELS
    when, decision = display.signoff_parts(s)
    if when and wide:
        signoff = Text(f"{when} {display.SHORT_DECISION_LABELS.get(decision or '', decision or '')}")
    else:
        signoff = Text(when) if when else Text("—", style="dim")
    due = s.get("next_review_due")
    review = display.review_due(due, today, s.get("status"))
    if not wide and due and review.style:
        review = Text(f"{due}!", style=review.style)
    status_labels = display.STATUS_LABELS if wide else {**display.STATUS_LABELS, "under-review": "Review"}
    row = [
        Text(" " + s["name"], style="italic" if s["name"].startswith("[Sample]") else ""),
        Text(display.label(labels, s.get("type"))),
        display.significance(s.get("significance")),
        Text(display.label(status_labels, s.get("status"))),
        signoff,
        review,
        _actions(s, today),
        display.count(flags, "bold yellow"),
    ]
    for text, width in zip(row, widths):
        text.truncate(max(1, width - 1), overflow="ellipsis")
    return row


def _actions(s: dict[str, Any], today: date) -> Text:
    """The open actions; with a "!" and in red when one is past its due date (the index keeps the earliest)."""
    due = s.get("next_action_due")
    if s.get("open_actions") and due and due < today.isoformat():
        return Text(f"{s['open_actions']}!", style="bold red")
    return display.count(s.get("open_actions") or 0, "bold")
