"""A partnership file that is valid JSON but not what the store writes (fields
missing or of the wrong kind) is reported as damaged, in one line naming the
file, the record and the field, and pointing to `pwiz restore`; never a
KeyError deep in a command."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from store import CorruptRegisterError, Register
from store.digest import content_of, sha256_hex
from store.index import ANCHOR_FIELDS


@pytest.fixture
def register(folder_register: Register) -> Register:
    """Files, backups, restore and the file-keyed cache are a register folder's own."""
    return folder_register


Tables = dict[str, dict[str, dict]]


@pytest.fixture
def full(register: Register, complete: dict) -> dict:
    """A partnership with one record in each table: a signed-off assessment, its sign-off, an action, a risk."""
    pid = complete["partnership_id"]
    register.sign_off(complete["id"], "Chief Executive", "Chief Executive", "approved", ["Chair"])
    register.add_action(pid, "Agree terms of reference", owner="Lead officer", due="2025-06-30")
    register.add_risk(pid, "No information sharing agreement", likelihood=4, impact=3)
    return {"pid": pid, "aid": complete["id"], "path": register.root / "partnerships" / f"{pid}.json"}


def edit(path: Path, change: Callable[[Tables], object]) -> bytes:
    """Rewrite the file by hand, as valid JSON, with `change` applied; returns its bytes."""
    tables = json.loads(path.read_bytes())
    change(tables)
    path.write_text(json.dumps(tables, indent=1))
    return path.read_bytes()


def the(tables: Tables, table: str) -> dict:
    """The first record of a table."""
    return next(iter(tables[table].values()))


MALFORMED: dict[str, tuple[Callable[[Tables], object], str]] = {
    "partnership record with only its id": (
        lambda t: t.update(partnership={"1": {"id": the(t, "partnership")["id"]}}),
        "the partnership record lacks the fields 'name', 'purpose', 'type', 'focus' and 15 more",
    ),
    "partnership without representatives": (
        lambda t: the(t, "partnership").pop("representatives"),
        "the partnership record lacks the field 'representatives'",
    ),
    "partnership name is a number": (
        lambda t: the(t, "partnership").update(name=5),
        "the partnership record, field 'name': Input should be a valid string (it holds 5)",
    ),
    "review interval as text": (
        lambda t: the(t, "partnership").update(review_interval_months="12"),
        "field 'review_interval_months': Input should be a valid integer",
    ),
    "representative without a kind": (
        lambda t: the(t, "partnership").update(representatives=[{"name": "Cllr A"}]),
        "the partnership record lacks the field 'representatives.0.kind'",
    ),
    "no partnership table": (lambda t: t.pop("partnership"), "it should hold one partnership record, but holds 0"),
    "two partnership records": (
        lambda t: t["partnership"].update({"2": the(t, "partnership")}),
        "it should hold one partnership record, but holds 2",
    ),
    "another partnership's record": (
        lambda t: the(t, "partnership").update(id="p000000"),
        "it holds the record of partnership 'p000000', not of",
    ),
    "assessment without answers": (lambda t: the(t, "assessments").pop("answers"), "lacks the field 'answers'"),
    "assessment with an unknown status": (
        lambda t: the(t, "assessments").update(status="approved"),
        "field 'status': Input should be 'draft', 'complete' or 'signed-off' (it holds 'approved')",
    ),
    "answers as a list": (
        lambda t: the(t, "assessments").update(answers=[]),
        "field 'answers': Input should be a valid dictionary",
    ),
    "answer with only a value": (
        lambda t: the(t, "assessments")["answers"].update({"kp-1": {"value": "Yes"}}),
        "lacks the fields 'answers.kp-1.note', 'answers.kp-1.action', 'answers.kp-1.answered_at'",
    ),
    "revision as text": (
        lambda t: the(t, "assessments").update(revision="3"),
        "field 'revision': Input should be a valid integer",
    ),
    "created_at not a time": (
        lambda t: the(t, "assessments").update(created_at="yesterday"),
        "field 'created_at': must be an ISO-8601 date and time",
    ),
    "sign-off without its digest": (lambda t: the(t, "signoffs").pop("digest"), "lacks the field 'digest'"),
    "sign-off with an unknown decision": (
        lambda t: the(t, "signoffs").update(decision="yes"),
        "field 'decision': Input should be 'approved'",
    ),
    "sign-off date not a time": (
        lambda t: the(t, "signoffs").update(signed_at="last Tuesday"),
        "field 'signed_at': must be an ISO-8601 date and time",
    ),
    "action without its status": (lambda t: the(t, "actions").pop("status"), "lacks the field 'status'"),
    "action due date not a date": (
        lambda t: the(t, "actions").update(due="next week"),
        "field 'due': Input should be a valid date",
    ),
    "closed action without who closed it": (
        lambda t: the(t, "actions").update(status="closed"),
        "a closed action needs closed_at and closed_by",
    ),
    "risk without its description": (lambda t: the(t, "risks").pop("description"), "lacks the field 'description'"),
    "risk likelihood out of range": (
        lambda t: the(t, "risks").update(likelihood=9),
        "field 'likelihood': Input should be less than or equal to 5 (it holds 9)",
    ),
    "record under a key TinyDB cannot read": (
        lambda t: t["risks"].update({"first": the(t, "risks")}),
        "the risks table has a record under the key 'first'; its keys are whole numbers",
    ),
}


