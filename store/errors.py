"""Errors the register raises; each message is one line a user can act on."""


class StoreError(Exception):
    """A register problem the user can fix (corrupt file, lock, conflict...)."""
