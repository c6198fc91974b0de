"""How often a partnership is reviewed: the shortest interval its outcomes ask for.

Any questionnaire's outcome case may set `review_interval_months`, not only
significance's: an authority's own safeguarding form may ask for a monthly
review whatever the significance. The partnership is reviewed at the shortest
interval among the outcomes of the assessment being completed or signed off
and of the newest signed-off assessment of each other questionnaire it is
required to complete. A draft under review does not count until it is
completed; a questionnaire no longer required (its scope answered again) no
longer counts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from questionnaires.definition import Definition
from questionnaires.errors import DefinitionError
from wizard import engine
from wizard.errors import UserError

if TYPE_CHECKING:
    from wizard.service import Governance


def declares_interval(definition: Definition) -> bool:
    """Whether any outcome of the questionnaire can set a review interval."""
    return any(c.case.review_interval_months for o in definition.outcomes for c in o.cases)


def shortest(governance: Governance, assessment: dict[str, Any], result: engine.Evaluation) -> int | None:
    """The review interval in months once `assessment` (evaluated as `result`) counts; None when no
    outcome sets one (the register's default applies)."""
    months = [o.review_interval_months for o in result.outcomes if o.value is not None and o.review_interval_months]
    if not any(declares_interval(d) for d in governance.library if d.id != assessment["questionnaire_id"]):
        return min(months, default=None)  # nothing else can set one: no need to read the others
    pid = assessment["partnership_id"]
    signed = newest_signed_off(governance, pid)
    for questionnaire_id in governance.required_questionnaires(governance.register.get_partnership(pid)):
        other = signed.get(questionnaire_id)
        if other is None or questionnaire_id == assessment["questionnaire_id"]:
            continue
        try:
            outcomes = governance.evaluate(other).outcomes
        except (UserError, DefinitionError):  # a version the library no longer holds: it sets nothing
            continue
        months += [o.review_interval_months for o in outcomes if o.value is not None and o.review_interval_months]
    return min(months, default=None)


def newest_signed_off(governance: Governance, partnership_id: str) -> dict[str, dict[str, Any]]:
    """The newest signed-off assessment of each questionnaire, by questionnaire id (a draft or a
    completed renewal leaves the one signed off before it in force)."""
    newest: dict[str, dict[str, Any]] = {}
    # Oldest first, as the register lists them; created_at has whole seconds: on a tie the later one is newer.
    for assessment in sorted(governance.register.list_assessments(partnership_id), key=lambda a: a["created_at"]):
        if assessment["status"] == "signed-off":
            newest[assessment["questionnaire_id"]] = assessment
    return newest
