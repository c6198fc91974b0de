"""What the fields of a partnership, action, risk and sign-off may hold.

Checked with pydantic before anything is written; a bad field becomes one
StoreError line naming the field, what it accepts and what it was given.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, ClassVar, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    NonNegativeFloat,
    ValidationError,
    model_validator,
)

from store.errors import StoreError

PartnershipType = Literal["informal-collaboration", "strategic", "statutory-strategic", "service-delivery"]
Focus = Literal["strategic", "operational"]
Basis = Literal["statutory", "voluntary"]
Level = Literal["local", "force-wide", "regional", "national"]
PartnershipStatus = Literal["proposed", "active", "under-review", "ended"]
Significance = Literal["low", "medium", "high"]
RepresentativeKind = Literal["member", "officer"]
# The sectors of the bodies the seed documents name as partners: police authorities and forces,
# councils, primary care trusts, fire authorities, probation (002 §9.2's responsible authorities),
# schools, central government (002's GOEast), the voluntary "third" sector and private companies (003).
Sector = Literal[
    "police",
    "local-authority",
    "health",
    "fire",
    "probation",
    "education",
    "central-government",
    "voluntary",
    "private",
    "other",
]
MembershipHeldBy = Literal["authority", "force", "both"]  # 002 §9.1 and Appendix 1
Organisation = Literal["single", "multi"]  # 004: single organisation / multi organisation
Decision = Literal["approved", "conditional", "not-approved", "deferred"]
RiskStatus = Literal["open", "treated", "accepted", "closed"]

PARTNERSHIP_TYPES = get_args(PartnershipType)
FOCUSES = get_args(Focus)
BASES = get_args(Basis)
LEVELS = get_args(Level)
PARTNERSHIP_STATUSES = get_args(PartnershipStatus)
SECTORS = get_args(Sector)
MEMBERSHIP_HOLDERS = get_args(MembershipHeldBy)
ORGANISATIONS = get_args(Organisation)
# The data-sheet fields that take one of a list (a questionnaire's `datasheet:` choices must be among them).
CHOICE_FIELD_VALUES = {"type": PARTNERSHIP_TYPES, "focus": FOCUSES, "basis": BASES, "level": LEVELS}
DECISIONS = get_args(Decision)
RISK_STATUSES = get_args(RiskStatus)
CLOSED = "closed"


def _not_blank(text: str) -> str:
    if not text.strip():
        raise ValueError("must not be blank")
    return text


Text = Annotated[str, AfterValidator(_not_blank)]
Score = Annotated[int, Field(ge=1, le=5)]


class Fields(BaseModel):
    model_config = ConfigDict(extra="forbid")
    # Fields that name someone or something: checked at entry only (see `name_problem`), so a
    # record written before the rule is not made unreadable by it.
    NAMES: ClassVar[tuple[str, ...]] = ()


NAME_LIMIT = 200
# Characters a name never needs and a terminal obeys: controls (escape sequences, new lines) and
# the explicit direction embeddings, overrides and isolates (U+202E shows text backwards).
NOT_IN_NAMES = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def name_problem(value: str) -> str | None:
    """Why `value` cannot be a name (one line, at most NAME_LIMIT characters, nothing a terminal obeys)."""
    if len(value) > NAME_LIMIT:
        return f"is {len(value):,} characters long; a name is at most {NAME_LIMIT}"
    found = NOT_IN_NAMES.search(value)
    if found:
        char = found.group()
        what = "a line break" if char in "\r\n" else f"the control character U+{ord(char):04X}"
        return f"holds {what}; a name is one line of ordinary text"
    return None


class Partner(Fields):
    """One other partner (001: "Details of other Partners")."""

    name: Text
    sector: Sector | None = None
    contact: str | None = None
    role: str | None = None  # what the partner brings or is expected to do
    accountable: bool = False  # the partnership's accountable body


def _partner_from_name(value: Any) -> Any:
    """Registers written before partners had details hold each as its name."""
    return {"name": value} if isinstance(value, str) else value


class Representative(Fields):
    """Who represents us (001 Appointments; 002 §6.1 and §9.2)."""

    name: Text
    kind: RepresentativeKind
    represents: str | None = None  # the body they speak for there (002 §6.1), e.g. the Police Authority
    appointed_by: str | None = None  # members: the Annual General Meeting; officers: the Chief Executive
    appointed_on: date | None = None
    delegation: str | None = None  # their written delegation, or where it is recorded
    reports_back: str | None = None  # to whom and how


class Contract(Fields):
    """A contractual service-delivery partnership, "monitored as such" (003)."""

    value: NonNegativeFloat | None = None  # £ over the term
    term_months: int | None = Field(default=None, ge=1, le=600)
    renewal_date: date | None = None


# Data-sheet fields added after registers were first written: a stored record may lack them.
LATER_FIELDS = (
    "membership_held_by",
    "organisation",
    "end_date",
    "exit_strategy",
    "performance_methodology",
    "contract",
)


class DataSheet(Fields):
    """The partnership data sheet, plus what the app works out (significance, interval)."""

    NAMES = ("name", "partners", "accountable_body", "lead_officer", "sub_groups", "representatives")

    name: Text
    purpose: str | None = None
    type: PartnershipType | None = None
    focus: Focus | None = None
    basis: Basis | None = None
    level: Level | None = None
    accountable_body: str | None = None
    partners: list[Annotated[Partner, BeforeValidator(_partner_from_name)]] = []
    representatives: list[Representative] = []
    lead_officer: str | None = None
    sub_groups: list[Text] = []
    financial_contribution: NonNegativeFloat | None = None  # £
    start_date: date | None = None
    review_timetable: str | None = None
    status: PartnershipStatus = "proposed"
    significance: Significance | None = None
    review_interval_months: int | None = Field(default=None, ge=1, le=120)
    membership_held_by: MembershipHeldBy | None = None
    organisation: Organisation | None = None
    end_date: date | None = None
    exit_strategy: str | None = None
    performance_methodology: str | None = None  # 004: identified in the partnership register
    contract: Contract | None = None

    @model_validator(mode="after")
    def _consistent(self) -> DataSheet:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValueError(f"the end date {self.end_date} is before the start date {self.start_date}")
        accountable = [partner.name for partner in self.partners if partner.accountable]
        if len(accountable) > 1:
            raise ValueError(
                f"only one partner can be the accountable body, but {' and '.join(accountable)} are marked"
            )
        if accountable and self.accountable_body is None:
            self.accountable_body = accountable[0]
        elif accountable and (self.accountable_body or "").casefold() != accountable[0].casefold():
            raise ValueError(
                f"the partner {accountable[0]!r} is marked the accountable body, but the accountable body is "
                f"{self.accountable_body!r}: change one of them"
            )
        if self.contract is not None and not self.contract.model_dump(exclude_none=True):
            self.contract = None  # a contract with nothing recorded is no contract
        return self


class ActionFields(Fields):
    text: Text
    owner: str | None = None
    due: date | None = None
    source: str | None = None  # where it was raised, e.g. "p3f9a1c-a4b2e01 imp-3"


class RiskFields(Fields):
    """What a risk's owner may set. Its scores are not among them: the store works them out
    (`scores`) from likelihood and impact on every write, so they never disagree."""

    NAMES = ("owner",)

    description: Text
    category: str | None = None
    likelihood: Score | None = None
    impact: Score | None = None
    owner: str | None = None
    mitigation: str | None = None
    source: str | None = None
    target_likelihood: Score | None = None
    target_impact: Score | None = None
    review_due: date | None = None
    status: RiskStatus = "open"


def score(likelihood: int | None, impact: int | None) -> int | None:
    """Likelihood × impact, or None while either is not given."""
    return likelihood * impact if likelihood and impact else None


def scores(risk: dict[str, Any]) -> dict[str, int | None]:
    """A risk's `score` and `target_score`, from its likelihoods and impacts (a record written
    before risks were scored simply has none)."""
    return {
        "score": score(risk.get("likelihood"), risk.get("impact")),
        "target_score": score(risk.get("target_likelihood"), risk.get("target_impact")),
    }


class SignoffFields(Fields):
    NAMES = ("by", "role", "consulted")

    by: Text
    role: Text
    decision: Decision
    consulted: list[Text] = []
    conditions: str | None = None

    @model_validator(mode="after")
    def _conditions_for_conditional(self) -> SignoffFields:
        if self.decision == "conditional" and not (self.conditions or "").strip():
            raise ValueError("a conditional approval needs its conditions")
        if self.decision == "approved" and (self.conditions or "").strip():
            raise ValueError(
                "conditions were given with a plain approval: choose 'conditional' (approved with conditions), or leave them out"
            )
        return self


DATASHEET_FIELDS = tuple(DataSheet.model_fields)
_PARTNER_DEFAULTS = Partner(name="-").model_dump(mode="json")
_REPRESENTATIVE_DEFAULTS = Representative(name="-", kind="member").model_dump(mode="json")


def read_sheet(record: dict[str, Any]) -> dict[str, Any]:
    """A stored partnership record in today's shape: each partner and representative with every
    field (a partner stored as a plain name is that name and nothing else known). Nothing is written."""
    return {
        **record,
        **{field: record.get(field) for field in LATER_FIELDS},
        "partners": [{**_PARTNER_DEFAULTS, **_partner_from_name(p)} for p in record.get("partners") or []],
        "representatives": [{**_REPRESENTATIVE_DEFAULTS, **r} for r in record.get("representatives") or []],
    }


def validated(model: type[Fields], what: str, fields: dict[str, Any]) -> dict[str, Any]:
    """The fields as JSON-ready values, or StoreError describing every problem."""
    try:
        values = model.model_validate(fields).model_dump(mode="json")
    except ValidationError as exc:
        raise StoreError("; ".join(_describe(error, what, model) for error in exc.errors())) from None
    for field in model.NAMES:
        for value in _names_in(values.get(field)):
            problem = name_problem(value)
            if problem is not None:
                raise StoreError(
                    f"{what} field {field!r} {problem} (got {value[:60]!r}{'…' if len(value) > 60 else ''})"
                )
    return values


def _names_in(value: Any) -> list[str]:
    """The names a field holds: itself, each item of a list, or each representative's name."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item["name"] if isinstance(item, dict) else item for item in value]
    return []


def _describe(error: Any, what: str, model: type[Fields]) -> str:
    where = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in error["loc"]).lstrip(".")
    if error["type"] == "extra_forbidden":
        return f"unknown {what} field {where!r} (known fields: {', '.join(model.model_fields)})"
    message = error["msg"].removeprefix("Value error, ")
    if not where:
        return f"{what}: {message}"
    return f"{what} field {where!r}: {message} (got {error['input']!r})"
