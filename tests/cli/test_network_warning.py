"""A folder register on a network file system is warned of once per folder and user, on stderr,
without changing what a command prints or its exit status (tests/network_seam.py says how a
folder here is made to count as a network one)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.network_seam import local_fs_type, network_env


def warning(register: Path, kind: str) -> str:
    return (
        f"pwiz: warning: the register {register} is on a network file system ({kind}): file locks and renames are "
        "not reliable there, so two people saving at once can lose work; keep a shared register on PostgreSQL "
        '(see README, "Shared register")\n'
    )


def test_a_register_on_a_network_folder_is_warned_of_once(pwiz, db_path: Path, tmp_path: Path):
    network = network_env(tmp_path, tmp_path / "seam")
    kind = local_fs_type(tmp_path)
    added = pwiz("partnership", "add", "Safer Streets", env=network)
    listed = pwiz("partnership", "list", env=network)
    again = pwiz("partnership", "list", env=network)
    assert (added.returncode, listed.returncode, again.returncode) == (0, 0, 0)
    assert added.stderr.startswith(warning(db_path, kind))  # then "Added partnership ..."
    assert listed.stderr == again.stderr == ""
    assert "Safer Streets" in listed.stdout

    other = tmp_path / "other-register"
    assert pwiz("partnership", "list", env={**network, "PWIZ_DB": str(other)}).stderr == warning(other, kind)
    another_user = {**network, "XDG_STATE_HOME": str(tmp_path / "another-users-state")}
    assert pwiz("partnership", "list", env=another_user).stderr == warning(db_path, kind)


@pytest.mark.parametrize(("command", "status"), [(("partnership", "list"), 0), (("partnership", "show", "Nobody"), 1)])
def test_the_warning_changes_neither_output_nor_exit_status(pwiz, db_path: Path, tmp_path: Path, command, status):
    network = network_env(tmp_path, tmp_path / "seam")
    told = warning(db_path, local_fs_type(tmp_path))
    warned = pwiz(*command, env=network)
    told_already = pwiz(*command, env=network)
    assert warned.stderr.startswith(told)
    assert (warned.returncode, warned.stdout, warned.stderr.removeprefix(told)) == (
        status,
        told_already.stdout,
        told_already.stderr,
    )
    assert told_already.returncode == status


def test_a_register_on_a_local_disk_is_not_warned_of(pwiz):
    assert pwiz("partnership", "list").stderr == ""
