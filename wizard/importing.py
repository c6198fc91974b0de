"""`pwiz partnership import FILE.xlsx|FILE.csv`: an existing list of partnerships read into data sheets.

Councils keep these lists in spreadsheets, each with its own headings, so a
column is known by its heading in any case and spelling of the usual names
("Partnership", "Partnership name", "Lead officer", "next_review_due"...;
`HEADINGS`). The header is the first row, of the first ten, that names the
partnership's name column (a title row above it is passed over); blank rows
are skipped. Each other row becomes a `Candidate`: the data-sheet fields it
gives, or why it cannot be taken, with its row number as the spreadsheet shows
it. The list has no place in the data sheet for its review dates: they are
kept, read as dates, in the review timetable's text ("last reviewed
2025-03-31; next review 2026-03-31"), since a pwiz review date comes only
from a sign-off.

Nothing here writes: the command checks every row first and adds the
partnerships through the register only when it may.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from store.errors import StoreError
from store.records import BASES, FOCUSES, LEVELS, PARTNERSHIP_STATUSES, PARTNERSHIP_TYPES, DataSheet, validated
from wizard.errors import UserError
from wizard.typed import parse_day, parse_pounds

# Headings as `_key` reads them (lower case, words split by single spaces) -> the field they fill.
HEADINGS = {
    **dict.fromkeys(("partnership", "partnership name", "name", "name of partnership", "title"), "name"),
    **dict.fromkeys(("type", "partnership type", "type of partnership"), "type"),
    "status": "status",
    **dict.fromkeys(("purpose", "aim", "aims", "purpose of partnership"), "purpose"),
    "focus": "focus",
    "basis": "basis",
    "level": "level",
    **dict.fromkeys(("lead officer", "lead", "responsible officer", "officer lead"), "lead_officer"),
    **dict.fromkeys(("accountable body", "lead organisation", "lead body", "host organisation"), "accountable_body"),
    **dict.fromkeys(("partners", "partner organisations", "partner organisation", "partner"), "partners"),
    **dict.fromkeys(("significance", "significance level", "risk level"), "significance"),
    **dict.fromkeys(
        ("financial contribution", "contribution", "our contribution", "funding"), "financial_contribution"
    ),
    **dict.fromkeys(("start date", "started", "date started"), "start_date"),
    **dict.fromkeys(("review timetable", "life span", "review arrangements"), "review_timetable"),
    **dict.fromkeys(
        ("last review", "last reviewed", "last review date", "last signoff", "last sign off", "date of last review"),
        "last_review",
    ),
    **dict.fromkeys(
        ("next review", "next review due", "next review date", "review due", "date of next review"), "next_review"
    ),
}
CHOICES = {
    "type": PARTNERSHIP_TYPES,
    "status": PARTNERSHIP_STATUSES,
    "focus": FOCUSES,
    "basis": BASES,
    "level": LEVELS,
    "significance": ("low", "medium", "high"),
}
DATES = ("start_date", "last_review", "next_review")
LOOK_FOR_HEADER = 10  # rows: a title or notes above the headings are passed over
FORMULA_GUARD = re.compile(r"'(?=[=+\-@\t\r])")  # the apostrophe pwiz's own CSV puts before formula-like text


@dataclass
class Candidate:
    """One row of the file: what it would add, or why it cannot."""

    row: int
    fields: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.fields.get("name", "")


@dataclass
class Sheet:
    """What a file holds: a candidate per non-blank row, and the headings no field is known by."""

    candidates: list[Candidate]
    ignored: list[str]

    @property
    def good(self) -> list[Candidate]:
        return [c for c in self.candidates if not c.problems]

    @property
    def bad(self) -> list[Candidate]:
        return [c for c in self.candidates if c.problems]


def read_sheet(path: Path, names_in_register: dict[str, str]) -> Sheet:
    """The rows of `path` (.xlsx or .csv) as candidates, each checked against the file's other rows and
    `names_in_register` (each partnership's name, case-folded, to its id)."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".csv", ".txt"):
        raise UserError(f"{path} is not a .xlsx or .csv file; save the list from your spreadsheet as one of those")
    if not path.is_file():
        raise UserError(f"{path} is not a file; give the path of the .xlsx or .csv list to import")
    rows = _xlsx_rows(path) if suffix in (".xlsx", ".xlsm") else _csv_rows(path)
    header_at, header = _header(rows, path)
    columns: dict[int, str] = {}  # the first column headed for each field fills it ("Partnership" before "Name")
    ignored: list[str] = []
    for index, text in enumerate(header):
        name = HEADINGS.get(_key(text))
        if name is not None and name not in columns.values():
            columns[index] = name
        elif _filled(text):
            ignored.append(str(text).strip())
    candidates: list[Candidate] = []
    first_row: dict[str, int] = {}
    for number, cells in rows[header_at + 1 :]:
        if not any(_filled(cell) for cell in cells):
            continue
        candidate = _candidate(number, {name: cell for i, cell in enumerate(cells) if (name := columns.get(i))})
        folded = candidate.name.strip().casefold()
        if folded in first_row:
            candidate.problems.append(f"{candidate.name!r} is already on row {first_row[folded]}")
        elif folded in names_in_register:
            candidate.problems.append(f"{candidate.name!r} is already in the register ({names_in_register[folded]})")
        if folded:
            first_row.setdefault(folded, number)
        candidates.append(candidate)
    return Sheet(candidates, ignored)


def _candidate(number: int, cells: dict[str, object]) -> Candidate:
    candidate = Candidate(number)
    for name, cell in cells.items():
        if not _filled(cell):
            continue
        try:
            candidate.fields[name] = _value(name, cell)
        except ValueError as exc:
            candidate.problems.append(f"{_label(name)}: {exc}")
    if not candidate.fields.get("name"):
        candidate.problems.insert(0, "no partnership name")
    reviews = [
        f"{what} {candidate.fields.pop(key).isoformat()}"
        for key, what in (("last_review", "last reviewed"), ("next_review", "next review"))
        if key in candidate.fields
    ]
    if reviews:
        given = candidate.fields.get("review_timetable")
        candidate.fields["review_timetable"] = "; ".join([*([given] if given else []), *reviews])
    if not candidate.problems:
        try:
            validated(DataSheet, "partnership", candidate.fields)
        except StoreError as exc:
            candidate.problems.append(str(exc))
    return candidate


def _value(name: str, cell: object) -> object:
    """A cell as the data sheet holds the field, or ValueError saying what to write instead."""
    if name in DATES:
        if isinstance(cell, datetime):
            return cell.date()
        if isinstance(cell, date):
            return cell
        return parse_day(cell)
    if name == "financial_contribution":
        return parse_pounds(cell)
    text = FORMULA_GUARD.sub("", str(cell).strip(), count=1)
    if name in CHOICES:
        choice = re.sub(r"[\s_-]+", "-", text.casefold())
        if choice not in CHOICES[name]:
            raise ValueError(f"{text!r} is not one pwiz knows: write one of {', '.join(CHOICES[name])}")
        return choice
    if name == "partners":
        return [part.strip() for part in re.split(r"[;,\n]", text) if part.strip()]
    return text


def _label(name: str) -> str:
    return {"last_review": "last review", "next_review": "next review"}.get(name, name.replace("_", " "))


def _header(rows: list[tuple[int, list[object]]], path: Path) -> tuple[int, list[object]]:
    for at, (_, cells) in enumerate(rows[:LOOK_FOR_HEADER]):
        if "name" in {HEADINGS.get(_key(cell)) for cell in cells}:
            return at, cells
    raise UserError(
        f"{path}: no column of partnership names in its first {LOOK_FOR_HEADER} rows; "
        "head that column 'Partnership' or 'Name'"
    )


def _key(heading: object) -> str:
    """A heading reduced to lower-case words: "Lead Officer", "lead_officer" and "LEAD OFFICER:" alike."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(heading or "").casefold()).split())


def _filled(cell: object) -> bool:
    return cell is not None and str(cell).strip() != ""


def _xlsx_rows(path: Path) -> list[tuple[int, list[object]]]:
    """The first sheet's rows, numbered as Excel numbers them, with real dates as datetimes."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, data_only=True)  # not read_only: that trusts the file's stated size, often wrong
    except (OSError, BadZipFile, KeyError, ValueError) as exc:
        raise UserError(
            f"cannot read {path} as an Excel workbook ({exc}); save it from Excel as .xlsx or .csv"
        ) from None
    return [(number, list(cells)) for number, cells in enumerate(book.worksheets[0].iter_rows(values_only=True), 1)]


def _csv_rows(path: Path) -> list[tuple[int, list[object]]]:
    """The records of a CSV file (comma, semicolon or tab separated; UTF-8 or Windows' own encoding)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # what Excel on Windows saves "CSV" in
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows: list[tuple[int, list[object]]] = [
        (number, list(cells)) for number, cells in enumerate(csv.reader(io.StringIO(text, newline=""), dialect), 1)
    ]
    return rows
