"""Static, offline, interactive HTML views of the knowledge graph.

viz never runs queries: the pipeline runs the ``queries/view-*.rq`` canned queries named in
``VIEW_QUERIES`` and hands their rows in::

    data = ViewData.from_rows({name: run(name) for name in VIEW_QUERIES}, texts)
    write_site(data, out_dir, graphs={"co-responsibility": nx_graph})

Every page is one self-contained file: no external URL, vis-network (vendored from
npm) inlined or beside the pages, untrusted text escaped everywhere.
"""

from __future__ import annotations

from policykg.viz.bench import BENCH_QUERIES, Bench, QuerySpec
from policykg.viz.data import VIEW_QUERIES, DocumentRec, Fact, Located, Row, ViewData
from policykg.viz.network import NetworkView, from_networkx, render_network
from policykg.viz.site import write_site

__all__ = [
    "BENCH_QUERIES",
    "VIEW_QUERIES",
    "Bench",
    "DocumentRec",
    "Fact",
    "Located",
    "NetworkView",
    "QuerySpec",
    "Row",
    "ViewData",
    "from_networkx",
    "render_network",
    "write_site",
]
