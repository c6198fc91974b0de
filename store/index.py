"""The register index: one small summary per partnership.

`list`, `due` and name lookups read only this file, never the 500
partnership files. It is derived data: written when a summary changes (data
sheet, sign-off, action opened or closed) and never on an answer save, and
`pwiz restore` rebuilds it from the partnership files.
"""

from __future__ import annotations

from tinydb import Query, TinyDB

from store.schedule import next_review_due

TABLE = "partnerships"


def summarise(partnership: dict, signoffs: list[dict], actions: list[dict]) -> dict:
    """A partnership's index entry, from its record, sign-offs (in order) and actions."""
    last = signoffs[-1] if signoffs else None
    last_date = last["signed_at"][:10] if last else None
    interval = partnership.get("review_interval_months")
    return {
        "id": partnership["id"],
        "name": partnership["name"],
        "type": partnership.get("type"),
        "status": partnership.get("status"),
        "significance": partnership.get("significance"),
        "review_interval_months": interval,
        "last_signoff_date": last_date,
        "last_signoff_decision": last["decision"] if last else None,
        "next_review_due": next_review_due(last_date, interval),
        "open_actions": sum(action["status"] == "open" for action in actions),
    }


class IndexFile:
    """The index's TinyDB, inside a transaction."""

    def __init__(self, db: TinyDB):
        self._table = db.table(TABLE)

    def summaries(self) -> list[dict]:
        """Every summary, by name (case-insensitive), then id."""
        return sorted((dict(doc) for doc in self._table.all()), key=lambda s: (s["name"].casefold(), s["id"]))

    def named(self, name: str) -> list[dict]:
        folded = name.casefold()
        return [summary for summary in self.summaries() if summary["name"].casefold() == folded]

    def put(self, summary: dict) -> None:
        self._table.upsert(summary, Query().id == summary["id"])

    def replace_all(self, summaries: list[dict]) -> None:
        self._table.truncate()
        self._table.insert_multiple(summaries)
