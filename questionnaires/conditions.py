"""The condition language used by `visible_if`, rule `when` and outcome cases.

Conditions are data written by questionnaire authors, so they are parsed by
this small recursive-descent parser into a tree and evaluated by walking it:
never `eval`. The grammar, loosest binding first:

    expr       := and_expr ("or" and_expr)*
    and_expr   := not_expr ("and" not_expr)*
    not_expr   := "not" not_expr | primary
    primary    := "(" expr ")" | "true" | "false" | "answered" "(" ID ")"
                | operand OP operand
    operand    := ID | STRING | NUMBER | "[" literal ("," literal)* "]"
    OP         := "==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not in"

IDs are question ids (letters, digits, `_`, `-`, `.`); inside a question's
own rules the word `answer` names that question. Strings are quoted with
' or ". A comparison that involves an unanswered (or hidden) question is
false, so `not answered(x)` is how to test for a gap.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

SELF = "answer"


class ConditionSyntaxError(ValueError):
    """The text is not a condition; the message names the column."""


@dataclass(frozen=True)
class Literal:
    value: Any  # str | int | float | bool | tuple of those


@dataclass(frozen=True)
class Ref:
    question: str


@dataclass(frozen=True)
class Answered:
    question: str


@dataclass(frozen=True)
class Compare:
    op: str
    left: Literal | Ref
    right: Literal | Ref


@dataclass(frozen=True)
class BoolOp:
    op: str  # "and" | "or"
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    item: Node


Node = Literal | Answered | Compare | BoolOp | Not

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<num>-?\d+(?:\.\d+)?(?![\w.-]))
      | (?P<str>'[^']*'|"[^"]*")
      | (?P<op>==|!=|<=|>=|<|>)
      | (?P<punct>[()\[\],])
      | (?P<id>[A-Za-z_][\w.-]*)
    )""",
    re.VERBOSE,
)
_KEYWORDS = {"and", "or", "not", "in", "true", "false", "answered"}


@dataclass(frozen=True)
class _Tok:
    kind: str  # num | str | op | punct | id | kw | end
    text: str
    col: int


def _tokens(text: str) -> Iterator[_Tok]:
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            col = pos + len(text[pos:]) - len(text[pos:].lstrip()) + 1
            raise ConditionSyntaxError(f"unexpected character {text[col - 1]!r} at column {col}")
        group = m.lastgroup or ""
        value, col = m.group(group), m.start(group) + 1
        kind = "kw" if group == "id" and value in _KEYWORDS else group
        yield _Tok(kind, value, col)
        pos = m.end()
    yield _Tok("end", "", len(text) + 1)


MAX_LENGTH = 2_000  # characters in one condition
MAX_DEPTH = 32  # brackets and 'not's inside one another


