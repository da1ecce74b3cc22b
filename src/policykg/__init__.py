"""policykg: Chinese policy documents in, a queryable and explorable knowledge graph out.

The command line is a thin layer over these functions; they work the same from a notebook::

    import policykg
    report = policykg.build_corpus(["corpus/seeds"], "build")
    rows = policykg.run_query("task-owners", "build").rows
    dataset = policykg.load_graph("build")  # rdflib
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError as _NotInstalled
from importlib.metadata import version as _version
from pathlib import Path

from policykg import pipeline as _pipeline
from policykg import queries as _queries
from policykg.builders import Built, build_document
from policykg.describe import DEFAULT_LICENSE as _DEFAULT_LICENSE
from policykg.errors import NoGraphError, PolicyKGError, QueryError
from policykg.exports import export_graph
from policykg.gazetteer import LexiconGazetteer as _LexiconGazetteer
from policykg.pipeline import BuildReport, DocumentResult
from policykg.publish import push_graph
from policykg.queries import CannedQuery
from policykg.serving import Workbench, serve_workbench
from policykg.workbench import write_workbench
from policykg.workspace import (
    QueryResult,
    format_rows,
    graph_stats,
    load_graph,
    open_store,
    render_views,
    run_query,
    validate_graph,
)

# unit names in query parameters resolve through the builders' lexicons (queries/lookup.py)
_queries.lookup.use_gazetteer(_LexiconGazetteer())

try:
    __version__ = _version("policykg")
except _NotInstalled:  # run from a source tree that was never installed
    __version__ = "0+unknown"


def build_corpus(
    inputs: Sequence[Path | str],
    out_dir: Path | str = "build",
    *,
    jobs: int | None = None,
    progress: _pipeline.Progress | None = None,
    views: bool = True,
    shard: tuple[int, int] | None = None,
    license_iri: str = _DEFAULT_LICENSE,
) -> BuildReport:
    """Build every document under ``inputs`` (or shard ``(i, n)`` of them) into ``out_dir``;
    optionally draw the views. ``license_iri`` is the data's licence in ``void.ttl``."""
    out = Path(out_dir)
    report = _pipeline.build(
        [Path(p) for p in inputs], out, jobs=jobs, progress=progress, shard=shard,
        license_iri=license_iri,
    )
    if views and any(d.status in ("built", "unchanged") for d in report.documents):
        render_views(out, out / "views")
    return report


def canned_queries() -> list[CannedQuery]:
    """The canned queries shipped with policykg, sorted by name."""
    return _queries.list_queries()


__all__ = [
    "BuildReport",
    "Built",
    "CannedQuery",
    "DocumentResult",
    "NoGraphError",
    "PolicyKGError",
    "QueryError",
    "QueryResult",
    "Workbench",
    "build_corpus",
    "build_document",
    "canned_queries",
    "export_graph",
    "format_rows",
    "graph_stats",
    "load_graph",
    "open_store",
    "push_graph",
    "render_views",
    "run_query",
    "serve_workbench",
    "validate_graph",
    "write_workbench",
]
