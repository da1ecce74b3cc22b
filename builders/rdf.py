"""Facts → sorted N-Quads, every triple of a document in the graph named by its IRI.

The shape of the graph is described in ontology/policykg.ttl. Every fact points
(prov:wasDerivedFrom) to a span node holding offsets into the original file and the
exact quote, so an analyst can go from any answer row back to the sentence.
"""

from __future__ import annotations

import re

from policykg.builders import iris, rdf_clauses, rdf_structure
from policykg.builders.iris import document_iri
from policykg.builders.model import Agency, Facts, Span, Task
from policykg.builders.nquads import Lit, iri, literal, sorted_lines
from policykg.ontology import DCTERMS, ELI, OA, ORG, PKG, PROV, RDF, ROLE_CONCEPTS, SKOS, XSD

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_KIND_CLASSES = {"collective": PKG + "Collective", "category": PKG + "AgencyCategory"}


class _Graph:
    """Collects the quads of one document graph, as N-Quads lines."""

    def __init__(self, facts: Facts) -> None:
        self.source = facts.document.source
        self.doc = document_iri(self.source.id)
        self.graph = iri(self.doc)
        self.lines: list[str] = []
        self.span_nodes: set[str] = set()

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
        """fact prov:wasDerivedFrom a span node with raw offsets and the exact quote."""
        start, end = self.source.raw_span(span)
        node = iris.span_iri(self.source.id, start, end)
        self.add(fact, PROV + "wasDerivedFrom", node)
        if node in self.span_nodes:
            return  # several facts quote the same words: the node is written once
        self.span_nodes.add(node)
        self.add(node, DCTERMS + "source", self.doc)  # the file the offsets point into
        self.add(node, RDF + "type", OA + "TextPositionSelector")
        self.add(node, RDF + "type", OA + "TextQuoteSelector")
        self.typed(node, OA + "start", str(start), "integer")
        self.typed(node, OA + "end", str(end), "integer")
        self.add(node, OA + "exact", literal(self.source.quote(span)))
        self.add(node, DCTERMS + "isPartOf", self.doc)


def _document(g: _Graph, facts: Facts) -> None:
    meta = facts.document.meta
    g.add(g.doc, RDF + "type", ELI + "LegalExpression")
    g.add(g.doc, RDF + "type", PROV + "Entity")
    g.text(g.doc, DCTERMS + "identifier", g.source.id)
    g.text(g.doc, DCTERMS + "title", meta.title, "zh")
    if meta.date_printed:
        g.typed(g.doc, DCTERMS + "date", meta.date_printed, _date_type(meta.date_printed))
    work = iris.work_iri(iris.work_key(meta.doc_number, meta.title) or f"doc:{g.source.id}")
    g.add(g.doc, ELI + "realizes", work)
    g.add(work, RDF + "type", ELI + "LegalResource")
    g.text(work, ELI + "id_local", iris.normalize_doc_number(meta.doc_number))
    g.text(work, DCTERMS + "title", meta.title, "zh")
    if meta.date_signed:
        g.typed(work, ELI + "date_document", meta.date_signed, _date_type(meta.date_signed))
    for agency in _issuers(facts):
        g.add(work, ELI + "passed_by", iris.agency_iri(agency.key))
        _agency(g, agency)
    for citation in meta.citations:
        key = iris.work_key(citation.number, citation.title)
        if not key:
            continue
        cited = iris.work_iri(key)
        g.add(work, ELI + "cites", cited)
        g.add(cited, RDF + "type", ELI + "LegalResource")
        g.text(cited, ELI + "id_local", iris.normalize_doc_number(citation.number))
        g.text(cited, DCTERMS + "title", iris.normalize_title(citation.title), "zh")


def _date_type(value: str) -> str:
    return "date" if _ISO_DATE.fullmatch(value) else "string"


def _issuers(facts: Facts) -> list[Agency]:
    """Issuers as agency nodes, resolved like owners so the same unit is the same node."""
    if facts.issuers:
        return list(facts.issuers)
    return [Agency(key=name, name=name) for name in facts.document.meta.issuers]


def _agency(g: _Graph, agency: Agency) -> None:
    node = iris.agency_iri(agency.key)
    g.add(node, RDF + "type", ORG + "Organization")
    if agency.kind in _KIND_CLASSES:
        g.add(node, RDF + "type", _KIND_CLASSES[agency.kind])
    g.text(node, SKOS + "prefLabel", agency.name, "zh")
    g.text(node, PKG + "level", agency.level)
    g.text(node, PKG + "jurisdiction", agency.jurisdiction)
    if agency.parent:
        g.add(node, ORG + "subOrganizationOf", iris.agency_iri(agency.parent))
    if agency.counterpart:
        g.add(node, PKG + "counterpart", iris.agency_iri(agency.counterpart))