class _Parser:
    def __init__(self, text: str, self_id: str | None):
        self.toks = list(_tokens(text))
        self.i = 0
        self.self_id = self_id
        self.depth = 0

    def deeper(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionSyntaxError(
                f"brackets and 'not's are nested more than {MAX_DEPTH} deep at column {self.tok.col}; split the condition"
            )

    @property
    def tok(self) -> _Tok:
        return self.toks[self.i]

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def expect(self, kind: str, text: str | None = None) -> _Tok:
        tok = self.take()
        if tok.kind != kind or (text is not None and tok.text != text):
            wanted = text or kind
            raise ConditionSyntaxError(f"expected {wanted!r} at column {tok.col}, found {tok.text or 'the end'!r}")
        return tok

    def is_kw(self, word: str) -> bool:
        return self.tok.kind == "kw" and self.tok.text == word

    def parse(self) -> Node:
        node = self.expr()
        if self.tok.kind != "end":
            raise ConditionSyntaxError(f"unexpected {self.tok.text!r} at column {self.tok.col}")
        return node

    def expr(self) -> Node:
        return self._chain("or", self.and_expr)

    def and_expr(self) -> Node:
        return self._chain("and", self.not_expr)

    def _chain(self, word: str, parse_item) -> Node:
        items = [parse_item()]
        while self.is_kw(word):
            self.take()
            items.append(parse_item())
        return items[0] if len(items) == 1 else BoolOp(word, tuple(items))

    def not_expr(self) -> Node:
        if self.is_kw("not"):
            self.take()
            self.deeper()
            node = Not(self.not_expr())
            self.depth -= 1
            return node
        return self.primary()

    def primary(self) -> Node:
        tok = self.tok
        if tok.kind == "punct" and tok.text == "(":
            self.take()
            self.deeper()
            node = self.expr()
            self.expect("punct", ")")
            self.depth -= 1
            return node
        if tok.kind == "kw" and tok.text in ("true", "false"):
            self.take()
            return Literal(tok.text == "true")
        if tok.kind == "kw" and tok.text == "answered":
            self.take()
            self.expect("punct", "(")
            ref = self.ref(self.expect("id"))
            self.expect("punct", ")")
            return Answered(ref.question)
        left = self.operand()
        op = self.operator()
        if op is None:
            if isinstance(left, Ref):
                raise ConditionSyntaxError(
                    f"'{left.question}' at column {tok.col} needs a comparison, "
                    f"e.g. {left.question} == 'yes' or answered({left.question})"
                )
            raise ConditionSyntaxError(f"expected a comparison after column {tok.col}")
        right = self.operand()
        return Compare(op, left, right)

    def operator(self) -> str | None:
        tok = self.tok
        if tok.kind == "op":
            self.take()
            return tok.text
        if self.is_kw("in"):
            self.take()
            return "in"
        if self.is_kw("not") and self.toks[self.i + 1].kind == "kw" and self.toks[self.i + 1].text == "in":
            self.i += 2
            return "not in"
        return None

    def ref(self, tok: _Tok) -> Ref:
        if tok.text == SELF:
            if self.self_id is None:
                raise ConditionSyntaxError(
                    f"'answer' at column {tok.col} only means something inside a question's rules"
                )
            return Ref(self.self_id)
        return Ref(tok.text)

    def operand(self) -> Literal | Ref:
        tok = self.take()
        if tok.kind == "id":
            return self.ref(tok)
        if tok.kind in ("num", "str"):
            return Literal(_literal(tok))
        if tok.kind == "punct" and tok.text == "[":
            items = [_literal(self._scalar())]
            while self.tok.kind == "punct" and self.tok.text == ",":
                self.take()
                items.append(_literal(self._scalar()))
            self.expect("punct", "]")
            return Literal(tuple(items))
        raise ConditionSyntaxError(
            f"expected a question id or a value at column {tok.col}, found {tok.text or 'the end'!r}"
        )

    def _scalar(self) -> _Tok:
        tok = self.take()
        if tok.kind not in ("num", "str"):
            raise ConditionSyntaxError(f"expected a quoted value or a number at column {tok.col}")
        return tok


def _literal(tok: _Tok) -> Any:
    if tok.kind == "str":
        return tok.text[1:-1]
    if len(tok.text) > 30:
        raise ConditionSyntaxError(
            f"the number at column {tok.col} has {len(tok.text)} digits; write one of at most 30"
        )
    return float(tok.text) if "." in tok.text else int(tok.text)


def parse(text: str, self_id: str | None = None) -> Node:
    """Parse a condition; `self_id` is what the word `answer` refers to."""
    if not isinstance(text, str) or not text.strip():
        raise ConditionSyntaxError("the condition is empty")
    if len(text) > MAX_LENGTH:
        raise ConditionSyntaxError(
            f"the condition is {len(text):,} characters long; the limit is {MAX_LENGTH:,}: split it"
        )
    return _Parser(text, self_id).parse()


def references(node: Node) -> set[str]:
    """Every question id the condition reads."""
    if isinstance(node, Ref):
        return {node.question}
    if isinstance(node, Answered):
        return {node.question}
    if isinstance(node, Compare):
        return references(node.left) | references(node.right)  # type: ignore[arg-type]
    if isinstance(node, BoolOp):
        return set().union(*(references(i) for i in node.items))
    if isinstance(node, Not):
        return references(node.item)
    return set()


def comparisons(node: Node) -> Iterator[Compare]:
    """Every comparison in the tree (for the loader's value checks)."""
    if isinstance(node, Compare):
        yield node
    elif isinstance(node, BoolOp):
        for item in node.items:
            yield from comparisons(item)
    elif isinstance(node, Not):
        yield from comparisons(node.item)


_MISSING = object()


def evaluate(node: Node, values: Mapping[str, Any]) -> bool:
    """True when the condition holds for these (visible, answered) values."""
    if isinstance(node, Literal):
        return bool(node.value)
    if isinstance(node, Answered):
        return _answered(values.get(node.question, _MISSING))
    if isinstance(node, BoolOp):
        if node.op == "and":
            return all(evaluate(i, values) for i in node.items)
        return any(evaluate(i, values) for i in node.items)
    if isinstance(node, Not):
        return not evaluate(node.item, values)
    return _compare(node, values)


def _answered(value: Any) -> bool:
    return value is not _MISSING and value is not None and value != "" and value != []


def _operand(node: Literal | Ref, values: Mapping[str, Any]) -> Any:
    if isinstance(node, Literal):
        return node.value
    value = values.get(node.question, _MISSING)
    return value if _answered(value) else _MISSING


def _compare(node: Compare, values: Mapping[str, Any]) -> bool:
    left, right = _operand(node.left, values), _operand(node.right, values)
    if left is _MISSING or right is _MISSING:
        return False
    if node.op in ("in", "not in"):
        held = _contains(left, right)
        return held if node.op == "in" else not held
    if isinstance(left, (list, tuple)) or isinstance(right, (list, tuple)):
        a, b = _seq(left), _seq(right)
        same = all(x in b for x in a) and all(y in a for y in b)
        return {"==": same, "!=": not same}.get(node.op, False)
    try:
        return {
            "==": lambda: left == right,
            "!=": lambda: left != right,
            "<": lambda: left < right,
            "<=": lambda: left <= right,
            ">": lambda: left > right,
            ">=": lambda: left >= right,
        }[node.op]()
    except TypeError:
        return False  # e.g. text against a number: the loader rejects these up front


def _seq(value: Any) -> tuple:
    return tuple(value) if isinstance(value, (list, tuple)) else (value,)


def _contains(left: Any, right: Any) -> bool:
    """`a in b`: any of the left values is among the right values."""
    pool = _seq(right)  # a tuple, not a set: stored values may be unhashable junk
    return any(item in pool for item in _seq(left))
