"""Facts → N-Quads: one named graph per document, stable IRIs, spans with exact quotes."""

from __future__ import annotations

from dataclasses import replace

import pyoxigraph as ox
import pytest
from policykg.builders import iris
from policykg.builders.rdf import graph_name, to_nquads
from rdf_sample import CITED_TITLE, cited_facts, seed_facts

ID = "https://w3id.org/policykg/id/"
DOC = ID + "doc/青府规发〔2022〕4号"
OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#"


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def quads(nquads: str) -> list[ox.Quad]:
    return list(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS))


def objects(nquads: str, subject: str, predicate: str) -> list[str]:
    return sorted(
        q.object.value
        for q in quads(nquads)
        if q.subject.value == subject and q.predicate.value == predicate
    )


def test_same_facts_give_the_same_bytes_in_any_order() -> None:
    facts = seed_facts()
    shuffled = replace(facts, owners=facts.owners[::-1], indicators=facts.indicators[::-1])
    first = to_nquads(facts)
    assert first == to_nquads(seed_facts()) == to_nquads(shuffled)
    lines = first.splitlines()
    assert lines == sorted(set(lines))
    assert first.endswith("\n")


def test_every_triple_lives_in_the_document_graph() -> None:
    graphs = {q.graph_name.value for q in quads(to_nquads(seed_facts()))}
    assert graphs == {DOC} == {graph_name(seed_facts())}


def test_iris_keep_chinese_and_slashes_and_encode_what_iris_forbid() -> None:
    assert iris.agency_iri("上海市/青浦区/人力资源社会保障局") == (
        ID + "agency/上海市/青浦区/人力资源社会保障局"
    )
    assert iris.encode_key("a b#c?d%<e>") == "a%20b%23c%3Fd%25%3Ce%3E"
    doc = iris.document_iri("国发〔2018〕42号")
    assert doc == ID + "doc/国发〔2018〕42号"
    assert iris.task_iri(doc, "3.1") == doc + "/task/3.1"
    assert iris.responsibility_iri(doc, "3.1", "0") == doc + "/resp/3.1/0"


@pytest.mark.parametrize(
    "written", ["沪府规〔2022〕6号", "沪府规[2022]6号", "沪府规（2022）6号", "沪府规 〔2022〕 6号"]
)
def test_one_doc_number_however_its_brackets_are_written(written: str) -> None:
    assert iris.work_key(written, "ignored title") == "沪府规〔2022〕6号"


def test_without_a_number_a_work_is_keyed_by_its_title() -> None:
    assert iris.work_key("", f"《{CITED_TITLE}》") == CITED_TITLE


@pytest.mark.parametrize(
    ("value", "lexical"),
    [(400000.0, "400000"), (3.6, "3.6"), (0.5, "0.5"), (1.54e12, "1540000000000")],
)
def test_values_are_exact_decimals(value: float, lexical: str) -> None:
    assert iris.decimal_lexical(value) == lexical


def test_a_span_is_a_web_annotation_of_the_file_with_offsets_and_the_quote() -> None:
    facts = seed_facts()
    nquads = to_nquads(facts)
    (indicator,) = [q.subject.value for q in quads(nquads) if q.object.value == "70"]
    (span,) = objects(nquads, indicator, PROV + "wasDerivedFrom")
    assert objects(nquads, span, RDF_TYPE) == [OA + "SpecificResource"]
    assert objects(nquads, span, OA + "hasSource") == [DOC]
    position, quote = sorted(objects(nquads, span, OA + "hasSelector"))
    start, end = (int(objects(nquads, position, OA + k)[0]) for k in ("start", "end"))
    # 不少于70% in normalized text, 不少于 70% in the file
    assert objects(nquads, quote, OA + "exact") == ["不少于 70%"]
    assert facts.document.source.raw[start:end] == "不少于 70%"
    (exact,) = [q.object for q in quads(nquads) if q.predicate.value == OA + "exact"
                and q.subject.value == quote]
    assert exact.language == "zh-hans"


def test_indicator_value_is_a_decimal_with_its_unit() -> None:
    nquads = to_nquads(seed_facts())
    (line,) = [line for line in nquads.splitlines() if '"400000"' in line]
    indicator = line.split(" ")[0][1:-1]
    assert line == (f"<{indicator}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#value> "
                    f'"400000"^^<http://www.w3.org/2001/XMLSchema#decimal> <{DOC}> .')
    assert objects(nquads, indicator, "https://w3id.org/policykg/ontology#unit") == ["人"]


def test_responsibility_links_task_unit_and_role() -> None:
    nquads = to_nquads(seed_facts())
    resp = f"{DOC}/resp/4.1/7"
    pkg = "https://w3id.org/policykg/ontology#"
    assert objects(nquads, f"{DOC}/task/4.1", pkg + "hasResponsibility") == [
        f"{DOC}/resp/4.1/0", f"{DOC}/resp/4.1/1", resp,
    ]  # fmt: skip
    assert objects(nquads, resp, pkg + "agency") == [ID + "agency/上海市/青浦区/各街镇"]
    assert objects(nquads, resp, pkg + "role") == [pkg + "RoleResponsible"]
    agency = ID + "agency/上海市/青浦区/各街镇"
    types = objects(nquads, agency, RDF_TYPE)
    assert types == sorted([pkg + "Collective", "http://www.w3.org/ns/org#Organization"])


def test_groups_are_referenced_and_only_new_concepts_described() -> None:
    nquads = to_nquads(seed_facts())
    skos = "http://www.w3.org/2004/02/skos/core#"
    assert objects(nquads, ID + "group/graduates", skos + "prefLabel") == []
    new = ID + "group/older-rural-surplus-labour"
    assert objects(nquads, new, skos + "prefLabel") == ["大龄农村富余劳动力"]
    assert objects(nquads, new, skos + "broader") == [ID + "group/people"]


def test_a_citing_and_a_cited_document_meet_at_one_work() -> None:
    eli = "http://data.europa.eu/eli/ontology#"
    citing, cited = to_nquads(seed_facts()), to_nquads(cited_facts())
    (own_work,) = objects(citing, DOC, eli + "realizes")
    assert own_work == ID + "work/青府规发〔2022〕4号"
    (target,) = objects(citing, own_work, eli + "cites")
    assert objects(cited, graph_name(cited_facts()), eli + "realizes") == [target]
