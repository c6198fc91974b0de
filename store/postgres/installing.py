"""`pwiz db init`: installing the shared register's schema and group roles (store.postgres.schema),
saying what was done, and refusing in one line a login that lacks the rights to do it."""

from __future__ import annotations

from store.errors import StoreError
from store.postgres.connection import connect, refusals, shown
from store.postgres.schema import GROUPS, VERSION, install

_RIGHTS = """
SELECT session_user, current_database(),
       (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = session_user),
       has_database_privilege(current_database(), 'CREATE'),
       (SELECT pg_has_role(session_user, nspowner, 'MEMBER') FROM pg_namespace WHERE nspname = 'pwiz'),
       EXISTS (SELECT FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = 'pwiz' AND c.relname = 'meta'),
       ARRAY(SELECT rolname FROM pg_roles WHERE rolname = ANY(%s))
"""


def init(url: str) -> list[str]:
    """Install (or bring up to date) the register at `url`; what was done, one line each."""
    with connect(url) as connection, refusals(url):
        rights = connection.execute(_RIGHTS, (list(GROUPS.values()),)).fetchone()
        assert rights is not None  # a SELECT without FROM returns one row
        login, database, creates_roles, creates_schemas, owns, installed, existing = rights
        missing = [group for group in GROUPS.values() if group not in existing]
        _refuse_without_rights(url, login, database, missing, creates_roles, creates_schemas, owns)
        version = None
        if installed:
            row = connection.execute("SELECT value FROM pwiz.meta WHERE key = 'schema_version'").fetchone()
            version = row[0] if row else "?"
    install(url)
    roles = f"created the group roles {', '.join(missing)}" if missing else "its group roles were already there"
    if version is None:
        return [
            f"Installed the pwiz register (schema version {VERSION}) in {shown(url)}; {roles}.",
            "Next, for each person: pwiz --db URL db grant LOGIN --as admin|approver|officer|reader --name 'Their Name'",
        ]
    return [
        f"The pwiz register in {shown(url)} was already installed (schema version {version}): brought it up to "
        f"date (version {VERSION}), nothing lost; {roles}."
    ]


def _refuse_without_rights(
    url: str,
    login: str,
    database: str,
    missing: list[str],
    creates_roles: bool,
    creates_schemas: bool,
    owns: bool | None,
) -> None:
    """One line naming every right the login lacks, before anything is changed."""
    lacks = [
        what
        for what, lacking in (
            (f"CREATEROLE (to create the group roles {', '.join(missing)})", missing and not creates_roles),
            (f"CREATE on the database {database}", not creates_schemas),
            ("ownership of the pwiz schema already there", owns is False),
        )
        if lacking
    ]
    if lacks:
        raise StoreError(
            f"your login {login} may not install pwiz in {shown(url)}: it lacks {' and '.join(lacks)}; nothing was "
            "changed: run 'pwiz db init' as the database's owner with CREATEROLE, or as a superuser"
        )
