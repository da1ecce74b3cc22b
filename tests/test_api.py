"""The public Python API: listed, sorted, and usable from a notebook."""

from __future__ import annotations

import inspect
from pathlib import Path

import rdflib

import policykg


def test_all_is_sorted_and_complete() -> None:
    assert policykg.__all__ == sorted(policykg.__all__)
    public = {
        name
        for name, value in vars(policykg).items()
        if not name.startswith("_") and not inspect.ismodule(value) and name not in {"annotations"}
    }
    assert public - {"Sequence", "Path"} <= set(policykg.__all__)
    for name in policykg.__all__:
        assert hasattr(policykg, name), name


def test_graph_loads_as_rdflib_dataset_with_one_graph_per_document(built_graph: Path) -> None:
    dataset = policykg.load_graph(built_graph)
    assert isinstance(dataset, rdflib.Dataset)
    documents = {str(g.identifier) for g in dataset.graphs() if "/id/doc/" in str(g.identifier)}
    assert len(documents) == 5
    assert len(dataset) > 5000 or sum(len(g) for g in dataset.graphs()) > 5000


def test_query_results_are_rows(built_graph: Path) -> None:
    result = policykg.run_query("agency-workload", built_graph)
    assert result.columns[0] == "unit"
    assert all(isinstance(row, dict) for row in result.rows)
