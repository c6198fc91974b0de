"""Problems found in questionnaire files, reported to their authors.

Following pyxform's habit, each message says where (file, line, question),
what is wrong, and how to fix it, on one line.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one definition file."""

    file: str | None  # None when the problem is not in a file (e.g. an unknown id)
    line: int | None
    where: str | None  # e.g. "question 'kp-1'" or "section 'governance'"
    what: str
    fix: str

    def __str__(self) -> str:
        place = "" if self.file is None else (f"{self.file}:" if self.line is None else f"{self.file}:{self.line}:")
        subject = f"{self.where}:" if self.where else ""
        lead = " ".join(part for part in (place, subject) if part)
        return f"{lead} {self.what} (fix: {self.fix})".lstrip()


class DefinitionError(Exception):
    """One or more problems in questionnaire files; str() is one line each."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
