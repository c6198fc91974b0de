"""An editable list of names: partners, sub-groups, representatives.

Type a name and press Enter to add it; highlight one and press Delete to
remove it. With `kinds` (e.g. member / officer) each entry also carries a
kind chosen beside the name; with `records` each entry is a mapping
({"name": ...}) shown by `label`, and Enter on one posts `ListEditor.Chosen`
so its owner can open its details (`replace` puts the edited one back).
Posts `ListEditor.Changed` with the new list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Select
from textual.widgets.option_list import Option

from wizard.tui.display import esc as escape


class ListEditor(Vertical):
    """A list of strings, or of {"name", "kind"} when `kinds` is given."""

    BINDINGS = [
        Binding("delete,backspace", "remove", "Remove", id="list.remove", tooltip="Remove the highlighted entry")
    ]

    @dataclass
    class Changed(Message):
        editor: ListEditor
        items: list[Any]

        @property
        def control(self) -> ListEditor:
            return self.editor

    @dataclass
    class Chosen(Message):
        """Enter on an entry of a list of records: its owner may open the entry's details."""

        editor: ListEditor
        index: int

        @property
        def control(self) -> ListEditor:
            return self.editor

    def __init__(
        self,
        items: list[Any] | None,
        *,
        placeholder: str,
        kinds: dict[str, str] | None = None,
        records: bool = False,
        label: Callable[[Any], str] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes="list-editor")
        self.items: list[Any] = list(items or [])
        self.kinds = kinds
        self.records = records or kinds is not None
        self.label = label
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        yield OptionList(*self._options(), classes="list-items", compact=True)
        with Horizontal(classes="list-add"):
            if self.kinds:
                yield Select(
                    [(label, value) for value, label in self.kinds.items()],
                    value=next(iter(self.kinds)),
                    allow_blank=False,
                    classes="list-kind",
                    compact=True,
                )
            yield Input(placeholder=self.placeholder, classes="list-input", compact=True)

    def _options(self) -> list[Option]:
        if not self.items:
            return [Option("[dim](none yet)[/]", disabled=True)]
        return [Option(escape(self._label(item))) for item in self.items]

    def _label(self, item: Any) -> str:
        if self.label is not None:
            return self.label(item)
        if isinstance(item, dict):
            kind = (self.kinds or {}).get(item.get("kind") or "", item.get("kind"))
            return f"{item.get('name')} ({kind})"
        return str(item)

    def redraw(self) -> None:
        options = self.query_one(".list-items", OptionList)
        options.clear_options()
        options.add_options(self._options())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "remove":
            return self.query_one(".list-items", OptionList).has_focus and bool(self.items)
        return True

    def action_remove(self) -> None:
        options = self.query_one(".list-items", OptionList)
        index = options.highlighted
        if index is None or not self.items or index >= len(self.items):
            return
        del self.items[index]
        self.redraw()
        if self.items:
            options.highlighted = min(index, len(self.items) - 1)
        self.post_message(self.Changed(self, list(self.items)))

    def commit_pending(self) -> bool:
        """Add what is typed in the box (Enter or leaving it); True if the list changed."""
        box = self.query_one(".list-input", Input)
        name = box.value.strip()
        if not name:
            return False
        if self.kinds:
            item: Any = {"name": name, "kind": self.query_one(".list-kind", Select).value}
        else:
            item = {"name": name} if self.records else name
        self.items.append(item)
        box.value = ""
        self.redraw()
        self.post_message(self.Changed(self, list(self.items)))
        return True

    def replace(self, index: int, item: Any) -> None:
        """Put the edited entry `index` back (its details changed) and post Changed."""
        self.items[index] = item
        self.redraw()
        self.query_one(".list-items", OptionList).highlighted = index
        self.post_message(self.Changed(self, list(self.items)))

    @on(OptionList.OptionSelected, ".list-items")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.records and self.items and event.option_index < len(self.items):
            self.post_message(self.Chosen(self, event.option_index))

    @on(Input.Submitted, ".list-input")
    def _add(self, event: Input.Submitted) -> None:
        event.stop()
        self.commit_pending()

    @on(Input.Blurred, ".list-input")
    def _blurred(self, event: Input.Blurred) -> None:
        event.stop()
        self.commit_pending()
