"""The footer of every screen: the keys that work here, drawn as one line.

Textual's Footer mounts a widget per key and rebuilds them all whenever the
bindings change; on the home screen that was a fifth of start-up. This bar
is one widget that draws the same line (the compact footer's look: key in
bold, its description after it, the command palette key on the right) from
`screen.active_bindings` each time it is refreshed. A click on a key
presses it, hovering shows its tooltip, and keys the screen has disabled
are dimmed and only ring the bell.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widget import Widget


class PlacedKey(NamedTuple):
    """One key as drawn: where it starts, how wide it is, and whether it is whole."""

    binding: Binding
    key_text: str  # the key as shown, e.g. "^q"
    label: str  # "key description"
    enabled: bool
    tooltip: str
    x: int
    width: int
    whole: bool
    palette: bool


class KeyBar(Widget, can_focus=False):
    """One line of key hints for the current screen."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--hover", "key-bar--separator"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-bar--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        .key-bar--separator {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._hover: int | None = None
        # What is drawn, and at which width: placed again when the bindings or the width change.
        self._keys: list[PlacedKey] | None = None
        self._width = 0

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        # The screen signals after every focus change; redraw only when the keys shown change.
        keys = self._place()
        if self._keys is None or _shown(keys) != _shown(self._keys):
            self._keys, self._width = keys, self.size.width
            self._hover, self.tooltip = None, None  # the key under the mouse may be another one now
            self.refresh()

    # --- what is shown ------------------------------------------------------------

    def placed(self) -> list[PlacedKey]:
        """The keys as this bar draws them at its width, left to right, then the palette key."""
        if self._keys is None or self._width != self.size.width:
            self._keys, self._width = self._place(), self.size.width
        return self._keys

    def _place(self) -> list[PlacedKey]:
        width = self.size.width
        active = self.screen.active_bindings
        shown: dict[str, tuple[Binding, bool, str]] = {}
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in shown:
                shown[binding.action] = (binding, enabled, tooltip or binding.description)
        palette = None
        if self.app.ENABLE_COMMAND_PALETTE and self.app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, tooltip = active[self.app.COMMAND_PALETTE_BINDING]
            shown.pop(binding.action, None)
            key_text, label = self._label(binding)
            palette = PlacedKey(
                binding,
                key_text,
                label,
                enabled,
                binding.tooltip or binding.description,
                max(0, width - cell_len(label) - 1),
                cell_len(label),
                True,
                True,
            )
        edge = palette.x - 1 if palette else width  # the separator sits before the palette key; a space after it
        keys, x = [], 0
        for binding, enabled, tooltip in shown.values():
            key_text, label = self._label(binding)
            size = cell_len(label)
            keys.append(PlacedKey(binding, key_text, label, enabled, tooltip, x, size, x + size <= edge, False))
            x += size + 1
        return keys + ([palette] if palette else [])

    def _label(self, binding: Binding) -> tuple[str, str]:
        """The key as shown, and the key with its description."""
        key = self.app.get_key_display(binding)
        return key, f"{key} {binding.description}" if binding.description else key

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        hover_style = self.get_component_rich_style("key-bar--hover")
        line = Text(no_wrap=True, overflow="crop", end="")
        for index, key in enumerate(self.placed()):
            if key.palette:  # on the right, over any keys that did not fit
                line.rstrip_end(key.x - 1)  # the space after a key that just fits
                line.truncate(key.x - 1, overflow="ellipsis", pad=True)
                line.append("▏", self.get_component_rich_style("key-bar--separator"))
            chunk = Text.assemble((key.key_text, key_style), (key.label[len(key.key_text) :], description_style))
            if index == self._hover and key.enabled:
                chunk.stylize(hover_style)
            if not key.enabled:
                chunk.stylize(Style(dim=True))
            line.append_text(chunk)
            if not key.palette:
                line.append(" ")
        line.truncate(self.size.width)
        return line

    # --- mouse ---------------------------------------------------------------------

    def _key_at(self, x: int) -> tuple[int, PlacedKey] | None:
        """The key drawn at column x (the palette key covers keys that did not fit)."""
        keys = list(enumerate(self.placed()))
        edge = self.size.width
        for index, key in reversed(keys):
            if key.palette:
                if key.x <= x < key.x + key.width:
                    return index, key
                edge = key.x - 1
            elif key.x <= x < min(key.x + key.width, edge):
                return index, key
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        found = self._key_at(event.x)
        index = found[0] if found else None
        if index != self._hover:
            self._hover = index
            self.tooltip = found[1].tooltip if found else None
            self.refresh()

    def on_leave(self) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        found = self._key_at(event.x)
        if found is None:
            return
        _index, key = found
        if key.enabled:
            self.app.simulate_key(key.binding.key.split(",")[0])
        else:
            self.app.bell()


def _shown(keys: list[PlacedKey]) -> list[tuple[Binding, str, bool]]:
    """What a user sees of the keys: which, with what label, allowed or not."""
    return [(key.binding, key.label, key.enabled) for key in keys]
