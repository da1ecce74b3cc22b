"""``policykg export`` and ``policykg push`` on the built seeds: every format reads back."""

from __future__ import annotations

import subprocess
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from policykg.graph.remote import RemoteStore
from policykg.graph.serve import Server
from policykg.graph.store import graphs_in
from policykg.graph.summary import SUMMARY_GRAPH
from policykg.ontology import GROUPS_GRAPH, ONTOLOGY_GRAPH
from workbench_fixtures import POLICYKG

import policykg
from policykg import queries

pytestmark = pytest.mark.timeout(180)


def export(graph: Path, fmt: str, out: Path, *extra: str) -> Path:
    done = subprocess.run([str(POLICYKG), "export", "--graph", str(graph), "--format", fmt,
                           "--out", str(out), *extra], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.parametrize("fmt,rdflib_format,quads", [
    ("turtle", "turtle", False), ("ntriples", "nt", False), ("nquads", "nquads", True),
    ("trig", "trig", True), ("jsonld", "json-ld", True),
])
def test_rdf_exports_hold_the_graph(
    built_graph: Path, tmp_path: Path, fmt: str, rdflib_format: str, quads: bool
) -> None:
    with policykg.open_store(built_graph) as store:
        lines = store.nquads().splitlines()
    path = export(built_graph, fmt, tmp_path / f"graph.{fmt}")
    dataset = rdflib.Dataset()
    dataset.parse(path, format=rdflib_format)
    if quads:
        assert len(list(dataset.quads((None, None, None, None)))) == len(lines)
    else:
        assert len(dataset) == len({line.rsplit(" ", 2)[0] for line in lines})
    assert export(built_graph, fmt, tmp_path / f"again.{fmt}").read_bytes() == path.read_bytes()


def test_network_exports_carry_the_measures(built_graph: Path, tmp_path: Path) -> None:
    graphml = nx.read_graphml(export(built_graph, "graphml", tmp_path / "agencies.graphml"))
    gexf = nx.read_gexf(export(built_graph, "gexf", tmp_path / "agencies.gexf"))
    assert graphml.number_of_nodes() == gexf.number_of_nodes() > 10
    assert graphml.number_of_edges() == gexf.number_of_edges() > 10
    node = next(iter(graphml.nodes(data=True)))[1]
    assert {"label", "degree", "betweenness", "community"} <= set(node)


def test_table_exports_hold_the_query_rows(built_graph: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    with policykg.open_store(built_graph) as store:
        rows = queries.run(store, queries.load("task-owners"), {})
    csv_text = export(built_graph, "csv", tmp_path / "o.csv", "--query", "task-owners")
    assert csv_text.read_text(encoding="utf-8") == queries.to_csv(rows, list(rows[0]))
    sheet = load_workbook(export(built_graph, "xlsx", tmp_path / "o.xlsx", "--query",
                                 "task-owners")).active
    values = [[cell or "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert values == [list(rows[0])] + [list(row.values()) for row in rows]
    done = subprocess.run([str(POLICYKG), "export", "--graph", str(built_graph), "--format",
                           "csv", "--out", str(tmp_path / "x.csv")], capture_output=True, text=True)
    assert done.returncode == 2 and "--query" in done.stderr


@pytest.mark.server
def test_push_sends_one_named_graph_per_document(
    built_graph: Path, writable_server: Server
) -> None:
    for _ in range(2):  # pushing again replaces, never appends
        done = subprocess.run([str(POLICYKG), "push", "--endpoint", writable_server.store_url,
                               "--graph", str(built_graph)], capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, done.stderr
    remote = RemoteStore(writable_server.url)
    _, rows = remote.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } "
                           "GROUP BY ?g ORDER BY ?g")
    shards = sorted((built_graph / "shards").glob("*.nq"))
    others = {row["g"]: row for row in rows if "/id/doc/" not in row["g"]}
    rows = [row for row in rows if "/id/doc/" in row["g"]]
    # the corpus summary graph and the vocabularies the queries read go with the documents
    assert sorted(others) == sorted([SUMMARY_GRAPH, ONTOLOGY_GRAPH, GROUPS_GRAPH])
    summary = others[SUMMARY_GRAPH]
    assert int(summary["n"]) == len((built_graph / "summary.nq").read_text().splitlines())
    by_graph = {graphs_in(s.read_text())[0]: len(s.read_text().splitlines()) for s in shards}
    assert {row["g"]: int(row["n"]) for row in rows} == by_graph


def test_gexf_is_the_same_bytes_on_any_day(built_graph: Path, tmp_path: Path) -> None:
    first = export(built_graph, "gexf", tmp_path / "a.gexf").read_bytes()
    assert b"lastmodifieddate" not in first  # the day of the run would change the bytes
    assert export(built_graph, "gexf", tmp_path / "b.gexf").read_bytes() == first


def test_xlsx_holds_numbers_as_numbers(built_graph: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    sheet = load_workbook(export(built_graph, "xlsx", tmp_path / "w.xlsx", "--query",
                                 "agency-workload")).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    tasks = header.index("tasks")
    assert rows and all(isinstance(row[tasks], int) for row in rows)
    assert all(isinstance(row[header.index("unit_label")], str) for row in rows)
