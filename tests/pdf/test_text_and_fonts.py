"""User text in the pack: never markup, every script we promise, nothing lost, nothing too big."""

from __future__ import annotations

import pytest

from questionnaires.library import Library
from questionnaires.loader import load_text
from store import Register
from tests.pdf.builders import answer_everything, typical_register
from tests.pdf.pdftext import assert_in_order, body, squash
from wizard import approval
from wizard.pdf import fonts
from wizard.pdf.bidi import visual
from wizard.pdf.pack import build_pack
from wizard.pdf.text import Text, cut
from wizard.service import Governance

MARKUP = [
    "a<b & c",
    "R&D",
    "<script>alert('x')</script>",
    "&amp; stays &amp;",
    "<b>not bold</b>",
    "<para>",
    "x<br/>y",
    "5 > 3 & 2 < 4",
]
SCRIPTS = {
    "Welsh": "Pwyllgor Partneriaeth Gymunedol: ŵ ŷ â ê î ô û ï ë Ŵ Ŷ",
    "Polish": "Zażółć gęślą jaźń — Łódź, Kraków, Gdańsk",
    "Greek": "Ελληνικά: Συνεργασία και διακυβέρνηση",
    "Cyrillic": "Кириллица: партнёрство и управление",
    "Arabic": "مرحبا بالعالم",
    "Hebrew": "שלום עולם",
}


def sample_text(q, n):
    values = MARKUP + list(SCRIPTS.values())
    return values[n % len(values)]


@pytest.fixture(scope="module")
def unicode_pack(tmp_path_factory):
    root = tmp_path_factory.mktemp("unicode")
    register, lib, pid = typical_register(
        root / "register",
        name="R&D <script> a<b & c — Partneriaeth ŵ",
        questionnaires=("scope", "significance", "checklist"),
        text=sample_text,
        sheet={
            "purpose": "Purpose: a<b & c, R&D, <script>; Zażółć; Ελληνικά; Кириллица",
            "partners": ["R&D Ltd", "<Acme>"],
        },
    )
    return register, lib, pid, build_pack(register, lib, pid)


def test_markup_in_user_text_prints_verbatim(unicode_pack):
    register, lib, pid, result = unicode_pack
    text = body(result.pdf)
    assert "R&D <script> a<b & c — Partneriaeth ŵ" in text
    assert "Purpose: a<b & c, R&D, <script>; Zażółć; Ελληνικά; Кириллица" in text
    assert_in_order(text, ["R&D Ltd", "<Acme>"])
    checklist = register.list_assessments(pid)[-1]
    answers = [
        item["value"]
        for item in checklist["answers"].values()
        if isinstance(item["value"], str) and len(item["value"]) > 3
    ]
    for sample in MARKUP:
        if sample in answers:
            assert sample in text, sample
    assert "<b>not bold</b>" in text and "x<br/>y" in text
    assert not result.replaced


def test_scripts_round_trip(unicode_pack):
    *_, result = unicode_pack
    text = body(result.pdf)
    for script, sample in SCRIPTS.items():
        assert sample in text, script


def test_header_of_every_page_keeps_the_markup_name(unicode_pack):
    *_, result = unicode_pack
    from tests.pdf.pdftext import pages

    for page in pages(result.pdf):
        assert "Partnership approval pack · R&D <script> a<b & c — Partneriaeth ŵ" in page


def test_characters_without_a_glyph_are_replaced_visibly_and_reported(tmp_path):
    register, lib, pid = typical_register(
        tmp_path / "register", questionnaires=("scope",), sheet={"purpose": "Joint work with 中文 partners \u0007 bell"}
    )
    result = build_pack(register, lib, pid)
    text = body(result.pdf)
    assert "Joint work with [U+4E2D][U+6587] partners [U+0007] bell" in text
    assert any(line.startswith("[U+4E2D] CJK UNIFIED IDEOGRAPH-4E2D") for line in result.replaced)
    assert any(line.startswith("[U+0007]") for line in result.replaced)
    assert_in_order(text, ["Characters not shown", "[U+4E2D] CJK UNIFIED IDEOGRAPH-4E2D: replaced 1 time"])


def test_long_answers_and_long_words_build_and_survive(tmp_path):
    long_answer = " ".join(f"word{n} of a very long answer & <more>" for n in range(1600))[:50_000]
    long_word = "Z" * 5_000
    assert len(long_answer) == 50_000

    def text(q, n):
        return long_answer if n == 0 else f"{long_word} then normal text" if n == 1 else "short"

    register, lib, pid = typical_register(
        tmp_path / "register", questionnaires=("scope", "significance", "key-principles", "checklist"), text=text
    )
    result = build_pack(register, lib, pid)  # how long it takes is measured in benchmarks/, not here
    assert not result.draft
    whole = body(result.pdf)
    assert " ".join(long_answer.split()) in whole
    assert squash(long_word + " then normal text") in squash(whole)


