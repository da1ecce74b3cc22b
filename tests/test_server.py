"""A real Oxigraph SPARQL server answers exactly like the embedded store, and refuses writes.

Servers run on 127.0.0.1 on free ports and are stopped by PID when each fixture ends.
"""

from __future__ import annotations

import os
import socket
import sys
import time
import urllib.error
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from policykg.graph.bind import bind
from policykg.graph.remote import RemoteStore, RemoteStoreError
from policykg.graph.serve import Server, ServerError, free_port
from policykg.graph.store import EmbeddedStore, Store
from policykg.ontology import DCTERMS, sparql_prefixes
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from server_fixtures import DOC_A, DOC_B, DOCUMENTS, build_store
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from policykg import queries

pytestmark = pytest.mark.timeout(120)


@pytest.fixture(scope="module")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("store") / "store")


@pytest.fixture(scope="module")
def embedded_store(built_store: Path) -> Iterator[EmbeddedStore]:
    """The same graph opened in memory, the reference the server must agree with."""
    store = EmbeddedStore()
    for graph in sorted(DOCUMENTS):
        store.replace_document(graph, DOCUMENTS[graph])
    yield store
    store.close()


@pytest.fixture(scope="module")
def sparql_server(built_store: Path) -> Iterator[Server]:
    """A read-only server over ``built_store`` on a free loopback port."""
    server = Server(built_store, query_timeout_s=10).start()
    try:
        yield server
    finally:
        server.stop()


QUERIES = {
    "tasks with lead and co": sparql_prefixes()
    + """
        SELECT ?task ?title ?lead ?co WHERE {
          ?task a pkg:Task ; dcterms:title ?title ;
                pkg:hasResponsibility [ pkg:role pkg:RoleLead ; pkg:agency/skos:prefLabel ?lead ] .
          OPTIONAL { ?task pkg:hasResponsibility [ pkg:role pkg:RoleCo ; pkg:agency ?co ] }
        } ORDER BY ?task""",
    "numbers and language tags": sparql_prefixes()
    + """
        SELECT ?doc ?title ?value (LANG(?title) AS ?lang) ?start ?order ?missing WHERE {
          ?task dcterms:isPartOf ?doc ; dcterms:title ?title ;
                prov:wasDerivedFrom/oa:start ?start ; pkg:hasResponsibility/pkg:order ?order .
          ?indicator pkg:task ?task ; rdf:value ?value .
          OPTIONAL { ?doc pkg:nothing ?missing }
        } ORDER BY ?doc ?order""",
    "count per graph": """
        SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g""",
}
LEAD_OF = (
    sparql_prefixes()
    + """
    SELECT DISTINCT ?agency ?task ?quote WHERE {
      ?task pkg:hasResponsibility [ pkg:role pkg:RoleLead ; pkg:agency/skos:prefLabel ?agency ] ;
            prov:wasDerivedFrom/oa:exact ?quote .
    } ORDER BY ?task"""
)
CANNED_PARAMS = {"agency": "市人力资源社会保障局", "group": "youth", "text": "就业"}


def test_the_remote_store_is_a_store() -> None:
    assert isinstance(RemoteStore("http://127.0.0.1:7878/query"), Store)


@pytest.mark.server
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_remote_answers_equal_embedded_answers(
    name: str, sparql_server: Server, embedded_store: EmbeddedStore
) -> None:
    expected = embedded_store.query(QUERIES[name])
    assert expected[1], "the reference query must return rows to compare"
    assert RemoteStore(sparql_server.url).query(QUERIES[name]) == expected


