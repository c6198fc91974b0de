"""The real `pwiz` in a pseudo-terminal (pexpect), its screen rendered by pyte.

An officer adds a partnership, answers the key principles with keystrokes,
quits midway, comes back, is stopped by SIGTERM while typing a note, comes
back again, finishes and signs off. The register then holds exactly the
answers given, and every exit left the terminal restored (out of the
alternate screen, mouse reporting off).
"""

from __future__ import annotations

import os
import re
import signal
import sys
import time
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")
pyte = pytest.importorskip("pyte")

from questionnaires.library import load_library  # noqa: E402
from store import Register  # noqa: E402

pytestmark = pytest.mark.terminal

COLUMNS, ROWS = 100, 30
KEYS = {"enter": "\r", "tab": "\t", "down": "\x1b[B", "f2": "\x1bOQ", "ctrl+q": "\x11", "ctrl+s": "\x13"}
ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN = b"\x1b[?1049h", b"\x1b[?1049l"
MOUSE_ON, MOUSE_OFF = b"\x1b[?1000h", b"\x1b[?1000l"
NOTE_BOX = r"note: Enter saves"  # the empty note box's placeholder


class Terminal:
    """One `pwiz` run in a pty, with the screen as a user would see it."""

    def __init__(self, env: dict[str, str], *args: str):
        self.screen = pyte.Screen(COLUMNS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "wizard", *args],
            env=env,
            dimensions=(ROWS, COLUMNS),
            timeout=5,
        )
        self.child.delaybeforesend = None  # no fixed pause before each key: the test waits on the screen

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def pump(self, wait: float = 0.05) -> None:
        try:
            data = self.child.read_nonblocking(65536, timeout=wait)
        except pexpect.TIMEOUT:
            return
        except pexpect.EOF:
            return
        self.raw += data
        self.stream.feed(data)

    def wait_for(self, pattern: str, timeout: float = 60.0) -> None:
        """Until the screen shows `pattern` (a regular expression)."""
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.text()):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {pattern!r}; the screen shows:\n{self.text()}")
            if not self.child.isalive():
                self.pump(0)
                if not re.search(pattern, self.text()):
                    raise AssertionError(f"pwiz exited while waiting for {pattern!r}:\n{self.text()}")
            self.pump()

    def wait_for_cursor(self, pattern: str, timeout: float = 60.0) -> None:
        """Until the text cursor shows at the start of the box on the line matching `pattern`.

        Keys typed straight after a focus change can still reach the widget that
        had focus (Textual routes queued keys before the focus moves), so a test
        that tabs into a box waits for its cursor, as a person would look for it.
        """
        deadline = time.monotonic() + timeout
        while True:
            for row, line in enumerate(self.screen.display):
                match = re.search(pattern, line)
                if match:
                    cells = self.screen.buffer[row]
                    first, second = cells[match.start()], cells[match.start() + 1]
                    if (first.bg, first.fg, first.reverse) != (second.bg, second.fg, second.reverse):
                        return
            if time.monotonic() > deadline:
                raise AssertionError(f"no cursor at {pattern!r}; the screen shows:\n{self.text()}")
            self.pump()

    def press(self, *keys: str) -> None:
        for key in keys:
            self.child.send(KEYS.get(key, key))
            self.pump(0.02)

    def type(self, text: str) -> None:
        self.child.send(text)
        self.pump(0.02)

    def wait_exit(self, timeout: float = 60.0) -> int | None:
        deadline = time.monotonic() + timeout
        while self.child.isalive():
            if time.monotonic() > deadline:
                self.child.kill(signal.SIGKILL)
                raise AssertionError(f"pwiz did not exit; the screen shows:\n{self.text()}")
            self.pump(0.1)
        while True:  # the last of the output
            try:
                data = self.child.read_nonblocking(65536, timeout=0.2)
            except (pexpect.EOF, pexpect.TIMEOUT):
                break
            self.raw += data
        self.child.close()
        return self.child.exitstatus

    def assert_restored(self) -> None:
        """The terminal is back out of the alternate screen, with mouse reporting off."""
        raw = bytes(self.raw)
        assert ENTER_ALT_SCREEN in raw, "pwiz never started"
        assert raw.rfind(LEAVE_ALT_SCREEN) > raw.rfind(ENTER_ALT_SCREEN), "still in the alternate screen"
        assert raw.rfind(MOUSE_OFF) > raw.rfind(MOUSE_ON), "mouse reporting left on"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return terminal_env(tmp_path)


