"""The corpus summary graph: the aggregate queries read it and answer as counting every fact
would; it follows every change of the documents; listings page without changing."""

from __future__ import annotations

from pathlib import Path

import pytest
from policykg.builders.rdf import graph_name, to_nquads
from policykg.graph.store import EmbeddedStore
from policykg.graph.summary import SUMMARY_GRAPH
from rdf_sample import cited_facts, seed_facts

from policykg import queries
from policykg.errors import QueryError

AGGREGATES = ("agency-workload", "co-responsibility", "group-coverage", "stats")
REFERENCES = sorted((Path(__file__).parent / "fixtures" / "aggregates").glob("*.rq"))


def _counts(store: EmbeddedStore) -> dict[str, str]:
    return {row["kind"]: row["count"] for row in queries.run(store, "stats")}


@pytest.mark.parametrize("reference", REFERENCES, ids=lambda p: p.stem)
def test_the_summary_answers_as_counting_every_fact(built_graph: Path, reference: Path) -> None:
    with EmbeddedStore(built_graph / "store", read_only=True) as store:
        expected = queries.run(store, queries.load(reference))
        assert expected, "the seeds have units, pairs, groups and counts"
        assert queries.run(store, reference.stem) == expected


def test_the_summary_follows_added_and_removed_documents(tmp_path: Path) -> None:
    seed, cited = seed_facts(), cited_facts()
    with EmbeddedStore(tmp_path / "store") as store:
        store.replace_document(graph_name(seed), to_nquads(seed))
        one = _counts(store)
        store.replace_document(graph_name(cited), to_nquads(cited))
        two = _counts(store)
        store.remove_document(graph_name(seed))
        assert [c["documents"] for c in (one, two, _counts(store))] == ["1", "2", "1"]
        assert SUMMARY_GRAPH not in store.documents()
        left = {name: queries.run(store, name) for name in AGGREGATES}
    with EmbeddedStore() as fresh:  # the one document left, loaded alone
        fresh.replace_document(graph_name(cited), to_nquads(cited))
        assert {name: queries.run(fresh, name) for name in AGGREGATES} == left


def test_a_reopened_store_keeps_the_summary_of_its_last_change(tmp_path: Path) -> None:
    seed = seed_facts()
    with EmbeddedStore(tmp_path / "store") as store:
        store.replace_document(graph_name(seed), to_nquads(seed))
    with EmbeddedStore(tmp_path / "store", read_only=True) as reopened:
        assert _counts(reopened)["tasks"] == str(len(seed.tasks))


def test_the_build_writes_the_summary_graph_beside_the_shards(built_graph: Path) -> None:
    text = (built_graph / "summary.nq").read_text(encoding="utf-8")
    assert text and all(line.endswith(f"<{SUMMARY_GRAPH}> .") for line in text.splitlines())


@pytest.mark.parametrize("name", ["task-owners", "indicators", "task-groups"])
def test_a_page_is_a_slice_of_the_whole_answer(built_graph: Path, name: str) -> None:
    with EmbeddedStore(built_graph / "store", read_only=True) as store:
        whole = queries.run(store, name)
        assert queries.run(store, name, limit=7, offset=5) == whole[5:12]
        assert queries.run(store, name, offset=len(whole) - 2) == whole[-2:]
        assert queries.run(store, name, limit=None) == whole


def test_a_page_must_be_counted_in_whole_numbers() -> None:
    with pytest.raises(QueryError):
        queries.page("SELECT * WHERE { ?s ?p ?o }", limit=-1)
