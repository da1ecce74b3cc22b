"""Shared fixtures: the bundled seed documents, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def built_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds built into a fresh output folder (graph, store, answers, views)."""
    import policykg

    out = tmp_path_factory.mktemp("build")
    report = policykg.build_corpus([SEEDS], out, jobs=1, views=True)
    assert not report.failed, report.failed
    return out
