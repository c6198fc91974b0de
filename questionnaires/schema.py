"""The shape of a questionnaire file (schema version 1).

A definition is YAML: questionnaire → sections → questions, each with the
fields below; unknown fields are errors so a typo never silently drops a
rule. Conditions stay text here; the loader parses and cross-checks them
(see questionnaires.conditions and questionnaires.loader).
"""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from questionnaires.languages import DEFAULT_LANGUAGE, FIXED_LABELS, Text, valid_language
from store.records import CHOICE_FIELD_VALUES

SCHEMA_VERSION = 1

ID_PATTERN = r"^[a-z0-9][a-z0-9_.-]*$"


class QuestionType(StrEnum):
    YES_NO = "yes_no"
    YES_NO_UNCLEAR = "yes_no_unclear"
    SINGLE_CHOICE = "single_choice"
    MULTI_CHOICE = "multi_choice"
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    DATE = "date"
    NUMBER = "number"
    MET_PARTLY_NOT = "met_partly_not"


class Choice(BaseModel):
    """One answer option: `value` is stored, `label` is shown."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    value: str = Field(pattern=ID_PATTERN)
    label: Text

    @model_validator(mode="before")
    @classmethod
    def _from_plain_string(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"value": data, "label": data}
        return data


# Types whose choices are fixed by the type itself, in the seed documents' order.
FIXED_CHOICES: dict[QuestionType, tuple[Choice, ...]] = {
    QuestionType.YES_NO: (Choice(value="yes", label="Yes"), Choice(value="no", label="No")),
    QuestionType.YES_NO_UNCLEAR: (
        Choice(value="yes", label="Yes"),
        Choice(value="no", label="No"),
        Choice(value="unclear", label="Unclear"),
    ),
    QuestionType.MET_PARTLY_NOT: (
        Choice(value="met", label="Met"),
        Choice(value="partly", label="Partly met"),
        Choice(value="not-met", label="Not met"),
    ),
}
CHOICE_TYPES = {QuestionType.SINGLE_CHOICE, QuestionType.MULTI_CHOICE, *FIXED_CHOICES}
TEXT_LIMITS = {QuestionType.SHORT_TEXT: 1_000, QuestionType.LONG_TEXT: 100_000}


# The data-sheet fields a question's answer may fill when its assessment is signed off
# (`datasheet:` on the question), by the question types whose answers fit them; the choice
# fields also need choice values the data sheet takes (store.records).
DATASHEET_FIELDS = {
    QuestionType.NUMBER: ("financial_contribution",),
    QuestionType.DATE: ("start_date",),
    QuestionType.SINGLE_CHOICE: ("type", "focus", "basis", "level"),
    QuestionType.SHORT_TEXT: ("purpose", "accountable_body", "lead_officer", "review_timetable"),
    QuestionType.LONG_TEXT: ("purpose", "review_timetable"),
}


class Source(BaseModel):
    """Where the wording comes from: a seed document and its section."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    document: str
    section: str


class ExtraField(BaseModel):
    """A note/evidence or action box offered beside the answer."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    label: str
    required_if: str | None = None  # a condition; the word `answer` is this question


class RiskTemplate(BaseModel):
    """A risk-register row raised by an answer."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    description: str
    category: str | None = None
    likelihood: int | None = Field(default=None, ge=1, le=5, strict=True)
    impact: int | None = Field(default=None, ge=1, le=5, strict=True)


class Rule(BaseModel):
    """When the condition holds, raise a flag, an action and/or a risk."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    when: str
    flag: str | None = None
    action: str | None = None
    risk: RiskTemplate | None = None

    @model_validator(mode="after")
    def _has_an_effect(self) -> Rule:
        if not (self.flag or self.action or self.risk):
            raise ValueError("a rule needs at least one of flag, action or risk")
        return self


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=ID_PATTERN)
    text: Text
    type: QuestionType
    guidance: Text | None = None
    required: bool = False
    choices: tuple[Choice, ...] = ()
    unit: str | None = None  # number questions, e.g. "£"
    minimum: float | None = Field(default=None, allow_inf_nan=False)
    maximum: float | None = Field(default=None, allow_inf_nan=False)
    visible_if: str | None = None
    required_if: str | None = None  # a condition: the question is required when it holds (not with `required`)
    note: ExtraField | None = None
    action: ExtraField | None = None
    rules: tuple[Rule, ...] = ()
    source: Source | None = None
    datasheet: str | None = None  # the data-sheet field the answer fills at sign-off (DATASHEET_FIELDS)
    # The language the question is shown in (questionnaires.translations): the fixed choices' labels.
    _language: str = PrivateAttr(default=DEFAULT_LANGUAGE)

    @field_validator("choices", mode="before")
    @classmethod
    def _choices_list(cls, value: Any) -> Any:
        return () if value is None else value

    @model_validator(mode="after")
    def _limits_in_order(self) -> Question:
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValueError(f"minimum {self.minimum:g} is above maximum {self.maximum:g}: swap them")
        return self

    @model_validator(mode="after")
    def _datasheet_field_fits(self) -> Question:
        if self.datasheet is None:
            return self
        fitting = DATASHEET_FIELDS.get(self.type, ())
        if self.datasheet not in fitting:
            takes = f"one of {', '.join(fitting)}" if fitting else "no data-sheet field"
            raise ValueError(f"datasheet: {self.datasheet!r} cannot take a {self.type.value} answer; it takes {takes}")
        allowed = CHOICE_FIELD_VALUES.get(self.datasheet)
        strays = [c.value for c in self.choices if allowed is not None and c.value not in allowed]
        if strays:
            raise ValueError(
                f"datasheet: {self.datasheet} takes only {', '.join(allowed or ())}, not {', '.join(strays)}"
            )
        return self

    @property
    def options(self) -> tuple[Choice, ...]:
        """The choices a user picks from (fixed ones for yes/no-like types, unless relabelled)."""
        if self.choices or self.type not in FIXED_CHOICES:
            return self.choices
        labels = FIXED_LABELS.get(self._language)
        if labels is None:
            return FIXED_CHOICES[self.type]
        return tuple(Choice(value=c.value, label=labels[c.value]) for c in FIXED_CHOICES[self.type])

    def label_for(self, value: Any) -> str:
        """How a stored value reads on screen and on paper."""
        labels = {c.value: c.label for c in self.options}
        if isinstance(value, list):
            return "; ".join(labels.get(v, str(v)) for v in value)
        if value is None:
            return ""
        if self.type is QuestionType.NUMBER and self.unit:
            return f"{self.unit}{value:,}" if self.unit in "£$€" else f"{value:,} {self.unit}"
        return labels.get(value, str(value))


class Repeat(BaseModel):
    """A section answered once per item (e.g. per partner): how many items, and what one is called."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    min: int = Field(default=0, ge=0, le=100, strict=True)
    max: int = Field(default=20, ge=1, le=100, strict=True)
    label: Text = "Item"  # may be given per language, as a section's title

    @model_validator(mode="after")
    def _limits_in_order(self) -> Repeat:
        if self.min > self.max:
            raise ValueError(f"repeat min {self.min} is above max {self.max}: swap them")
        return self

    def item_label(self, number: int) -> str:
        """'Partner 2' for the second item (counted from 1)."""
        return f"{self.label} {number}"


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=ID_PATTERN)
    title: Text
    guidance: Text | None = None
    visible_if: str | None = None
    source: Source | None = None
    repeat: Repeat | None = None  # answered once per item; the answers sit under the section id as a list
    questions: tuple[Question, ...] = Field(min_length=1)


