"""The canned queries travel: plain SPARQL 1.1 that gives the embedded store's rows on a plain
Oxigraph server (no union default graph) after ``policykg push``, and on the rdflib Dataset a
notebook gets from ``policykg.load_graph`` without touching ``default_union``.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from policykg.graph.notebook import DatasetStore, cell
from policykg.graph.serve import Server
from rdflib.plugins.sparql import prepareQuery
from workbench_fixtures import POLICYKG

import policykg
from policykg import queries

pytestmark = pytest.mark.timeout(300)
CANNED = queries.list_queries()
PARAMS = {"agency": "区人社局", "group": "youth", "text": "高校毕业生"}


def params_of(query: queries.CannedQuery) -> dict[str, str]:
    return {name: PARAMS[name] for name in query.params}


@pytest.fixture(scope="module")
def embedded(built_graph: Path) -> dict[str, list[dict[str, str]]]:
    """Every canned query's rows on the embedded store: the reference."""
    return {q.name: policykg.run_query(q.name, built_graph, params_of(q)).rows for q in CANNED}


@pytest.mark.parametrize("query", CANNED, ids=lambda q: q.name)
def test_every_canned_query_is_sparql_that_rdflib_parses(query: queries.CannedQuery) -> None:
    prepareQuery(query.text)


def test_the_reference_rows_are_not_empty(embedded: dict[str, list[dict[str, str]]]) -> None:
    empty = sorted(name for name, rows in embedded.items() if not rows)
    # every responsibility clause of the seeds is read; tests/test_owner_clauses.py runs
    # this one on documents where it has rows, embedded and on an rdflib Dataset alike
    assert empty == ["unread-owner-clauses"]


def test_a_notebook_dataset_answers_every_canned_query_like_the_store(
    built_graph: Path, embedded: dict[str, list[dict[str, str]]]
) -> None:
    dataset = policykg.load_graph(built_graph)
    assert isinstance(dataset, rdflib.Dataset) and not dataset.default_union
    for query in CANNED:
        if query.params:  # parameters bound and looked up as on the other stores
            rows = queries.run(DatasetStore(dataset), query, params_of(query))
        else:  # the query text as it is, as a notebook user would paste it
            result = dataset.query(query.text)
            rows = [{v: cell(row[v]) for v in query.columns} for row in result]  # type: ignore[index,call-overload]
        assert rows == embedded[query.name], query.name


@pytest.fixture
def plain_server(tmp_path: Path) -> Iterator[Server]:
    """A writable Oxigraph server without --union-default-graph."""
    server = Server(tmp_path / "remote", read_only=False, union_default_graph=False).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.server
def test_push_then_query_the_endpoint_gives_the_embedded_rows(
    built_graph: Path, plain_server: Server, embedded: dict[str, list[dict[str, str]]]
) -> None:
    done = subprocess.run([str(POLICYKG), "push", "--endpoint", plain_server.store_url,
                           "--graph", str(built_graph)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    for query in CANNED:
        remote = policykg.run_query(query.name, params=params_of(query),
                                    endpoint=plain_server.url)
        assert remote.rows == embedded[query.name], query.name
    by_command = [
        subprocess.run([str(POLICYKG), "query", "task-owners", *where, "--format", "csv"],
                       capture_output=True, text=True, timeout=120).stdout
        for where in (("--endpoint", plain_server.url), ("--graph", str(built_graph)))]
    assert by_command[0] == by_command[1] and by_command[0].count("\n") > 100


@pytest.mark.server
def test_a_plain_read_only_server_over_the_store_answers_alike(
    built_graph: Path, embedded: dict[str, list[dict[str, str]]]
) -> None:
    with Server(built_graph / "store", union_default_graph=False) as server:
        for query in CANNED:
            remote = policykg.run_query(query.name, params=params_of(query), endpoint=server.url)
            assert remote.rows == embedded[query.name], query.name
