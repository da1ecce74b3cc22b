"""Document pages: the source text with every fact's span highlighted and anchored.

A fact's first piece carries ``id="f-<id>"``; spans that cross each other are split into
pieces sharing ``data-f``, so the markup always nests. Offsets index the document text
given to the views (``Source.text``); when a recorded quote disagrees with the offsets,
the quote is looked up in the text, and the fact list says which facts could not be placed.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape
from policykg.viz import html
from policykg.viz.data import DocumentRec, Fact, ViewData
from policykg.viz.graphs import agency_url

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


def _open_tag(piece: Placed, with_id: bool) -> str:
    fact = piece.fact
    classes = f"fact k-{fact.kind}" + (f" r-{fact.role}" if fact.role else "")
    tip = " · ".join(part for part in (fact.label, fact.role, fact.detail) if part)
    ident = f' id="{fact.anchor}"' if with_id else ""
    return f'<span class="{escape(classes)}"{ident} data-f="{fact.anchor}" title="{escape(tip)}">'


def highlight(text: str, placed: list[Placed]) -> Markup:
    """``text`` escaped, with one nested ``<span>`` per fact piece."""
    order = sorted(placed, key=lambda p: (p.start, -p.end, KIND_ORDER.get(p.fact.kind, 9),
                                          p.fact.anchor))
    starts: dict[int, list[Placed]] = {}
    for piece in order:
        starts.setdefault(piece.start, []).append(piece)
    points = sorted({0, len(text)} | {p.start for p in order} | {p.end for p in order})
    out: list[str] = []
    stack: list[Placed] = []
    given: set[str] = set()
    for index, point in enumerate(points):
        ending = [i for i, open_piece in enumerate(stack) if open_piece.end == point]
        if ending:
            # close down to the outermost piece that ends here, then reopen the survivors
            cut = ending[0]
            reopen = [p for p in stack[cut:] if p.end != point]
            out.append("</span>" * (len(stack) - cut))
            del stack[cut:]
            for piece in reopen:
                out.append(_open_tag(piece, with_id=False))
                stack.append(piece)
        for piece in starts.get(point, []):
            first = piece.fact.anchor not in given
            given.add(piece.fact.anchor)
            out.append(_open_tag(piece, with_id=first))
            if piece.end == point:
                out.append("</span>")  # an empty span still gives the anchor
            else:
                stack.append(piece)
        if index + 1 < len(points):
            out.append(str(escape(text[point : points[index + 1]])))
    out.append("</span>" * len(stack))
    return Markup("".join(out))


def render_document(doc: DocumentRec, data: ViewData, root: str = "../") -> str:
    """The HTML page of one document."""
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
        body=highlight(doc.text, placed) if doc.text else Markup(""),
        rows=rows,
        unplaced=sum(1 for row in rows if not row["placed"]),
    )
