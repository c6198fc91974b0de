"""The register: the one API the CLI, the engine and the TUI use.

A `Register` holds no data between calls: every read opens the file it
needs, every write locks, re-reads, changes and atomically rewrites one
partnership file (and the index after it when a summary changed). Methods
that take a partnership accept its id or its exact name (any case).
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import platformdirs

from store import assessments as rules
from store import clock, evidence, files, ids, verification
from store.approvals import covered, new_approval
from store.associations import Associations, file_problem
from store.derived import DerivedData, Versions
from store.errors import NotFoundError, StoreError
from store.index import ANCHOR_FIELDS, SUMMARY_FIELDS, IndexFile, anchor_problem
from store.layout import Layout
from store.partnership_file import PartnershipFile
from store.reading import parse_tables, read_summaries
from store.records import (
    CLOSED,
    DATASHEET_FIELDS,
    ActionFields,
    DataSheet,
    RiskFields,
    SignoffFields,
    name_problem,
    read_sheet,
    scores,
    validated,
)
from store.restore import (
    RestoreReport,
    known_partnerships,
    restore_file,
    restore_partnership_files,
    set_damaged_index_aside,
)
from store.schedule import due_reviews, next_risk_review
from store.signoffs import new_signoff
from store.storage import commit, transaction

# Given a partnership's open actions and its risks, the action and risk fields a sign-off adds.
Raises = Callable[[list[dict], list[dict]], tuple[list[dict], list[dict]]]


@dataclass
class VerifyReport:
    """Problems found (one line each) and how many partnerships, sign-offs and approvals were checked."""

    problems: list[str] = field(default_factory=list)
    partnerships: int = 0
    signoffs: int = 0
    approvals: int = 0
    documents: int = 0  # stored evidence files rehashed (store.evidence)


def default_register_path() -> Path:
    """The register in the user data directory (e.g. ~/.local/share/pwiz/register)."""
    return platformdirs.user_data_path("pwiz") / "register"


class Register:
    """A register folder (see store.layout); created on the first write."""

    keeps_history = False  # no audit trail of who changed what (`history`): files cannot say who wrote them

    def __init__(self, root: Path):
        self.root = root
        self._layout = Layout(root)

    @classmethod
    def open(cls, path: Path | None = None) -> Register:
        """The register at `path` (a folder), or the default one. Creates nothing."""
        root = default_register_path() if path is None else Path(path).expanduser().absolute()
        if root.exists() and not root.is_dir():
            raise StoreError(f"{root} is a file, but a register is a folder: give the path of a folder")
        return cls(root)

    # --- partnerships ---------------------------------------------------

    def add_partnership(self, name: str, **fields: Any) -> dict:
        """Add a partnership from its data sheet; names are unique (any case)."""
        sheet = validated(DataSheet, "partnership", {"name": name, **fields})
        pid = ids.new_partnership_id(self.exists)
        now = clock.now()
        record = {"id": pid, **sheet, "created_at": now, "updated_at": now}
        with self._write_with_index(pid) as (file, index):
            if file.exists:
                raise StoreError(f"partnership id {pid} was taken at the same moment; nothing was changed: try again")
            _ensure_name_free(index, record["name"])
            file.put("partnership", record)
        return record

    def list_partnerships(self) -> list[dict]:
        """Every partnership's summary from the index, by name."""
        return read_summaries(self._layout)

    def get_partnership(self, pid: str) -> dict:
        with self._read(self.resolve_partnership(pid)) as file:
            return read_sheet(file.record())

    def update_partnership(self, pid: str, **fields: Any) -> dict:
        """Change data-sheet fields (also `significance`, `review_interval_months`)."""
        pid = self.resolve_partnership(pid)
        with self._write_with_index(pid) as (file, index):
            return _put_sheet(file, index, fields, clock.now())

    def resolve_partnership(self, id_or_name: str) -> str:
        """The id of the partnership with this id, or with this name (any case)."""
        text = id_or_name.strip()
        if ids.is_partnership_id(text.lower()) and self.exists(text.lower()):
            return text.lower()
        summaries = self.list_partnerships()
        for lost in (
            s for s in summaries if s.get("lost") and text.casefold() in (s["id"], s["name"].strip().casefold())
        ):
            raise NotFoundError(self._lost_line(lost["id"], lost))
        matches = [s["id"] for s in summaries if s["name"].strip().casefold() == text.casefold()]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise NotFoundError(f"no partnership with id or name {id_or_name!r} in {self.where}")
        raise StoreError(f"{len(matches)} partnerships are named {id_or_name!r} ({', '.join(matches)}): use the id")

    @property
    def where(self) -> str:
        """The register as messages name it ("the register FOLDER", "the shared register URL")."""
        return f"the register {self.root}"

    def present(self) -> bool:
        """Whether there is a register here at all (a folder is created by its first write)."""
        return self.root.exists()

    def whoami(self) -> dict:
        """Who is using the register: {login, display_name, role, shared}. A folder knows only the
        operating system's user and has no roles (store.postgres.roles has the shared register's)."""
        try:
            login = getpass.getuser()
        except (OSError, KeyError):  # no user name in the environment or the password database
            login = "unknown"
        return {"login": login, "display_name": login, "role": None, "shared": False}

    def exists(self, pid: str) -> bool:
        """Whether a partnership with this id is in the register."""
        return self._layout.partnership(pid).exists()

    # --- assessments ----------------------------------------------------

    def start_assessment(
        self,
        pid: str,
        questionnaire_id: str,
        version: int,
        renews: str | None = None,
        carried: dict[str, dict] | None = None,
    ) -> dict:
        """A new draft; `renews` is the assessment (of the same partnership) it
        reviews, and `carried` ({qid: {"value", "note", "action", "answered_at"}})
        the answers copied from it, marked as carried until confirmed."""
        pid = self.resolve_partnership(pid)
        if not isinstance(questionnaire_id, str) or not questionnaire_id.strip():
            raise StoreError(f"a questionnaire id is needed, not {questionnaire_id!r}")
        with self._write(pid) as file:
            file.record()
            if renews is not None:
                file.get("assessments", renews)
            aid = ids.new_child_id(pid, "assessment", lambda candidate: file.has("assessments", candidate))
            record = rules.new_assessment(aid, pid, questionnaire_id, version, renews, clock.now(), carried)
            file.put("assessments", record)
        return record

    def get_assessment(self, aid: str) -> dict:
        with self._read(ids.partnership_of(aid, "assessment")) as file:
            return file.get("assessments", aid)

    def list_assessments(self, pid: str) -> list[dict]:
        """A partnership's assessments, oldest first."""
        return self._table(pid, "assessments")

    def find_draft(self, pid: str, questionnaire_id: str) -> dict | None:
        """The newest assessment of that questionnaire not yet signed off (draft or complete)."""
        unsigned = [
            a
            for a in self.list_assessments(pid)
            if a["questionnaire_id"] == questionnaire_id and a["status"] != rules.SIGNED_OFF
        ]
        return unsigned[-1] if unsigned else None

    def save_answer(
        self,
        aid: str,
        question_id: str,
        value: Any,
        note: str | None = None,
        action: str | None = None,
        expected_revision: int | None = None,
        language: str | None = None,
    ) -> dict:
        """Save one answer; returns the assessment. See store.assessments for conflicts;
        `language`: the one it was answered in, kept on the assessment (rules.with_language)."""
        now = clock.now()
        new = {_question(question_id): rules.answer(value, note, action, now)}
        return self._change_assessment(
            aid, lambda a: rules.with_language(rules.with_answers(a, new, expected_revision, now), language)
        )

    def save_answers(
        self, aid: str, answers: dict[str, dict], expected_revision: int | None = None, language: str | None = None
    ) -> dict:
        """Save several answers {qid: {"value", "note"?, "action"?}} in one write."""
        now = clock.now()
        new = rules.answers_from_mapping({_question(qid): given for qid, given in answers.items()}, now)
        return self._change_assessment(
            aid, lambda a: rules.with_language(rules.with_answers(a, new, expected_revision, now), language)
        )

    def clear_answer(self, aid: str, question_id: str, expected_revision: int | None = None) -> dict:
        now = clock.now()
        cleared = {_question(question_id): None}
        return self._change_assessment(aid, lambda a: rules.with_answers(a, cleared, expected_revision, now))

    def set_status(self, aid: str, status: str) -> dict:
        """Mark a draft "complete" (ready for sign-off) or back to "draft"."""
        now = clock.now()
        return self._change_assessment(aid, lambda a: rules.with_status(a, status, now))

    def sign_off(
        self,
        aid: str,
        by: str,
        role: str,
        decision: str,
        consulted: list[str] | None = None,
        conditions: str | None = None,
        signed_at: datetime | None = None,
        raises: Raises | None = None,
        sheet: dict[str, Any] | None = None,
        completing: bool = False,
    ) -> dict:
        """Sign off a complete assessment, freezing it; returns the sign-off with its digest.

        `completing`: the caller has checked that nothing required is missing (the store
        cannot: what is required is the questionnaire's), so a draft is signed off as it stands.

        `signed_at` is when the decision was taken, when that was before it is
        recorded (e.g. at a board meeting); `recorded_at` is always the clock.
        `raises(open actions, risks)` gives the action and risk fields the signed
        answers add to the plan and the risk register: they are written in the same
        atomic write as the sign-off, so a crash leaves all of it or none; so are `sheet`'s
        data-sheet fields (e.g. the significance and review interval the signed answers set),
        which keeps it to one write of the file and one of the index."""
        fields = _decision("sign-off", by, role, decision, consulted, conditions)
        pid = ids.partnership_of(aid, "assessment")
        now = clock.now()
        with self._write_with_index(pid) as (file, index):
            assessment = rules.signed(file.get("assessments", aid), now, completing)
            earlier = file.all("signoffs")
            sid = ids.new_child_id(pid, "sign-off", lambda candidate: file.has("signoffs", candidate))
            previous = earlier[-1]["digest"] if earlier else None
            when = _decision_time(
                signed_at,
                now,
                earlier[-1]["signed_at"] if earlier else None,
                what="a sign-off",
                before="the partnership's previous sign-off",
            )
            links = evidence.signoff_links(file.all("evidence"), aid)
            signoff = new_signoff(sid, assessment, fields, when, now, previous, links)
            if sheet:
                _put_sheet(file, index, sheet, now)
            actions, risks = raises(_open_actions(file), file.all("risks")) if raises else ([], [])
            file.put("assessments", assessment)
            file.put("signoffs", signoff)
            signoff = file.get("signoffs", sid)  # as kept: the shared register stamps the login (store.postgres)
            for action in actions:
                _put_action(file, validated(ActionFields, "action", action), now)
            for risk in risks:
                _put_risk(file, validated(RiskFields, "risk", risk), now)
        return signoff

    def list_signoffs(self, pid: str) -> list[dict]:
        """A partnership's sign-offs in the order they were made (the chain)."""
        return self._table(pid, "signoffs")

    # --- approvals and issued packs ---------------------------------------

    def approve(
        self,
        pid: str,
        signoff_ids: list[str],
        by: str,
        role: str,
        decision: str,
        consulted: list[str] | None = None,
        conditions: str | None = None,
        signed_at: datetime | None = None,
    ) -> dict:
        """Record the partnership's approval of these sign-offs (store.approvals), frozen with its digest.

        Which sign-offs an approval needs is the application's rule (wizard.approval);
        the store checks that each is there, once, and signs a signed-off assessment."""
        fields = _decision("approval", by, role, decision, consulted, conditions)
        pid = self.resolve_partnership(pid)
        if not signoff_ids or len(set(signoff_ids)) != len(signoff_ids):
            raise StoreError("an approval names each sign-off it approves once, and at least one")
        now = clock.now()
        with self._write_with_index(pid) as (file, _):
            file.record()
            covers = []
            for sid in signoff_ids:
                signoff = file.get("signoffs", sid)
                assessment = file.get("assessments", signoff["assessment_id"])
                if assessment["status"] != rules.SIGNED_OFF:
                    raise StoreError(f"sign-off {sid}: its assessment {assessment['id']} is not marked signed off")
                covers.append(covered(signoff, assessment["questionnaire_id"]))
            earlier = file.all("approvals")
            newest_signed = max(file.get("signoffs", sid)["signed_at"] for sid in signoff_ids)
            latest = max([newest_signed, *(a["signed_at"] for a in earlier)])
            when = _decision_time(signed_at, now, latest, what="an approval", before="what it approves")
            approval_id = ids.new_child_id(pid, "approval", lambda candidate: file.has("approvals", candidate))
            previous = earlier[-1]["digest"] if earlier else None
            approval = new_approval(approval_id, pid, fields, covers, when, now, previous)
            file.put("approvals", approval)
            approval = file.get("approvals", approval_id)  # as kept (see sign_off)
        return approval

    def list_approvals(self, pid: str) -> list[dict]:
        """A partnership's approvals, oldest first (their own chain)."""
        return self._table(pid, "approvals")

    def record_issue(
        self,
        pid: str,
        sha256: str,
        size: int,
        record_digest: str | None,
        command: str,
        file_name: str,
        signatures: list[dict] | None = None,
        pages: list[str] | None = None,
    ) -> dict:
        """Enter a pack in the ledger of issued packs: `pwiz verify` proves a file is exactly one of them.

        `signatures`: the certificate signatures the file carries (subject, fingerprint_sha256,
        signed_at, ...: text fields), oldest first; `pages`: a fingerprint of each page, so that
        verify can say which pages of a changed copy differ. The ledger is a log, not signed content."""
        signatures = list(signatures or [])
        if not all(isinstance(s, dict) and all(isinstance(v, str) for v in s.values()) for s in signatures):
            raise StoreError(
                "a PDF signature record is a map of text fields (subject, fingerprint_sha256, signed_at, ...)"
            )
        if not (isinstance(sha256, str) and len(sha256) == 64) or not isinstance(size, int):
            raise StoreError("an issued pack is entered with the SHA-256 (hex) and size of its file")
        if not all(isinstance(p, str) for p in pages or []):
            raise StoreError("an issued pack's page fingerprints are text")
        pid = self.resolve_partnership(pid)
        with self._write(pid) as file:
            file.record()
            issue_id = ids.new_child_id(pid, "issued pack", lambda candidate: file.has("issued", candidate))
            entry = {
                "id": issue_id,
                "partnership_id": pid,
                "sha256": sha256,
                "size": size,
                "record_digest": record_digest,
                "draft": record_digest is None,
                "command": command,
                "file": file_name,
                "signatures": signatures,
                "pages": list(pages or []),
                "issued_at": clock.now(),
            }
            file.put("issued", entry)
        return entry

    def issued_packs(self, pid: str) -> list[dict]:
        """The ledger of a partnership's issued packs, oldest first."""
        return self._table(pid, "issued")

    # --- actions and risks ----------------------------------------------

    def add_action(
        self, pid: str, text: str, owner: str | None = None, due: date | str | None = None, source: str | None = None
    ) -> dict:
        fields = validated(ActionFields, "action", {"text": text, "owner": owner, "due": due, "source": source})
        pid = self.resolve_partnership(pid)
        with self._write_with_index(pid) as (file, _):
            file.record()
            return _put_action(file, fields, clock.now())

    def close_action(self, pid: str, action_id: str, by: str) -> dict:
        """Close an open action, recording who closed it and when."""
        pid = self.resolve_partnership(pid)
        if ids.partnership_of(action_id, "action") != pid:
            raise NotFoundError(f"no action {action_id} in partnership {pid}")
        if not isinstance(by, str) or not by.strip():
            raise StoreError("closing an action needs the name of who closed it")
        with self._write_with_index(pid) as (file, _):
            action = file.get("actions", action_id)
            if action["status"] == "closed":
                raise StoreError(
                    f"action {action_id} was already closed by {action['closed_by']} on {action['closed_at'][:10]}"
                )
            action = {**action, "status": "closed", "closed_at": clock.now(), "closed_by": by}
            file.put("actions", action)
        return action

    def update_action(self, action_id: str, owner: str | None = None, due: date | str | None = None) -> dict:
        """Give an open action an owner and/or a due date (those not given stay as they are)."""
        pid = ids.partnership_of(action_id, "action")
        with self._write_with_index(pid) as (file, _):
            action = file.get("actions", action_id)
            if action["status"] == "closed":
                raise StoreError(f"action {action_id} is closed; only open actions can be given an owner or due date")
            given = {k: v for k, v in (("owner", owner), ("due", due)) if v is not None}
            fields = validated(
                ActionFields, "action", {k: action[k] for k in ("text", "owner", "due", "source")} | given
            )
            action = {**action, **fields}
            file.put("actions", action)
        return action

    def list_actions(self, pid: str, open_only: bool = False) -> list[dict]:
        return [a for a in self._table(pid, "actions") if not open_only or a["status"] == "open"]

    def add_risk(
        self,
        pid: str,
        description: str,
        category: str | None = None,
        likelihood: int | None = None,
        impact: int | None = None,
        owner: str | None = None,
        mitigation: str | None = None,
        source: str | None = None,
        **lifecycle: Any,
    ) -> dict:
        """A risk-register row (likelihood and impact 1-5); `lifecycle` takes the target likelihood
        and impact, `review_due` and `status` (see store.records.RiskFields). Its review falls
        due at the partnership's risk-review interval from today unless `review_due` is given."""
        fields = validated(
            RiskFields,
            "risk",
            {
                "description": description,
                "category": category,
                "likelihood": likelihood,
                "impact": impact,
                "owner": owner,
                "mitigation": mitigation,
                "source": source,
                **lifecycle,
            },
        )
        if fields["status"] == CLOSED:
            raise StoreError(
                "a risk is added open, treated or accepted; close it afterwards with who closed it and why"
            )
        pid = self.resolve_partnership(pid)
        with self._write_with_index(pid) as (file, _):
            file.record()
            return _put_risk(file, fields, clock.now())

    def update_risk(self, risk_id: str, **fields: Any) -> dict:
        """Change a risk that is not closed (its scores, owner, mitigation, target, status).

        An update is a review of the risk: it is stamped `reviewed_at`, and its next review falls
        due at the partnership's risk-review interval from today unless `review_due` is given."""
        pid = ids.partnership_of(risk_id, "risk")
        if fields.get("status") == CLOSED:
            raise StoreError(
                f"a risk is closed with who closed it and why: 'pwiz risk close {risk_id} --by NAME --reason TEXT'"
            )
        now = clock.now()
        with self._write_with_index(pid) as (file, _):
            risk = file.get("risks", risk_id)
            if risk.get("status") == CLOSED:
                raise StoreError(_closed_line(risk))
            current = {k: risk[k] for k in RiskFields.model_fields if k in risk}
            changed = validated(RiskFields, "risk", current | {"review_due": None} | fields)
            if changed["review_due"] is None:
                changed["review_due"] = next_risk_review(date.fromisoformat(now[:10]), file.record())
            risk = {**risk, **changed, **scores(changed), "reviewed_at": now}
            file.put("risks", risk)
        return risk

    def close_risk(self, pid: str | None, risk_id: str, by: str, reason: str) -> dict:
        """Close a risk, recording who closed it, when and why; a closed risk is not closed twice."""
        owner = ids.partnership_of(risk_id, "risk")
        if pid is not None and self.resolve_partnership(pid) != owner:
            raise NotFoundError(f"no risk {risk_id} in partnership {pid}")
        for what, value in (("the name of who closed it", by), ("the reason it is closed", reason)):
            if not isinstance(value, str) or not value.strip():
                raise StoreError(f"closing a risk needs {what}")
        problem = name_problem(by)
        if problem is not None:
            raise StoreError(f"the name of who closes risk {risk_id} {problem}")
        with self._write_with_index(owner) as (file, _):
            risk = file.get("risks", risk_id)
            if risk.get("status") == CLOSED:
                raise StoreError(_closed_line(risk))
            now = clock.now()
            risk = {**risk, "status": CLOSED, "closed_by": by.strip(), "closed_at": now, "close_reason": reason.strip()}
            file.put("risks", risk)
        return risk

    def list_risks(self, pid: str) -> list[dict]:
        return self._table(pid, "risks")

    # --- the Association Register (001) -------------------------------------

    @property
    def associations(self) -> Associations:
        """The associations and groups members and officers belong to: not partnerships, kept apart."""
        return Associations(self._layout)

    # --- evidence: documents kept with a partnership (store.evidence) -----

    def add_evidence(self, pid: str, data: bytes, name: str, **fields: Any) -> tuple[dict, bool]:
        """Keep a document (its bytes, the name it had) with a partnership; (its record, whether it is new).

        `fields`: store.evidence.EvidenceFields. A document linked to an assessment
        (`assessment_id`, with `question_id` optionally) must be linked before that
        assessment is signed off: its sign-off covers the document's SHA-256. The same
        document given again adds no record: its stored copy is checked and repaired."""
        checked = validated(evidence.EvidenceFields, "evidence", fields)
        pid = self.resolve_partnership(pid)
        aid = checked["assessment_id"]
        if aid is not None and ids.partnership_of(aid, "assessment") != pid:
            raise NotFoundError(f"no assessment {aid} in partnership {pid}")
        sha = self._keep(data)  # first: a record never names bytes that are not kept
        with self._write_with_index(pid) as (file, _):
            file.record()
            same = evidence.same_document(file.all("evidence"), sha, checked)
            if same is not None:
                return same, False
            if aid is not None and file.get("assessments", aid)["status"] == rules.SIGNED_OFF:
                raise StoreError(
                    f"assessment {aid} is signed off, and its sign-off covers the documents linked to it then; "
                    "attach the document to the partnership (no --assessment), or to its review"
                )
            eid = ids.new_child_id(pid, "evidence", lambda candidate: file.has("evidence", candidate))
            record = evidence.new_evidence(eid, pid, sha, len(data), name, checked, clock.now())
            file.put("evidence", record)
        return record, True

    def list_evidence(self, pid: str) -> list[dict]:
        """A partnership's documents, oldest first."""
        return self._table(pid, "evidence")

    def get_evidence(self, eid: str) -> dict:
        with self._read(ids.partnership_of(eid, "evidence")) as file:
            return file.get("evidence", eid)

    def evidence_data(self, eid: str) -> bytes:
        """A document's bytes as attached, or StoreError when its stored copy is missing or altered."""
        with self._read(ids.partnership_of(eid, "evidence")) as file:
            record = file.get("evidence", eid)
            where = evidence.label(file.record(), record)
        return self._kept(record, where)

    def _keep(self, data: bytes) -> str:
        """Store a document's bytes under their SHA-256; the digest."""
        return evidence.keep(self._layout, data)

    def _kept(self, record: dict, where: str) -> bytes:
        """A stored document's bytes, checked against its record's SHA-256."""
        return evidence.read_kept(self._layout, record, where)

    # --- the register as a whole ----------------------------------------

    def due(self, today: date, within_days: int | None = None) -> list[dict]:
        """Scheduled reviews from the index, soonest (most overdue) first, with
        `days_until_due` (negative when overdue) and `overdue`."""
        return due_reviews(self.list_partnerships(), today, within_days)

    def verify(self) -> list[str]:
        """One line per problem: a sign-off whose content no longer matches its
        digest, a broken chain, an unreadable file, an index out of date."""
        return self.verify_report().problems

    def verify_report(self) -> VerifyReport:
        """`verify`, with how much was checked."""
        report = VerifyReport()
        on_disk: dict[str, str] = {}  # the digest of each file's index entry
        chains: dict[str, tuple[list[dict], list[dict]]] = {}
        cache = DerivedData(self._layout.derived)
        known = cache.entries(verification.NAME, verification.checks_identity())
        checked: dict[str, list] = {}
        hashed: dict[str, str | None] = {}  # each stored document's SHA-256 as read now (store.evidence)
        paths = self._layout.partnership_files()
        for path in paths:
            try:
                outcome = self._checked(path, known.get(path.stem), checked)
            except StoreError as exc:
                report.problems.append(str(exc))
                continue
            report.problems += outcome["problems"]
            report.signoffs += len(outcome["signoffs"])
            report.approvals += len(outcome["approvals"])
            on_disk[path.stem] = outcome["summary"]
            chains[path.stem] = (
                [{"digest": d} for d in outcome["signoffs"]],
                [{"digest": d} for d in outcome["approvals"]],
            )
            report.problems += evidence.kept_problems(self._layout, outcome.get("evidence", []), hashed)
            report.documents += len(outcome.get("evidence", []))
        if checked != known:
            cache.save(verification.NAME, verification.checks_identity(), checked)
        report.partnerships = len(on_disk)
        report.problems += self.associations.problems()
        try:
            indexed = {summary["id"]: summary for summary in self.list_partnerships()}
        except StoreError as exc:
            report.problems.append(str(exc))
            return report
        cut = {
            pid: problem for pid in chains if pid in indexed and (problem := anchor_problem(indexed[pid], *chains[pid]))
        }
        report.problems += [self._cut_line(pid, indexed[pid], problem) for pid, problem in cut.items()]
        stale = [
            pid
            for pid, summary in on_disk.items()
            if verification.summary_digest(indexed.get(pid)) != summary and pid not in cut
        ]
        listed = {path.stem for path in paths}
        gone = [pid for pid in indexed if pid not in listed]
        for pid in gone:
            if indexed[pid].get("lost"):
                report.problems.append(self._lost_line(pid, indexed[pid]))
            else:
                stale.append(pid)
        if stale:
            report.problems.append(
                f"the index {self._layout.index} is out of date for {', '.join(sorted(stale))}: "
                f"run '{self._layout.restore_command}' to rebuild it"
            )
        return report

    def derived(
        self,
        name: str,
        key: str,
        compute: Callable[[str], Any],
        partnerships: list[str] | None = None,
        failed: dict[str, StoreError] | None = None,
        versions: Versions | None = None,
    ) -> dict[str, Any]:
        """`compute(pid)` for each partnership (default: every one in the index), by id.

        Values are kept in the register's derived-data cache (store.derived)
        under `name` and `key` (what else they depend on), so only partnerships
        whose file changed since are computed again. `compute` must depend only
        on the partnership's file and on `key`, and return JSON-able data. A
        StoreError from it is raised, or with `failed` the partnership is left
        out and its error put there. `versions` (from `versions()`) stands for
        `partnerships` when several names are read together.
        """
        whole = partnerships is None and versions is None
        if versions is None:
            versions = self.versions(
                [s["id"] for s in self.list_partnerships()] if partnerships is None else partnerships
            )
        return DerivedData(self._layout.derived).values(name, key, versions, compute, failed, whole)

    def versions(self, pids: list[str]) -> Versions:
        """What identifies these partnerships' current versions, for `derived`: here each file's
        revision, stat'ed when first asked (store.derived.Versions)."""
        # Strings joined by hand: 5,000 Path objects, or os.path.join calls, cost as much as the stats.
        folder = str(self._layout.partnerships) + os.sep
        return Versions([(pid, f"{folder}{pid}.json") for pid in pids])

    def _checked(self, path: Path, known: list | None, checked: dict[str, list]) -> dict[str, Any]:
        """A partnership file's verify outcome: remembered if its bytes are those checked before
        (store.verification), else checked now. A file that cannot be read raises the StoreError
        any read of it raises."""
        raw, tables = None, None
        try:
            raw = files.read_bytes(path)
            if raw is not None:
                digest = verification.content_digest(raw)
                if known is not None and known[0] == digest:
                    checked[path.stem] = known
                    return known[1]
                tables = parse_tables(raw, path.stem)
        except files.UnparseableFile:  # too big, or not as the store writes it
            pass
        if raw is None or tables is None:
            with self._read(path.stem) as file:  # the usual read raises what is wrong with the file
                file.record()
            raise StoreError(f"{path} changed while it was checked: run verify again")
        outcome = verification.check_tables(tables)
        checked[path.stem] = [digest, outcome]
        return outcome

    def history(self, pid: str) -> list[dict]:
        """Who changed what in a partnership, and when: only the shared register keeps it (its database
        writes the audit trail, store.postgres.register); a folder cannot know who wrote its files."""
        raise StoreError(
            f"the register folder {self.root} keeps no audit trail of who changed what; "
            'the shared register on PostgreSQL does (README "Shared register")'
        )

    def restore(self, forget: list[str] | None = None) -> RestoreReport:
        """Restore damaged or missing files from their newest readable backup, then rebuild the index.

        A partnership with no file and no readable backup stays in the index marked lost (and
        `verify` names it) unless its id is in `forget`; forgetting one that is not lost is refused."""
        known = known_partnerships(self._layout)
        report = RestoreReport()
        restore_partnership_files(self._layout, report, set(known))
        set_damaged_index_aside(self._layout, report)
        restore_file(self._layout, self._layout.associations, report, file_problem)
        summaries, cut = [], set()
        for path in self._layout.partnership_files():
            try:
                with self._read(path.stem) as file:
                    summary = file.summary()
                    problem = anchor_problem(known.get(path.stem) or {}, file.all("signoffs"), file.all("approvals"))
            except StoreError:
                continue  # reported by restore_partnership_files
            if problem is not None:  # keep the anchor (verify goes on failing) unless told to accept the file
                cut.add(path.stem)
                if path.stem in (forget or []):
                    report.done.append(f"accepted the file of partnership {path.stem} as it is ({problem})")
                else:
                    summary |= {field: (known[path.stem] or {})[field] for field in ANCHOR_FIELDS}
                    report.failed.append(self._cut_line(path.stem, summary, problem))
            summaries.append(summary)
        from_files = len(summaries)
        lost = {pid: summary for pid, summary in known.items() if not self._layout.partnership(pid).exists()}
        for pid in forget or []:
            if pid not in lost and pid not in cut:
                raise StoreError(
                    f"partnership {pid} is neither lost nor missing sign-offs (or not known to the register), so "
                    "there is nothing to forget; nothing was changed"
                )
        for pid, entry in lost.items():
            if pid in (forget or []):
                report.done.append(f"forgot the lost partnership {pid}{_named(entry)}: it is no longer in the index")
                continue
            summaries.append({**(entry or _unknown_summary(pid)), "lost": True})
            report.failed.append(self._lost_line(pid, entry))
        with transaction(self._layout, self._layout.index, write=True) as db:
            index = IndexFile(db)
            if _by_id(index.summaries()) != _by_id(summaries):
                index.replace_all(summaries)
                kept = len(summaries) - from_files
                report.done.append(
                    f"rebuilt the index {self._layout.index} from {from_files} partnership files"
                    + (f", keeping {kept} lost partnership(s) in it" if kept else "")
                )
        return report

    def _cut_line(self, pid: str, summary: dict, problem: str) -> str:
        """What to say of a partnership whose file lacks sign-offs or approvals the index anchors."""
        return (
            f"partnership {pid}{_named(summary)}: {problem}; put its file back from your own backup, or run "
            f"'{self._layout.restore_command} --forget {pid}' to accept the file as it is"
        )

    def _lost_line(self, pid: str, summary: dict | None) -> str:
        """What to say of a partnership whose file and every backup are gone."""
        return (
            f"partnership {pid}{_named(summary)} is lost: its file {self._layout.partnership(pid)} and every backup of "
            f"it are gone; put it back from your own backup, or run '{self._layout.restore_command} --forget {pid}' "
            "to drop it from the index"
        )

    # --- transactions ---------------------------------------------------

    def _table(self, pid: str, table: str) -> list[dict]:
        """One table of a partnership's file (id or name), oldest record first."""
        with self._read(self.resolve_partnership(pid)) as file:
            file.record()  # a missing partnership is reported as such
            return file.all(table)

    @contextmanager
    def _read(self, pid: str) -> Iterator[PartnershipFile]:
        path = self._layout.partnership(pid)
        with transaction(self._layout, path, write=False) as db:
            yield PartnershipFile(db, pid, path)

    @contextmanager
    def _write(self, pid: str) -> Iterator[PartnershipFile]:
        """Change one partnership file under its lock (committed at the end)."""
        path = self._layout.partnership(pid)
        with transaction(self._layout, path, write=True) as db:
            yield PartnershipFile(db, pid, path)

    @contextmanager
    def _write_with_index(self, pid: str) -> Iterator[tuple[PartnershipFile, IndexFile]]:
        """Change a partnership in a way its summary shows: lock the file, then
        the index; write the file first, then its index entry."""
        with self._write(pid) as file, transaction(self._layout, self._layout.index, write=True) as db:
            index = IndexFile(db)
            yield file, index
            file.commit()
            try:
                index.put(file.summary())
                commit(db)
            except StoreError as exc:
                raise StoreError(
                    f"the change was saved in {file.path}, but the index was not updated ({exc}); "
                    f"run '{self._layout.restore_command}' to rebuild it"
                ) from None

    def _change_assessment(self, aid: str, change: Callable[[dict], dict]) -> dict:
        with self._write(ids.partnership_of(aid, "assessment")) as file:
            assessment = change(file.get("assessments", aid))
            file.put("assessments", assessment)
        return assessment


