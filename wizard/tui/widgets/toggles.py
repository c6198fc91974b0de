"""Radio buttons and check boxes whose state reads without colour.

Textual's RadioButton draws ● chosen or not, and its Checkbox an X ticked or
not, told apart by colour alone: on a monochrome terminal, for a colour-blind
officer, or read back by a screen reader, a decision or a ticked questionnaire
cannot be seen. These draw `(•)` / `( )` and `[x]` / `[ ]`.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Checkbox, RadioButton


class ChoiceButton(RadioButton):
    """A choice whose long label wraps onto more lines (read whole before it is chosen).

    RadioButton is always one line high, its label cut with an ellipsis; the
    label wraps here when the question panel's CSS lets it (text-wrap: wrap).
    """

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # ToggleButton answers 1; Widget's own answer is the height of the label wrapped at `width`.
        return Widget.get_content_height(self, container, viewport, width)

    @property
    def _button(self) -> Content:
        """`(•)` chosen, `( )` not: the state reads without colour (RadioButton draws ● for both)."""
        return Content.styled("(•)" if self.value else "( )", self.get_visual_style("toggle--button"))


class TickBox(Checkbox):
    """A check box drawn `[x]` ticked and `[ ]` not."""

    @property
    def _button(self) -> Content:
        return Content.styled("[x]" if self.value else "[ ]", self.get_visual_style("toggle--button"))
