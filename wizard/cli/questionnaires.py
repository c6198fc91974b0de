"""`pwiz questionnaires list|show|validate`: read and check definitions."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from questionnaires.citations import citation
from questionnaires.errors import DefinitionError
from questionnaires.library import missing_requirements, shipped_dir
from questionnaires.loader import load_file
from wizard.cli.context import AppContext, user_errors
from wizard.cli.definition_json import definition_json


@click.group("questionnaires")
def group() -> None:
    """List, show and validate questionnaire definitions."""


@group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.pass_obj
def list_(app: AppContext, as_json: bool) -> None:
    """The questionnaires available: shipped ones and your own."""
    with user_errors():
        library = app.library
        rows = [
            {
                "id": d.id,
                "title": d.title,
                "version": d.version,
                "questions": len(d.questions()),
                "file": str(d.path) if d.path else None,
            }
            for d in library
        ]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    width = max(len(r["id"]) for r in rows)
    for r in rows:
        click.echo(f"{r['id']:<{width}}  v{r['version']:<3} {r['questions']:>3} questions  {r['title']}")


@group.command("show")
@click.argument("questionnaire_id")
@click.option(
    "--json", "as_json", is_flag=True, help="Print the definition as JSON, with its rules, boxes, limits and outcomes."
)
@click.pass_obj
def show(app: AppContext, questionnaire_id: str, as_json: bool) -> None:
    """One questionnaire: its sections and questions."""
    with user_errors():
        definition = app.library.get(questionnaire_id)
    if as_json:
        click.echo(json.dumps(definition_json(definition), indent=2, ensure_ascii=False))
        return
    model = definition.model
    click.echo(f"{model.title} ({model.id}, version {model.version})")
    click.echo(f"Source: {citation(model.source)}")
    for section in model.sections:
        repeat = section.repeat
        once = f" (once per {repeat.label}: {repeat.min} to {repeat.max})" if repeat else ""
        click.echo(f"\n{section.title}{once}")
        for q in section.questions:
            marker = "*" if q.required else " "
            options = f"  [{' / '.join(c.label for c in q.options)}]" if q.options else ""
            when = f"  (required if {q.required_if})" if q.required_if else ""
            click.echo(f" {marker} {q.id}: {q.text}{options}{when}")
    if model.computed:
        click.echo("")
    for computed in model.computed:
        worked = f"count of {computed.count}" if computed.count else f"sum of {', '.join(computed.sum or ())}"
        click.echo(f"= {computed.id}: {worked}")
    click.echo("\n* required" + ("; = computed from the answers" if model.computed else ""))


@group.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.pass_obj
def validate(app: AppContext, files: tuple[Path, ...]) -> None:
    """Check questionnaire files; every problem is printed with file, line and fix.

    A questionnaire an outcome requires must be one of these files or in the
    library pwiz would load (shipped, your folder, --questionnaires)."""
    problems, loaded = [], {}
    for path in files:
        try:
            loaded[path] = load_file(path)
        except DefinitionError as exc:
            problems.extend(exc.problems)
    known = _library_ids(app) | {definition.id for definition in loaded.values()}
    for path, definition in loaded.items():
        unmet = missing_requirements({definition.id: definition}, known)
        problems.extend(unmet)
        if not unmet:
            click.echo(f"{path}: ok ({definition.id} v{definition.version}, {len(definition.questions())} questions)")
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        sys.exit(1)


def _library_ids(app: AppContext) -> set[str]:
    """The ids pwiz would load; the shipped ones alone if the library does not load (its own errors are for `list`)."""
    try:
        return set(app.library.definitions)
    except DefinitionError:
        return {path.stem for path in shipped_dir().glob("*.yaml")}
