"""Read a questionnaire file and report every problem in it, for its author.

Three passes, each collecting all its problems before giving up: YAML
syntax (with line numbers), the schema (pydantic, mapped back to lines and
question ids), then cross-checks the schema cannot express: duplicate ids,
conditions that do not parse or name unknown questions or impossible
values, visibility cycles, choice questions without choices.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from questionnaires import conditions as cond
from questionnaires import extensions, translations
from questionnaires.definition import CompiledCase, CompiledOutcome, Definition
from questionnaires.errors import DefinitionError, Problem
from questionnaires.located import LocatedData
from questionnaires.schema import (
    CHOICE_TYPES,
    FIXED_CHOICES,
    Choice,
    Computed,
    ExtraField,
    Outcome,
    OutcomeCase,
    Question,
    Questionnaire,
    QuestionType,
    Repeat,
    RiskTemplate,
    Rule,
    Section,
    Source,
)

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails  # pydantic's own: only its type is named here

CONDITION_HELP = "see 'Conditions' in questionnaires/README.md"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def load_file(path: Path) -> Definition:
    """Load and validate one file; raise DefinitionError listing every problem."""
    return load_located(read_located(path), str(path), Path(path))


def read_located(path: Path) -> LocatedData:
    """A file's YAML data with the line of every value; DefinitionError if it cannot be read or parsed."""
    from questionnaires import yaml_lines  # PyYAML: imported only when a file is read (not from the cache)

    name = str(path)
    try:
        text = yaml_lines.read_text(path)
    except yaml_lines.YamlProblem as exc:
        raise DefinitionError([Problem(name, exc.line, None, exc.what, exc.fix)]) from None
    except FileNotFoundError:
        raise DefinitionError([Problem(name, None, None, "file not found", "check the path")]) from None
    except UnicodeDecodeError as exc:
        raise DefinitionError(
            [Problem(name, None, None, f"not UTF-8 text (byte {exc.start})", "save the file as UTF-8")]
        ) from None
    except OSError as exc:
        raise DefinitionError(
            [Problem(name, None, None, f"cannot read: {exc.strerror}", "check the file's permissions")]
        ) from None
    return _parse(text, name)


def load_text(text: str, name: str, path: Path | None = None) -> Definition:
    """Load a definition from YAML text; `name` is used in messages."""
    return load_located(_parse(text, name), name, path)


def _parse(text: str, name: str) -> LocatedData:
    from questionnaires import yaml_lines

    try:
        return yaml_lines.load(text)
    except yaml_lines.YamlProblem as exc:
        raise DefinitionError([Problem(name, exc.line, None, exc.what, exc.fix)]) from None


def load_located(located: LocatedData, name: str, path: Path | None = None) -> Definition:
    """Validate parsed YAML data and compile its conditions; `name` is used in messages.

    The library's cache (questionnaires.cache) calls this with data kept from
    an earlier run and no line numbers: data that loaded once loads the same.
    """
    if not isinstance(located.data, dict):
        raise DefinitionError(
            [
                Problem(
                    name,
                    1,
                    None,
                    "a questionnaire file must be a mapping (id:, title:, sections: ...)",
                    "start from a shipped questionnaire file",
                )
            ]
        )
    controls = list(_control_characters(located))
    if controls:
        raise DefinitionError(
            [
                Problem(name, line, None, what, "delete it (it shows as nothing, or as an instruction to a terminal)")
                for line, what in controls
            ]
        )
    try:
        model = Questionnaire.model_validate(located.data)
    except ValidationError as exc:
        errors = [e for e in exc.errors() if not _knock_on(e)]
        raise DefinitionError([_schema_problem(name, located, err) for err in errors]) from None
    checker = _Checker(name, located, model)
    definition = checker.compile()
    if checker.problems:
        raise DefinitionError(sorted(checker.problems, key=lambda p: p.line or 0))
    return dataclasses.replace(definition, path=path)


# --- schema errors ---------------------------------------------------------

