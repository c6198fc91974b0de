"""What the terminal shows now, as text: for tests that assert what a user reads."""

from __future__ import annotations


def screen_lines(app) -> list[str]:
    """The current screen's lines as drawn (the compositor's last frame, not the widgets' data)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))
