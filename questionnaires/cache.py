"""The questionnaire files' parsed YAML, kept between runs in the user cache folder.

Importing PyYAML and reading YAML while recording every value's line
(questionnaires.yaml_lines) is most of what loading the library costs, and `assess`, `signoff` and the
wizard load it on every run. So the plain data each file's YAML gave is kept
in one JSON file (user_cache_path("pwiz")/questionnaires.json; on Linux
$XDG_CACHE_HOME/pwiz), an entry per file keyed by its path, size and
mtime_ns; and the whole cache by the code that reads it (the size and mtime
of this package's modules: a new pwiz or schema starts afresh). Validation,
the cross-checks and conditions still run on every load, from that data
(a few milliseconds), so a file loads from the cache exactly as from disk.

Only files that loaded without a problem are kept: a file with a problem is
read again each time, and reported as it always is. A file changed in the
last two seconds is not kept yet (a second change within one tick of the
file system's clock, keeping the size, would not show in its mtime). A cache
that cannot be read, does not parse or has the wrong shape is ignored and
rewritten; it is written atomically, and a failure to write it is ignored:
the cache only ever saves time. JSON, not pickle: reading it runs no code.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import platformdirs

from questionnaires.definition import Definition
from questionnaires.errors import DefinitionError
from questionnaires.loader import load_located, read_located
from questionnaires.located import LocatedData

FORMAT = 1  # the layout of the cache file itself
SETTLED_NS = 2_000_000_000  # a file modified more recently than this is not kept yet


def cache_path() -> Path:
    return platformdirs.user_cache_path("pwiz") / "questionnaires.json"


def _code_stamp() -> list[list[Any]]:
    """What the cached data is valid for: the questionnaire package's own modules, as they are on disk."""
    stamp = []
    for module in sorted(Path(__file__).parent.glob("*.py")):
        info = module.stat()
        stamp.append([module.name, info.st_size, info.st_mtime_ns])
    return stamp


class ParsedFiles:
    """Questionnaire files loaded through the cache: `load` each, then `save` once."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = cache_path() if path is None else path
        self._stamp = [FORMAT, _code_stamp()]
        self._entries = self._read()
        self._changed = False

    def _read(self) -> dict[str, dict[str, Any]]:
        try:
            cached = json.loads(self.path.read_bytes())
            if cached["stamp"] == self._stamp and isinstance(cached["files"], dict):
                return cached["files"]
        except (OSError, ValueError, TypeError, KeyError):
            pass  # missing, unreadable, not JSON or not our shape: start afresh
        return {}

    def load(self, path: Path) -> Definition:
        """The file's definition, from the cache when the file is unchanged; DefinitionError as load_file."""
        name = str(path)
        try:
            info = path.stat()
            key = [info.st_size, info.st_mtime_ns]
        except OSError:
            key = None  # read_located reports why
        entry = self._entries.get(name)
        if key is not None and isinstance(entry, dict) and entry.get("key") == key:
            try:
                return load_located(LocatedData(entry.get("data")), name, path)
            except DefinitionError:
                pass  # read the file: its problems are reported with their lines
        if self._entries.pop(name, None) is not None:
            self._changed = True
        located = read_located(path)
        definition = load_located(located, name, path)
        if key is not None and time.time_ns() - key[1] > SETTLED_NS and _as_json(located.data):
            self._entries[name] = {"key": key, "data": located.data}
            self._changed = True
        return definition

    def save(self) -> None:
        """Write the cache if anything changed, leaving out files that no longer exist; never fails."""
        if not self._changed:
            return
        self._changed = False
        files = {name: entry for name, entry in self._entries.items() if os.path.exists(name)}
        payload = json.dumps({"stamp": self._stamp, "files": files}, ensure_ascii=False)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".questionnaires-", suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(payload)
            os.replace(temporary, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _as_json(data: Any) -> bool:
    """Whether JSON gives `data` back exactly (valid questionnaire data always is plain JSON)."""
    try:
        return json.loads(json.dumps(data, allow_nan=False)) == data
    except (TypeError, ValueError):
        return False
