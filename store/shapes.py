"""What a partnership file holds, record by record, as the store writes it.

A file that parses as JSON but whose records lack fields the store always
writes, or hold the wrong kind of value (hand-edited, half-copied, written
by something else), would otherwise surface as a KeyError or TypeError deep
in a command, the pack builder or a screen. The file is checked once, when
it is parsed (store.reading.parse_tables), and a problem becomes the one
line of a CorruptRegisterError, which points to `pwiz restore`.

A stored record is checked against the field types and constraints the
store applies before writing it (store.records), plus the fields the store
adds itself (ids, timestamps, statuses), strictly: "12" is not a number and
5 is not text. The rules that relate one field to another (a conditional
approval needs its conditions) are not checked again: they may be tightened
for new records, and a record written under the older rule is not damaged.

Every field the store writes must be present (given no default here),
except the few that records written by earlier versions may lack. Fields
and tables the store does not know are let through: they do no harm and
are kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import copy
from datetime import date, datetime
from typing import Annotated, Any, Literal, NotRequired

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    create_model,
    model_validator,
)
from pydantic_core import PydanticUndefined
from typing_extensions import TypedDict  # pydantic needs this TypedDict before Python 3.12

from store.evidence import EvidenceFields
from store.ids import TABLE_KINDS
from store.records import LATER_FIELDS, ActionFields, DataSheet, RiskFields, RiskStatus, SignoffFields

_SHOWN_FIELDS = 4
_SHOWN_INPUT = 60


def _timestamp(text: str) -> str:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        raise ValueError("must be an ISO-8601 date and time such as 2024-05-01T09:30:00+00:00") from None
    return text


Stamp = Annotated[str, AfterValidator(_timestamp)]
DocId = Annotated[str, StringConstraints(pattern=r"^[0-9]+$")]  # TinyDB's document ids
IsoDate = (date | None, Field(strict=False))  # a date field of store.records, stored as ISO text


class _Stored(BaseModel):
    """A stored record: each field of its JSON type, and present (a field without a default)."""

    model_config = ConfigDict(extra="ignore", strict=True)


def _stored(name: str, fields_of: type[BaseModel], **added: Any) -> type[_Stored]:
    """A stored record: the fields of a store.records model (types and constraints,
    not its cross-field rules), all required, and those the store adds: (type, ...)
    when required, (type, default) when older records may lack it."""
    copied = {}
    for field_name, info in fields_of.model_fields.items():
        field = copy(info)
        field.default = PydanticUndefined  # the store writes every field, defaults included
        copied[field_name] = (info.annotation, field)
    return create_model(name, __base__=_Stored, **{**copied, **added})


StoredPartnership = _stored(
    "StoredPartnership",
    DataSheet,
    id=(str, ...),
    start_date=IsoDate,
    created_at=(Stamp, ...),
    updated_at=(Stamp, ...),
    # Fields older records lack; a date as ISO text, as start_date.
    **{name: (DataSheet.model_fields[name].annotation, None) for name in LATER_FIELDS if name != "end_date"},
    end_date=(date | None, Field(default=None, strict=False)),
)


class StoredAnswer(TypedDict):
    """A TypedDict, not a model: a file holds hundreds of answers, and this is checked without Python calls."""

    __pydantic_config__ = ConfigDict(strict=True)  # type: ignore[misc]
    value: Any
    note: str | None
    action: str | None
    answered_at: str | None
    carried_from: NotRequired[str | None]  # an answer carried into a review, until confirmed


class StoredAssessment(_Stored):
    id: str
    partnership_id: str
    questionnaire_id: str
    questionnaire_version: int = Field(ge=1)
    status: Literal["draft", "complete", "signed-off"]
    answers: dict[str, StoredAnswer]
    answer_revisions: dict[str, int]
    created_at: Stamp
    updated_at: Stamp
    renews: str | None
    revision: int = Field(ge=1)
    language: str | None = None  # absent before translations (and for English-only questionnaires)


class EvidenceLink(TypedDict):
    """A document a sign-off covers (store.evidence.signoff_links)."""

    __pydantic_config__ = ConfigDict(strict=True)  # type: ignore[misc]
    id: str
    sha256: str
    size: int
    question_id: str | None


StoredSignoff = _stored(
    "StoredSignoff",
    SignoffFields,
    id=(str, ...),
    partnership_id=(str, ...),
    assessment_id=(str, ...),
    signed_at=(Stamp, ...),
    previous_digest=(str | None, ...),
    digest=(str, ...),
    recorded_at=(Stamp | None, None),  # may be absent: sign-offs made before it was kept
    digest_format=(Literal[2] | None, None),  # absent before the digest covered recorded_at
    pdf_signatures=(
        list[dict[str, str]],
        Field(default_factory=list),
    ),  # kept by pwiz before the ledger of issued packs
    evidence=(list[EvidenceLink] | None, None),  # the documents it covers; absent when none were linked
)


class StoredAction(
    _stored(  # type: ignore[misc]  # a base pydantic builds at import
        "_StoredActionFields",
        ActionFields,
        id=(str, ...),
        partnership_id=(str, ...),
        due=IsoDate,
        status=(Literal["open", "closed"], ...),
        created_at=(Stamp, ...),
        closed_at=(Stamp | None, ...),
        closed_by=(str | None, ...),
    )
):
    @model_validator(mode="after")
    def _closed_by_someone(self) -> StoredAction:  # commands show when and by whom
        if self.status == "closed" and (self.closed_at is None or self.closed_by is None):
            raise ValueError("a closed action needs closed_at and closed_by")
        return self


StoredRisk = _stored(
    "StoredRisk",
    RiskFields,
    id=(str, ...),
    partnership_id=(str, ...),
    created_at=(Stamp, ...),
    # Risks written before risks had a life lack these: not scored, no target, no review date, open.
    target_likelihood=(int | None, Field(default=None, ge=1, le=5)),
    target_impact=(int | None, Field(default=None, ge=1, le=5)),
    review_due=(date | None, Field(default=None, strict=False)),
    status=(RiskStatus, "open"),
    score=(int | None, None),
    target_score=(int | None, None),
    reviewed_at=(Stamp | None, None),
    closed_at=(Stamp | None, None),
    closed_by=(str | None, None),
    close_reason=(str | None, None),
)


class CoveredSignoff(TypedDict):
    __pydantic_config__ = ConfigDict(strict=True)  # type: ignore[misc]
    signoff_id: str
    assessment_id: str
    questionnaire_id: str
    digest: str


StoredApproval = _stored(
    "StoredApproval",
    SignoffFields,
    id=(str, ...),
    partnership_id=(str, ...),
    covers=(list[CoveredSignoff], ...),
    signed_at=(Stamp, ...),
    recorded_at=(Stamp, ...),
    previous_digest=(str | None, ...),
    digest=(str, ...),
)


class StoredIssue(_Stored):
    """An entry of the ledger of issued packs (store.register.Register.record_issue)."""

    id: str
    partnership_id: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    size: int = Field(ge=0)
    record_digest: str | None
    draft: bool
    command: str
    file: str
    signatures: list[dict[str, str]]
    pages: list[str] = Field(default_factory=list)  # page fingerprints, for saying where a changed copy differs
    issued_at: Stamp


StoredEvidence = _stored(
    "StoredEvidence",
    EvidenceFields,
    id=(str, ...),
    partnership_id=(str, ...),
    signed=IsoDate,
    expires=IsoDate,
    sha256=(str, Field(pattern=r"^[0-9a-f]{64}$")),
    size=(int, Field(ge=0)),
    file_name=(str, ...),
    media_type=(str, ...),
    added_at=(Stamp, ...),
)


class PartnershipFileShape(BaseModel):
    """The tables (TinyDB document id -> record); other tables are let through.

    (Defaults are factories: pydantic deep-copies a plain [] or {} on every use.)"""

    model_config = ConfigDict(extra="ignore", strict=True)
    partnership: dict[DocId, StoredPartnership]  # type: ignore[valid-type]  # built by _stored
    assessments: dict[DocId, StoredAssessment] = Field(default_factory=dict)
    signoffs: dict[DocId, StoredSignoff] = Field(default_factory=dict)  # type: ignore[valid-type]
    actions: dict[DocId, StoredAction] = Field(default_factory=dict)
    risks: dict[DocId, StoredRisk] = Field(default_factory=dict)  # type: ignore[valid-type]
    approvals: dict[DocId, StoredApproval] = Field(default_factory=dict)  # type: ignore[valid-type]
    issued: dict[DocId, StoredIssue] = Field(default_factory=dict)
    evidence: dict[DocId, StoredEvidence] = Field(default_factory=dict)  # type: ignore[valid-type]


def partnership_file_problem(tables: dict[str, dict[str, Any]], pid: str) -> str | None:
    """What is wrong with partnership `pid`'s parsed file (one line), or None.

    `tables` is what store.reading.parse_tables has already checked: a
    mapping of tables, each a mapping of records (dicts)."""
    records = tables.get("partnership") or {}
    if len(records) != 1:
        return f"it should hold one partnership record, but holds {len(records)}"
    try:
        PartnershipFileShape.model_validate(tables)
    except ValidationError as exc:
        return _first_problem(exc.errors(include_url=False), tables)
    stored_id = next(iter(records.values()))["id"]
    if stored_id != pid:
        return f"it holds the record of partnership {stored_id!r}, not of {pid}"
    return None


def _first_problem(errors: list[Any], tables: dict[str, dict[str, Any]]) -> str:
    """The first problem (all the fields one record lacks together), and how many others."""
    first = errors[0]
    if first["type"] == "missing":
        lacking = [e for e in errors if e["type"] == "missing" and e["loc"][:-1] == first["loc"][:-1]]
        problem = _describe(first, tables, [e["loc"][-1] for e in lacking])
    else:
        lacking = [first]
        problem = _describe(first, tables)
    more = len(errors) - len(lacking)
    return problem + (f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else "")


def _describe(error: Any, tables: dict[str, dict[str, Any]], lacking: Sequence[Any] = ()) -> str:
    """One problem: which record, which field, what is wrong, what it holds."""
    table, doc, *inside = error["loc"]  # a table and a record key at least: the file is a mapping of mappings
    if inside == ["[key]"]:
        return f"the {table} table has a record under the key {doc!r}; its keys are whole numbers"
    record = tables.get(table, {}).get(doc)
    if table == "partnership":
        label = "the partnership record"
    else:
        rid = record.get("id") if isinstance(record, dict) else None
        label = (
            f"{TABLE_KINDS.get(table, table)} {rid}" if isinstance(rid, str) else f"record {doc} of the {table} table"
        )
    if lacking:
        within = "".join(f"{part}." for part in inside[:-1])
        return f"{label} lacks {_fields([within + str(name) for name in lacking])}"
    where = ".".join(str(part) for part in inside)
    message = error["msg"].removeprefix("Value error, ")
    if not where:
        return f"{label}: {message}"
    return f"{label}, field {where!r}: {message} (it holds {_short(error['input'])})"


def _fields(names: list[str]) -> str:
    """'the field 'a'' or 'the fields 'a', 'b', 'c', 'd' and 5 more'."""
    shown = ", ".join(repr(name) for name in names[:_SHOWN_FIELDS])
    more = f" and {len(names) - _SHOWN_FIELDS} more" if len(names) > _SHOWN_FIELDS else ""
    return f"the field{'s' if len(names) > 1 else ''} {shown}{more}"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN_INPUT else text[: _SHOWN_INPUT - 3] + "..."
