"""The owner-clause coverage of one document, as the build report gives it.

Gold-free and exact: every responsibility-shaped clause of the text (builders/agencies.py
finds them by shape, before reading a unit) and the owners read from each, so a clause
that named owners the tool could not read is never confused with a task that has none.
Offsets are character offsets into the decoded original file, like every quote.
"""

from __future__ import annotations

from typing import Any

from policykg.builders.model import Facts, Span


def clause_report(facts: Facts) -> dict[str, Any]:
    """``marked`` clauses, how many were ``read``, and what was not, with quote and reason."""
    source = facts.document.source
    sections = {t.key: t.section for t in facts.tasks}

    def where(span: Span) -> dict[str, Any]:
        start, end = source.raw_span(span)
        return {"start": start, "end": end, "quote": source.quote(span)}

    unread = [{**where(c.span), "reason": c.reason, "section": sections.get(c.task, "")}
              for c in facts.clauses if not c.owners]
    items = [{**where(u.span), "reason": u.reason} for c in facts.clauses for u in c.unread]
    names = [{**where(n.span), "note": n.note} for n in facts.name_notes]
    return {
        "marked": len(facts.clauses),
        "read": sum(1 for c in facts.clauses if c.owners),
        "unread": unread,
        "unread_items": items,
        "names_to_check": names,
    }
