"""The application's own errors, each shown as one line (exit status 1 in the CLI).

The store and the questionnaire loader raise their own errors (they do not
depend on the application); the CLI and the wizard treat those the same way.
They live here, apart from the code that raises them, so that catching them
costs no import of the engine.
"""


class UserError(Exception):
    """Something the user can fix: the message says what, where and how."""


class InvalidAnswer(ValueError):
    """An answer the question cannot take; the message is fit for the screen."""