def terminal_env(tmp_path: Path) -> dict[str, str]:
    """`pwiz` in a pty on a scratch register, with the user's folders kept apart."""
    environment = dict(os.environ)
    environment.update(
        PWIZ_DB=str(tmp_path / "register"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        TERM="xterm-256color",
        PYTHONIOENCODING="utf-8",
    )
    environment.pop("TEXTUAL_ALLOW_SIGNALS", None)
    return environment


def first_words(text: str, count: int = 4) -> str:
    return re.escape(" ".join(text.split()[:count]))


@pytest.mark.timeout(180)
def test_answer_quit_resume_sigterm_finish_and_sign_off(env, tmp_path):
    questions = load_library(include_user_dir=False).get("key-principles").questions()
    ids = [q.id for q in questions]
    texts = {q.id: first_words(q.text) for q in questions}
    expected: dict[str, dict] = {}

    def answer(term: Terminal, index: int, digit: str, value: str, note: str | None = None) -> None:
        term.wait_for(texts[ids[index]])
        term.press(digit)
        if note is None:
            term.press("enter")
        else:
            term.press("tab")
            term.wait_for_cursor(NOTE_BOX)
            term.type(note)
            term.press("enter")
        expected[ids[index]] = {"value": value, "note": note}
        if index + 1 < len(ids):
            term.wait_for(texts[ids[index + 1]])
            term.wait_for(rf"\b{len(expected)} of 23 answered")

    def open_key_principles(term: Terminal) -> None:
        term.wait_for(r"Youth Justice Board")
        term.press("enter")  # the only partnership
        term.wait_for(r"Questionnaire\s+Need")
        term.press("down", "down", "enter")  # scope, significance, then key principles
        term.wait_for(r"of 23 answered")

    # 1. an empty register: add a partnership, go to its questionnaires
    term = Terminal(env)
    term.wait_for("Welcome to pwiz")
    term.press("n")
    term.wait_for(r"Accountable body")  # the dialog itself (the welcome's button also says "Add a partnership")
    term.type("Youth Justice Board")
    term.press("enter")
    term.wait_for(r"Questionnaire\s+Need")  # it opens on its questionnaires, scope first
    term.press("down", "down", "enter")
    term.wait_for(r"0 of 23 answered")

    # 2. answer the first four with keystrokes, then quit midway
    answer(term, 0, "1", "yes")
    answer(term, 1, "2", "no")
    answer(term, 2, "3", "unclear")
    answer(term, 3, "1", "yes", note="Agreed in the terms of reference")
    term.press("ctrl+q")
    assert term.wait_exit() == 0
    term.assert_restored()

    # 3. come back: it opens where the officer left off (the question shown on quitting); SIGTERM while typing a note
    term = Terminal(env)
    open_key_principles(term)
    term.wait_for(texts[ids[4]])
    answer(term, 4, "1", "yes")
    term.wait_for(texts[ids[5]])
    term.press("2", "tab")
    term.wait_for_cursor(NOTE_BOX)
    term.type("Funding not yet agreed")  # typed, not yet saved by Enter
    term.wait_for("Funding not yet agreed")
    term.child.kill(signal.SIGTERM)
    expected[ids[5]] = {"value": "no", "note": "Funding not yet agreed"}
    assert term.wait_exit() == 128 + signal.SIGTERM
    term.assert_restored()

    # 4. come back again: it opens on the question being typed, its note kept; finish, sign off
    term = Terminal(env)
    open_key_principles(term)
    term.wait_for(r"\b6 of 23 answered")
    term.wait_for(texts[ids[5]])
    term.wait_for("Funding not yet agreed")
    term.press("enter")  # keeps the answer given, on to the next
    for index in range(6, len(ids)):
        answer(
            term,
            index,
            "2" if ids[index] == "kp-equality-conflict" else "1",
            "no" if ids[index] == "kp-equality-conflict" else "yes",
        )
    term.wait_for("Nothing required is missing")  # the summary opens after the last question
    term.press("s")
    term.wait_for("Approver")
    term.type("S. Clarke")
    term.press("ctrl+s")
    term.wait_for("Check before freezing")
    term.press("enter")
    term.wait_for("Digest")
    term.press("enter")
    term.wait_for("Signed off")
    term.press("ctrl+q")
    assert term.wait_exit() == 0
    term.assert_restored()

    # the register holds exactly those answers, signed off
    register = Register.open(Path(env["PWIZ_DB"]))
    [partnership] = register.list_partnerships()
    [assessment] = register.list_assessments(partnership["id"])
    assert assessment["questionnaire_id"] == "key-principles"
    assert assessment["status"] == "signed-off"
    stored = {qid: {"value": a["value"], "note": a["note"]} for qid, a in assessment["answers"].items()}
    assert stored == expected
    [signoff] = register.list_signoffs(partnership["id"])
    assert signoff["by"] == "S. Clarke" and signoff["decision"] == "approved" and len(signoff["digest"]) == 64


@pytest.mark.timeout(120)
@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGINT], ids=["SIGHUP", "SIGINT"])
def test_hangup_and_interrupt_save_and_restore(env, signum):
    """`pwiz assess P Q` opens the TUI on that assessment; a signal mid-note loses nothing."""
    register = Register.open(Path(env["PWIZ_DB"]))
    pid = register.add_partnership("Youth Justice Board")["id"]
    term = Terminal(env, "assess", pid, "key-principles")
    term.wait_for(r"0 of 23 answered")
    term.press("3", "tab")
    term.wait_for_cursor(NOTE_BOX)
    term.type("Ask the chair <&> before Friday")
    term.wait_for("before Friday")
    term.child.kill(signum)
    assert term.wait_exit() == 128 + signum
    term.assert_restored()
    [assessment] = register.list_assessments(pid)
    saved = assessment["answers"]["kp-alternatives"]
    assert (saved["value"], saved["note"]) == ("unclear", "Ask the chair <&> before Friday")
