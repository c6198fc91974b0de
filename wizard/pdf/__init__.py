"""PDF output: the approval pack of one partnership and the register report
(`pwiz export`, `pwiz report`). Certificate signatures are wizard.signing's,
checking a pack is wizard.verify's.

    packdata.py   gather what a pack shows from the register (engine-evaluated)
    pack.py       lay out the approval pack (PackRenderer, build_pack): cover,
                  contents, data sheet, significance, assessments
    pack_registers.py  particular care, action plan, risk register, changes
    pack_signoff.py    the sign-off page and the note of replaced characters
    report.py     the whole register as PDF or CSV
    report_pdf.py the register report's PDF layout
    annual.py     the annual committee report (pwiz report --annual)
    heatmap.py    the risk score bands and the 5×5 heat map flowable
    risk_key.py   the register's risks: heat map and key (both reports)
    register_facts.py  sign-offs, approvals, open actions, risks of every
                  partnership, cached per file (both reports)
    listing.py    a plain table for the register-wide reports
    record.py     the signed record attached to a pack (pwiz-record.json)
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

from wizard.library_noise import silence

silence()
