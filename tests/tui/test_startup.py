"""Start-up stays light: the home screen needs only Textual and the register's
index; the rest (service, engine, pydantic, the command modules) is imported
on first use. See BENCHMARKS.md, "The wizard (TUI)"."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from store import Register
from store.errors import StoreError
from wizard.cli.commands import cli
from wizard.cli.tui import LazyGovernance

from .conftest import CSP


def test_the_stand_in_lists_what_the_register_lists(governance, sample, register_path, library):
    lazy = LazyGovernance.open(register_path, lambda: library)
    assert lazy.root == Register.open(register_path).root
    assert lazy.partnerships() == governance.partnerships()
    assert lazy.partnership(sample[CSP])["name"] == CSP  # anything else: the real Governance
    assert lazy.partnerships() == governance.partnerships()  # and, once built, it lists too


def test_the_stand_in_opens_the_register_as_the_register_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from store import default_register_path

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    no_library = pytest.fail
    assert LazyGovernance.open(None, no_library).root == Register.open(None).root == default_register_path()
    (tmp_path / "a-file").write_text("")
    with pytest.raises(StoreError, match="is a file, but a register is a folder"):
        Register.open(tmp_path / "a-file")
    with pytest.raises(StoreError, match="is a file, but a register is a folder"):
        LazyGovernance.open(tmp_path / "a-file", no_library)


def test_opening_the_wizard_imports_neither_the_service_nor_pydantic(register_path, sample):
    code = (
        "import sys\n"
        "import wizard.cli\n"
        "from wizard.cli.context import AppContext\n"
        "from wizard.cli.tui import build_app\n"
        f"app = build_app(AppContext(db_path={str(register_path)!r}))\n"
        "app.governance.partnerships()\n"
        "import wizard.tui.screens.home\n"
        "heavy = ('pydantic', 'store.register', 'store.records', 'wizard.service', 'wizard.engine',\n"
        "         'questionnaires.library', 'wizard.cli.register', 'filelock', 'click', 'tinydb')\n"
        "print(sorted(name for name in heavy if name in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "[]"


def test_every_command_is_still_listed_and_found():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in (
        "assess",
        "questionnaires",
        "partnership",
        "signoff",
        "due",
        "verify",
        "restore",
        "export",
        "report",
        "risk",
    ):
        assert command in result.output
    assert CliRunner().invoke(cli, ["questionnaires", "--help"]).exit_code == 0


def test_the_wizard_module_loads_where_the_platform_has_no_sighup():
    """Windows has no signal.SIGHUP: reading it at import stopped the wizard before its first screen.
    A fresh interpreter without it imports the app and builds it (a subprocess: no reload here)."""
    import subprocess
    import sys

    script = (
        "import signal; del signal.SIGHUP\n"
        "import wizard.tui.app as app\n"
        "assert app.HANDLED_SIGNALS == (signal.SIGTERM, signal.SIGINT), app.HANDLED_SIGNALS\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr
