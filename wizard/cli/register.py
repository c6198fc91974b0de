"""Register commands: `partnership add|update|import|show`, `signoff`, `approve`, `verify`, `restore`.

`partnership list` and `due`, which read only the register index, are in
wizard/cli/overview.py; wizard/cli/__init__.py names where each command is.

`verify FILE.pdf` checks an approval pack (wizard/cli/packs.py); without a
file it checks every sign-off in the register.

Scripts read stdout: `partnership add` prints only the new id there (its
confirmation goes to stderr), and `--json` prints JSON only. Every other
command that writes prints one line saying what it wrote.
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from store.assessments import language_of
from store.errors import StoreError
from store.records import (
    BASES,
    DECISIONS,
    FOCUSES,
    LEVELS,
    MEMBERSHIP_HOLDERS,
    ORGANISATIONS,
    PARTNERSHIP_STATUSES,
    PARTNERSHIP_TYPES,
)
from wizard.cli.context import AppContext, echo_json, user_errors
from wizard.cli.datasheet_params import PARTNER_KEYS, REPRESENTATIVE_KEYS, Detailed, read_partners_file
from wizard.cli.params import IsoDate, Money
from wizard.datasheet_text import (
    MEMBERSHIP_LABELS,
    ORGANISATION_LABELS,
    contract_line,
    partner_line,
    representative_line,
)
from wizard.errors import UserError
from wizard.wording import count

if TYPE_CHECKING:
    from wizard.service import Governance

EMPTY: tuple[object, ...] = (None, [])  # options not given


def datasheet_options(status_default: str | None):
    """The data sheet's options, shared by `partnership add` and `partnership update`."""
    options = (
        click.option("--purpose", help="What the partnership is for."),
        click.option("--type", "type_", type=click.Choice(PARTNERSHIP_TYPES), help="Where it sits on the spectrum."),
        click.option("--focus", type=click.Choice(FOCUSES)),
        click.option("--basis", type=click.Choice(BASES), help="Statutory or voluntary."),
        click.option("--level", type=click.Choice(LEVELS)),
        click.option("--accountable-body", help="The organisation accountable for it."),
        click.option(
            "--partner",
            "partners",
            multiple=True,
            type=Detailed(PARTNER_KEYS),
            help="A partner organisation, then any of '; sector=S; contact=C; role=R; accountable' (repeatable).",
        ),
        click.option(
            "--member",
            "members",
            multiple=True,
            type=Detailed(REPRESENTATIVE_KEYS, kind="member"),
            help="An elected member representing us, then any of '; represents=B; appointed-by=W; appointed-on=D; "
            "delegation=T; reports-back=T' (repeatable).",
        ),
        click.option(
            "--officer",
            "officers",
            multiple=True,
            type=Detailed(REPRESENTATIVE_KEYS, kind="officer"),
            help="An officer representing us, with the details --member takes (repeatable).",
        ),
        click.option(
            "--partners-file",
            type=click.Path(path_type=Path, dir_okay=False, exists=True),
            help="A YAML or JSON file of partners and/or representatives, with every detail (see README).",
        ),
        click.option(
            "--membership-held-by", type=click.Choice(MEMBERSHIP_HOLDERS), help="Who holds our membership (002 §9)."
        ),
        click.option("--organisation", type=click.Choice(ORGANISATIONS), help="Single or multi organisation (004)."),
        click.option("--end-date", type=IsoDate(), help="When it ends or ended (DD/MM/YYYY or YYYY-MM-DD)."),
        click.option("--exit-strategy", help="How we would leave it, and what would be grounds to."),
        click.option("--performance-methodology", help="How its performance is managed (004, 002 §6.2)."),
        click.option("--contract-value", type=Money(), help="A service-delivery contract's value, in pounds."),
        click.option("--contract-term", type=click.IntRange(1, 600), help="The contract's term, in months."),
        click.option("--contract-renewal", type=IsoDate(), help="When the contract is due for renewal."),
        click.option("--lead-officer"),
        click.option("--sub-group", "sub_groups", multiple=True, help="A sub-group or board (repeatable)."),
        click.option("--contribution", type=Money(), help="Our financial contribution, in pounds."),
        click.option("--start-date", type=IsoDate(), help="When it started (DD/MM/YYYY or YYYY-MM-DD)."),
        click.option("--review-timetable", help="Its life span or review timetable."),
        click.option(
            "--status",
            type=click.Choice(PARTNERSHIP_STATUSES),
            default=status_default,
            show_default=status_default is not None,
        ),
    )

    def decorate(command):
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