def _tasks(g: _Graph, tasks: tuple[Task, ...]) -> None:
    for task in tasks:
        node = iris.task_iri(g.source.id, task.key)
        g.add(node, RDF + "type", PKG + "Task")
        g.add(node, DCTERMS + "isPartOf", g.doc)
        g.add(node, PKG + "section", literal(task.section))
        g.text(node, DCTERMS + "title", task.heading, "zh")
        g.span(node, task.span)


def _owners(g: _Graph, facts: Facts, tasks: dict[str, Task]) -> None:
    seen: dict[str, int] = {}
    owners = sorted(
        {(o.task, o.order, o.span, o.agency.key, o.role): o for o in facts.owners}.values(),
        key=lambda o: (o.task, o.order, o.span, o.agency.key, o.role),
    )
    for owner in owners:
        if owner.task not in tasks:
            continue  # an owner outside any task has nothing to own
        slot = f"{owner.task}/{owner.order}"
        seen[slot] = seen.get(slot, 0) + 1
        order = str(owner.order) if seen[slot] == 1 else f"{owner.order}-{seen[slot]}"
        node = iris.responsibility_iri(g.source.id, owner.task, order)
        g.add(iris.task_iri(g.source.id, owner.task), PKG + "hasResponsibility", node)
        g.add(node, RDF + "type", PKG + "Responsibility")
        g.add(node, PKG + "agency", iris.agency_iri(owner.agency.key))
        g.add(node, PKG + "role", ROLE_CONCEPTS[owner.role])
        g.typed(node, PKG + "order", str(owner.order), "integer")
        g.typed(node, PKG + "implicit", "true" if owner.implicit else "false", "boolean")
        g.text(node, PKG + "mention", owner.mention)
        g.text(node, PKG + "deadline", owner.deadline)
        g.span(node, owner.span)
        _agency(g, owner.agency)


def _groups(g: _Graph, facts: Facts, tasks: dict[str, Task]) -> None:
    for mention in facts.groups:
        if mention.task not in tasks:
            continue  # goal paragraphs name groups but link no task
        task = iris.task_iri(g.source.id, mention.task)
        concept = iris.group_iri(mention.concept)
        node = iris.group_link_iri(g.source.id, mention.task, mention.concept)
        g.add(task, PKG + "hasGroupLink", node)
        g.add(task, DCTERMS + "audience", concept)
        g.add(node, RDF + "type", PKG + "GroupLink")
        g.add(node, PKG + "group", concept)
        g.text(node, PKG + "mention", mention.mention)
        g.span(node, mention.span)
        if mention.new_concept_broader:  # a concept the scheme lacks: describe it here
            g.add(concept, RDF + "type", SKOS + "Concept")
            g.text(concept, SKOS + "prefLabel", mention.label, "zh")
            g.add(concept, SKOS + "broader", iris.group_iri(mention.new_concept_broader))


def _indicators(g: _Graph, facts: Facts, tasks: dict[str, Task]) -> None:
    ordered = sorted(facts.indicators, key=lambda i: (i.span, i.metric, i.value, i.kind))
    for n, ind in enumerate(ordered, 1):
        node = iris.indicator_iri(g.source.id, n)
        task = tasks.get(ind.task)
        g.add(node, RDF + "type", PKG + "Indicator")
        g.add(node, DCTERMS + "isPartOf", g.doc)
        g.add(node, PKG + "section", literal(ind.section or (task.section if task else "")))
        g.text(node, PKG + "metric", ind.metric, "zh")
        g.typed(node, RDF + "value", iris.decimal_lexical(ind.value), "decimal")
        g.add(node, PKG + "unit", literal(ind.unit))
        g.add(node, PKG + "comparator", literal(ind.comparator))
        g.add(node, PKG + "period", literal(ind.period))
        g.add(node, PKG + "indicatorKind", literal(ind.kind))
        g.text(node, PKG + "attribute", ind.attribute)
        g.text(node, PKG + "pair", ind.pair)
        if task:
            g.add(node, PKG + "task", iris.task_iri(g.source.id, task.key))
        g.span(node, ind.span)


def to_nquads(facts: Facts) -> str:
    """The document's graph as sorted, deduplicated N-Quads (same facts → same bytes)."""
    g = _Graph(facts)
    tasks = {t.key: t for t in facts.tasks}
    _document(g, facts)
    _tasks(g, facts.tasks)
    _owners(g, facts, tasks)
    _groups(g, facts, tasks)
    _indicators(g, facts, tasks)
    rdf_structure.write_sections(g, g.source.id, facts.document, facts.tasks)
    rdf_structure.write_tables(g, facts.document)
    rdf_structure.write_addressing(g, facts.document)
    rdf_clauses.write_clauses(g, facts)
    return sorted_lines(g.lines)


__all__ = ["document_iri", "to_nquads"]
