"""The corpus summary: whole-corpus aggregates kept as a small graph the aggregate queries read.

Per-unit workload, co-responsible pairs, group coverage and corpus statistics join every
fact of the corpus; as SPARQL aggregates they took seconds at 1,000 documents. Here they are
counted from the store's indexes (``quads_for_pattern``) into a *partial*: plain counters,
additive over documents (graph/rollup.py adds and subtracts them), so a build that changes
one document updates the totals without reading the others. The totals are written into the
named graph ``SUMMARY_GRAPH`` in the ontology's terms (pkg:Workload, pkg:Pair, pkg:Coverage,
pkg:Tally); the counts follow the aggregate queries they replace (tests/fixtures/aggregates).

A partial counts labels, levels, mentions and shared items once per document graph that
holds them, so taking one document's partial away leaves exactly what the rest hold.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox
from policykg.ontology import DCTERMS, ELI, ID, PKG, RDF, SKOS, XSD

SUMMARY_GRAPH = ID + "summary"
COUNTED_KINDS = {  # kind → class of document-local items: counts add up over documents
    "documents": ELI + "LegalExpression",
    "tasks": PKG + "Task",
    "responsibilities": PKG + "Responsibility",
    "group_links": PKG + "GroupLink",
    "indicators": PKG + "Indicator",
}
SHARED_KINDS = ("works", "agencies", "groups", "citations")  # items several documents name
ROLE_COUNTS = {"lead": "leadCount", "co": "coCount", "responsible": "responsibleCount"}
SECTIONS = ("workload", "pairs", "coverage")

Partial = dict[str, Any]  # JSON-able: section → key → field → int or {text: graphs}
_GRAPH = ox.NamedNode(SUMMARY_GRAPH)
_INTEGER = ox.NamedNode(XSD + "integer")
_TYPE = ox.NamedNode(RDF + "type")
_STRING = ox.NamedNode(XSD + "string")


class _Scan:
    """A store whose pattern scans are kept for one partial: the counters below read the same
    predicates several times, and a scan costs more than keeping its few quads."""

    def __init__(self, store: ox.Store) -> None:
        self._store = store
        self._seen: dict[tuple[object, ...], list[ox.Quad]] = {}

    def quads_for_pattern(self, *pattern: object) -> list[ox.Quad]:
        if pattern not in self._seen:
            self._seen[pattern] = list(self._store.quads_for_pattern(*pattern))  # type: ignore[arg-type]
        return self._seen[pattern]


def _pairs(store: ox.Store, predicate: str) -> Iterator[tuple[object, object, object]]:
    """(graph, subject, object) of every quad with ``predicate``, the summary left out."""
    for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
        if quad.graph_name != _GRAPH:
            yield quad.graph_name, quad.subject, quad.object


def _index(store: ox.Store, predicate: str) -> dict[tuple[object, object], list[object]]:
    out: dict[tuple[object, object], list[object]] = defaultdict(list)
    for graph, subject, obj in _pairs(store, predicate):
        out[graph, subject].append(obj)
    return out


def _text(term: object) -> str:
    """STR() of a term; "" for a blank node, which STR() rejects."""
    return term.value if isinstance(term, ox.NamedNode | ox.Literal) else ""


def _is_plain(term: object, value: str) -> bool:
    return isinstance(term, ox.Literal) and term.datatype == _STRING and term.value == value


def _per_graph(found: set[tuple[object, str]]) -> dict[str, int]:
    """{value: number of graphs holding it} from (graph, value) pairs."""
    return dict(sorted(Counter(value for _graph, value in found).items()))


def _owned_tasks(store: ox.Store) -> Iterator[tuple[object, object, object]]:
    """(graph, task, responsibility) where the task is part of the document of its graph."""
    part_of = {(g, s) for g, s, o in _pairs(store, DCTERMS + "isPartOf") if o == g}
    for graph, task, responsibility in _pairs(store, PKG + "hasResponsibility"):
        if (graph, task) in part_of:
            yield graph, task, responsibility


def workload(store: ox.Store) -> dict[str, dict[str, Any]]:
    """Per unit: documents, tasks, and tasks by role (responsibilities with a known role)."""
    agency, role = _index(store, PKG + "agency"), _index(store, PKG + "role")
    labels, levels = _index(store, SKOS + "prefLabel"), _index(store, PKG + "level")
    notations: dict[object, list[object]] = defaultdict(list)
    for _graph, concept, notation in _pairs(store, SKOS + "notation"):
        notations[concept].append(notation)
    units: dict[str, dict[str, set]] = {}
    for graph, task, responsibility in _owned_tasks(store):
        names = [n for c in role.get((graph, responsibility), []) for n in notations.get(c, [])]
        if not names:
            continue  # the query joins the role notation: no notation, no row
        for unit in agency.get((graph, responsibility), []):
            if not isinstance(unit, ox.NamedNode):
                continue  # a blank node names nothing another document could share
            seen = units.setdefault(unit.value, defaultdict(set))
            seen["documents"].add(graph)
            seen["tasks"].add(task)
            seen["labels"].update((graph, _text(x)) for x in labels.get((graph, unit), []))
            seen["levels"].update((graph, _text(x)) for x in levels.get((graph, unit), []))
            for name, count in ROLE_COUNTS.items():
                if any(_is_plain(n, name) for n in names):
                    seen[count].add(task)
    return {
        unit: {"labels": _per_graph(seen["labels"]), "levels": _per_graph(seen["levels"]),
               "documentCount": len(seen["documents"]), "taskCount": len(seen["tasks"]),
               **{c: len(seen[c]) for c in ROLE_COUNTS.values()}}
        for unit, seen in sorted(units.items())
    }


def pairs(store: ox.Store) -> dict[str, dict[str, Any]]:
    """Units sharing a task (any role), with shared tasks and documents; key "a b"."""
    agency, labels = _index(store, PKG + "agency"), _index(store, SKOS + "prefLabel")
    owners: dict[tuple[object, object], set] = defaultdict(set)
    for graph, task, responsibility in _owned_tasks(store):
        owners[graph, task].update(agency.get((graph, responsibility), []))
    shared: dict[str, dict[str, set]] = {}
    for (graph, task), units in owners.items():
        named = sorted((u.value, u) for u in units if isinstance(u, ox.NamedNode))
        for i, (a, unit_a) in enumerate(named):
            for b, unit_b in named[i + 1:]:
                seen = shared.setdefault(f"{a} {b}", defaultdict(set))
                seen["tasks"].add(task)
                seen["documents"].add(graph)
                seen["labelsA"].update((graph, _text(x)) for x in labels.get((graph, unit_a), []))
                seen["labelsB"].update((graph, _text(x)) for x in labels.get((graph, unit_b), []))
    return {
        key: {"labelsA": _per_graph(seen["labelsA"]), "labelsB": _per_graph(seen["labelsB"]),
              "taskCount": len(seen["tasks"]), "documentCount": len(seen["documents"])}
        for key, seen in sorted(shared.items())
    }


def coverage(store: ox.Store) -> dict[str, dict[str, Any]]:
    """Per target-group concept: the tasks, links and documents that name it directly."""
    part_of = {(g, s) for g, s, o in _pairs(store, DCTERMS + "isPartOf") if o == g}
    group, mention = _index(store, PKG + "group"), _index(store, PKG + "mention")
    scheme_labels: dict[object, set[tuple[object, str]]] = defaultdict(set)
    for graph, concept, label in _pairs(store, SKOS + "prefLabel"):
        if isinstance(label, ox.Literal) and (label.language or "zh").split("-")[0] == "zh":
            scheme_labels[concept].add((graph, label.value))
    groups: dict[object, dict[str, set]] = {}
    for graph, task, link in _pairs(store, PKG + "hasGroupLink"):
        if (graph, task) not in part_of:
            continue
        for concept in group.get((graph, link), []):
            seen = groups.setdefault(concept, defaultdict(set))
            seen["tasks"].add(task)
            seen["links"].add(link)
            seen["documents"].add(graph)
            seen["mentions"].update((graph, _text(m)) for m in mention.get((graph, link), []))
    return {
        concept.value: {
            "schemeLabels": _per_graph(scheme_labels.get(concept, set())),
            "mentions": _per_graph(seen["mentions"]), "taskCount": len(seen["tasks"]),
            "linkCount": len(seen["links"]), "documentCount": len(seen["documents"])}
        for concept, seen in sorted(groups.items(), key=lambda kv: _text(kv[0]))
        if isinstance(concept, ox.NamedNode)
    }


def tally(store: ox.Store) -> dict[str, Any]:
    """Items of each kind: document-local ones counted, shared ones by graphs naming them."""
    counts: dict[str, Any] = {}
    for kind, cls in COUNTED_KINDS.items():
        found = store.quads_for_pattern(None, _TYPE, ox.NamedNode(cls))
        counts[kind] = len({q.subject for q in found if q.graph_name != _GRAPH})
    works = store.quads_for_pattern(None, _TYPE, ox.NamedNode(ELI + "LegalResource"))
    counts["works"] = _per_graph({(q.graph_name, _text(q.subject)) for q in works
                                  if q.graph_name != _GRAPH and _text(q.subject)})
    counts["agencies"] = _per_graph({(g, str(o)) for g, _s, o in _pairs(store, PKG + "agency")})
    counts["groups"] = _per_graph({(g, str(o)) for g, _s, o in _pairs(store, PKG + "group")})
    counts["citations"] = _per_graph({
        (g, f"{_text(s)} {_text(o)}") for g, s, o in _pairs(store, ELI + "cites")
        if not isinstance(s, ox.BlankNode) and not isinstance(o, ox.BlankNode)})
    return counts


def partial(store: ox.Store) -> Partial:
    """The summary counters of everything in ``store`` (one document, or a whole corpus)."""
    scan: Any = _Scan(store)
    return {"workload": workload(scan), "pairs": pairs(scan), "coverage": coverage(scan),
            "tally": tally(scan)}


def node(section: str, key: str) -> ox.NamedNode:
    """A summary node's IRI, from its key, so a count that changes keeps its node."""
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
    return ox.NamedNode(f"{SUMMARY_GRAPH}/{section}/{digest}")


