"""The served workbench: the real ``policykg serve`` over the built seeds answers like the
embedded store, through its query forms, its SPARQL endpoint and common SPARQL clients."""

from __future__ import annotations

import json
import socket
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from policykg.graph.remote import RemoteStore
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, SPARQLWrapper
from workbench_fixtures import POLICYKG, Served, run_serve

import policykg
from policykg import queries

pytestmark = [pytest.mark.server, pytest.mark.timeout(180)]

PARAMS = {"agency": "上海市人力资源和社会保障局", "group": "youth", "text": "高校毕业生"}
CANNED = queries.list_queries()


def params_of(canned: queries.CannedQuery) -> dict[str, str]:
    return {name: PARAMS[name] for name in canned.params}


@pytest.fixture(scope="module")
def embedded(built_graph: Path) -> dict[str, list[dict[str, str]]]:
    """Every canned query's rows from the embedded store, before anything serves the folder."""
    with policykg.open_store(built_graph) as store:
        return {q.name: queries.run(store, q, params_of(q)) for q in CANNED}


@pytest.fixture(scope="module")
def served(built_graph: Path, embedded: dict) -> Iterator[Served]:
    yield from run_serve(built_graph)


def post(url: str, form: dict[str, str]) -> tuple[int, bytes]:
    body = urllib.parse.urlencode(form).encode("utf-8")
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def rows_of(answer: bytes, columns: tuple[str, ...]) -> list[dict[str, str]]:
    bindings = json.loads(answer)["results"]["bindings"]
    return [{c: b.get(c, {}).get("value", "") for c in columns} for b in bindings]


@pytest.mark.parametrize("canned", CANNED, ids=lambda q: q.name)
def test_every_canned_query_answers_the_same_served_and_embedded(
    canned: queries.CannedQuery, served: Served, embedded: dict
) -> None:
    expected = embedded[canned.name]
    through_endpoint = queries.run(RemoteStore(served.sparql), canned, params_of(canned))
    assert through_endpoint == expected
    status, answer = post(served.url + "api/query", {"name": canned.name, **params_of(canned)})
    assert status == 200
    assert rows_of(answer, canned.columns) == expected  # the form's path gives the same rows


def test_the_canned_queries_with_parameters_find_rows(embedded: dict) -> None:
    assert len(embedded["tasks-of-agency"]) >= 3 and len(embedded["tasks-for-group"]) >= 4


def test_sparqlwrapper_and_rdflib_read_the_served_endpoint(served: Served, embedded: dict) -> None:
    stats = queries.load("stats")
    client = SPARQLWrapper(served.sparql)
    client.setQuery(stats.text)
    client.setReturnFormat(JSON)
    bindings = client.query().convert()["results"]["bindings"]
    counts = {b["kind"]["value"]: b["count"]["value"] for b in bindings}
    assert counts == {row["kind"]: row["count"] for row in embedded["stats"]}
    assert counts["documents"] == "5"

    graph = Graph(store=SPARQLStore(served.sparql, returnFormat="json"))
    owners = queries.load("task-owners")
    rows = [[str(v) for v in row] for row in graph.query(owners.text)]
    assert rows == [[r[c] for c in owners.columns] for r in embedded["task-owners"]]


def test_the_served_workbench_refuses_writes_and_unknown_queries(served: Served) -> None:
    assert post(served.url + "update", {"update": "CLEAR ALL"})[0] == 403
    assert post(served.url + "sparql", {"update": "CLEAR ALL"})[0] in (400, 403)
    assert post(served.url + "api/query", {"name": "../../etc/passwd"})[0] == 404
    assert post(served.url + "api/query", {"name": "tasks-of-agency"})[0] == 400
    status, answer = post(served.url + "api/query", {"name": "stats"})
    assert status == 200 and '"documents"' in answer.decode()


def test_a_hostile_parameter_stays_a_literal(served: Served) -> None:
    hostile = '市民政局" } ?s ?p ?o . # '
    status, answer = post(served.url + "api/query", {"name": "tasks-of-agency", "agency": hostile})
    assert status == 200 and json.loads(answer)["results"]["bindings"] == []


def test_query_endpoint_option_reads_the_served_graph(served: Served, embedded: dict) -> None:
    done = subprocess.run([str(POLICYKG), "query", "task-owners", "--endpoint", served.sparql,
                           "--format", "json"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == embedded["task-owners"]


def test_serve_reports_a_taken_port_and_a_missing_graph(
    served: Served, built_graph: Path, tmp_path: Path
) -> None:
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        taken = subprocess.run([str(POLICYKG), "serve", "--graph", str(built_graph), "--port",
                                str(port)], capture_output=True, text=True, timeout=60)
    assert taken.returncode == 2 and "already taken" in taken.stderr
    missing = subprocess.run([str(POLICYKG), "serve", "--graph", str(tmp_path), "--port", "0"],
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and "no graph built here yet" in missing.stderr
