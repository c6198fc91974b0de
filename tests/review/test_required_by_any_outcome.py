"""An outcome's `requires` counts on any questionnaire, not only the significance assessment: an
authority's own scope (superseding the shipped one) may require its own intake form (issue 16)."""

from __future__ import annotations

from store import Register
from tests.review.builders import LOW, answered, sign_all, with_questionnaires
from wizard import review

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


def test_a_review_takes_in_the_authoritys_own_required_questionnaire(tmp_path, db_path, pwiz):
    """`pwiz review` and the wizard's review dialog (review.choices) both offer the council's own
    intake form once its scope requires it, carried from its last sign-off like the shipped ones."""
    council = with_questionnaires(Register.open(db_path), tmp_path / "council", scope=SCOPE, intake=INTAKE)
    pid = council.add_partnership("Safer Streets")["id"]
    scope = council.open_assessment(pid, "scope")
    council.answer(scope["id"], "council-funded", "yes")
    for questionnaire in ("significance", "key-principles"):
        answered(council, pid, questionnaire, LOW)
    intake = council.open_assessment(pid, "council-intake")
    council.answer(intake["id"], "lead", "Ann Officer")
    sign_all(council, pid)

    offered = {choice.questionnaire_id: choice for choice in review.choices(council, pid)}
    assert list(offered) == ["scope", "significance", "key-principles", "council-intake"]
    assert offered["council-intake"].required and offered["council-intake"].state == "carry"
    assert offered["council-intake"].carried == 1

    started = pwiz("--questionnaires", str(tmp_path / "council"), "review", pid)
    assert started.returncode == 0, started.stderr
    assert sorted(line.split()[1] for line in started.stdout.splitlines()) == sorted(offered)
    assert "council-intake: 1 answers carried from" in started.stderr
