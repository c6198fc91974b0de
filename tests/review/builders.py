"""Partnerships assessed and signed off through the service, ready to review."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from questionnaires.library import load_library
from store import Register
from tests.pdf.builders import answer_everything, library, low_significance, scope_in
from wizard.service import Governance

LIBRARY = library()
LOW = low_significance(LIBRARY.get("significance"))
NO_TO_ALL = {q.id: "no" for q in LIBRARY.get("significance").questions() if q.type.value == "yes_no"}
MEDIUM = NO_TO_ALL | {"sig-spectrum": "statutory-strategic", "sig-contribution": 0}
HIGH = NO_TO_ALL | {"sig-money": "yes", "sig-spectrum": "service-delivery", "sig-contribution": 0}


def answered(governance: Governance, pid: str, questionnaire: str, fixed: dict | None = None) -> dict:
    definition = governance.library.get(questionnaire)
    if questionnaire == "scope":
        fixed = scope_in(definition)
    draft = governance.open_assessment(pid, questionnaire)
    governance.answer_many(draft["id"], answer_everything(definition, fixed=fixed))
    return governance.complete(draft["id"])


def first_assessment(
    governance: Governance, significance: dict, kp: dict | None = None, signed_at: datetime | None = None
) -> str:
    """Assess and sign off everything the significance requires (at the clock's time, or `signed_at`)."""
    pid = governance.register.add_partnership("Safer Streets")["id"]
    for questionnaire in ("scope", "significance"):
        answered(governance, pid, questionnaire, significance)
    for questionnaire in governance.required_questionnaires(governance.register.get_partnership(pid))[2:]:
        answered(governance, pid, questionnaire, kp if questionnaire == "key-principles" else None)
    sign_all(governance, pid, signed_at)
    return pid


def sign_all(governance: Governance, pid: str, signed_at: datetime | None = None) -> None:
    for assessment in governance.current_assessments(pid).values():
        if assessment["status"] != "signed-off":
            governance.sign_off(
                assessment["id"], by="Jo Bloggs", role="Chief Executive", decision="approved", signed_at=signed_at
            )


def with_questionnaires(register: Register, folder: Path, **files: str) -> Governance:
    """The register under the shipped library plus an authority's own questionnaires, written as
    `folder/NAME.yaml` from `files` (NAME=yaml text); every one of them must load."""
    folder.mkdir()
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    own = load_library(extra_dirs=[folder], include_user_dir=False)
    assert not own.skipped, own.skipped
    return Governance(register, own)
