"""What can be done with a built graph folder: query it, validate it, count it, draw it.

Everything here reads what ``pipeline.build`` wrote (``store/``, ``texts/``); nothing
re-reads the input documents.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import rdflib

from policykg import queries
from policykg.errors import PolicyKGError, QueryError
from policykg.graph.store import EmbeddedStore, to_rdflib_dataset
from policykg.graph.values import python_value
from policykg.queries.lookup import Resolution, Suggestion

if TYPE_CHECKING:
    import pandas
from policykg.pipeline import require_graph

Row = dict[str, str]


@dataclass(frozen=True)
class QueryResult:
    """Rows of a query (each value as text, as CSV writes it) and, for a query that looks a
    parameter up, what it was found to name or the close names suggested instead."""

    columns: tuple[str, ...]
    rows: list[Row]
    resolutions: tuple[Resolution, ...] = ()

    @property
    def suggestions(self) -> list[Suggestion]:
        return [s for r in self.resolutions for s in r.suggestions]

    def records(self) -> list[dict[str, object]]:
        """The rows with typed values: numbers as int or float, dates as ``datetime.date``,
        booleans as bool, everything else as text."""
        return [{c: python_value(row.get(c, "")) for c in self.columns} for row in self.rows]

    def to_pandas(self) -> pandas.DataFrame:
        """The rows as a pandas DataFrame with typed columns (needs the ``pandas`` extra:
        ``pip install 'policykg[pandas]'``)."""
        try:
            import pandas
        except ImportError as error:
            raise PolicyKGError(
                "to_pandas() needs pandas: pip install 'policykg[pandas]'") from error
        return pandas.DataFrame.from_records(self.records(), columns=list(self.columns))


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
        found = queries.answer(remote, canned, params or {}, limit=limit, offset=offset)
    else:
        with open_store(graph_dir) as store:
            found = queries.answer(store, canned, params or {}, limit=limit, offset=offset)
    rows = found.rows
    columns = canned.columns or (tuple(rows[0]) if rows else ())
    return QueryResult(tuple(columns), rows, found.resolutions)


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
