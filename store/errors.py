"""Errors the register raises; each message is one line a user can act on."""


class StoreError(Exception):
    """A register problem the user can fix (corrupt file, lock, conflict...)."""


class NotFoundError(StoreError):
    """No partnership, assessment, action... with that id or name."""


class ConflictError(StoreError):
    """Another session changed the same answer since this one loaded it."""


class FrozenError(StoreError):
    """A signed-off assessment was about to change."""


class CorruptRegisterError(StoreError):
    """A register file does not parse; it is left untouched for `pwiz restore`."""


class LockedError(StoreError):
    """Another process holds the writer's lock on a register file."""
