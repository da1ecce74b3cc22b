"""The gold-free coverage figure: every responsibility-shaped clause of a document (a
bracket or label line with a responsibility word, a task-table row) is accounted for —
the owners read from it, and when none were, why.

tests/cases/clauses/*.txt: header lines (``# file: .txt|.md|.html``), a whole document,
``# expect``, then one row per clause in text order: owners read, the reason given when
no owner was read ("" otherwise; matched as the start of the reason given), and the
first line of the clause as it reads in the normalized text (the rest of the row).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from policykg.builders import extract
from policykg.builders.agencies import find_owners
from policykg.builders.model import Document, DocumentMeta, Source, Span, Task
from policykg.graph.notebook import cell

CASES = sorted((Path(__file__).parent / "cases" / "clauses").glob("*.txt"))


def _case(path: Path, tmp: Path) -> tuple[Path, list[list[str]]]:
    text, expect = path.read_text("utf-8").split("# expect\n")
    head = dict(line[2:].split(":", 1) for line in text.splitlines()
                if line.startswith("# ") and ":" in line)
    body = "\n".join(line for line in text.splitlines() if not line.startswith("# ")) + "\n"
    file = tmp / ("doc" + head.get("file", ".txt").strip())
    file.write_text(body, "utf-8")
    return file, [line.split("\t", 2) for line in expect.splitlines() if line.strip()]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_clause_case(path: Path, tmp_path: Path) -> None:
    file, expected = _case(path, tmp_path)
    facts = extract(file)
    source = facts.document.source
    got = [[str(c.owners), c.reason, source.clean(c.span).split("\n")[0]]
           for c in facts.clauses]
    assert len(got) == len(expected), got
    for row, want in zip(got, expected, strict=True):
        assert [row[0], row[2]] == [want[0], want[2]]
        assert row[1].startswith(want[1]) and bool(row[1]) == bool(want[1]), row


def test_each_unread_item_names_its_text_and_place(tmp_path: Path) -> None:
    file, _ = _case(CASES[0], tmp_path)
    facts = extract(file)
    source = facts.document.source
    unread = [u for c in facts.clauses for u in c.unread]
    assert unread, "the case has items that are not units"
    for item in unread:
        assert source.clean(item.span) == item.mention
        assert item.reason


# --- one item of a list, read or not, never costs the other items their owners ----------

UNITS = ["市人力资源社会保障局", "市财政局", "市教育局", "市民政局", "市商务局", "市科技局",
         "市总工会", "团市委", "各区人民政府", "各镇（街道）", "市直各有关部门",
         "某某新材料产业园管理处", "有关的若干社会组织", "市审改办"]
SHAPES = ["（责任单位：{}）", "（牵头单位：{}；配合单位：{}）", "（{}负责）", "（{}牵头，{}配合）",
          "（{}按职责分工负责）", "（{}等负责，列第一位者为牵头单位）", "（{}牵头，{}参加）"]


def _owners(text: str) -> set[str]:
    source = Source(id="p", path="p.txt", raw=text, text=text,
                    offsets=tuple(range(len(text) + 1)))
    document = Document(source, DocumentMeta(issuers=("广州市人民政府",)), (), (), (), ())
    owners = find_owners(document, (Task("1", "1", "", Span(0, len(text))),))
    return {o.mention for o in owners}


def _clause(shape: str, slots: list[list[str]]) -> str:
    return "开展工作。" + shape.format(*("、".join(units) for units in slots))


@settings(max_examples=200, deadline=None)
@given(shape=st.sampled_from(SHAPES),
       units=st.lists(st.sampled_from(UNITS), min_size=3, max_size=7, unique=True),
       split=st.integers(min_value=1, max_value=6), drop=st.integers(min_value=0, max_value=6))
def test_deleting_one_item_keeps_the_other_owners(shape: str, units: list[str], split: int,
                                                  drop: int) -> None:
    split = min(split, len(units) - 1)
    slots = [units[:split], units[split:]] if shape.count("{}") == 2 else [units]
    dropped = units[drop % len(units)]
    fewer_slots = [[u for u in slot if u != dropped] for slot in slots]
    if not all(fewer_slots):
        return  # the deletion emptied one side of a two-slot clause: a different clause
    before = _owners(_clause(shape, slots))
    after = _owners(_clause(shape, fewer_slots))
    assert before - {dropped} <= after  # deleting the item costs the others nothing
    assert after <= before  # and having it there (read or not) cost them nothing either


def test_the_build_reports_and_the_queries_list_what_was_not_read(tmp_path: Path) -> None:
    import json

    import policykg

    file, _ = _case(CASES[0], tmp_path)
    report = policykg.build_corpus([file], tmp_path / "out", views=False)
    assert report.owner_coverage() == {"marked": 4, "read": 2, "share": 0.5}
    written = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
    assert written["owner_coverage"] == report.owner_coverage()
    unread = written["documents"][0]["owner_clauses"]["unread"]
    raw = file.read_text("utf-8")
    assert [raw[u["start"] : u["end"]] for u in unread] == [u["quote"] for u in unread] == [
        "市人力资源社会保障局负责统计", "由企业负责"]
    rows = policykg.run_query("unread-owner-clauses", tmp_path / "out").rows
    assert [(r["clause"], r["owners_read"], r["unread_items"]) for r in rows] == [
        ("市人力资源社会保障局负责统计", "0", ""),
        ("由企业负责", "0", "由企业（not a unit name）"),
        ("牵头单位：市民政局；配合单位：市财政局、有关的若干社会组织", "2",
         "有关的若干社会组织（not a unit name）")]
    coverage = policykg.run_query("owner-coverage", tmp_path / "out").rows
    assert [(r["clauses"], r["read"]) for r in coverage] == [("4", "2")]
    # the same rows from a notebook's rdflib Dataset, the query text as it is
    dataset = policykg.load_graph(tmp_path / "out")
    for name, embedded in (("unread-owner-clauses", rows), ("owner-coverage", coverage)):
        query = next(q for q in policykg.canned_queries() if q.name == name)
        answer = dataset.query(query.text)
        assert [{c: cell(r[c]) for c in query.columns} for r in answer] == embedded, name


SHARED = Path("/work/shared/corpus")


@pytest.mark.skipif(not SHARED.exists(), reason="shared corpus not mounted")
def test_real_pages_build_and_their_owner_clauses_are_read(tmp_path: Path) -> None:
    """54 State Council pages as the portal serves them, with the seeds and the dev
    documents: nothing fails, and at least 98% of the marked clauses give owners."""
    import policykg

    report = policykg.build_corpus([SHARED / "seeds", SHARED / "dev", SHARED / "gov-raw"],
                                   tmp_path / "out", views=False)
    assert not report.failed, [(d.path, d.problem) for d in report.failed]
    coverage = report.owner_coverage()
    assert coverage["marked"] >= 100
    assert coverage["read"] >= 0.98 * coverage["marked"], coverage