def _sheet_fields(options: dict[str, Any]) -> dict[str, Any]:
    """The data-sheet fields the options give, in the store's terms; options not given are left out."""
    given: dict[str, Any] = {key: list(value) if isinstance(value, tuple) else value for key, value in options.items()}
    members, officers = given.pop("members"), given.pop("officers")
    contract = {
        "value": given.pop("contract_value"),
        "term_months": given.pop("contract_term"),
        "renewal_date": _day(given.pop("contract_renewal")),
    }
    given.update(
        type=given.pop("type_"),
        financial_contribution=given.pop("contribution"),
        start_date=_day(given["start_date"]),
        end_date=_day(given["end_date"]),
        representatives=members + officers,
        contract={key: value for key, value in contract.items() if value is not None},
    )
    listed = given.pop("partners_file")
    for key, entries in (read_partners_file(listed) if listed else {}).items():
        if given[key]:
            option = "--partner" if key == "partners" else "--member or --officer"
            raise click.UsageError(f"give the {key} either in --partners-file or with {option}, not both")
        given[key] = entries
    return {key: value for key, value in given.items() if value not in (*EMPTY, {})}


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


@click.command("add")
@click.argument("name")
@datasheet_options(status_default="proposed")
@click.pass_obj
def add(app: AppContext, name: str, **options: Any) -> None:
    """Add a partnership to the register; prints its id (alone, on stdout)."""
    with user_errors():
        record = app.register.add_partnership(name, **_sheet_fields(options))
    click.echo(record["id"])
    click.echo(f'Added partnership {record["id"]} "{record["name"]}" to {app.register.where}', err=True)


@click.command("update")
@click.argument("partnership_id", metavar="PARTNERSHIP")
@click.option("--name", help="Its new name.")
@datasheet_options(status_default=None)
@click.pass_obj
def update(app: AppContext, partnership_id: str, name: str | None, **options: Any) -> None:
    """Change fields of the data sheet of PARTNERSHIP (id or name); prints what changed.

    Each option given replaces that field; a repeatable option (--partner,
    --member, --officer, --sub-group) replaces the whole list it gives.
    """
    fields = _sheet_fields({**options, "name": name})
    if not fields:
        raise click.UsageError("give at least one field to change, e.g. --lead-officer NAME")
    with user_errors():
        register = app.register
        pid = register.resolve_partnership(partnership_id)
        before = register.get_partnership(pid)
        if "representatives" in fields and not options["partners_file"]:  # --member replaces the members, ...
            kinds = {r["kind"] for r in fields["representatives"]}
            kept = [r for r in before["representatives"] if r["kind"] not in kinds]
            fields["representatives"] = [*fields["representatives"], *kept]
        if "contract" in fields:  # --contract-value changes the value, keeping the term and renewal date
            fields["contract"] = {**(before["contract"] or {}), **fields["contract"]}
        after = register.update_partnership(pid, **fields)
    changed = [
        (label, old, new) for (label, old), (_, new) in zip(_sheet_rows(before), _sheet_rows(after)) if old != new
    ]
    if not changed:
        click.echo(f'Nothing changed: partnership {pid} "{after["name"]}" already reads so.')
        return
    click.echo(f'Updated partnership {pid} "{after["name"]}":')
    for label, old, new in changed:
        click.echo(f"  {label}: {old.replace(LINES, '; ')} -> {new.replace(LINES, '; ')}")


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE.xlsx|FILE.csv")
@click.option("--dry-run", is_flag=True, help="Say what would be imported; write nothing.")
@click.option("--skip-bad", is_flag=True, help="Import the rows that can be taken; list and leave out the others.")
@click.pass_obj
def import_(app: AppContext, file: Path, dry_run: bool, skip_bad: bool) -> None:
    """Add the partnerships listed in a spreadsheet (.xlsx or .csv); none if any row cannot be taken.

    Columns are known by their usual headings in any case (Partnership or
    Name, Type, Status, Lead officer, Accountable body, Partners split on ;
    or ",", Significance, Start date, Last review, Next review...); others
    are left out and named. Dates may be DD/MM/YYYY, YYYY-MM-DD or Excel
    dates. Each row that cannot be taken is listed with its row number and
    why; prints each new partnership's id and name.
    """
    with user_errors():
        from wizard.importing import read_sheet

        register = app.register
        taken = {s["name"].strip().casefold(): s["id"] for s in register.list_partnerships()}
        sheet = read_sheet(file, taken)
    if sheet.ignored:
        click.echo(f"pwiz: warning: {file}: columns not imported: {', '.join(sheet.ignored)}", err=True)
    for bad in sheet.bad:
        level, left_out = ("warning", " (left out)") if skip_bad else ("error", "")
        click.echo(f"pwiz: {level}: {file} row {bad.row}: {'; '.join(bad.problems)}{left_out}", err=True)
    good = sheet.good
    if sheet.bad and not skip_bad:
        click.echo(
            f"pwiz: error: nothing {'would be ' if dry_run else ''}imported: {count(len(sheet.bad), 'row')} of {file} "
            f"cannot be taken; correct them, or give --skip-bad to import the other {len(good)}",
            err=True,
        )
        sys.exit(1)
    if dry_run:
        click.echo(f"Would import {count(len(good), 'partnership')} from {file} (dry run: nothing written):")
        for row in good:
            details = ", ".join(filter(None, (row.fields.get("type"), row.fields.get("status"))))
            click.echo(f"  row {row.row}: {row.name}" + (f" ({details})" if details else ""))
        return
    done = 0
    with user_errors():
        for row in good:
            try:
                record = register.add_partnership(**row.fields)
            except StoreError as exc:
                raise StoreError(
                    f"{file} row {row.row}: {exc}; {count(done, 'partnership')} imported before it"
                ) from None
            click.echo(f"{record['id']}  {record['name']}")
            done += 1
    click.echo(f"Imported {count(done, 'partnership')} from {file} into {register.where}", err=True)


