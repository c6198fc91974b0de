"""The set of questionnaires a register works with.

The shipped files (questionnaires/library/*.yaml) plus the user's own, from
the user config folder and any `--questionnaires DIR`. A user file with the
same id and a higher version supersedes the shipped one; every file is
validated. A problem in a shipped file stops everything (it is pwiz's own
bug); a user file with a problem is left out, and so is one that needs a
questionnaire that was left out, each noted in `Library.skipped` (with its
file name) for the interfaces to warn about, so one bad file in a user's
folder never stops the rest from working. `questionnaires validate` still
fails on it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import platformdirs

from questionnaires.cache import ParsedFiles
from questionnaires.definition import Definition
from questionnaires.errors import DefinitionError, Problem
from questionnaires.loader import load_file

# The order questionnaires are met in: screening first, then significance,
# then the evaluations (DESIGN.md, "Questionnaires to ship").
SHIPPED_ORDER = (
    "scope",
    "significance",
    "key-principles",
    "checklist",
    "improvement",
    "risk-assessment",
    "governance-standards",
)


def shipped_dir() -> Path:
    return Path(str(resources.files("questionnaires") / "library"))


def user_dir() -> Path:
    """Where a user keeps their own questionnaire files."""
    return platformdirs.user_config_path("pwiz") / "questionnaires"


@dataclass(frozen=True)
class Library:
    """The current definition of each questionnaire id, in a stable order."""

    definitions: dict[str, Definition]
    skipped: tuple[Problem, ...] = ()  # problems of user files left out (one per file at least)
    language: str | None = None  # the language chosen (--lang); None: each questionnaire's first

    def in_language(self, language: str | None) -> Library:
        """The library with each questionnaire worded in `language` where it has it (else its first)."""
        if language == self.language:
            return self
        definitions = {qid: d.in_language(language) for qid, d in self.definitions.items()}
        return Library(definitions, skipped=self.skipped, language=language)

    def get(self, questionnaire_id: str) -> Definition:
        try:
            return self.definitions[questionnaire_id]
        except KeyError:
            known = ", ".join(self.definitions)
            raise DefinitionError(
                [Problem(None, None, None, f"unknown questionnaire '{questionnaire_id}'", f"use one of: {known}")]
            ) from None

    def __iter__(self):
        return iter(self.definitions.values())

    def __len__(self) -> int:
        return len(self.definitions)


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))


def load_library(extra_dirs: Iterable[Path] = (), include_user_dir: bool = True, cache: bool = True) -> Library:
    """Load shipped + user questionnaires; raise DefinitionError for any bad file.

    With `cache`, unchanged files are read from the cache of parsed files
    (questionnaires.cache) rather than parsed again.
    """
    folders = [shipped_dir()]
    if include_user_dir and user_dir().is_dir():
        folders.append(user_dir())
    for folder in extra_dirs:
        if not Path(folder).is_dir():
            raise DefinitionError(
                [Problem(str(folder), None, None, "questionnaire folder not found", "check the --questionnaires path")]
            )
        folders.append(Path(folder))
    loaded: list[Definition] = []
    shipped: list[Problem] = []
    skipped: list[Problem] = []
    parsed = ParsedFiles() if cache else None
    for folder in folders:
        for path in _files(folder):
            try:
                loaded.append(parsed.load(path) if parsed is not None else load_file(path))
            except DefinitionError as exc:
                (shipped if folder == folders[0] else skipped).extend(exc.problems)
    if parsed is not None:
        parsed.save()
    chosen = _newest(loaded)
    while not shipped and (problems := missing_requirements(chosen, set(chosen))):  # leaving one out may strand another
        for problem in problems:
            (shipped if Path(problem.file or "").parent == folders[0] else skipped).append(problem)
        left_out = {problem.file for problem in problems}
        loaded = [d for d in loaded if str(d.path) not in left_out]
        chosen = _newest(loaded)
    if shipped:
        raise DefinitionError(shipped)
    rank = {qid: i for i, qid in enumerate(SHIPPED_ORDER)}
    ordered = sorted(chosen.values(), key=lambda d: (rank.get(d.id, len(rank)), d.id))
    return Library({d.id: d for d in ordered}, skipped=tuple(skipped))


def _newest(definitions: list[Definition]) -> dict[str, Definition]:
    """The highest version of each questionnaire id (the first loaded of equal versions)."""
    chosen: dict[str, Definition] = {}
    for definition in definitions:
        current = chosen.get(definition.id)
        if current is None or definition.version > current.version:
            chosen[definition.id] = definition
    return chosen


def missing_requirements(chosen: dict[str, Definition], known: set[str]) -> list[Problem]:
    """An outcome in `chosen` that requires a questionnaire not in `known` is an error."""
    problems = []
    for definition in chosen.values():
        for outcome in definition.outcomes:
            for case in outcome.cases:
                for required in case.case.requires:
                    if required not in known:
                        problems.append(
                            Problem(
                                str(definition.path),
                                None,
                                f"outcome '{outcome.outcome.id}'",
                                f"case '{case.case.value}' requires unknown questionnaire '{required}'",
                                f"use one of: {', '.join(sorted(known))}",
                            )
                        )
    return problems
