"""Where each part of a register lives inside its folder.

    REGISTER/index.json                 one summary per partnership (list, due)
    REGISTER/associations.json          the Association Register (store.associations)
    REGISTER/derived/NAME.json          values worked out from the files (store.derived; a cache)
    REGISTER/partnerships/p3f9a1c.json  everything about one partnership
    REGISTER/evidence/ab/ab12….bin      an attached document, named by its SHA-256 (store.evidence)
    REGISTER/backups/NAME.1 .. NAME.3   the previous versions, newest first
    REGISTER/locks/NAME.lock            writers' locks

A partnership's own file holds its data sheet, assessments, sign-offs,
actions and risks, so saving an answer rewrites one small file whatever the
size of the register.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path

from store.files import BACKUP_GENERATIONS
from store.ids import is_partnership_id


@dataclass(frozen=True)
class Layout:
    root: Path

    @property
    def index(self) -> Path:
        return self.root / "index.json"

    @property
    def associations(self) -> Path:
        return self.root / "associations.json"

    @property
    def derived(self) -> Path:
        return self.root / "derived"

    @property
    def partnerships(self) -> Path:
        return self.root / "partnerships"

    def partnership(self, pid: str) -> Path:
        return self.partnerships / f"{pid}.json"

    def partnership_files(self) -> list[Path]:
        """Every partnership file on disk, in id order."""
        if not self.partnerships.is_dir():
            return []
        return sorted(self.partnerships.glob("p*.json"), key=lambda path: path.name)

    def evidence_file(self, sha256: str) -> Path:
        """Where the attached document with this SHA-256 (hex) is kept: never under its own name."""
        return self.root / "evidence" / sha256[:2] / f"{sha256}.bin"

    def partnership_of(self, path: Path) -> str | None:
        """The id of the partnership whose file `path` is, or None for the index."""
        return path.stem if path.parent == self.partnerships and path.suffix == ".json" else None

    def partnership_backups(self) -> set[str]:
        """The ids of the partnerships the backups folder holds a copy of."""
        folder = self.root / "backups"
        if not folder.is_dir():
            return set()
        stems = {path.name.split(".")[0] for path in folder.glob("p*.json.*")}
        return {stem for stem in stems if is_partnership_id(stem)}

    def backups(self, path: Path) -> list[Path]:
        """The backups of a register file, newest first (they may not exist)."""
        return [self.root / "backups" / f"{path.name}.{n}" for n in range(1, BACKUP_GENERATIONS + 1)]

    def damaged_copy(self, path: Path, stamp: str) -> Path:
        """Where `pwiz restore` moves a damaged file so nothing is thrown away."""
        return self.root / "backups" / f"{path.name}.damaged-{stamp}"

    @property
    def restore_command(self) -> str:
        """What a user runs to repair this register (quoted for a shell)."""
        return f"pwiz --db {shlex.quote(str(self.root))} restore"

    def lock(self, path: Path) -> Path:
        return self.root / "locks" / f"{path.stem}.lock"
