"""The Association Register: the associations and groups the Authority's members and officers belong to.

001 (Partnership Policy, "Partnerships Covered by this Policy") sends
"networks of personal or professional relationships (e.g. membership to a
professional body)" out of the partnership policy to the Association & Group
Membership guidelines, and ("Partnerships – Partnership Register") keeps "an
Association Register comprising the Association Data & Evaluation Sheet for
each association or group that members and/or officers belong to", "updated
on an annual basis". Appendix E, which held the sheet itself, is not among
the seed documents: the fields below are what 001 and 002 say of an
association (each cites where), not a transcription of a form.

An association is not a partnership (no questionnaires, sign-offs or
significance), so the register keeps them all in one small file of their
own, `REGISTER/associations.json` (store.layout), written as every register
file is: under the writer's lock, atomically, with rolling backups
(store.storage), restored by `pwiz restore` (store.restore.restore_file) and
checked by `pwiz verify`. Each record carries a `revision`: a screen that
saves with the revision it loaded is refused (ConflictError) when another
session changed the association since.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Literal, get_args

from pydantic import ConfigDict, Field, NonNegativeFloat, StringConstraints, ValidationError

from store import clock, ids
from store.errors import ConflictError, NotFoundError, StoreError
from store.layout import Layout
from store.reading import Tables, corrupt_file_error, load_tables
from store.records import MEMBERSHIP_HOLDERS, Fields, MembershipHeldBy, Representative, Text, validated
from store.schedule import add_months
from store.storage import transaction

if TYPE_CHECKING:
    from tinydb import TinyDB

TABLE = "associations"
# 001 "Partnerships – Partnership Register": the Association Register is "updated on an annual basis".
EVALUATION_INTERVAL_MONTHS = 12

# 001 "Partnerships Covered by this Policy" and "Partnership Register": "association or group",
# "networks of personal or professional relationships (e.g. membership to a professional body)".
AssociationKind = Literal["association", "group", "professional-body", "network"]
AssociationStatus = Literal["proposed", "active", "ended"]
Answer = Literal["yes", "no", "unclear"]
Recommendation = Literal["continue", "review", "leave"]

KINDS = get_args(AssociationKind)
# 002 Appendix 1: a member group (Police Authority representatives only), an officer group
# (Constabulary representatives only), or both: the partnership data sheet's own choices.
HOLDERS = MEMBERSHIP_HOLDERS
STATUSES = get_args(AssociationStatus)
ANSWERS = get_args(Answer)
RECOMMENDATIONS = get_args(Recommendation)
PartnershipId = Annotated[str, StringConstraints(pattern=ids.PARTNERSHIP_ID.pattern)]


class AssociationSheet(Fields):
    """The Association Data Sheet (001 "Partnerships – Partnership Register")."""

    NAMES = ("name", "members", "organisations", "contact", "approved_by")

    name: Text
    kind: AssociationKind | None = None
    purpose: str | None = None
    # 001: the association or group "that members and/or officers belong to" (Appointments: members
    # agreed at the AGM, officers approved by the Chief Executive).
    members: list[Representative] = []
    membership_held_by: MembershipHeldBy | None = None  # 002 Appendix 1: Authority, Force, or both
    organisations: list[Text] = []  # the other bodies in it (001 keeps "Details of other Partners" likewise)
    contact: str | None = None
    subscription: NonNegativeFloat | None = None  # £ a year: 001 covers "any form of financial commitment"
    joined_on: date | None = None
    # 001 Responsibilities: "Approval ... to join an association or group is to be given by the Chief
    # Executive in consultation with the Chair and/or Vice-Chair of the Authority."
    approved_by: str | None = None
    approved_on: date | None = None
    status: AssociationStatus = "proposed"
    # The partnership whose scope screening sent it here (the scope outcome "Association Register").
    partnership_id: PartnershipId | None = None


class EvaluationSheet(Fields):
    """The Association Evaluation Sheet: the annual look at whether the membership still serves the
    Authority. 001 Appointments: representatives on "Partnerships and Associations will, where
    appropriate, reflect the corporate views of the Authority and will report back on relevant issues";
    001 Value & Purpose: "how it will benefit"; 001 Key Principles: a membership "likely to cause a
    conflict with the Authority's Equality Scheme"."""

    NAMES = ("evaluated_by",)

    evaluated_on: date
    evaluated_by: Text
    benefit: str | None = None
    reports_back: Answer | None = None
    corporate_views: Answer | None = None
    equality_conflict: Answer | None = None
    recommendation: Recommendation | None = None
    notes: str | None = None
    next_review: date | None = None  # a year after evaluated_on unless given


SHEET_FIELDS = tuple(AssociationSheet.model_fields)
EVALUATION_FIELDS = tuple(EvaluationSheet.model_fields)


class _Stored(AssociationSheet):
    """A record as the store writes it; fields it does not know are let through (as store.shapes)."""

    model_config = ConfigDict(extra="allow", strict=False)

    id: Annotated[str, StringConstraints(pattern=ids.ASSOCIATION_ID.pattern)]
    evaluations: list[EvaluationSheet]
    created_at: str
    updated_at: str
    revision: int = Field(ge=1, strict=True)


def file_problem(tables: Tables) -> str | None:
    """What makes the Association Register's parsed tables other than the store writes them (one line), or None."""
    for key, record in (tables.get(TABLE) or {}).items():
        try:
            _Stored.model_validate(record)
        except ValidationError as exc:
            error = exc.errors()[0]
            where = ".".join(str(part) for part in error["loc"])
            return f"association entry {key} ({record.get('id', 'no id')}): {where}: {error['msg']}"
    return None


