"""The pack's data-sheet page: partners with their sectors, representatives with their delegations."""

from __future__ import annotations

from tests.pdf.builders import typical_register
from tests.pdf.pdftext import assert_in_order, pages
from wizard.pdf.pack import build_pack

SHEET = {
    "partners": [
        {
            "name": "Lancashire County Council",
            "sector": "local-authority",
            "role": "Hosts the team",
            "accountable": True,
        },
        {"name": "Lancashire Fire & Rescue", "sector": "fire", "contact": "partnerships@lfrs.example"},
        "NHS Lancashire",  # as registers written before partners had details hold them
    ],
    "representatives": [
        {
            "name": "Cllr A. Jones",
            "kind": "member",
            "represents": "the Police Authority",
            "appointed_by": "Annual General Meeting",
            "appointed_on": "2026-05-20",
            "delegation": "Delegation PA/2026/12: may agree the annual plan",
            "reports_back": "to the Authority quarterly",
        },
        {"name": "DCI B. Smith", "kind": "officer", "appointed_by": "Chief Executive"},
    ],
    "membership_held_by": "both",
    "organisation": "multi",
    "end_date": "2029-03-31",
    "exit_strategy": "Six months' notice to the board",
    "contract": {"value": 50000, "term_months": 36, "renewal_date": "2029-03-31"},
}


def test_the_data_sheet_page_lists_partners_and_representatives_with_their_details(tmp_path) -> None:
    register, lib, pid = typical_register(tmp_path / "register", questionnaires=(), signed=False, sheet=SHEET)
    pdf = build_pack(register, lib, pid).pdf
    (tmp_path / "pack.pdf").write_bytes(pdf)
    page = next(text for text in pages(pdf) if "Our representatives" in text)
    sheet = " ".join(page.split())
    assert_in_order(
        sheet,
        [
            "Accountable body Lancashire County Council",
            "Membership held by Both the Authority and the Force",
            "Single or multi organisation Multi organisation",
            "End date 2029-03-31",
            "Exit strategy Six months' notice to the board",
            "£50,000.00 over 36 months; renewal 2029-03-31",
            "Partners",
            "Lancashire County Council Local authority Hosts the team",
            "Yes",
            "Lancashire Fire & Rescue Fire and rescue",
            "NHS Lancashire",
            "Our representatives",
            "Cllr A. Jones member the Police Authority by Annual General Meeting, 2026-05-20",
            "Delegation PA/2026/12",
            "to the Authority quarterly",
            "DCI B. Smith officer",
            "by Chief Executive",
        ],
    )
