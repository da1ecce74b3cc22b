"""SHACL validation of a shard, an N-Quads text or a whole store (ontology/shapes.ttl).

The ontology is passed as pySHACL's ontology graph so subclass facts (a collective is an
org:Organization) count; the shapes themselves say what each fact must carry.
"""

from __future__ import annotations

from pathlib import Path

import rdflib
from policykg.graph.store import EmbeddedStore, triples_by_graph
from policykg.ontology import ONTOLOGY_TTL, SHAPES_TTL
from pyshacl import validate as shacl_validate


def _data_graph(nquads: str) -> rdflib.Graph:
    """All quads as one graph: the shapes speak about the union, as the queries do."""
    union = rdflib.Graph()
    for ntriples in triples_by_graph(nquads).values():
        union.parse(data=ntriples, format="nt")
    return union


def validate(data: EmbeddedStore | Path | str) -> tuple[bool, str]:
    """Check a store, a shard file or N-Quads text; return (conforms, report text)."""
    if isinstance(data, EmbeddedStore):
        nquads = data.nquads()
    elif isinstance(data, Path):
        nquads = data.read_text(encoding="utf-8")
    else:
        nquads = data
    shapes = rdflib.Graph().parse(SHAPES_TTL, format="turtle")
    ontology = rdflib.Graph().parse(ONTOLOGY_TTL, format="turtle")
    conforms, _report_graph, text = shacl_validate(
        _data_graph(nquads),
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        abort_on_first=False,
        allow_warnings=False,
    )
    return bool(conforms), str(text)


__all__ = ["validate"]
