"""How the data sheet's partners, representatives and contract read, wherever they are shown.

One wording for `partnership show`, the approval pack, the register report
and the wizard, so a partner's sector or a representative's delegation says
the same thing in each. The values are those of store.records (a test checks
every one has its label here).
"""

from __future__ import annotations

from typing import Any

SECTOR_LABELS = {
    "police": "Police",
    "local-authority": "Local authority",
    "health": "Health",
    "fire": "Fire and rescue",
    "probation": "Probation",
    "education": "Education",
    "central-government": "Central government",
    "voluntary": "Voluntary and community (third sector)",
    "private": "Private sector",
    "other": "Other",
}
MEMBERSHIP_LABELS = {"authority": "The Authority", "force": "The Force", "both": "Both the Authority and the Force"}
SHORT_MEMBERSHIP_LABELS = {"authority": "Authority", "force": "Force", "both": "Both"}  # a table's narrow column
ORGANISATION_LABELS = {"single": "Single organisation", "multi": "Multi organisation"}
KIND_LABELS = {"member": "member", "officer": "officer"}


def partner_line(partner: dict[str, Any]) -> str:
    """ "Cardiff Council (Local authority; accountable body; role: hosts the team; contact: j@x.gov.uk)"."""
    details = [
        SECTOR_LABELS.get(partner.get("sector") or "", partner.get("sector")),
        "accountable body" if partner.get("accountable") else None,
        _labelled("role", partner.get("role")),
        _labelled("contact", partner.get("contact")),
    ]
    return _with(partner["name"], details)


def representative_line(representative: dict[str, Any]) -> str:
    """ "Cllr Jones (member; for the Police Authority; appointed by the AGM on 2025-05-20; delegation: ...; reports back: ...)"."""
    by, on = representative.get("appointed_by"), representative.get("appointed_on")
    appointed = ("appointed" + (f" by {by}" if by else "") + (f" on {on}" if on else "")) if by or on else None
    details = [
        KIND_LABELS.get(representative.get("kind") or "", representative.get("kind")),
        _labelled("for", representative.get("represents"), sep=" "),
        appointed,
        _labelled("delegation", representative.get("delegation")),
        _labelled("reports back", representative.get("reports_back")),
    ]
    return _with(representative["name"], details)


def contract_line(contract: dict[str, Any] | None) -> str | None:
    """ "£50,000.00 over 36 months; renewal 2027-03-31", or None when no contract is recorded."""
    if not contract:
        return None
    value, term, renewal = contract.get("value"), contract.get("term_months"), contract.get("renewal_date")
    parts = [
        " ".join(
            filter(None, (None if value is None else f"£{value:,.2f}", None if term is None else f"over {term} months"))
        ),
        None if renewal is None else f"renewal {renewal}",
    ]
    return "; ".join(part for part in parts if part) or None


def _labelled(label: str, value: Any, sep: str = ": ") -> str | None:
    return f"{label}{sep}{value}" if value not in (None, "") else None


def _with(name: str, details: list[str | None]) -> str:
    shown = [detail for detail in details if detail]
    return f"{name} ({'; '.join(shown)})" if shown else name
