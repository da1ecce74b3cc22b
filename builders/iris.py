"""Deterministic IRIs for every node, minted from stable keys.

Keys keep their Chinese characters and "/" (IRIs allow both); only characters an IRI
may not contain, or that would change its meaning (``#``, ``?``, ``%``), are
percent-encoded. The same key therefore always gives the same IRI, in every document.
No key depends on a file name or a character offset: a document is named by its 文号 (or a
hash of its title, or of its text), a numbered task by its section path, and a fact without
a number of its own (a sentence task, an indicator, a quote) by a hash of its words.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from decimal import Decimal
from functools import lru_cache

from policykg.ontology import GROUP, ID

# RFC 3987 ucschar ranges: non-ASCII characters allowed as they are in an IRI path
_UCSCHAR = (
    (0xA0, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFEF), (0x10000, 0x1FFFD),
    (0x20000, 0x2FFFD), (0x30000, 0x3FFFD), (0x40000, 0x4FFFD), (0x50000, 0x5FFFD),
    (0x60000, 0x6FFFD), (0x70000, 0x7FFFD), (0x80000, 0x8FFFD), (0x90000, 0x9FFFD),
    (0xA0000, 0xAFFFD), (0xB0000, 0xBFFFD), (0xC0000, 0xCFFFD), (0xD0000, 0xDFFFD),
    (0xE1000, 0xEFFFD),
)  # fmt: skip
_ASCII_KEPT = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/"
)
_YEAR_BRACKETS = re.compile(r"[\[(（［【〔﹝〖]\s*(\d{4})\s*[\])）］】〕﹞〗]")
_SPACES = re.compile(r"\s+")


def _allowed(ch: str) -> bool:
    if ch in _ASCII_KEPT:
        return True
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _UCSCHAR)


@lru_cache(maxsize=1 << 16)
def encode_key(key: str) -> str:
    """``key`` as an IRI path: CJK and "/" kept, everything an IRI forbids percent-encoded."""
    return "".join(
        ch if _allowed(ch) else "".join(f"%{b:02X}" for b in ch.encode("utf-8")) for ch in key
    )


def document_key(doc_number: str, title: str, text: str, variant: str = "") -> str:
    """What names a document whatever its file is called: its 文号, normalized; without one,
    a hash of its title; without a title either, a hash of its normalized text. ``variant``
    (a file hash) tells two inputs with the same key apart (src/policykg/graphnames.py)."""
    if doc_number.strip():
        base = normalize_doc_number(doc_number)
    else:
        named = normalize_title(title) or text
        base = "sha256-" + hashlib.sha256(named.encode("utf-8")).hexdigest()[:16]
    return f"{base}~{variant}" if variant else base


def document_iri(doc_key: str) -> str:
    """The document node, also the name of the document's graph."""
    return f"{ID}doc/{encode_key(doc_key)}"


def content_key(*parts: str) -> str:
    """A short hash of some text: the key of a fact that has no number of its own, so that
    text inserted elsewhere in the document changes none of its IRIs."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:10]


def task_iri(doc: str, task_key: str) -> str:
    return f"{doc}/task/{encode_key(task_key)}"


def responsibility_iri(doc: str, task_key: str, order: str) -> str:
    return f"{doc}/resp/{encode_key(task_key)}/{encode_key(order)}"


def indicator_iri(doc: str, key: str) -> str:
    return f"{doc}/indicator/{encode_key(key)}"


def group_link_iri(doc: str, task_key: str, concept: str) -> str:
    return f"{doc}/grouplink/{encode_key(task_key)}/{encode_key(concept)}"


def span_iri(doc: str, key: str) -> str:
    """A quoted stretch of the original file (an oa:SpecificResource), keyed by its quote."""
    return f"{doc}/span/{encode_key(key)}"


def agency_iri(agency_key: str) -> str:
    return f"{ID}agency/{encode_key(agency_key)}"


def group_iri(concept: str) -> str:
    return f"{GROUP}{encode_key(concept)}"


def work_iri(work_key: str) -> str:
    return f"{ID}work/{encode_key(work_key)}"


def normalize_doc_number(number: str) -> str:
    """One spelling per 文号: 沪府规[2022] 6号 and 沪府规（2022）6号 → 沪府规〔2022〕6号."""
    text = _SPACES.sub("", unicodedata.normalize("NFKC", number))
    return _YEAR_BRACKETS.sub(r"〔\1〕", text)


def normalize_title(title: str) -> str:
    """A cited title without book-title marks or spaces."""
    text = _SPACES.sub("", unicodedata.normalize("NFKC", title))
    return text.strip("《》〈〉")


def work_key(number: str, title: str) -> str:
    """Key of the legal work behind a document or a citation: its 文号, else its title."""
    if number.strip():
        return normalize_doc_number(number)
    return normalize_title(title)


def decimal_lexical(value: float) -> str:
    """Shortest exact xsd:decimal spelling of a float (400000.0 → "400000", 3.6 → "3.6")."""
    text = format(Decimal(repr(float(value))).normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
