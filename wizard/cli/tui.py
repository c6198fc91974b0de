"""`pwiz` (no command) and `pwiz assess P Q`: open the Textual wizard.

The questionnaire library is loaded on first use (in the background once
the register is on screen), so the wizard is interactive as soon as the
register index is read, however many questionnaire files there are.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from questionnaires.library import Library
    from wizard.cli.context import AppContext


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

    def __iter__(self) -> Iterator[Any]:
        return iter(self.loaded())

    def __len__(self) -> int:
        return len(self.loaded())


def build_app(app_context: AppContext, partnership_id: str | None = None, questionnaire_id: str | None = None):
    """The PwizApp on the context's register and (lazily loaded) library."""
    from store import Register
    from wizard.service import Governance
    from wizard.tui.app import PwizApp

    governance = Governance(Register.open(app_context.db_path), LazyLibrary(lambda: app_context.library))  # type: ignore[arg-type]
    return PwizApp(governance, partnership_id=partnership_id, questionnaire_id=questionnaire_id)


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
