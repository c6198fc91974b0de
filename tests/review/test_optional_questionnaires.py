"""The two optional seed checklists (002 Partner's role, 004 Risks of partnership working): required by
no outcome, added by an officer, their risks on the register and in the pack, offered unticked at the
next review."""

from __future__ import annotations

from store import Register
from tests.pdf.pdftext import body, norm
from tests.review.builders import LIBRARY, LOW, first_assessment
from wizard import review
from wizard.pdf.pack import build_pack
from wizard.service import Governance


def test_an_officer_adds_the_risks_of_partnership_working_and_a_yes_joins_the_risk_register(tmp_path):
    governance = Governance(Register.open(tmp_path / "register"), LIBRARY)
    pid = first_assessment(governance, LOW)
    assert "partnership-risks" not in governance.required_questionnaires(governance.partnership(pid))
    draft = governance.open_assessment(pid, "partnership-risks")
    answers = {q.id: "no" for q in LIBRARY.get("partnership-risks").questions()}
    governance.answer_many(draft["id"], answers | {"pk-trust": {"value": "yes", "note": "New chair; monthly 1:1s"}})
    governance.sign_off(draft["id"], by="Jo Bloggs", role="Chief Executive", decision="approved")

    [risk] = governance.register.list_risks(pid)
    assert (risk["description"], risk["category"]) == ("Trust breaks down.", "Relationships")
    offered = {choice.questionnaire_id: choice for choice in review.choices(governance, pid)}
    assert not offered["partnership-risks"].required and offered["partnership-risks"].state == "carry"
    assert "partner-role" not in offered  # never assessed, so not offered

    text = norm(body(build_pack(governance.register, LIBRARY, pid).pdf))
    assert "Risks of partnership working Signed off" in text and "(not required at this significance)" in text
    assert "reviewed to January 2013): What risks are involved in working in partnership?" in text  # cited
    assert "Trust breaks down." in text and "New chair; monthly 1:1s" in text
