"""Every part of the wizard has its place in the layers contract (pyproject's import-linter
configuration): a module left out of it may import anything, and the contract would not say."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_wizard_module_and_package_is_in_a_layer():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    layers = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")["layers"]
    placed = {name.strip() for layer in layers for name in layer.split("|")}
    parts = {
        f"wizard.{path.stem if path.is_file() else path.name}"
        for path in (ROOT / "wizard").iterdir()
        if (path.suffix == ".py" and not re.match(r"__\w+__", path.stem))
        or (path.is_dir() and (path / "__init__.py").exists())
    }
    assert parts - placed == set(), "add these to a layer in pyproject.toml (and ARCHITECTURE.md)"
