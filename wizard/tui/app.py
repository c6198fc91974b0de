"""The pwiz Textual app: styles, global keys, the command palette, shutdown.

Thin on purpose: it owns the Governance object and the frozen-able "today",
starts on the home screen (and, for `pwiz assess`, opens the assessment), and makes
sure every way out (quit, Ctrl-C, SIGTERM, SIGHUP, SIGINT) saves what is
pending on every open screen before the terminal is restored.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from wizard.tui.commands import binding_commands
from wizard.tui.errors import SHOWN_ERRORS, describe

if TYPE_CHECKING:
    from wizard.service import Governance

MIN_WIDTH, MIN_HEIGHT = 70, 20
# Windows has no SIGHUP: read each by name, so the wizard starts where one is missing.
HANDLED_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name))
SIGNAL_EXIT_GRACE_SECONDS = 5.0


class PwizApp(App[None]):
    """Partnership governance wizard."""

    TITLE = "pwiz"
    SUB_TITLE = "partnership governance"
    # The home screen's styles are read with the app's: it is the default screen, built
    # before the first frame, and a screen's own CSS_PATH would re-parse the stylesheet.
    CSS_PATH = ["app.tcss", "screens/home.tcss"]
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("f1", "help", "Help", id="app.help", tooltip="Keys, screens and how answers are saved"),
        Binding(
            "ctrl+q,ctrl+c",
            "quit",
            "Quit",
            key_display="^q",
            priority=True,
            id="app.quit",
            tooltip="Save anything pending and leave pwiz (Ctrl-C does the same)",
        ),
    ]

    def __init__(
        self,
        governance: Governance,
        *,
        today: date | None = None,
        partnership_id: str | None = None,
        questionnaire_id: str | None = None,
    ) -> None:
        super().__init__()
        self.governance = governance
        self.today = today or date.today()
        self.start_partnership = partnership_id
        self.start_questionnaire = questionnaire_id
        self._positions: dict[str, str] | None = None
        self.exit_messages: list[str] = []  # printed by open_tui after the terminal is restored
        self.start_warnings: list[str] = []  # shown once the app is up (build_app fills it)
        self._signals_installed: list[int] = []
        self.exit_timer: threading.Timer | None = None

    @property
    def positions(self) -> dict[str, str]:
        """Assessment id -> the question last shown, this run and earlier ones (read on first use)."""
        if self._positions is None:
            from wizard.tui import positions

            self._positions = positions.load(self.governance.root)
        return self._positions

    # --- start -------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        """The register: the bottom screen, not one pushed over a blank one (a frame less at start-up)."""
        from wizard.tui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        if self.start_partnership:
            from wizard.tui.screens.partnership import PartnershipScreen

            self.push_screen(PartnershipScreen(self.start_partnership))
            if self.start_questionnaire:
                self.call_after_refresh(self._open_start_assessment)
        self._install_signal_handlers()
        self._check_size(self.size.width, self.size.height)
        for warning in self.start_warnings:
            self.notify(warning, title="Network folder", severity="warning", timeout=20, markup=False)

    def _open_start_assessment(self) -> None:
        from wizard.tui.screens.assessment import AssessmentScreen

        if self.start_partnership is None or self.start_questionnaire is None:
            return
        try:
            assessment = self.governance.open_assessment(self.start_partnership, self.start_questionnaire)
        except SHOWN_ERRORS as exc:
            self.report(exc)
            return
        self.push_screen(AssessmentScreen(assessment["id"]))

    # --- keys, help, palette --------------------------------------------------

    def action_help(self) -> None:
        from wizard.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action reachable by a key on this screen, then Textual's own."""
        yield from binding_commands(screen)
        for command in super().get_system_commands(screen):
            if command.title not in ("Quit", "Keys"):
                yield command

    # --- size ---------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size.width, event.size.height)

    def _check_size(self, width: int, height: int) -> None:
        from wizard.tui.screens.too_small import TooSmallScreen

        if not self.screen_stack:
            return
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        showing = isinstance(self.screen, TooSmallScreen)
        if small and not showing:
            self.push_screen(TooSmallScreen(MIN_WIDTH, MIN_HEIGHT))
        elif not small and showing:
            self.pop_screen()

    # --- leaving ----------------------------------------------------------------

    def save_pending(self) -> None:
        """Save what every open screen holds unsaved (text being typed), and where each assessment was left."""
        if self._positions is not None:
            from wizard.tui import positions

            positions.save(self.governance.root, self._positions)
        for screen in reversed(self.screen_stack):
            save = getattr(screen, "save_pending", None)
            if save is None:
                continue
            try:
                save()
            except SHOWN_ERRORS as exc:
                self.exit_messages.append(f"pwiz: not saved: {describe(exc)}")

    async def action_quit(self) -> None:
        self.save_pending()
        self.exit()

    def _install_signal_handlers(self) -> None:
        """SIGTERM, SIGHUP and SIGINT: save, then leave through Textual so the
        terminal is restored. Only when attached to a real terminal."""
        if self.is_headless or threading.current_thread() is not threading.main_thread():
            return
        loop = asyncio.get_running_loop()
        for signum in HANDLED_SIGNALS:
            try:
                loop.add_signal_handler(signum, self.shutdown_on_signal, signum)
            except (NotImplementedError, RuntimeError, ValueError):  # pragma: no cover - platform
                continue
            self._signals_installed.append(signum)

    def shutdown_on_signal(self, signum: int) -> None:
        """SIGTERM, SIGHUP, SIGINT: save every open screen, then leave restoring the terminal."""
        self.save_pending()
        name = signal.Signals(signum).name
        self.exit_messages.append(f"pwiz: stopped by {name}; every answer given is saved.")
        if not self.is_headless:
            # If the terminal is gone (SIGHUP) restoring it may block: do not hang around.
            # Everything is saved by now; open_tui cancels this once the app has left.
            self.exit_timer = threading.Timer(SIGNAL_EXIT_GRACE_SECONDS, os._exit, (128 + signum,))
            self.exit_timer.daemon = True
            self.exit_timer.start()
        self.exit(return_code=128 + signum)

    def on_unmount(self) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # pragma: no cover
            return
        for signum in self._signals_installed:
            loop.remove_signal_handler(signum)
        self._signals_installed.clear()

    # --- shared helpers for screens ---------------------------------------------

    def report(self, exc: BaseException, title: str | None = None) -> None:
        """Show a refused or failed operation as a notification (never a traceback)."""
        self.notify(describe(exc), title=title or "", severity="error", timeout=10, markup=False)

    def run_safely(self, work: Any, *args: Any, **kwargs: Any) -> Any:
        """Call `work`; on a user, store or definition error, notify and return None."""
        try:
            return work(*args, **kwargs)
        except SHOWN_ERRORS as exc:
            self.report(exc)
            return None
