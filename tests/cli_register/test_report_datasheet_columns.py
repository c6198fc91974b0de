"""The register report's CSV and Excel sheets carry the data sheet's partners, representatives,
membership, organisation, end date and contract, a column each."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from store import Register
from wizard.datasheet_columns import SHEET_COLUMNS

pytestmark = pytest.mark.both_registers  # the CLI and the wizard on a folder and on PostgreSQL


def test_csv_and_excel_reports_have_the_data_sheet_columns(pwiz, register: Register, tmp_path) -> None:
    register.add_partnership(
        "Youth Board",
        partners=[{"name": "County Council", "sector": "local-authority", "accountable": True}, "Schools"],
        representatives=[{"name": "Sam Lee", "kind": "officer"}],
        membership_held_by="both",
        end_date="2029-03-31",
        contract={"value": 12000, "term_months": 24, "renewal_date": "2028-03-31"},
    )
    register.add_partnership("Old Board", partners=["Probation"])
    assert pwiz("report", "-o", str(tmp_path / "r.csv")).returncode == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "r.csv").read_bytes().decode("utf-8-sig"))))
    youth = next(row for row in rows if row["name"] == "Youth Board")
    assert youth["partners"] == "County Council (Local authority); Schools"
    assert (youth["accountable_body"], youth["representatives"]) == ("County Council", "Sam Lee (officer)")
    assert (youth["membership_held_by"], youth["end_date"]) == ("both", "2029-03-31")
    assert (youth["contract_value"], youth["contract_term_months"], youth["contract_renewal_date"]) == (
        "12000.0",
        "24",
        "2028-03-31",
    )
    assert next(row for row in rows if row["name"] == "Old Board")["partners"] == "Probation"
    assert pwiz("report", "-o", str(tmp_path / "r.xlsx")).returncode == 0
    sheet = load_workbook(tmp_path / "r.xlsx").active
    headings = [cell.value for cell in sheet[1]]
    assert headings[-len(SHEET_COLUMNS) :] == ["Accountable body", "Partners", "Representatives", "Membership held by",
                                               "Organisation", "End date", "Contract value", "Contract term months",
                                               "Contract renewal date"]  # fmt: skip
    values = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values["Youth Board"][headings.index("Partners")] == "County Council (Local authority); Schools"
    assert str(values["Youth Board"][headings.index("Contract renewal date")])[:10] == "2028-03-31"
