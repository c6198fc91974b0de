"""The partners and representatives as `partnership add|update` take them.

On the command line each is its name, optionally followed by details as
`; key=value` pairs:

    --partner "Cardiff Council; sector=local-authority; role=hosts the team; accountable"
    --officer "Sam Lee; represents=the Constabulary; appointed-by=Chief Executive; appointed-on=01/04/2026"

A long delegation, or many partners, read better from a file
(`--partners-file`, YAML or JSON): `partners:` and `representatives:` lists
whose entries use the register's field names (a partner may be a plain name).
The register checks the values (a sector it does not know, a date that is
not a day) and says which entry is wrong.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import click

from wizard.typed import parse_day

PARTNER_KEYS = ("sector", "contact", "role", "accountable")
REPRESENTATIVE_KEYS = ("represents", "appointed_by", "appointed_on", "delegation", "reports_back")
_YES, _NO = ("yes", "y", "true", "1"), ("no", "n", "false", "0")


class Detailed(click.ParamType):
    """A name, then `; key=value` details (`keys`); becomes the register's mapping for it."""

    name = "TEXT"

    def __init__(self, keys: tuple[str, ...], **fixed: str):
        self.keys = keys
        self.fixed = fixed  # e.g. kind=member

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        name, *details = _pieces(str(value), self.keys)
        entry: dict[str, Any] = {"name": name, **self.fixed}
        for detail in details:
            key, equals, given = (part.strip() for part in detail.partition("="))
            key = key.replace("-", "_")
            if key not in self.keys:
                known = ", ".join(k.replace("_", "-") for k in self.keys)
                self.fail(
                    f"{value!r}: unknown detail {key!r} (known: {known}; write key=value after a ';')", param, ctx
                )
            try:
                entry[key] = _detail(key, given if equals else None)
            except ValueError as exc:
                self.fail(f"{value!r}: {key.replace('_', '-')}: {exc}", param, ctx)
        return entry


_DETAIL = re.compile(r"\s*[A-Za-z][\w-]*\s*(=|$)")  # "sector=health", "accountable"


def _pieces(text: str, keys: tuple[str, ...]) -> list[str]:
    """The name, then each detail. A ';' starts a detail only before "key=" or a known flag, so a
    name or a delegation may hold one ("Smith &amp; Sons", "agree the plan; report back")."""
    first, *rest = text.split(";")
    pieces = [first]
    for part in rest:
        found = _DETAIL.match(part)
        if found and (found.group(1) == "=" or part.strip().replace("-", "_") in keys):
            pieces.append(part)
        else:
            pieces[-1] += ";" + part
    return [piece.strip() for piece in pieces]


def _detail(key: str, given: str | None) -> Any:
    if key == "accountable":
        if given is None or given.lower() in _YES:
            return True
        if given.lower() in _NO:
            return False
        raise ValueError(f"write yes or no, not {given!r}")
    if given is None:
        raise ValueError("give a value: key=value")
    if key == "appointed_on":
        return parse_day(given).isoformat()
    return given


def read_partners_file(path: Path) -> dict[str, list[Any]]:
    """The `partners` and `representatives` lists a YAML or JSON file holds; UsageError says what is wrong."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise click.UsageError(f"cannot read --partners-file {path}: {str(exc).splitlines()[0]}") from None
    known = ("partners", "representatives")
    if not isinstance(data, dict) or not data or set(data) - set(known):
        if not data:
            holds = "nothing"
        elif isinstance(data, dict):
            holds = ", ".join(map(str, data))
        else:
            holds = f"a {type(data).__name__}"
        raise click.UsageError(
            f"--partners-file {path} should be a mapping with the lists {' and/or '.join(known)} (it holds {holds})"
        )
    for key, entries in data.items():
        if not isinstance(entries, list):
            raise click.UsageError(f"--partners-file {path}: {key} should be a list, not {type(entries).__name__}")
    return data
