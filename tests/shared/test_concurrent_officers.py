"""Eight officers at once on one shared register: every partnership, assessment and sign-off
they were told was saved is there, and every digest chain verifies."""

from __future__ import annotations

from itertools import pairwise

import psycopg
import pytest

from store.postgres.register import PgRegister
from tests.shared.support import counted, start_child

OFFICERS = 8
EACH = 25


@pytest.mark.long
def test_eight_officers_assessing_and_signing_off_at_once_lose_nothing(pg_url: str, pwiz) -> None:
    children = [
        start_child("-m", "tests.shared.workers", pg_url, str(officer), str(EACH)) for officer in range(OFFICERS)
    ]
    for child in children:  # every officer connected, before any starts
        assert child.stdout is not None and child.stdout.readline() == "ready\n", child.communicate()[1]
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    outputs = [child.communicate(timeout=240) for child in children]
    for child, (_, stderr) in zip(children, outputs, strict=True):
        assert child.returncode == 0, stderr
    acknowledged = [line.split() for stdout, _ in outputs for line in stdout.splitlines()]
    assert len(acknowledged) == OFFICERS * EACH

    register = PgRegister(pg_url)
    assert len(register.list_partnerships()) == OFFICERS * EACH
    for pid, aid, sid in acknowledged:
        assert register.get_assessment(aid)["status"] == "signed-off"
        (signoff,) = register.list_signoffs(pid)
        assert signoff["id"] == sid and signoff["assessment_id"] == aid
    assert counted(pg_url, "signoffs") == OFFICERS * EACH
    with psycopg.connect(pg_url) as connection:  # the officers' partnerships went in interleaved: at once
        names = [name for (name,) in connection.execute("SELECT name FROM pwiz.partnerships ORDER BY seq")]
    officers_in_turn = [name.split()[1] for name in names]
    assert sum(a != b for a, b in pairwise(officers_in_turn)) > OFFICERS

    verified = pwiz("verify", env={"PWIZ_DB": pg_url})
    assert verified.returncode == 0, verified.stderr
    assert (
        verified.stdout.strip()
        == f"All {OFFICERS * EACH} sign-offs in {OFFICERS * EACH} partnerships match their digests."
    )
