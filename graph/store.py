"""Where the graph lives: a small ``Store`` protocol and its embedded pyoxigraph implementation.

Each document is one named graph (its IRI); loading a document replaces that graph, so
a rebuilt document never leaves stale triples. Queries run over the union of all
graphs, which is why the canned queries need no GRAPH clause. The ontology and the
target-group scheme are loaded into graphs of their own so labels and role notations
are queryable next to the facts. After any document changes, the corpus summary
(graph/summary.py) is recomputed before the next query and before the store is closed, so
the aggregate queries reading it never see a stale count; a build instead hands it the
changed quads, worked out from per-document shares (``update_summary``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import pyoxigraph as ox
from policykg.graph import summary
from policykg.graph.values import typed
from policykg.ontology import GROUPS_GRAPH, GROUPS_TTL, ONTOLOGY_GRAPH, ONTOLOGY_TTL

if TYPE_CHECKING:
    import rdflib

Term = ox.NamedNode | ox.Literal
Rows = list[dict[str, str]]


@runtime_checkable
class Store(Protocol):
    """What the queries and the pipeline need from any graph store."""

    def replace_document(self, graph: str, nquads: str) -> None:
        """Load one document's N-Quads, replacing whatever its graph held before."""

    def remove_document(self, graph: str) -> None: ...

    def query(
        self, sparql: str, bindings: Mapping[str, Term] | None = None
    ) -> tuple[list[str], Rows]:
        """Run a SELECT; rows map each variable to its value ("" when unbound)."""
        ...

    def close(self) -> None: ...


