"""Every own term the graph uses is declared, labelled in Chinese and English, and explained."""

from __future__ import annotations

from pathlib import Path

import rdflib
from policykg.ontology import PKG
from rdflib.namespace import RDFS

ONTOLOGY = rdflib.Graph().parse(
    Path(__file__).resolve().parent.parent / "ontology" / "policykg.ttl"
)


def _used_terms(built_graph: Path) -> set[str]:
    terms = set()
    for shard in sorted((built_graph / "shards").glob("*.nq")):
        dataset = rdflib.Dataset()
        dataset.parse(shard, format="nquads")
        for _subject, p, o, _graph in dataset.quads():
            terms.update(str(t) for t in (p, o) if str(t).startswith(PKG))
            if p == rdflib.RDF.type:
                terms.add(str(o))
    return {t for t in terms if t.startswith(PKG)}


def test_every_own_term_in_the_seed_graph_is_declared(built_graph: Path) -> None:
    declared = {str(s) for s in ONTOLOGY.subjects() if str(s).startswith(PKG)}
    assert _used_terms(built_graph) - declared == set()


def test_every_own_term_has_zh_and_en_labels_and_a_comment() -> None:
    for term in sorted({s for s in ONTOLOGY.subjects() if str(s).startswith(PKG)}):
        langs = {lit.language for lit in ONTOLOGY.objects(term, RDFS.label)}
        assert {"zh", "en"} <= langs, term
        assert any(True for _ in ONTOLOGY.objects(term, RDFS.comment)), term