_MODEL_AT: list[tuple[tuple[str, ...], type[BaseModel]]] = [
    # path shape (ints replaced by "#") -> model, most specific first
    (("sections", "#", "questions", "#", "rules", "#", "risk"), RiskTemplate),
    (("sections", "#", "questions", "#", "rules", "#"), Rule),
    (("sections", "#", "questions", "#", "choices", "#"), Choice),
    (("sections", "#", "questions", "#", "note"), ExtraField),
    (("sections", "#", "questions", "#", "action"), ExtraField),
    (("sections", "#", "questions", "#", "source"), Source),
    (("sections", "#", "questions", "#"), Question),
    (("sections", "#", "source"), Source),
    (("sections", "#"), Section),
    (("sections", "#", "repeat"), Repeat),
    (("computed", "#"), Computed),
    (("outcomes", "#", "cases", "#", "source"), Source),
    (("outcomes", "#", "cases", "#"), OutcomeCase),
    (("outcomes", "#"), Outcome),
    (("source",), Source),
    ((), Questionnaire),
]


def _model_at(path: tuple[Any, ...]) -> type[BaseModel]:
    shape = tuple("#" if isinstance(p, int) else p for p in path)
    for pattern, model in _MODEL_AT:
        if shape == pattern:
            return model
    return Questionnaire


def _where(data: Any, path: tuple[Any, ...]) -> str | None:
    """'question 'x'' / 'section 'y'' / 'outcome 'z'' for the nearest owner of path."""
    owners = [
        (("sections", "#", "questions", "#"), "question"),
        (("sections", "#"), "section"),
        (("outcomes", "#"), "outcome"),
        (("computed", "#"), "computed value"),
    ]
    for shape, kind in owners:
        if len(path) >= len(shape) and all((s == "#" and isinstance(p, int)) or s == p for s, p in zip(shape, path)):
            node = data
            try:
                for step in path[: len(shape)]:
                    node = node[step]
            except (KeyError, IndexError, TypeError):
                continue
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                return f"{kind} '{node['id']}'"
            return f"{kind} {path[len(shape) - 1] + 1}"
    return None


def _closest(word: str, options: list[str]) -> str | None:
    match = difflib.get_close_matches(word, options, n=1)
    return match[0] if match else None


def _knock_on(err: ErrorDetails) -> bool:
    """pydantic also calls a list 'too short' when its items failed: not a problem of its own."""
    return err["type"] == "too_short" and bool(err.get("input"))


def _schema_problem(name: str, located: LocatedData, err: ErrorDetails) -> Problem:
    loc = tuple(err["loc"])
    kind = err["type"]
    line = located.line_of(loc)
    where = _where(located.data, loc)
    field = str(loc[-1]) if loc else "file"
    if kind == "extra_forbidden":
        allowed = sorted(_model_at(loc[:-1]).model_fields)
        close = _closest(field, allowed)
        fix = f"did you mean '{close}'?" if close else f"remove it; allowed fields are {', '.join(allowed)}"
        return Problem(name, line, where, f"unknown field '{field}'", fix)
    if kind == "missing":
        return Problem(name, line, where, f"missing required field '{field}'", f"add '{field}:'")
    if kind == "enum" and field == "type":
        types = ", ".join(t.value for t in QuestionType)
        close = _closest(str(err.get("input")), [t.value for t in QuestionType])
        hint = f"did you mean '{close}'? " if close else ""
        return Problem(name, line, where, f"unknown question type '{err.get('input')}'", f"{hint}use one of: {types}")
    if kind == "string_pattern_mismatch":
        return Problem(
            name,
            line,
            where,
            f"'{err.get('input')}' is not a valid {field}",
            "use lower-case letters, digits, '-', '_' or '.', starting with a letter or digit",
        )
    if kind == "too_short":
        return Problem(name, line, where, f"'{field}' is empty", f"add at least one entry under '{field}:'")
    if kind == "value_error":
        return Problem(name, line, where, str(err["ctx"]["error"]), "see questionnaires/README.md")
    return Problem(name, line, where, f"'{field}': {err['msg'].lower()}", "correct the value")


# --- cross-checks ------------------------------------------------------------


@dataclass(frozen=True)
class _Cond:
    """One condition in the file: where it is, its text, what `answer` means."""

    path: tuple[Any, ...]
    owner: str
    text: str
    self_id: str | None
    group: str | None = None  # the repeat section it sits in: it may read that item's answers


