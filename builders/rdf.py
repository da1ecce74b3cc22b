"""Facts → sorted N-Quads, every triple of a document in the graph named by its IRI.

The shape of the graph is described in ontology/policykg.ttl. Every fact points
(prov:wasDerivedFrom) to an oa:SpecificResource of the original file whose selectors hold
the offsets and the exact quote, so an analyst can go from any answer row back to the
sentence. No IRI depends on the file's name or on a character offset (builders/iris.py).
"""

from __future__ import annotations

import re
from collections import defaultdict

from policykg.builders import iris, rdf_facts, rdf_structure
from policykg.builders.model import Agency, Facts, Span
from policykg.builders.nquads import Lit, iri, literal, sorted_lines
from policykg.ontology import (
    DCTERMS,
    ELI,
    HANS,
    HANT,
    LEVEL_CONCEPTS,
    OA,
    ORG,
    PKG,
    PROV,
    RDF,
    SKOS,
    XSD,
)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_KIND_CLASSES = {"collective": PKG + "Collective", "category": PKG + "AgencyCategory"}


class _Graph:
    """Collects the quads of one document graph, as N-Quads lines."""

    def __init__(self, facts: Facts, variant: str = "") -> None:
        self.source = facts.document.source
        meta = facts.document.meta
        self.key = iris.document_key(meta.doc_number, meta.title, self.source.text)
        self.doc = iris.document_iri(iris.document_key(meta.doc_number, meta.title,
                                                       self.source.text, variant))
        self.work = iris.work_iri(iris.work_key(meta.doc_number, meta.title)
                                  or f"doc:{self.key}")
        self.graph = iri(self.doc)
        self.quote_lang = HANT if self.source.script == "Hant" else HANS
        self.lines: list[str] = []
        self._quoted: dict[tuple[int, int], list[str]] = defaultdict(list)

    def add(self, s: str, p: str, o: str) -> None:
        """One quad; ``o`` is a ``literal(...)`` or else an IRI."""
        obj = o if isinstance(o, Lit) else iri(o)
        self.lines.append(f"{iri(s)} {iri(p)} {obj} {self.graph} .")

    def text(self, s: str, p: str, value: str, lang: str = "") -> None:
        """A string literal; nothing when the value is empty."""
        if value:
            self.add(s, p, literal(value, lang))

    def typed(self, s: str, p: str, value: str, datatype: str) -> None:
        self.add(s, p, literal(value, datatype=XSD + datatype))

    def span(self, fact: str, span: Span) -> None:
        """fact prov:wasDerivedFrom the stretch of the original file ``span`` maps to."""
        self._quoted[self.source.raw_span(span)].append(fact)

    def agency_key(self, key: str) -> str:
        """A unit no place anchors is kept inside its document: under the document's key,
        not its file name, so renaming the file changes no IRI."""
        scoped = f"?{self.source.id}/"
        return f"?{self.key}/{key[len(scoped):]}" if key.startswith(scoped) else key

    def write_spans(self) -> None:
        """One oa:SpecificResource per quoted stretch, keyed by its quote (the n-th equal
        quote in the file gets -n), with a position and a quote selector."""
        seen: dict[str, int] = defaultdict(int)
        for (start, end), facts in sorted(self._quoted.items()):
            quote = self.source.raw[start:end]
            key = iris.content_key(quote)
            seen[key] += 1
            node = iris.span_iri(self.doc, key if seen[key] == 1 else f"{key}-{seen[key]}")
            for fact in sorted(set(facts)):
                self.add(fact, PROV + "wasDerivedFrom", node)
            self.add(node, RDF + "type", OA + "SpecificResource")
            self.add(node, OA + "hasSource", self.doc)  # the file the offsets point into
            position, exact = f"{node}/position", f"{node}/quote"
            self.add(node, OA + "hasSelector", position)
            self.add(node, OA + "hasSelector", exact)
            self.add(position, RDF + "type", OA + "TextPositionSelector")
            self.typed(position, OA + "start", str(start), "integer")
            self.typed(position, OA + "end", str(end), "integer")
            self.add(exact, RDF + "type", OA + "TextQuoteSelector")
            self.add(exact, OA + "exact", literal(quote, self.quote_lang if quote else ""))


