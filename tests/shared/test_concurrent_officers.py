"""Eight officers at once on one shared register: every partnership, assessment and sign-off
they were told was saved is there, and every digest chain verifies."""

from __future__ import annotations

import pytest

from store.postgres.register import PgRegister
from tests.shared.conftest import counted, start_child

OFFICERS = 8
EACH = 25


@pytest.mark.long
def test_eight_officers_assessing_and_signing_off_at_once_lose_nothing(pg_url: str, pwiz) -> None:
    children = [
        start_child("-m", "tests.shared.workers", pg_url, str(officer), str(EACH)) for officer in range(OFFICERS)
    ]
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

    verified = pwiz("verify", env={"PWIZ_DB": pg_url})
    assert verified.returncode == 0, verified.stderr
    assert (
        verified.stdout.strip()
        == f"All {OFFICERS * EACH} sign-offs in {OFFICERS * EACH} partnerships match their digests."
    )
