"""Tables written as text with "|" between cells, turned into tab-separated rows.

Two layouts come out of copied web tables and spreadsheets:

* one row per line, cells between bars and no Markdown rule line
  (``24 | 任务 | 城管局 | 市政局、相关街道``), at least two such lines in a row;
* one cell per line, each ending with a bar (``城管局 |``; a line ``||`` is two empty
  cells). Rows are then cut where the row number (序号 column) goes on: the header is
  every cell before the first number, and a row starts at the next number in sequence,
  or at any number once the row has as many cells as the header.

The rows become lines of cells separated by tabs, the form every other reader of
tables (builders/tables.py) takes; each character keeps its raw index, a tab the index
of the bar it replaces.
"""

from __future__ import annotations

import itertools
import re
from operator import itemgetter

Chars = list[tuple[str, int]]

_ROW_NUMBER = re.compile(r"\d{1,3}")
_NUMBER_HEADERS = ("序号", "编号")
_MIN_CELLS = 3  # a row of one line: at least three cells (two inner bars)


def convert(chars: Chars) -> Chars:
    """``chars`` with bar-separated tables rewritten as tab-separated rows."""
    if "|" not in map(itemgetter(0), chars):
        return chars
    lines = _split_lines(chars)
    out: list[Chars] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _is_cell_line(lines[j]):
            j += 1
        if j - i >= _MIN_CELLS:
            rows = _stream_rows(lines[i:j])
            if rows:
                out.extend(rows)
                i = j
                continue
        j = i
        while j < len(lines) and _row_cells(lines[j]) is not None:
            j += 1
        if j - i >= 2:
            out.extend(_tabbed(_row_cells(line) or []) for line in lines[i:j])
            i = j
            continue
        out.append(lines[i])
        i += 1
    return _join_lines(out, chars)


def _split_lines(chars: Chars) -> list[Chars]:
    lines: list[Chars] = [[]]
    for c, at in chars:
        if c == "\n":
            lines[-1].append((c, at))  # keeps the newline's raw index with its line
            lines.append([])
        else:
            lines[-1].append((c, at))
    return lines


def _join_lines(lines: list[Chars], original: Chars) -> Chars:
    out: Chars = []
    for k, line in enumerate(lines):
        body = [ch for ch in line if ch[0] != "\n"]
        out.extend(body)
        if k < len(lines) - 1:
            end = next((at for c, at in line if c == "\n"), body[-1][1] + 1 if body else 0)
            out.append(("\n", end))
    if original and original[-1][0] != "\n" and out and out[-1][0] == "\n":
        out.pop()
    return out


def _text(line: Chars) -> str:
    return "".join(c for c, _ in line if c != "\n")


def _strip(cell: Chars) -> Chars:
    start, end = 0, len(cell)
    while start < end and cell[start][0] in " \t\u3000\r\n":
        start += 1
    while end > start and cell[end - 1][0] in " \t\u3000\r\n":
        end -= 1
    return cell[start:end]


def _is_cell_line(line: Chars) -> bool:
    """A line holding one cell (or only bars) and ending with a bar."""
    text = _text(line).strip()
    return text.endswith("|") and (set(text) == {"|"} or text.count("|") == 1)


def _cells_of(line: Chars) -> list[tuple[Chars, int]]:
    """(cell, index of the bar ending it) for each bar of a cell line."""
    cells: list[tuple[Chars, int]] = []
    current: Chars = []
    for c, at in line:
        if c == "|":
            cells.append((_strip(current), at))
            current = []
        elif c != "\n":
            current.append((c, at))
    return cells


def _stream_rows(lines: list[Chars]) -> list[Chars]:
    """Rows of a one-cell-per-line table, or [] when its rows cannot be told apart."""
    cells = [cell for line in lines for cell in _cells_of(line)]
    texts = ["".join(c for c, _ in cell) for cell, _ in cells]
    first = next((k for k, t in enumerate(texts) if _ROW_NUMBER.fullmatch(t)), None)
    if first is None or first < 2 or not any(
        h in re.sub(r"\s+", "", t) for t in texts[:first] for h in _NUMBER_HEADERS
    ):
        return []
    width = first
    starts = [0, first]
    number = int(texts[first])
    for k in range(first + 1, len(cells)):
        filled = k - starts[-1]
        if not _ROW_NUMBER.fullmatch(texts[k]):
            continue  # cells past the header's width (empty, merged) stay in their row
        if (int(texts[k]) == number + 1 and filled >= _MIN_CELLS) or filled >= width:
            starts.append(k)
            number = int(texts[k])
    bounds = [*starts, len(cells)]
    return [_tabbed(cells[a:b]) for a, b in itertools.pairwise(bounds) if b > a]


def _row_cells(line: Chars) -> list[tuple[Chars, int]] | None:
    """Cells of a one-line row (bars at the ends optional), None if it is not one."""
    text = _text(line).strip()
    inner = text.strip("|")
    if inner.count("|") + 1 < _MIN_CELLS or not inner.strip() or "||" in inner:
        return None
    bars = [k for k, (c, _) in enumerate(line) if c == "|"]
    body = [k for k, (c, _) in enumerate(line) if c not in " \t\u3000\r\n|"]
    if not body:
        return None  # bars and blanks only
    bars = [k for k in bars if body[0] < k < body[-1]]  # the inner bars only
    cells: list[tuple[Chars, int]] = []
    start = body[0]
    for k in [*bars, body[-1] + 1]:
        end_at = line[k][1] if k < len(line) else line[-1][1] + 1
        cells.append((_strip(line[start:k]), end_at))
        start = k + 1
    return cells


def _tabbed(cells: list[tuple[Chars, int]]) -> Chars:
    """Cells joined by tabs; a tab takes the raw index of the bar ending the cell before."""
    out: Chars = []
    for k, (cell, _) in enumerate(cells):
        if k:
            out.append(("\t", cells[k - 1][1]))
        out.extend(cell)
    return out
