"""A typical partnership (7 questionnaires, signed off) built once per module."""

from __future__ import annotations

import pytest

from tests.pdf.builders import typical_register
from wizard.pdf.pack import build_pack


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    """(register, library, partnership id, PackResult) for a signed-off partnership."""
    root = tmp_path_factory.mktemp("signed")
    register, library, pid = typical_register(root / "register")
    return register, library, pid, build_pack(register, library, pid)


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    root = tmp_path_factory.mktemp("draft")
    register, library, pid = typical_register(root / "register", signed=False, name="Draft Partnership")
    return register, library, pid, build_pack(register, library, pid)