def _decision_time(signed_at: datetime | None, now: str, previous: str | None, what: str, before: str) -> str:
    """The decision time: now, or an earlier decision time that keeps the chain in date order."""
    if signed_at is None:
        return now
    when = clock.stamp(signed_at)
    if when[:10] > now[:10]:
        raise StoreError(f"{what} cannot be dated in the future ({when[:10]}; today is {now[:10]})")
    if previous is not None and when[:10] < previous[:10]:
        raise StoreError(f"{what} cannot be dated {when[:10]}, before {before} ({previous[:10]})")
    return max(when, previous) if previous is not None else when


def _ensure_name_free(index: IndexFile, name: str) -> None:
    clash = index.named(name)
    if clash:
        existing = clash[0]
        raise StoreError(
            f"a partnership named {existing['name']!r} already exists ({existing['id']}); choose another name"
        )


def _question(question_id: str) -> str:
    if not isinstance(question_id, str) or not question_id.strip():
        raise StoreError(f"a question id is needed, not {question_id!r}")
    return question_id


def _decision(
    what: str, by: str, role: str, decision: str, consulted: list[str] | None, conditions: str | None
) -> dict:
    """The validated fields of a sign-off or an approval: who decided, in what role, what, with whom, on what terms."""
    return validated(
        SignoffFields,
        what,
        {"by": by, "role": role, "decision": decision, "consulted": consulted or [], "conditions": conditions},
    )


