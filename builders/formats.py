"""Decoding and markup removal: one file → decoded ``raw`` text → characters with positions.

Every format reader returns ``Chars``: the visible characters, each paired with the
index in ``raw`` it came from. ``HARD`` marks a break the markup makes (a heading, a
separator, an HTML block); normalization never joins lines across it.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from policykg.builders import pipe_tables
from policykg.builders.errors import InputError
from policykg.builders.html_pages import HARD, Chars, read_html

__all__ = ["HARD", "Chars", "Extracted", "decode", "extract"]

_CJK_MARKS = frozenset("、。〈〉《》「」『』【】〔〕“”‘’…—·")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_OR_CR = re.compile(r"[\x00-\x08\x0b\r\x0e-\x1f\x7f]")


def decode(data: bytes, path: str) -> tuple[str, str, tuple[str, ...]]:
    """Decode ``data``: (text, encoding name, warnings). Raises InputError, never guesses.

    A UTF-8 or GB18030 file with a few damaged byte sequences (at most one per
    ``_DAMAGE_RATIO`` bytes) is decoded with U+FFFD in their place and a warning naming
    each offset: one bad byte should not hide a whole document from the analyst.
    """
    if not data.strip():
        raise InputError(path, "empty file")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path), "utf-8-sig", ()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path), "utf-16", ()
    if b"\x00" in data:
        raise InputError(path, "binary file (NUL bytes) and no UTF-16 byte order mark")
    try:
        return _strict(data, "utf-8", path), "utf-8", ()
    except InputError:
        pass
    try:
        return _plausible(_strict(data, "gb18030", path), path), "gb18030", ()
    except InputError:
        pass
    for encoding in ("utf-8", "gb18030"):
        bad = _bad_offsets(data, encoding)
        if len(bad) <= max(1, len(data) // _DAMAGE_RATIO):
            text = _plausible(data.decode(encoding, errors="replace"), path)
            where = ", ".join(str(b) for b in bad[:10]) + (" …" if len(bad) > 10 else "")
            warning = f"{path}: invalid {encoding} bytes replaced by U+FFFD at byte {where}"
            return text, encoding, (warning,)
    raise InputError(path, "neither UTF-8 nor GB18030/GBK")


_DAMAGE_RATIO = 500


def _bad_offsets(data: bytes, encoding: str) -> list[int]:
    """Byte offsets where decoding fails (each damaged sequence once)."""
    bad: list[int] = []
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    pos = 0
    while pos < len(data):
        try:
            decoder.decode(data[pos:], final=True)
            break
        except UnicodeDecodeError as err:
            bad.append(pos + err.start)
            pos += err.end
            decoder.reset()
            if len(bad) > len(data) // _DAMAGE_RATIO + 1:
                break
    return bad


def _plausible(text: str, path: str) -> str:
    """Reject a legacy decoding that yields rare symbols instead of common CJK text."""
    wide = [c for c in text if ord(c) > 0x7F and c != "\ufffd"]
    cjk = sum(1 for c in wide if "\u4e00" <= c <= "\u9fff" or c in _CJK_MARKS or c >= "\uff00")
    if wide and cjk / len(wide) < 0.8:
        raise InputError(path, "not UTF-8, and GB18030 decoding gives no plausible Chinese text")
    if "\x00" in text or len(_CONTROL.findall(text)) > max(8, len(text) // 100):
        raise InputError(path, "binary content (control characters)")
    return text


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
        chars, portal = read_html(body, start)
        return Extracted(chars, "html", (*front, *portal))
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
    dropped = {m.start() + k for m in re.finditer(r"\*\*", text) for k in (0, 1)}
    dropped.update(m.start() for m in _CONTROL_OR_CR.finditer(text))
    if not dropped:
        return pipe_tables.convert(list(zip(text, range(base, base + len(text)), strict=True)))
    return pipe_tables.convert([(c, base + i) for i, c in enumerate(text) if i not in dropped])


_MD_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_MD_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_MD_TABLE_RULE = re.compile(r"^\s*\|(\s*:?-{3,}:?\s*\|)+\s*$")
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
        if _MD_RULE.match(body) or _MD_TABLE_RULE.match(body):
            out.append((HARD, at))
        elif _MD_TABLE_ROW.match(body):
            out.extend(_md_table_row(body, at))
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


def _md_table_row(line: str, at: int) -> Chars:
    """``| a | b |`` → the cells' characters separated by tabs, one line of its own."""
    out: Chars = [(HARD, at)]
    inner_start = line.index("|") + 1
    inner_end = line.rstrip().rindex("|")
    pos = inner_start
    for k, cell in enumerate(line[inner_start:inner_end].split("|")):
        if k:
            out.append(("\t", at + pos - 1))
        out.extend(c for c in _md_inline(cell, 0, at + pos) if c[0] != HARD)
        pos += len(cell) + 1
    out.append((HARD, at + len(line)))
    return out


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
