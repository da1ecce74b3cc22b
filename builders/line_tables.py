"""Tables that lost their grid: a web or PDF table copied as one cell per line.

    序号 / 民生实事 / 责任单位 / 完成时限          the header, one short line per column
    1 / 新建2座人行天桥。 / 县住建局 / 12月底前     a row: its number, then its cells
    2 / …                                        the next number in sequence starts the next

A header is a run of short lines (no sentence punctuation) that starts with 序号 or 编号
and names an owner column (builders/lexicons/labels.tsv). A row starts at the line that
holds only the next row number; a cell holding several units gives several lines, and an
empty cell none, so a row's lines are not aligned with the header here: the reader of
task tables (builders/task_tables.py) places them by what they hold. A line holding only a
part marker ((一), 二、) opens a part of the table, whose rows count from 1 again. Every
line keeps its own span, so every quote stays exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policykg.builders.lexicon import label_words
from policykg.builders.model import Span, Table, TableRow
from policykg.builders.numbers import chinese_to_number

NUMBER_HEADERS = ("序号", "编号")
HEADER_MAX = 10  # characters in a header line
SENTENCE_MARKS = re.compile(r"[。，,；;：:！？]")
ROW_NUMBER = re.compile(r"\d{1,3}")
PART_MARKER = re.compile(r"[(（]([一二三四五六七八九十]{1,3})[)）]|([一二三四五六七八九十]{1,3})、")
END_OF_TABLE = re.compile(r"(?:附件|附表|表\s*\d|抄送|注[:：])")
FIRST_ROW_MAX = 20  # the first row's number, when a table shows its later rows only
ROW_LINES_MAX = 12  # lines a row may take: nothing after the last row says where it ends


@dataclass
class _Row:
    part: str
    lines: list[Span] = field(default_factory=list)


def find_line_tables(text: str, paragraphs: tuple[Span, ...]) -> tuple[Table, ...]:
    """Every one-cell-per-line task table of the text, in order."""
    lines = [p for p in paragraphs if "\t" not in text[p.start : p.end]]
    tables = []
    i = 0
    while i < len(lines):
        width = _header_width(text, lines, i)
        rows, end = _rows(text, lines, i + width) if width else ([], i + 1)
        if rows:
            tables.append(_table(text, lines[i : i + width], rows))
        i = end if rows else i + 1
    return tuple(tables)


def _line(text: str, span: Span) -> str:
    return text[span.start : span.end].strip()


def owner_words() -> set[str]:
    return {w for kind in ("label", "column") for w, v in label_words(kind).items()
            if v in ("lead", "co", "responsible", "verbs")}


def _header_width(text: str, lines: list[Span], i: int) -> int:
    """How many header lines start at ``i``; 0 when no header does."""
    if re.sub(r"\s+", "", _line(text, lines[i])) not in NUMBER_HEADERS:
        return 0
    k = i + 1
    while k < len(lines):
        line = _line(text, lines[k])
        if (len(line) > HEADER_MAX or SENTENCE_MARKS.search(line) or ROW_NUMBER.fullmatch(line)
                or PART_MARKER.match(line)):
            break
        k += 1
    words = [re.sub(r"\s+", "", _line(text, s)) for s in lines[i + 1 : k]]
    if k - i < 3 or not any(o in w for w in words for o in owner_words()):
        return 0
    return k - i


def _rows(text: str, lines: list[Span], k: int) -> tuple[list[_Row], int]:
    """The rows from line ``k`` on, and the index of the first line after the table."""
    rows: list[_Row] = []
    part, expected, heading = "", 1, False
    while k < len(lines):
        line = _line(text, lines[k])
        marker = PART_MARKER.match(line)
        if END_OF_TABLE.match(line) or (rows and len(rows[-1].lines) >= ROW_LINES_MAX):
            break
        if marker:  # (一) or 二、…: a part of the table, its rows count from 1 again
            number = chinese_to_number(marker.group(1) or marker.group(2))
            part, expected, heading = (str(int(number)) if number else ""), 1, True
        elif ROW_NUMBER.fullmatch(line) and (int(line) == expected or (
                not rows and int(line) <= FIRST_ROW_MAX)):
            rows.append(_Row(part, [lines[k]]))
            expected, heading = int(line) + 1, False
        elif rows and not heading:
            rows[-1].lines.append(lines[k])
        k += 1
    return rows, k


def _table(text: str, header: list[Span], rows: list[_Row]) -> Table:
    body = tuple(
        TableRow(tuple(_line(text, s) for s in row.lines), tuple(row.lines),
                 Span(row.lines[0].start, row.lines[-1].end), row.part)
        for row in rows
    )
    columns = tuple(re.sub(r"\s+", "", _line(text, s)) for s in header)
    return Table(caption="", columns=columns, rows=body,
                 span=Span(header[0].start, body[-1].span.end), layout="lines")
