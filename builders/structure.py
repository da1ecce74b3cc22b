"""``Source`` → ``Document``: paragraphs, sentences, numbered sections and tables.

Sections follow the numbering conventions of Chinese official documents: 一、 /
(一) / 1. 1、 / (1) (brackets are half-width after NFKC). Nesting follows the order in
which the marker styles first appear, kept as a stack; a marker is accepted only where
it can start a heading (paragraph start, right after a heading, after a full stop) and
only with a plausible number, which rules out "2020 年", "5.5%", "一是".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.builders.line_tables import find_line_tables
from policykg.builders.model import Document, DocumentMeta, Section, Source, Span
from policykg.builders.space_tables import find_space_tables
from policykg.builders.tables import find_tables

_CN = "一二三四五六七八九十"
_MARKER = re.compile(
    rf"第(?P<chapter>[{_CN}百零〇]{{1,4}})章"
    rf"|第(?P<article>[{_CN}百零〇]{{1,6}})条(?![例件款])"
    rf"|(?P<cn>[{_CN}]{{1,3}})、(?![{_CN}])"
    rf"|\(\s*(?P<paren_cn>[{_CN}]{{1,3}})\s*\)"
    r"|\(\s*(?P<paren_arabic>\d{1,4})\s*\)"
    r"|(?P<arabic>\d{1,4})(?:\s?\*\s?|\s)?[.、](?P<glued>\d)?"  # 1. / 1、 / 1* . / 1 ."
)
STYLES = ("chapter", "article", "cn", "paren_cn", "paren_arabic", "arabic")
_CN_STYLES = ("chapter", "article", "cn", "paren_cn")
_HEADING_END = re.compile(r"[。!?;:]")
_SENTENCE = re.compile(r"[^。!?;\n]*(?:[。!?;]+[”’\"')」』]*|$)")
_TAIL = re.compile(r"^(\d{4}年\d{1,2}月\d{1,2}日(印发)?|抄送[::].*|附件[::].*)$")
_MAX_HEADING = 60
_MAX_FIRST = 20  # the highest number a style may start at
_MAX_PLAIN = 100  # from here on a number is an item only as the expected next one
_RUN_ON = re.compile(r"[。!?;:)]\s*")  # where a heading may start inside a paragraph
_ONE_LINE_PAGE = 240  # a page of at most two paragraphs, one this long: lines lost


def cn_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 二十三 → 23, 一百零五 → 105."""
    digits = {c: i for i, c in enumerate(_CN, 1)}
    if "百" in text:
        hundreds, _, rest = text.partition("百")
        rest = rest.lstrip("零〇")
        return digits.get(hundreds, 0) * 100 + (cn_number(rest) if rest else 0)
    if "十" not in text:
        return digits.get(text, 0) if len(text) == 1 else 0
    tens, _, ones = text.partition("十")
    return (digits.get(tens, 0) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)


@dataclass
class _Open:
    style: str
    number: int


@dataclass(frozen=True)
class _Found:
    number: tuple[int, ...]
    marker: Span
    heading: Span
    style: str


class _Numbering:
    """The stack of open marker styles and the last number seen per style."""

    def __init__(self) -> None:
        self.stack: list[_Open] = []
        self.last: dict[str, int] = {}

    def accept(self, style: str, n: int, strict: bool) -> tuple[int, ...] | None:
        """Push marker ``style`` ``n`` if it fits the numbering; its number path or None.

        ``strict`` (a marker inside a paragraph) takes only the expected next number.
        """
        styles = [o.style for o in self.stack]
        if style in styles:
            k = styles.index(style)
            prev = self.stack[k].number
            fits = n == prev + 1 or (not strict and (prev < n <= prev + 2 or n == 1))
        else:
            k = len(self.stack)
            # numbering may run on across parents (国发 style: （二） 4. 5.), and a first
            # item of a style at a paragraph start keeps its number (（三） then 7.)
            fits = n == 1 or self.last.get(style) == n - 1 or (
                not strict and style not in self.last and n <= _MAX_FIRST)
        if not fits or n == 0:
            return None
        del self.stack[k:]
        self.stack.append(_Open(style, n))
        self.last[style] = n
        return tuple(o.number for o in self.stack)

    def expects(self, style: str, n: int) -> bool:
        """Whether ``n`` is the next number of an open style."""
        styles = [o.style for o in self.stack]
        return style in styles and self.stack[styles.index(style)].number + 1 == n


def parse(source: Source) -> Document:
    """Split ``source`` into paragraphs, sentences, sections and tables (meta left empty)."""
    text = source.text
    paragraphs = _paragraphs(text)
    sentences = tuple(s for p in paragraphs for s in _sentences(text, p))
    tables = (find_tables(text, paragraphs) + find_line_tables(text, paragraphs)
              + find_space_tables(text, paragraphs))
    in_table = [t.span for t in tables]
    found: list[_Found] = []
    numbering = _Numbering()
    one_line = len(paragraphs) <= 2 and any(len(p) >= _ONE_LINE_PAGE for p in paragraphs)
    for para in paragraphs:
        if not any(t.contains(para) for t in in_table):
            found.extend(_markers(text, para, numbering, one_line))
    end = _body_end(text, paragraphs, found)
    sections = tuple(_sections(text, found, end))
    return Document(
        source=source,
        meta=DocumentMeta(),
        sections=sections,
        tables=tables,
        paragraphs=paragraphs,
        sentences=sentences,
    )


