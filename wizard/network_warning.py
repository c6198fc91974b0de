"""Warn, once per register folder and user, that a folder register on a network share is unsafe.

The first thing people try when a register must be shared is a network drive, where file
locks and renames are not reliable (store/network.py): the warning says so and points to
PostgreSQL. Once is enough, so what was found is kept in the user's state folder (as the
wizard's positions are) with the device number the folder was on: every later start costs
a stat and a small file read, and the mount table (psutil, ~20 ms) is read again only when
a different file system appears there. A state folder that cannot be written means the
warning comes again; nothing else depends on it.
"""

from __future__ import annotations

from pathlib import Path

from store.network import device_of, network_file_system
from wizard import user_state

FILE = "file-systems.json"
WARNING = (
    "the register {path} is on a network file system ({kind}): file locks and renames are not reliable there, "
    "so two people saving at once can lose work; keep a shared register on PostgreSQL "
    '(see README, "Shared register")'
)


def network_warning(register_root: Path) -> str | None:
    """The warning to give now about the folder register at `register_root`: the first time it
    is seen on a network file system; None when it is local, or when this user has been told."""
    device = device_of(register_root)
    if device is None:
        return None
    known = user_state.mine(FILE, register_root)
    if known.get("device") == device:
        return None
    kind = network_file_system(register_root)
    user_state.keep(FILE, register_root, {"device": device, "network": kind})
    if kind is None or known.get("network"):
        return None
    return WARNING.format(path=register_root, kind=kind)
