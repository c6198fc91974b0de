"""The data sheet's facts as register-report columns (CSV and Excel), cached per partnership file.

The report's other columns come from the index; these (partners and their
sectors, representatives, membership, organisation, end date, contract) are
in each partnership's own file, so they are kept in the register's
derived-data cache (store.derived) and a file is read again only after it
changed. The PDF report, whose table has no room for them, does not ask.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wizard.datasheet_text import SECTOR_LABELS

if TYPE_CHECKING:
    from store.derived import Versions

SHEET = "datasheet"
SHEET_VERSION = "1"  # change when `_columns` changes: every cached value is worked out again
SHEET_COLUMNS = (
    "accountable_body",
    "partners",
    "representatives",
    "membership_held_by",
    "organisation",
    "end_date",
    "contract_value",
    "contract_term_months",
    "contract_renewal_date",
)


def sheet_columns(
    register: Any, partnerships: list[str], versions: Versions | None = None
) -> dict[str, dict[str, Any]]:
    """{pid: {column: value}} for each partnership (a damaged file raises StoreError, as the flags do);
    `versions`: see Register.derived."""
    return register.derived(
        SHEET, SHEET_VERSION, lambda pid: _columns(register.get_partnership(pid)), partnerships, versions=versions
    )


def _columns(sheet: dict[str, Any]) -> dict[str, Any]:
    contract = sheet.get("contract") or {}
    partners = [
        p["name"] + (f" ({SECTOR_LABELS.get(p['sector'], p['sector'])})" if p.get("sector") else "")
        for p in sheet["partners"]
    ]
    return {
        "accountable_body": sheet.get("accountable_body"),
        "partners": "; ".join(partners),
        "representatives": "; ".join(f"{r['name']} ({r['kind']})" for r in sheet["representatives"]),
        "membership_held_by": sheet.get("membership_held_by"),
        "organisation": sheet.get("organisation"),
        "end_date": sheet.get("end_date"),
        "contract_value": contract.get("value"),
        "contract_term_months": contract.get("term_months"),
        "contract_renewal_date": contract.get("renewal_date"),
    }
