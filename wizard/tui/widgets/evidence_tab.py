"""A partnership's evidence: the documents kept with it (store.evidence), an expiry past in red.

Each row says what the document is, when it was signed and expires, its size
and what it supports (the partnership, or an assessment: its questionnaire
when it is the current one); `a` on this tab attaches another (AttachEvidenceScreen).
"""

from __future__ import annotations

from textual import getters
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static, TabPane

from wizard.tui.app import PwizApp
from wizard.tui.display import esc as escape
from wizard.tui.errors import SHOWN_ERRORS

# The short columns first: a long title must not push the dates off an 80-column screen.
COLUMNS = (
    ("kind", "Kind"),
    ("signed", "Signed"),
    ("expires", "Expires"),
    ("size", "Size"),
    ("supports", "Supports"),
    ("title", "Document"),
)


class EvidenceTab(TabPane):
    """The evidence tab of one partnership (`show` fills it)."""

    app = getters.app(PwizApp)

    def __init__(self, title: str, partnership_id: str, *, id: str | None = None) -> None:
        super().__init__(title, id=id)
        self.pid = partnership_id

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("", classes="table-title", id="evidence-title")
            yield DataTable(id="evidence-table", cursor_type="row")

    def show(self) -> None:
        """Fill the table from the register."""
        table = self.query_one("#evidence-table", DataTable)
        if not table.columns:
            for key, label in COLUMNS:
                table.add_column(label, key=key)
        table.clear()
        try:
            documents = self.app.governance.evidence(self.pid)
            current = self.app.governance.current_assessments(self.pid)
        except SHOWN_ERRORS as exc:
            self.app.report(exc)
            return
        today = self.app.today.isoformat()
        questionnaire_of = {assessment["id"]: qid for qid, assessment in current.items()}
        for record in documents:
            aid = record.get("assessment_id")
            expires = record.get("expires") or "—"
            table.add_row(
                escape(record["kind"]),
                record.get("signed") or "—",
                f"[red]{expires}[/]" if expires != "—" and expires < today else expires,
                _size(record["size"]),
                escape(questionnaire_of.get(aid, aid) if aid else "partnership"),
                escape(record.get("title") or record["file_name"]),
                key=record["id"],
            )
        count = f"{len(documents)} document(s)" if documents else "No documents yet"
        self.query_one("#evidence-title", Static).update(
            f"[b]Evidence[/b]  [dim]{count}: a attaches an agreement, ISA, terms of reference, minutes or insurance[/]"
        )


def _size(size: int) -> str:
    if size < 1000:
        return f"{size} B"
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{size // 1000} kB"