def term_text(term: object) -> str:
    """The plain value of a result term: an IRI, a literal's lexical form, ``_:b`` or "";
    a number, date or boolean literal as a ``graph.values.Typed`` string."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return typed(term.value, term.datatype.value)
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)


@functools.cache
def _vocabulary_quads() -> tuple[ox.Quad, ...]:
    """The ontology and the target-group scheme as quads of their own graphs."""
    quads: list[ox.Quad] = []
    for graph, ttl in ((ONTOLOGY_GRAPH, ONTOLOGY_TTL), (GROUPS_GRAPH, GROUPS_TTL)):
        if ttl.exists():
            name = ox.NamedNode(graph)
            for found in ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE):
                quads.append(ox.Quad(found.subject, found.predicate, found.object, name))
    return tuple(quads)


def vocabulary_nquads() -> dict[str, str]:
    """The vocabulary graphs as N-Quads text, by graph name (for pushing them to a server)."""
    grouped: dict[str, list[ox.Quad]] = {}
    for quad in _vocabulary_quads():
        grouped.setdefault(str(quad.graph_name.value), []).append(quad)  # type: ignore[union-attr]
    return {name: bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"").decode("utf-8")
            for name, quads in sorted(grouped.items())}


class EmbeddedStore:
    """A pyoxigraph store in a folder on disk (or in memory when ``path`` is None)."""

    def __init__(
        self, path: Path | None = None, *, read_only: bool = False, keep_summary: bool = True
    ) -> None:
        self.path = path
        self.read_only = read_only
        # a scratch store for one document keeps no summary graph (keep_summary=False)
        self._keeps_summary = keep_summary
        self._summary_stale = False  # set by every document change, cleared by refresh
        if path is None:
            self._store = ox.Store()
        elif read_only:
            self._store = ox.Store.read_only(str(path))
        else:
            path.mkdir(parents=True, exist_ok=True)
            self._store = ox.Store(str(path))
        if not read_only:
            self.load_vocabularies()

    def load_vocabularies(self) -> None:
        """(Re)load the ontology and the target-group scheme into their own graphs."""
        for graph in (ONTOLOGY_GRAPH, GROUPS_GRAPH):
            name = ox.NamedNode(graph)
            if self._store.contains_named_graph(name):
                self._store.remove_graph(name)
        self._store.extend(_vocabulary_quads())  # parsed once per process

    def replace_document(self, graph: str, nquads: str) -> None:
        self.remove_document(graph)
        self._summary_stale = True
        if not nquads.strip():
            return
        if self.path is None:
            # in memory, a plain load of one document is quicker than the bulk loader,
            # which starts threads of its own for every call
            self._store.load(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS, lenient=True)
        else:
            # bulk_load skips the transaction log: the fast path for whole shards
            self._store.bulk_load(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)

    def replace_documents(self, documents: Mapping[str, str], batch_bytes: int = 64 << 20) -> None:
        """Replace many document graphs: their old graphs go first, then one bulk load per batch.

        ``bulk_load`` costs tens of milliseconds per call whatever its size, so thousands of
        documents are loaded in a few large calls instead of one call each.
        """
        batch: list[bytes] = []
        size = 0
        for graph, nquads in sorted(documents.items()):
            self.remove_document(graph)
            data = nquads.encode("utf-8")
            batch.append(data)
            size += len(data)
            if size >= batch_bytes:
                self._bulk(batch)
                batch, size = [], 0
        self._bulk(batch)

    def _bulk(self, batch: list[bytes]) -> None:
        self._summary_stale = True
        data = b"".join(part if part.endswith(b"\n") else part + b"\n" for part in batch if part)
        if data.strip():
            self._store.bulk_load(data, format=ox.RdfFormat.N_QUADS)

    def remove_document(self, graph: str) -> None:
        name = ox.NamedNode(graph)
        if self._store.contains_named_graph(name):
            self._store.remove_graph(name)
            self._summary_stale = True

    def refresh_summary(self, force: bool = False) -> int:
        """Recompute the corpus summary graph if a document changed since (or ``force``);
        returns its size in quads, 0 when it was current."""
        if self.read_only or not self._keeps_summary or not (self._summary_stale or force):
            return 0
        quads = summary.summary_quads(summary.partial(self._store))
        self.replace_summary(quads)
        return len(quads)

    def summary_partial(self) -> summary.Partial:
        """The summary counters of this store's documents (graph/summary.py)."""
        return summary.partial(self._store)

    def update_summary(self, remove: Iterable[ox.Quad], add: Iterable[ox.Quad]) -> None:
        """Apply a summary change worked out elsewhere (graph/rollup.py); it is then current."""
        for quad in remove:
            self._store.remove(quad)
        self._store.extend(list(add))
        self._summary_stale = False

    def replace_summary(self, quads: Iterable[ox.Quad]) -> None:
        """Put ``quads`` in place of the whole summary graph; it is then current."""
        name = ox.NamedNode(summary.SUMMARY_GRAPH)
        if self._store.contains_named_graph(name):
            self._store.remove_graph(name)
        self.update_summary([], quads)

    def summary_nquads(self) -> str:
        """The corpus summary graph as N-Quads, current."""
        self.refresh_summary()
        return summary.nquads(self._store)

    def documents(self) -> list[str]:
        """IRIs of the document graphs (vocabulary graphs left out), sorted."""
        skip = {ONTOLOGY_GRAPH, GROUPS_GRAPH, summary.SUMMARY_GRAPH}
        names = (g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))
        return sorted(n for n in names if n not in skip)

    def query(
        self, sparql: str, bindings: Mapping[str, Term] | None = None
    ) -> tuple[list[str], Rows]:
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(k): v for k, v in sorted((bindings or {}).items())
        }
        self.refresh_summary()
        result = self._store.query(
            sparql, use_default_graph_as_union=True, substitutions=substitutions or None
        )
        if not isinstance(result, ox.QuerySolutions):
            raise ValueError("only SELECT queries return rows")
        variables = [v.value for v in result.variables]
        rows = [{name: term_text(sol[name]) for name in variables} for sol in result]
        return variables, rows

    def nquads(self) -> str:
        """The whole dataset as N-Quads, lines sorted (for validation and export)."""
        self.refresh_summary()
        text = bytes(self._store.dump(format=ox.RdfFormat.N_QUADS) or b"").decode("utf-8")
        return "".join(line + "\n" for line in sorted(text.splitlines()) if line.strip())

    def __len__(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        self.refresh_summary()
        if self.path is not None and not self.read_only:
            self._store.flush()

    def close(self) -> None:
        """Flush and let go of the store, so another process (or object) may open the folder."""
        if hasattr(self, "_store"):
            self.flush()
            del self._store  # pyoxigraph releases the on-disk lock when the object is freed

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def graphs_in(nquads: str) -> list[str]:
    """Names of the graphs an N-Quads text writes into, sorted."""
    parsed = ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    return sorted({q.graph_name.value for q in parsed if isinstance(q.graph_name, ox.NamedNode)})


def triples_by_graph(nquads: str) -> dict[str, str]:
    """N-Quads split into N-Triples per graph name ("" for the default graph), sorted."""
    parsed = ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    grouped: dict[str, list[ox.Triple]] = {}
    for quad in parsed:
        name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
        grouped.setdefault(name, []).append(quad.triple)
    return {
        name: bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
        for name, triples in sorted(grouped.items())
    }


def to_rdflib_dataset(store: EmbeddedStore) -> rdflib.Dataset:
    """The store as an rdflib Dataset, one graph per document, for notebooks (copies all)."""
    import rdflib

    dataset = rdflib.Dataset()
    for name, ntriples in triples_by_graph(store.nquads()).items():
        target = dataset.graph(rdflib.URIRef(name)) if name else dataset.default_graph
        target.parse(data=ntriples, format="nt")
    return dataset


__all__ = [
    "EmbeddedStore",
    "Rows",
    "Store",
    "Term",
    "graphs_in",
    "term_text",
    "to_rdflib_dataset",
    "triples_by_graph",
    "vocabulary_nquads",
]
