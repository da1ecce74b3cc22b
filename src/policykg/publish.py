"""``policykg push``: a built graph sent to any SPARQL 1.1 Graph Store, graph by graph.

Each document's shard becomes one named graph (its document IRI); the corpus summary graph
and the two vocabulary graphs (the ontology, with the role concepts the queries read their
notations from, and the target-group scheme with its labels and broader links) go along, so
every canned query answers on the server as it does on the embedded store, without a union
default graph.
"""

from __future__ import annotations

from pathlib import Path

from policykg.errors import PolicyKGError
from policykg.graph.remote import RemoteStore, RemoteStoreError
from policykg.graph.store import graphs_in, vocabulary_nquads
from policykg.graph.summary import SUMMARY_GRAPH
from policykg.pipeline import require_graph
from policykg.rollups import SUMMARY_FILE


class PushError(PolicyKGError):
    """The graph could not be pushed: no graph built, or the endpoint refused a request."""


def push_graph(graph_dir: Path | str, endpoint: str) -> int:
    """PUT each document's graph (``graph_dir/shards/*.nq``) to a SPARQL 1.1 Graph Store
    Protocol endpoint, then the corpus summary and the vocabulary graphs; returns how many
    documents were pushed."""
    try:
        shards = sorted((require_graph(Path(graph_dir)) / "shards").glob("*.nq"))
    except PolicyKGError as error:
        raise PushError(str(error)) from None
    documents: dict[str, str] = {}
    for shard in shards:
        text = shard.read_text(encoding="utf-8")
        names = [g for g in graphs_in(text) if g]
        if names:
            documents[names[0]] = text  # a shard holds its document's graph alone
    summary = Path(graph_dir) / SUMMARY_FILE
    try:
        remote = RemoteStore(endpoint, gsp_url=endpoint)
        pushed = remote.push(documents)
        if summary.is_file():
            remote.replace_document(SUMMARY_GRAPH, summary.read_text(encoding="utf-8"))
        for graph, nquads in sorted(vocabulary_nquads().items()):
            remote.replace_document(graph, nquads)
        return pushed
    except RemoteStoreError as error:
        raise PushError(str(error)) from None


__all__ = ["PushError", "push_graph"]
