"""PDF output: the approval pack of one partnership, the register report, and
checking a pack (`pwiz export`, `pwiz report`, `pwiz verify FILE.pdf`).

    packdata.py   gather what a pack shows from the register (engine-evaluated)
    pack.py       lay out the approval pack (PackRenderer, build_pack): cover,
                  contents, data sheet, significance, assessments
    pack_registers.py  particular care, action plan, risk register, changes
    pack_signoff.py    the sign-off page and the note of replaced characters
    report.py     the whole register as PDF or CSV
    record.py     the signed record attached to a pack (pwiz-record.json)
    verify.py     verify_pack: record, digests, pages, register, certificate signature
    credential.py the approver's PKCS#12 file, opened and checked fit to sign
    signing.py    the PAdES signature (pyHanko) in the sign-off page's box
    sign_worker.py  signing in a helper process, so pyHanko loads during layout
    signature_check.py  a pack's certificate signature, checked offline
    document.py   page templates, header/footer, DRAFT, "Page X of Y"
    flowables.py  headings that know their page; the contents list
    charts.py     answers and flags per questionnaire
    embed.py      attached files, written with reportlab, read with pypdf
    fonts.py      DejaVu Sans, shipped in wizard/fonts/, and its glyph coverage
    text.py       user text: escaped, glyph-checked, cut to size
    bidi.py       right-to-left runs in drawing order
    styles.py     the stylesheet and colours

Modules import reportlab; import them inside commands so `pwiz --help` stays fast.
"""

import logging as _logging
import warnings as _warnings

# What the PDF libraries say about themselves (cryptography's deprecations seen
# from inside pyHanko, pypdf's notes on odd content streams) is for pwiz's
# developers: a user's stderr carries pwiz's own `pwiz: error:` lines only.
# Every module here, the signing helper process's included, passes through this.
for _library in ("pyhanko", "pyhanko_certvalidator", "pypdf", "reportlab"):
    _warnings.filterwarnings("ignore", module=rf"{_library}(\.|$)")
    _logging.getLogger(_library).addHandler(_logging.NullHandler())
