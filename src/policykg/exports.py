"""``policykg export``: the built graph in another format.

RDF serialisations come from pyoxigraph (the union of the documents' graphs for the
triple formats, one named graph per document for the quad formats); GraphML and GEXF
carry the agency co-responsibility network with its measures (``graph.analytics``);
CSV and XLSX hold the rows of one canned query. Output is sorted: same graph, same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from policykg import queries
from policykg.errors import PolicyKGError
from policykg.graph import analytics
from policykg.graph.values import python_value
from policykg.ontology import PREFIXES
from policykg.workspace import open_store

RDF_FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    # name: (format, keeps the named graphs)
    "turtle": (ox.RdfFormat.TURTLE, False),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False),
    "nquads": (ox.RdfFormat.N_QUADS, True),
    "trig": (ox.RdfFormat.TRIG, True),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
}
NETWORK_FORMATS = ("graphml", "gexf")
TABLE_FORMATS = ("csv", "xlsx")
EXPORT_FORMATS = (*RDF_FORMATS, *NETWORK_FORMATS, *TABLE_FORMATS)


_GEXF_DATE = re.compile(r' lastmodifieddate="[^"]*"')


class ExportError(PolicyKGError):
    """An unknown format, or a table format without a query."""


def export_graph(
    graph_dir: Path | str,
    fmt: str,
    out: Path | str,
    *,
    query: str | None = None,
    params: Mapping[str, str] | None = None,
) -> Path:
    """Write the graph of ``graph_dir`` (or a query's rows) to ``out`` in ``fmt``."""
    path = Path(out)
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if fmt in TABLE_FORMATS and not query:
        raise ExportError(f"--format {fmt} exports the rows of a query: give --query NAME")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open_store(graph_dir) as store:
        if fmt in RDF_FORMATS:
            return _write_rdf(store.nquads(), fmt, path)
        if fmt in NETWORK_FORMATS:
            pairs = queries.run(store, queries.load("co-responsibility"), {})
            workload = queries.run(store, queries.load("agency-workload"), {})
            return _write_network(analytics.co_responsibility_graph(pairs, workload), fmt, path)
        canned = queries.load(query or "")
        rows = queries.run(store, canned, params or {})
    columns = list(canned.columns or (rows[0] if rows else ()))
    if fmt == "csv":
        return queries.write_csv(rows, columns, path)
    return _write_xlsx(rows, columns, canned.name, path)


def _write_rdf(nquads: str, fmt: str, path: Path) -> Path:
    rdf_format, with_graphs = RDF_FORMATS[fmt]
    quads = list(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    if with_graphs:
        items: list[ox.Quad] | list[ox.Triple] = quads
    else:
        # one triple for each statement however many documents assert it
        unique = {str(quad.triple): quad.triple for quad in quads}
        items = [unique[key] for key in sorted(unique)]
    prefixes = dict(sorted(PREFIXES.items())) if fmt in ("turtle", "trig") else None
    ox.serialize(items, str(path), rdf_format, prefixes=prefixes)
    return path


def _write_network(graph: nx.Graph, fmt: str, path: Path) -> Path:
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph.nodes(data=True), key=lambda item: str(item[0])))
    ordered.add_edges_from(sorted(graph.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))))
    if fmt == "graphml":
        nx.write_graphml(ordered, path, encoding="utf-8")
    else:  # networkx stamps the day it ran into <meta>: left out, so same graph, same bytes
        lines = (_GEXF_DATE.sub("", line) for line in nx.generate_gexf(ordered))
        path.write_text('<?xml version="1.0" encoding="utf-8"?>\n' + "\n".join(lines) + "\n",
                        encoding="utf-8")
    return path


def _write_xlsx(rows: list[dict[str, str]], columns: list[str], title: str, path: Path) -> Path:
    """One sheet: the header, then the rows with numbers and dates as Excel numbers and dates."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]  # Excel's limit on sheet names
    sheet.append(columns)
    for row in rows:
        sheet.append([python_value(row.get(column, "")) for column in columns])
    book.save(path)
    return path
