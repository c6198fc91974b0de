"""The `pwiz` command line: the scripting surface of the register.

Every command that fails because of something the user can fix prints one
line on stderr and exits 1; click's usage errors exit 2. No tracebacks.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from wizard import __version__
from wizard.cli.context import AppContext

# Commands that may hand the terminal to the wizard or the line mode, which draw with escape sequences.
TERMINAL_COMMANDS = ("assess",)


class _Commands(click.Group):
    """The `pwiz` group; the command modules are imported when a command is
    looked up or listed, so `pwiz` alone (the wizard) never imports them."""

    _loaded = False

    def _load(self) -> None:
        if not self._loaded:
            self._loaded = True
            _register_commands()

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        self._load()
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._load()
        return super().list_commands(ctx)


@click.group(
    cls=_Commands,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, "-V", "--version", prog_name="pwiz")
@click.option(
    "--db",
    type=click.Path(path_type=Path),
    envvar="PWIZ_DB",
    help="The register to use (default: the user data directory). Also PWIZ_DB.",
)
@click.option(
    "--questionnaires",
    "questionnaire_dirs",
    type=click.Path(path_type=Path, file_okay=False),
    multiple=True,
    help="A folder of extra questionnaire files (repeatable).",
)
@click.pass_context
def cli(ctx: click.Context, db: Path | None, questionnaire_dirs: tuple[Path, ...]) -> None:
    """Partnership governance: screen, assess, review and sign off partnerships.

    With no command, opens the wizard on the register.
    """
    ctx.obj = AppContext(db_path=db, questionnaire_dirs=questionnaire_dirs)
    if ctx.invoked_subcommand not in (None, *TERMINAL_COMMANDS):
        from wizard.output import TerminalSafe

        sys.stdout, sys.stderr = TerminalSafe(sys.stdout), TerminalSafe(sys.stderr)
    if ctx.invoked_subcommand is None:
        from wizard.cli.context import user_errors
        from wizard.cli.tui import open_tui

        with user_errors():
            open_tui(ctx.obj)


def _register_commands() -> None:
    from wizard.cli import assess, questionnaires

    cli.add_command(questionnaires.group)
    cli.add_command(assess.assess)

    from wizard.cli import packs, register, review, risks

    register.register_commands(cli)
    review.register_commands(cli)
    risks.register_commands(cli)
    packs.register_commands(cli)


def main() -> None:
    """Console-script entry point.

    A mistake on the command line (unknown option, a value of the wrong
    kind) is bad input like any other: one line saying what and where, how
    to find the fix, exit status 1; not click's usage block and status 2.
    """
    try:
        status = cli.main(prog_name="pwiz", standalone_mode=False)
    except click.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx is not None else "pwiz"
        click.echo(
            f"pwiz: error: {where}: {_first_lower(exc.format_message().rstrip('.'))}; see '{where} --help'", err=True
        )
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("pwiz: stopped.", err=True)
        sys.exit(1)
    sys.exit(status if isinstance(status, int) else 0)


def _first_lower(text: str) -> str:
    return text[:1].lower() + text[1:]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
