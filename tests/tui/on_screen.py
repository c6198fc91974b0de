"""What the terminal shows now, as text: for tests that assert what a user reads."""

from __future__ import annotations

import pytest


def screen_lines(app) -> list[str]:
    """The current screen's lines as drawn (the compositor's last frame, not the widgets' data)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))


def text(screen, selector: str) -> str:
    """What one widget shows (its render, whole, however much of it the terminal has room for)."""
    return str(screen.query_one(selector).render())


def on_screen(app, widget) -> bool:
    """The widget is shown and wholly inside the terminal."""
    region, size = widget.region, app.size
    return widget.display and region.area > 0 and region.right <= size.width and region.bottom <= size.height


# The sizes issue 14 supports: the smallest terminal, and a roomy one.
TWO_SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
