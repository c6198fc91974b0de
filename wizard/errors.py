"""The one error type the CLI turns into a single line and exit status 1.

The store and the questionnaire loader raise their own errors (they do not
depend on the application); the CLI treats those the same way.
"""


class UserError(Exception):
    """Something the user can fix: the message says what, where and how."""
