"""`pwiz assess PARTNERSHIP QUESTIONNAIRE [--plain | --answers FILE]`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from wizard import engine
from wizard.answers_file import read_answers
from wizard.cli.context import AppContext, user_errors
from wizard.cli.params import language_option
from wizard.errors import UserError
from wizard.wording import count


@click.command("assess")
@click.argument("partnership")
@click.argument("questionnaire")
@click.option("--plain", is_flag=True, help="Ask line by line in this terminal instead of opening the wizard.")
@click.option(
    "--answers",
    "answers_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Answer from a YAML/JSON map of question id -> answer (no prompts).",
)
@language_option
@click.pass_obj
def assess(app: AppContext, partnership: str, questionnaire: str, plain: bool, answers_path: Path | None) -> None:
    """Answer a questionnaire for a partnership; prints the assessment id.

    Carries on with the partnership's unsigned assessment of that
    questionnaire if there is one. With --answers, every answer is checked
    first and nothing is saved unless all are valid; an assessment with no
    required answer missing is marked complete.
    """
    if plain and answers_path:
        raise click.UsageError("use either --plain or --answers, not both")
    with user_errors():
        governance = app.governance
        pid = governance.register.resolve_partnership(partnership)
        definition = governance.library.get(questionnaire)
        if not plain and not answers_path:
            from wizard.cli.tui import open_tui

            open_tui(app, partnership_id=pid, questionnaire_id=definition.id)
            return
        assessment = governance.open_assessment(pid, definition.id)
        if answers_path:
            given = read_answers(answers_path)
            try:
                assessment = governance.answer_many(assessment["id"], given)
            except UserError as exc:
                raise UserError(f"{answers_path}: {exc}") from None
        else:
            from wizard.linemode import run_plain

            try:
                assessment = run_plain(governance, assessment, lambda line: click.echo(line, err=True))
            except KeyboardInterrupt:
                saved = governance.register.get_assessment(assessment["id"])
                click.echo(
                    f"\nStopped. {count(_count(saved), 'answer')} {'is' if _count(saved) == 1 else 'are'} saved in {saved['id']}; "
                    f"run 'pwiz assess {pid} {definition.id} --plain' to carry on.",
                    err=True,
                )
                sys.exit(130)
        result = governance.evaluate(assessment)
        unconfirmed = governance.unconfirmed(assessment)
        if not result.missing and not unconfirmed:
            assessment = governance.complete(assessment["id"])
        done = engine.progress(governance.definition_for(assessment), assessment["answers"])
        association = governance.association_hint(assessment)
    click.echo(assessment["id"])
    click.echo(_summary(assessment, done, result, unconfirmed), err=True)
    if association:
        click.echo(association, err=True)


def _count(assessment: dict) -> int:
    return sum(1 for a in assessment["answers"].values() if a.get("value") not in (None, "", []))


def _summary(assessment: dict, done: engine.Progress, result, unconfirmed: list[str]) -> str:
    parts = [
        f"{assessment['questionnaire_id']} for {assessment['partnership_id']}: {count(_count(assessment), 'answer')} saved, "
        f"{done.answered} of {done.total} questions answered, {assessment['status']}"
    ]
    if result.missing:
        parts.append(f"{len(result.missing)} required still missing (first: {result.missing[0]})")
    if unconfirmed:
        parts.append(
            f"{count(len(unconfirmed), 'carried answer')} not yet confirmed ('pwiz confirm {assessment['id']}')"
        )
    if result.flags:
        parts.append(f"{len(result.flags)} flagged for particular care")
    for outcome in result.outcomes:
        if outcome.value:
            parts.append(f"{outcome.title}: {outcome.label}")
    return "; ".join(parts)
