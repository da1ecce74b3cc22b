"""Canned queries over a real on-disk store: headers, columns, answers, safe parameters."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from policykg.builders.rdf import graph_name, to_nquads
from policykg.graph.store import EmbeddedStore
from rdf_sample import cited_facts, seed_facts

from policykg import queries
from policykg.errors import QueryError

ID = "https://w3id.org/policykg/id/"
SOURCE = "003_3d31144a4b974985"
DOC = ID + "doc/青府规发〔2022〕4号"  # a document is named by its 文号, not its file
RSJ = ID + "agency/上海市/青浦区/人力资源社会保障局"
PARAMS = {
    "tasks-of-agency": {"agency": "上海市青浦区人力资源社会保障局"},
    "tasks-for-group": {"group": "graduates"},
    "view-search": {"text": "高校毕业生"},
}
ALL = queries.list_queries()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    folder = tmp_path_factory.mktemp("graph") / "store"
    with EmbeddedStore(folder) as built:
        for facts in (seed_facts(), cited_facts()):
            built.replace_document(graph_name(facts), to_nquads(facts))
    reopened = EmbeddedStore(folder)  # answers come from what reached the disk
    yield reopened
    reopened.close()


def test_the_required_queries_exist() -> None:
    names = {q.name for q in ALL}
    assert {"task-owners", "indicators", "task-groups", "agency-workload", "tasks-of-agency",
            "tasks-for-group", "co-responsibility", "citations", "unowned-tasks",
            "stats"} <= names  # fmt: skip


@pytest.mark.parametrize("query", ALL, ids=lambda q: q.name)
def test_header_is_complete(query: queries.CannedQuery) -> None:
    assert query.title and query.title != query.name
    assert query.description
    assert query.columns and len(set(query.columns)) == len(query.columns)
    assert all(help_text for _, help_text in query.param_help)
    assert set(query.params) <= set(query.columns)  # substitutions need them selected


@pytest.mark.parametrize("query", ALL, ids=lambda q: q.name)
def test_columns_equal_the_result_variables(
    query: queries.CannedQuery, store: EmbeddedStore
) -> None:
    given = PARAMS.get(query.name, {})
    variables, _ = store.query(query.text, {k: queries.bind(v) for k, v in given.items()})
    assert tuple(variables) == query.columns
    rows = queries.run(store, query, given)
    assert rows == queries.run(store, query.name, given)  # deterministic


@pytest.mark.parametrize(
    ("name", "columns"),
    [
        ("task-owners", "source,section,task,unit,unit_label,role"),
        ("indicators", "source,section,metric,value,unit,comparator,period,kind"),
        ("task-groups", "source,section,group,group_label"),
    ],
)
def test_the_scored_answers_have_exactly_the_gold_columns(name: str, columns: str) -> None:
    assert ",".join(queries.load(name).columns) == columns


def test_task_owners(store: EmbeddedStore) -> None:
    rows = queries.run(store, "task-owners")
    assert len(rows) == 6
    assert {
        "source": SOURCE, "section": "4.1", "task": f"{DOC}/task/4.1",
        "unit": RSJ, "unit_label": "上海市青浦区人力资源社会保障局", "role": "responsible",
    } in rows  # fmt: skip


def test_indicators(store: EmbeddedStore) -> None:
    rows = queries.run(store, "indicators")
    assert [(r["section"], r["value"], r["unit"], r["comparator"], r["kind"]) for r in rows] == [
        ("4.1", "400000", "人", ">=", "target"), ("4.2", "70", "%", ">=", "target"),
    ]  # fmt: skip


def test_task_groups_take_the_label_from_the_scheme(store: EmbeddedStore) -> None:
    rows = queries.run(store, "task-groups")
    assert {"source": SOURCE, "section": "4.2", "group": ID + "group/graduates",
            "group_label": "高校毕业生"} in rows  # fmt: skip


def test_citations_meet_the_cited_corpus_document(store: EmbeddedStore) -> None:
    (row,) = queries.run(store, "citations")
    assert (row["cited_number"], row["cited_source"]) == ("沪府规〔2022〕6号", "shanghai_2022_6")


def test_workload_and_co_responsibility(store: EmbeddedStore) -> None:
    workload = {r["unit"]: r for r in queries.run(store, "agency-workload")}
    assert (workload[RSJ]["tasks"], workload[RSJ]["responsible"], workload[RSJ]["lead"]) == (
        "2", "2", "0",
    )  # fmt: skip
    pairs = queries.run(store, "co-responsibility")
    assert pairs[0]["shared_tasks"] == "2"  # 区人社局 and 各街镇 share both tasks


@pytest.mark.parametrize("agency", [RSJ, "上海市青浦区人力资源社会保障局", "区人力资源社会保障局"])
def test_an_agency_is_found_by_iri_full_name_or_mention(store: EmbeddedStore, agency: str) -> None:
    rows = queries.run(store, "tasks-of-agency", {"agency": agency})
    assert [r["section"] for r in rows] == ["4.1", "4.2"]
    assert {r["unit"] for r in rows} == {RSJ}


def test_a_broader_group_finds_tasks_of_its_narrower_groups(store: EmbeddedStore) -> None:
    rows = queries.run(store, "tasks-for-group", {"group": "youth"})
    assert [r["concept"] for r in rows] == [ID + "group/graduates"]


@pytest.mark.parametrize(
    "hostile",
    [
        '区人力资源社会保障局" || true || "',
        '") } UNION { ?unit ?p ?o } #',
        "<https://w3id.org/policykg/id/agency/x> } ; DROP ALL ; SELECT * WHERE {",
        "https://w3id.org/policykg/id/agency/上海市/青浦区/人力资源社会保障局> || true || <x",
        "' } DELETE WHERE { ?s ?p ?o } #",
    ],
)
def test_a_parameter_cannot_change_the_query(store: EmbeddedStore, hostile: str) -> None:
    size = len(store)
    assert queries.run(store, "tasks-of-agency", {"agency": hostile}) == []
    assert queries.run(store, "tasks-for-group", {"group": hostile}) == []
    assert len(store) == size


def test_parameters_are_checked(store: EmbeddedStore) -> None:
    with pytest.raises(QueryError):
        queries.run(store, "tasks-of-agency", {})
    with pytest.raises(QueryError):
        queries.run(store, "task-owners", {"agency": RSJ})
    with pytest.raises(QueryError):
        queries.load("no-such-query")


def test_replacing_a_document_leaves_no_stale_facts(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    graph = graph_name(seed_facts())
    store.replace_document(graph, to_nquads(seed_facts()))
    facts = seed_facts()
    store.replace_document(graph, to_nquads(type(facts)(facts.document, facts.tasks)))
    assert queries.run(store, "task-owners") == []
    assert len(queries.run(store, "unowned-tasks")) == 2
    store.close()


def test_rows_become_csv_json_and_a_table(store: EmbeddedStore, tmp_path: Path) -> None:
    query = queries.load("indicators")
    rows = queries.run(store, query)
    path = queries.write_csv(rows, query.columns, tmp_path / "indicators.csv")
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == ",".join(query.columns)
    assert "全区正规就业人数,400000,人,>=,2022,target" in text
    assert '"metric": "全区正规就业人数"' in queries.to_json(rows, query.columns)
    assert "(2 rows)" in queries.format_table(rows, query.columns)