class Associations:
    """The Association Register of one register folder (created on the first write)."""

    def __init__(self, layout: Layout):
        self._layout = layout
        self.path = layout.associations

    @property
    def where(self) -> str:
        """The Association Register as messages name it."""
        return str(self.path)

    def _writing(self) -> AbstractContextManager[TinyDB]:
        """Its tables, to change under the register's lock; written when the block ends."""
        return transaction(self._layout, self.path, write=True)

    def _partnership_exists(self, pid: str) -> bool:
        return self._layout.partnership(pid).exists()

    def all(self) -> list[dict]:
        """Every association, by name (any case)."""
        return sorted(self._records(self._read()), key=lambda a: (a["name"].casefold(), a["id"]))

    def get(self, id_or_name: str) -> dict:
        return self._find(self._records(self._read()), id_or_name)

    def add(self, name: str, evaluation: dict[str, Any] | None = None, **fields: Any) -> dict:
        """Add an association from its data sheet (names are unique, any case), with its first evaluation if given."""
        sheet = self._sheet({"name": name, **fields})
        evaluations = [_evaluation(evaluation)] if evaluation else []
        now = clock.now()
        with self._writing() as db:
            records = self._records(db.storage.read())
            _ensure_name_free(records, sheet["name"])
            aid = ids.new_association_id(lambda candidate: any(r["id"] == candidate for r in records))
            record = {
                "id": aid,
                **sheet,
                "evaluations": evaluations,
                "created_at": now,
                "updated_at": now,
                "revision": 1,
            }
            db.table(TABLE).insert(record)
        return record

    def update(
        self,
        id_or_name: str,
        expected_revision: int | None = None,
        evaluation: dict[str, Any] | None = None,
        **fields: Any,
    ) -> dict:
        """Change data-sheet fields and/or record an evaluation (it replaces one of the same date).

        With `expected_revision` (the revision the caller loaded), a record changed since is refused."""
        from tinydb import Query  # loaded by the transaction already: the read side goes without it

        with self._writing() as db:
            records = self._records(db.storage.read())
            current = self._find(records, id_or_name)
            if expected_revision is not None and current["revision"] != expected_revision:
                raise ConflictError(
                    f"association {current['id']} ({current['name']}) was changed by another session since it was "
                    f"opened (revision {expected_revision}, now {current['revision']}); nothing was changed: open it again"
                )
            sheet = self._sheet({**{k: current[k] for k in SHEET_FIELDS if k in current}, **fields})
            if sheet["name"].casefold() != current["name"].casefold():
                _ensure_name_free(records, sheet["name"])
            evaluations = list(current["evaluations"])
            if evaluation:
                given = _evaluation(evaluation)
                evaluations = [e for e in evaluations if e["evaluated_on"] != given["evaluated_on"]] + [given]
                evaluations.sort(key=lambda e: e["evaluated_on"])
            record = {**current, **sheet, "evaluations": evaluations}
            if record == current:
                return current
            record |= {"updated_at": clock.now(), "revision": current["revision"] + 1}
            db.table(TABLE).update(record, Query().id == current["id"])
        return record

    def problems(self) -> list[str]:
        """`verify`'s lines: the file unreadable or not as written, or gone while a backup of it is kept."""
        try:
            tables = self._read()
        except StoreError as exc:
            return [str(exc)]
        if tables is None and any(backup.exists() for backup in self._layout.backups(self.path)):
            return [
                f"the Association Register {self.path} is missing but a backup of it exists: "
                f"run '{self._layout.restore_command}' to restore it"
            ]
        return []

    # --- reading ---------------------------------------------------------------

    def _read(self) -> Tables | None:
        """The file's tables, checked (no lock: it is only ever replaced whole)."""
        tables = load_tables(self.path, self._layout)
        self._check(tables)
        return tables

    def _records(self, tables: Tables | None) -> list[dict]:
        self._check(tables)
        return [dict(record) for record in ((tables or {}).get(TABLE) or {}).values()]

    def _check(self, tables: Tables | None) -> None:
        problem = file_problem(tables) if tables is not None else None
        if problem is not None:
            raise corrupt_file_error(self.path, f"not as the register writes it: {problem}", self._layout)

    def _find(self, records: list[dict], id_or_name: str) -> dict:
        text = id_or_name.strip()
        found = [r for r in records if r["id"] == text.lower()] or [
            r for r in records if r["name"].strip().casefold() == text.casefold()
        ]
        if not found:
            raise NotFoundError(
                f"no association with id or name {id_or_name!r} in the Association Register {self.where}"
            )
        return found[0]

    def _sheet(self, fields: dict[str, Any]) -> dict[str, Any]:
        """The data sheet validated; a partnership it names must be in the register."""
        sheet = validated(AssociationSheet, "association", fields)
        pid = sheet.get("partnership_id")
        if pid is not None and not self._partnership_exists(pid):
            raise NotFoundError(f"association field 'partnership_id': no partnership {pid} in the register")
        return sheet


def _evaluation(given: dict[str, Any]) -> dict[str, Any]:
    """An evaluation validated, its next review a year on unless given (001: updated annually)."""
    evaluation = validated(EvaluationSheet, "association evaluation", given)
    if evaluation["next_review"] is None:
        evaluated = date.fromisoformat(evaluation["evaluated_on"])
        evaluation["next_review"] = add_months(evaluated, EVALUATION_INTERVAL_MONTHS).isoformat()
    return evaluation


def _ensure_name_free(records: list[dict], name: str) -> None:
    for record in records:
        if record["name"].casefold() == name.casefold():
            raise StoreError(
                f"an association named {record['name']!r} already exists ({record['id']}); choose another name"
            )
