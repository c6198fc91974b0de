"""The errors a screen shows as a message instead of crashing.

Everything a user can cause or fix: an invalid answer, a refused verb, a
locked, corrupt or conflicting register, a bad questionnaire file, a disk
problem. Anything else is a bug and is left to surface.
"""

from __future__ import annotations

from questionnaires.errors import DefinitionError
from store.errors import StoreError
from wizard.errors import InvalidAnswer, UserError

SHOWN_ERRORS: tuple[type[BaseException], ...] = (UserError, StoreError, DefinitionError, InvalidAnswer, OSError)
# A form's own check (ValueError: what to type instead) or any of the above.
FORM_ERRORS: tuple[type[BaseException], ...] = (ValueError, *SHOWN_ERRORS)


def describe(exc: BaseException) -> str:
    """One line (or a few, for definition errors) fit for the screen."""
    if isinstance(exc, OSError) and not isinstance(exc, StoreError):
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        return f"the register could not be written or read{where}: {exc.strerror or exc}"
    text = str(exc).strip()
    return text or type(exc).__name__
