"""`pwiz` (no command) and `pwiz assess P Q`: open the Textual wizard.

The wizard is interactive as soon as the register's index is read: the home
screen needs only Textual and the index. Everything else, the store's write
side (pydantic records, locks), the engine, the service layer and the
questionnaire library, is imported and loaded on first use by one stand-in,
`LazyGovernance` (the background flag count does that half a second in).
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from questionnaires.library import Library
    from wizard.cli.context import AppContext
    from wizard.service import Governance
    from wizard.tui.app import PwizApp


class LazyGovernance:
    """Stands in for wizard.service.Governance on the register at `root`.

    It answers `root` and `partnerships()` (the index, read through the
    store's own storage and index code, as Register.list_partnerships does)
    by itself; anything else builds the real Governance, once (thread-safe),
    and is answered by it.
    """

    def __init__(self, root: Path, load_library: Callable[[], Library], url: str | None = None) -> None:
        self.root = root
        self._url = url  # a shared register's (store.location): opened with the real Governance
        self.shared = url is not None
        self._load_library = load_library
        self._lock = threading.Lock()
        self._governance: Governance | None = None

    @classmethod
    def open(cls, path: str | Path | None, load_library: Callable[[], Library]) -> LazyGovernance:
        """On the register at `path` (default: the user's), resolved as Register.open does."""
        from store.location import database_url, local_folder

        url = database_url(path)
        if url is not None:
            return cls(local_folder(url), load_library, url)
        if path is None:
            import platformdirs  # as store.register.default_register_path

            root = platformdirs.user_data_path("pwiz") / "register"
        else:
            root = Path(path).expanduser().absolute()
        if root.exists() and not root.is_dir():
            from store.errors import StoreError

            raise StoreError(f"{root} is a file, but a register is a folder: give the path of a folder")
        return cls(root, load_library)

    def loaded(self) -> Governance:
        with self._lock:
            if self._governance is None:
                from store.location import open_register
                from wizard.service import Governance

                self._governance = Governance(open_register(self._url or self.root), self._load_library())
            return self._governance

    def partnerships(self) -> list[dict[str, Any]]:
        if self._governance is not None:
            return self._governance.partnerships()
        if self._url is not None:
            from store.postgres.reading import read_summaries as read_shared

            return read_shared(self._url)
        from store.layout import Layout
        from store.reading import read_summaries

        return read_summaries(Layout(self.root))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.loaded(), name)


def build_app(
    app_context: AppContext, partnership_id: str | None = None, questionnaire_id: str | None = None
) -> PwizApp:
    """The PwizApp on the context's register and (lazily loaded) library."""
    from wizard.network_warning import network_warning
    from wizard.tui import memory

    # What is loaded from here until the first screen is drawn lives as long as the process
    # (the home screen then calls memory.keep).
    memory.hold()
    # Textual draws a changed screen at the next tick of its frame clock: at its default 60 a
    # second, up to 17 ms after an answer is saved. 120 halves that wait (keystroke p95,
    # BENCHMARKS.md); read when Textual is first imported, and a TEXTUAL_FPS the user set rules.
    os.environ.setdefault("TEXTUAL_FPS", "120")
    from wizard.tui.app import PwizApp

    governance = LazyGovernance.open(app_context.db_path, lambda: app_context.library_quietly)
    # A stand-in with Governance's interface (see LazyGovernance), typed as what it stands for.
    app = PwizApp(cast("Governance", governance), partnership_id=partnership_id, questionnaire_id=questionnaire_id)
    warning = None if governance.shared else network_warning(governance.root)
    if warning is not None:
        app.start_warnings.append(warning[:1].upper() + warning[1:])
    return app


def open_tui(app_context: AppContext, partnership_id: str | None = None, questionnaire_id: str | None = None) -> None:
    """Run the wizard until the user leaves; exit with its status (128+N after signal N)."""
    app = build_app(app_context, partnership_id, questionnaire_id)
    try:
        app.run()
    finally:
        if app.exit_timer is not None:
            app.exit_timer.cancel()
    for line in app.exit_messages:
        print(line, file=sys.stderr)
    if app.return_code:
        sys.exit(app.return_code)
