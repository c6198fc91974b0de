"""A throw-away PostgreSQL server for the tests: a real one, started from the installed binaries.

The cluster lives in a fresh folder (in /dev/shm when it has room, else the temporary folder)
and listens only on a unix socket in that folder,
so clusters of parallel test workers never meet each other or a server the machine already runs.
Authentication is `trust`: tests connect as different login roles to check the database's own
GRANTs, not passwords.

`initdb` refuses to run as root, so as root the server runs as the unprivileged `postgres` user
(created by Debian's package; one is created if missing), which owns the cluster folder.

Speed settings (`fsync=off`, `full_page_writes=off`) only matter when the operating system
itself crashes: a server stopped with `stop("immediate")` (a crash of the server's processes)
still finds every acknowledged commit in the WAL the kernel holds, because `synchronous_commit`
stays on. So the tests that stop the server mid-command can use this cluster as it is.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import psycopg
from psycopg import sql

_PREFIX = "pwiz-pg-"  # the cluster folders' names, in the temporary folder
_SHARED_MEMORY = Path("/dev/shm")
_SHARED_MEMORY_NEEDED = 1 << 30  # a cluster with a few live test databases needs ~150 MB; room for several workers
SUPERUSER = "postgres"
PORT = 5432  # names the socket file only: no TCP port is opened
_UNPRIVILEGED_USER = "postgres"  # Debian's package creates it
_FALLBACK_USER = "pwiz-postgres"  # created with useradd when no `postgres` user exists

_SETTINGS = {
    "listen_addresses": "''",
    "port": str(PORT),
    "fsync": "off",
    "full_page_writes": "off",
    "max_connections": "60",
    "shared_buffers": "32MB",
    "min_wal_size": "32MB",  # the WAL kept between checkpoints: in memory when the cluster is
    "max_wal_size": "128MB",
    "log_min_messages": "warning",
    "log_min_error_statement": "panic",  # refusals the tests provoke on purpose stay out of the log
}


class PostgresNotInstalled(RuntimeError):
    """No PostgreSQL server binaries (initdb, pg_ctl) on this machine."""


def find_bindir() -> Path:
    """The folder holding initdb and pg_ctl: `pg_config --bindir`, Debian's versioned folders
    (newest first; Debian does not put them on PATH), then PATH."""
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        result = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False)
        if result.returncode == 0 and result.stdout.strip():
            candidates.append(Path(result.stdout.strip()))
    debian = glob.glob("/usr/lib/postgresql/*/bin")
    candidates += [Path(p) for p in sorted(debian, key=lambda p: _version(Path(p).parent.name), reverse=True)]
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    looked = ", ".join(str(c) for c in candidates) or "pg_config, /usr/lib/postgresql/*/bin and PATH"
    raise PostgresNotInstalled(f"no initdb and pg_ctl found (looked in {looked})")


def _version(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split(".") if part.isdigit())


class PostgresCluster:
    """One throw-away cluster: `start()`, connect with `url()`, `cleanup()` when done."""

    def __init__(
        self, bindir: Path | None = None, *, parent: Path | None = None, settings: dict[str, str] | None = None
    ) -> None:
        """`parent`: where the cluster's folder is made (default: in memory when there is room);
        `settings`: postgresql.conf settings over the tests' (benchmarks/shared_bench.py turns
        durability back on, on disk, to measure what an officer's server would do)."""
        self.bindir = bindir or find_bindir()
        self.runs_as = _server_user() if os.geteuid() == 0 else None
        self.settings = {**_SETTINGS, **(settings or {})}
        parent = parent or _parent_folder()
        self._stop_abandoned(parent)
        self.folder = Path(tempfile.mkdtemp(prefix=_PREFIX, dir=parent))
        (self.folder / "owner.pid").write_text(str(os.getpid()), encoding="ascii")
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self._owner_pid = os.getpid()
        self._running = False
        self._server_version = 0
        self.folder.chmod(0o755)
        if self.runs_as:
            _check_reachable(self.folder, self.runs_as.pw_name)
            os.chown(self.folder, self.runs_as.pw_uid, self.runs_as.pw_gid)
        self._initdb()
        atexit.register(self._at_exit)

    # -- the server ---------------------------------------------------------------------------

    def _initdb(self) -> None:
        locale = "C.UTF-8" if sys.platform == "linux" else "C"
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "-A",
            "trust",
            "-E",
            "UTF8",
            f"--locale={locale}",
            "--no-sync",
        )
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write("\n# pwiz tests: a throw-away cluster on a unix socket only\n")
            conf.write(f"unix_socket_directories = '{self.folder}'\n")
            conf.writelines(f"{name} = {value}\n" for name, value in self.settings.items())

    def start(self) -> None:
        self._run("pg_ctl", "start", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "-s")
        self._running = True
        with psycopg.connect(self.url()) as connection:
            self._server_version = connection.info.server_version

    def stop(self, mode: str = "fast") -> None:
        """Stop the server: `fast` (clean shutdown) or `immediate` (as if its processes died)."""
        if mode not in ("fast", "immediate"):
            raise ValueError(f"stop mode must be 'fast' or 'immediate', not {mode!r}")
        self._run("pg_ctl", "stop", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "-s")
        self._running = False

    def restart(self, mode: str = "fast") -> None:
        self.stop(mode)
        self.start()

    @property
    def running(self) -> bool:
        return self._running

    def cleanup(self) -> None:
        """Stop the server if it runs, and remove the cluster's folder (also when a test killed
        the server some other way: the folder must go whatever pg_ctl says)."""
        if self._running:
            self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "immediate", "-w", "-s", check=False)
            self._running = False
        shutil.rmtree(self.folder, ignore_errors=True)

    def _at_exit(self) -> None:
        # A forked child that exits normally runs the parent's atexit handlers: only the
        # process that started the cluster may stop it.
        if os.getpid() == self._owner_pid:
            self.cleanup()

    def _stop_abandoned(self, parent: Path) -> None:
        """Stop and remove the clusters of earlier test runs that were killed outright (no
        finalizer, no atexit ran), so their servers do not pile up on a developer's machine."""
        mine = self.runs_as.pw_uid if self.runs_as else os.geteuid()
        for owner in parent.glob(f"{_PREFIX}*/owner.pid"):
            folder = owner.parent
            pid = owner.read_text(encoding="ascii")
            if not pid.isdigit() or _alive(int(pid)) or folder.stat().st_uid != mine:
                continue  # being written, still in use, or another user's
            if (folder / "data" / "postmaster.pid").exists():
                self._run(
                    "pg_ctl", "stop", "-D", str(folder / "data"), "-m", "immediate", "-s", cwd=folder, check=False
                )
            shutil.rmtree(folder, ignore_errors=True)

    def _run(self, program: str, *args: str, cwd: Path | None = None, check: bool = True) -> None:
        user = self.runs_as
        result = subprocess.run(
            [str(self.bindir / program), *args],
            capture_output=True,
            text=True,
            cwd=cwd or self.folder,  # the server user may not be able to enter the caller's folder
            env={k: v for k, v in os.environ.items() if not k.startswith("PG")} | {"LC_ALL": "C"},
            user=user.pw_uid if user else None,
            group=user.pw_gid if user else None,
            extra_groups=[] if user else None,
            check=False,
        )
        if check and result.returncode != 0:
            log = self.log.read_text(encoding="utf-8", errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{program} {' '.join(args)} failed:\n{result.stdout}{result.stderr}{log}")

    # -- connecting, databases and roles ------------------------------------------------------

    def url(self, dbname: str = "postgres", user: str = SUPERUSER) -> str:
        """A postgresql:// URL for psycopg (and PWIZ_DB) reaching the cluster's socket."""
        return f"postgresql://{quote(user, safe='')}@/{quote(dbname, safe='')}?host={quote(str(self.folder), safe='')}&port={PORT}"

    def create_database(self, name: str | None = None, template: str | None = None) -> str:
        """A new database (a copy of `template` if given), as a URL for the superuser.

        A template must have no open connection (PostgreSQL refuses to copy one in use)."""
        name = name or f"test_{uuid.uuid4().hex[:12]}"
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
            if self._server_version >= 150000:  # older servers only copy files
                # Copying the files is quicker than writing every page through the WAL (15's
                # default): 20 against 33 ms a database in memory on the development machine.
                statement += sql.SQL(" STRATEGY FILE_COPY")
        self._admin(statement)
        return self.url(name)

    def make_template(self, name: str) -> None:
        """Mark a database as a template nobody can connect to, so copying it never meets a stray session."""
        self._admin(
            sql.SQL("ALTER DATABASE {} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false").format(sql.Identifier(name))
        )

    def drop_database(self, name: str) -> None:
        """Drop a database, ending any connection a test left open to it."""
        self._admin(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def create_login(self, name: str, member_of: list[str]) -> str:
        """A login role (no password: the cluster trusts its socket) in these group roles.

        Roles belong to the cluster, not to one database; calling again with the same name
        only adds the memberships missing."""
        with psycopg.connect(self.url(), autocommit=True) as connection:
            exists = connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone()
            if not exists:
                connection.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(name)))
            for group in member_of:
                connection.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(name)))
        return name

    def _admin(self, statement: sql.Composed) -> None:
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(statement)


