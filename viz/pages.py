"""Pages for one task and one target group, the section tree of a document, the search index.

All built from ``ViewData``; every text stays plain data until the template escapes it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from markupsafe import Markup
from policykg.viz import html
from policykg.viz.bench import Bench
from policykg.viz.data import DocumentRec, Fact, ViewData
from policykg.viz.document import highlight, place
from policykg.viz.graphs import (
    agencies,
    agency_url,
    doc_url,
    group_url,
    owner_links,
    task_title,
    task_url,
)

CONTEXT = 160  # characters of document text shown around a task's quote


def groups_of(data: ViewData) -> list[tuple[str, str]]:
    """(IRI, label) of every target group mentioned, sorted by label then IRI."""
    found: dict[str, str] = {}
    for mention in data.groups:
        if mention.target:
            found.setdefault(mention.target, mention.label)
    return sorted(found.items(), key=lambda item: (item[1], item[0]))


def _in_context(task: Fact, doc: DocumentRec, data: ViewData) -> Markup:
    """The task's sentence(s) with some text around, its own facts highlighted."""
    spot = place(task, doc.text)
    if spot is None:
        return Markup("")
    low, high = max(0, spot.start - CONTEXT), min(len(doc.text), spot.end + CONTEXT)
    pieces = []
    for fact in [task, *data.by_task.get(task.iri, ())]:
        found = place(fact, doc.text)
        if found and found.fact.where.source == doc.source and low <= found.start <= high:
            pieces.append(replace(found, start=found.start - low,
                                  end=min(found.end, high) - low))
    return highlight(doc.text[low:high], pieces)


def render_task(task: Fact, data: ViewData, root: str = "../") -> str:
    source = task.where.source
    doc = data.documents_by_source.get(source, DocumentRec(source))
    related = data.by_task.get(task.iri, ())
    return html.render(
        "task.html",
        scripts=[html.app_script("document")],
        title=task_title(task),
        heading=task_title(task),
        subtitle=doc.title or source,
        root=root,
        task=task,
        doc_link=doc_url(source, "", root),
        in_doc=doc_url(source, task.anchor, root),
        context=_in_context(task, doc, data) if doc.text else Markup(""),
        owners=owner_links(data, task.iri, root),
        groups=[{"label": f.label, "mention": f.detail, "url": group_url(f.target, root)}
                for f in related if f.kind == "group" and f.target],
        indicators=[f for f in related if f.kind == "indicator"],
    )


def render_group(iri: str, label: str, data: ViewData, root: str = "../") -> str:
    tasks = data.tasks_by_iri
    rows, seen = [], set()
    for mention in data.by_group.get(iri, ()):
        task = tasks.get(mention.task)
        if mention.task in seen:
            continue
        seen.add(mention.task)
        source = mention.where.source
        doc = data.documents_by_source.get(source, DocumentRec(source))
        rows.append({
            "doc": doc.title or source, "doc_url": doc_url(source, "", root),
            "task": task_title(task) if task else mention.where.quote,
            "task_url": task_url(task.iri, root) if task else doc_url(source, mention.anchor, root),
            "mention": mention.detail, "owners": owner_links(data, mention.task, root),
        })
    owners: dict[str, dict[str, Any]] = {}
    for row in rows:
        for owner in row["owners"]:
            owners.setdefault(owner["url"], {**owner, "tasks": 0})["tasks"] += 1
    return html.render(
        "group.html", scripts=[html.app_script("table")], title=label, heading=label,
        subtitle=iri, root=root, rows=rows,
        owners=sorted(owners.values(), key=lambda o: (-o["tasks"], o["label"])),
    )


def link_index(data: ViewData, bench: Bench | None) -> str:
    """``assets/links.js``: what a result table needs to show an IRI as a label linking to
    its page — ``policykgLinks`` (IRI → [label, URL from the site folder, level]) and
    ``policykgSources`` (a document's file name → [title, URL])."""
    links: dict[str, list[str]] = {}
    for iri, label in agencies(data):
        info = bench.info(iri, label) if bench else None
        links[iri] = [label, agency_url(iri), info.level if info else ""]
    for iri, label in groups_of(data):
        links[iri] = [label, group_url(iri)]
    for task in data.tasks:
        links[task.iri] = [task_title(task), task_url(task.iri)]
    sources = {}
    for doc in data.documents:
        if doc.iri:
            links[doc.iri] = [doc.title or doc.source, doc_url(doc.source)]
        sources[doc.source] = [doc.title or doc.source, doc_url(doc.source)]
    return (f"window.policykgLinks = {html.script_json(links)};\n"
            f"window.policykgSources = {html.script_json(sources)};\n")


def search_index(data: ViewData, bench: Bench | None) -> list[list[str]]:
    """[label, kind, url] of every page, for the search box of the home page."""
    entries = [[d.title or d.source, "文件 document", doc_url(d.source)] for d in data.documents]
    for iri, label in agencies(data):
        info = bench.info(iri, label) if bench else None
        where = " ".join(p for p in (info.jurisdiction, info.level) if p) if info else ""
        entries.append([f"{label} ({where})" if where else label, "单位 agency",
                        agency_url(iri)])
    entries += [[label, "群体 group", group_url(iri)] for iri, label in groups_of(data)]
    entries += [[task_title(t), "任务 task", task_url(t.iri)] for t in data.tasks]
    return entries
