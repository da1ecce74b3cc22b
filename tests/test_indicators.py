"""Indicators: each case under cases/indicators/ is document text, then `# expect`, then
one line per indicator: value, unit, comparator, kind and period."""

from __future__ import annotations

from pathlib import Path

import pytest
from policykg.builders import indicators, ingest, structure
from policykg.builders.numbers import format_value

CASES = sorted((Path(__file__).parent / "cases" / "indicators").glob("*.txt"))


def _read_case(path: Path) -> tuple[str, list[tuple[str, ...]]]:
    text, _, expect = path.read_text("utf-8").partition("# expect\n")
    rows = [tuple(line.split("\t")) for line in expect.splitlines() if line.strip()]
    return text, rows


def _extract(text: str, tmp_path: Path) -> list[tuple[str, ...]]:
    doc = tmp_path / "case.txt"
    doc.write_text(text, "utf-8")
    document = structure.parse(ingest.read(doc))
    return [(format_value(i.value), i.unit, i.comparator, i.kind, i.period)
            for i in indicators.find(document, ())]


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case(case: Path, tmp_path: Path) -> None:
    text, expected = _read_case(case)
    found = _extract(text, tmp_path)
    assert sorted(found) == sorted(expected)


def test_figures_keep_their_place_in_the_text(tmp_path: Path) -> None:
    text = "一、目标\n到2025年，城镇新增就业不少于40万人。\n"
    doc = tmp_path / "d.txt"
    doc.write_text(text, "utf-8")
    document = structure.parse(ingest.read(doc))
    (found,) = indicators.find(document, ())
    assert document.source.clean(found.span) == "40万人"
    assert found.section == "1"


def test_same_document_same_indicators(tmp_path: Path) -> None:
    case = CASES[0]
    text, _ = _read_case(case)
    assert _extract(text, tmp_path) == _extract(text, tmp_path)


def test_plan_table_attributes_whatever_the_brackets(tmp_path: Path) -> None:
    text, _ = _read_case(CASES[0].parent / "plan-table-unit-in-the-metric.txt")
    doc = tmp_path / "plan.txt"
    doc.write_text(text, "utf-8")
    found = indicators.find(structure.parse(ingest.read(doc)), ())
    assert [(i.value, i.attribute) for i in found] == [
        (120e4, "预期性"), (150e4, "预期性"), (2.1, "约束性"), (2.5, "约束性")]
    assert len({i.pair for i in found}) == 2


def test_metric_labels_drop_list_markers_and_lead_verbs(tmp_path: Path) -> None:
    text = ("某区二〇二四年主要目标分解方案\n\n一、主要目标\n\n"
            "1.（一）地区生产总值增长6%左右。\n（二）实现一般公共预算收入增长5%。\n"
            "（三）完成固定资产投资增长8%以上。\n")
    doc = tmp_path / "d.txt"
    doc.write_text(text, "utf-8")
    found = indicators.find(structure.parse(ingest.read(doc)), ())
    assert [i.metric for i in found] == [
        "地区生产总值增长", "一般公共预算收入增长", "固定资产投资增长"]


def test_a_range_is_one_figure_quoted_whole(tmp_path: Path) -> None:
    text = "一、目标\n到2024年，争创3至5个市级示范园区。\n"
    doc = tmp_path / "d.txt"
    doc.write_text(text, "utf-8")
    document = structure.parse(ingest.read(doc))
    (found,) = indicators.find(document, ())
    assert document.source.clean(found.span) == "3至5个"
    assert (found.value, found.comparator, found.metric) == (3, ">=", "争创市级示范园区")
