"""Is a folder on a network file system?

A folder register keeps its promises with file locks and atomic renames, and
neither is to be trusted on an NFS or SMB share (TinyDB's maintainers say it
does not support several processes at all): two officers saving at once can
lose one's work. The wizard asks this of the register's folder to say so.
Read from the mount table (psutil, on every platform), never guessed from a
path, and never an error: a question that cannot be answered is "not known".
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

# The file-system types that reach a server, as mount tables name them: systemd's list
# (fstype_is_network() in src/basic/mountpoint-util.c: a "fuse." prefix is dropped first, so
# "fuse.sshfs" counts as sshfs), with 9p (a host's folder in a virtual machine or WSL) and
# davfs (WebDAV) from Linux, and macOS's afpfs and webdav (its nfs and smbfs are above).
NETWORK_FS_TYPES = frozenset(
    {
        "afs",
        "ceph",
        "cifs",
        "smb3",
        "smbfs",
        "sshfs",
        "ncpfs",
        "ncp",
        "nfs",
        "nfs4",
        "gfs",
        "gfs2",
        "glusterfs",
        "pvfs2",
        "ocfs2",
        "lustre",
        "9p",
        "davfs",
        "afpfs",
        "webdav",
    }
)


class Mount(Protocol):
    """One line of the mount table, as psutil.disk_partitions gives it."""

    @property
    def mountpoint(self) -> str: ...
    @property
    def fstype(self) -> str: ...
    @property
    def opts(self) -> str: ...


def network_file_system(path: Path, partitions: Iterable[Mount] | None = None) -> str | None:
    """The type of the network file system `path` is on ("nfs4", "cifs", "NTFS network drive",
    "network share" for a Windows UNC path), or None when it is local or cannot be told.

    A folder not made yet is on its nearest existing parent's file system. `partitions` is the
    mount table (default: psutil's, imported here, as it costs ~20 ms).
    """
    try:
        if _is_unc(str(path)):
            return "network share"
        where = nearest_existing(path).resolve()
        if _is_unc(str(where)):  # a mapped drive resolves to its share on Windows
            return "network share"
        if partitions is None:
            import psutil

            partitions = psutil.disk_partitions(all=True)
        mount = mount_of(where, partitions)
    except Exception:  # OSError, psutil.Error, a path the OS refuses: a warning is not worth a failed command
        return None
    return None if mount is None else _network_type(mount)


def mount_of(path: Path, partitions: Iterable[Mount]) -> Mount | None:
    """The mount `path` (absolute, resolved) lies on: the longest mount point that contains it;
    of two at the same point, the later one, which hides the earlier (autofs, then the share)."""
    found: Mount | None = None
    for mount in partitions:
        point = Path(mount.mountpoint)
        if (path == point or point in path.parents) and (
            found is None or len(point.parts) >= len(Path(found.mountpoint).parts)
        ):
            found = mount
    return found


def nearest_existing(path: Path) -> Path:
    """`path` made absolute, or its nearest parent that exists (a register is made on first write)."""
    where = Path(path).expanduser().absolute()
    while not where.exists() and where.parent != where:
        where = where.parent
    return where


def device_of(path: Path) -> int | None:
    """The device number of the file system `path` (or its nearest existing parent) is on: it
    changes when another file system is mounted there, so a verdict kept with it stays true."""
    try:
        return os.stat(nearest_existing(path)).st_dev
    except (OSError, ValueError):
        return None


def _network_type(mount: Mount) -> str | None:
    fstype = mount.fstype or ""
    if fstype.lower().removeprefix("fuse.") in NETWORK_FS_TYPES:
        return fstype
    if "remote" in mount.opts.split(","):  # psutil on Windows: a drive of type DRIVE_REMOTE
        return f"{fstype} network drive" if fstype else "network drive"
    return None


def _is_unc(text: str) -> bool:
    r"""`\\server\share\…` or `\\?\UNC\server\share\…`, but not `\\?\C:\…` (a long local path)."""
    if text.upper().startswith("\\\\?\\UNC\\"):
        return True
    return text.startswith("\\\\") and not text.startswith(("\\\\?\\", "\\\\.\\"))
