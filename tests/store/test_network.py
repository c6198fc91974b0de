"""Telling a network file system from a local one (store/network.py).

No NFS or SMB share can be mounted here, so the matching of a folder to its mount is checked
with real folders and a mount table given as data (the `partitions` parameter, psutil's
list by default); this machine's own table is checked as it is."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import NamedTuple

from store.network import device_of, network_file_system


class Mount(NamedTuple):
    mountpoint: str
    fstype: str
    opts: str = "rw"


def test_this_machines_temporary_folder_is_local(tmp_path: Path):
    assert network_file_system(Path(tempfile.gettempdir())) is None
    assert network_file_system(tmp_path) is None
    assert network_file_system(tmp_path / "register" / "not-made-yet") is None


def test_a_folder_on_a_share_is_on_the_shares_file_system(tmp_path: Path):
    root = tmp_path.resolve()
    (root / "share" / "register").mkdir(parents=True)
    (root / "share" / "local-disk").mkdir()
    (root / "shared-look-alike").mkdir()
    table = [
        Mount("/", "ext4"),
        Mount(str(root / "share"), "nfs4"),
        Mount(str(root / "share" / "local-disk"), "ext4"),
    ]
    assert network_file_system(root / "share" / "register", table) == "nfs4"
    assert network_file_system(root / "share", table) == "nfs4"
    assert network_file_system(root / "share" / "register" / "not-made-yet", table) == "nfs4"
    assert network_file_system(root / "share" / "local-disk", table) is None  # a disk mounted inside the share
    assert network_file_system(root / "shared-look-alike", table) is None  # a name that starts the same is not inside
    assert network_file_system(root, table) is None


def test_a_symbolic_link_to_a_share_is_on_the_share(tmp_path: Path):
    root = tmp_path.resolve()
    (root / "share").mkdir()
    (root / "home").mkdir()
    (root / "home" / "register").symlink_to(root / "share")
    assert network_file_system(root / "home" / "register", [Mount("/", "ext4"), Mount(str(root / "share"), "cifs")])


def test_every_kind_of_share_is_named_by_its_type(tmp_path: Path):
    root = tmp_path.resolve()
    kinds = {
        "cifs": "cifs",
        "smb3": "smb3",
        "smbfs": "smbfs",  # macOS
        "afpfs": "afpfs",  # macOS
        "nine": "9p",
        "ssh": "fuse.sshfs",
        "dav": "davfs",
    }
    for folder in kinds:
        (root / folder).mkdir()
    table = [Mount("/", "ext4"), *(Mount(str(root / folder), kind) for folder, kind in kinds.items())]
    assert {folder: network_file_system(root / folder, table) for folder in kinds} == kinds


def test_a_windows_network_drive_and_a_unc_path_are_network(tmp_path: Path):
    root = tmp_path.resolve()
    (root / "Z").mkdir()
    (root / "C").mkdir()
    table = [Mount(str(root / "C"), "NTFS", "rw,fixed"), Mount(str(root / "Z"), "NTFS", "rw,remote")]
    assert network_file_system(root / "Z", table) == "NTFS network drive"
    assert network_file_system(root / "C", table) is None
    assert network_file_system(Path(r"\\fileserver\governance\register")) == "network share"
    assert network_file_system(Path(r"\\?\UNC\fileserver\governance\register")) == "network share"
    assert network_file_system(Path(r"\\?\C:\long\local\path")) is None


def test_the_later_of_two_mounts_at_one_point_is_the_one_seen(tmp_path: Path):
    """An automounted share: autofs first, then the share mounted over it."""
    root = tmp_path.resolve()
    (root / "net").mkdir()
    table = [Mount("/", "ext4"), Mount(str(root / "net"), "autofs"), Mount(str(root / "net"), "nfs")]
    assert network_file_system(root / "net", table) == "nfs"


def test_a_question_that_cannot_be_answered_is_none_never_an_error(tmp_path: Path):
    def unreadable_table():
        raise PermissionError("mount table")
        yield

    assert network_file_system(tmp_path, unreadable_table()) is None
    assert network_file_system(tmp_path, []) is None  # no mount at all contains it


def test_a_folder_not_made_yet_has_its_parents_device(tmp_path: Path):
    assert device_of(tmp_path / "register" / "later") == device_of(tmp_path) is not None
