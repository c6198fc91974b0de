"""The `pwiz` entry point.

`pwiz` alone opens the wizard, and does so without importing click or any
command: the command-line parser is a tenth of the wizard's start-up, and a
user who types `pwiz` has given it nothing to parse. Everything else goes
through the click group in `wizard.cli.commands`.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wizard.cli.context import AppContext


def main() -> None:
    """Console-script entry point.

    A mistake on the command line (unknown option, a value of the wrong
    kind) is bad input like any other: one line saying what and where, how
    to find the fix, exit status 1; not click's usage block and status 2.
    """
    if not sys.argv[1:]:
        from wizard.cli.context import AppContext

        db = os.environ.get("PWIZ_DB")  # as the group's --db reads it: click, too, takes "" as unset
        open_wizard(AppContext(db_path=db or None, language=os.environ.get("PWIZ_LANG") or None))
        sys.exit(0)
    import click

    from wizard.cli.commands import cli

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


def open_wizard(app_context: AppContext) -> None:
    """The wizard on the context's register, until the user leaves; a fault they can fix is one line."""
    from wizard.cli.context import user_errors
    from wizard.cli.tui import open_tui

    with user_errors():
        open_tui(app_context)


def _first_lower(text: str) -> str:
    return text[:1].lower() + text[1:]
