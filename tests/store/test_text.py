"""Text comes back exactly as it was given, whatever the script or length."""

from __future__ import annotations

import pytest

from store import Register
from tests.store.conftest import reopen

TEXTS = {
    "markup": "<b>&amp; <script>alert('x')</script> \"quoted\" \\ back\\slash",
    "welsh": "Partneriaeth Diogelwch Cymunedol: ŵ ŷ Ŵ Ŷ â ê î ô û",
    "polish": "Łódź, Gdańsk, Kraków: zażółć gęślą jaźń",
    "arabic": "شراكة السلامة المجتمعية",
    "emoji": "🤝 👮‍♀️ 🏴󠁧󠁢󠁷󠁬󠁳󠁿 ✅",
    "long": ("Ten thousand characters, ŵ & <i>. " * 300)[:10_000],
    "whitespace": "  leading and trailing\n\ttabs and\r\nnewlines  ",
}


def as_name(text: str) -> str:
    """A name is one line of at most 200 characters (store.records.name_problem)."""
    return " ".join(text.split())[:200]


@pytest.mark.parametrize("kind", TEXTS)
def test_answers_notes_and_names_round_trip_exactly(register: Register, kind: str) -> None:
    text = TEXTS[kind]
    pid = register.add_partnership(as_name(f"{kind} {text[:50]}"), purpose=text, partners=[as_name(text)])["id"]
    aid = register.start_assessment(pid, "checklist", 1)["id"]
    register.save_answer(aid, "c-1", text, note=text, action=text)

    reopened = reopen(register)
    answer = reopened.get_assessment(aid)["answers"]["c-1"]
    assert (answer["value"], answer["note"], answer["action"]) == (text, text, text)
    record = reopened.get_partnership(pid)
    assert record["purpose"] == text and [p["name"] for p in record["partners"]] == [as_name(text)]
    assert len(TEXTS["long"]) == 10_000
