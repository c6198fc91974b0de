"""Right-to-left text (Arabic, Hebrew) put in the order it is drawn.

reportlab draws characters left to right in the order given; without its
optional bidi support (the `rlbidi` package) an Arabic word would come out
backwards. `visual(line)` applies a simplified Unicode bidirectional
algorithm (UAX #9: paragraph direction from the first strong character,
weak and neutral characters resolved from their neighbours, runs reversed
by level, brackets mirrored) to one line of text. PDF readers and text
extractors (pypdf) turn such visual runs back into logical order.

Limits, accepted for a governance pack: letters are not shaped (each Arabic
letter shows in its isolated form), and the order is worked out per
paragraph piece, so a right-to-left paragraph long enough to wrap shows its
lines top to bottom in the order of the text, each line right to left.
"""

from __future__ import annotations

import re
import unicodedata

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]")
_MIRROR = str.maketrans("()[]{}<>«»‹›", ")(][}{><»«›‹")
_NUMBER = {"EN", "AN"}


def has_rtl(text: str) -> bool:
    return _RTL.search(text) is not None


def visual(line: str) -> str:
    """The characters of one line in drawing order (unchanged if it has no RTL letters)."""
    if not has_rtl(line):
        return line
    kinds = [_kind(c) for c in line]
    base = next((k for k in kinds if k in ("L", "R")), "L")
    levels = _levels(kinds, base)
    chars = [c.translate(_MIRROR) if level % 2 else c for c, level in zip(line, levels)]
    order = list(range(len(chars)))
    top = max(levels)
    lowest_odd = min((lvl for lvl in levels if lvl % 2), default=top + 1)
    for level in range(top, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return "".join(chars[i] for i in order)


def _kind(char: str) -> str:
    bidi = unicodedata.bidirectional(char)
    if bidi in ("R", "AL"):
        return "R"
    if bidi == "L":
        return "L"
    if bidi in _NUMBER:
        return "num"
    if bidi == "NSM":
        return "nsm"
    return "N"


def _levels(kinds: list[str], base: str) -> list[int]:
    b = 1 if base == "R" else 0
    n = len(kinds)
    # Direction each character acts with for its neighbours: numbers act as R (UAX #9 N1).
    strong = [("R" if k in ("R", "num") else "L") if k in ("L", "R", "num") else None for k in kinds]
    before: list[str | None] = [None] * n
    after: list[str | None] = [None] * n
    last: str | None = base
    for i in range(n):
        before[i] = last
        if strong[i]:
            last = strong[i]
    last = base
    for i in range(n - 1, -1, -1):
        after[i] = last
        if strong[i]:
            last = strong[i]
    levels = []
    for i, kind in enumerate(kinds):
        if kind == "L":
            levels.append(0 if b == 0 else 2)
        elif kind == "R":
            levels.append(1)
        elif kind == "num":
            levels.append(2 if (b == 1 or before[i] == "R") else 0)
        elif kind == "nsm" and levels:
            levels.append(levels[-1])
        else:
            direction = before[i] if before[i] == after[i] else base
            levels.append(1 if direction == "R" else (0 if b == 0 else 2))
    return levels
