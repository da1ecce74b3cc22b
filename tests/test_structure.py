"""Numbered sections, tables, paragraphs and sentences of real document conventions.

Each file in cases/structure/ is document text, a line ``# expect``, then one expected
section per line: number path TAB heading (none for an unnumbered text).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from policykg.builders import ingest, structure

CASES = sorted((Path(__file__).parent / "cases" / "structure").glob("*.txt"))


def _case(path: Path) -> tuple[str, list[tuple[str, str]]]:
    text, _, expect = path.read_text("utf-8").partition("# expect\n")
    rows = [tuple(line.split("\t")) for line in expect.splitlines() if line.strip()]
    return text, rows  # type: ignore[return-value]


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_sections_follow_the_numbering(case: Path) -> None:
    text, expected = _case(case)
    document = structure.parse(ingest.from_text(text))
    assert [(s.path, s.heading) for s in document.sections] == expected


def test_section_spans_nest_and_quote_the_marker() -> None:
    text, _ = _case(Path(__file__).parent / "cases" / "structure" / "run-together-and-glued.txt")
    source = ingest.from_text(text)
    document = structure.parse(source)
    by_path = {s.path: s for s in document.sections}
    assert by_path["2"].span.contains(by_path["2.1.3"].span)
    assert not by_path["2.1"].span.contains(by_path["2.2"].span)
    assert source.clean(by_path["2.1.2"].heading_span) == "开发公共部门岗位"
    assert document.section_at(by_path["2.2.1"].heading_span.start) == by_path["2.2.1"]


TABLE = (
    "表2 “十四五”时期就业和社会保障\n\n事业发展主要指标\n\n"
    "\t指标\t“十四五”主要目标\t属性\n"
    "就 业 创 业\t户籍城乡登记失业人数\t每年控制在市政府下达的指标数内\t约束性\n"
    "\t帮助引领成功创业\t每年500人\t约束性\n"
    "\t指标\t“十四五”主要目标\t属性\n"
    "社 会 保 障\t基本养老保险覆盖率\t应保尽保\t预期性\n"
)


def test_tab_table_with_caption_category_column_and_repeated_header() -> None:
    source = ingest.from_text(TABLE)
    (table,) = structure.parse(source).tables
    assert table.caption == "表2“十四五”时期就业和社会保障事业发展主要指标"
    assert table.columns == ("", "指标", "“十四五”主要目标", "属性")
    assert [r.cells[:3] for r in table.rows] == [
        ("就业创业", "户籍城乡登记失业人数", "每年控制在市政府下达的指标数内"),
        ("就业创业", "帮助引领成功创业", "每年500人"),
        ("社会保障", "基本养老保险覆盖率", "应保尽保"),
    ]
    cell = table.rows[1].cell_spans[2]
    assert source.quote(cell) == "每年500人"


def test_sentences_split_on_stops_and_stay_exact() -> None:
    source = ingest.from_text(
        "为做好就业工作,现提出如下意见:\n落实政策。加大投入!稳定岗位;做好服务"
    )
    document = structure.parse(source)
    assert [source.clean(s) for s in document.sentences] == [
        "为做好就业工作,现提出如下意见:",
        "落实政策。",
        "加大投入!",
        "稳定岗位;",
        "做好服务",
    ]
    assert len(document.paragraphs) == 2


CORPUS = Path("/work/shared/corpus")


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not mounted")
@pytest.mark.parametrize(
    ("name", "paths"),
    [
        ("seeds/003_3d31144a4b974985.txt", {"3.1", "4.4", "5.2", "7.3"}),
        ("seeds/004_b5005d3af43a46d5.txt", {"4.1.1", "4.3.6", "5.7", "6.1"}),
        ("dev/national-2018-gf42-nongji.txt", {"2.3", "4.11", "8.20"}),
        ("dev/jiangmen-2023-gxbys.txt", {"2.1.1"}),
    ],
)
def test_corpus_sections(name: str, paths: set[str]) -> None:
    document = structure.parse(ingest.read(CORPUS / name))
    assert paths <= {s.path for s in document.sections}


def test_chinese_numbers_past_one_hundred() -> None:
    assert [structure.cn_number(n) for n in ("九十九", "一百", "一百零五", "一百二十", "二百")] == [
        99, 100, 105, 120, 200]
