"""Read an `--answers` file: a YAML or JSON map of question id -> answer.

An answer is a bare value (`kp-alternatives: yes`) or a map with `value`,
`note` and `action`. YAML is read with the same loader as questionnaire
files, so `no` stays the answer "no" and a syntax error names its line.

A repeat section is answered under its own id with a list, one map of
question id -> answer per item (wizard.repeat_answers), as `pwiz show --json`
prints it:

    partners:
      - {p-name: Acme Ltd, p-sector: private}
      - {p-name: Shelter Cymru, p-sector: voluntary}
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from questionnaires.yaml_lines import YamlProblem, read_text
from questionnaires.yaml_lines import load as load_yaml
from wizard.errors import UserError


def read_answers(path: Path) -> dict[str, Any]:
    try:
        text = read_text(path)
    except YamlProblem as exc:
        raise UserError(f"{path}: {exc.what}; {exc.fix}") from None
    except FileNotFoundError:
        raise UserError(f"{path}: answers file not found; check the path") from None
    except UnicodeDecodeError:
        raise UserError(f"{path}: not UTF-8 text; save the answers file as UTF-8") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read ({exc.strerror}); check the file's permissions") from None
    try:
        data = load_yaml(text, aliases=False).data  # JSON is YAML, so one reader serves both
    except YamlProblem as exc:
        where = f"{path}:{exc.line}" if exc.line else str(path)
        raise UserError(f"{where}: {exc.what}; {exc.fix}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UserError(f"{path}: expected a map of question id to answer, e.g. 'kp-alternatives: yes'")
    return {str(key): value for key, value in data.items()}
