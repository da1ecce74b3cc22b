"""Normalization of extracted characters into paragraphs of clean text.

Each step keeps every output character paired with the raw index it came from, so the
offset map stays exact: NFKC per character, Traditional → Simplified per line (falling
back to per character when a phrase conversion changes the length), page furniture
dropped, wrapped lines joined into paragraphs, spaces inside CJK text removed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from operator import itemgetter
from pathlib import Path

from policykg.builders.formats import HARD, Chars

_KEEP = frozenset("…‥—–")  # NFKC would expand or change these; the text keeps them
_SUPERSCRIPT = frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹")
_TERMINAL = frozenset("。!?:")  # not ";": PDF lines often wrap right after one
_CLOSERS = frozenset("”’\"')]」』》")
_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十]+、|\(\s*(?:[一二三四五六七八九十]+|\d{1,2})\s*\)|\d{1,2}[.、](?!\d)"
    r"|第[一二三四五六七八九十百\d]+[章节条]|——|[①-⑳])"
)
_LETTER = re.compile(r"[A-Za-z]")
# a pinyin gloss after a character, 创新(xīn): one syllable with a tone mark
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN = re.compile(rf"\((?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,6}}\)")


def _text(chars: Chars) -> str:
    return "".join(map(_CHAR, chars))


_CHAR = itemgetter(0)


@cache
def _furniture() -> tuple[re.Pattern[str], ...]:
    lines = (Path(__file__).parent / "lexicons" / "page_furniture.txt").read_text("utf-8")
    return tuple(re.compile(x) for x in lines.splitlines() if x.strip() and x[0] != "#")


@cache
def _opencc():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


class _NfkcTable(dict[int, str]):
    """Each character's NFKC form, computed the first time ``str.translate`` meets it."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        form = c if c in _KEEP or c == HARD or c.isascii() else unicodedata.normalize("NFKC", c)
        self[code] = form
        if len(form) != 1:
            _CHANGES_LENGTH.add(c)
        return form


_NFKC = _NfkcTable()
_CHANGES_LENGTH: set[str] = set()  # characters whose NFKC form is not one character


def nfkc(chars: Chars) -> Chars:
    text = _text(chars)
    if len(text) == len(chars):  # one character per entry: translate the line at once
        converted = text.translate(_NFKC)
        if _CHANGES_LENGTH.isdisjoint(text):
            return list(zip(converted, (at for _, at in chars), strict=True))
    out: Chars = []
    for c, at in chars:
        if c in _KEEP or c == HARD or c.isascii():
            out.append((c, at))
        else:
            out.extend((n, at) for n in unicodedata.normalize("NFKC", c))
    return out


def drop_pinyin(line: Chars) -> Chars:
    """Remove pinyin glosses inside words (網絡能(néng)力 → 網絡能力), offsets kept."""
    text = _text(line)
    if "(" not in text:
        return line
    cut = [m.span() for m in _PINYIN.finditer(text) if m.start() and is_cjk(text[m.start() - 1])]
    if not cut:
        return line
    keep = [True] * len(line)
    for start, end in cut:
        keep[start:end] = [False] * (end - start)
    return [ch for ch, k in zip(line, keep, strict=True) if k]


def to_simplified(line: Chars) -> Chars:
    """Traditional → Simplified (OpenCC t2s), keeping one raw index per character."""
    text = _text(line)
    if text.isascii():
        return line
    converter = _opencc()
    converted = converter.convert(text)
    if len(converted) == len(text):
        return [(n, at) for n, (_, at) in zip(converted, line, strict=True)]
    out: Chars = []
    for c, at in line:
        out.extend((n, at) for n in converter.convert(c))
    return out


def is_cjk(c: str) -> bool:
    """CJK ideographs and the punctuation of CJK text (no spaces belong between them)."""
    o = ord(c)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x3000 < o <= 0x303F
        or 0xFF01 <= o <= 0xFF60
        or c in "“”‘’…—·"
    )


def squeeze_spaces(chars: Chars) -> Chars:
    """Drop spaces inside CJK text ("高 校 毕 业 生", "2020 年"); collapse other runs."""
    out: Chars = []
    i, n = 0, len(chars)
    while i < n:
        c, at = chars[i]
        if c != " ":
            out.append((c, at))
            i += 1
            continue
        j = i
        while j < n and chars[j][0] == " ":
            j += 1
        before = out[-1][0] if out else ""
        after = chars[j][0] if j < n else ""
        run = j - i
        cjk_both = is_cjk(before) and is_cjk(after)
        cjk_side = is_cjk(before) or is_cjk(after)
        keep = before and after and before != "\t" and after != "\t"
        if keep and not (cjk_both and run <= 2) and not (cjk_side and run == 1):
            out.append((" ", at))
        i = j
    return out


def _ends_paragraph(line: str) -> bool:
    """Whether a line ends a sentence (a wrapped line does not)."""
    tail = line.rstrip("".join(_CLOSERS))
    if tail and tail[-1] in _TERMINAL:
        return True
    if line.endswith(")") and "(" in line:
        # "…的项目。(牵头单位:…)": a trailing note after a full stop ends the paragraph
        head = line[: line.rfind("(")].rstrip()
        return bool(head) and head[-1] in _TERMINAL
    return False


