"""Write the whole static site: index, overview network, one page per document and agency.

Layout of ``out_dir``::

    index.html              documents, agencies, groups; links to everything
    network.html            the overview network
    doc/<source>.html       source text with every fact anchored (#f-<id>)
    agency/<slug>.html      one agency: its tasks, partners and groups
    graph/<slug>.html       any extra networkx graph handed in (e.g. from graph.analytics)
    assets/vis-network.min.js   the library, once, from the installed pyvis package
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import networkx as nx
from policykg.viz import html
from policykg.viz.data import ViewData, page_slug
from policykg.viz.document import render_document
from policykg.viz.graphs import (
    agencies,
    agency_url,
    agency_view,
    doc_url,
    group_anchor,
    overview,
    owned_tasks,
    partners,
    role_counts,
)
from policykg.viz.network import from_networkx, render_network

VIS_FILE = "assets/vis-network.min.js"


def _write(path: Path, text: str, written: list[Path]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    written.append(path)


def _agency_page(data: ViewData, iri: str, label: str) -> str:
    tasks = data.tasks_by_iri
    titles = {doc.source: doc.title or doc.source for doc in data.documents}
    rows = []
    for owner in owned_tasks(data, iri):
        task = tasks.get(owner.task)
        source = owner.where.source
        rows.append({
            "owner": owner,
            "doc_title": titles.get(source, source),
            "doc_url": doc_url(source, "", "../"),
            "task_label": f"{task.section} {task.label}".strip() if task else owner.where.quote,
            "task_url": doc_url(source, (task or owner).anchor, "../"),
        })
    return render_network(
        agency_view(data, iri, label),
        root="../",
        vis_file=VIS_FILE,
        template="agency.html",
        tasks=rows,
        partners=partners(data, iri),
        partner_url=lambda other: agency_url(other, "../"),
    )


def _index_page(data: ViewData, extra: list[tuple[str, str]]) -> str:
    documents = [
        {
            "doc": doc,
            "url": doc_url(doc.source),
            "tasks": sum(fact.kind == "task" for fact in data.by_source.get(doc.source, ())),
            "facts": len(data.by_source.get(doc.source, ())),
        }
        for doc in data.documents
    ]
    agency_rows = [
        {"label": label, "url": agency_url(iri), "roles": role_counts(owned_tasks(data, iri))}
        for iri, label in agencies(data)
    ]
    labels: dict[str, str] = {}
    mentions: dict[str, list[dict[str, str]]] = {}
    for mention in data.groups:
        if mention.target:
            labels.setdefault(mention.target, mention.label)
            mentions.setdefault(mention.target, []).append({
                "text": mention.detail or mention.label,
                "url": doc_url(mention.where.source, mention.anchor),
            })
    groups = [
        {"label": label, "anchor": group_anchor(iri), "mentions": mentions[iri]}
        for iri, label in sorted(labels.items(), key=lambda item: (item[1], item[0]))
    ]
    return html.render(
        "index.html",
        title="policykg",
        heading="policykg 政策知识图谱",
        subtitle="",
        root="",
        documents=documents,
        agencies=agency_rows,
        groups=groups,
        extra_graphs=extra,
    )


def write_site(
    data: ViewData, out_dir: Path, graphs: Mapping[str, nx.Graph] | None = None
) -> list[Path]:
    """Write every page of the site into ``out_dir``; returns the files written, sorted.

    ``graphs`` are extra networks to draw as they are, keyed by their title.
    """
    written: list[Path] = []
    _write(out_dir / VIS_FILE, html.vis_script(), written)
    _write(out_dir / "network.html", render_network(overview(data), vis_file=VIS_FILE), written)
    for doc in data.documents:
        _write(out_dir / doc_url(doc.source), render_document(doc, data), written)
    for iri, label in agencies(data):
        _write(out_dir / agency_url(iri), _agency_page(data, iri, label), written)
    extra: list[tuple[str, str]] = []
    for name in sorted(graphs or {}):
        url = f"graph/{page_slug(name)}.html"
        view = from_networkx((graphs or {})[name], name, "../")
        page = render_network(view, root="../", vis_file=VIS_FILE)
        _write(out_dir / url, page, written)
        extra.append((name, url))
    _write(out_dir / "index.html", _index_page(data, extra), written)
    return sorted(written)
