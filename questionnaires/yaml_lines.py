"""Load YAML while remembering the line of every value, so that a problem
found later (by pydantic or by the cross-checks) can name its line.

PyYAML's composer gives nodes with start marks; we build plain Python data
from the node tree ourselves and record `path -> line` on the way. Duplicate
keys, which PyYAML would silently collapse, are reported.

Hostile files are refused with a line, not a traceback or a hang: a file over
MAX_BYTES; nesting deeper than MAX_DEPTH; aliases that refer to themselves or
expand past MAX_NODES values ("billion laughs"; `aliases=False` refuses any
alias, as answers files do); tags other than YAML's plain ones (no
`!!python/...`), merge keys (`<<`); numbers too long to read, dates that are
not in the calendar, and infinite or not-a-number floats.
"""

from __future__ import annotations

import math
import os
import re
from typing import Any

import yaml

from questionnaires.located import LocatedData, Path

PathLike = str | os.PathLike


class _Loader(yaml.SafeLoader):
    """SafeLoader where only true/false are booleans (YAML 1.2 style).

    Authors write `value: no` meaning the answer "no"; YAML 1.1 would turn
    yes/no/on/off into booleans and the choice would vanish.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_CONSTRUCTOR = _Loader("")

MAX_BYTES = 2_000_000  # a questionnaire or answers file: the biggest shipped one is about 30 kB
MAX_DEPTH = 40
MAX_NODES = 200_000  # values in the document once aliases are expanded
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}


class YamlProblem(ValueError):
    def __init__(self, line: int | None, what: str, fix: str):
        super().__init__(what)
        self.line, self.what, self.fix = line, what, fix


def read_text(path: PathLike) -> str:
    """A YAML file's text, refused (YamlProblem) past MAX_BYTES before it is read; OSError and
    UnicodeDecodeError are the caller's to word."""
    if os.stat(path).st_size > MAX_BYTES:
        raise YamlProblem(
            None, f"the file is over {MAX_BYTES // 1_000_000} MB", "split it, or remove what it need not hold"
        )
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def load(text: str, aliases: bool = True) -> LocatedData:
    """Parse one YAML document; raise YamlProblem with a line on failure (see the limits above)."""
    if len(text) > MAX_BYTES:  # (characters: a text given whole, not read from a file by read_text)
        raise YamlProblem(
            None, f"the file is over {MAX_BYTES // 1_000_000} MB", "split it, or remove what it need not hold"
        )
    try:
        node = yaml.compose(text, Loader=_Loader)
    except RecursionError:
        raise YamlProblem(None, f"the file is nested too deeply (more than {MAX_DEPTH} levels)", "flatten it") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        reason = exc.problem or exc.context or "not valid YAML"
        raise YamlProblem(
            line, f"YAML syntax error: {reason}", "check the indentation and quoting on this line"
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(None, f"YAML syntax error: {exc}", "check the file is valid YAML") from None
    located = LocatedData(None)
    if node is not None:
        located.data = _Builder(located.lines, aliases).build(node, ())
    return located


class _Builder:
    """Plain data from a node tree, within the limits, recording each value's line."""

    def __init__(self, lines: dict[Path, int], aliases: bool):
        self.lines = lines
        self.aliases = aliases
        self.seen: set[int] = set()  # nodes built once: meeting one again is an alias
        self.open: set[int] = set()  # nodes being built: meeting one of these is an alias to itself
        self.count = 0

    def build(self, node: yaml.Node, path: Path) -> Any:
        line = node.start_mark.line + 1
        self.lines.setdefault(path, line)
        self.count += 1
        if id(node) in self.open:
            raise YamlProblem(line, "an alias refers to the value that holds it", "remove the alias (*name)")
        if id(node) in self.seen and not self.aliases:
            raise YamlProblem(line, "aliases (*name) are not read in this file", "write the value out in full")
        if len(path) > MAX_DEPTH:
            raise YamlProblem(line, f"the file is nested too deeply (more than {MAX_DEPTH} levels)", "flatten it")
        if self.count > MAX_NODES:
            raise YamlProblem(
                line,
                f"the file holds more than {MAX_NODES:,} values once its aliases are expanded",
                "write the values out, or use fewer aliases",
            )
        if node.tag not in _PLAIN_TAGS:
            raise YamlProblem(
                line, f"the tag {node.tag} is not read by pwiz", "remove the tag (!!...) and write a plain value"
            )
        self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node)
        self.open.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        finally:
            self.open.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem(
                    key_node.start_mark.line + 1, "merge keys (<<) are not read by pwiz", "write the keys out"
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem(
                    key_node.start_mark.line + 1, "a key must be plain text", "write the key as a simple word"
                )
            key = self.build(key_node, path + ("<key>",))
            if key in out:
                raise YamlProblem(key_node.start_mark.line + 1, f"duplicate key '{key}'", "keep one of the two entries")
            self.lines[path + (key,)] = key_node.start_mark.line + 1
            out[key] = self.build(value_node, path + (key,))
        return out


def _scalar(node: yaml.ScalarNode) -> Any:
    """An int, float, date, bool, null or string, read safely; a value no calendar or number holds is refused."""
    line = node.start_mark.line + 1
    try:
        value = _CONSTRUCTOR.construct_object(node)
    except (ValueError, OverflowError, IndexError, KeyError, TypeError, yaml.YAMLError) as exc:  # PyYAML on bad scalars
        raise YamlProblem(
            line,
            f"the value {node.value[:40]!r} cannot be read ({exc})",
            "write a date as YYYY-MM-DD in the calendar, a number of at most 4,300 digits",
        ) from None
    if isinstance(value, float) and not math.isfinite(value):
        raise YamlProblem(line, f"the value {node.value!r} is not a finite number", "write an ordinary number")
    return value
