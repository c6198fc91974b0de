"""The register on disk: partnerships, assessments, sign-offs, actions, risks.

The names below are imported on first use (PEP 562), so importing a light
part of the store (`store.errors`, `store.index`) does not load the whole
write side (pydantic records, locks, restore): the wizard's home screen
reads the index before any of that is needed.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # for type checkers only; at run time __getattr__ below imports them
    from store.digest import canonical_json, sha256_hex, signed_content  # noqa: F401
    from store.errors import ConflictError, CorruptRegisterError, FrozenError, LockedError, NotFoundError, StoreError  # noqa: F401
    from store.register import Register, VerifyReport, default_register_path  # noqa: F401
    from store.restore import RestoreReport  # noqa: F401

_WHERE = {
    "canonical_json": "store.digest",
    "sha256_hex": "store.digest",
    "signed_content": "store.digest",
    "ConflictError": "store.errors",
    "CorruptRegisterError": "store.errors",
    "FrozenError": "store.errors",
    "LockedError": "store.errors",
    "NotFoundError": "store.errors",
    "StoreError": "store.errors",
    "Register": "store.register",
    "VerifyReport": "store.register",
    "default_register_path": "store.register",
    "RestoreReport": "store.restore",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:  # submodules (`from store import clock`) are found by the import system
        raise AttributeError(f"module 'store' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})
