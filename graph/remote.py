"""The ``Store`` protocol over HTTP: query any SPARQL 1.1 endpoint, push document graphs.

Reads go through SPARQLWrapper and come back as the same rows the embedded store gives
(``term_text``: IRIs and literal lexical forms as plain strings, "" when unbound), so
``policykg.queries.run`` works unchanged against a remote store. Parameters are bound by
serialising each value as an escaped RDF term (``policykg.graph.bind``).

Writes use the SPARQL 1.1 Graph Store HTTP Protocol when a ``gsp_url`` is given (Fuseki
``/ds/data``, GraphDB ``/repositories/R/rdf-graphs/service``, Virtuoso
``/sparql-graph-crud``, Oxigraph ``/store``): ``PUT ?graph=<document IRI>`` with the
graph's triples as N-Triples, which replaces the document's graph when it is rebuilt.
Without one, SPARQL Update (``DROP`` + ``INSERT DATA``) at ``update_url`` does the same.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping

import pyoxigraph as ox
from policykg.graph.bind import bind
from policykg.graph.store import Rows, Term
from policykg.graph.values import typed
from SPARQLWrapper import JSON, POST, SPARQLWrapper

USER_AGENT = "policykg"


class RemoteStoreError(RuntimeError):
    """The endpoint refused or failed a request; the message carries its answer."""


class RemoteStore:
    """A SPARQL endpoint (and optionally its update / graph-store endpoints) as a Store."""

    def __init__(
        self,
        endpoint_url: str,
        update_url: str | None = None,
        gsp_url: str | None = None,
        *,
        timeout_s: float = 60.0,
    ) -> None:
        self.endpoint_url = endpoint_url
        self.update_url = update_url
        self.gsp_url = gsp_url
        self.timeout_s = timeout_s

    def query(
        self, sparql: str, bindings: Mapping[str, Term] | None = None
    ) -> tuple[list[str], Rows]:
        """Run a SELECT; rows map each variable to its value ("" when unbound)."""
        client = SPARQLWrapper(self.endpoint_url, agent=USER_AGENT)
        client.setMethod(POST)  # canned queries can be long; POST has no URL length limit
        client.setReturnFormat(JSON)
        client.setTimeout(int(self.timeout_s))
        client.setQuery(bind(sparql, bindings))
        try:
            answer = client.query().convert()
        except json.JSONDecodeError as error:
            # Oxigraph stops streaming results when its --timeout-s fires mid-answer.
            raise RemoteStoreError(
                f"the answer from {self.endpoint_url} was cut short "
                f"(the server's query time-out?): {error}"
            ) from error
        except Exception as error:  # SPARQLWrapper raises a family of unrelated errors
            raise RemoteStoreError(f"query failed at {self.endpoint_url}: {error}") from error
        if not isinstance(answer, dict) or "results" not in answer:
            raise ValueError("only SELECT queries return rows")
        variables = list(answer["head"].get("vars", []))
        rows = [
            {name: _value(solution.get(name)) for name in variables}
            for solution in answer["results"]["bindings"]
        ]
        return variables, rows

    def replace_document(self, graph: str, nquads: str) -> None:
        """Load one document's N-Quads, replacing whatever its graph held before.

        Quads in ``graph`` replace it; quads in other graphs are added to those graphs,
        as the embedded store does.
        """
        by_graph = _ntriples_by_graph(nquads)
        self._replace(graph, by_graph.pop(graph, ""))
        for other in sorted(by_graph):
            self._add(other, by_graph[other])

    def push(self, nquads_by_document: Mapping[str, str]) -> int:
        """Replace each document's graph on the server; returns how many were pushed."""
        for graph in sorted(nquads_by_document):
            self.replace_document(graph, nquads_by_document[graph])
        return len(nquads_by_document)

    def remove_document(self, graph: str) -> None:
        if self.gsp_url:
            self._request("DELETE", self._graph_url(graph), b"", None, missing_ok=True)
        else:
            self._update(f"DROP SILENT GRAPH <{_checked_iri(graph)}>")

    def close(self) -> None:
        """Nothing to release: every request opens and closes its own connection."""

    def _replace(self, graph: str, ntriples: str) -> None:
        if self.gsp_url:
            self._request(
                "PUT", self._graph_url(graph), ntriples.encode("utf-8"), "application/n-triples"
            )
        else:
            name = _checked_iri(graph)
            self._update(
                f"DROP SILENT GRAPH <{name}> ;\nINSERT DATA {{ GRAPH <{name}> {{\n{ntriples}}} }}"
            )

    def _add(self, graph: str, ntriples: str) -> None:
        if self.gsp_url:
            self._request(
                "POST", self._graph_url(graph), ntriples.encode("utf-8"), "application/n-triples"
            )
        else:
            target = "{\n%s}" if graph == "" else f"{{ GRAPH <{_checked_iri(graph)}> {{\n%s}} }}"
            self._update("INSERT DATA " + target % ntriples)

    def _graph_url(self, graph: str) -> str:
        assert self.gsp_url is not None
        query = "default" if graph == "" else urllib.parse.urlencode({"graph": graph})
        separator = "&" if "?" in self.gsp_url else "?"
        return f"{self.gsp_url}{separator}{query}"

    def _update(self, sparql: str) -> None:
        if not self.update_url:
            raise RemoteStoreError("this remote store has neither a gsp_url nor an update_url")
        body = urllib.parse.urlencode({"update": sparql}).encode("utf-8")
        self._request("POST", self.update_url, body, "application/x-www-form-urlencoded")

    def _request(
        self,
        method: str,
        url: str,
        body: bytes,
        content_type: str | None,
        *,
        missing_ok: bool = False,
    ) -> None:
        headers = {"User-Agent": USER_AGENT}
        if content_type:
            headers["Content-Type"] = content_type
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s):
                return
        except urllib.error.HTTPError as error:
            if missing_ok and error.code == 404:
                return
            detail = error.read().decode("utf-8", "replace").strip()[:300]
            raise RemoteStoreError(f"{method} {url} → HTTP {error.code}: {detail}") from error
        except urllib.error.URLError as error:
            raise RemoteStoreError(f"{method} {url} failed: {error.reason}") from error


def _value(binding: Mapping[str, str] | None) -> str:
    """A SPARQL JSON result term as ``store.term_text`` writes it."""
    if binding is None:
        return ""
    if binding.get("type") == "bnode":
        return f"_:{binding['value']}"
    value = str(binding.get("value", ""))
    return typed(value, binding.get("datatype")) if binding.get("type") == "literal" else value


def _ntriples_by_graph(nquads: str) -> dict[str, str]:
    """The quads grouped by graph IRI ("" = default graph), each as sorted N-Triples."""
    lines: dict[str, list[str]] = {}
    for quad in ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS):
        name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
        lines.setdefault(name, []).append(f"{quad.triple} .\n")
    return {name: "".join(sorted(triples)) for name, triples in lines.items()}


def _checked_iri(iri: str) -> str:
    """The IRI itself, after making sure it cannot break out of ``<...>`` in an update."""
    return ox.NamedNode(iri).value
