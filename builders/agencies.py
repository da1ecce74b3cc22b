"""Owners: which units carry out each task, as Agency nodes shared across documents.

Reading order: a task-division table row's columns (builders/task_tables.py), the
responsibility clauses of the measures (builders/owners.py); in a document that has no
lists at all, the units acting in the running text (builders/prose.py). A plan issued
by a bureau belongs to that bureau: it is an implicit owner of every measure that does
not list it. Names are resolved against the document's jurisdiction
(builders/naming.py), so 区人社局 in a 青浦区 document is 上海市青浦区人力资源和社会保障局,
the same node as in every other document.

Every responsibility-shaped clause of the text is accounted for (``OwnerClause``): how
many owners it gave, which items were not read and why — the gold-free coverage figure
of the build report and of the ``unread-owner-clauses`` query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.builders import task_tables
from policykg.builders.clause_words import declares_lead_first
from policykg.builders.lexicon import label_words, mention_pattern
from policykg.builders.list_items import groups
from policykg.builders.model import (
    Document,
    NameNote,
    Owner,
    OwnerClause,
    Span,
    Task,
    UnreadItem,
)
from policykg.builders.naming import Jurisdiction, gazetteer_note, is_central, locate, resolve
from policykg.builders.owners import (
    Clause,
    Listed,
    ListRule,
    read_clauses,
    responsibility_spans,
    row_owners,
)
from policykg.builders.prose import find_agents
from policykg.builders.tasks import plan_start

DOC_NUMBER_RE = re.compile(r"[\u4e00-\u9fff]{1,8}〔\d{4}〕\d+\s*[号號]")
BUREAU_RE = re.compile(r"(?:局|厅|委员会|部)$")
ARTICLES_MIN = 3
PUBLISHED_RE = re.compile(r"(?:印发|转发|发布|公布)《?(.+?)》?的?(?:通知|函|决定|令)$")


@dataclass(frozen=True)
class OwnerReading:
    owners: tuple[Owner, ...]
    clauses: tuple[OwnerClause, ...]  # every marked clause of the text, in order
    notes: tuple[NameNote, ...]  # owners kept as written, for an analyst to check


def find_owners(document: Document, tasks: tuple[Task, ...]) -> tuple[Owner, ...]:
    return read_owners(document, tasks).owners


def read_owners(document: Document, tasks: tuple[Task, ...],
                where: Jurisdiction | None = None) -> OwnerReading:
    """Owners, clauses and name notes; ``where`` is ``jurisdiction(document)`` if known."""
    where = where or jurisdiction(document)
    text = document.source.text
    read: dict[str, list[Clause]] = {}
    rule = _declared_rule(document)
    for task in tasks:
        row = task_tables.row_at(document, task.span)
        if row is not None:
            read[task.key] = [row_owners(row, _lead_first(document, row))]
            continue
        read[task.key], rule = read_clauses(
            text[task.span.start : task.span.end], task.span.start, rule
        )
    # a document that lists owners in brackets or label lines reads no prose agents; one
    # plain sentence (由X牵头，Y配合，…) in running text does not make it such a document
    listed = [t.span.start for t in tasks
              if any(c.items and c.shape != "sentence" for c in read[t.key])]
    # a document that lists owners reads no prose agents (one plain sentence, 由X牵头，Y
    # 配合，…, does not make it such a document) — but for the items of a notice that
    # publishes a plan of lists: they come before the plan, and name their owners in prose
    prose_until = plan_start(document, min(listed)) if listed else len(text)
    reads_prose = not closed_genre(document.meta.title) and not _articles(document)
    issuer = _issuing_bureau(document)
    owners: list[Owner] = []
    notes: list[NameNote] = []
    given: dict[tuple[int, int], int] = {}  # clause → owners read from it
    for task in tasks:
        items = [(item, clause) for clause in read[task.key] for item in clause.items]
        inherited = not items and _part_owners(task, tasks, read)
        if inherited:  # an item under a part whose heading names the owners: theirs too
            items = inherited
        if reads_prose and task.span.start < prose_until:  # plain lists, then other agents
            items = sorted([*items, *_agents(text, task, items)], key=lambda ic: ic[0].start)
        seen: set[str] = set()
        central_list = any(is_central(item.mention) for item, _ in items)
        for item, clause in items:
            agency = resolve(item.mention, where, central_list)
            span = Span(item.start, item.end)
            if clause is not None and not inherited:
                given[(clause.start, clause.end)] = given.get((clause.start, clause.end), 0) + 1
            note = gazetteer_note(item.mention, agency, where)
            if note:
                notes.append(NameNote(item.mention, span, note))
            if agency.key in seen:
                continue
            seen.add(agency.key)
            owners.append(Owner(task.key, agency, item.mention, item.role, len(seen) - 1,
                                span, deadline=item.deadline,
                                clause=Span(clause.start, clause.end) if clause else None))
        if issuer and task.section:
            agency = resolve(issuer, where)
            if agency.key not in seen:
                owners.append(Owner(task.key, agency, issuer, "responsible", len(seen),
                                    task.span, implicit=True))
    clauses = _accounted(document, tasks, read, given)
    return OwnerReading(tuple(owners), clauses, tuple(notes))


def _part_owners(task: Task, tasks: tuple[Task, ...], read: dict[str, list[Clause]]
                 ) -> list[tuple[Listed, Clause | None]]:
    """The owners of the nearest part above ``task`` that is a task of its own."""
    parts = [t for t in tasks if t.section and task.section.startswith(t.section + ".")]
    for part in sorted(parts, key=lambda t: -len(t.section)):
        items = [(item, clause) for clause in read[part.key] for item in clause.items]
        if items:
            return items
    return []


def _agents(text: str, task: Task, items: list[tuple[Listed, Clause | None]]
            ) -> list[tuple[Listed, Clause | None]]:
    """Units acting in the running text of a measure, outside the lists already read."""
    body = text[task.span.start : task.span.end]
    out: list[tuple[Listed, Clause | None]] = []
    for a in find_agents(body):
        start, end = task.span.start + a.start, task.span.start + a.end
        # 县人民政府 inside 各市、县人民政府 is that one unit
        if not any(start < i.end and i.start < end for i, _ in items):
            out.append((Listed(a.mention, start, end, a.role, 0), None))
    return out


def _accounted(document: Document, tasks: tuple[Task, ...], read: dict[str, list[Clause]],
               given: dict[tuple[int, int], int]) -> tuple[OwnerClause, ...]:
    """Every marked clause of the whole text, with the owners read from it (exact: each
    owner remembers its clause) and, when none were, the reason."""
    text = document.source.text
    by_span = {(c.start, c.end): (key, c) for key, cs in read.items() for c in cs if c.marked}
    spans = set(responsibility_spans(text)) | set(by_span)
    out = []
    for span in sorted(_outermost(spans)):
        key, clause = by_span.get(span, ("", None))
        n = given.get(span, 0)
        if clause is None:
            holder = next((t.key for t in tasks if t.span.start <= span[0] < t.span.end), "")
            reason = "a responsibility word, but no list of units" if holder else (
                "outside every measure (a goal, preamble or note)")
            out.append(OwnerClause(Span(*span), "bracket", holder, 0, (), reason))
            continue
        unread = tuple(UnreadItem(u.mention, Span(u.start, u.end), u.reason)
                       for u in clause.unread)
        reason = "" if n else _no_owner_reason(clause)
        out.append(OwnerClause(Span(*span), clause.shape, key, n, unread, reason))
    return tuple(out)


def _outermost(spans: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """A label line read inside a bracket counts once, as its bracket."""
    return {s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1]
                                        for o in spans)}


def _no_owner_reason(clause: Clause) -> str:
    if clause.unread:
        return "no item reads as a unit: " + "、".join(u.mention for u in clause.unread)
    return "no units named"


def closed_genre(title: str) -> bool:
    """A regulation, a reply, an approval: a genre whose prose assigns no tasks. A notice
    that publishes one (关于印发《…规则》的通知) takes the genre of what it publishes."""
    published = PUBLISHED_RE.search(title)
    core = (published.group(1) if published else title).rstrip("》」”\" ")
    return core.endswith(tuple(label_words("closed-genre")))


def _articles(document: Document) -> bool:
    """A text set out in articles (第一条 …) is a regulation, whatever its title says."""
    return sum(1 for sec in document.sections if sec.style == "article") >= ARTICLES_MIN


def _lead_first(document: Document, row: task_tables.Row) -> bool:
    """列第一位的为牵头单位 in the table's caption, header, a note around it, or the text."""
    table = row.table
    text = document.source.text
    around = text[max(0, table.span.start - 200) : table.span.end + 200]
    return declares_lead_first(around + "".join(table.columns))


def _declared_rule(document: Document) -> ListRule:
    """A lead declaration outside every bracket — in the notice (现将任务分工如下，列第一位
    者为牵头单位) or a closing note (注：…) — holds for every list of the document."""
    text = list(document.source.text)
    for start, end in groups(document.source.text):
        text[start:end] = " " * (end - start)
    return ListRule(declares_lead_first("".join(text)))


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
