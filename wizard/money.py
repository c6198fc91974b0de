"""Amounts of money as officers type them: 5000, 5000.50, £5,000 (one reading for the CLI and the wizard)."""

from __future__ import annotations

import math


def parse_pounds(text: object) -> int | float:
    """The amount in pounds, whole when it is; ValueError saying what to type instead.

    Infinity and NaN parse as floats but are not amounts (and JSON cannot store them).
    """
    cleaned = str(text).replace("£", "").replace(",", "").strip()
    try:
        amount = float(cleaned)
    except ValueError:
        amount = math.nan
    if not math.isfinite(amount):
        raise ValueError(f"{text!r} is not an amount of money: give pounds, e.g. 5000 or £5,000")
    if amount < 0:
        raise ValueError(f"{text!r} is negative: an amount of money is 0 or more")
    return int(amount) if amount.is_integer() else amount
