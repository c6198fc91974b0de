"""Connecting to the shared register, and what the database's refusals say to a person.

Every psycopg error is turned into a StoreError of one line that says what happened and
what to do; a traceback never reaches an officer. A connection is opened in autocommit
mode: every change is made inside an explicit transaction (`connection.transaction()`),
so what was acknowledged is committed and what was not is rolled back whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from store.errors import ConflictError, FrozenError, LockedError, StoreError, unencodable

if TYPE_CHECKING:
    import psycopg

SCHEMES = ("postgresql://", "postgres://")
_SECRET = re.compile(r"(://[^:/@]*:)[^@]*@")
_SECRET_PARAMETER = re.compile(r"(?i)(password=)[^&\s]*")


def is_database_url(where: object) -> bool:
    """Whether a --db / PWIZ_DB value names a PostgreSQL database rather than a folder."""
    return isinstance(where, str) and where.strip().lower().startswith(SCHEMES)


def shown(url: str) -> str:
    """The URL as messages show it: without its password."""
    return _SECRET_PARAMETER.sub(r"\1***", _SECRET.sub(r"\1***@", url))


def connect(url: str) -> psycopg.Connection:
    """An open autocommit connection, or a StoreError saying why there is none."""
    import psycopg

    if any("\udc80" <= character <= "\udcff" for character in url):
        raise StoreError(
            f"the shared register's URL {shown(url)!r} (--db / PWIZ_DB) holds bytes that are not text: set it again"
        )
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=10, application_name="pwiz")
    except psycopg.OperationalError as exc:
        if exc.sqlstate is None:  # psycopg gives no code for a failed connection: say what libpq said
            raise StoreError(
                f"cannot connect to the shared register {shown(url)} ({_primary(exc)}): check that the server is "
                "running and reachable, that the database and your login exist, and that --db / PWIZ_DB names it"
            ) from None
        raise _translated(exc, url) from None
    except psycopg.Error as exc:
        raise _translated(exc, url) from None


@contextmanager
def refusals(url: str) -> Iterator[None]:
    """Translate the database's errors inside the block into one-line StoreErrors."""
    import psycopg
    from psycopg import errors

    try:
        yield
    except StoreError:
        raise
    except errors.RaiseException as exc:  # a rule of store.postgres.schema, worded there
        raise StoreError(_primary(exc)) from None
    except psycopg.Error as exc:
        raise _translated(exc, url) from None
    except UnicodeEncodeError as exc:  # psycopg encodes the parameters before sending them
        raise unencodable(exc) from None


def _translated(exc: psycopg.Error, url: str) -> StoreError:
    import psycopg
    from psycopg import errors

    where = f"the shared register {shown(url)}"
    code = exc.sqlstate or ""
    if code == "PW002":  # the schema's own refusals (store.postgres.schema), worded there
        return FrozenError(_primary(exc))
    if code.startswith("PW"):
        return StoreError(_primary(exc))
    if isinstance(exc, errors.LockNotAvailable):
        return LockedError(
            f"another session has been changing this partnership in {where} for longer than pwiz waits "
            "(PWIZ_LOCK_TIMEOUT, 5 s by default); nothing was changed: try again in a moment"
        )
    if isinstance(exc, errors.InsufficientPrivilege):
        return StoreError(
            f"{where} refused this: your login may not do it ({_primary(exc)}); officers add and change, "
            "approvers also sign off and approve, readers only read: ask your register's admin for the role you need"
        )
    if isinstance(exc, errors.UniqueViolation):
        return ConflictError(
            f"someone else recorded the same thing at the same moment ({_primary(exc)}); nothing was changed: "
            "reload and try again"
        )
    if isinstance(exc, errors.UndefinedTable | errors.InvalidSchemaName):
        return StoreError(f"{where} has no pwiz tables yet: ask IT to run 'pwiz db init URL' on it first")
    if isinstance(exc, errors.InvalidPassword | errors.InvalidAuthorizationSpecification):
        return StoreError(f"{where} did not accept your login ({_primary(exc)}): check the user name and password")
    if isinstance(
        exc, errors.UntranslatableCharacter | errors.CharacterNotInRepertoire | errors.InvalidTextRepresentation
    ):
        return StoreError(
            f"{where} cannot keep this text ({_primary(exc)}): remove the NUL character, or the broken one that is not "
            "Unicode (pasted from a damaged file), and try again"
        )
    if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError):
        return StoreError(
            f"lost the connection to {where} ({_primary(exc)}); nothing unacknowledged was saved: check that the "
            "server is running and reachable, then run the command again"
        )
    return StoreError(f"{where} refused this ({type(exc).__name__}: {_primary(exc)})")


def _primary(exc: psycopg.Error) -> str:
    """The database's own message, one line."""
    message = exc.diag.message_primary if exc.diag is not None and exc.diag.message_primary else str(exc)
    return " ".join(message.split())
