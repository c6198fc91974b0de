"""Who is acting on the shared register, from PostgreSQL itself: `pwiz db init`, `pwiz db grant`,
`pwiz whoami`, and sign-offs that name the signed-in person; refusals the database makes, in one line."""

from __future__ import annotations

import json

import pytest

from store import Register
from store.postgres.register import PgRegister
from store.postgres.roles import grant
from tests.cli_register.test_approve import assessed
from tests.postgres_cluster import PostgresCluster, with_user

APPROVER = ("--role", "Chief Executive", "--decision", "approved")


@pytest.fixture
def complete(pg_url: str) -> dict:
    """A complete key-principles assessment of "Safer Streets" on the shared register, ready to sign off."""
    register = PgRegister(pg_url)
    pid = register.add_partnership("Safer Streets", type="strategic")["id"]
    aid = register.start_assessment(pid, "key-principles", 1)["id"]
    register.save_answers(aid, {"kp-1": {"value": "Yes"}})
    return register.set_status(aid, "complete")


@pytest.fixture
def admin(pg_cluster: PostgresCluster, pg_url: str) -> str:
    """The URL of a pwiz_admin login (not a superuser, no CREATEROLE) on the test's database."""
    pg_cluster.create_login("it_admin", ["pwiz_admin"])
    return with_user(pg_url, "it_admin")


def give(admin: str, login: str, rank: str, name: str | None = None) -> None:
    """`pwiz db grant` in this process (its command is run by the tests that check what it says)."""
    with PgRegister(admin).transaction() as connection:
        grant(connection, login, rank, name)


def one_line(done) -> str:
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    [line] = done.stderr.splitlines()
    return line


def test_db_init_installs_then_says_it_was_already_there(pg_cluster: PostgresCluster, pwiz) -> None:
    url = pg_cluster.create_database()
    first = pwiz("db", "init", url)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Installed the pwiz register (schema version 1)")
    again = pwiz("db", "init", url)
    assert again.returncode == 0, again.stderr
    assert "was already installed (schema version 1)" in again.stdout and "nothing lost" in again.stdout
    assert pwiz("partnership", "list", env={"PWIZ_DB": url}).returncode == 0


def test_db_init_by_a_plain_login_is_refused_in_one_line(pg_cluster: PostgresCluster, pg_url: str, pwiz) -> None:
    pg_cluster.create_login("plain_login", [])
    empty = pg_cluster.create_database()
    line = one_line(pwiz("db", "init", with_user(empty, "plain_login")))
    assert "your login plain_login may not install pwiz" in line and "CREATE on the database" in line
    assert "nothing was changed" in line
    line = one_line(pwiz("db", "init", with_user(pg_url, "plain_login")))  # installed already, by another
    assert "lacks CREATE on the database" in line and "ownership of the pwiz schema already there" in line


def test_whoami_for_a_login_in_no_pwiz_group_says_it_may_do_nothing(pg_cluster: PostgresCluster, pg_url: str, pwiz):
    pg_cluster.create_login("newcomer", [])
    me = pwiz("whoami", env={"PWIZ_DB": with_user(pg_url, "newcomer")})
    assert me.returncode == 0, me.stderr
    assert me.stdout.splitlines()[1:] == [
        "Name: newcomer",
        "Role: none",
        "You may do nothing yet: ask your register's admin for a role ('pwiz db grant LOGIN --as officer').",
    ]


def test_an_admin_grants_demotes_and_names_people_and_whoami_says_so(admin: str, pg_url: str, pwiz) -> None:
    # Logins belong to the whole cluster, which a worker's tests share: a name no other test makes.
    made = pwiz("db", "grant", "anna", "--as", "approver", "--name", "Ann Approver", env={"PWIZ_DB": admin})
    assert made.returncode == 0, made.stderr
    assert "created the login anna without a password" in made.stdout
    assert "made anna a member of pwiz_approver" in made.stdout
    me = json.loads(pwiz("whoami", "--json", env={"PWIZ_DB": with_user(pg_url, "anna")}).stdout)
    assert (me["login"], me["display_name"], me["role"], me["shared"]) == ("anna", "Ann Approver", "approver", True)
    assert me["allowed"].startswith("do what an officer does, and sign off")

    demoted = pwiz("db", "grant", "anna", "--as", "reader", env={"PWIZ_DB": admin})
    assert demoted.returncode == 0, demoted.stderr
    assert "revoked pwiz_approver from anna" in demoted.stdout
    me = pwiz("whoami", env={"PWIZ_DB": with_user(pg_url, "anna")})
    assert me.stdout.splitlines() == [
        "Login: anna",
        "Name: Ann Approver",
        "Role: reader",
        "You may read everything in the register, and change nothing.",
    ]
    for rank in ("officer", "approver"):
        give(admin, "anna", rank)
        assert PgRegister(with_user(pg_url, "anna")).whoami()["role"] == rank
    assert PgRegister(admin).whoami()["role"] == "admin"

    line = one_line(pwiz("db", "grant", "bob", "--as", "officer", env={"PWIZ_DB": with_user(pg_url, "anna")}))
    assert line.startswith("pwiz: error: your login anna may not give pwiz roles (it is a member of pwiz_approver)")
    line = one_line(pwiz("db", "grant", "anna", "--as", "admin", env={"PWIZ_DB": admin}))
    assert "only IT" in line and "nothing was changed" in line


def test_roles_on_a_folder_are_refused_and_whoami_says_a_folder_has_none(db_path, pwiz) -> None:
    line = one_line(pwiz("db", "grant", "ann", "--as", "officer"))
    assert "roles belong to the shared register" in line
    register = Register.open(db_path)
    aid = register.start_assessment(register.add_partnership("Safer Streets")["id"], "key-principles", 1)["id"]
    register.set_status(aid, "complete")
    line = one_line(pwiz("signoff", aid, *APPROVER))
    assert line == "pwiz: error: missing option --by: say who decides (a register folder does not know who you are)"
    assert register.get_assessment(aid)["status"] == "complete"
    me = pwiz("whoami")
    assert me.returncode == 0
    assert "Role: none: a register folder has no roles: anyone who can write the folder can do anything." in me.stdout


def test_an_officers_signoff_is_refused_by_the_database_and_leaves_the_assessment(
    pg_cluster: PostgresCluster, pg_url: str, complete: dict, pwiz
) -> None:
    pg_cluster.create_login("olive", ["pwiz_officer"])
    line = one_line(
        pwiz("signoff", complete["id"], "--by", "Olive", *APPROVER, env={"PWIZ_DB": with_user(pg_url, "olive")})
    )
    assert line.startswith("pwiz: error: your login olive may not sign off: only members of pwiz_approver may")
    assert PgRegister(pg_url).get_assessment(complete["id"]) == complete
    assert PgRegister(pg_url).list_signoffs(complete["partnership_id"]) == []


def test_a_reader_is_refused_any_write_in_one_line(
    pg_cluster: PostgresCluster, pg_url: str, complete: dict, pwiz
) -> None:
    pg_cluster.create_login("rita", ["pwiz_reader"])
    env = {"PWIZ_DB": with_user(pg_url, "rita")}
    pid = complete["partnership_id"]
    for args in (("partnership", "add", "Another"), ("action", "add", pid, "Chase the ISA")):
        line = one_line(pwiz(*args, env=env))
        assert "refused this: your login may not do it" in line
    assert [p["id"] for p in PgRegister(pg_url).list_partnerships()] == [pid]
    assert PgRegister(pg_url).list_actions(pid) == []


def test_an_approvers_signoff_names_them_and_records_their_login(admin: str, pg_url: str, complete: dict, pwiz) -> None:
    give(admin, "carol", "approver", "Carol Chief")
    env = {"PWIZ_DB": with_user(pg_url, "carol")}
    done = pwiz("signoff", complete["id"], *APPROVER, env=env)
    assert done.returncode == 0, done.stderr
    assert "approved by Carol Chief (Chief Executive)" in done.stdout and "signed in as carol" in done.stdout
    [signoff] = PgRegister(pg_url).list_signoffs(complete["partnership_id"])
    assert (signoff["by"], signoff["signed_in_as"]) == ("Carol Chief", "carol")
    shown = pwiz("partnership", "show", complete["partnership_id"], env=env)
    assert "by Carol Chief (Chief Executive)" in shown.stdout and "signed in as carol" in shown.stdout
    assert pwiz("verify", env=env).returncode == 0


def test_an_approval_defaults_to_the_approvers_name(admin: str, pg_url: str, pwiz) -> None:
    pid = assessed(PgRegister(pg_url), "Safer Streets", ("scope", "significance", "key-principles"))
    give(admin, "carol", "approver", "Carol Chief")
    done = pwiz("approve", pid, *APPROVER, env={"PWIZ_DB": with_user(pg_url, "carol")})
    assert done.returncode == 0, done.stderr
    assert "approved by Carol Chief (Chief Executive)" in done.stdout and "signed in as carol" in done.stdout
    [approval] = PgRegister(pg_url).list_approvals(pid)
    assert (approval["by"], approval["signed_in_as"]) == ("Carol Chief", "carol")
