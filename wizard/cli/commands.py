"""The `pwiz` command line's commands: the scripting surface of the register.

Every command that fails because of something the user can fix prints one
line on stderr and exits 1 (`wizard.cli.main` turns click's usage errors
into such a line too). No tracebacks.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from wizard import __version__
from wizard.cli.context import AppContext
from wizard.cli.lazy import Lazy, LazyGroup

# Commands that may hand the terminal to the wizard or the line mode, which draw with escape sequences.
TERMINAL_COMMANDS = ("assess",)

# Every command, where it lives and its one-line help: `pwiz --help` lists them from
# here and a command's module is imported only when it runs (tests/cli/test_lazy_commands.py
# checks each summary against the command's own help).
COMMANDS = {
    "action": Lazy(
        "wizard.cli.review:action", "The partnership's action plan: actions stay open across reviews until closed."
    ),
    "approve": Lazy(
        "wizard.cli.register:approve",
        "Approve PARTNERSHIP (id or name): the Chief Executive's decision, in consultation with the Chair "
        "and/or Vice-Chair (001).",
    ),
    "association": Lazy(
        "wizard.cli.association:association",
        "The Association Register (001): associations and groups members and officers belong to.",
    ),
    "assess": Lazy("wizard.cli.assess:assess", "Answer a questionnaire for a partnership; prints the assessment id."),
    "confirm": Lazy(
        "wizard.cli.review:confirm",
        "Confirm carried answers of ASSESSMENT as they stand (all of them, or only the QUESTIONS named); "
        "marks the assessment complete when nothing else is missing.",
    ),
    "db": Lazy(
        "wizard.cli.database:db",
        "The shared register on PostgreSQL: install it, give people roles, copy a register in or out.",
    ),
    "due": Lazy(
        "wizard.cli.overview:due",
        "Partnerships never assessed, then reviews due and overdue (the last sign-off plus the review interval).",
    ),
    "evidence": Lazy(
        "wizard.cli.evidence:evidence",
        "Documents kept with a partnership: agreements, ISAs, terms of reference, minutes, insurance.",
    ),
    "export": Lazy("wizard.cli.packs:export", "Write the approval pack of PARTNERSHIP (id or name) to a PDF."),
    "history": Lazy(
        "wizard.cli.history:history",
        "Who changed what in PARTNERSHIP (id or name), and when, oldest first (a shared register only).",
    ),
    "questionnaires": Lazy("wizard.cli.questionnaires:group", "List, show and validate questionnaire definitions."),
    "report": Lazy("wizard.cli.packs:report", "Write every partnership in the register to a PDF, CSV or Excel report."),
    "restore": Lazy(
        "wizard.cli.register:restore",
        "Restore damaged or missing register files from their newest readable backup.",
    ),
    "review": Lazy(
        "wizard.cli.review:review",
        "Start the review of PARTNERSHIP: a draft of every required questionnaire, pre-filled from the last "
        "signed-off answers.",
    ),
    "risk": Lazy("wizard.cli.risks:risk", "The partnerships' risk register: add, update, close, list or export risks."),
    "sign": Lazy(
        "wizard.cli.packs:sign",
        "Countersign PACK.pdf, an approval pack already signed with a certificate (e.g. the Chair after the "
        "Chief Executive).",
    ),
    "signoff": Lazy("wizard.cli.register:signoff", "Sign off a complete assessment; it is frozen from then on."),
    "verify": Lazy(
        "wizard.cli.register:verify",
        "Check an approval pack, or with no file every sign-off in the register, against its digest.",
    ),
    "whoami": Lazy(
        "wizard.cli.database:whoami",
        "Who you are to the register (--db): your login, your name, your pwiz role and what it lets you do.",
    ),
}
PARTNERSHIP_COMMANDS = {
    "add": Lazy("wizard.cli.register:add", "Add a partnership to the register; prints its id (alone, on stdout)."),
    "list": Lazy("wizard.cli.overview:list_", "List the partnerships in the register, by name."),
    "update": Lazy(
        "wizard.cli.register:update",
        "Change fields of the data sheet of PARTNERSHIP (id or name); prints what changed.",
    ),
    "import": Lazy(
        "wizard.cli.register:import_",
        "Add the partnerships listed in a spreadsheet (.xlsx or .csv); none if any row cannot be taken.",
    ),
    "show": Lazy(
        "wizard.cli.register:show",
        "Show one partnership (id or name): data sheet, assessments, sign-offs, actions, risks, evidence.",
    ),
}


@click.group(
    cls=LazyGroup,
    lazy=COMMANDS,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, "-V", "--version", prog_name="pwiz")
@click.option(
    "--db",
    envvar="PWIZ_DB",
    metavar="FOLDER|URL",
    help="The register: a folder (default: the user data directory), or a shared register's "
    "postgresql://... URL. Also PWIZ_DB.",
)
@click.option(
    "--questionnaires",
    "questionnaire_dirs",
    type=click.Path(path_type=Path, file_okay=False),
    multiple=True,
    help="A folder of extra questionnaire files (repeatable).",
)
@click.option(
    "--lang",
    "language",
    envvar="PWIZ_LANG",
    metavar="CODE",
    help="Ask and write questionnaires in this language (e.g. cy) where they have it. Also PWIZ_LANG.",
)
@click.pass_context
def cli(ctx: click.Context, db: str | None, questionnaire_dirs: tuple[Path, ...], language: str | None) -> None:
    """Partnership governance: screen, assess, review and sign off partnerships.

    With no command, opens the wizard on the register.
    """
    ctx.obj = AppContext(db_path=db, questionnaire_dirs=questionnaire_dirs, language=language)
    if ctx.invoked_subcommand not in (None, *TERMINAL_COMMANDS):
        from wizard.output import TerminalSafe

        sys.stdout, sys.stderr = TerminalSafe(sys.stdout), TerminalSafe(sys.stderr)
    if ctx.invoked_subcommand is None:
        from wizard.cli import open_wizard

        open_wizard(ctx.obj)


@cli.group(cls=LazyGroup, lazy=PARTNERSHIP_COMMANDS)
def partnership() -> None:
    """The register of partnerships: add one, list them, show one, update its data sheet, import a list."""
