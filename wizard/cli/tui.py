"""`pwiz` (no command) and `pwiz assess P Q`: open the Textual wizard.

The questionnaire library is loaded on first use (in the background once
the register is on screen), so the wizard is interactive as soon as the
register index is read, however many questionnaire files there are. The
same goes for the code: the home screen needs only Textual and the
register's index, so the store's write side (pydantic records, locks), the
engine and the service layer are imported on first use too (`LazyRegister`,
`LazyGovernance`), which the background flag count does half a second in.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from questionnaires.library import Library
    from store import Register
    from wizard.cli.context import AppContext
    from wizard.service import Governance


class LazyLibrary:
    """A Library that loads itself, once, on first use (thread-safe)."""

    def __init__(self, load: Callable[[], Library]) -> None:
        self._load = load
        self._lock = threading.Lock()
        self._library: Library | None = None

    def loaded(self) -> Library:
        with self._lock:
            if self._library is None:
                self._library = self._load()
            return self._library

    @property
    def definitions(self) -> dict[str, Any]:
        return self.loaded().definitions

    def get(self, questionnaire_id: str) -> Any:
        return self.loaded().get(questionnaire_id)

    @property
    def skipped(self) -> tuple[Any, ...]:
        return self.loaded().skipped

    def __iter__(self) -> Iterator[Any]:
        return iter(self.loaded())

    def __len__(self) -> int:
        return len(self.loaded())


class LazyRegister:
    """A store Register whose module is imported on first use.

    Until then only `list_partnerships` is served, exactly as
    `Register.list_partnerships` does it: the index, read through the
    store's own storage and index code (no lock: readers take none).
    `open` resolves the folder as `Register.open` does.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.Lock()
        self._register: Register | None = None

    @classmethod
    def open(cls, path: Path | None = None) -> LazyRegister:
        if path is None:
            import platformdirs  # as store.register.default_register_path

            root = platformdirs.user_data_path("pwiz") / "register"
        else:
            root = Path(path).expanduser().absolute()
        if root.exists() and not root.is_dir():
            from store.errors import StoreError

            raise StoreError(f"{root} is a file, but a register is a folder: give the path of a folder")
        return cls(root)

    def loaded(self) -> Register:
        with self._lock:
            if self._register is None:
                from store import Register

                self._register = Register(self.root)
            return self._register

    def list_partnerships(self) -> list[dict]:
        if self._register is not None:
            return self._register.list_partnerships()
        from store.index import IndexFile
        from store.layout import Layout
        from store.storage import transaction

        layout = Layout(self.root)
        with transaction(layout, layout.index, write=False) as db:
            return IndexFile(db).summaries()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.loaded(), name)


class LazyGovernance:
    """wizard.service.Governance over `register` and `library`, created (and
    the service, engine and questionnaire schema imported) on first use."""

    def __init__(self, register: Any, library: Any) -> None:
        self.register = register
        self.library = library
        self._lock = threading.Lock()
        self._governance: Governance | None = None

    def loaded(self) -> Governance:
        with self._lock:
            if self._governance is None:
                from wizard.service import Governance

                self._governance = Governance(self.register, self.library)
            return self._governance

    def __getattr__(self, name: str) -> Any:
        return getattr(self.loaded(), name)


def build_app(app_context: AppContext, partnership_id: str | None = None, questionnaire_id: str | None = None):
    """The PwizApp on the context's register and (lazily loaded) library."""
    from wizard.tui.app import PwizApp

    register = LazyRegister.open(app_context.db_path)
    governance = LazyGovernance(register, LazyLibrary(lambda: app_context.library_quietly))
    return PwizApp(governance, partnership_id=partnership_id, questionnaire_id=questionnaire_id)  # type: ignore[arg-type]


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
