"""Tables whose cells were run together on one line, a space between them.

    序号 类别 主要任务 牵头单位 参与单位 责任单位        the header, one word per column
    1 节水 严守用水 总量红线 到2020年… 市水利局 市发展改革委、市住建局 各县（市、区）政府

A page or PDF copy of a task-division table can keep each row on one line but lose the
grid: cells are parted by spaces, and a narrow cell wrapped in the original (严守用水 总量红线)
holds spaces of its own. The owner and deadline columns stand at the right of such tables,
and their cells (unit lists, dates) hold no spaces, so a row is read from the right: each
trailing column takes the last word that reads as what it holds (units, or a deadline), an
empty cell takes none; the row's number opens it, and everything between is the measure,
put under the first task column. A header starts with 序号 or 编号 and names an owner column
(builders/lexicons/labels.tsv); rows follow it, each opening with the next number.
"""

from __future__ import annotations

import re

from policykg.builders.clause_words import OWNER_COLUMNS, column_meaning
from policykg.builders.deadlines import deadline_like
from policykg.builders.line_tables import HEADER_MAX, NUMBER_HEADERS, SENTENCE_MARKS, owner_words
from policykg.builders.list_items import mostly_units
from policykg.builders.model import Span, Table, TableRow

ROW = re.compile(r"\s*(\d{1,3})\s+\S")


def find_space_tables(text: str, paragraphs: tuple[Span, ...]) -> tuple[Table, ...]:
    """Every task table of the text written a row a line with spaces between cells."""
    tables = []
    i = 0
    while i < len(paragraphs):
        columns = _header(text[paragraphs[i].start : paragraphs[i].end])
        rows = _rows(text, paragraphs[i + 1 :], columns) if columns else []
        if rows:
            tables.append(Table(caption="", columns=columns, rows=tuple(rows),
                                span=Span(paragraphs[i].start, rows[-1].span.end),
                                layout="spaced"))
            i += len(rows) + 1
        else:
            i += 1
    return tuple(tables)


def _header(line: str) -> tuple[str, ...]:
    words = tuple(line.split())
    if "\t" in line or len(words) < 3 or words[0] not in NUMBER_HEADERS or any(
            len(w) > HEADER_MAX or SENTENCE_MARKS.search(w) for w in words):
        return ()
    return words if any(o in w for w in words for o in owner_words()) else ()


def _kind(column: str) -> str:
    """What a trailing column holds: units, a deadline, or "" (a column of the measure)."""
    meaning = column_meaning(column)
    return "units" if meaning in OWNER_COLUMNS else "deadline" if meaning == "deadline" else ""


def _rows(text: str, lines: tuple[Span, ...], columns: tuple[str, ...]) -> list[TableRow]:
    trailing = []  # the kinds of the right-hand columns, right to left
    for column in reversed(columns[1:]):
        if not (kind := _kind(column)):
            break
        trailing.append(kind)
    middle = len(columns) - 1 - len(trailing)
    if not trailing or middle < 1:
        return []
    tasks = [i for i, c in enumerate(columns[1 : 1 + middle]) if column_meaning(c) == "task"]
    home = tasks[0] if tasks else middle - 1  # the measure's column: the first task column
    rows: list[TableRow] = []
    for line in lines:
        number = ROW.match(text, line.start, line.end)
        if not number or int(number.group(1)) != len(rows) + 1:
            break
        words = [Span(line.start + m.start(), line.start + m.end())
                 for m in re.finditer(r"\S+", text[line.start : line.end])]
        cells = _from_the_right(text, words[1:], trailing)
        taken = [c for c in cells if c is not None]
        end = taken[-1].start if taken else line.end
        measure = Span(words[1].start, max(words[1].start, _strip_end(text, words[1].start, end)))
        blank = Span(measure.end, measure.end)
        spans = [words[0], *[measure if i == home else blank for i in range(middle)],
                 *[c or blank for c in reversed(cells)]]
        rows.append(TableRow(tuple(text[s.start : s.end] for s in spans), tuple(spans), line))
    return rows


def _from_the_right(text: str, words: list[Span], trailing: list[str]) -> list[Span | None]:
    """Each trailing column's cell, right to left: the last word left if it reads as the
    column's kind, else nothing (an empty cell). The measure keeps at least one word."""
    cells: list[Span | None] = []
    left = list(words)
    for kind in trailing:
        word = text[left[-1].start : left[-1].end] if len(left) > 1 else ""
        fits = bool(word) and (mostly_units(word) if kind == "units" else deadline_like(word))
        cells.append(left.pop() if fits else None)
    # one empty owner cell among several reads the same from the right wherever it was:
    # the cells given fill the owner columns from the left (a row names its lead first)
    owners = [k for k, kind in enumerate(trailing) if kind == "units"]
    given = [cells[k] for k in reversed(owners) if cells[k] is not None]
    for k in reversed(owners):
        cells[k] = given.pop(0) if given else None
    return cells


def _strip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