def _document(g: _Graph, facts: Facts) -> None:
    meta = facts.document.meta
    g.add(g.doc, RDF + "type", ELI + "LegalExpression")
    g.add(g.doc, RDF + "type", PROV + "Entity")
    g.text(g.doc, DCTERMS + "identifier", g.source.id)
    g.text(g.doc, DCTERMS + "title", meta.title, HANS)
    g.typed(g.doc, DCTERMS + "language", g.quote_lang, "language")
    if meta.date_printed:
        g.typed(g.doc, DCTERMS + "date", meta.date_printed, _date_type(meta.date_printed))
    g.add(g.doc, ELI + "realizes", g.work)
    g.add(g.work, RDF + "type", ELI + "LegalResource")
    g.text(g.work, ELI + "id_local", iris.normalize_doc_number(meta.doc_number))
    g.text(g.work, DCTERMS + "title", meta.title, HANS)
    if meta.date_signed:
        g.typed(g.work, ELI + "date_document", meta.date_signed, _date_type(meta.date_signed))
    for agency in _issuers(facts):
        g.add(g.work, ELI + "passed_by", iris.agency_iri(g.agency_key(agency.key)))
        write_agency(g, agency)
    for citation in meta.citations:
        key = iris.work_key(citation.number, citation.title)
        if not key:
            continue
        cited = iris.work_iri(key)
        g.add(g.work, ELI + "cites", cited)
        g.add(cited, RDF + "type", ELI + "LegalResource")
        g.text(cited, ELI + "id_local", iris.normalize_doc_number(citation.number))
        g.text(cited, DCTERMS + "title", iris.normalize_title(citation.title), HANS)


def _date_type(value: str) -> str:
    return "date" if _ISO_DATE.fullmatch(value) else "string"


def _issuers(facts: Facts) -> list[Agency]:
    """Issuers as agency nodes, resolved like owners so the same unit is the same node."""
    if facts.issuers:
        return list(facts.issuers)
    return [Agency(key=name, name=name) for name in facts.document.meta.issuers]


def write_agency(g: _Graph, agency: Agency) -> None:
    """A unit with its name, level (a literal and an org:classification concept), place,
    the unit it belongs to and its counterpart one level up."""
    key = g.agency_key(agency.key)
    node = iris.agency_iri(key)
    g.add(node, RDF + "type", ORG + "Organization")
    if agency.kind in _KIND_CLASSES:
        g.add(node, RDF + "type", _KIND_CLASSES[agency.kind])
    g.text(node, SKOS + "prefLabel", agency.name, HANS)
    g.text(node, ORG + "identifier", key)
    g.text(node, PKG + "level", agency.level)
    if agency.level in LEVEL_CONCEPTS:
        g.add(node, ORG + "classification", LEVEL_CONCEPTS[agency.level])
    g.text(node, PKG + "jurisdiction", agency.jurisdiction)
    if agency.parent:
        g.add(node, ORG + "subOrganizationOf", iris.agency_iri(g.agency_key(agency.parent)))
    if agency.counterpart:
        g.add(node, PKG + "counterpart", iris.agency_iri(g.agency_key(agency.counterpart)))


def graph_name(facts: Facts, variant: str = "") -> str:
    """The IRI of the document's graph (its document node)."""
    return _Graph(facts, variant).doc


def to_nquads(facts: Facts, variant: str = "") -> str:
    """The document's graph as sorted, deduplicated N-Quads (same facts → same bytes).

    ``variant`` tells apart two inputs with the same 文号 (see ``iris.document_key``)."""
    g = _Graph(facts, variant)
    _document(g, facts)
    task_iris = rdf_facts.write_facts(g, facts, write_agency)
    rdf_structure.write_sections(g, facts.document, facts.tasks, task_iris, g.work)
    rdf_structure.write_tables(g, facts.document)
    rdf_structure.write_addressing(g, facts.document)
    g.write_spans()
    return sorted_lines(g.lines)


__all__ = ["graph_name", "to_nquads", "write_agency"]
