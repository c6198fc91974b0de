"""Loaded at interpreter start-up (PYTHONPATH) by tests/platform: pwiz runs with the
POSIX-only parts a Windows Python lacks taken away, as far as a Linux machine allows.

- signal.SIGHUP, SIGQUIT, SIGKILL, SIGUSR1/2 and SIGALRM are absent;
- the event loop cannot install signal handlers (NotImplementedError, as
  Windows' Proactor loop says);
- `fcntl` cannot be imported (filelock then uses its portable lock);
- `os.link` is absent (no hard links: backups are copies);
- a folder cannot be opened as a file (PermissionError, as on Windows), so it
  cannot be fsynced.

Left as they are: paths and os.name (a POSIX Python's path rules cannot be
swapped at run time), and the terminal driver's own signals (Textual uses its
Windows driver there). The environment variable PWIZ_SIMULATED_PLATFORM says
the shim is active, so a test can check it ran.
"""

import asyncio.unix_events
import os
import signal
import stat
import sys

for _name in ("SIGHUP", "SIGQUIT", "SIGKILL", "SIGUSR1", "SIGUSR2", "SIGALRM"):
    if hasattr(signal, _name):
        delattr(signal, _name)


def _no_signal_handlers(self, sig, callback, *args):
    raise NotImplementedError("this event loop cannot install signal handlers (as on Windows)")


asyncio.unix_events._UnixSelectorEventLoop.add_signal_handler = _no_signal_handlers

sys.modules["fcntl"] = None  # `import fcntl` raises ImportError

if hasattr(os, "link"):
    del os.link

_open = os.open


def _open_no_folders(path, flags, mode=0o777, *, dir_fd=None):
    try:
        folder = stat.S_ISDIR(os.stat(path, dir_fd=dir_fd).st_mode)
    except OSError:
        folder = False
    if folder:
        raise PermissionError(13, "Permission denied", str(path))
    return _open(path, flags, mode, dir_fd=dir_fd)


os.open = _open_no_folders
os.environ["PWIZ_SIMULATED_PLATFORM"] = "without-posix"