def paragraphs(chars: Chars, fmt: str) -> Chars:
    """Join wrapped lines into paragraphs separated by one newline."""
    lines = _lines(chars, fmt)
    texts = [_text(line) for line, _, _ in lines]
    lengths = sorted(size for _, kind, size in lines if kind == "text")
    wrap = lengths[(len(lengths) * 3) // 4] if lengths else 0
    # a narrow column (PDF text): many lines, most of them about as wide as the column
    typical = sum(1 for n in lengths if abs(n - wrap) <= 0.25 * wrap)
    narrow = wrap < 40 and len(lengths) >= 8 and typical >= 0.5 * len(lengths)
    short = 0.5 * wrap if narrow else 40.0
    out: Chars = []
    pending: list[Chars] = []  # footnotes met inside a paragraph, emitted after it
    open_para = False
    blank_run = 0
    prev_text, prev_kind, prev_size = "", "blank", 0
    for (line, kind, size), text in zip(lines, texts, strict=True):
        if kind == "blank":
            blank_run += 1
            continue
        if kind == "hard":
            open_para, blank_run, prev_kind = _close(out, pending), 0, "hard"
            continue
        if kind == "footnote" and open_para:
            pending.append(line)
            blank_run = 0
            continue
        if fmt == "pdf":  # the PDF reader marks wraps by layout: one newline, no blank line
            wrapped = blank_run == 0
        else:
            wrapped = blank_run <= 1 and prev_size >= short and not _ends_paragraph(prev_text)
        join = (
            open_para
            and kind == "text"
            and prev_kind == "text"
            and wrapped
            and not _MARKER.match(text)
        )
        if join:
            if _LETTER.match(prev_text[-1:]) and _LETTER.match(text[:1]):
                out.append((" ", out[-1][1] + 1))
        else:
            _close(out, pending)
            if out:
                out.append(("\n", out[-1][1] + 1))
        # in narrow-column text a line wider than the column that starts a paragraph
        # is a headline set in another layout: it stands alone
        natural_start = not open_para or blank_run > 0 or _ends_paragraph(prev_text)
        headline = natural_start and narrow and size > 1.15 * wrap and not _ends_paragraph(text)
        out.extend(line)
        open_para = kind in ("text", "footnote") and not headline
        blank_run = 0
        prev_text, prev_kind, prev_size = text, kind, size
    _close(out, pending)
    return out


def _close(out: Chars, pending: list[Chars]) -> bool:
    for note in pending:
        out.append(("\n", out[-1][1] + 1 if out else note[0][1]))
        out.extend(note)
    pending.clear()
    return False


def _lines(chars: Chars, fmt: str) -> list[tuple[Chars, str, int]]:
    """Split into stripped, normalized lines: (chars, kind, length of the physical line).

    Kinds: text, table, footnote, blank, hard. A physical line split by a run-in heading
    break reports its whole length, so the text after the heading still counts as full.
    """
    result: list[tuple[Chars, str, int]] = []
    physical: list[tuple[Chars, str]] = []
    start = 0
    in_table = False  # after a 序号 line, a bare number numbers a row, not a page
    spaced_row = 0  # in a table run together with spaces: the number of the next row
    for i in _breaks(chars):
        raw = _text(chars[start:i]).strip(" \u3000\r")
        row = SPACED_ROW.match(raw)
        if SPACED_HEADER.match(raw):
            spaced_row = 1
        elif row and int(row.group(1)) == spaced_row:
            spaced_row += 1
        elif raw:
            spaced_row = 0
        physical.append(_line(chars[start:i], fmt, in_table, keep_spaces=spaced_row > 0))
        in_table = in_table or _text(physical[-1][0]).replace(" ", "") in ROW_NUMBER_HEADERS
        if i < len(chars) and chars[i][0] == HARD:
            physical.append(([], "hard"))
        else:
            total = sum(len(seg) for seg, _ in physical)
            result.extend((seg, kind, total) for seg, kind in physical)
            physical = []
        start = i + 1
    return result


ROW_NUMBER_HEADERS = ("序号", "编号")
# a table run together a row a line, spaces between its cells: they part the cells, so they
# stay (builders/space_tables.py reads it); the header is short words, the rows count up
SPACED_HEADER = re.compile("(?:" + "|".join(ROW_NUMBER_HEADERS)
                           + r")(?:[ \u3000]+[^ \u3000\t。，,；;：:]{1,10}){2,}$")
SPACED_ROW = re.compile(r"(\d{1,3})[ \u3000]+\S")
_BREAK = re.compile("[\n" + HARD + "]")


def _breaks(chars: Chars) -> list[int]:
    """Indices of the line and hard breaks, then one past the end (a final break)."""
    text = _text(chars)
    if len(text) == len(chars):
        found = [m.start() for m in _BREAK.finditer(text)]
    else:
        found = [i for i, (c, _) in enumerate(chars) if c in ("\n", HARD)]
    return [*found, len(chars)]


def _line(raw_line: Chars, fmt: str, in_table: bool = False, keep_spaces: bool = False
          ) -> tuple[Chars, str]:
    stripped = _strip(raw_line)
    footnote = bool(stripped) and stripped[0][0] in _SUPERSCRIPT
    line = [(c, at) for c, at in stripped if c not in _SUPERSCRIPT]
    line = _strip(to_simplified(drop_pinyin(nfkc(line))))
    if not line:
        return [], "blank"
    text = _text(line)
    if fmt in ("text", "pdf") and not (in_table and text.isdigit()) and any(
            p.match(text) for p in _furniture()):
        return [], "blank"
    if keep_spaces:
        return line, "table"
    if " " in text:
        line = squeeze_spaces(line)
    if "\t" in text:
        return line, "table"
    return line, "footnote" if footnote else "text"


def _strip(line: Chars) -> Chars:
    start, end = 0, len(line)
    # "??" and U+FFFD at a line's start are indent spaces lost to a wrong code page
    while start < end and line[start][0] in " \u3000\r\xa0?\ufffd":
        start += 1
    while end > start and line[end - 1][0] in " \u3000\r\xa0\t":
        end -= 1
    return line[start:end]
