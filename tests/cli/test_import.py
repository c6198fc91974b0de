"""`pwiz partnership import FILE.xlsx|FILE.csv`: an existing list, messy as lists are, all or nothing."""

from __future__ import annotations

import json
from datetime import datetime

from openpyxl import Workbook

from store import Register

# A title row and a blank row above the headings; headings in their owners' own case and spelling.
MESSY_CSV = """Partnerships register 2025,,,,,,
,,,,,,
PARTNERSHIP NAME,type,Lead_Officer,Partners,Next Review,Contribution (£),Notes
Safer Roads,Strategic,Ann Lee,NHS Trust; County Police,31/03/2026,"£5,000",kept in the minutes
,,,,,,
Youth Board,service delivery,,"Schools, Youth Service",2026-09-30,,
Joint Venture Co,joint venture,,,31/02/2026,,
safer roads,,,,,,
,strategic,Bob,,,,
Already Here,,,,,,
"""


def _names(pwiz) -> list[str]:
    return [p["name"] for p in json.loads(pwiz("partnership", "list", "--json").stdout)]


def test_a_list_with_bad_rows_imports_nothing_and_names_each_row_and_why(pwiz, db_path, tmp_path) -> None:
    Register.open(db_path).add_partnership("Already here")
    listing = tmp_path / "partnerships.csv"
    listing.write_text(MESSY_CSV, encoding="utf-8")

    result = pwiz("partnership", "import", str(listing))
    assert result.returncode == 1 and result.stdout == ""
    errors = result.stderr.splitlines()
    assert errors[0] == f"pwiz: warning: {listing}: columns not imported: Notes"
    assert errors[1].startswith(f"pwiz: error: {listing} row 7: type: 'joint venture' is not one pwiz knows")
    assert "next review: '31/02/2026' is not a day in the calendar" in errors[1]
    assert errors[2] == f"pwiz: error: {listing} row 8: 'safer roads' is already on row 4"
    assert errors[3] == f"pwiz: error: {listing} row 9: no partnership name"
    assert errors[4].startswith(f"pwiz: error: {listing} row 10: 'Already Here' is already in the register (p")
    assert errors[5] == (
        f"pwiz: error: nothing imported: 4 rows of {listing} cannot be taken; "
        "correct them, or give --skip-bad to import the other 2"
    )
    assert _names(pwiz) == ["Already here"]


def test_skip_bad_imports_the_rows_it_can_and_dry_run_writes_nothing(pwiz, db_path, tmp_path) -> None:
    listing = tmp_path / "partnerships.csv"
    listing.write_text(MESSY_CSV, encoding="utf-8")

    dry = pwiz("partnership", "import", str(listing), "--skip-bad", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines() == [
        f"Would import 3 partnerships from {listing} (dry run: nothing written):",
        "  row 4: Safer Roads (strategic)",
        "  row 6: Youth Board (service-delivery)",
        "  row 10: Already Here",
    ]
    assert f"{listing} row 7: " in dry.stderr and "(left out)" in dry.stderr
    assert _names(pwiz) == []

    result = pwiz("partnership", "import", str(listing), "--skip-bad")
    assert result.returncode == 0, result.stderr
    assert [line.split(None, 1)[1] for line in result.stdout.splitlines()] == [
        "Safer Roads",
        "Youth Board",
        "Already Here",
    ]
    assert f"Imported 3 partnerships from {listing}" in result.stderr
    roads = Register.open(db_path).get_partnership("Safer Roads")
    assert roads["type"] == "strategic" and roads["lead_officer"] == "Ann Lee"
    assert [p["name"] for p in roads["partners"]] == ["NHS Trust", "County Police"] and roads[
        "financial_contribution"
    ] == 5000
    assert roads["review_timetable"] == "next review 2026-03-31"
    assert [p["name"] for p in Register.open(db_path).get_partnership("Youth Board")["partners"]] == [
        "Schools",
        "Youth Service",
    ]


def test_an_excel_list_with_real_dates_text_dates_and_blank_rows(pwiz, db_path, tmp_path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Partnership", "Status", "Accountable Body", "Last reviewed", "Start date", "Significance", "Name"])
    sheet.append(["Community Safety", "Active", "County Council", datetime(2025, 3, 31), "01/04/2019", "High", "Ann"])
    sheet.append([None, None, None, None, None, None, None])
    sheet.append(["Health and Wellbeing Board", "under review", None, "2025-13-01", None, None, None])
    sheet.append(["Food Partnership", "dormant", None, None, None, "very", None])
    listing = tmp_path / "list.xlsx"
    book.save(listing)

    result = pwiz("partnership", "import", str(listing))
    assert result.returncode == 1
    assert f"pwiz: warning: {listing}: columns not imported: Name\n" in result.stderr  # the first name column wins
    assert f"{listing} row 4: last review: '2025-13-01' is not a day in the calendar" in result.stderr
    assert f"{listing} row 5: status: 'dormant' is not one pwiz knows" in result.stderr
    assert "significance: 'very' is not one pwiz knows: write one of low, medium, high" in result.stderr
    assert _names(pwiz) == []

    taken = pwiz("partnership", "import", str(listing), "--skip-bad")
    assert taken.returncode == 0, taken.stderr
    record = Register.open(db_path).get_partnership("Community Safety")
    assert (record["status"], record["accountable_body"], record["significance"]) == (
        "active",
        "County Council",
        "high",
    )
    assert record["start_date"] == "2019-04-01" and record["review_timetable"] == "last reviewed 2025-03-31"


def test_a_list_without_a_name_column_or_of_another_kind_is_refused_in_one_line(pwiz, tmp_path) -> None:
    nameless = tmp_path / "nameless.csv"
    nameless.write_text("Type,Status\nstrategic,active\n", encoding="utf-8")
    result = pwiz("partnership", "import", str(nameless))
    assert result.returncode == 1
    assert result.stderr == (
        f"pwiz: error: {nameless}: no column of partnership names in its first 10 rows; "
        "head that column 'Partnership' or 'Name'\n"
    )
    other = pwiz("partnership", "import", str(tmp_path / "list.ods"))
    assert other.returncode == 1 and "is not a .xlsx or .csv file" in other.stderr


def test_the_register_exported_to_excel_or_csv_imports_back_as_the_same_partnerships(pwiz, db_path, tmp_path) -> None:
    register = Register.open(db_path)
    register.add_partnership("Safer Roads", type="strategic", status="active", significance="high")
    register.add_partnership("Youth Board", type="service-delivery", status="under-review", significance="low")
    register.add_partnership("Old Forum", type="informal-collaboration", status="ended")
    register.add_partnership("-1 Club")  # text a spreadsheet would read as a formula

    def carried(rows: list[dict]) -> list[tuple]:
        return [(r["name"], r["type"], r["status"], r["significance"]) for r in rows]

    before = carried(register.list_partnerships())
    for kind in ("xlsx", "csv"):  # the CSV's "'-1 Club", guarded against formulas, comes back as "-1 Club"
        exported = tmp_path / f"register.{kind}"
        assert pwiz("report", "-o", str(exported)).returncode == 0
        fresh = {"PWIZ_DB": str(tmp_path / f"fresh-{kind}")}
        result = pwiz("partnership", "import", str(exported), env=fresh)
        assert result.returncode == 0, result.stderr
        after = carried(json.loads(pwiz("partnership", "list", "--json", env=fresh).stdout))
        assert after == before and len(after) == 4, kind
