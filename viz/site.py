"""Write the whole site (the workbench): home, networks, one page per document, agency,
target group, task and canned query.

Layout of ``out_dir``::

    index.html              statistics, search, documents, agencies, groups, queries
    network.html            the overview network
    doc/<source>.html       source text with every fact anchored (#f-<id>), section tree
    agency/<slug>.html      one agency: its tasks, partners, indicators, level
    group/<slug>.html       one target group: its tasks and their owners
    task/<slug>.html        one task: text in context, owners, groups, indicators
    graph/<slug>.html       the graph views (with a ``Bench``) or extra networkx graphs
    query/<name>.html       one canned query: form, results, downloads
    sparql.html             free SPARQL (needs the served workbench)
    search.html             full-text search of tasks and titles (needs the served workbench)
    assets/                 vis-network and the SPARQL editor, vendored from npm
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import networkx as nx
from policykg.viz import html, views
from policykg.viz.bench import Bench
from policykg.viz.data import ViewData, page_slug
from policykg.viz.document import render_document
from policykg.viz.graphs import (
    agencies,
    agency_url,
    agency_view,
    doc_url,
    group_anchor,
    group_url,
    overview,
    owned_tasks,
    partners,
    role_counts,
    task_title,
    task_url,
)
from policykg.viz.network import from_networkx, render_network
from policykg.viz.pages import groups_of, link_index, render_group, render_task, search_index
from policykg.viz.querypages import (
    EDITOR_FILE,
    query_url,
    render_query,
    render_search,
    render_sparql,
)

VIS_FILE = "assets/vis-network.min.js"
LINKS_FILE = "assets/links.js"


def _write(path: Path, text: str, written: list[Path]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    written.append(path)


def _agency_page(data: ViewData, bench: Bench, iri: str, label: str,
                 titles: dict[str, str]) -> str:
    tasks = data.tasks_by_iri
    rows, indicators = [], []
    for owner in owned_tasks(data, iri):
        task = tasks.get(owner.task)
        source = owner.where.source
        rows.append({
            "owner": owner,
            "doc_title": titles.get(source, source),
            "doc_url": doc_url(source, "", "../"),
            "task_label": task_title(task) if task else owner.where.quote,
            "task_url": task_url(task.iri, "../") if task else doc_url(source, owner.anchor, "../"),
        })
        indicators += [f for f in data.by_task.get(owner.task, ()) if f.kind == "indicator"]
    info = bench.info(iri, label)
    return render_network(
        agency_view(data, iri, label),
        root="../",
        vis_file=VIS_FILE,
        template="agency.html",
        more_scripts=[html.app_script("table")],
        info=info,
        roles=role_counts(owned_tasks(data, iri)),
        counterparts=[{"label": bench.info(c).label or c, "level": bench.info(c).level,
                       "url": agency_url(c, "../")} for c in info.counterparts],
        tasks=rows,
        partners=partners(data, iri),
        partner_url=lambda other: agency_url(other, "../"),
        indicators=sorted(set(indicators), key=lambda f: (f.where.source, f.where.start or 0)),
        indicator_url=lambda fact: doc_url(fact.where.source, fact.anchor, "../"),
    )


def _index_page(data: ViewData, bench: Bench, extra: list[tuple[str, str]]) -> str:
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
        {"label": label, "url": agency_url(iri), "level": bench.info(iri).level,
         "roles": role_counts(owned_tasks(data, iri))}
        for iri, label in agencies(data)
    ]
    mentions: dict[str, list[dict[str, str]]] = {}
    for mention in data.groups:
        if mention.target:
            mentions.setdefault(mention.target, []).append({
                "text": mention.detail or mention.label,
                "url": doc_url(mention.where.source, mention.anchor),
            })
    groups = [
        {"label": label, "anchor": group_anchor(iri), "url": group_url(iri),
         "mentions": mentions[iri]}
        for iri, label in groups_of(data)
    ]
    queries = [{"title": q.title, "url": query_url(q.name), "description": q.description,
                "params": [name for name, _ in q.params]} for q in bench.queries]
    return html.render(
        "index.html",
        scripts=[html.app_script("table"), html.app_script("search")],
        title="policykg",
        heading="policykg 政策知识图谱",
        subtitle="",
        root="",
        stats=bench.stats or [("documents", str(len(data.documents))),
                              ("tasks", str(len(data.tasks)))],
        documents=documents,
        agencies=agency_rows,
        groups=groups,
        queries=queries,
        extra_graphs=extra,
        search_json=html.script_json(search_index(data, bench)),
    )


def _graph_views(data: ViewData, bench: Bench) -> list[tuple[str, str, str]]:
    """(title, url, page) of every graph view of the workbench."""
    tagger = views.Tagger(data, bench)
    options = tagger.options()
    made = []
    if bench.network is not None:
        view = tagger.apply(views.co_responsibility(data, bench))
        rows = [
            {**row, "url": agency_url(row["unit"], "../"), "level": bench.info(row["unit"]).level}
            for row in bench.measures
        ]
        page = render_network(view, root="../", vis_file=VIS_FILE, template="measures.html",
                              filters=options, more_scripts=[html.app_script("table")],
                              measures=rows, extra_legend=views.community_legend(view))
        made.append((view.heading, "graph/co-responsibility.html", page))
    for slug, build in (("bipartite", views.bipartite), ("coverage", views.coverage),
                        ("cascade", views.cascade)):
        view = tagger.apply(build(data, bench))
        legend = views.level_legend(view, bench) if slug == "cascade" else []
        page = render_network(view, root="../", vis_file=VIS_FILE, filters=options,
                              extra_legend=legend)
        made.append((view.heading, f"graph/{slug}.html", page))
    return made


def write_site(
    data: ViewData,
    out_dir: Path,
    graphs: Mapping[str, nx.Graph] | None = None,
    bench: Bench | None = None,
) -> list[Path]:
    """Write every page of the site into ``out_dir``; returns the files written, sorted.

    ``graphs`` are extra networks drawn as they are, keyed by their title; ``bench``
    adds the workbench: statistics, query pages, agency records and the graph views.
    """
    bench = bench or Bench()
    written: list[Path] = []
    _write(out_dir / VIS_FILE, html.vis_script(), written)
    _write(out_dir / LINKS_FILE, link_index(data, bench), written)
    _write(out_dir / EDITOR_FILE, html.vendor_text("yasqe", "yasqe.min.js"), written)
    whole = overview(data)
    choices: dict[str, list[list[str]]] = {}
    if bench.queries or bench.network is not None:  # the workbench: the overview filters too
        tagger = views.Tagger(data, bench)
        whole, choices = tagger.apply(whole), tagger.options()
    _write(out_dir / "network.html", render_network(whole, vis_file=VIS_FILE, filters=choices),
           written)
    for doc in data.documents:
        _write(out_dir / doc_url(doc.source),
               render_document(doc, data, bench=bench, unread_clauses=bench.unread.get(
                   doc.source, ())), written)
    titles = {doc.source: doc.title or doc.source for doc in data.documents}
    for iri, label in agencies(data):
        _write(out_dir / agency_url(iri), _agency_page(data, bench, iri, label, titles), written)
    for iri, label in groups_of(data):
        _write(out_dir / group_url(iri), render_group(iri, label, data), written)
    for task in data.tasks:
        _write(out_dir / task_url(task.iri), render_task(task, data), written)
    extra: list[tuple[str, str]] = []
    if bench.queries or bench.network is not None:
        for title, url, page in _graph_views(data, bench):
            _write(out_dir / url, page, written)
            extra.append((title, url))
    for name in sorted(graphs or {}):
        url = f"graph/{page_slug(name)}.html"
        view = from_networkx((graphs or {})[name], name, "../")
        _write(out_dir / url, render_network(view, root="../", vis_file=VIS_FILE), written)
        extra.append((name, url))
    for spec in bench.queries:
        _write(out_dir / query_url(spec.name), render_query(spec), written)
    _write(out_dir / "sparql.html", render_sparql(bench.prefixes), written)
    _write(out_dir / "search.html", render_search(), written)
    _write(out_dir / "index.html", _index_page(data, bench, extra), written)
    return sorted(written)