class OutcomeCase(BaseModel):
    """One possible result; the first case whose `when` holds wins."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    when: str
    value: str = Field(pattern=ID_PATTERN)
    label: Text | None = None
    explanation: Text | None = None
    review_interval_months: int | None = Field(default=None, ge=1, le=60, strict=True)
    requires: tuple[str, ...] = ()
    # The body belongs on the Association Register (001), not the Partnership Register: the wizard
    # offers to record it there and the CLI names the command.
    association_register: bool = Field(default=False, strict=True)
    source: Source | None = None


class Outcome(BaseModel):
    """A questionnaire-level decision, e.g. significance or scope."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=ID_PATTERN)
    title: Text
    cases: tuple[OutcomeCase, ...] = Field(min_length=1)  # end with `when: "true"` for a fallback


class Computed(BaseModel):
    """A number worked out from the answers, usable by its id in conditions: the `count` of a
    repeat section's items (or a multiple-choice question's ticks), or the `sum` of number
    questions (a question inside a repeat section sums over its items) and other computed values."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=ID_PATTERN)
    label: Text | None = None  # how the wizard and the pack name it; the id when not given
    count: str | None = None
    sum: tuple[str, ...] | None = None

    @field_validator("sum", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _one_kind(self) -> Computed:
        if (self.count is None) == (self.sum is None):
            raise ValueError("a computed value takes exactly one of 'count' or 'sum'")
        if self.sum is not None and not self.sum:
            raise ValueError("'sum' is empty: list the number questions to add up")
        return self

    @property
    def inputs(self) -> tuple[str, ...]:
        return (self.count,) if self.count is not None else tuple(self.sum or ())


class Questionnaire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    schema_version: int = Field(default=SCHEMA_VERSION, strict=True)
    id: str = Field(pattern=ID_PATTERN)
    title: Text
    version: int = Field(ge=1, strict=True)  # `version: true` is not version 1
    languages: tuple[str, ...] = (DEFAULT_LANGUAGE,)  # the first is shown when a chosen one is not given
    description: str | None = None
    source: Source
    sections: tuple[Section, ...] = Field(min_length=1)
    outcomes: tuple[Outcome, ...] = ()
    computed: tuple[Computed, ...] = ()

    @field_validator("schema_version")
    @classmethod
    def _known_schema(cls, value: int) -> int:
        if value != SCHEMA_VERSION:
            raise ValueError(
                f"schema_version {value} is not supported; this pwiz reads schema_version {SCHEMA_VERSION}"
            )
        return value

    @field_validator("languages")
    @classmethod
    def _language_codes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if not value:
            raise ValueError(f"'languages' is empty; list at least one, e.g. [{DEFAULT_LANGUAGE}]")
        for code in value:
            if not valid_language(code):
                raise ValueError(f"{code!r} is not a language code; use lower-case codes such as en or cy (BCP 47)")
        if len(set(value)) != len(value):
            raise ValueError("a language is listed twice in 'languages'; list each once")
        return value

    def questions(self) -> list[Question]:
        """Every question in document order."""
        return [q for s in self.sections for q in s.questions]

    def repeats(self) -> dict[str, Section]:
        """The repeat sections by id."""
        return {s.id: s for s in self.sections if s.repeat is not None}

    @cached_property
    def by_id(self) -> dict[str, Question]:
        """Questions by id (ids are unique: the loader checks)."""
        return {q.id: q for q in self.questions()}
