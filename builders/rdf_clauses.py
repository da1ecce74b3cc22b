"""Responsibility clauses in the graph: each one with the owners read from it, and for
those read badly, the reason and the items that were not units (ontology/policykg.ttl:
pkg:OwnerClause, pkg:UnreadItem). The ``unread-owner-clauses`` and ``owner-coverage``
queries read them; so does the document page of the workbench.
"""

from __future__ import annotations

from policykg.builders import iris
from policykg.builders.model import Facts
from policykg.builders.rdf_structure import GraphWriter
from policykg.ontology import DCTERMS, PKG, RDF


def write_clauses(g: GraphWriter, facts: Facts, task_iris: dict[str, str]) -> None:
    """``task_iris``: Task.key → the task's IRI, as the facts were written."""
    source = facts.document.source
    seen: dict[str, int] = {}
    for clause in facts.clauses:
        # keyed by the clause's words, not its offset: an edit elsewhere keeps the IRI
        digest = iris.content_key("clause", source.clean(clause.span))
        seen[digest] = seen.get(digest, 0) + 1
        key = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"
        node = f"{g.doc}/clause/{key}"
        g.add(node, RDF + "type", PKG + "OwnerClause")
        g.add(node, DCTERMS + "isPartOf", g.doc)
        g.text(node, PKG + "shape", clause.shape)
        g.typed(node, PKG + "ownersRead", str(clause.owners), "integer")
        g.text(node, PKG + "unreadReason", clause.reason)
        if clause.task in task_iris:
            g.add(node, PKG + "task", task_iris[clause.task])
        g.span(node, clause.span)
        for n, item in enumerate(clause.unread, 1):
            unread = f"{node}/item/{n}"
            g.add(node, PKG + "unreadItem", unread)
            g.add(unread, RDF + "type", PKG + "UnreadItem")
            g.text(unread, PKG + "mention", item.mention)
            g.text(unread, PKG + "unreadReason", item.reason)
            g.span(unread, item.span)