class _Checker:
    def __init__(self, name: str, located: LocatedData, model: Questionnaire):
        self.name, self.located, self.model = name, located, model
        self.problems: list[Problem] = []
        self.by_id: dict[str, Question] = {}
        self.computed = {c.id: c for c in model.computed}
        self.group_of = extensions.group_of(model)

    def problem(self, path: tuple[Any, ...], owner: str | None, what: str, fix: str) -> None:
        self.problems.append(Problem(self.name, self.located.line_of(path), owner, what, fix))

    def compile(self) -> Definition:
        self.check_ids()
        self.check_questions()
        self.problems += extensions.check(self.model, self.located, self.name)
        self.check_translations()
        compiled = {c: self.parse(c) for c in self.conditions()}
        order = self.visibility_order(compiled)
        return self.assemble(compiled, order)

    # ids

    def check_ids(self) -> None:
        seen: dict[tuple[str, str], tuple[Any, ...]] = {}

        def claim(kind: str, ident: str, path: tuple[Any, ...]) -> None:
            first = seen.setdefault((kind, ident), path)
            if first is not path:
                self.problem(
                    path,
                    f"{kind} '{ident}'",
                    f"duplicate {kind} id '{ident}' (first used on line {self.located.line_of(first)})",
                    f"give each {kind} its own id",
                )

        for si, section in enumerate(self.model.sections):
            claim("section", section.id, ("sections", si))
            for qi, question in enumerate(section.questions):
                claim("question", question.id, ("sections", si, "questions", qi))
                self.by_id.setdefault(question.id, question)
        for oi, outcome in enumerate(self.model.outcomes):
            claim("outcome", outcome.id, ("outcomes", oi))

    # per-question shape rules the schema cannot express

    def check_questions(self) -> None:
        for path, q in self.question_paths():
            owner = f"question '{q.id}'"
            if q.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTI_CHOICE) and not q.choices:
                self.problem(path, owner, f"a {q.type.value} question has no choices", "add a 'choices:' list")
            if q.choices and q.type in FIXED_CHOICES:
                self.check_relabelled(path, q)
            elif q.choices and q.type not in (QuestionType.SINGLE_CHOICE, QuestionType.MULTI_CHOICE):
                self.problem(
                    path + ("choices",),
                    owner,
                    f"'choices' is not used by a {q.type.value} question",
                    "remove 'choices' or make it a single_choice or multi_choice question",
                )
            values = [c.value for c in q.choices]
            for dup in sorted({v for v in values if values.count(v) > 1}):
                self.problem(path + ("choices",), owner, f"choice '{dup}' is listed twice", "keep one of them")
            if q.type is not QuestionType.NUMBER:
                for fld in ("unit", "minimum", "maximum"):
                    if getattr(q, fld) is not None:
                        self.problem(
                            path + (fld,),
                            owner,
                            f"'{fld}' only applies to number questions",
                            f"remove '{fld}' or make the question type number",
                        )

    def check_relabelled(self, path: tuple[Any, ...], q: Question) -> None:
        """A yes/no-like question's `choices` only relabel its fixed choices: the same values, in order."""
        fixed = [c.value for c in FIXED_CHOICES[q.type]]
        if [c.value for c in q.choices] != fixed:
            self.problem(
                path + ("choices",),
                f"question '{q.id}'",
                f"a {q.type.value} question's choices are fixed ({', '.join(fixed)}); 'choices' may only relabel them",
                f"list exactly {', '.join(fixed)}, in that order, each with its label, or remove 'choices'",
            )

    def check_translations(self) -> None:
        """Every text given per language gives each declared language, and no other; the model is
        then worded in its first language."""
        texts = translations.translated(self.model)
        if not texts:
            return  # a file in one language, as every file was before translations
        declared = ", ".join(self.model.languages)
        for path, code in translations.gaps(self.model.languages, texts):
            field = str(path[-1])
            owner = _where(self.located.data, path)
            if code in self.model.languages:
                self.problem(
                    path,
                    owner,
                    f"'{field}' has no '{code}' text (the questionnaire's languages are {declared})",
                    f"add '{code}: ...' under '{field}:', or leave '{code}' out of 'languages:'",
                )
            else:
                self.problem(
                    path,
                    owner,
                    f"'{field}' has a '{code}' text, but '{code}' is not in the questionnaire's languages ({declared})",
                    f"add {code} to 'languages:', or remove the '{code}' text",
                )
        self.model = translations.in_language(self.model, self.model.languages[0])

    def question_paths(self) -> Iterator[tuple[tuple[Any, ...], Question]]:
        for si, section in enumerate(self.model.sections):
            for qi, question in enumerate(section.questions):
                yield ("sections", si, "questions", qi), question

    # conditions

    def conditions(self) -> Iterator[_Cond]:
        for si, section in enumerate(self.model.sections):
            if section.visible_if:
                yield _Cond(("sections", si, "visible_if"), f"section '{section.id}'", section.visible_if, None)
        for path, q in self.question_paths():
            owner = f"question '{q.id}'"
            group = self.group_of.get(q.id)
            if q.visible_if:
                yield _Cond(path + ("visible_if",), owner, q.visible_if, None, group)
            if q.required_if:
                yield _Cond(path + ("required_if",), owner, q.required_if, q.id, group)
            for fld in ("note", "action"):
                extra = getattr(q, fld)
                if extra and extra.required_if:
                    yield _Cond(path + (fld, "required_if"), owner, extra.required_if, q.id, group)
            for ri, rule in enumerate(q.rules):
                yield _Cond(path + ("rules", ri, "when"), owner, rule.when, q.id, group)
        for oi, outcome in enumerate(self.model.outcomes):
            owner = f"outcome '{outcome.id}'"
            for ci, case in enumerate(outcome.cases):
                yield _Cond(("outcomes", oi, "cases", ci, "when"), owner, case.when, None)

    def parse(self, c: _Cond) -> cond.Node | None:
        try:
            node = cond.parse(c.text, self_id=c.self_id)
        except cond.ConditionSyntaxError as exc:
            self.problem(c.path, c.owner, f"condition {c.text!r}: {exc}", CONDITION_HELP)
            return None
        names = [*self.by_id, *self.computed]
        unknown = sorted(cond.references(node) - set(names))
        for ref in unknown:
            close = _closest(ref, names)
            fix = f"did you mean '{close}'?" if close else "use the id of a question in this questionnaire"
            self.problem(c.path, c.owner, f"condition {c.text!r} names unknown question '{ref}'", fix)
        for ref in sorted(cond.references(node) - set(unknown)):
            outside = extensions.out_of_scope(self.model, ref, c.group)
            if outside:
                self.problem(c.path, c.owner, f"condition {c.text!r} {outside[0]}", outside[1])
        if not unknown:
            for compare in cond.comparisons(node):
                self.check_comparison(c, compare)
        return node  # kept even when faulty, so that cycles are found in the same pass

    def check_comparison(self, c: _Cond, compare: cond.Compare) -> None:
        sides = [(compare.left, compare.right), (compare.right, compare.left)]
        for ref, other in sides:
            if not (isinstance(ref, cond.Ref) and isinstance(other, cond.Literal)):
                continue
            if ref.question in self.computed:
                reason = extensions.impossible_computed(ref.question, other.value)
                if reason:
                    self.problem(c.path, c.owner, f"condition {c.text!r} {reason[0]}", reason[1])
                continue
            q = self.by_id[ref.question]
            if compare.op in ("<", "<=", ">", ">=") and q.type not in (QuestionType.NUMBER, QuestionType.DATE):
                self.problem(
                    c.path,
                    c.owner,
                    f"condition {c.text!r} uses '{compare.op}' on {q.type.value} question '{q.id}'",
                    "only number and date questions can be compared with < or >",
                )
                continue
            values = other.value if isinstance(other.value, tuple) else (other.value,)
            for value in values:
                reason = _impossible(q, value)
                if reason:
                    self.problem(
                        c.path,
                        c.owner,
                        f"condition {c.text!r} compares '{q.id}' with {value!r}, {reason[0]}",
                        reason[1],
                    )

    def visibility_order(self, compiled: dict[_Cond, cond.Node | None]) -> tuple[str, ...]:
        """Question ids, each after every question its visibility reads; reports cycles."""
        deps: dict[str, set[str]] = {q.id: set() for _, q in self.question_paths()}
        for si, section in enumerate(self.model.sections):
            section_refs = self._refs(compiled, ("sections", si, "visible_if"))
            for qi, q in enumerate(section.questions):
                deps[q.id] |= section_refs | self._refs(compiled, ("sections", si, "questions", qi, "visible_if"))
        extensions.add_dependencies(self.model, deps)
        known = set(deps)
        order: list[str] = []
        state: dict[str, int] = {}  # 1 = visiting, 2 = done
        reported: set[frozenset[str]] = set()
        # Two questions under one id merge their conditions here: any "cycle" through them is the
        # duplicate id (already reported), not a real one.
        ambiguous = {qid for qid, n in Counter(q.id for _, q in self.question_paths()).items() if n > 1}
        questions = {q.id for _, q in self.question_paths()}

        def visit(qid: str, trail: list[str]) -> None:
            if state.get(qid) == 2:
                return
            if state.get(qid) == 1:
                loop = trail[trail.index(qid) :] + [qid]
                if frozenset(loop) not in reported and not ambiguous & set(loop):
                    reported.add(frozenset(loop))
                    path = next(
                        (p for p, q in self.question_paths() if q.id == qid), extensions.path_of(self.model, qid)
                    )
                    if set(loop) <= questions:
                        owner, what = f"question '{qid}'", "visibility conditions form a cycle"
                        fix = "make each question's visible_if depend only on questions that do not depend back on it"
                    else:  # computed values in the loop (e.g. a sum that reads itself through another)
                        kind = "question" if qid in questions else "computed value"
                        owner, what = (
                            f"{kind} '{qid}'",
                            "conditions and computed values depend on each other in a cycle",
                        )
                        fix = "make each computed value and visible_if read only what does not depend back on it"
                    self.problem(path, owner, f"{what}: {' -> '.join(loop)}", fix)
                return
            state[qid] = 1
            for dep in sorted(deps[qid] & known):
                visit(dep, trail + [qid])
            state[qid] = 2
            order.append(qid)

        for qid in deps:
            visit(qid, [])
        return tuple(order)

    @staticmethod
    def _refs(compiled: dict[_Cond, cond.Node | None], path: tuple[Any, ...]) -> set[str]:
        for c, node in compiled.items():
            if c.path == path and node is not None:
                return cond.references(node)
        return set()

    def assemble(self, compiled: dict[_Cond, cond.Node | None], order: tuple[str, ...]) -> Definition:
        at = {c.path: node for c, node in compiled.items()}
        questions = list(self.question_paths())
        return Definition(
            model=self.model,
            path=None,
            question_visible={q.id: at.get(p + ("visible_if",)) for p, q in questions},
            section_visible={s.id: at.get(("sections", si, "visible_if")) for si, s in enumerate(self.model.sections)},
            section_of={q.id: s for s in self.model.sections for q in s.questions},
            rules={
                q.id: tuple(
                    (r, node) for ri, r in enumerate(q.rules) if (node := at.get(p + ("rules", ri, "when"))) is not None
                )
                for p, q in questions
            },
            question_required={q.id: at.get(p + ("required_if",)) for p, q in questions},
            group_of=self.group_of,
            note_required={q.id: at.get(p + ("note", "required_if")) for p, q in questions},
            action_required={q.id: at.get(p + ("action", "required_if")) for p, q in questions},
            outcomes=tuple(
                CompiledOutcome(
                    o,
                    tuple(
                        CompiledCase(case, node)
                        for ci, case in enumerate(o.cases)
                        if (node := at.get(("outcomes", oi, "cases", ci, "when"))) is not None
                    ),
                )
                for oi, o in enumerate(self.model.outcomes)
            ),
            visibility_order=order,
            language=self.model.languages[0],
        )


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _control_characters(located: LocatedData) -> Iterator[tuple[int | None, str]]:
    """(line, what) for every text in the file holding a control character (tabs and line breaks are text)."""

    def walk(value: Any, path: tuple) -> Iterator[tuple[int | None, str]]:
        if isinstance(value, str):
            found = _CONTROL.search(value)
            if found:
                yield located.line_of(path), f"the text holds the control character U+{ord(found.group()):04X}"
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, (*path, key))
        elif isinstance(value, list):
            for n, item in enumerate(value):
                yield from walk(item, (*path, n))

    yield from walk(located.data, ())


def _impossible(q: Question, value: Any) -> tuple[str, str] | None:
    """(why, fix) when a question can never hold `value`; None when it can."""
    if q.type in CHOICE_TYPES:
        allowed = [c.value for c in q.options]
        if value not in allowed:
            return "which it can never be", f"use one of: {', '.join(allowed)}"
    elif q.type is QuestionType.NUMBER:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return "but it holds a number", f"compare with a number, e.g. {q.id} > 0"
    elif q.type is QuestionType.DATE:
        if not (isinstance(value, str) and ISO_DATE.match(value)):
            return "but it holds a date", f"compare with a quoted date, e.g. {q.id} < '2025-01-01'"
        try:
            date.fromisoformat(value)
        except ValueError:
            return "a day not in the calendar", "check the month and the day"
    elif not isinstance(value, str):
        return "but it holds text", "quote the value"
    return None
