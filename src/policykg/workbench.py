"""The workbench site of a built graph: every view of ``viz`` plus statistics, agency
records, citations, one page per canned query and the graph views.

Runs the queries here (viz never does) and closes the store before returning, so the
folder can be served by Oxigraph afterwards.
"""

from __future__ import annotations

from pathlib import Path

from policykg import queries
from policykg.graph import analytics
from policykg.graph.values import json_value
from policykg.ontology import PREFIXES
from policykg.pipeline import require_graph
from policykg.workspace import open_store


def write_workbench(graph_dir: Path | str, out_dir: Path | str) -> list[Path]:
    """Write the workbench of ``graph_dir`` into ``out_dir``; returns the files written."""
    from policykg import viz

    root = require_graph(Path(graph_dir))
    specs = []
    with open_store(root) as store:
        names = viz.VIEW_QUERIES + viz.BENCH_QUERIES + ("co-responsibility", "agency-workload")
        rows = {name: queries.run(store, queries.load(name), {}) for name in names}
        for canned in queries.list_queries():
            # rows of a query without parameters go into its page: it works from disk too
            # a query the views already ran is not run again (the same .rq, the same rows)
            found = None
            if not canned.params:
                found = rows[canned.name] if canned.name in rows else queries.run(store, canned, {})
            # typed cells (counts, figures) go in as JSON numbers: downloads keep them so
            typed = None if found is None else tuple(
                {column: json_value(cell) for column, cell in row.items()} for row in found)
            specs.append(viz.QuerySpec(
                canned.name, canned.title, canned.description, canned.param_help,
                canned.columns, canned.text, typed,
            ))
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((root / "texts").glob("*.txt"))}
    network = analytics.co_responsibility_graph(rows["co-responsibility"], rows["agency-workload"])
    data = viz.ViewData.from_rows(rows, texts)
    bench = viz.Bench.from_rows(rows, specs, network, analytics.measures(network), PREFIXES)
    return viz.write_site(data, Path(out_dir), bench=bench)