@pytest.mark.parametrize("change,problem", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_file_not_shaped_as_the_store_writes_it_is_damaged(
    register: Register, full: dict, change: Callable[[Tables], object], problem: str
) -> None:
    path = full["path"]
    written = edit(path, change)
    with pytest.raises(CorruptRegisterError) as raised:
        register.list_assessments(full["pid"])
    message = str(raised.value)
    assert message.startswith(f"the register file {path} is damaged (not as the register writes it: ")
    assert problem in message
    assert f"a backup exists: run 'pwiz --db {register.root} restore' to restore it" in message
    assert "\n" not in message
    assert len(message.partition(" is damaged (")[2].partition(") and was left as it is")[0]) < 200  # one short line
    assert path.read_bytes() == written


def test_every_read_and_write_meets_the_same_error(register: Register, full: dict) -> None:
    path = full["path"]
    written = edit(path, lambda t: the(t, "partnership").pop("name"))
    for attempt in (
        lambda: register.get_partnership(full["pid"]),
        lambda: register.get_assessment(full["aid"]),
        lambda: register.list_signoffs(full["pid"]),
        lambda: register.list_actions(full["pid"]),
        lambda: register.list_risks(full["pid"]),
        lambda: register.add_action(full["pid"], "Do it"),
        lambda: register.start_assessment(full["pid"], "checklist", 1),
        lambda: register.update_partnership(full["pid"], purpose="Anything"),
    ):
        with pytest.raises(CorruptRegisterError, match=r"lacks the field 'name'"):
            attempt()
    assert path.read_bytes() == written
    [problem] = register.verify()
    assert str(path) in problem and "lacks the field 'name'" in problem


def test_what_earlier_versions_wrote_and_unknown_fields_are_accepted(register: Register, full: dict) -> None:
    review = register.start_assessment(full["pid"], "key-principles", 1, renews=full["aid"])
    register.save_answer(review["id"], "kp-1", "Yes")

    def as_older_and_newer(tables: Tables) -> None:
        assessments = {a["id"]: a for a in tables["assessments"].values()}
        for signoff in tables["signoffs"].values():  # (one sign-off: no later one carries its digest)
            signoff.pop("recorded_at")  # sign-offs made before it was kept, and before the digest covered it
            signoff.pop("digest_format")
            signoff["pdf_signatures"] = [{"subject": "CN=Jane", "file": "pack.pdf"}]  # kept before the ledger
            signoff["digest"] = sha256_hex(content_of(assessments[signoff["assessment_id"]], signoff))
        [draft] = [a for a in tables["assessments"].values() if a["id"] == review["id"]]
        draft["answers"]["kp-1"]["carried_from"] = full["aid"]  # an answer carried into a review
        the(tables, "partnership")["colour"] = "blue"  # a field this version does not know
        tables["notes"] = {"1": {"text": "another table"}}

    def index_without_anchors(tables: Tables) -> None:  # as versions before the anchor wrote it
        for entry in tables["partnerships"].values():
            for field in ANCHOR_FIELDS:
                entry.pop(field)

    edit(full["path"], as_older_and_newer)
    edit(register.root / "index.json", index_without_anchors)
    assert register.get_partnership(full["pid"])["colour"] == "blue"
    assert [problem for problem in register.verify() if "out of date" not in problem] == []
    register.restore()  # the index gains its anchors
    assert register.verify() == []
    register.add_action(full["pid"], "Do it")  # a write keeps what it does not know
    assert register.get_partnership(full["pid"])["colour"] == "blue"


def test_nan_and_infinity_which_json_lacks_are_damage_too(register: Register, draft: dict) -> None:
    # Python's json reads them, but the next save could not write them back
    path = register.root / "partnerships" / f"{draft['partnership_id']}.json"
    register.save_answer(draft["id"], "kp-1", 1)
    path.write_text(path.read_text().replace('"value": 1', '"value": NaN'))
    with pytest.raises(CorruptRegisterError, match=r"damaged \(not valid JSON: NaN is not a JSON number\)"):
        register.save_answer(draft["id"], "kp-2", "Yes")


def test_rules_relating_fields_are_for_new_records_not_for_reading(register: Register, full: dict) -> None:
    # a conditional approval needs its conditions when it is made; one recorded
    # under an older rule is still read (verify judges the digest, not the rule)
    edit(full["path"], lambda t: the(t, "signoffs").update(decision="conditional", conditions=None))
    assert register.list_signoffs(full["pid"])[0]["decision"] == "conditional"


def test_restore_puts_back_the_newest_backup_that_has_the_right_shape(register: Register, full: dict) -> None:
    path = full["path"]
    for purpose in ("Kept", "In the newest backup", "Latest"):
        register.update_partnership(full["pid"], purpose=purpose)
    newest_backup = register.root / "backups" / f"{path.name}.1"
    edit(newest_backup, lambda t: the(t, "actions").pop("status"))  # parses, but is damaged too: skipped
    damaged = edit(path, lambda t: the(t, "actions").pop("status"))

    report = register.restore()

    assert report.failed == []
    [restored] = [line for line in report.done if line.startswith("restored")]
    assert f"{path.name}.2" in restored and "damaged file is kept as" in restored
    assert register.get_partnership(full["pid"])["purpose"] == "Kept"
    kept = list((register.root / "backups").glob(f"{path.name}.damaged-*"))
    assert [k.read_bytes() for k in kept] == [damaged]
    assert register.verify() == []


def test_restore_without_a_good_backup_says_so_and_leaves_the_file(register: Register, pid: str) -> None:
    path = register.root / "partnerships" / f"{pid}.json"
    damaged = edit(path, lambda t: t.update(partnership={"1": {"id": pid}}))
    report = register.restore()
    assert report.failed == [f"cannot restore {path}: it is damaged and has no readable backup; it was left as it is"]
    assert path.read_bytes() == damaged
    with pytest.raises(CorruptRegisterError, match="no backup of it exists: repair it by hand or move it aside"):
        register.get_partnership(pid)


def test_the_cli_says_it_in_one_line_and_exits_1(pwiz, register: Register, tmp_path: Path) -> None:
    pid = register.add_partnership("Test")["id"]
    path = register.root / "partnerships" / f"{pid}.json"
    path.write_text(json.dumps({"partnership": {"1": {"id": pid}}}))  # the report's reproduction
    for command in (("partnership", "show", pid), ("export", pid, "-o", str(tmp_path / "pack.pdf"))):
        result = pwiz(*command)
        assert result.returncode == 1, result
        assert "Traceback" not in result.stderr
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith(f"pwiz: error: the register file {path} is damaged (")
        assert "the partnership record lacks the fields 'name'" in lines[0]
        assert "no backup of it exists" in lines[0]
    assert not (tmp_path / "pack.pdf").exists()


def test_an_index_entry_without_its_fields_is_damage_that_restore_rebuilds(tmp_path):
    """The index is read by `list` and the home screen: a bad entry is one line pointing at restore, which fixes it."""
    from store import Register
    from store.errors import CorruptRegisterError

    register = Register.open(tmp_path / "register")
    pid = register.add_partnership("Youth Justice Board")["id"]
    index = tmp_path / "register" / "index.json"
    index.write_text(json.dumps({"partnerships": {"1": {"id": pid}}}))
    with pytest.raises(
        CorruptRegisterError, match="index entry 1 lacks 'last_signoff_date'.*run 'pwiz .*restore' to rebuild it"
    ):
        Register.open(tmp_path / "register").list_partnerships()
    report = Register.open(tmp_path / "register").restore()
    assert any("index" in line and "damaged" in line for line in report.done)
    assert [s["id"] for s in Register.open(tmp_path / "register").list_partnerships()] == [pid]


def test_a_register_file_nested_without_end_or_too_big_is_damage_not_a_traceback(
    register: Register, full: dict
) -> None:
    path = full["path"]
    path.write_text('{"partnership": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(CorruptRegisterError, match="nested far deeper than pwiz writes"):
        register.get_partnership(full["pid"])
    with path.open("wb") as handle:  # sparse: 65 MB of nothing, read by no one
        handle.truncate(65_000_000)
    with pytest.raises(CorruptRegisterError, match="a register file is at most 64 MB"):
        register.get_partnership(full["pid"])
    assert register.restore().failed == []  # the newest good backup comes back
    assert register.get_partnership(full["pid"])["id"] == full["pid"]
