"""The bundled seed documents in, the facts an analyst expects out (through the built store)."""

from __future__ import annotations

from pathlib import Path

import pytest

import policykg

QINGPU_OPINION = "003_3d31144a4b974985"
PUTUO_PLAN = "004_b5005d3af43a46d5"
SHANGHAI_NEWS = "002_ab5297cfb2c8d4aa"


def rows(graph: Path, name: str, **params: str) -> list[dict[str, str]]:
    return policykg.run_query(name, graph, params).rows


def test_responsibility_list_gives_one_owner_per_unit_with_full_names(built_graph: Path) -> None:
    owners = [
        r
        for r in rows(built_graph, "task-owners")
        if r["source"] == QINGPU_OPINION and r["section"] == "3.1"
    ]
    labels = {r["unit_label"] for r in owners}
    assert {
        "上海市青浦区发展和改革委员会",
        "上海市青浦区经济委员会",
        "上海市青浦区财政局",
    } <= labels
    # a collective is an owner of its own, named as written, kept under its district
    towns = [r for r in owners if r["unit_label"] == "各街镇"]
    assert len(towns) == 1 and "/上海市/青浦区/" in towns[0]["unit"]
    assert {r["role"] for r in owners} == {"responsible"}


def test_abbreviation_and_full_name_are_one_agency_node(built_graph: Path) -> None:
    """区人社局 and 区人力资源社会保障局 are written in different sections of 003."""
    owners = [r for r in rows(built_graph, "task-owners") if r["source"] == QINGPU_OPINION]
    iris = {r["unit"] for r in owners if r["unit_label"].endswith("人力资源和社会保障局")}
    assert len(iris) == 1


def test_bureau_plan_marks_the_bureau_as_implied_owner(built_graph: Path) -> None:
    implied = [r for r in rows(built_graph, "implied-owners") if r["source"] == PUTUO_PLAN]
    assert {r["unit_label"] for r in implied} == {"上海市普陀区人力资源和社会保障局"}
    assert {r["section"] for r in implied} >= {"4.1.1", "5.1"}


def test_running_text_target_is_normalised(built_graph: Path) -> None:
    """2022年全区正规就业不少于40万人."""
    found = [
        r
        for r in rows(built_graph, "indicators")
        if r["source"] == QINGPU_OPINION and r["value"] == "400000"
    ]
    assert [(r["unit"], r["comparator"], r["period"], r["kind"]) for r in found] == [
        ("人", ">=", "2022", "target")
    ]


def test_indicator_table_row_keeps_its_attribute(built_graph: Path) -> None:
    """表2: 完成补贴性职业技能培训 | 每年3.6万人 | 约束性."""
    query = """
    PREFIX pkg: <https://w3id.org/policykg/ontology#>
    PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
    SELECT ?value ?unit ?period ?attribute WHERE {
      ?i a pkg:Indicator ; rdf:value ?value ; pkg:unit ?unit ; pkg:period ?period ;
         pkg:attribute ?attribute .
      FILTER(?value = 36000)
    }"""
    found = policykg.run_query(query, built_graph).rows
    assert {(r["unit"], r["period"], r["attribute"]) for r in found} == {("人", "每年", "约束性")}


def test_two_documents_citing_one_plan_meet_at_one_node(built_graph: Path) -> None:
    cited = {
        r["source"]: r["cited"]
        for r in rows(built_graph, "citations")
        if r["cited_title"] == "上海市就业和社会保障“十四五”规划"
    }
    assert set(cited) == {SHANGHAI_NEWS, PUTUO_PLAN}
    assert len(set(cited.values())) == 1


def test_document_number_citation(built_graph: Path) -> None:
    cites = [r for r in rows(built_graph, "citations") if r["source"] == QINGPU_OPINION]
    assert "沪府规〔2022〕6号" in {r["cited_number"] for r in cites}


@pytest.mark.parametrize("name", ["task-owners", "indicators", "task-groups"])
def test_every_fact_leads_back_to_its_sentence(built_graph: Path, name: str) -> None:
    """Each fact's span offsets cut its exact quote out of the decoded original file."""
    query = """
    PREFIX prov: <http://www.w3.org/ns/prov#>
    PREFIX oa: <http://www.w3.org/ns/oa#>
    PREFIX dcterms: <http://purl.org/dc/terms/>
    SELECT ?source ?start ?end ?exact WHERE {
      ?fact prov:wasDerivedFrom ?span .
      ?span a oa:SpecificResource ; oa:hasSource ?doc ;
            oa:hasSelector [ oa:start ?start ; oa:end ?end ] , [ oa:exact ?exact ] .
      ?doc dcterms:identifier ?source .
    }"""
    spans = policykg.run_query(query, built_graph).rows
    assert len(spans) > 300
    texts = {p.stem: p.read_text("utf-8") for p in (built_graph / "texts").glob("*.txt")}
    for span in spans:
        original = texts[span["source"]][int(span["start"]) : int(span["end"])]
        assert original == span["exact"], span


def test_seed_graph_conforms_to_the_shapes(built_graph: Path) -> None:
    conforms, report = policykg.validate_graph(built_graph)
    assert conforms, report


# every responsibility clause of the seeds is read: this one answers on
# tests/test_owner_clauses.py's documents instead
EMPTY_WHEN_ALL_IS_WELL = {"unread-owner-clauses"}


@pytest.mark.parametrize("query", policykg.canned_queries(), ids=lambda q: q.name)
def test_every_canned_query_answers_with_its_declared_columns(
    built_graph: Path, query: policykg.CannedQuery
) -> None:
    params = {p: "上海市青浦区人力资源和社会保障局" for p in query.params}
    result = policykg.run_query(query.name, built_graph, params)
    assert result.columns == query.columns
    assert all(tuple(row) == query.columns for row in result.rows)
    if not query.params and query.name not in EMPTY_WHEN_ALL_IS_WELL:
        assert result.rows, f"{query.name} found nothing in the seeds"
