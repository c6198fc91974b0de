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


def unencodable(exc: UnicodeEncodeError) -> StoreError:
    """The one line for text that cannot be written as UTF-8: a lone surrogate, which is what
    Python makes of a byte that was not UTF-8 (a command-line argument typed in another encoding)."""
    text = exc.object
    around = text[max(0, exc.start - 24) : exc.end + 24]
    return StoreError(
        f"this text cannot be kept: {around!r} holds U+{ord(text[exc.start]):04X}, half a character or a byte "
        "of text that was not UTF-8 (a terminal, file or script in another encoding); nothing was saved: "
        "type it again as UTF-8"
    )
