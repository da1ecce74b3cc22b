"""Owners: which units carry out each task, as Agency nodes shared across documents.

Reading order: a task-division table row's columns (builders/task_tables.py), the
responsibility lists of the measures (builders/owners.py); in a
document that has no lists at all, the units acting in the running text
(builders/prose.py). A plan issued by a bureau belongs to that bureau: it is an
implicit owner of every measure that does not list it. Names are resolved against the
document's jurisdiction (builders/naming.py), so 区人社局 in a 青浦区 document is
上海市青浦区人力资源和社会保障局, the same node as in every other document.
"""

from __future__ import annotations

import re

from policykg.builders import task_tables
from policykg.builders.lexicon import mention_pattern
from policykg.builders.model import Document, Owner, Span, Task
from policykg.builders.naming import Jurisdiction, is_central, locate, resolve
from policykg.builders.owners import LEAD_FIRST_RE, Listed, ListRule, row_owners, unit_lists
from policykg.builders.prose import find_agents

DOC_NUMBER_RE = re.compile(r"[\u4e00-\u9fff]{1,8}〔\d{4}〕\d+\s*[号號]")
BUREAU_RE = re.compile(r"(?:局|厅|委员会|部)$")


def find_owners(document: Document, tasks: tuple[Task, ...]) -> tuple[Owner, ...]:
    where = jurisdiction(document)
    text = document.source.text
    listed: dict[str, list[Listed]] = {}
    rule = ListRule()
    for task in tasks:
        row = task_tables.row_at(document, task.span)
        if row is not None:
            listed[task.key] = row_owners(row, _lead_first(document, row))
            continue
        listed[task.key], rule = unit_lists(
            text[task.span.start : task.span.end], task.span.start, rule
        )
    # a document that lists owners in brackets or label lines reads no prose agents; one
    # plain sentence (由X牵头，Y配合，…) in running text does not make it such a document
    uses_lists = any(unit_lists(text[t.span.start : t.span.end], t.span.start, ListRule(),
                                plain=False)[0] or task_tables.row_at(document, t.span)
                     for t in tasks if listed[t.key])
    issuer = _issuing_bureau(document)
    owners: list[Owner] = []
    for task in tasks:
        items = listed[task.key]
        if not uses_lists:  # plain-sentence lists (X牵头，Y配合。), then the other agents
            body = text[task.span.start : task.span.end]
            agents = [Listed(a.mention, task.span.start + a.start, task.span.start + a.end,
                             a.role, 0) for a in find_agents(body)]
            agents = [a for a in agents  # 县人民政府 inside 各市、县人民政府 is that one unit
                      if not any(a.start < i.end and i.start < a.end for i in items)]
            items = sorted([*items, *agents], key=lambda item: item.start)
        seen: set[str] = set()
        central_list = any(is_central(item.mention) for item in items)
        for item in items:
            agency = resolve(item.mention, where, central_list)
            if agency.key in seen:
                continue
            seen.add(agency.key)
            owners.append(Owner(task.key, agency, item.mention, item.role, len(seen) - 1,
                                Span(item.start, item.end), deadline=item.deadline))
        if issuer and task.section:
            agency = resolve(issuer, where)
            if agency.key not in seen:
                owners.append(Owner(task.key, agency, issuer, "responsible", len(seen),
                                    task.span, implicit=True))
    return tuple(owners)


def _lead_first(document: Document, row: task_tables.Row) -> bool:
    """列第一位的为牵头单位 in the table's caption, header, a note around it, or the text."""
    table = row.table
    text = document.source.text
    around = text[max(0, table.span.start - 200) : table.span.end + 200]
    return bool(LEAD_FIRST_RE.search(around + "".join(table.columns)))


def jurisdiction(document: Document) -> Jurisdiction:
    meta = document.meta
    text = document.source.text
    # a heading line names the issuer or the title; addressee lines (各市…：) do not count
    lines = [line.strip() for line in text[:600].splitlines()[:6] if line.strip()]
    lines = [ln for ln in lines if not ln.endswith((":", "：")) and "各" not in ln]
    heads = [*meta.issuers, meta.title, *(v for k, v in document.source.front_matter
                                          if k == "title")]
    number = meta.doc_number
    if not number:  # a number near the top, unless it is one the document cites
        cited = [c.span for c in meta.citations]
        number = next((m.group(0) for m in DOC_NUMBER_RE.finditer(text[:600])
                       if not any(c.start <= m.start() < c.end for c in cited)), "")
    return locate(document.source.id, [h for h in heads if h], number, text, lines[:4])


def _issuing_bureau(document: Document) -> str:
    """The issuer when it is one department (a bureau's own plan), else ""."""
    issuers = list(document.meta.issuers)
    if not issuers:
        lines = [ln.strip() for ln in document.source.text[:400].splitlines() if ln.strip()]
        issuers = [ln for ln in lines[:3] if BUREAU_RE.search(ln) and len(ln) <= 30
                   and mention_pattern().fullmatch(ln)]
    if len(issuers) != 1 or "人民政府" in issuers[0] or "办公" in issuers[0]:
        return ""
    return issuers[0] if BUREAU_RE.search(issuers[0]) else ""
