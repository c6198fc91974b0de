"""Load YAML while remembering the line of every value, so that a problem
found later (by pydantic or by the cross-checks) can name its line.

PyYAML's composer gives nodes with start marks; we build plain Python data
from the node tree ourselves and record `path -> line` on the way. Duplicate
keys, which PyYAML would silently collapse, are reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import re
from typing import Any

import yaml

Path = tuple[Any, ...]


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


class YamlProblem(ValueError):
    def __init__(self, line: int | None, what: str, fix: str):
        super().__init__(what)
        self.line, self.what, self.fix = line, what, fix


@dataclass
class LocatedData:
    data: Any
    lines: dict[Path, int] = field(default_factory=dict)

    def line_of(self, path: Path) -> int | None:
        """The line of `path`, or of its nearest located parent."""
        for cut in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:cut]))
            if line is not None:
                return line
        return None


def load(text: str) -> LocatedData:
    """Parse one YAML document; raise YamlProblem with a line on failure."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        reason = exc.problem or exc.context or "not valid YAML"
        raise YamlProblem(line, f"YAML syntax error: {reason}", "check the indentation and quoting on this line") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(None, f"YAML syntax error: {exc}", "check the file is valid YAML") from None
    located = LocatedData(None)
    if node is not None:
        located.data = _build(node, (), located.lines)
    return located


def _build(node: yaml.Node, path: Path, lines: dict[Path, int]) -> Any:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node)
            if key in out:
                raise YamlProblem(
                    key_node.start_mark.line + 1,
                    f"duplicate key '{key}'",
                    "keep one of the two entries",
                )
            lines[path + (key,)] = key_node.start_mark.line + 1
            out[key] = _build(value_node, path + (key,), lines)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), lines) for i, item in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        raise YamlProblem(node.start_mark.line + 1, "a key must be plain text", "write the key as a simple word")
    return _CONSTRUCTOR.construct_object(node)  # ints, floats, dates, strings: safely