@click.command("show")
@click.argument("partnership_id", metavar="PARTNERSHIP")
@click.option("--json", "as_json", is_flag=True, help="Print the partnership and its assessments as JSON.")
@click.pass_obj
def show(app: AppContext, partnership_id: str, as_json: bool) -> None:
    """Show one partnership (id or name): data sheet, assessments, sign-offs, actions, risks, evidence."""
    with user_errors():
        register, governance = app.register, app.governance
        pid = register.resolve_partnership(partnership_id)
        record = register.get_partnership(pid)
        assessments = [
            {
                "id": a["id"],
                **_answered(governance, a),
                "questionnaire": a["questionnaire_id"],
                "version": a["questionnaire_version"],
                "status": a["status"],
                "answers": _answers(governance, a),
                "notes": {qid: answer["note"] for qid, answer in a["answers"].items() if answer.get("note")},
                "answer_actions": {
                    qid: answer["action"] for qid, answer in a["answers"].items() if answer.get("action")
                },
                "renews": a.get("renews"),
                "language": language_of(a),
                "carried_unconfirmed": sorted(
                    qid for qid, answer in a["answers"].items() if answer.get("carried_from")
                ),
            }
            for a in register.list_assessments(pid)
        ]
        signoffs = register.list_signoffs(pid)
        actions = register.list_actions(pid)
        risks = register.list_risks(pid)
        evidence = register.list_evidence(pid)
    if as_json:
        echo_json(
            {
                **record,
                "assessments": assessments,
                "signoffs": signoffs,
                "actions": actions,
                "risks": risks,
                "evidence": evidence,
            }
        )
        return
    _show_datasheet(record)
    _section(
        "Assessments",
        [
            f"{a['id']}  {a['questionnaire']} v{a['version']}  {a['status']}  "
            f"{a['answered']} of {a['questions']} questions answered"
            + (f" ({len(a['carried_unconfirmed'])} carried, not yet confirmed)" if a["carried_unconfirmed"] else "")
            + (f"  reviews {a['renews']}" if a["renews"] else "")
            for a in assessments
        ],
    )
    _section(
        "Sign-offs",
        [
            f"{s['signed_at'][:10]}  {s['decision']}  by {s['by']} ({s['role']})  {s['assessment_id']}"
            + _signed_in_as(s, "  ")
            for s in signoffs
        ],
    )
    _section(
        "Actions",
        [
            f"{a['id']}  {a['status']}  {a['text']}"
            + (f"  (owner {a['owner']})" if a["owner"] else "")
            + (f"  due {a['due']}" if a["due"] else "")
            for a in actions
        ],
    )
    from wizard.cli.risks import risk_line

    _section("Risks", [risk_line(r) for r in risks])
    _section(
        "Evidence",
        [
            f"{e['id']}  {e['kind']}  {e.get('title') or e['file_name']}"
            + (f"  expires {e['expires']}" if e.get("expires") else "")
            for e in evidence
        ],
    )