@pytest.mark.server
def test_sparqlwrapper_and_rdflib_clients_read_the_union_default_graph(
    sparql_server: Server, embedded_store: EmbeddedStore
) -> None:
    query = QUERIES["tasks with lead and co"]
    _, expected = embedded_store.query(query)
    client = SPARQLWrapper(sparql_server.url)
    client.setQuery(query)
    client.setReturnFormat(JSON)
    bindings = client.query().convert()["results"]["bindings"]
    assert [row["lead"]["value"] for row in bindings] == [row["lead"] for row in expected]
    assert bindings[0]["title"]["xml:lang"] == "zh"

    graph = Graph(store=SPARQLStore(sparql_server.url, returnFormat="json"))
    rows = [[str(value) for value in row] for row in graph.query(query)]
    assert rows == [[row[v] for v in ("task", "title", "lead", "co")] for row in expected]


@pytest.mark.server
def test_a_bound_parameter_selects_the_same_rows_remotely(
    sparql_server: Server, embedded_store: EmbeddedStore
) -> None:
    lead = {"agency": ox.Literal("市人力资源社会保障局", language="zh")}
    expected = embedded_store.query(LEAD_OF, lead)
    assert [row["task"] for row in expected[1]] == [DOC_A + "/task/1"]
    assert RemoteStore(sparql_server.url).query(LEAD_OF, lead) == expected


@pytest.mark.server
@pytest.mark.parametrize("canned", queries.list_queries(), ids=lambda q: q.name)
def test_every_canned_query_runs_unchanged_against_the_server(
    canned: queries.CannedQuery, sparql_server: Server, embedded_store: EmbeddedStore
) -> None:
    params = {name: CANNED_PARAMS[name] for name in canned.params}
    remote = queries.run(RemoteStore(sparql_server.url), canned, params)
    assert remote == queries.run(embedded_store, canned, params)


@pytest.mark.server
def test_a_hostile_parameter_is_only_ever_a_literal(sparql_server: Server) -> None:
    hostile = {"agency": ox.Literal('市民政局"@zh } ?task ?p ?o . # ', language="zh")}
    assert RemoteStore(sparql_server.url).query(LEAD_OF, hostile) == (
        ["agency", "task", "quote"],
        [],
    )


def test_binding_writes_escaped_terms_where_the_grammar_allows_them() -> None:
    query = "SELECT ?x (STR(?x) AS ?s) WHERE { ?t ?p ?x FILTER(?x != '?x') } ORDER BY ?x"
    term = '"a\\"b } #"'  # the quote escaped, so the brace and hash stay inside the literal
    assert bind(query, {"x": Literal('a"b } #')}) == (
        f"SELECT ({term} AS ?x) (STR(({term})) AS ?s) WHERE "
        f"{{ ?t ?p {term} FILTER({term} != '?x') }} ORDER BY ({term})"
    )
    assert bind("SELECT ?d WHERE { ?d ?p ?o }", {"d": URIRef(DOC_B)}) == (
        f"SELECT (<{DOC_B}> AS ?d) WHERE {{ <{DOC_B}> ?p ?o }}"
    )
    with pytest.raises(ValueError, match="assigns"):
        bind("SELECT ?n WHERE { BIND(1 AS ?n) }", {"n": 2})
    with pytest.raises(ValueError, match="variable name"):
        bind("SELECT ?n WHERE {}", {"n}": 2})


@pytest.mark.server
def test_the_read_only_server_rejects_sparql_update(sparql_server: Server) -> None:
    client = SPARQLWrapper(sparql_server.url, updateEndpoint=sparql_server.update_url)
    client.setMethod(POST)
    client.setQuery(f"DROP GRAPH <{DOC_A}>")
    with pytest.raises(urllib.error.HTTPError) as refused:
        client.query()
    assert refused.value.code == 403
    remote = RemoteStore(sparql_server.url, gsp_url=sparql_server.store_url)
    with pytest.raises(RemoteStoreError, match="403"):
        remote.replace_document(DOC_A, "")
    assert remote.query(QUERIES["count per graph"])[1] != []
    assert remote.query(f"SELECT ?s WHERE {{ GRAPH <{DOC_A}> {{ ?s ?p ?o }} }} LIMIT 1")[1]


