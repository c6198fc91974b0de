"""The Association Register (001): associations kept in their own register file, written, refused,
verified and restored as the partnership files are."""

from __future__ import annotations

import json

import pytest

from store import Register
from store.errors import ConflictError, CorruptRegisterError, NotFoundError, StoreError
from tests.store.conftest import reopen


def test_an_association_is_added_evaluated_and_read_back_by_id_or_name(register: Register, pid: str) -> None:
    associations = register.associations
    added = associations.add(
        "Association of Police Authorities",
        kind="association",
        members=[{"name": "Cllr Ames", "kind": "member"}],
        membership_held_by="both",
        subscription=1200,
        partnership_id=pid,
    )
    evaluated = associations.update(
        "association of police authorities",
        evaluation={"evaluated_on": "2025-11-03", "evaluated_by": "P. Officer", "reports_back": "yes"},
    )
    assert evaluated["revision"] == 2
    assert evaluated["evaluations"] == [
        {
            "evaluated_on": "2025-11-03",
            "evaluated_by": "P. Officer",
            "benefit": None,
            "reports_back": "yes",
            "corporate_views": None,
            "equality_conflict": None,
            "recommendation": None,
            "notes": None,
            "next_review": "2026-11-03",  # 001: updated on an annual basis
        }
    ]
    # The same day's evaluation is changed, another day's is kept beside it, oldest first.
    associations.update(added["id"], evaluation={"evaluated_on": "2025-11-03", "evaluated_by": "P. Officer"})
    associations.update(added["id"], evaluation={"evaluated_on": "2024-10-01", "evaluated_by": "Q. Officer"})
    read = reopen(register).associations.get(added["id"])
    assert [e["evaluated_on"] for e in read["evaluations"]] == ["2024-10-01", "2025-11-03"]
    assert read["evaluations"][1]["reports_back"] is None
    assert read["partnership_id"] == pid and read["membership_held_by"] == "both" and read["subscription"] == 1200
    assert [a["name"] for a in register.associations.all()] == ["Association of Police Authorities"]


def test_bad_fields_and_taken_names_are_refused_in_one_line_and_nothing_is_written(
    register: Register, pid: str
) -> None:
    associations = register.associations
    associations.add("Network A")
    before = associations.all()
    with pytest.raises(StoreError, match="already exists"):
        associations.add("NETWORK a")
    with pytest.raises(StoreError, match=r"association field 'kind': Input should be .* \(got 'club'\)"):
        associations.add("Network B", kind="club")
    with pytest.raises(StoreError, match="association evaluation field 'evaluated_by'"):
        associations.update("Network A", evaluation={"evaluated_on": "2025-11-03"})
    with pytest.raises(NotFoundError, match="no partnership p000000"):
        associations.add("Network C", partnership_id="p000000")
    with pytest.raises(StoreError, match="line break"):
        associations.add("Network\nD")
    assert reopen(register).associations.all() == before


def test_a_save_from_a_stale_copy_is_refused(register: Register) -> None:
    associations = register.associations
    record = associations.add("Network A")
    associations.update(record["id"], expected_revision=1, status="active")
    with pytest.raises(ConflictError, match="changed by another session"):
        associations.update(record["id"], expected_revision=1, status="ended")
    assert associations.get(record["id"])["status"] == "active"


@pytest.mark.folder_only
def test_a_damaged_file_is_reported_by_verify_and_restored_from_its_backup(register: Register) -> None:
    associations = register.associations
    record = associations.add("Network A")
    associations.update(record["id"], status="active")
    associations.path.write_text(json.dumps({"associations": {"1": {"id": record["id"]}}}))
    with pytest.raises(CorruptRegisterError, match="pwiz .* restore"):
        associations.all()
    assert any("associations.json is damaged" in line for line in register.verify())
    report = register.restore()
    assert any("associations.json" in line for line in report.done)
    assert [a["name"] for a in associations.all()] == ["Network A"]
    assert register.verify() == []


@pytest.mark.folder_only
def test_a_missing_file_whose_backup_is_kept_is_named_by_verify_and_restored(register: Register) -> None:
    associations = register.associations
    record = associations.add("Network A")
    associations.update(record["id"], status="active")
    associations.path.unlink()
    assert any("associations.json is missing" in line for line in register.verify())
    register.restore()
    assert [a["id"] for a in associations.all()] == [record["id"]]