def with_user(url: str, user: str) -> str:
    """The same database's URL, connecting as another role."""
    parts = urlsplit(url)
    netloc = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{quote(user, safe='')}@{netloc}"))


def dbname_of(url: str) -> str:
    """The database a URL from `PostgresCluster.url` names."""
    return unquote(urlsplit(url).path.lstrip("/"))


def _server_user() -> pwd.struct_passwd:
    """The unprivileged user the server runs as when the tests run as root."""
    for name in (_UNPRIVILEGED_USER, _FALLBACK_USER):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", _FALLBACK_USER],
        check=True,
        capture_output=True,
    )
    return pwd.getpwnam(_FALLBACK_USER)


def _parent_folder() -> Path:
    """Where clusters are made: in memory (/dev/shm) when it has room, as a test database is
    copied several times faster there than on a virtual machine's disk; else the temporary folder."""
    if _SHARED_MEMORY.is_dir() and shutil.disk_usage(_SHARED_MEMORY).free >= _SHARED_MEMORY_NEEDED:
        return _SHARED_MEMORY
    return Path(tempfile.gettempdir())


def _check_reachable(folder: Path, user: str) -> None:
    """Every folder above the cluster must let other users through, or the server cannot reach it."""
    for parent in folder.parents:
        if not parent.stat().st_mode & 0o001:
            raise RuntimeError(
                f"{folder}: the {user} user cannot reach it ({parent} is closed to other users); "
                "set TMPDIR to a folder every user can enter, such as /tmp"
            )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        pass
    return True
