"""Document pages: the source text with every fact's span highlighted and anchored.

A fact's first piece carries ``id="f-<id>"``; spans that cross each other are split into
pieces sharing ``data-f``, so the markup always nests. Offsets index the document text
given to the views (``Source.text``); when a recorded quote disagrees with the offsets,
the quote is looked up in the text, and the fact list says which facts could not be placed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape
from policykg.viz import html
from policykg.viz.bench import Bench, Citation
from policykg.viz.data import DocumentRec, Fact, Row, ViewData
from policykg.viz.graphs import agency_url, doc_url, owner_links, task_title, task_url

KIND_ORDER = {"task": 0, "indicator": 1, "owner": 2, "group": 3}
NEARBY = 400  # characters around the recorded offset to look for a displaced quote


@dataclass(frozen=True)
class Placed:
    fact: Fact
    start: int
    end: int
    exact: bool  # the text at the offsets equals the recorded quote (or there is no quote)


def place(fact: Fact, text: str) -> Placed | None:
    """Where ``fact`` sits in ``text``, or None when neither offsets nor quote fit."""
    start, end, quote = fact.where.start, fact.where.end, fact.where.quote
    offsets: tuple[int, int] | None = None
    if start is not None and end is not None and start <= end <= len(text):
        offsets = (start, end)
        if not quote or text[start:end] == quote:
            return Placed(fact, start, end, True)
    if quote:
        near = max(0, (offsets[0] if offsets else 0) - NEARBY)
        found = text.find(quote, near)
        if found < 0:
            found = text.find(quote)
        if found >= 0:
            return Placed(fact, found, found + len(quote), True)
    return Placed(fact, *offsets, False) if offsets else None


def _open_tag(piece: Placed, with_id: bool, href: str) -> str:
    fact = piece.fact
    classes = f"fact k-{fact.kind}" + (f" r-{fact.role}" if fact.role else "")
    tip = " · ".join(part for part in (fact.label, fact.role, fact.detail) if part)
    ident = f' id="{fact.anchor}"' if with_id else ""
    tag = f'a href="{escape(href)}"' if href else "span"
    return f'<{tag} class="{escape(classes)}"{ident} data-f="{fact.anchor}" title="{escape(tip)}">'


def highlight(text: str, placed: list[Placed], link: Callable[[Fact], str] | None = None) -> Markup:
    """``text`` escaped, with one nested element per fact piece: a link where ``link`` gives
    the fact a page (an owner → its agency), else a ``<span>``. A link never opens inside
    another link (HTML forbids it): the inner piece is then a ``<span>``."""
    order = sorted(placed, key=lambda p: (p.start, -p.end, KIND_ORDER.get(p.fact.kind, 9),
                                          p.fact.anchor))
    starts: dict[int, list[Placed]] = {}
    for piece in order:
        starts.setdefault(piece.start, []).append(piece)
    points = sorted({0, len(text)} | {p.start for p in order} | {p.end for p in order})
    out: list[str] = []
    stack: list[tuple[Placed, str]] = []  # open pieces with their link ("" for a span)
    given: set[str] = set()

    def open_piece(piece: Placed, with_id: bool) -> str:
        href = link(piece.fact) if link else ""
        if any(open_href for _, open_href in stack):
            href = ""
        out.append(_open_tag(piece, with_id, href))
        return href

    def close(href: str) -> str:
        return "</a>" if href else "</span>"

    for index, point in enumerate(points):
        ending = [i for i, (open_piece_, _) in enumerate(stack) if open_piece_.end == point]
        if ending:
            # close down to the outermost piece that ends here, then reopen the survivors
            cut = ending[0]
            reopen = [p for p, _ in stack[cut:] if p.end != point]
            out.extend(close(href) for _, href in reversed(stack[cut:]))
            del stack[cut:]
            for piece in reopen:
                stack.append((piece, open_piece(piece, with_id=False)))
        for piece in starts.get(point, []):
            first = piece.fact.anchor not in given
            given.add(piece.fact.anchor)
            href = open_piece(piece, with_id=first)
            if piece.end == point:
                out.append(close(href))  # an empty element still gives the anchor
            else:
                stack.append((piece, href))
        if index + 1 < len(points):
            out.append(str(escape(text[point : points[index + 1]])))
    out.extend(close(href) for _, href in reversed(stack))
    return Markup("".join(out))


@dataclass
class Section:
    label: str
    tasks: list[dict[str, Any]] = field(default_factory=list)
    children: dict[str, Section] = field(default_factory=dict)

    @property
    def items(self) -> list[Section]:
        return list(self.children.values())


def section_tree(doc: DocumentRec, data: ViewData, root: str = "../") -> list[Section]:
    """Tasks of a document nested by their section numbers (``4.1`` under ``4``)."""
    top = Section("")
    facts = data.by_source.get(doc.source, ())
    for task in (f for f in facts if f.kind == "task"):
        node = top
        parts = [p for p in task.section.replace("、", ".").split(".") if p] or ["—"]
        for depth in range(len(parts)):
            key = ".".join(parts[: depth + 1])
            node = node.children.setdefault(key, Section(key))
        node.tasks.append({"label": task_title(task), "url": task_url(task.iri, root),
                           "owners": owner_links(data, task.iri, root)})
    return top.items


def _citations(cites: list[Citation], data: ViewData, root: str, citing: bool) -> list[dict]:
    found = []
    for cite in cites:
        source = cite.source if citing else cite.cited_source
        doc = data.documents_by_source.get(source)
        if citing:
            label = (doc.title if doc else "") or source
        else:
            label = (doc.title if doc else "") or cite.label
        found.append({"label": label, "url": doc_url(source, "", root) if doc else ""})
    return found


def _owner_link(fact: Fact, root: str) -> str:
    return agency_url(fact.target, root) if fact.kind == "owner" and fact.target else ""


def render_document(
    doc: DocumentRec,
    data: ViewData,
    root: str = "../",
    bench: Bench | None = None,
    unread_clauses: Sequence[Row] = (),
) -> str:
    """The HTML page of one document: section tree, citations, text with facts anchored and
    each owner linked to its agency. ``unread_clauses`` are the rows of the
    ``unread-owner-clauses`` query for this document (owner clauses the extraction did not
    read, or not wholly), shown in their own section with the document's coverage."""
    facts = data.by_source.get(doc.source, [])
    placements = {fact.anchor: place(fact, doc.text) for fact in facts}
    placed = [p for p in placements.values() if p is not None]
    rows = []
    for fact in sorted(facts, key=lambda f: (f.where.start or 0, KIND_ORDER[f.kind], f.anchor)):
        spot = placements[fact.anchor]
        rows.append({
            "fact": fact,
            "placed": spot is not None,
            "exact": spot is not None and spot.exact,
            "agency_url": agency_url(fact.target, root) if fact.kind == "owner" else "",
            "task_url": task_url(fact.iri, root) if fact.kind == "task" else "",
        })
    heading = doc.title or doc.source
    return html.render(
        "document.html",
        scripts=[html.app_script("document")],
        title=heading,
        heading=heading,
        subtitle=" · ".join(p for p in (doc.doc_number, doc.date, doc.source) if p),
        root=root,
        doc=doc,
        body=highlight(doc.text, placed, lambda fact: _owner_link(fact, root))
        if doc.text else Markup(""),
        rows=rows,
        unplaced=sum(1 for row in rows if not row["placed"]),
        tree=section_tree(doc, data, root),
        cites=_citations(bench.cites(doc.source), data, root, False) if bench else [],
        cited_by=_citations(bench.cited_by(doc.source), data, root, True) if bench else [],
        unread_clauses=list(unread_clauses),
        coverage=bench.coverage.get(doc.source) if bench else None,
    )
