"""`report`, `risk list` and `action list` with `-o FILE.xlsx`: real sheets, read back cell by cell with openpyxl."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook

from store import Register


def _sheet(path: Path):
    return load_workbook(path).worksheets[0]


def _columns(sheet) -> dict[str, int]:
    return {cell.value: cell.column for cell in sheet[1]}


def _assert_a_real_sheet(sheet) -> None:
    """Bold frozen headings, a filter over every column and row, and each column as wide as its widest cell."""
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
    for column in sheet.iter_cols():
        texts = [str(cell.value) for cell in column if isinstance(cell.value, str)]
        width = sheet.column_dimensions[column[0].column_letter].width
        assert width >= min(max(map(len, texts), default=0), 60), column[0].value


def test_the_register_report_as_a_sheet_of_numbers_dates_and_text(pwiz, db_path, tmp_path) -> None:
    register = Register.open(db_path)
    pid = register.add_partnership("Safer Roads Partnership", type="strategic", significance="high")["id"]
    register.update_partnership(pid, review_interval_months=12)
    aid = register.start_assessment(pid, "scope", 1)["id"]
    register.set_status(aid, "complete")
    register.sign_off(aid, "A. Chief", "Chief Executive", "approved", signed_at=datetime(2025, 2, 3))
    register.add_action(pid, "Agree the terms of reference")
    register.add_action(pid, "Name a lead officer")
    register.add_partnership('=HYPERLINK("http://x")')  # a name a spreadsheet would run

    out = tmp_path / "register.xlsx"
    result = pwiz("report", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote {out}: 2 partnerships (XLSX)\n"
    sheet = _sheet(out)
    _assert_a_real_sheet(sheet)
    at = _columns(sheet)
    assert list(at) == [
        "Id", "Name", "Type", "Status", "Significance", "Last signoff", "Last decision", "Next review due",
        "Overdue", "Days overdue", "Open actions", "Flags", "Accountable body", "Partners", "Representatives",
        "Membership held by", "Organisation", "End date", "Contract value", "Contract term months",
        "Contract renewal date",
    ]  # fmt: skip
    roads = {heading: sheet.cell(2, column) for heading, column in at.items()}  # high significance comes first
    assert roads["Name"].value == "Safer Roads Partnership" and roads["Type"].value == "strategic"
    assert roads["Last signoff"].value == datetime(2025, 2, 3) and roads["Last signoff"].is_date
    assert roads["Next review due"].value == datetime(2026, 2, 3)
    assert roads["Next review due"].number_format == "dd/mm/yyyy"
    assert roads["Open actions"].value == 2 and roads["Open actions"].data_type == "n"
    assert roads["Overdue"].value is True and isinstance(roads["Days overdue"].value, int)
    formula = sheet.cell(3, at["Name"])
    assert formula.value == '=HYPERLINK("http://x")' and formula.data_type == "s"  # text, never a formula


def test_risks_and_actions_of_every_partnership_as_sheets(pwiz, db_path, tmp_path) -> None:
    register = Register.open(db_path)
    roads = register.add_partnership("Safer Roads")["id"]
    youth = register.add_partnership("Youth Board")["id"]
    register.add_risk(roads, "Data shared without an agreement", category="Data", likelihood=4, impact=5)
    register.add_risk(youth, "Funding ends", likelihood=2, impact=2)
    action = register.add_action(youth, "Sign the agreement", owner="Bob", due=date(2027, 1, 10))
    register.add_action(roads, "Undated")

    risks, actions = tmp_path / "risks.xlsx", tmp_path / "actions.xlsx"
    assert pwiz("risk", "list", "-o", str(risks)).stdout == f"wrote {risks}: 2 risks (XLSX)\n"
    assert pwiz("action", "list", "-o", str(actions)).stdout == f"wrote {actions}: 2 actions (XLSX)\n"

    sheet = _sheet(risks)
    _assert_a_real_sheet(sheet)
    at = _columns(sheet)
    assert [sheet.cell(row, at["Score"]).value for row in (2, 3)] == [20, 4]  # highest first, as numbers
    assert sheet.cell(2, at["Partnership"]).value == "Safer Roads" and sheet.cell(2, at["Category"]).value == "Data"
    assert isinstance(sheet.cell(2, at["Created at"]).value, datetime)

    sheet = _sheet(actions)
    _assert_a_real_sheet(sheet)
    at = _columns(sheet)
    rows = {sheet.cell(row, at["Action id"]).value: row for row in (2, 3)}
    signed = rows[action["id"]]
    assert sheet.cell(signed, at["Partnership"]).value == "Youth Board"
    assert sheet.cell(signed, at["Due"]).value == datetime(2027, 1, 10) and sheet.cell(signed, at["Due"]).is_date
    assert sheet.cell(signed, at["Owner"]).value == "Bob"
    assert {sheet.cell(row, at["Partnership id"]).value for row in rows.values()} == {roads, youth}


def test_an_export_to_another_kind_of_file_is_refused(pwiz, tmp_path) -> None:
    for args in (["action", "list", "-o"], ["report", "-o"], ["risk", "list", "-o"]):
        result = pwiz(*args, str(tmp_path / "out.ods"))
        assert result.returncode == 1 and result.stderr.startswith("pwiz: error: ") and ".xlsx" in result.stderr
    assert list(tmp_path.glob("out.*")) == []


def test_listing_the_register_loads_neither_openpyxl_nor_icalendar(tmp_path) -> None:
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['pwiz', *sys.argv[1:]]\n"
        "try:\n"
        "    runpy.run_module('wizard', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'openpyxl', 'icalendar'}), file=sys.stderr)\n"
    )
    for args in (["partnership", "list"], ["due"], ["--help"]):
        run = subprocess.run(
            [sys.executable, "-c", probe, *args],
            capture_output=True,
            text=True,
            env={"PWIZ_DB": str(tmp_path / "register"), "PATH": ""},
            timeout=60,
        )
        assert run.stderr.strip().splitlines()[-1] == "[]", (args, run.stderr)
