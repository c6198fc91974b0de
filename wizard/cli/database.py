"""The shared register's set-up and people: `db init`, `db grant`, `db copy`, and `whoami`.

PostgreSQL authenticates people and holds their roles (store.postgres.roles); these commands
only install the schema, put logins in the pwiz groups, say who is connected, and move a whole
register between a folder and a database (store.copying).
"""

from __future__ import annotations

import click

from wizard.cli.context import AppContext, echo_json, user_errors
from wizard.errors import UserError
from wizard.wording import count

RANKS = ("reader", "officer", "approver", "admin")
FOLDER_HAS_NO_ROLES = "a register folder has no roles: anyone who can write the folder can do anything"


@click.group("db")
def db() -> None:
    """The shared register on PostgreSQL: install it, give people roles, copy a register in or out."""


@db.command("init")
@click.argument("url", metavar="URL")
def init(url: str) -> None:
    """Install the shared register's tables, rules and group roles in the database at URL (run again after an upgrade).

    Run by IT as the database's owner with CREATEROLE, or as a superuser.
    """
    with user_errors():
        from store.location import shared

        if not shared(url):
            raise UserError(f"{url!r} is not a postgresql://... URL: 'pwiz db init' installs the shared register")
        from store.postgres.installing import init as install

        lines = install(url)
    for line in lines:
        click.echo(line)


@db.command("grant")
@click.argument("login", metavar="LOGIN")
@click.option("--as", "rank", required=True, type=click.Choice(RANKS), help="The pwiz role LOGIN gets (its only one).")
@click.option("--name", "display_name", help="The person's name, as sign-offs and approvals record it by default.")
@click.pass_obj
def grant(app: AppContext, login: str, rank: str, display_name: str | None) -> None:
    """Give LOGIN one pwiz role on the shared register (--db), creating the login if there is none.

    Run by a member of pwiz_admin. A login has one pwiz role: granting one takes away any other,
    so this also demotes.
    """
    with user_errors():
        register = _shared_register(app, "roles")
        from store.postgres.roles import grant as give

        with register.transaction() as connection:
            lines = give(connection, login, rank, display_name)
    for line in lines:
        click.echo(line)


@db.command("copy")
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
def copy(source: str, target: str) -> None:
    """Copy a whole register from FROM to the empty TO (each a folder or a postgresql:// URL), then verify both.

    Ids, digests, order, documents, associations and (between databases) the audit trail are
    kept. Into PostgreSQL, run it as a member of pwiz_admin.
    """
    with user_errors():
        from store.copying import copy_register
        from store.location import open_register, shared

        source_register, target_register = open_register(source), open_register(target)
        report = copy_register(source_register, target_register)
    records = ", ".join(
        count(report.records[table], thing)
        for table, thing in (
            ("assessments", "assessment"),
            ("signoffs", "sign-off"),
            ("approvals", "approval"),
            ("actions", "action"),
            ("risks", "risk"),
            ("issued", "issued pack"),
        )
    )
    click.echo(
        f"Copied {count(report.partnerships, 'partnership')} from {source_register.where} to {target_register.where}: "
        f"{records}, {count(report.documents, 'document')}, {count(report.associations, 'Association Register record')}."
    )
    if report.audit is not None:
        entries = "1 entry" if report.audit == 1 else f"{report.audit} entries"
        click.echo(f"Copied the audit trail ({entries}); this copy's own writes are recorded after it.")
    elif shared(source):
        click.echo(f"The audit trail stays in {source_register.where}: a register folder cannot keep one.")
    elif shared(target):
        click.echo("A register folder keeps no audit trail: the shared register's starts with this copy.")
    for name, side in (("FROM", report.source), ("TO", report.target)):
        click.echo(
            f"Verified {name}: {count(side.partnerships, 'partnership')}, {count(side.signoffs, 'sign-off')}, "
            f"{count(side.approvals, 'approval')}, {count(side.documents, 'document')}, "
            + (f"{count(len(side.problems), 'problem')}" if side.problems else "no problems")
            + "."
        )
    problems = report.target.problems + report.differences
    for problem in problems:
        click.echo(f"pwiz: error: {problem}", err=True)
    if problems:
        raise SystemExit(1)
    click.echo("Compared: every partnership's records are the same on both sides (the signed-in-as stamp aside).")


@click.command("whoami")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.pass_obj
def whoami(app: AppContext, as_json: bool) -> None:
    """Who you are to the register (--db): your login, your name, your pwiz role and what it lets you do."""
    with user_errors():
        me = app.governance.whoami()
    from store.postgres.roles import ALLOWED

    allowed = ALLOWED[me["role"]] if me["shared"] else FOLDER_HAS_NO_ROLES
    if as_json:
        echo_json({**me, "allowed": allowed})
        return
    click.echo(f"Login: {me['login']}")
    click.echo(f"Name: {me['display_name']}")
    if me["shared"]:
        click.echo(f"Role: {me['role'] or 'none'}")
        click.echo(f"You may {allowed}.")
    else:
        click.echo(f"Role: none: {FOLDER_HAS_NO_ROLES}.")


def _shared_register(app: AppContext, what: str):
    """The register --db names, refused in one line unless it is the shared register."""
    from store.location import shared

    if not shared(app.db_path):
        raise UserError(
            f"{what} belong to the shared register: give its postgresql://... URL with --db or PWIZ_DB "
            f"(the register here is the folder {app.register_root})"
        )
    return app.register