def _least(*counters: dict[str, int]) -> str | None:
    return next((min(c) for c in counters if c), None)


def _facts(subject: ox.NamedNode, cls: str, values: dict[str, object]) -> list[ox.Quad]:
    """One summary node: its class, then each property whose value is known."""
    quads = [ox.Quad(subject, _TYPE, ox.NamedNode(PKG + cls), _GRAPH)]
    for name, value in values.items():
        if value is None:
            continue  # unknown (a unit without a label): left out, as the queries' OPTIONAL
        if isinstance(value, int):
            term: ox.NamedNode | ox.Literal = ox.Literal(str(value), datatype=_INTEGER)
        elif isinstance(value, str):
            term = ox.Literal(value)
        else:
            term = value  # type: ignore[assignment]
        quads.append(ox.Quad(subject, ox.NamedNode(PKG + name), term, _GRAPH))
    return quads


def entry_quads(section: str, key: str, entry: dict[str, Any] | None) -> list[ox.Quad]:
    """The quads of one summary entry (none for an entry that no longer exists)."""
    if not entry:
        return []
    if section == "workload":
        return _facts(node(section, key), "Workload", {
            "forAgency": ox.NamedNode(key), "agencyLabel": _least(entry.get("labels", {})),
            "agencyLevel": _least(entry.get("levels", {})),
            **{k: entry.get(k, 0) for k in ("documentCount", "taskCount", *ROLE_COUNTS.values())}})
    if section == "pairs":
        a, b = key.split(" ")
        return _facts(node("pair", key), "Pair", {
            "agencyA": ox.NamedNode(a), "agencyB": ox.NamedNode(b),
            "agencyLabel": _least(entry.get("labelsA", {})),
            "agencyBLabel": _least(entry.get("labelsB", {})),
            **{k: entry.get(k, 0) for k in ("taskCount", "documentCount")}})
    if section == "coverage":
        return _facts(node(section, key), "Coverage", {
            "forGroup": ox.NamedNode(key),
            "groupLabel": _least(entry.get("schemeLabels", {}), entry.get("mentions", {})),
            **{k: entry.get(k, 0) for k in ("taskCount", "linkCount", "documentCount")}})
    raise ValueError(f"no summary section {section!r}")


