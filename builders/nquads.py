"""N-Quads terms written as text, exactly as pyoxigraph serialises them.

Building one pyoxigraph Quad per triple and serialising the list cost more than the
whole extraction of a document; the lines are the same bytes when written directly.
IRIs and language tags are still checked by pyoxigraph (once per distinct value), so
an invalid one fails as before. tests/test_nquads.py pins the escaping to pyoxigraph's.
"""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox
from policykg.ontology import XSD

# what pyoxigraph escapes in a quoted literal; every other character is written as is
_ESCAPES = {c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F, 0xFFFE, 0xFFFF)}
_ESCAPES.update({0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r",
                 ord('"'): '\\"', ord("\\"): "\\\\"})
_XSD_STRING = XSD + "string"


class Lit(str):
    """A literal already written in N-Quads form (``"v"@zh``, ``"1"^^<…#integer>``)."""

    __slots__ = ()


@lru_cache(maxsize=1 << 16)
def iri(value: str) -> str:
    """``<value>``, after pyoxigraph has accepted ``value`` as an IRI."""
    ox.NamedNode(value)
    return f"<{value}>"


@lru_cache(maxsize=64)
def _language(tag: str) -> str:
    ox.Literal("", language=tag)  # rejects an invalid tag, as a Literal would
    return tag.lower()


def quoted(value: str) -> str:
    return '"' + value.translate(_ESCAPES) + '"'


def literal(value: str, lang: str = "", datatype: str = "") -> Lit:
    """A plain, language-tagged or typed literal (xsd:string is written plain)."""
    if lang:
        return Lit(f"{quoted(value)}@{_language(lang)}")
    if datatype and datatype != _XSD_STRING:
        return Lit(f"{quoted(value)}^^{iri(datatype)}")
    return Lit(quoted(value))


def object_term(value: str) -> str:
    """An object: a literal as written, any other string an IRI."""
    return value if isinstance(value, Lit) else iri(value)


_OTHER_BREAKS = ("\x85", "\u2028", "\u2029")  # line breaks to str.splitlines, kept raw


def sorted_lines(lines: list[str]) -> str:
    """Lines joined as pyoxigraph's output was read: split on every line break Python
    knows, blank pieces dropped, deduplicated and sorted."""
    text = "\n".join(lines)
    if any(mark in text for mark in _OTHER_BREAKS):
        pieces = {line for line in text.splitlines() if line.strip()}
    else:  # each line is one quad, never blank
        pieces = set(lines)
    return "".join(line + "\n" for line in sorted(pieces))


__all__ = ["Lit", "iri", "literal", "object_term", "quoted", "sorted_lines"]
