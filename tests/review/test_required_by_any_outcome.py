"""An outcome's `requires` counts on any questionnaire, not only the significance assessment: an
authority's own scope (superseding the shipped one) may require its own intake form (issue 16)."""

from __future__ import annotations

from store import Register
from tests.review.builders import with_questionnaires

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
      - {id: lead, text: 'Who leads it?', type: short_text}
"""


def test_a_scope_outcome_can_require_the_authoritys_own_questionnaire(tmp_path):
    council = with_questionnaires(
        Register.open(tmp_path / "register"), tmp_path / "council", scope=SCOPE, intake=INTAKE
    )
    assert council.library.get("scope").version == 7
    pid = council.add_partnership("Safer Streets")["id"]
    assert council.required_questionnaires(council.partnership(pid)) == ["scope", "significance"]
    draft = council.open_assessment(pid, "scope")
    council.answer(draft["id"], "council-funded", "yes")
    assert council.required_questionnaires(council.partnership(pid)) == ["scope", "significance", "council-intake"]
    council.answer(draft["id"], "council-funded", "no")  # the newest answer decides
    assert council.required_questionnaires(council.partnership(pid)) == ["scope", "significance"]
