"""The ``Store`` protocol over an rdflib Dataset: the canned queries in a notebook.

``policykg.load_graph`` gives an rdflib ``Dataset`` with one named graph per document and
no union default graph (rdflib's default). The canned queries name their graphs, so
``dataset.query(text)`` answers them as it is; this adapter also binds parameters (escaped
terms, as for a remote endpoint) and returns rows as the other stores do, so
``policykg.queries.run`` and the lookups work on the Dataset unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox
import rdflib
from policykg.graph.store import Rows, Term
from policykg.graph.values import typed


def cell(term: object) -> str:
    """An rdflib result term as the other stores write it (see ``store.term_text``)."""
    if term is None:
        return ""
    if isinstance(term, rdflib.BNode):
        return f"_:{term}"
    if isinstance(term, rdflib.Literal):
        return typed(str(term), str(term.datatype) if term.datatype else None)
    return str(term)


def rdflib_term(term: Term) -> rdflib.term.Identifier:
    """A pyoxigraph IRI or literal as the same rdflib term."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    datatype = rdflib.URIRef(term.datatype.value) if not term.language else None
    return rdflib.Literal(term.value, lang=term.language, datatype=datatype)


class DatasetStore:
    """Read-only queries over an rdflib ``Dataset`` (no writes: it is a notebook's copy)."""

    def __init__(self, dataset: rdflib.Dataset) -> None:
        self.dataset = dataset

    def query(
        self, sparql: str, bindings: Mapping[str, Term] | None = None
    ) -> tuple[list[str], Rows]:
        # rdflib evaluates pre-bound variables (initBindings) where the query groups by them,
        # which it cannot do for the escaped constant a text substitution puts there
        initial = {k: rdflib_term(v) for k, v in (bindings or {}).items()}
        result = self.dataset.query(sparql, initBindings=initial)
        if result.type != "SELECT":
            raise ValueError("only SELECT queries return rows")
        variables = [str(v) for v in result.vars or []]
        rows = [{name: cell(row[name]) for name in variables}  # type: ignore[index,call-overload]
                for row in result]
        return variables, rows

    def replace_document(self, graph: str, nquads: str) -> None:
        raise NotImplementedError("a loaded Dataset is read-only here; rebuild and load again")

    def remove_document(self, graph: str) -> None:
        raise NotImplementedError("a loaded Dataset is read-only here; rebuild and load again")

    def close(self) -> None:
        """Nothing to release."""


__all__ = ["DatasetStore", "cell"]
