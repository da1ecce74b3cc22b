"""The package installs under one import name, and stages import only what comes before them."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# stage → the policykg subpackages it may import (data flows one way)
ALLOWED = {
    "ontology": set(),
    "builders": {"builders", "ontology"},
    "graph": {"graph", "ontology"},
    "queries": {"queries", "graph", "ontology"},
    "viz": {"viz"},
}


@pytest.mark.parametrize("name", ["graph", "builders", "queries", "viz", "ontology"])
def test_no_generic_top_level_module_is_installed(name: str) -> None:
    spec = importlib.util.find_spec(name)
    assert spec is None or not str(spec.origin or "").startswith(str(ROOT)), spec


def _imported_stages(path: Path) -> set[str]:
    """The policykg subpackages a module imports; "policykg" itself for the top-level API."""
    stages = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "policykg" and parts[1:2] != ["errors"]:  # errors depends on nothing
                stages.add(parts[1] if len(parts) > 1 and parts[1] in ALLOWED else "policykg")
    return stages


@pytest.mark.parametrize("stage", sorted(ALLOWED))
def test_stage_imports_only_earlier_stages(stage: str) -> None:
    for path in sorted((ROOT / stage).rglob("*.py")):
        used = _imported_stages(path)
        assert used <= ALLOWED[stage], (
            f"{path.relative_to(ROOT)} imports {sorted(used - ALLOWED[stage])}"
        )
