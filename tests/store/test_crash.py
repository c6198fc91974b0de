"""An answer reported saved survives the process being killed at any moment."""

from __future__ import annotations

import os
import random
import signal
import time

import pytest

from store import Register
from tests.store.conftest import reopen

KILLS = 220


def save_until_killed(parent: Register, aid: str, first: int, report_fd: int) -> None:
    """The child: save answers one after another, reporting each once saved."""
    register = reopen(parent)  # its own files, or its own connection to the database
    n = first
    while True:
        register.save_answer(aid, f"q{n}", f"answer {n}: Łódź ŵ 🤝", note="x" * (n % 300))
        os.write(report_fd, f"{n}\n".encode())
        n += 1


@pytest.mark.long
def test_every_reported_answer_survives_sigkill_at_random_moments(register: Register, draft: dict) -> None:
    rng = random.Random(20250101)
    reported: set[int] = set()
    for kill in range(KILLS):
        read_end, write_end = os.pipe()
        child = os.fork()
        if child == 0:
            os.close(read_end)
            try:
                save_until_killed(register, draft["id"], kill * 100_000, write_end)
            finally:
                os._exit(1)
        os.close(write_end)
        with os.fdopen(read_end) as pipe:
            first = pipe.readline()  # the child is up and saving: kill it at a random moment of what follows
            time.sleep(rng.uniform(0, 0.015))
            os.kill(child, signal.SIGKILL)
            os.waitpid(child, 0)
            reported |= {int(line) for line in (first + pipe.read()).split()}

        answers = reopen(register).get_assessment(draft["id"])["answers"]
        missing = sorted(n for n in reported if f"q{n}" not in answers)
        assert not missing, f"kill {kill}: answers reported saved but lost: {missing}"
    assert len(reported) >= KILLS, "every child reported at least its first save"
    assert reopen(register).verify() == []