def decision_options(command):
    """The options of a decision: who took it, in what role, what it was, with whom, on what terms, when."""
    for option in reversed(
        (
            click.option(
                "--by",
                help="Who decides (name); on a shared register, your login's display name when not given.",
            ),
            click.option("--role", required=True, help="Their role, e.g. Chief Executive."),
            click.option("--decision", required=True, type=click.Choice(DECISIONS)),
            click.option("--consulted", multiple=True, help="Who was consulted, e.g. the Chair (repeatable)."),
            click.option("--conditions", help="The conditions of a conditional approval."),
            click.option(
                "--date",
                "decided",
                type=IsoDate(),
                help="When the decision was taken, if not today (DD/MM/YYYY or YYYY-MM-DD; not in the future).",
            ),
        )
    ):
        command = option(command)
    return command


def _signed_in_as(record: dict, before: str = "; ") -> str:
    """Which login the shared register recorded a decision under (a folder records none)."""
    return f"{before}signed in as {record['signed_in_as']}" if record.get("signed_in_as") else ""


def _decided_by(app: AppContext, by: str | None) -> str:
    """--by as given, or on the shared register the login's display name."""
    if by is not None:
        return by
    signer = app.governance.default_signer()
    if not signer:
        raise UserError("missing option --by: say who decides (a register folder does not know who you are)")
    return signer


@click.command()
@click.argument("assessment")
@decision_options
@click.pass_obj
def signoff(
    app: AppContext,
    assessment: str,
    by: str,
    role: str,
    decision: str,
    consulted: tuple[str, ...],
    conditions: str | None,
    decided: datetime | None,
) -> None:
    """Sign off a complete assessment; it is frozen from then on.

    The actions its answers raise join the partnership's action plan.
    """
    with user_errors():
        record = app.governance.sign_off(
            assessment,
            by=_decided_by(app, by),
            role=role,
            decision=decision,
            consulted=list(consulted),
            conditions=conditions,
            signed_at=decided,
        )
        missing = app.governance.plan_gaps(record["partnership_id"])
        association = app.governance.association_hint(app.governance.assessment(record["assessment_id"]))
    click.echo(
        f"Signed off {record['assessment_id']}: {record['decision']} by {record['by']} ({record['role']}) "
        f"as {record['id']}, digest {record['digest']}" + _signed_in_as(record)
    )
    if record.get("evidence"):  # the documents linked to the assessment: their SHA-256s are in the digest
        click.echo(f"It covers {len(record['evidence'])} document(s): {', '.join(e['id'] for e in record['evidence'])}")
    for gap in missing:  # the action plan and risk register are followed up only when someone owns each
        click.echo(f"missing: {gap.line}", err=True)
    if association:
        click.echo(association, err=True)


@click.command()
@click.argument("partnership")
@decision_options
@click.pass_obj
def approve(
    app: AppContext,
    partnership: str,
    by: str,
    role: str,
    decision: str,
    consulted: tuple[str, ...],
    conditions: str | None,
    decided: datetime | None,
) -> None:
    """Approve PARTNERSHIP (id or name): the Chief Executive's decision, in consultation with the Chair
    and/or Vice-Chair (001).

    Refused until the significance assessment and every questionnaire it
    requires are signed off. The approval is frozen; it covers the digest of
    every current sign-off, and a later review's sign-offs need a new one.
    Until then the approval pack says DRAFT on every page.
    """
    with user_errors():
        from wizard import approval

        record = approval.approve(
            app.governance,
            partnership,
            by=_decided_by(app, by),
            role=role,
            decision=decision,
            consulted=list(consulted),
            conditions=conditions,
            signed_at=decided,
        )
    covered = ", ".join(item["questionnaire_id"] for item in record["covers"])
    click.echo(
        f"Approved partnership {record['partnership_id']}: {record['decision']} by {record['by']} ({record['role']}) "
        f"as {record['id']}, covering the sign-offs of {covered}; digest {record['digest']}" + _signed_in_as(record)
    )