def test_a_500_question_pack_builds(tmp_path):
    sections = []
    for s in range(10):
        questions = "\n".join(
            f"""      - id: q{s}-{n}
        text: "Question {s}-{n}: is the arrangement & its <terms> agreed?"
        type: yes_no_unclear
        note: {{label: Note}}
        rules:
          - when: "answer == 'no'"
            flag: "Particular care for {s}-{n}."
"""
            for n in range(50)
        )
        sections.append(f"  - id: s{s}\n    title: Section {s}\n    questions:\n{questions}")
    yaml = (
        "schema_version: 1\nid: big\ntitle: Five hundred questions\nversion: 1\n"
        "source: {document: 002_7973d30938de3e86.txt, section: '6.3'}\nsections:\n" + "\n".join(sections)
    )
    definition = load_text(yaml, "big.yaml")
    assert len(definition.questions()) == 500
    lib = Library({"big": definition})
    register = Register.open(tmp_path / "register")
    pid = register.add_partnership("Big one")["id"]
    gov = Governance(register, lib)
    a = gov.open_assessment(pid, "big")
    answers = answer_everything(definition, note=lambda q, n: f"Note {q.id} " + "detail " * (n % 40))
    gov.answer_many(a["id"], answers)
    gov.sign_off(a["id"], by="Jo Bloggs", role="Chief Executive", decision="approved")
    approval.approve(gov, pid, by="Jo Bloggs", role="Chief Executive", decision="approved")
    result = build_pack(register, lib, pid)
    assert result.pages > 20 and not result.draft
    expected = []
    for q in definition.questions():
        expected += [q.text, q.label_for(answers[q.id]["value"]), answers[q.id].get("note") or ""]
    assert_in_order(body(result.pdf), [e for e in expected if e])


# --- units ----------------------------------------------------------------------------


def test_shipped_font_is_preferred_and_licensed():
    registered = fonts.register()
    for path in registered.sources.values():
        assert path.parent == fonts.shipped_dir()
    assert (fonts.shipped_dir() / "LICENSE").read_text().count("Bitstream") >= 2
    for sample in SCRIPTS.values():
        assert all(registered.covers(ord(c)) for c in sample if not c.isspace())


def test_text_escapes_and_marks():
    t = Text(fonts.register())
    assert t.inline("a<b & c") == "a&lt;b &amp; c"
    assert t.inline("line one\nline two") == "line one<br/>line two"
    assert t.clean("tab\there") == "tab here"
    assert t.clean("中") == "[U+4E2D]"
    assert t.clean("\x00") == "[U+0000]"
    assert t.report() == [
        "[U+0000] unnamed character: replaced 1 time",
        "[U+4E2D] CJK UNIFIED IDEOGRAPH-4E2D: replaced 1 time",
    ]


def test_cut_keeps_every_character_and_bounds_pieces():
    text = ("abc " * 3000) + "X" * 4000
    pieces = list(cut(text, 1500))
    assert all(len(p) <= 1500 for p in pieces)
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "")


def test_right_to_left_runs_are_put_in_drawing_order():
    assert visual("abc") == "abc"
    assert visual("مرحبا") == "مرحبا"[::-1]
    assert visual("Hello مرحبا بالعالم end") == "Hello " + "مرحبا بالعالم"[::-1] + " end"
    assert visual("عربي (نص)") == "(صن) يبرع"
    assert visual("رقم 123") == "123 مقر"


def test_a_marker_next_to_right_to_left_text_stays_whole():
    """Reordering an Arabic run must not cut a [U+XXXX] marker in pieces (verify then failed on an untouched pack)."""
    t = Text(fonts.register())
    drawn = t.inline("中文; مرحبا")
    assert "[U+4E2D][U+6587]; " + "مرحبا"[::-1] == drawn
    assert t.clean("中文; مرحبا") == "[U+4E2D][U+6587]; مرحبا"  # logical order, for verify


def test_a_long_name_is_cut_in_the_page_header_not_run_into_the_date(tmp_path):
    long_name = (
        "Lancashire Constabulary and Lancashire County Council Joint Community Safety Strategic Partnership Board"
    )
    register, lib, pid = typical_register(tmp_path / "register", questionnaires=("scope",), name=long_name)
    result = build_pack(register, lib, pid)
    from tests.pdf.pdftext import pages

    for page in pages(result.pdf):
        header = next(line for line in page.split("\n") if line.startswith("Partnership approval pack · "))
        assert header.endswith("…") and "prepared" not in header
    assert long_name in " ".join(pages(result.pdf)[0].split())  # whole on the cover
