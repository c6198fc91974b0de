"""Driving `pwiz assess --plain` (the line mode) in a real pseudo-terminal, as an officer types."""

from __future__ import annotations

import os
import sys

import pexpect


def spawn_plain(db_path, tmp_path, pid, questionnaire="key-principles", dimensions=(40, 160), options=(), after=()):
    """`pwiz OPTIONS assess PID QUESTIONNAIRE --plain AFTER` on the scratch register."""
    env = dict(
        os.environ,
        PWIZ_DB=str(db_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        TERM="xterm",
        LANG="C.UTF-8",
        PROMPT_TOOLKIT_NO_CPR="1",
    )  # pexpect answers no cursor position request
    return pexpect.spawn(
        sys.executable,
        ["-m", "wizard", *options, "assess", pid, questionnaire, "--plain", *after],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=dimensions,
    )
