"""Partners and representatives with their details, and the data sheet's later facts: checked on
entry, and registers written before them still read (a partner stored as a plain name)."""

from __future__ import annotations

import json

import pytest

from store import Register, StoreError
from tests.store.conftest import reopen


def _as_written_before(register: Register, pid: str) -> None:
    """Rewrite the partnership's record as registers held it before partners had details."""
    path = register.root / "partnerships" / f"{pid}.json"
    tables = json.loads(path.read_text())
    (record,) = tables["partnership"].values()
    for field in ("membership_held_by", "organisation", "end_date", "exit_strategy", "performance_methodology"):
        record.pop(field)
    record.pop("contract")
    record["partners"] = ["Old Council", "NHS Trust"]
    record["representatives"] = [{"name": "Cllr Ames", "kind": "member"}]
    path.write_text(json.dumps(tables, indent=1, sort_keys=True))


@pytest.mark.folder_only
def test_a_register_written_before_partners_had_details_still_reads_and_updates(register: Register) -> None:
    pid = register.add_partnership("Safer Streets", accountable_body="Old Council")["id"]
    _as_written_before(register, pid)
    reopened = reopen(register)
    record = reopened.get_partnership(pid)
    assert [(p["name"], p["sector"], p["accountable"]) for p in record["partners"]] == [
        ("Old Council", None, False),
        ("NHS Trust", None, False),
    ]
    assert record["representatives"][0]["delegation"] is None and record["contract"] is None
    assert reopened.verify() == []  # the older shape is not a damaged file
    updated = reopened.update_partnership(pid, organisation="multi")
    assert [p["name"] for p in updated["partners"]] == ["Old Council", "NHS Trust"]
    assert updated["organisation"] == "multi"


def test_details_are_kept_and_the_accountable_partner_names_the_accountable_body(register: Register) -> None:
    record = register.add_partnership(
        "Youth Board",
        partners=[{"name": "County Council", "sector": "local-authority", "accountable": True}, "Schools"],
        representatives=[
            {"name": "Sam Lee", "kind": "officer", "appointed_by": "Chief Executive", "appointed_on": "2026-04-01"}
        ],
        contract={"value": 12000, "term_months": 24, "renewal_date": "2028-03-31"},
        membership_held_by="force",
    )
    again = reopen(register).get_partnership(record["id"])
    assert again["accountable_body"] == "County Council"
    assert again["partners"][1] == {
        "name": "Schools",
        "sector": None,
        "contact": None,
        "role": None,
        "accountable": False,
    }
    assert again["representatives"][0]["appointed_on"] == "2026-04-01"
    assert again["contract"] == {"value": 12000, "term_months": 24, "renewal_date": "2028-03-31"}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"partners": [{"name": "A", "sector": "nhs"}]},
            "partnership field 'partners[0].sector': Input should be 'police'",
        ),
        (
            {"partners": [{"name": "A", "accountable": True}, {"name": "B", "accountable": True}]},
            "only one partner can be the accountable body, but A and B are marked",
        ),
        (
            {"accountable_body": "Z", "partners": [{"name": "A", "accountable": True}]},
            "the partner 'A' is marked the accountable body, but the accountable body is 'Z'",
        ),
        ({"start_date": "2026-04-01", "end_date": "2026-03-31"}, "the end date 2026-03-31 is before the start date"),
        ({"contract": {"term_months": 0}}, "field 'contract.term_months': Input should be greater than or equal to 1"),
        ({"contract": {"value": "lots"}}, "field 'contract.value'"),
        (
            {"representatives": [{"name": "C", "kind": "member", "appointed_on": "soon"}]},
            "'representatives[0].appointed_on'",
        ),
        ({"partners": [{"name": "A\nB"}]}, "field 'partners' holds a line break"),
        ({"membership_held_by": "council"}, "'membership_held_by': Input should be 'authority', 'force' or 'both'"),
    ],
)
def test_bad_details_are_one_line_naming_the_field(register: Register, fields: dict, message: str) -> None:
    with pytest.raises(StoreError) as raised:
        register.add_partnership("Bad", **fields)
    assert message in str(raised.value) and "\n" not in str(raised.value)
    assert register.list_partnerships() == []


def test_every_sector_membership_and_organisation_has_its_words() -> None:
    from store import records
    from wizard import datasheet_text

    assert set(datasheet_text.SECTOR_LABELS) == set(records.SECTORS)
    assert set(datasheet_text.MEMBERSHIP_LABELS) == set(records.MEMBERSHIP_HOLDERS)
    assert set(datasheet_text.ORGANISATION_LABELS) == set(records.ORGANISATIONS)
