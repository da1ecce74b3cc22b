"""Indicator tables: 指标 | 单位 | “十三五”目标 | 完成情况 | 属性.

Each numeric cell of a goal or result column is one indicator of the row's metric.
A goal column and a result column of the same row share ``Indicator.pair`` so the
graph can say "target 300, achieved 536". Column roles come from header words in
lexicons/indicator-words.tsv (column-target, column-actual, column-unit, …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.builders.indicator_reading import comparator
from policykg.builders.indicator_words import DocTime, find_periods, words
from policykg.builders.model import Document, Indicator, Span, Table
from policykg.builders.numbers import Quantity, find_quantities

BARE_NUMBER = re.compile(r"\d+(?:\.\d+)?")
ATTRIBUTES = ("约束性", "预期性")
UNIT_IN_BRACKETS = re.compile(r"[(（]([^()（）]{1,6})[)）]$")


@dataclass(frozen=True)
class Columns:
    metric: int
    unit: int | None
    attribute: int | None
    values: tuple[tuple[int, str, str], ...]  # (column, kind, period)


def _has(header: str, role: str) -> bool:
    return any(w in header for w in words(role))


def classify(table: Table, time: DocTime) -> Columns | None:
    headers = [re.sub(r"\s+", "", h) for h in table.columns]
    unit = next((i for i, h in enumerate(headers) if h in words("column-unit")), None)
    attribute = next((i for i, h in enumerate(headers) if _has(h, "column-attribute")), None)
    values = []
    for i, header in enumerate(headers):
        if i in (unit, attribute):
            continue
        periods = find_periods(header, time.year)
        period = periods[-1].label if periods else ""
        if _has(header, "column-actual"):
            values.append((i, "actual", period))
        elif _has(header, "column-target"):
            values.append((i, "target", period))
        elif periods and header.strip("“”年()") in (p.label for p in periods):
            tense = time.tense(periods[-1])
            values.append((i, "actual" if tense == "past" else "target", period))
    taken = {unit, attribute, *(i for i, _, _ in values)}
    metric = next((i for i, h in enumerate(headers)
                   if i not in taken and _has(h, "column-metric")), None)
    if metric is None or not values:
        return None
    return Columns(metric, unit, attribute, tuple(values))


def _cell_quantities(cell: str, unit_cell: str) -> list[Quantity]:
    found = [q for q in find_quantities(cell) if q.unit_kind not in ("duration", "age", "")]
    if found or not unit_cell:
        return found
    # a bare number in a cell takes the unit column: "每年500" with 单位 "人"
    out = []
    for m in BARE_NUMBER.finditer(cell):
        for q in find_quantities(m.group(0) + unit_cell):
            if q.start == 0:
                out.append(Quantity(m.start(), m.end(), q.value, q.unit, q.unit_kind, False,
                                    q.number_text, q.multiplier))
                break
    return out


def _cell(cells: tuple[str, ...], column: int | None) -> str:
    """The stripped text of ``column`` in a row, '' when the row is too short."""
    return cells[column].strip() if column is not None and column < len(cells) else ""


def _bracketed_unit(metric: str) -> str:
    m = UNIT_IN_BRACKETS.search(metric)
    return m.group(1) if m else ""


def _offset(document: Document, span: Span, cell: str, q: Quantity) -> Span:
    if document.source.text[span.start: span.end] == cell:
        return Span(span.start + q.start, span.start + q.end)
    return span


def table_indicators(document: Document, table: Table, number: int,
                     time: DocTime) -> list[Indicator]:
    cols = classify(table, time)
    if cols is None:
        return []
    caption_periods = find_periods(table.caption, time.year)
    out: list[Indicator] = []
    for row_no, row in enumerate(table.rows):
        if cols.metric >= len(row.cells):
            continue
        metric = re.sub(r"\s+", "", row.cells[cols.metric])
        # no unit column: 人才资源总量（万人） states the unit in the metric's brackets
        unit_cell = _cell(row.cells, cols.unit) or _bracketed_unit(metric)
        # 约束性, [约束性], 〔预期性〕: the attribute word whatever brackets surround it
        attribute = next((a for a in ATTRIBUTES if a in _cell(row.cells, cols.attribute)), "")
        in_metric = find_quantities(metric)
        found = []
        for col, kind, period in cols.values:
            if col >= len(row.cells):
                continue
            cell = row.cells[col]
            for q in _cell_quantities(cell, unit_cell):
                comp = comparator(cell[: q.start], cell, q, q.end)
                same = [m for m in in_metric if (m.value, m.unit) == (q.value, q.unit)]
                if comp == "=" and same:
                    comp = comparator(metric[: same[0].start], metric, same[0], same[0].end)
                when = "每年" if "每年" in cell[: q.start] else period
                if not when and caption_periods:
                    when = caption_periods[-1].label
                span = _offset(document, row.cell_spans[col], cell, q)
                found.append((span, q, comp, kind, when))
        kinds = {kind for _, _, _, kind, _ in found}
        pair = f"table{number}.row{row_no + 1}" if kinds == {"target", "actual"} else ""
        for span, q, comp, kind, when in found:
            section = document.section_at(span.start)
            out.append(Indicator(
                metric=metric, value=q.value, unit=q.unit, comparator=comp,  # type: ignore[arg-type]
                period=when, kind=kind, span=span,  # type: ignore[arg-type]
                section=section.path if section else "", attribute=attribute, pair=pair))
    return out


def column_kinds(tables: tuple[Table, ...], time: DocTime) -> list[tuple[Span, str]]:
    """Cells of tables that are not indicator tables, with the kind their column header
    gives (1-10月推进情况 → actual, 全年目标任务 → target); cells of other columns left out."""
    out: list[tuple[Span, str]] = []
    for table in tables:
        if classify(table, time) is not None:
            continue
        for col, header in enumerate(table.columns):
            kind = ("actual" if _has(header, "column-actual")
                    else "target" if _has(header, "column-target") else "")
            if kind:
                out.extend((row.cell_spans[col], kind) for row in table.rows
                           if col < len(row.cell_spans))
    return out