def _put_sheet(file: PartnershipFile, index: IndexFile, fields: dict, now: str) -> dict:
    """Change data-sheet fields of the partnership's record (validated; a new name must be free)."""
    current = file.record()
    sheet_now = {k: current[k] for k in DATASHEET_FIELDS if k in current}
    sheet = validated(DataSheet, "partnership", {**sheet_now, **fields})
    if sheet["name"].casefold() != current["name"].casefold():
        _ensure_name_free(index, sheet["name"])
    record = {**current, **sheet, "updated_at": now}
    file.put("partnership", record)
    return record


def _open_actions(file: PartnershipFile) -> list[dict]:
    return [a for a in file.all("actions") if a["status"] == "open"]


def _put_action(file: PartnershipFile, fields: dict, now: str) -> dict:
    """A new open action in the file (fields validated)."""
    action_id = ids.new_child_id(file.pid, "action", lambda candidate: file.has("actions", candidate))
    action = {
        "id": action_id,
        "partnership_id": file.pid,
        **fields,
        "status": "open",
        "created_at": now,
        "closed_at": None,
        "closed_by": None,
    }
    file.put("actions", action)
    return action


def _put_risk(file: PartnershipFile, fields: dict, now: str) -> dict:
    """A new risk-register row in the file (fields validated), scored, its review scheduled
    from today at the partnership's risk-review interval unless a date was given."""
    risk_id = ids.new_child_id(file.pid, "risk", lambda candidate: file.has("risks", candidate))
    review_due = fields.get("review_due") or next_risk_review(date.fromisoformat(now[:10]), file.record())
    risk = {
        "id": risk_id,
        "partnership_id": file.pid,
        **fields,
        **scores(fields),
        "review_due": review_due,
        "created_at": now,
        "reviewed_at": None,
        "closed_at": None,
        "closed_by": None,
        "close_reason": None,
    }
    file.put("risks", risk)
    return risk


def _closed_line(risk: dict) -> str:
    return (
        f"risk {risk['id']} was already closed by {risk.get('closed_by')} on {str(risk.get('closed_at'))[:10]} "
        f"({risk.get('close_reason')}); a closed risk stays as it was closed"
    )


def _named(summary: dict | None) -> str:
    return f" ({summary['name']})" if summary else ""


def _unknown_summary(pid: str) -> dict:
    """The index entry of a partnership only its (unreadable) backups remembered."""
    return {field: None for field in SUMMARY_FIELDS} | {
        "id": pid,
        "name": f"(lost partnership {pid})",
        "open_actions": 0,
    }


def _by_id(summaries: list[dict]) -> dict[str, dict]:
    return {summary["id"]: summary for summary in summaries}
