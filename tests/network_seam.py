"""Making this machine's disk count as a network file system, for tests of the warning.

No share can be mounted here. Rather than a setting pwiz would read (a knob users would
find and could set wrongly), a test widens `store.network.NETWORK_FS_TYPES` by the type of
the disk its temporary folder is on: in its own process (monkeypatch), or in a `pwiz`
subprocess through a `sitecustomize` module on PYTHONPATH, which Python runs at start-up.
The mount table is still this machine's, read by psutil as in use.
"""

from __future__ import annotations

import os
from pathlib import Path

import psutil

from store.network import mount_of


def local_fs_type(path: Path) -> str:
    """The type of the file system `path` is on, as this machine's mount table names it."""
    mount = mount_of(path.resolve(), psutil.disk_partitions(all=True))
    assert mount is not None, f"no mount holds {path}"
    return mount.fstype


def network_env(path: Path, folder: Path) -> dict[str, str]:
    """Environment for a `pwiz` subprocess in which `path`'s file system counts as a network one
    (the start-up module is written into `folder`)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(
        "import store.network\n"
        f"store.network.NETWORK_FS_TYPES = store.network.NETWORK_FS_TYPES | {{{local_fs_type(path)!r}}}\n",
        encoding="utf-8",
    )
    return {"PYTHONPATH": os.pathsep.join(filter(None, [str(folder), os.environ.get("PYTHONPATH")]))}