@click.command()
@click.argument("pack", required=False, type=click.Path(path_type=Path, dir_okay=False), metavar="[FILE.pdf]")
@click.option(
    "--trust",
    type=click.Path(path_type=Path),
    metavar="DIR",
    help="Folder of trusted certificates for a signed pack (default: the register's trusted-certificates/).",
)
@click.pass_obj
def verify(app: AppContext, pack: Path | None, trust: Path | None) -> None:
    """Check an approval pack, or with no file every sign-off in the register, against its digest.

    A pack signed with a certificate (export --sign-with) is also checked,
    offline: the signature intact and covering the whole file, who signed
    and when, and whether the signer's certificate is trusted by --trust DIR.
    """
    if pack is not None:
        from wizard.cli.packs import verify_file

        verify_file(app, pack, trust)
        return
    if trust is not None:
        raise click.UsageError("--trust checks the certificate signature of a pack: give the FILE.pdf too")
    with user_errors():
        report = app.register.verify_report()
    for problem in report.problems:
        click.echo(problem)
    approvals = f" and {count(report.approvals, 'approval')}" if report.approvals else ""
    checked = f"{count(report.signoffs, 'sign-off')}{approvals} in {count(report.partnerships, 'partnership')}"
    if report.documents:
        checked += f" (and {count(report.documents, 'evidence file')})"
    if report.problems:
        click.echo(f"pwiz: error: {count(len(report.problems), 'problem')} found in {checked}", err=True)
        sys.exit(1)
    click.echo(f"All {checked} match their digests." if report.signoffs else f"No sign-offs yet ({checked}).")


@click.command()
@click.option(
    "--forget",
    "forget",
    multiple=True,
    metavar="PID",
    help="Drop a lost partnership (no file, no backup left) from the index (repeatable).",
)
@click.pass_obj
def restore(app: AppContext, forget: tuple[str, ...]) -> None:
    """Restore damaged or missing register files from their newest readable backup.

    A partnership whose file and every backup are gone stays in the index,
    marked lost (and 'pwiz verify' names it), until --forget PID drops it.
    """
    with user_errors():
        report = app.register.restore(forget=[pid.strip().lower() for pid in forget])
    for line in report.done:
        click.echo(line[0].upper() + line[1:])
    for line in report.failed:
        click.echo(f"pwiz: error: {line}", err=True)
    if report.failed:
        sys.exit(1)
    if not report.done:
        click.echo(f"Nothing to restore: every file in {app.register.root} is readable.")


def _answered(governance: Governance, assessment: dict) -> dict[str, int]:
    """How many of its questions shown are answered, as the wizard counts them (wizard.engine.progress):
    one whose required note or action is missing is not."""
    from wizard import engine

    done = engine.progress(governance.definition_for(assessment), assessment["answers"])
    return {"answered": done.answered, "questions": done.total}


def _answers(governance: Governance, assessment: dict) -> dict[str, Any]:
    """question id -> answer; a repeat section's as a list of items, the shape `--answers` reads back."""
    from wizard.repeat_answers import answers_json

    return answers_json(governance.definition_for(assessment), assessment["answers"])


def _section(title: str, lines: list[str]) -> None:
    click.echo(f"\n{title}:")
    for line in lines or ["(none)"]:
        click.echo(f"  {line}")


def _show_datasheet(record: dict) -> None:
    for label, value in _sheet_rows(record):
        click.echo(f"{label + ':':<24}{value.replace(LINES, LINES + ' ' * 24)}")


LINES = "\n"  # between the partners (representatives) of a row


def _sheet_rows(record: dict) -> list[tuple[str, str]]:
    """The data sheet as (label, text) rows, as `show` prints it and `update` compares it."""
    contribution = record["financial_contribution"]
    fields = [
        ("Id", record["id"]),
        ("Name", record["name"]),
        ("Purpose", record["purpose"]),
        ("Type", record["type"]),
        ("Focus", record["focus"]),
        ("Basis", record["basis"]),
        ("Level", record["level"]),
        ("Accountable body", record["accountable_body"]),
        ("Partners", LINES.join(map(partner_line, record["partners"]))),
        ("Representatives", LINES.join(map(representative_line, record["representatives"]))),
        ("Membership held by", MEMBERSHIP_LABELS.get(record["membership_held_by"] or "")),
        ("Organisation", ORGANISATION_LABELS.get(record["organisation"] or "")),
        ("Lead officer", record["lead_officer"]),
        ("Sub-groups", ", ".join(record["sub_groups"])),
        ("Financial contribution", None if contribution is None else f"£{contribution:,.2f}"),
        ("Start date", record["start_date"]),
        ("Review timetable", record["review_timetable"]),
        ("End date", record["end_date"]),
        ("Exit strategy", record["exit_strategy"]),
        ("Performance method", record["performance_methodology"]),
        ("Contract", contract_line(record["contract"])),
        ("Status", record["status"]),
        ("Significance", record["significance"]),
        (
            "Review interval",
            None if record["review_interval_months"] is None else f"{record['review_interval_months']} months",
        ),
    ]
    return [(label, "-" if value in (None, "") else str(value)) for label, value in fields]