@pytest.mark.server
def test_a_runaway_query_is_cut_off_by_the_server_time_out(built_store: Path) -> None:
    runaway = """SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i
                 FILTER(STRLEN(CONCAT(STR(?c), STR(?f), STR(?i))) < 0) }"""
    with Server(built_store, query_timeout_s=1) as server:
        started = time.monotonic()
        with pytest.raises(RemoteStoreError, match="cut short"):
            RemoteStore(server.url, timeout_s=60).query(runaway)
        assert time.monotonic() - started < 30


@pytest.mark.server
def test_stop_ends_the_process_by_pid(built_store: Path) -> None:
    server = Server(built_store).start()
    pid = server.pid
    server.stop()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    server.stop()  # a second stop is harmless


@pytest.mark.server
def test_a_taken_port_is_a_clear_error(built_store: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        with pytest.raises(ServerError, match=f"port {port} .* already taken"):
            Server(built_store, port=port).start()


@pytest.mark.server
def test_no_graph_built_yet_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ServerError, match="no graph built yet"):
        Server(tmp_path / "never-built").start()
    with pytest.raises(ServerError, match="no graph built yet"):
        Server(tmp_path).start()


@pytest.mark.server
def test_a_server_dying_at_start_up_is_reported_with_its_reason(tmp_path: Path) -> None:
    (tmp_path / "CURRENT").write_text("MANIFEST-999999\n")  # a store folder that is not one
    with pytest.raises(ServerError, match=r"exited at start-up.*Error:"):
        Server(tmp_path, port=free_port()).start()


def test_a_missing_oxigraph_binary_is_a_clear_error(
    built_store: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ServerError, match="pip install oxigraph"):
        Server(built_store).start()


def _graph_contents(store: RemoteStore) -> dict[str, list[str]]:
    _, rows = store.query("SELECT ?g ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g ?o")
    contents: dict[str, list[str]] = {}
    for row in rows:
        contents.setdefault(row["g"], []).append(row["o"])
    return contents


@pytest.mark.server
@pytest.mark.parametrize("protocol", ["graph store", "sparql update"])
def test_pushing_a_document_again_replaces_its_graph(
    protocol: str, writable_server: Server
) -> None:
    if protocol == "graph store":
        remote = RemoteStore(writable_server.url, gsp_url=writable_server.store_url)
    else:
        remote = RemoteStore(writable_server.url, update_url=writable_server.update_url)
    assert remote.push(DOCUMENTS) == 2
    first = _graph_contents(remote)
    assert sorted(first) == [DOC_A, DOC_B]
    assert len(first[DOC_A]) == DOCUMENTS[DOC_A].count("\n")

    changed = DOCUMENTS[DOC_A].replace("市人力资源社会保障局", "市就业促进中心")
    remote.push({DOC_A: changed})
    second = _graph_contents(remote)
    assert second[DOC_B] == first[DOC_B]
    assert len(second[DOC_A]) == len(first[DOC_A])  # replaced, not appended
    assert "市人力资源社会保障局" not in second[DOC_A] and "市就业促进中心" in second[DOC_A]
    lead = {"agency": ox.Literal("市就业促进中心", language="zh")}
    assert [row["task"] for row in remote.query(LEAD_OF, lead)[1]] == [DOC_A + "/task/1"]

    remote.remove_document(DOC_A)
    assert sorted(_graph_contents(remote)) == [DOC_B]


@pytest.mark.server
def test_a_pushed_graph_reads_back_as_the_embedded_store_reads_it(
    writable_server: Server, embedded_store: EmbeddedStore
) -> None:
    remote = RemoteStore(writable_server.url, gsp_url=writable_server.store_url)
    remote.push(DOCUMENTS)
    query = QUERIES["numbers and language tags"]
    assert remote.query(query) == embedded_store.query(query)
    label = f"SELECT ?l WHERE {{ <{DOC_A}/task/1> <{DCTERMS}title> ?l }}"
    assert remote.query(label) == embedded_store.query(label)
