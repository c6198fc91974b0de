"""A partnership on the shared register reviewed by several people, each with their own login.

An officer with a name in pwiz.people (alice) enters a checklist's answers, an approver (carol)
signs it off; alice starts its review, changes one carried answer and confirms another, and a
second officer with no name on record (bob) changes a third to hostile text: markup characters,
right-to-left and CJK text, and a long answer.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg

from store.postgres.register import PgRegister
from tests.postgres_cluster import PostgresCluster, with_user
from wizard.service import Governance

ALICE = "Alice Ångström"
HOSTILE = "[bold]not bold[/bold] [red]x[/red] مرحبا بالعالم 你好世界 " + "and a long answer " * 40
FIRST_ANSWERS = {"cl-1a": "To cut crime", "cl-1b": "Fewer burglaries", "cl-1c": "On the council website"}


@dataclass(frozen=True)
class Reviewed:
    pid: str
    first: str  # the signed-off checklist
    review: str  # its review, under way


def reviewed(pg_cluster: PostgresCluster, pg_url: str, library) -> Reviewed:
    for login, groups in (("alice", ["pwiz_officer"]), ("bob", ["pwiz_officer"]), ("carol", ["pwiz_approver"])):
        pg_cluster.create_login(login, groups)
    with psycopg.connect(pg_url, autocommit=True) as connection:
        connection.execute("INSERT INTO pwiz.people (role, display_name) VALUES ('alice', %s)", (ALICE,))
    alice, bob, carol = (
        Governance(PgRegister(with_user(pg_url, login)), library) for login in ("alice", "bob", "carol")
    )
    try:
        pid = alice.add_partnership("Safer Streets")["id"]
        first = alice.open_assessment(pid, "checklist")["id"]
        alice.answer_many(first, FIRST_ANSWERS)
        carol.sign_off(first, by="Carol Chief", role="Chief Executive", decision="approved")
        (draft,) = alice.start_review(pid, ["checklist"])
        review = draft.assessment["id"]
        alice.answer(review, "cl-1a", "To cut crime and disorder")
        bob.answer(review, "cl-1b", HOSTILE)
        alice.confirm(review, ["cl-1c"])
    finally:
        for governance in (alice, bob, carol):
            governance.register.close()  # type: ignore[attr-defined]
    return Reviewed(pid, first, review)
