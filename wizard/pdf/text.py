"""User text on its way into a paragraph: never markup, never silently lost.

Every string a user or a questionnaire author wrote goes through `Text`:

- characters the font has no glyph for (and control characters) become a
  visible `[U+XXXX]` marker and are counted, so the CLI can warn and the
  pack can say so, instead of printing an empty box or nothing;
- `&`, `<` and `>` are escaped, so `a<b & c`, `R&D` and `<script>` print as
  written and are never parsed as reportlab paragraph markup;
- right-to-left runs are put in drawing order (see bidi.py);
- long text is cut at line breaks, and very long lines at spaces, into
  pieces of at most `CHUNK` characters: each piece is its own paragraph, so
  no single flowable outgrows a page (LayoutError) and the layout engine
  never re-wraps a 50,000-character paragraph page after page. A very long
  word inside a piece is broken across lines by reportlab (splitLongWords).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from xml.sax.saxutils import escape

from wizard.pdf.bidi import visual
from wizard.pdf.fonts import Fonts

CHUNK = 1_500  # characters per paragraph piece
_WHITESPACE = {"\t": " ", "\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x0b": "\n", "\x0c": "\n", "\x85": "\n"}


def marker(char: str) -> str:
    return f"[U+{ord(char):04X}]"


class Text:
    """Cleans and escapes user text for one document, remembering what it replaced."""

    def __init__(self, fonts: Fonts):
        self.fonts = fonts
        self.missing: Counter[str] = Counter()
        self._ok: dict[bool, set[str]] = {False: set(), True: set()}
        self._stand_ins: dict[str, str] = {}  # glyph-less character -> its one-character stand-in
        self._markers: dict[str, str] = {}  # stand-in -> the [U+XXXX] marker it becomes once in drawing order

    # --- characters -------------------------------------------------------

    def clean(self, text: object, bold: bool = False) -> str:
        """The text with each glyph-less character replaced by a visible marker."""
        return self._with_markers(self._with_stand_ins(text, bold))

    def _stand_in(self, char: str) -> str:
        """A private-use character standing for `char` while right-to-left runs are reordered.

        A marker's own characters (brackets, digits) are neutral to the bidi
        algorithm, so reordering a line with the marker already in it cut it
        up ("[U+6مرحبا ;[587"); one strong left-to-right character moves whole.
        """
        if char not in self._stand_ins:
            stand_in = chr(0xF0000 + len(self._stand_ins))  # plane 15: user text never reaches here (Co is replaced)
            self._stand_ins[char], self._markers[stand_in] = stand_in, marker(char)
        return self._stand_ins[char]

    def _with_markers(self, text: str) -> str:
        return "".join(self._markers.get(c, c) for c in text) if self._markers else text

    def _with_stand_ins(self, text: object, bold: bool) -> str:
        if text is None:
            return ""
        text = str(text)
        ok = self._ok[bold]
        unknown = set(text) - ok
        if not unknown:
            return text
        bad = set()
        for char in unknown:
            if char in _WHITESPACE or char == "\n":
                continue
            if self._printable(char, bold):
                ok.add(char)
            else:
                bad.add(char)
        for char, replacement in _WHITESPACE.items():
            if char in unknown:
                text = text.replace(char, replacement)
        if bad:
            for char in bad:
                self.missing[char] += text.count(char)
            text = "".join(self._stand_in(c) if c in bad else c for c in text)
        return text

    def _printable(self, char: str, bold: bool) -> bool:
        if unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn"):
            return False
        return self.fonts.covers(ord(char), bold)

    def report(self) -> list[str]:
        """One line per character that had to be replaced, most frequent first."""
        return [
            f"{marker(char)} {unicodedata.name(char, 'unnamed character')}: replaced {count} time{'s' if count != 1 else ''}"
            for char, count in sorted(self.missing.items(), key=lambda item: (-item[1], item[0]))
        ]

    # --- markup -------------------------------------------------------------

    def _drawn(self, line: str) -> str:
        """One cleaned line in drawing order, its markers whole."""
        return self._with_markers(visual(line))

    def display(self, text: object, bold: bool = False) -> str:
        """Cleaned text in drawing order, for strings drawn straight on the canvas."""
        return "\n".join(self._drawn(line) for line in self._with_stand_ins(text, bold).split("\n"))

    def inline(self, text: object, bold: bool = False) -> str:
        """Escaped, cleaned text for a paragraph or a table cell (newlines become <br/>)."""
        return "<br/>".join(escape(self._drawn(line)) for line in self._with_stand_ins(text, bold).split("\n"))

    def pieces(self, text: object, bold: bool = False, limit: int = CHUNK) -> list[str]:
        """Escaped paragraph texts: one per line of the text, long lines cut near `limit`."""
        cleaned = self._with_stand_ins(text, bold)
        return [escape(self._drawn(piece)) for line in cleaned.split("\n") for piece in cut(line, limit)]


def cut(line: str, limit: int = CHUNK) -> Iterable[str]:
    """A line in pieces of at most `limit` characters, cut at a space where there is one."""
    line = line.strip()
    while len(line) > limit:
        at = line.rfind(" ", limit // 2, limit)
        if at <= 0:
            at = limit
        yield line[:at]
        line = line[at:].lstrip()
    if line:
        yield line
