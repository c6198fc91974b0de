"""The derived-data cache (flag counts, the report's data-sheet columns) lives in the user's own
folder for a shared register: kept between commands, so a second `report` reads nothing again."""

from __future__ import annotations

from store.postgres.register import PgRegister
from tests.store.test_derived import Counting


def test_values_computed_by_one_command_are_kept_for_the_next(pg_url: str) -> None:
    """Each PgRegister stands for a command of its own; the user's folder for the database is made when it is
    opened (once it was never made, so nothing was kept and every `report` at 5,000 partnerships counted
    every flag again: 25 s instead of 1)."""
    first = PgRegister(pg_url)
    pids = [first.add_partnership(name)["id"] for name in ("Alpha", "Bravo", "Charlie")]
    computed = Counting()
    first.derived("flags", "k1", computed)
    assert sorted(computed.asked) == sorted(pids)

    again = Counting()
    assert PgRegister(pg_url).derived("flags", "k1", again) == {pid: {"pid": pid} for pid in pids}
    assert again.asked == []

    PgRegister(pg_url).update_partnership(pids[1], purpose="Joint tasking")  # another officer's change
    after = Counting()
    PgRegister(pg_url).derived("flags", "k1", after)
    assert after.asked == [pids[1]]