def _paragraphs(text: str) -> tuple[Span, ...]:
    spans = []
    start = 0
    for line in text.split("\n"):
        stripped = line.strip(" ")  # a leading tab is an empty first table cell
        if stripped.strip():
            lead = len(line) - len(line.lstrip(" "))
            spans.append(Span(start + lead, start + lead + len(stripped)))
        start += len(line) + 1
    return tuple(spans)


def _sentences(text: str, para: Span) -> list[Span]:
    spans = []
    for m in _SENTENCE.finditer(text, para.start, para.end):
        chunk = m.group(0)
        lead = len(chunk) - len(chunk.lstrip())
        body = chunk.strip()
        if body:
            spans.append(Span(m.start() + lead, m.start() + lead + len(body)))
    return spans


def _markers(text: str, para: Span, numbering: _Numbering, one_line: bool = False
             ) -> list[_Found]:
    """Accepted markers in one paragraph: at its start, run together, or after a full stop.

    On a page whose line breaks were lost (``one_line``) a full stop may end a part and
    a new style open with its first number after it (…意见。一、… 。(一)…).
    """
    found: list[_Found] = []
    pos = para.start
    strict = False
    while pos < para.end:
        m = _MARKER.match(text, pos, para.end)
        hit = _accept(m, numbering, strict) if m else None
        if hit is None:
            nxt = _next_start(text, pos, para.end)
            if nxt is None:
                break
            pos = nxt
            # lines run together (…意见:一、…): after a colon a new style may open with
            # its first number; elsewhere only the open styles go on
            strict = not _opens(text, pos, para.end, numbering, one_line)
            continue
        style, number = hit
        assert m is not None  # a hit comes from a match
        head_start = m.end() - (1 if m.group("glued") else 0)
        while head_start < para.end and text[head_start] == " ":
            head_start += 1
        head_end = _heading_end(text, head_start, para.end, numbering)
        found.append(_Found(number, Span(m.start(), m.end()), Span(head_start, head_end), style))
        pos = head_end
        if pos < para.end and text[pos] in "。!?;:":
            pos += 1
        strict = not (pos < para.end and _MARKER.match(text, pos, para.end))
    return found


def _accept(m: re.Match[str], numbering: _Numbering, strict: bool) -> tuple[str, tuple] | None:
    style = next(k for k in STYLES if m.group(k))
    value = m.group(style)
    n = cn_number(value) if style in _CN_STYLES else int(value)
    if (m.group("glued") or n >= _MAX_PLAIN) and not numbering.expects(style, n):
        # "5.5%" / "3.6万" / "2021、" unless the number is the next heading number
        return None
    if strict and style not in [o.style for o in numbering.stack]:
        return None
    number = numbering.accept(style, n, strict)
    return (style, number) if number else None


def _next_start(text: str, pos: int, end: int) -> int | None:
    """The next place inside a paragraph where a heading may start: after a full stop,
    a closing bracket (…负责）2.…) or a colon (lines run together: …意见:一、…)."""
    m = _RUN_ON.search(text, pos, end)
    return m.end() if m and m.end() < end else None


def _opens(text: str, pos: int, end: int, numbering: _Numbering, one_line: bool = False
           ) -> bool:
    """Whether a marker at ``pos`` opens a new style with its first number."""
    m = _MARKER.match(text, pos, end)
    before = re.search((r"[:。]" if one_line else ":") + r"(\s*)$", text[max(0, pos - 8) : pos])
    if not m or m.group("glued") or not before:
        return False
    style = next(k for k in STYLES if m.group(k))
    value = m.group(style)
    n = cn_number(value) if style in _CN_STYLES else int(value)
    # 如下:1.… inside a measure is a list in the text, 意见:一、… a part of the document
    spaced = bool(before.group(1)) or style in ("cn", "paren_cn") or one_line
    return spaced and n == 1 and style not in [o.style for o in numbering.stack]


def _heading_end(text: str, start: int, end: int, numbering: _Numbering) -> int:
    """A heading runs to the first full stop, a marker run together with it, or the end."""
    stop = _HEADING_END.search(text, start, end)
    limit = stop.start() if stop else end
    for m in _MARKER.finditer(text, start + 1, limit):
        style = next(k for k in STYLES if m.group(k))
        if style == "arabic" and (text[m.start() - 1].isdigit() or m.group("glued")):
            continue
        value = m.group(style)
        n = cn_number(value) if style in _CN_STYLES else int(value)
        if n == 1 and style not in [o.style for o in numbering.stack]:
            return m.start()
    if limit - start > _MAX_HEADING:
        comma = text.find(",", start, limit)
        return comma if comma > 0 else start + _MAX_HEADING
    return limit


def _body_end(text: str, paragraphs: tuple[Span, ...], found: list[_Found]) -> int:
    """Where the numbered body ends: the signature date, 抄送 or 附件 after the last section."""
    if not found:
        return len(text)
    last = found[-1].marker.start
    for para in paragraphs:
        if para.start > last and _TAIL.match(text[para.start : para.end]):
            return para.start
    return len(text)


def _sections(text: str, found: list[_Found], end: int) -> list[Section]:
    sections = []
    for i, f in enumerate(found):
        stop = next((g.marker.start for g in found[i + 1 :] if len(g.number) <= len(f.number)), end)
        stop = max(stop, f.heading.end)
        body_end = len(text[:stop].rstrip())
        sections.append(
            Section(
                number=f.number,
                marker=text[f.marker.start : f.marker.end],
                heading=text[f.heading.start : f.heading.end],
                style=f.style,
                span=Span(f.marker.start, max(body_end, f.heading.end)),
                heading_span=f.heading,
            )
        )
    return sections
