"""Which register a --db / PWIZ_DB value names: a folder (the embedded default) or a
PostgreSQL database (the shared register), opened by the one class that keeps it."""

from __future__ import annotations

from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

from store.postgres.connection import is_database_url, shown

if TYPE_CHECKING:
    from store.register import Register


def open_register(where: str | PathLike[str] | None) -> Register:
    """The register at `where`: a postgresql:// URL, a folder's path, or None for the user's default folder."""
    url = database_url(where)
    if url is not None:
        from store.postgres.register import PgRegister

        return PgRegister(url)
    from store.register import Register

    return Register.open(Path(where) if where else None)


def local_folder(url: str) -> Path:
    """The user's own folder for a shared register (where each assessment was left, caches):
    one per database, named by a digest of its URL without the password."""
    import hashlib

    import platformdirs

    digest = hashlib.sha256(shown(url).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return platformdirs.user_state_path("pwiz") / "shared" / digest


def shared(where: str | PathLike[str] | None) -> bool:
    """Whether `where` names the shared register on PostgreSQL."""
    return is_database_url(where)


def database_url(where: str | PathLike[str] | None) -> str | None:
    """The shared register's URL when `where` names one (as typed or set in PWIZ_DB, spaces
    around it dropped), else None: a folder."""
    return str(where).strip() if is_database_url(where) else None
