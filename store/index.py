"""The register index: one small summary per partnership.

`list`, `due` and name lookups read only this file, never the 500
partnership files. It is derived data: written when a summary changes (data
sheet, sign-off, action opened or closed) and never on an answer save, and
`pwiz restore` rebuilds it from the partnership files.

It also anchors each partnership's chains outside its file: how many
sign-offs and approvals it has and the digest of the newest of each
(`ANCHOR_FIELDS`), so that removing the newest sign-off from the file, and
setting its assessment back, is seen (`anchor_problem`). Entries written
before the anchor was kept lack these fields.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from store.schedule import current_expiries, next_review_due

if TYPE_CHECKING:  # the summaries are read (store.reading) without TinyDB; only IndexFile writes through it
    from tinydb import TinyDB

TABLE = "partnerships"
SUMMARY_FIELDS = frozenset(
    {
        "id",
        "name",
        "type",
        "status",
        "significance",
        "review_interval_months",
        "last_signoff_date",
        "last_signoff_decision",
        "next_review_due",
        "open_actions",
    }
)


ANCHOR_FIELDS = ("signoffs", "signoff_head", "approvals", "approval_head")


def summarise(
    partnership: dict,
    signoffs: list[dict],
    actions: list[dict],
    approvals: list[dict],
    risks: Sequence[dict] = (),
    evidence: Sequence[dict] = (),
) -> dict:
    """A partnership's index entry, from its record, sign-offs and approvals (in order), actions and
    risks. The earliest due date of its open actions, review date of its risks not closed and
    expiry of its documents (store.schedule.current_expiries) let `due` open only the files of
    partnerships with something due."""
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
        "signoffs": len(signoffs),
        "signoff_head": last["digest"] if last else None,
        "approvals": len(approvals),
        "approval_head": approvals[-1]["digest"] if approvals else None,
    } | _earliest(
        next_action_due=[a.get("due") for a in actions if a["status"] == "open"],
        next_risk_review=[r.get("review_due") for r in risks if r.get("status", "open") != "closed"],
        next_evidence_expiry=[e["expires"] for e in current_expiries(list(evidence))],
    )


def _earliest(**dates: list[str | None]) -> dict[str, str]:
    """Each earliest date, kept only when there is one: the entry of a partnership with no
    dated action or risk stays as it was before these were kept (and `verify` agrees)."""
    return {name: min(found) for name, given in dates.items() if (found := [d for d in given if d])}


def anchor_problem(indexed: dict, signoffs: list[dict], approvals: list[dict]) -> str | None:
    """What the index's anchor says is missing from a partnership's file (one phrase), or None."""
    for kind, records, count, head in (
        ("sign-off", signoffs, "signoffs", "signoff_head"),
        ("approval", approvals, "approvals", "approval_head"),
    ):
        if count not in indexed:
            continue  # an entry written before the anchor was kept
        digests = {record.get("digest") for record in records}
        if len(records) < indexed[count] or (indexed[head] is not None and indexed[head] not in digests):
            return (
                f"the index recorded {indexed[count]} {kind}(s), the newest with digest {str(indexed[head])[:16]}…, "
                f"but its file holds {len(records)}{' without that one' if indexed[head] not in digests else ''}: "
                f"{kind}s were removed, or the file was put back from an older copy"
            )
    return None


def index_problem(tables: dict[str, dict]) -> str | None:
    """What makes parsed index tables unusable (one line), or None: every entry
    needs the summary's fields, its id and name as text. Cheap: read at every start."""
    for key, summary in (tables.get(TABLE) or {}).items():
        if not summary.keys() >= SUMMARY_FIELDS:
            lacking = SUMMARY_FIELDS - summary.keys()
            return f"index entry {key} lacks {', '.join(repr(name) for name in sorted(lacking))}"
        if type(summary["id"]) is not str or type(summary["name"]) is not str:  # as parsed from JSON: exact types
            return f"index entry {key}: its id and name must be text"
    return None


def by_name(tables: dict[str, dict] | None) -> list[dict]:
    """The summaries in parsed index tables, by name (case-insensitive), then id."""
    stored = (tables or {}).get(TABLE) or {}
    return sorted(stored.values(), key=lambda s: (s["name"].casefold(), s["id"]))


class IndexFile:
    """The index's TinyDB, inside a transaction."""

    def __init__(self, db: TinyDB):
        self._db = db
        self._table = db.table(TABLE)

    def summaries(self) -> list[dict]:
        """Every summary, by name (case-insensitive), then id.

        Read from the storage's tables as loaded (TinyDB's public `Storage.read`), not through
        `Table.all()`, which wraps each of 5,000 summaries in a Document first: a fifth of the
        wizard's start-up at that size. Not copied: the storage lives only as long as its transaction."""
        return by_name(self._db.storage.read())

    def named(self, name: str) -> list[dict]:
        folded = name.casefold()
        return [summary for summary in self.summaries() if summary["name"].casefold() == folded]

    def put(self, summary: dict) -> None:
        """Add or replace a summary; an unchanged one is not rewritten (the index is a few MB at 5,000)."""
        from tinydb import where  # loaded by the transaction already: the read side goes without it

        stored = self._table.get(where("id") == summary["id"])
        if stored == summary:
            return
        if stored is not None and stored.keys() - summary.keys():  # upsert merges: a field no longer kept stays
            self._table.remove(where("id") == summary["id"])
        self._table.upsert(summary, where("id") == summary["id"])

    def replace_all(self, summaries: list[dict]) -> None:
        self._table.truncate()
        self._table.insert_multiple(summaries)
