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


def test_query_results_become_a_typed_data_frame(built_graph: Path) -> None:
    import datetime

    result = policykg.run_query("agency-workload", built_graph)
    workload = result.to_pandas()
    assert list(workload.columns) == list(result.columns)
    assert str(workload["tasks"].dtype) == "int64" and workload["tasks"].sum() > 100
    indicators = policykg.run_query("indicators", built_graph).to_pandas()
    assert indicators["value"].dtype.kind in "if" and 400000 in set(indicators["value"])
    documents = policykg.run_query("view-documents", built_graph).records()
    dates = {row["source"]: row["date"] for row in documents}
    assert dates["003_3d31144a4b974985"] == datetime.date(2022, 8, 29)


def test_the_package_ships_its_type_information() -> None:
    import tomllib
    from importlib.resources import files

    assert files("policykg").joinpath("py.typed").is_file()
    root = Path(__file__).resolve().parent.parent
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    assert "py.typed" in config["tool"]["setuptools"]["package-data"]["policykg"]
