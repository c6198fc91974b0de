"""Each command's module is imported only when that command runs, and `--help`
lists every command, with its own one-line help, without importing any."""

from __future__ import annotations

import subprocess
import sys
from importlib import import_module

import click
import pytest
from click.testing import CliRunner

from wizard.cli.commands import COMMANDS, PARTNERSHIP_COMMANDS, cli, partnership

MODULES = (
    "assess",
    "association",
    "database",
    "evidence",
    "history",
    "overview",
    "packs",
    "questionnaires",
    "register",
    "review",
    "risks",
)
TABLES = [("pwiz", COMMANDS), ("pwiz partnership", PARTNERSHIP_COMMANDS)]
ALWAYS = ("wizard.cli.commands", "wizard.cli.context", "wizard.cli.lazy")  # the group, its context and table


@pytest.mark.parametrize(
    ("name", "entry"), [(name, entry) for _, table in TABLES for name, entry in table.items()], ids=lambda v: str(v)
)
def test_each_listed_summary_is_the_commands_own_short_help(name: str, entry) -> None:
    command = entry.load()
    assert command.get_short_help_str(limit=10_000) == entry.summary
    assert not command.hidden


def test_the_tables_name_every_command_the_modules_define() -> None:
    """A command written in a module but left out of the tables could never run."""
    modules = [import_module(f"wizard.cli.{name}") for name in MODULES]
    commands = {
        f"{module.__name__}:{attribute}": value
        for module in modules
        for attribute, value in vars(module).items()
        if isinstance(value, click.Command)
    }
    inside_groups = {
        id(sub) for value in commands.values() if isinstance(value, click.Group) for sub in value.commands.values()
    }
    listed = {entry.target for _, table in TABLES for entry in table.values()}
    assert {target for target, value in commands.items() if id(value) not in inside_groups} == listed


def test_help_lists_what_the_commands_themselves_say() -> None:
    """The lazy listing is the listing click would print with every command imported."""
    for path, group, table in (("pwiz", cli, COMMANDS), ("pwiz partnership", partnership, PARTNERSHIP_COMMANDS)):
        args = path.split()[1:]
        lazy = CliRunner().invoke(cli, [*args, "--help"], terminal_width=100).output
        eager = click.Group(group.name, commands={**group.commands, **{n: e.load() for n, e in table.items()}})
        eager_listing = CliRunner().invoke(eager, ["--help"], terminal_width=100).output
        assert lazy.split("Commands:")[1] == eager_listing.split("Commands:")[1]


def test_help_and_the_index_commands_import_no_other_command_module(tmp_path) -> None:
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['pwiz', *sys.argv[1:]]\n"
        "try:\n"
        "    runpy.run_module('wizard', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('pydantic', 'yaml', 'reportlab', 'pyhanko', 'store.register', 'wizard.engine', 'textual')\n"
        "print(sorted(m for m in sys.modules if m.startswith('wizard.cli.') or m.split('.')[0] in heavy"
        " or m in heavy), file=sys.stderr)\n"
    )
    env = {"PWIZ_DB": str(tmp_path / "register"), "PATH": ""}
    for args, expected in (
        (["--help"], [*ALWAYS]),
        (["partnership", "--help"], [*ALWAYS]),
        (["partnership", "list"], [*ALWAYS, "wizard.cli.overview", "wizard.cli.params"]),
        (["due"], [*ALWAYS, "wizard.cli.overview", "wizard.cli.params"]),
    ):
        run = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, env=env, timeout=60)
        assert run.stderr.strip().splitlines()[-1] == repr(expected), (args, run.stderr)
