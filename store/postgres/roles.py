"""Who is connected to the shared register, and giving people their pwiz role.

PostgreSQL says who someone is (the login it authenticated) and what they may do (the
pwiz_* group roles it holds, store.postgres.schema); pwiz only reads that, and keeps each
person's display name in `pwiz.people`. A login is a member of exactly one pwiz group:
granting one revokes the others, so a demotion is one command like a promotion.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.errors import StoreError
from store.postgres.schema import GROUPS

if TYPE_CHECKING:
    import psycopg

# From the least to the most: each group is a member of the one before (store.postgres.schema).
RANKS = ("reader", "officer", "approver", "admin")
ALLOWED = {  # what each role lets a login do, as "You may ..." ends
    "reader": "read everything in the register, and change nothing",
    "officer": "read everything, and add and change partnerships, answers, actions, risks and documents "
    "(not sign off or approve)",
    "approver": "do what an officer does, and sign off assessments and approve partnerships",
    "admin": "do what an approver does, and give logins their pwiz role ('pwiz db grant')",
    None: "do nothing yet: ask your register's admin for a role ('pwiz db grant LOGIN --as officer')",
}


def whoami(connection: psycopg.Connection) -> dict:
    """{login, display_name (the login's own name when none is recorded), role (the highest, or None)}."""
    login, *held = connection.execute(
        "SELECT session_user, " + ", ".join(f"pg_has_role(session_user, '{GROUPS[rank]}', 'MEMBER')" for rank in RANKS)
    ).fetchone() or ("",)
    role = next((rank for rank, has in reversed(list(zip(RANKS, held, strict=True))) if has), None)
    name = None
    if role is not None:  # a login in no pwiz group may not read pwiz.people
        row = connection.execute("SELECT display_name FROM pwiz.people WHERE role = session_user").fetchone()
        name = row[0] if row else None
    return {"login": login, "display_name": name or login, "role": role}


def grant(connection: psycopg.Connection, login: str, rank: str, display_name: str | None) -> list[str]:
    """Make `login` a member of exactly the pwiz group `rank` (creating the login if there is none),
    and record its display name; what was done, one line each. Run inside a transaction."""
    from psycopg import errors, sql

    if rank not in GROUPS:
        raise StoreError(f"there is no pwiz role {rank!r}: give one of {', '.join(RANKS)}")
    if login in GROUPS.values():
        raise StoreError(f"{login} is one of pwiz's group roles, not a person's login: give the person's login")
    me = whoami(connection)
    if me["role"] != "admin":
        raise StoreError(
            f"your login {me['login']} may not give pwiz roles (it is {_as(me['role'])}): only members of "
            "pwiz_admin may; ask your register's admin"
        )
    if not display_name or not display_name.strip():
        display_name = None
    done = []
    if connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (login,)).fetchone() is None:
        connection.execute("SELECT pwiz.create_login(%s)", (login,))
        done.append(
            f"created the login {login} without a password: IT sets how it signs in "
            "(a password with ALTER ROLE, or a Kerberos/certificate mapping in pg_hba.conf and pg_ident.conf)"
        )
    held = [
        group
        for (group,) in connection.execute(
            "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = %s AND g.rolname = ANY(%s)",
            (login, list(GROUPS.values())),
        )
    ]
    try:
        for group in sorted(set(held) - {GROUPS[rank]}):
            connection.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(group), sql.Identifier(login)))
            done.append(f"revoked {group} from {login}")
        if GROUPS[rank] not in held:
            connection.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(GROUPS[rank]), sql.Identifier(login)))
            done.append(f"made {login} a member of {GROUPS[rank]}: it may {ALLOWED[rank]}")
    except errors.InsufficientPrivilege:
        raise StoreError(
            f"your login {me['login']} may give the roles reader, officer and approver, but only IT (the login that "
            f"ran 'pwiz db init', or a superuser) may make {login} an admin or take it away; nothing was changed"
        ) from None
    if GROUPS[rank] in held:
        done.append(f"{login} was already a member of {GROUPS[rank]}")
    if display_name is not None:
        connection.execute(
            "INSERT INTO pwiz.people (role, display_name) VALUES (%s, %s) "
            "ON CONFLICT (role) DO UPDATE SET display_name = EXCLUDED.display_name",
            (login, display_name.strip()),
        )
        done.append(
            f"{login}'s sign-offs and approvals are made by {display_name.strip()!r} unless --by says otherwise"
        )
    return done


def _as(rank: str | None) -> str:
    return f"a member of {GROUPS[rank]}" if rank else "in no pwiz group"
