"""N-Quads lines written as text are the bytes pyoxigraph writes for the same quad."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from policykg.builders.nquads import iri, literal, object_term, sorted_lines

XSD = "http://www.w3.org/2001/XMLSchema#"
S, P, G = "https://w3id.org/policykg/id/doc/甲", "http://purl.org/dc/terms/title", "http://g/1"
# every character pyoxigraph escapes, and neighbours it does not
AWKWARD = "".join(chr(c) for c in (*range(0x20), 0x7F, 0xFFFE, 0xFFFF)) + '"\\ 中\u2028\x85\u00a0😀'


def by_pyoxigraph(obj: ox.NamedNode | ox.Literal) -> str:
    quad = ox.Quad(ox.NamedNode(S), ox.NamedNode(P), obj, ox.NamedNode(G))
    return bytes(ox.serialize([quad], format=ox.RdfFormat.N_QUADS) or b"").decode("utf-8")


def by_text(obj: str) -> str:
    return f"{iri(S)} {iri(P)} {object_term(obj)} {iri(G)} .\n"


@pytest.mark.parametrize("value", ["上海市青浦区", "", AWKWARD, "a\nb\tc\rd"])
def test_literals_are_escaped_as_pyoxigraph_does(value: str) -> None:
    assert by_text(literal(value)) == by_pyoxigraph(ox.Literal(value))
    assert by_text(literal(value, "zh")) == by_pyoxigraph(ox.Literal(value, language="zh"))
    for datatype in ("integer", "string", "date"):
        typed = ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))
        assert by_text(literal(value, datatype=XSD + datatype)) == by_pyoxigraph(typed)


def test_language_tags_are_lowercased_like_pyoxigraph() -> None:
    assert by_text(literal("x", "ZH-Hans")) == by_pyoxigraph(ox.Literal("x", language="ZH-Hans"))


def test_iris_are_checked_and_written_as_given() -> None:
    assert by_text("https://w3id.org/policykg/id/agency/上海市/人社局") == by_pyoxigraph(
        ox.NamedNode("https://w3id.org/policykg/id/agency/上海市/人社局"))
    with pytest.raises(ValueError):
        iri("https://w3id.org/policykg/id/a b")


def test_lines_are_split_deduplicated_and_sorted_as_before() -> None:
    # a literal holding U+2028 was split into two lines by str.splitlines before
    assert sorted_lines(["b .", "a \u2028x .", "b ."]) == "a \nb .\nx .\n"
