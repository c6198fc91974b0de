"""What each officer's process does in the shared-register tests, run as
`python -m tests.shared.workers URL OFFICER COUNT`: every process has its own connection,
as every officer's machine would."""

from __future__ import annotations

import sys

from questionnaires.library import load_library
from store.postgres.register import PgRegister
from wizard.service import Governance

KEY_PRINCIPLES = "key-principles"


def all_yes() -> dict[str, str]:
    """A complete key-principles assessment: every question yes (one no, so nothing is flagged)."""
    definition = load_library(include_user_dir=False).get(KEY_PRINCIPLES)
    return {q.id: "yes" for q in definition.questions()} | {"kp-equality-conflict": "no"}


def assess_and_sign(url: str, officer: int, count: int) -> None:
    """Add `count` partnerships, answer, complete and sign off each, through the service, printing
    "partnership assessment sign-off" for each once it is acknowledged; started by a line on stdin."""
    governance = Governance(PgRegister(url), load_library(include_user_dir=False))
    answers = all_yes()
    governance.partnerships()  # connected: then all officers start together, when the test says go
    print("ready", flush=True)
    sys.stdin.readline()
    for n in range(count):
        pid = governance.add_partnership(f"Officer {officer} partnership {n:02d}", type="strategic")["id"]
        aid = governance.open_assessment(pid, KEY_PRINCIPLES)["id"]
        governance.answer_many(aid, answers)
        governance.complete(aid)
        signoff = governance.sign_off(aid, by=f"Approver {officer}", role="Chief Executive", decision="approved")
        print(pid, aid, signoff["id"], flush=True)


if __name__ == "__main__":
    assess_and_sign(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
