"""Data read from a file with the line of every value, for messages that name the line.

Apart from questionnaires.yaml_lines, which fills it, so that data from the
library's cache (questionnaires.cache) is checked without importing PyYAML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Path = tuple[Any, ...]  # where a value sits in the document (keys and indexes)


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
