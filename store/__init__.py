"""The register on disk: partnerships, assessments, sign-offs, actions, risks."""

from store.digest import canonical_json, sha256_hex, signed_content
from store.errors import ConflictError, CorruptRegisterError, FrozenError, LockedError, NotFoundError, StoreError
from store.register import Register, VerifyReport, default_register_path
from store.restore import RestoreReport

__all__ = [
    "ConflictError",
    "CorruptRegisterError",
    "FrozenError",
    "LockedError",
    "NotFoundError",
    "Register",
    "RestoreReport",
    "StoreError",
    "VerifyReport",
    "canonical_json",
    "default_register_path",
    "sha256_hex",
    "signed_content",
]