def tally_quads(counts: dict[str, Any]) -> list[ox.Quad]:
    quads: list[ox.Quad] = []
    for kind in sorted((*COUNTED_KINDS, *SHARED_KINDS)):
        value = counts.get(kind, 0)
        count = len(value) if isinstance(value, dict) else int(value)
        quads += _facts(ox.NamedNode(f"{SUMMARY_GRAPH}/tally/{kind}"), "Tally",
                        {"kind": kind, "count": count})
    return quads


def summary_quads(totals: Partial) -> list[ox.Quad]:
    """Every quad of the summary graph for ``totals``."""
    quads: list[ox.Quad] = []
    for section in SECTIONS:
        for key, entry in sorted(totals.get(section, {}).items()):
            quads += entry_quads(section, key, entry)
    return quads + tally_quads(totals.get("tally", {}))


def lines(quads: Iterable[ox.Quad]) -> list[str]:
    """N-Quads lines of ``quads``, sorted, each ending in a line break."""
    text = bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"").decode("utf-8")
    return sorted(line + "\n" for line in text.splitlines() if line.strip())


def nquads(store: ox.Store) -> str:
    """The summary graph as N-Quads (sorted lines), for pushing it next to the shards."""
    return "".join(lines(store.quads_for_pattern(None, None, None, _GRAPH)))


__all__ = ["SUMMARY_GRAPH", "Partial", "coverage", "entry_quads", "lines", "nquads", "pairs",
           "partial", "summary_quads", "tally", "tally_quads", "workload"]
