"""Task-division tables (重点任务分工表): one task per row, its owners from the columns.

A table is a task table when one header names owners (牵头单位 / 责任单位 / 配合单位 …,
words in builders/lexicons/labels.tsv) and another names the measure (重点任务, 工作
任务 …) or numbers the rows (序号). A row's section is its 序号 (1, 2.3, 一) or, without
one, the section holding the table. A row shorter than the header lost its leading cells
to a merged cell above (rowspan): they are taken from the row above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.builders.clause_words import OWNER_COLUMNS, column_meaning
from policykg.builders.deadlines import deadline_like, iso
from policykg.builders.list_items import could_be_unit, mostly_units, split_items
from policykg.builders.model import Document, Span, Table, TableRow, Task

CN_DIGITS = "零一二三四五六七八九十"


@dataclass(frozen=True)
class Cell:
    text: str
    span: Span


@dataclass(frozen=True)
class Row:
    """A body row of a task table, its cells aligned with the header."""

    table: Table
    meaning: tuple[str, ...]  # what each column holds (see labels.tsv), "" if nothing
    cells: tuple[Cell, ...]
    span: Span
    part: str = ""  # the part of the table holding the row ((一) → "1"), "" if none

    def cells_for(self, meaning: str) -> list[Cell]:
        return [c for c, m in zip(self.cells, self.meaning, strict=True) if m == meaning]


def _meanings(table: Table) -> tuple[str, ...] | None:
    meaning = tuple(column_meaning(c) for c in table.columns)
    has_owner = any(m in OWNER_COLUMNS for m in meaning)
    if not has_owner or not ({"task", "number"} & set(meaning)):
        return None
    return meaning


def rows(document: Document) -> list[Row]:
    """Body rows of every task table, in document order."""
    out: list[Row] = []
    for table in document.tables:
        meaning = _meanings(table)
        if meaning is None:
            continue
        if table.layout == "lines":
            out += [Row(table, meaning, _placed(document.source.text, row, meaning), row.span,
                        row.part) for row in table.rows]
            continue
        width = len(meaning)
        above: tuple[Cell, ...] = ()
        for row in table.rows:
            cells = tuple(Cell(t, s) for t, s in zip(row.cells, row.cell_spans, strict=True))
            if len(cells) < width and _numbered(cells, meaning):
                # a numbered row is whole at its start: empty trailing cells were cut
                end = Span(row.span.end, row.span.end)
                cells += tuple(Cell("", end) for _ in range(width - len(cells)))
            if len(cells) < width and len(above) == width:
                cells = above[: width - len(cells)] + cells
            if len(cells) != width:
                continue  # a heading row across the table (一、稳定就业) or a broken row
            above = cells
            # a row read from the right (space_tables) has its owner cells where they belong
            aligned = meaning if table.layout == "spaced" else _realigned(meaning, cells)
            out.append(Row(table, aligned, cells, row.span))
    return out


def _placed(text: str, row: TableRow, meaning: tuple[str, ...]) -> tuple[Cell, ...]:
    """A one-cell-per-line row's lines under their columns, by what they hold: its number,
    the measure (the first line), a deadline (the last line, if it reads as one), and the
    lines listing units, in order under the owner columns — the first under the first
    (牵头单位), the rest under the last (配合单位); the last line under a column of
    assessors (评分部门) after them. Lines naming people (分管领导) or remarks go nowhere."""
    lines = [Cell(t, s) for t, s in zip(row.cells, row.cell_spans, strict=True)]
    slots: dict[str, list[Cell]] = {"number": lines[:1], "task": lines[1:2]}
    rest = lines[2:]
    if rest and "deadline" in meaning and deadline_like(rest[-1].text):
        slots["deadline"], rest = rest[-1:], rest[:-1]
    units = [c for c in rest if mostly_units(c.text)]
    owners = [m for m in meaning if m in OWNER_COLUMNS]
    if owners and len(units) > 1 and "assessor" in meaning and meaning.index("assessor") > max(
            meaning.index(m) for m in owners):
        units = units[:-1]  # the last cell, after the owners', names who scores the measure
    if owners and units:
        slots[owners[0]] = units[:1] if len(owners) > 1 else units
        if len(owners) > 1 and units[1:]:
            slots[owners[-1]] = units[1:]
    end = Span(row.span.end, row.span.end)
    placed = []
    for column, m in enumerate(meaning):
        found = slots.pop(m, []) if m and (m not in OWNER_COLUMNS or column == meaning.index(m)
                                            or m == owners[-1]) else []
        if not found:
            placed.append(Cell("", end))
            continue
        span = Span(found[0].span.start, found[-1].span.end)
        placed.append(Cell(text[span.start : span.end], span))
    return tuple(placed)


def _numbered(cells: tuple[Cell, ...], meaning: tuple[str, ...]) -> bool:
    first = meaning.index("number") if "number" in meaning else -1
    return 0 <= first < len(cells) and bool(_section(cells[first].text))


def _realigned(meaning: tuple[str, ...], cells: tuple[Cell, ...]) -> tuple[str, ...]:
    """The meaning of a row whose owner cells sit one or two columns off their headers.

    A copied table may lose a merged cell (年度目标 spanning 项目内容), shifting the cells
    after it: the owners are read at the step where the most owner cells hold units and
    none holds anything else (no step when they already sit under their headers).
    """
    owners = [k for k, m in enumerate(meaning) if m in OWNER_COLUMNS]
    best, best_filled = 0, -1
    for step in (0, -1, 1, -2, 2):
        moved = [k + step for k in owners]
        if not owners or not all(0 <= k < len(cells) and meaning[k] in ("", *OWNER_COLUMNS)
                                 for k in moved):
            continue
        texts = [cells[k].text for k in moved]
        if all(_units(t) for t in texts if t):
            filled = sum(1 for t in texts if t)
            if filled > best_filled:
                best, best_filled = step, filled
    if best == 0:
        return meaning
    out = ["" if m in OWNER_COLUMNS else m for m in meaning]
    for k in owners:
        out[k + best] = meaning[k]
    return tuple(out)


def _units(text: str) -> bool:
    """Whether a cell is a list of units and nothing else."""
    items = [item for item, _, _ in split_items(text)]
    return bool(items) and all(could_be_unit(item) for item in items)


def _section(cell: str) -> str:
    text = cell.strip().strip("（()）、.．")
    if re.fullmatch(r"\d+(?:[.．]\d+)*", text):
        return ".".join(str(int(n)) for n in re.split(r"[.．]", text))
    if text and all(c in CN_DIGITS for c in text):
        if "十" not in text:
            return str(CN_DIGITS.index(text)) if len(text) == 1 else ""
        tens, _, ones = text.partition("十")
        return str((CN_DIGITS.index(tens) if tens else 1) * 10
                   + (CN_DIGITS.index(ones) if ones else 0))
    return ""


def tasks(document: Document) -> list[Task]:
    out = []
    for row in rows(document):
        if not any(c.text for m in OWNER_COLUMNS for c in row.cells_for(m)):
            continue
        numbers = [_section(c.text) for c in row.cells_for("number")]
        section = next((n for n in numbers if n), "")
        if section and row.part:
            section = f"{row.part}.{section}"  # row 2 of part (一) of the table
        if not section:
            holder = document.section_at(row.table.span.start)
            section = holder.path if holder else ""
        heading = next((c.text for c in row.cells_for("task") if c.text), "")
        out.append(Task(key=f"t{row.span.start}", section=section, heading=heading[:40],
                        span=row.span))
    return out


def row_at(document: Document, span: Span) -> Row | None:
    return next((r for r in rows(document) if r.span == span), None)


def deadline(row: Row) -> str:
    return next((iso(c.text) for c in row.cells_for("deadline") if iso(c.text)), "")

