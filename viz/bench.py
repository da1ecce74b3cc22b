"""What the workbench shows beyond the facts: statistics, agency records, citations, the
canned queries and the co-responsibility network.

Like ``ViewData`` it is built from query rows handed in by the caller; viz runs no query.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx
from policykg.viz.data import Row, group_by

# the stats query's kinds the home page shows, in this order
HOME_STATS = ("documents", "tasks", "agencies", "groups", "indicators")
# view-agencies.rq gives level and jurisdiction; the cascade view reads counterparts
BENCH_QUERIES: tuple[str, ...] = ("stats", "view-agencies", "citations", "owner-coverage",
                                  "unread-owner-clauses")


@dataclass(frozen=True)
class AgencyInfo:
    iri: str
    label: str = ""
    level: str = ""
    jurisdiction: str = ""
    counterparts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Citation:
    source: str  # the citing corpus document
    cited: str  # the cited work's IRI
    number: str = ""
    title: str = ""
    cited_source: str = ""  # the corpus document realizing the cited work, if any

    @property
    def label(self) -> str:
        return " ".join(p for p in (self.title, self.number) if p) or self.cited


@dataclass(frozen=True)
class QuerySpec:
    """A canned query as its page shows it; ``rows`` are precomputed when it takes no
    parameters, so the page shows results even opened from disk."""

    name: str
    title: str
    description: str
    params: tuple[tuple[str, str], ...]  # (name, help)
    columns: tuple[str, ...]
    text: str
    rows: tuple[Mapping[str, object], ...] | None = None  # text, or a number when typed


@dataclass(frozen=True)
class Bench:
    stats: tuple[tuple[str, str], ...] = ()
    agencies: Mapping[str, AgencyInfo] = field(default_factory=dict)
    citations: tuple[Citation, ...] = ()
    queries: tuple[QuerySpec, ...] = ()
    network: nx.Graph | None = None  # from graph.analytics.co_responsibility_graph
    measures: tuple[Row, ...] = ()  # graph.analytics.measures(network): unit, degree, ...
    prefixes: Mapping[str, str] = field(default_factory=dict)  # declared on the SPARQL page
    # owner-clause coverage per source: (clauses, read), and the clauses not (fully) read
    coverage: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    unread: Mapping[str, tuple[Row, ...]] = field(default_factory=dict)

    @classmethod
    def from_rows(
        cls,
        rows: Mapping[str, Sequence[Row]],
        queries: Sequence[QuerySpec] = (),
        network: nx.Graph | None = None,
        measures: Sequence[Row] = (),
        prefixes: Mapping[str, str] | None = None,
    ) -> Bench:
        counts = {row.get("kind", ""): row.get("count", "") for row in rows.get("stats", ())}
        agencies: dict[str, AgencyInfo] = {}
        others: dict[str, set[str]] = {}
        for row in rows.get("view-agencies", ()):
            iri = row.get("unit", "")
            agencies.setdefault(iri, AgencyInfo(
                iri, row.get("unit_label", ""), row.get("level", ""), row.get("jurisdiction", "")
            ))
            if row.get("counterpart"):
                others.setdefault(iri, set()).add(row["counterpart"])
        for iri, found in others.items():
            info = agencies[iri]
            agencies[iri] = AgencyInfo(info.iri, info.label, info.level, info.jurisdiction,
                                       tuple(sorted(found)))
        citations = {
            Citation(row.get("source", ""), row.get("cited", ""), row.get("cited_number", ""),
                     row.get("cited_title", ""), row.get("cited_source", ""))
            for row in rows.get("citations", ())
        }
        coverage = {row["source"]: (int(row["clauses"]), int(row["read"]))
                    for row in rows.get("owner-coverage", ())}
        unread = group_by(rows.get("unread-owner-clauses", ()), lambda row: row["source"])
        return cls(
            coverage=coverage,
            unread={source: tuple(found) for source, found in unread.items()},
            stats=tuple((kind, counts.get(kind, "0")) for kind in HOME_STATS),
            agencies=dict(sorted(agencies.items())),
            citations=tuple(sorted(citations, key=lambda c: (c.source, c.label, c.cited))),
            queries=tuple(sorted(queries, key=lambda q: q.name)),
            network=network,
            measures=tuple(measures),
            prefixes=dict(prefixes or {}),
        )

    def info(self, iri: str, label: str = "") -> AgencyInfo:
        return self.agencies.get(iri) or AgencyInfo(iri, label)

    def cites(self, source: str) -> list[Citation]:
        return list(self._citing.get(source, ()))

    def cited_by(self, source: str) -> list[Citation]:
        return list(self._cited.get(source, ()))

    # indexes, computed once: every document page asks for its citations
    @cached_property
    def _citing(self) -> dict[str, list[Citation]]:
        return group_by(self.citations, lambda c: c.source)

    @cached_property
    def _cited(self) -> dict[str, list[Citation]]:
        return group_by(self.citations, lambda c: c.cited_source)
