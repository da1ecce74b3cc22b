"""Corpus totals and answers kept current per document: an incremental build ends with the same
bytes as building the same folder from nothing, even after a build stopped half-way."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from policykg.graph.rollup import Totals
from policykg.graph.store import EmbeddedStore
from policykg.graph.summary import SUMMARY_GRAPH, summary_quads

import policykg
from policykg import queries
from policykg.rollups import _csv, _splice

OUTPUTS = ("summary.nq", "rollup.json", "void.ttl", "answers/task-owners.csv",
           "answers/indicators.csv", "answers/task-groups.csv")
NEW_TASK = "\n（九）加强督促检查。区人力资源社会保障局牵头，区财政局、区教育局配合。\n"


def _outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def _fresh(docs: Path, tmp_path: Path) -> dict[str, bytes]:
    fresh = tmp_path / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    policykg.build_corpus([docs], fresh, jobs=1, views=False)
    return _outputs(fresh)


@pytest.fixture
def docs(seeds_dir: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    shutil.copytree(seeds_dir, folder)
    return folder


def test_changing_adding_and_removing_documents_ends_as_a_fresh_build(
    docs: Path, seeds_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    policykg.build_corpus([docs], out, jobs=1, views=False)
    first, *_, last = sorted(docs.glob("*.txt"))
    first.write_text(first.read_text("utf-8") + NEW_TASK, "utf-8")
    shutil.move(last, tmp_path / last.name)
    report = policykg.build_corpus([docs], out, jobs=1, views=False)
    assert sorted(d.status for d in report.documents) == ["built"] + ["unchanged"] * 3
    assert _outputs(out) == _fresh(docs, tmp_path)
    owners = (out / "answers" / "task-owners.csv").read_text("utf-8")
    assert f"{first.stem}," in owners and f"{last.stem}," not in owners

    shutil.move(tmp_path / last.name, last)  # the removed document comes back
    policykg.build_corpus([docs], out, jobs=1, views=False)
    assert _outputs(out) == _fresh(docs, tmp_path)


def test_the_incremental_answers_are_what_the_queries_give_on_the_whole_store(
    docs: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    policykg.build_corpus([docs], out, jobs=1, views=False)
    changed = sorted(docs.glob("*.txt"))[2]
    changed.write_text(changed.read_text("utf-8") + NEW_TASK, "utf-8")
    policykg.build_corpus([docs], out, jobs=1, views=False)
    with EmbeddedStore(out / "store", read_only=True) as store:
        for name in ("task-owners", "indicators", "task-groups"):
            query = queries.load(name)
            whole = queries.to_csv(queries.run(store, query), query.columns)
            assert (out / "answers" / f"{name}.csv").read_text("utf-8") == whole
        counted = sorted(map(str, summary_quads(store.summary_partial())))
        kept = sorted(map(str, _summary_graph(store)))
        assert counted == kept


def _summary_graph(store: EmbeddedStore) -> list[ox.Quad]:
    graph = ox.NamedNode(SUMMARY_GRAPH)
    return list(store._store.quads_for_pattern(None, None, None, graph))


@pytest.mark.parametrize(
    "fault", ["rollup file lost", "answers lost", "partial replaced after the totals"])
def test_a_build_stopped_half_way_is_summed_again(docs: Path, tmp_path: Path, fault: str) -> None:
    out = tmp_path / "out"
    policykg.build_corpus([docs], out, jobs=1, views=False)
    changed = sorted(docs.glob("*.txt"))[1]
    changed.write_text(changed.read_text("utf-8") + NEW_TASK, "utf-8")
    if fault == "rollup file lost":
        (out / "rollup.json").unlink()
    elif fault == "answers lost":
        shutil.rmtree(out / "answers")
    else:  # as if a build wrote this document's new partial, then stopped before its totals
        policykg.build_corpus([docs], tmp_path / "other", jobs=1, views=False)
        shutil.copy(tmp_path / "other" / "partials" / f"{changed.stem}.json",
                    out / "partials" / f"{changed.stem}.json")
    policykg.build_corpus([docs], out, jobs=1, views=False)
    assert _outputs(out) == _fresh(docs, tmp_path)


def test_taking_a_partial_away_undoes_adding_it(built_graph: Path) -> None:
    parts = [json.loads(p.read_text("utf-8"))["summary"]
             for p in sorted((built_graph / "partials").glob("*.json"))]
    assert len(parts) == 5
    totals = Totals.of(parts)
    without_first = Totals.of(parts[1:])
    removed, added = totals.update([parts[0]], [])
    assert totals.data == without_first.data
    # the first document's entries lose counts or go: no summary node appears
    assert removed and {q.subject for q in added} <= {q.subject for q in removed}
    totals.update([], [parts[0]])
    assert totals.data == Totals.of(parts).data
    for part in parts:
        totals.subtract(part)
    assert totals.data == {}


@pytest.mark.parametrize("label", ["区人社局", '区人社局, "一处"\n二处'])
def test_spliced_answers_keep_every_other_row_whatever_its_quoting(
    tmp_path: Path, label: str
) -> None:
    def rows(source: str, n: int) -> list[list[str]]:
        return [[source, f"s{i}", f"{source}-t{i}", "u", label, "lead"] for i in range(n)]

    columns = ("source", "section", "task", "unit", "unit_label", "role")
    before = {"a": rows("a", 2), "b": rows("b", 3), "c": rows("c", 1)}
    target = tmp_path / "task-owners.csv"
    target.write_text(_csv(columns, [r for s in sorted(before) for r in before[s]]), "utf-8")
    new = {"b": {"answers": {"task-owners": rows("b", 1)}},
           "ab": {"answers": {"task-owners": rows("ab", 2)}}}
    after = {"a": before["a"], "ab": rows("ab", 2), "b": rows("b", 1), "c": before["c"]}
    expected = _csv(columns, [r for s in sorted(after) for r in after[s]])
    assert _splice(target, new, "task-owners", {"b", "ab"}) == expected


def _whole(out: Path) -> dict[str, bytes]:
    """The outputs, the shards and each document's graph in the store."""
    found = {**_outputs(out), **{f"shards/{p.name}": p.read_bytes()
                                 for p in sorted((out / "shards").glob("*.nq"))}}
    with EmbeddedStore(out / "store", read_only=True) as store:
        found["store"] = store.nquads().encode("utf-8")
    return found


