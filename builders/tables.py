"""Tables in normalized text: runs of tab-separated lines under an optional caption.

A caption is a paragraph starting with 表 and a number (表 1 / 表2 / 附表1), possibly
continued by one short line. The first row is the header; a row repeating the header
(a table continued on a new page) is skipped. Empty cells of a left category column
("就 业 创 业" spanning several rows) take the category from the row above, with that
row's cell span.
"""

from __future__ import annotations

import re

from policykg.builders.model import Span, Table, TableRow

_CAPTION = re.compile(r"^(附)?表\s*[0-9一二三四五六七八九十]+")
_CONTINUATION_MAX = 30


def find_tables(text: str, paragraphs: tuple[Span, ...]) -> tuple[Table, ...]:
    tables = []
    i = 0
    while i < len(paragraphs):
        if "\t" not in _at(text, paragraphs[i]):
            i += 1
            continue
        j = i
        while j < len(paragraphs) and "\t" in _at(text, paragraphs[j]):
            j += 1
        caption_spans = _caption(text, paragraphs, i)
        tables.append(_table(text, paragraphs[i:j], caption_spans))
        i = j
    return tuple(tables)


def _at(text: str, span: Span) -> str:
    return text[span.start : span.end]


def _caption(text: str, paragraphs: tuple[Span, ...], first_row: int) -> list[Span]:
    before = [paragraphs[k] for k in range(max(0, first_row - 2), first_row)]
    if before and _CAPTION.match(_at(text, before[-1])):
        return [before[-1]]
    if len(before) == 2 and _CAPTION.match(_at(text, before[0])):
        tail = _at(text, before[1])
        if len(tail) <= _CONTINUATION_MAX and not re.search(r"[。!?;]", tail):
            return before
    return []


def _cells(text: str, row: Span) -> tuple[tuple[str, ...], tuple[Span, ...]]:
    cells, spans = [], []
    start = row.start
    for part in _at(text, row).split("\t"):
        lead = len(part) - len(part.lstrip())
        cells.append(part.strip())
        spans.append(Span(start + lead, start + lead + len(part.strip())))
        start += len(part) + 1
    return tuple(cells), tuple(spans)


def _table(text: str, rows: tuple[Span, ...], caption: list[Span]) -> Table:
    header, _ = _cells(text, rows[0])
    body: list[TableRow] = []
    for row in rows[1:]:
        cells, spans = _cells(text, row)
        if cells == header:
            continue
        if body and cells and not cells[0] and body[-1].cells[0]:
            cells = (body[-1].cells[0], *cells[1:])
            spans = (body[-1].cell_spans[0], *spans[1:])
        body.append(TableRow(cells=cells, cell_spans=spans, span=row))
    start = caption[0].start if caption else rows[0].start
    return Table(
        caption="".join(_at(text, c) for c in caption),
        columns=header,
        rows=tuple(body),
        span=Span(start, rows[-1].end),
    )
