"""What every command shares: where the register and questionnaires are,
loaded lazily so `pwiz --help` stays instant, and one error funnel."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from questionnaires.errors import DefinitionError
from store.errors import StoreError
from wizard.errors import UserError


@dataclass
class AppContext:
    """Options given before the command, and the objects they lead to."""

    db_path: str | Path | None = None  # --db / PWIZ_DB: a folder, or a postgresql:// URL (store.location)
    questionnaire_dirs: tuple[Path, ...] = field(default_factory=tuple)
    language: str | None = None  # --lang / PWIZ_LANG: the questionnaires' wording, where they have it

    @cached_property
    def library_quietly(self):
        """The shipped questionnaires plus the user's own (validated); user files left out in `.skipped`;
        worded in the chosen language."""
        from questionnaires.library import load_library

        return load_library(extra_dirs=self.questionnaire_dirs).in_language(self._checked_language())

    def _checked_language(self) -> str | None:
        from questionnaires.languages import valid_language

        language = (self.language or "").strip().lower() or None
        if language is not None and not valid_language(language):
            raise UserError(
                f"--lang {self.language!r} (or PWIZ_LANG) is not a language code; give a lower-case code such as en or cy"
            )
        return language

    @cached_property
    def library(self):
        """`library_quietly`, with one stderr warning per user file left out (the wizard shows its own)."""
        import click

        for problem in self.library_quietly.skipped:
            click.echo(f"pwiz: warning: questionnaire file left out: {problem}", err=True)
        return self.library_quietly

    @cached_property
    def register_root(self) -> Path:
        """The register's folder, named by --db / PWIZ_DB or the default one, resolved as
        `store.Register.open` does, without importing the store's write side (pydantic); for a shared
        register, the user's own folder for it (store.postgres.register)."""
        from store.location import database_url, local_folder

        url = database_url(self.db_path)
        if url is not None:
            return local_folder(url)
        if self.db_path is None:
            import platformdirs  # as store.register.default_register_path

            root = platformdirs.user_data_path("pwiz") / "register"
        else:
            root = Path(self.db_path).expanduser().absolute()
        if root.exists() and not root.is_dir():
            raise StoreError(f"{root} is a file, but a register is a folder: give the path of a folder")
        _warn_if_network_folder(root)
        return root

    @cached_property
    def register(self):
        """The register named by --db / PWIZ_DB, or the default one."""
        from store.location import open_register, shared

        return open_register(self.db_path) if shared(self.db_path) else open_register(self.register_root)

    def summaries(self) -> list[dict]:
        """Every partnership's summary, by name, as `Register.list_partnerships` gives it, read from the
        index alone: `partnership list` and `due` import neither the store's write side nor pydantic."""
        from store.layout import Layout
        from store.location import database_url
        from store.reading import read_summaries

        url = database_url(self.db_path)
        if url is not None:
            from store.postgres.reading import read_summaries as read_shared

            return read_shared(url)
        return read_summaries(Layout(self.register_root))

    @cached_property
    def governance(self):
        """Register and library together: what commands act through."""
        from wizard.service import Governance

        return Governance(self.register, self.library)


def _warn_if_network_folder(root: Path) -> None:
    """Once per folder and user: a folder register on a network share is not safe to share."""
    from wizard.network_warning import network_warning

    warning = network_warning(root)
    if warning is not None:
        import click

        click.echo(f"pwiz: warning: {warning}", err=True)


def echo_json(data: Any) -> None:
    """`--json` output: indented, non-ASCII kept as it is."""
    import click

    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Turn any error a user can fix into one line on stderr and exit 1."""
    try:
        yield
    except (UserError, StoreError, DefinitionError) as exc:
        import click  # here: the wizard's start-up (`pwiz` alone) goes without it

        click.echo(f"pwiz: error: {exc}", err=True)
        sys.exit(1)