@pytest.mark.parametrize("added_first", [True, False])
def test_two_files_with_one_doc_number_each_get_an_iri_of_their_own(
    seeds_dir: Path, tmp_path: Path, added_first: bool
) -> None:
    """A reprint of the Qingpu opinion (same 文号, one line more): the file whose SHA-256 sorts
    first keeps the plain IRI, the other gets its hash appended; whichever file comes second,
    the incremental build ends as a build of both from nothing."""
    qingpu = (seeds_dir / "003_3d31144a4b974985.txt").read_text("utf-8")
    texts = {"qingpu.txt": qingpu, "qingpu-reprint.txt": qingpu + "\n(此件公开发布)\n"}
    docs = tmp_path / "docs"
    docs.mkdir()
    both = policykg.build_corpus(
        [_write(docs, texts)], tmp_path / "fresh", jobs=1, views=False)
    graphs = {d.source: (d.sha256, d.graph) for d in both.documents}
    (_, first), (second_sha, second) = sorted(graphs.values())
    plain = "https://w3id.org/policykg/id/doc/青府规发〔2022〕4号"
    assert first == plain and second == f"{plain}~{second_sha[:12]}"
    owners = policykg.run_query("task-owners", tmp_path / "fresh").rows
    assert {row["source"] for row in owners} == {"qingpu", "qingpu-reprint"}

    # the same two files, one built before the other is added
    later = min(texts, key=lambda n: graphs[n.removesuffix(".txt")][0]) if added_first else (
        max(texts, key=lambda n: graphs[n.removesuffix(".txt")][0]))
    shutil.rmtree(docs)
    docs.mkdir()
    out = tmp_path / "out"
    policykg.build_corpus([_write(docs, {k: v for k, v in texts.items() if k != later})], out,
                          jobs=1, views=False)
    policykg.build_corpus([_write(docs, texts)], out, jobs=1, views=False)
    assert _whole(out) == _whole(tmp_path / "fresh")


def test_each_of_many_reprints_built_at_once_holds_its_own_graph(
    seeds_dir: Path, tmp_path: Path
) -> None:
    """Many files with one 文号, built together by two workers: whichever load came last, the
    plain graph in the store ends as the first file's, and each other file has its own."""
    qingpu = (seeds_dir / "003_3d31144a4b974985.txt").read_text("utf-8")
    texts = {f"reprint-{i:02d}.txt": qingpu + "\n" * i + "(此件公开发布)\n" for i in range(12)}
    out = tmp_path / "out"
    report = policykg.build_corpus([_write(tmp_path, texts)], out, jobs=2, views=False)
    graphs = {d.graph for d in report.documents}
    assert len(graphs) == len(texts)
    store = ox.Store.read_only(str(out / "store"))
    for doc in report.documents:
        shard = (out / "shards" / f"{doc.source}.nq").read_text("utf-8")
        in_store = store.quads_for_pattern(None, None, None, ox.NamedNode(doc.graph))
        assert {str(q) for q in in_store} == {
            str(q) for q in ox.parse(shard, format=ox.RdfFormat.N_QUADS)}


def _write(folder: Path, texts: dict[str, str]) -> Path:
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
