"""The command palette lists every action: one command per key binding.

Built from the same bindings the footer shows, so a key and its palette
entry cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.app import SystemCommand
from textual.screen import Screen

from wizard.tui.display import esc


def binding_commands(screen: Screen) -> Iterator[SystemCommand]:
    """A palette command for each described, enabled binding active on `screen`."""
    app = screen.app
    seen: set[tuple[int, str]] = set()
    for active in screen.active_bindings.values():
        binding, node = active.binding, active.node
        # Ours all carry an id; of Textual's own, only those the footer shows.
        if not binding.description or not active.enabled or not (binding.show or binding.id):
            continue
        if binding.system or (id(node), binding.action) in seen:
            continue
        seen.add((id(node), binding.action))
        key = app.get_key_display(binding)
        help_text = f"{binding.tooltip}  ({key})" if binding.tooltip else f"({key})"
        yield SystemCommand(esc(binding.description), esc(help_text), partial(app.run_action, binding.action, node))
