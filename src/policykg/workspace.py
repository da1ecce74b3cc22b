"""What can be done with a built graph folder: query it, validate it, count it, draw it.

Everything here reads what ``pipeline.build`` wrote (``store/``, ``texts/``); nothing
re-reads the input documents.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import rdflib

from policykg import queries
from policykg.errors import QueryError
from policykg.graph.store import EmbeddedStore, to_rdflib_dataset
from policykg.pipeline import require_graph

Row = dict[str, str]


@dataclass(frozen=True)
class QueryResult:
    columns: tuple[str, ...]
    rows: list[Row]


def open_store(graph_dir: Path | str, *, read_only: bool = True) -> EmbeddedStore:
    """The embedded store of a built graph folder."""
    return EmbeddedStore(require_graph(Path(graph_dir)) / "store", read_only=read_only)


def resolve_query(query: str) -> queries.CannedQuery:
    """A canned query name, a path to a .rq file, or SPARQL text."""
    if "{" in query:  # every SPARQL query form has a group pattern; names and paths do not
        return queries.parse(query, "sparql")
    if query.endswith(".rq") and not Path(query).is_file():
        raise QueryError(query, "no such .rq file")
    return queries.load(query)


def run_query(
    query: str,
    graph_dir: Path | str = "build",
    params: Mapping[str, str] | None = None,
    *,
    endpoint: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> QueryResult:
    """Run a query on the embedded store of ``graph_dir`` or on a remote SPARQL endpoint.

    ``limit``/``offset`` page through a long listing (the query's own order is kept)."""
    canned = resolve_query(query)
    if endpoint:
        from policykg.graph.remote import RemoteStore

        remote = RemoteStore(endpoint)
        rows = queries.run(remote, canned, params or {}, limit=limit, offset=offset)
    else:
        with open_store(graph_dir) as store:
            rows = queries.run(store, canned, params or {}, limit=limit, offset=offset)
    columns = canned.columns or tuple(rows[0]) if rows else canned.columns
    return QueryResult(tuple(columns), rows)


def format_rows(rows: list[Row], columns: tuple[str, ...], fmt: str) -> str:
    if fmt == "csv":
        return queries.to_csv(rows, columns)
    if fmt == "json":
        return queries.to_json(rows, columns) + "\n"
    return queries.format_table(rows, columns) + "\n"


def load_graph(graph_dir: Path | str = "build") -> rdflib.Dataset:
    """The whole graph as an rdflib Dataset, one named graph per document (for notebooks)."""
    with open_store(graph_dir) as store:
        return to_rdflib_dataset(store)


def validate_graph(graph_dir: Path | str = "build") -> tuple[bool, str]:
    """SHACL validation of the built graph against ontology/shapes.ttl."""
    from policykg.graph.validate import validate

    with open_store(graph_dir) as store:
        return validate(store)


def graph_stats(graph_dir: Path | str = "build") -> dict[str, str]:
    with open_store(graph_dir) as store:
        rows = queries.run(store, queries.load("stats"), {})
    return {row["kind"]: row["count"] for row in rows}


def render_views(graph_dir: Path | str, out_dir: Path | str) -> list[Path]:
    """Write the workbench of a built graph (static pages, graph views) into ``out_dir``."""
    from policykg.workbench import write_workbench  # workbench opens stores through here

    return write_workbench(graph_dir, out_dir)
