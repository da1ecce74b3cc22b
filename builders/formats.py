"""Decoding and markup removal: one file → decoded ``raw`` text → characters with positions.

Every format reader returns ``Chars``: the visible characters, each paired with the
index in ``raw`` it came from. ``HARD`` marks a break the markup makes (a heading, a
separator, an HTML block); normalization never joins lines across it.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from policykg.builders.errors import InputError

Chars = list[tuple[str, int]]
HARD = "\x1e"  # private sentinel: a paragraph break imposed by markup

_CJK_MARKS = frozenset("、。〈〉《》「」『』【】〔〕“”‘’…—·")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode ``data``; returns (text, encoding name). Raises InputError, never guesses."""
    if not data.strip():
        raise InputError(path, "empty file")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path), "utf-16"
    if b"\x00" in data:
        raise InputError(path, "binary file (NUL bytes) and no UTF-16 byte order mark")
    try:
        return _strict(data, "utf-8", path), "utf-8"
    except InputError:
        pass
    text = _strict(data, "gb18030", path, "neither UTF-8 nor GB18030/GBK")
    # a wrong legacy decoding yields rare symbols instead of common CJK text
    wide = [c for c in text if ord(c) > 0x7F]
    cjk = sum(1 for c in wide if "\u4e00" <= c <= "\u9fff" or c in _CJK_MARKS or c >= "\uff00")
    if wide and cjk / len(wide) < 0.8:
        raise InputError(path, "not UTF-8, and GB18030 decoding gives no plausible Chinese text")
    return text, "gb18030"


def _strict(data: bytes, encoding: str, path: str, problem: str = "") -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(path, problem or f"invalid {encoding} at byte {err.start}") from err
    if "\x00" in text or len(_CONTROL.findall(text)) > max(8, len(text) // 100):
        raise InputError(path, f"binary content (control characters) after {encoding} decoding")
    if not text.strip():
        raise InputError(path, "empty file")
    return text


@dataclass(frozen=True)
class Extracted:
    chars: Chars
    format: str
    front_matter: tuple[tuple[str, str], ...] = ()


_FRONT = re.compile(r"\A\s*---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_MD_SIGNS = re.compile(r"^(#{1,6}\s|\*\*|---+\s*$|>\s)", re.M)


def extract(raw: str, suffix: str) -> Extracted:
    """Visible characters of ``raw``; the format comes from the suffix, else from content."""
    front: tuple[tuple[str, str], ...] = ()
    start = 0
    match = _FRONT.match(raw)
    if match and re.search(r"^\s*\w[\w-]*\s*:", match.group(1), re.M):
        front = _front_matter(match.group(1))
        start = match.end()
    body = raw[start:]
    if suffix in (".html", ".htm") or re.search(r"<(p|div|br|article|body)\b", body, re.I):
        return Extracted(_html_chars(body, start), "html", front)
    if suffix in (".md", ".markdown") or len(_MD_SIGNS.findall(body)) >= 2:
        return Extracted(_markdown_chars(body, start), "markdown", front)
    return Extracted(_plain_chars(body, start), "text", front)


def _front_matter(block: str) -> tuple[tuple[str, str], ...]:
    pairs = []
    for line in block.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "-")):
            pairs.append((key.strip(), value.strip().strip("'\"")))
    return tuple(pairs)


def _plain_chars(text: str, base: int) -> Chars:
    # "**" left over from a Markdown conversion is markup even in plain text
    bold = {m.start() + k for m in re.finditer(r"\*\*", text) for k in (0, 1)}
    return [
        (c, base + i)
        for i, c in enumerate(text)
        if i not in bold and c != "\r" and (c == "\n" or not _CONTROL.match(c))
    ]


_MD_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_PREFIX = re.compile(r"^\s*(>\s?|[-*+]\s+(?=\S))")
_MD_INLINE = re.compile(r"!\[[^\]]*\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)|\*\*|__|`")
_RUN_IN_END = re.compile(r"[。！？!?；;：:]\s*$")


def _markdown_chars(text: str, base: int) -> Chars:
    out: Chars = []
    pos = 0
    for line in text.split("\n"):
        at = base + pos
        pos += len(line) + 1
        body = line.rstrip("\r")
        if _MD_RULE.match(body):
            out.append((HARD, at))
        else:
            heading = _MD_HEADING.match(body)
            skip = heading.end() if heading else 0
            prefix = _MD_PREFIX.match(body, skip) if not heading else None
            skip = prefix.end() if prefix else skip
            if heading:
                out.append((HARD, at))
            out.extend(_md_inline(body, skip, at))
            if heading:
                body = body.rstrip().rstrip("#")
                out.append((HARD, at + len(body)))
        out.append(("\n", at + len(line)))
    return out[:-1]


def _md_inline(line: str, skip: int, at: int) -> Chars:
    """Characters of one Markdown line without inline markup.

    A bold run-in heading at the start of the line (``**一、…**正文``) ends where the
    bold ends: a HARD break there keeps the heading apart from the text it precedes.
    """
    out: Chars = []
    i = skip
    run_in = line.startswith("**", skip)
    bold_seen = 0
    for m in _MD_INLINE.finditer(line, skip):
        out.extend((c, at + k) for k, c in enumerate(line[i : m.start()], i) if c != "\r")
        if m.group(1) is not None:
            out.extend((c, at + k) for k, c in enumerate(m.group(1), m.start() + 1))
        if m.group(0) == "**":
            bold_seen += 1
            if run_in and bold_seen == 2 and line[m.end() :].strip():
                done = "".join(c for c, _ in out)
                if not _RUN_IN_END.search(done):
                    out.append((HARD, at + m.start()))
        i = m.end()
    out.extend((c, at + k) for k, c in enumerate(line[i:], i) if c != "\r")
    return out


_HTML_BLOCKS = frozenset(
    (
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "section",
        "article",
        "blockquote",
        "pre",
        "hr",
        "dd",
        "dt",
    )
)
_HTML_CELLS = frozenset({"td", "th"})
_HTML_SKIP = frozenset(
    (
        "script",
        "style",
        "head",
        "title",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "noscript",
        "iframe",
        "button",
        "select",
        "svg",
    )
)


class _HtmlText(HTMLParser):
    """Collects text with raw positions; blocks become HARD breaks, cells tabs."""

    def __init__(self, text: str, base: int) -> None:
        super().__init__(convert_charrefs=False)
        self.base = base
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.out: Chars = []
        self.skipping = 0

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.base + self.line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HTML_SKIP:
            self.skipping += 1
        elif tag in _HTML_CELLS and self.out and self.out[-1][0] != HARD:
            self.out.append(("\t", self._pos()))
        elif tag in _HTML_BLOCKS:
            self.out.append((HARD, self._pos()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HTML_BLOCKS:
            self.out.append((HARD, self._pos()))

    def handle_endtag(self, tag: str) -> None:
        if tag in _HTML_SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _HTML_BLOCKS:
            self.out.append((HARD, self._pos()))

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        at = self._pos()
        for k, c in enumerate(data):
            if c in "\r\n\t":
                c = " "  # source formatting inside a block is not a break
            if not _CONTROL.match(c):
                self.out.append((c, at + k))

    def handle_entityref(self, name: str) -> None:
        self._entity(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._entity(f"&#{name};")

    def _entity(self, ref: str) -> None:
        import html

        if not self.skipping:
            at = self._pos()
            self.out.extend((c, at) for c in html.unescape(ref))


def _html_chars(text: str, base: int) -> Chars:
    parser = _HtmlText(text, base)
    parser.feed(text)
    parser.close()
    return parser.out
