"""The top line of every screen: the screen's title and subtitle.

Looks like Textual's Header (icon on the left, "title — subtitle" centred)
but is one widget that draws its line, not four that set their text after
mounting: the Header's extra widgets and the frame it takes to show its
title were a visible part of start-up. A click on the icon opens the
command palette, as it does on the Header.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widget import Widget

ICON = "⭘"
ICON_WIDTH = 8  # as Textual's HeaderIcon
RIGHT_SPACE = 10  # as the Header's (clock) space on the right, so titles sit where they did


class TitleBar(Widget, can_focus=False):
    """Title and subtitle of the current screen (falling back to the app's)."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.screen, "title", self._changed, init=False)
        self.watch(self.screen, "sub_title", self._changed, init=False)

    def _changed(self) -> None:
        self.refresh()

    def render(self) -> Text:
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        heading = Text(title, no_wrap=True, overflow="ellipsis", end="")
        if sub_title:
            heading.append(f" — {sub_title}", style="dim")
        room = max(0, self.size.width - ICON_WIDTH - RIGHT_SPACE)
        heading.truncate(room, overflow="ellipsis")
        heading.align("center", room)
        return Text.assemble(f" {ICON}".ljust(ICON_WIDTH), heading, no_wrap=True, end="")

    def on_mouse_move(self, event: events.MouseMove) -> None:
        over_icon = event.x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE
        self.tooltip = "Open the command palette" if over_icon else None

    async def on_click(self, event: events.Click) -> None:
        if event.x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            await self.run_action("app.command_palette")
