"""An approval pack written in Welsh (`export --lang cy`) shows the Welsh wording and verifies."""

from __future__ import annotations

from pathlib import Path

from questionnaires.library import load_library
from tests.pdf.builders import issue, typical_register
from tests.pdf.pdftext import body
from wizard import approval
from wizard.service import Governance
from wizard.verify.pack_check import verify_pack

EXAMPLES = Path(__file__).parents[2] / "questionnaires" / "examples"
DECISION = dict(by="Jo Bloggs", role="Chief Executive", decision="approved", consulted=["Chair"])


def test_a_welsh_pack_shows_the_welsh_wording_and_its_pages_check_out_in_welsh(tmp_path):
    register, _, pid = typical_register(
        tmp_path / "register", questionnaires=("scope", "significance", "key-principles"), approved=False
    )
    library = load_library(extra_dirs=[EXAMPLES], include_user_dir=False)
    welsh = Governance(register, library.in_language("cy"))
    aid = welsh.open_assessment(pid, "information-sharing")["id"]
    welsh.answer_many(aid, {"isa-shares-data": "yes", "isa-agreement": "yes", "isa-complies": "partly"})
    welsh.sign_off(aid, **DECISION)
    approval.approve(welsh, pid, **DECISION)
    pack = issue(register, library.in_language("cy"), pid, tmp_path / "pecyn.pdf")
    text = body(pack)
    assert "A oes Cytundeb Rhannu Gwybodaeth wedi'i lofnodi? Answer: Oes" in text
    assert "Answer: Wedi'i fodloni'n rhannol" in text  # the fixed choices' Welsh labels
    assert "Angen cytundeb" in text  # the outcome
    assert "Does the partnership share police data?" not in text
    ok, lines = verify_pack(pack, None, library)  # an English library: the record says the pages are in Welsh
    assert lines[-1] == "NOT PROVEN" and not [line for line in lines if line.startswith("FAILED")], "\n".join(lines)
