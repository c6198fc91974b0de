"""The partnership's approval: when it may be given, what it covers, whether it still stands.

001 (Responsibilities): the Chief Executive, in consultation with the Chair
and/or Vice-Chair, approves a partnership. The sign-offs of its
questionnaires are the officers' assessments leading up to that decision,
so approval waits until the significance assessment and every questionnaire
the significance requires are signed off, and nothing else current is left
unsigned. It covers the sign-off of every current assessment; a later
review's sign-off (or a new draft) leaves it standing in the register but no
longer current: the pack says DRAFT until the partnership is approved again.

The CLI (`pwiz approve`), the wizard and the pack all ask this module, so they
cannot disagree about what is outstanding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from store.assessments import SIGNED_OFF
from wizard.errors import UserError

if TYPE_CHECKING:
    from questionnaires.library import Library
    from wizard.service import Governance

STATUS_WORDS = {"draft": "a draft", "complete": "complete but not signed off"}
# The partnership's status once a decision is recorded: approved, with or without conditions, it is
# active. A deferral or a refusal leaves the status as it was: whether the partnership ends is the
# officer's call on the data sheet, not something a refusal of one review decides.
STATUS_AFTER = {"approved": "active", "conditional": "active"}


@dataclass(frozen=True)
class ApprovalState:
    """Where a partnership stands with its approval."""

    latest: dict[str, Any] | None  # the newest approval in the register, current or not
    outstanding: list[str] = field(default_factory=list)  # what must be signed off first, one phrase each
    signoff_ids: list[str] = field(default_factory=list)  # the sign-offs an approval given now covers

    @property
    def approvable(self) -> bool:
        return not self.outstanding and bool(self.signoff_ids)

    @property
    def current(self) -> dict[str, Any] | None:
        """The newest approval, if it approves exactly the sign-offs that stand now."""
        if self.latest is None or self.outstanding:
            return None
        approved = {item["signoff_id"] for item in self.latest["covers"]}
        return self.latest if approved == set(self.signoff_ids) else None

    @property
    def needed(self) -> list[str]:
        """Everything between the partnership and a current approval, one phrase each."""
        if self.current is not None:
            return []
        if self.outstanding:
            return [*self.outstanding, "then the partnership's approval (pwiz approve)"]
        if self.latest is None:
            return ["the partnership's approval (pwiz approve): every required questionnaire is signed off"]
        return [
            f"a new approval (pwiz approve): sign-offs were made since the approval of {self.latest['signed_at'][:10]}"
        ]


def state(governance: Governance, partnership_id: str) -> ApprovalState:
    """The approval state of one partnership, read from the register."""
    register = governance.register
    partnership = register.get_partnership(partnership_id)
    pid = partnership["id"]
    return state_of(
        governance.library,
        governance.required_questionnaires(partnership),
        governance.current_assessments(pid),
        register.list_signoffs(pid),
        register.list_approvals(pid),
    )


def state_of(
    library: Library, required: list[str], current: dict[str, dict], signoffs: list[dict], approvals: list[dict]
) -> ApprovalState:
    """The approval state from what a caller has already read: the questionnaires required, the current
    assessment of each questionnaire (by id), and the partnership's sign-offs and approvals, in order."""
    signoff_of = {s["assessment_id"]: s for s in signoffs}
    outstanding = []
    for qid in required:
        if qid not in current:
            outstanding.append(f"{_title(library, qid)}: not assessed yet")
    for qid, assessment in current.items():
        if assessment["status"] != SIGNED_OFF:
            why = "" if qid in required else " (not required, but current: sign it off too)"
            outstanding.append(
                f"{_title(library, qid)}: {STATUS_WORDS.get(assessment['status'], assessment['status'])}{why}"
            )
    signed = [
        signoff_of[a["id"]]["id"] for a in current.values() if a["status"] == SIGNED_OFF and a["id"] in signoff_of
    ]
    return ApprovalState(latest=approvals[-1] if approvals else None, outstanding=outstanding, signoff_ids=signed)


def approve(governance: Governance, partnership_id: str, **decision: Any) -> dict[str, Any]:
    """Record the partnership's approval, or UserError saying what must be signed off first.

    `decision`: by, role, decision, consulted, conditions, signed_at (as for a sign-off).
    A new decision on the same sign-offs (a deferral later approved) supersedes the last one.
    The partnership's status follows the decision (STATUS_AFTER)."""
    pid = governance.register.resolve_partnership(partnership_id)
    now = state(governance, pid)
    if not now.approvable:
        waiting = now.outstanding or ["nothing is signed off yet"]
        raise UserError(f"partnership {pid} cannot be approved yet: {'; '.join(waiting)}; sign those off first")
    record = governance.register.approve(pid, now.signoff_ids, **decision)
    status = STATUS_AFTER.get(record["decision"])
    if status is not None and governance.register.get_partnership(pid).get("status") != status:
        governance.register.update_partnership(pid, status=status)
    return record


def _title(library: Library, questionnaire_id: str) -> str:
    definition = library.definitions.get(questionnaire_id)
    return definition.title if definition is not None else questionnaire_id
