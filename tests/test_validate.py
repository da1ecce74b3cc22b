"""SHACL: the graph of a document conforms; each kind of broken fact is reported."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib
from policykg.builders.rdf import graph_name, to_nquads
from policykg.graph.store import EmbeddedStore
from policykg.graph.validate import validate
from policykg.ontology import ONTOLOGY_TTL
from rdf_sample import cited_facts, seed_facts

PKG = "https://w3id.org/policykg/ontology#"
OA = "http://www.w3.org/ns/oa#"


def test_a_built_document_conforms() -> None:
    conforms, text = validate(to_nquads(seed_facts()))
    assert conforms, text


def test_a_whole_store_conforms() -> None:
    store = EmbeddedStore()
    for facts in (seed_facts(), cited_facts()):
        store.replace_document(graph_name(facts), to_nquads(facts))
    conforms, text = validate(store)
    assert conforms, text


def _break(nquads: str, needle: str, replacement: str | None) -> str:
    lines = nquads.splitlines()
    hits = [i for i, line in enumerate(lines) if needle in line]
    assert hits, needle
    if replacement is None:
        del lines[hits[0]]
    else:
        lines[hits[0]] = lines[hits[0]].replace(needle, replacement)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("needle", "replacement", "message"),
    [
        (f"<{OA}exact>", None, "exact quote"),
        (f"<{PKG}RoleResponsible>", f"<{PKG}RoleBoss>", "lead, co or responsible"),
        ('"人"', '""', "non-empty unit"),
        ('">="', '"at least"', "comparator"),
        ('"target"', '"wish"', "target or an actual"),
        ("<http://www.w3.org/2001/XMLSchema#decimal>", "<http://www.w3.org/2001/XMLSchema#string>",
         "decimal value"),
        (f"<{PKG}section>", None, "section path"),
        (f'<{OA}end> "2519"', f'<{OA}end> "2000"', "starts before"),
        (f"<{OA}hasSource>", None, "exactly one document"),
        ('"zh-Hans"^^<http://www.w3.org/2001/XMLSchema#language>',
         '"en"^^<http://www.w3.org/2001/XMLSchema#language>', "zh-Hans or zh-Hant"),
        ("<http://www.w3.org/ns/org#identifier>", None, "org:identifier"),
        ("<http://purl.org/linked-data/cube#dataSet>", None, "qb:DataSet"),
        (f"<{PKG}LevelDistrict>", f"<{PKG}LevelGalactic>", "one level of pkg:Levels"),
    ],
)  # fmt: skip
def test_a_broken_fact_is_reported(needle: str, replacement: str | None, message: str) -> None:
    conforms, text = validate(_break(to_nquads(seed_facts()), needle, replacement))
    assert not conforms
    assert message in text


def _ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_TTL, format="turtle")


def test_every_own_term_is_labelled_in_chinese_and_english_and_explained() -> None:
    graph = _ontology()
    terms = {s for s in graph.subjects() if isinstance(s, rdflib.URIRef) and s.startswith(PKG)}
    assert len(terms) > 20
    for term in sorted(terms):
        langs = {lit.language for lit in graph.objects(term, rdflib.RDFS.label)}
        assert {"zh", "en"} <= langs, term
        assert any(True for _ in graph.objects(term, rdflib.RDFS.comment)), term


def test_every_own_term_the_builder_writes_is_defined() -> None:
    defined = {str(s) for s in _ontology().subjects()}
    used = set(
        re.findall(r"<(https://w3id\.org/policykg/ontology#[^>]+)>", to_nquads(seed_facts()))
    )
    assert used and used <= defined


def test_a_section_outside_its_work_is_reported(built_graph: Path) -> None:
    shard = (built_graph / "shards" / "003_3d31144a4b974985.nq").read_text("utf-8")
    conforms, text = validate(_break(shard, "<http://data.europa.eu/eli/ontology#is_part_of>",
                                     None))
    assert not conforms
    assert "enclosing section or work" in text
