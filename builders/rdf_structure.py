"""The document's own shape in RDF: numbered sections, tables, addressees and copies.

Kept apart from ``rdf.py`` (facts) because it describes the text, not what the text
assigns; both write into the same per-document graph.
"""

from __future__ import annotations

from typing import Protocol

from policykg.builders import iris
from policykg.builders.model import Document, Span, Task
from policykg.builders.nquads import literal
from policykg.ontology import DCTERMS, ELI, HANS, PKG, RDF, RDFS


class GraphWriter(Protocol):
    doc: str

    def add(self, s: str, p: str, o: str) -> None: ...
    def text(self, s: str, p: str, value: str, lang: str = "") -> None: ...
    def typed(self, s: str, p: str, value: str, datatype: str) -> None: ...
    def span(self, fact: str, span: Span) -> None: ...


def section_iri(doc: str, path: str) -> str:
    return f"{doc}/section/{iris.encode_key(path)}"


def write_sections(
    g: GraphWriter, document: Document, tasks: tuple[Task, ...], task_iris: dict[str, str],
    work: str,
) -> None:
    """Each numbered section as an ELI subdivision of the work (eli:is_part_of its enclosing
    section, or the work itself), with its number as printed and its heading; tasks point
    to theirs."""
    paths = {sec.path for sec in document.sections}
    for sec in document.sections:
        node = section_iri(g.doc, sec.path)
        g.add(node, RDF + "type", PKG + "Section")
        g.add(node, RDF + "type", ELI + "LegalResourceSubdivision")
        g.add(node, DCTERMS + "isPartOf", g.doc)
        g.add(node, PKG + "section", literal(sec.path))
        g.add(node, ELI + "number", literal(sec.marker))
        g.text(node, DCTERMS + "title", sec.heading, HANS)
        g.typed(node, PKG + "depth", str(sec.depth), "integer")
        parent = ".".join(sec.path.split(".")[:-1])
        whole = section_iri(g.doc, parent) if parent in paths else work
        g.add(node, ELI + "is_part_of", whole)
        g.add(whole, ELI + "has_part", node)
        g.span(node, sec.heading_span)
    for task in tasks:
        if task.section in paths:
            g.add(task_iris[task.key], PKG + "inSection", section_iri(g.doc, task.section))


def write_tables(g: GraphWriter, document: Document) -> None:
    """Tables as rows of cells, each cell with its column name, value and span."""
    for t, table in enumerate(document.tables, 1):
        node = f"{g.doc}/table/{t}"
        g.add(node, RDF + "type", PKG + "Table")
        g.add(node, DCTERMS + "isPartOf", g.doc)
        g.text(node, RDFS + "label", table.caption, HANS)
        g.text(node, PKG + "columns", "\t".join(table.columns))
        for r, row in enumerate(table.rows, 1):
            row_node = f"{node}/row/{r}"
            g.add(node, PKG + "hasRow", row_node)
            g.add(row_node, RDF + "type", PKG + "TableRow")
            g.typed(row_node, PKG + "order", str(r), "integer")
            for c, (cell, span) in enumerate(zip(row.cells, row.cell_spans, strict=False), 1):
                cell_node = f"{row_node}/cell/{c}"
                g.add(row_node, PKG + "hasCell", cell_node)
                g.add(cell_node, RDF + "type", PKG + "TableCell")
                column = table.columns[c - 1] if c <= len(table.columns) else ""
                g.text(cell_node, PKG + "column", column)
                g.add(cell_node, RDF + "value", literal(cell))
                g.span(cell_node, span)


def write_addressing(g: GraphWriter, document: Document) -> None:
    """主送 and 抄送 as written: they are audiences, not owners."""
    meta = document.meta
    for name in meta.addressees:
        g.text(g.doc, PKG + "addressee", name, HANS)
    for name in meta.cc:
        g.text(g.doc, PKG + "copyTo", name, HANS)
    for key, value in meta.extra:
        g.text(g.doc, PKG + "portalField", f"{key}: {value}", HANS)
