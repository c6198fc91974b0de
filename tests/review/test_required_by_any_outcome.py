"""An outcome's `requires` counts on any questionnaire, not only the significance assessment: an
authority's own scope (superseding the shipped one) may require its own intake form (issue 16)."""

from __future__ import annotations

from questionnaires.library import load_library
from store import Register
from wizard.service import Governance

SCOPE = """\
schema_version: 1
id: scope
title: Council scope
version: 7
source: {document: test-only, section: none}
sections:
  - id: s
    title: S
    questions:
      - id: council-funded
        text: Does the council fund it?
        type: yes_no
outcomes:
  - id: scope
    title: Scope
    cases:
      - when: "council-funded == 'yes'"
        value: in
        requires: [council-intake]
      - when: "true"
        value: out
"""

INTAKE = """\
schema_version: 1
id: council-intake
title: Council intake
version: 1
source: {document: test-only, section: none}
sections:
  - id: s
    title: S
    questions:
      - {id: lead, text: Who leads it?, type: short_text}
"""


def test_a_scope_outcome_can_require_the_authoritys_own_questionnaire(tmp_path):
    folder = tmp_path / "council"
    folder.mkdir()
    (folder / "scope.yaml").write_text(SCOPE, encoding="utf-8")
    (folder / "intake.yaml").write_text(INTAKE.replace("Who leads it?", "'Who leads it?'"), encoding="utf-8")
    library = load_library(extra_dirs=[folder], include_user_dir=False)
    assert not library.skipped and library.get("scope").version == 7
    council = Governance(Register.open(tmp_path / "register"), library)
    pid = council.add_partnership("Safer Streets")["id"]
    assert council.required_questionnaires(council.partnership(pid)) == ["scope", "significance"]
    draft = council.open_assessment(pid, "scope")
    council.answer(draft["id"], "council-funded", "yes")
    assert council.required_questionnaires(council.partnership(pid)) == ["scope", "significance", "council-intake"]
    council.answer(draft["id"], "council-funded", "no")  # the newest answer decides
    assert council.required_questionnaires(council.partnership(pid)) == ["scope", "significance"]
