"""The pack's evidence: the documents kept with the partnership (store.evidence), listed on
their own page and attached to the PDF byte for byte, each under its evidence id and name.

A pack carries the partnership's own documents and those linked to the assessments it
presents; a document linked to an older, renewed assessment stays in the register. The
record (record.py) lists each one's SHA-256, so `pwiz verify FILE.pdf` can check the
attached copies without the register.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wizard.errors import UserError

if TYPE_CHECKING:
    from store import Register
    from wizard.pdf.pack import PackRenderer

KIND_LABELS = {
    "agreement": "Partnership agreement",
    "isa": "Information sharing agreement",
    "terms-of-reference": "Terms of reference",
    "minutes": "Minutes",
    "insurance": "Insurance",
    "other": "Other document",
}
RECORD_FIELDS = ("id", "sha256", "size", "file_name", "media_type", "kind", "title", "signed", "expires")


def documents(register: Register, pid: str, assessment_ids: set[str]) -> list[tuple[dict, bytes]]:
    """The pack's documents with their bytes, each checked against its SHA-256 (a changed
    stored copy makes no pack: it would present other bytes as the ones attached)."""
    from store.errors import StoreError

    chosen = [
        e for e in register.list_evidence(pid) if e.get("assessment_id") is None or e["assessment_id"] in assessment_ids
    ]
    try:
        return [(record, register.evidence_data(record["id"])) for record in chosen]
    except StoreError as exc:
        raise UserError(f"no pack made: {exc}") from None


def attachment_name(record: dict) -> str:
    """Its name inside the PDF: unique (the evidence id) and recognisable (the name it had)."""
    return f"{record['id']}-{record['file_name']}"


def attachments(docs: list[tuple[dict, bytes]]) -> list[tuple[str, bytes, str, str]]:
    """(name, bytes, media type, description) for wizard.pdf.embed.attach."""
    return [
        (
            attachment_name(record),
            data,
            record["media_type"],
            f"{KIND_LABELS.get(record['kind'], record['kind'])}: {record.get('title') or record['file_name']} "
            f"(SHA-256 {record['sha256']})",
        )
        for record, data in docs
    ]


def in_record(docs: list[tuple[dict, bytes]]) -> list[dict]:
    """What the embedded record says of each attached document."""
    return [
        {field: record.get(field) for field in RECORD_FIELDS} | {"attachment": attachment_name(record)}
        for record, _ in docs
    ]


def evidence(r: PackRenderer) -> list:
    """One table per document: what it is, its dates, its size and SHA-256, and what it supports."""
    from reportlab.lib.units import mm  # here: the record (record.py) is read without reportlab
    from reportlab.platypus import PageBreak, Paragraph

    s = r.s
    docs = r.data.documents
    story: list = [r.heading("Evidence", "evidence")]
    if not docs:
        story += [
            Paragraph(
                "No document (agreement, information sharing agreement, terms of reference, minutes, insurance) "
                "is attached to this partnership. Attach one with <b>pwiz evidence add</b>.",
                s["Body"],
            ),
            PageBreak(),
        ]
        return story
    story.append(
        Paragraph(
            f"{len(docs)} document{'s are' if len(docs) > 1 else ' is'} attached to this PDF, each exactly as kept in "
            "the register: open the PDF's attachments to read them. The SHA-256 identifies each one; a sign-off "
            "covers the SHA-256 of every document linked to the assessment it signs.",
            s["Body"],
        )
    )
    titles = {a.id: a.definition.title for a in r.data.assessed}
    for record, _ in docs:
        story.append(r.p(record.get("title") or record["file_name"], "H3"))
        rows = [
            ("Kind", KIND_LABELS.get(record["kind"], record["kind"])),
            ("Signed", record.get("signed") or "not recorded"),
            ("Expires", record.get("expires") or "no expiry recorded"),
            ("File", f"{record['file_name']} ({record['media_type']})"),
            ("Size", f"{record['size']:,} bytes"),
            ("SHA-256", record["sha256"]),
            ("Supports", _supports(record, titles)),
            ("Attached as", attachment_name(record)),
        ]
        story.append(
            r.table(
                [[Paragraph(k, s["CellBold"]), r.cell(v, "Digest" if k == "SHA-256" else "Cell")] for k, v in rows],
                [35 * mm, r.width - 35 * mm],
                header=False,
                split_rows=False,
            )
        )
    story.append(PageBreak())
    return story


def _supports(record: dict, titles: dict[str, str]) -> str:
    aid = record.get("assessment_id")
    if aid is None:
        return "the partnership as a whole"
    question = f", question {record['question_id']}" if record.get("question_id") else ""
    return f"{titles.get(aid, 'assessment')} ({aid}{question})"
