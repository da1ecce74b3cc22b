"""The corpus summary: whole-corpus aggregates computed once per build, kept as a small graph.

Per-unit workload, co-responsible pairs, group coverage and corpus statistics join every
fact of the corpus; as SPARQL aggregates they took seconds at 1,000 documents. Here each
is one pass over the store's indexes (``quads_for_pattern``), written into the named graph
``SUMMARY_GRAPH`` in the ontology's terms (pkg:Workload, pkg:Pair, pkg:Coverage,
pkg:Tally), which the canned queries then read. The counts follow the semantics of the
aggregate queries they replace (see queries/agency-workload.rq and the others), so the
answers stay the same row for row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import pyoxigraph as ox
from policykg.ontology import DCTERMS, ELI, ID, PKG, RDF, SKOS, XSD

SUMMARY_GRAPH = ID + "summary"
STAT_KINDS = {  # kind → class whose instances it counts (the rest are counted below)
    "documents": ELI + "LegalExpression",
    "works": ELI + "LegalResource",
    "tasks": PKG + "Task",
    "responsibilities": PKG + "Responsibility",
    "group_links": PKG + "GroupLink",
    "indicators": PKG + "Indicator",
}
ROLE_COUNTS = {"lead": "leadCount", "co": "coCount", "responsible": "responsibleCount"}

Node = ox.NamedNode | ox.BlankNode
Key = tuple[object, object]  # (graph name, subject): facts join inside their document graph
_GRAPH = ox.NamedNode(SUMMARY_GRAPH)
_INTEGER = ox.NamedNode(XSD + "integer")
_STRING = ox.NamedNode(XSD + "string")


def _pairs(store: ox.Store, predicate: str) -> Iterator[tuple[object, object, object]]:
    """(graph, subject, object) of every quad with ``predicate``, the summary left out."""
    for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
        if quad.graph_name != _GRAPH:
            yield quad.graph_name, quad.subject, quad.object


def _index(store: ox.Store, predicate: str) -> dict[Key, list[object]]:
    out: dict[Key, list[object]] = defaultdict(list)
    for graph, subject, obj in _pairs(store, predicate):
        out[graph, subject].append(obj)
    return out


def _text(term: object) -> str:
    """STR() of a term; "" for a blank node, which STR() rejects."""
    return term.value if isinstance(term, ox.NamedNode | ox.Literal) else ""


def _is_plain(term: object, value: str) -> bool:
    return isinstance(term, ox.Literal) and term.datatype == _STRING and term.value == value


def _owned_tasks(store: ox.Store) -> Iterator[tuple[object, object, object]]:
    """(graph, task, responsibility) where the task is part of the document of its graph."""
    part_of = {(g, s) for g, s, o in _pairs(store, DCTERMS + "isPartOf") if o == g}
    for graph, task, responsibility in _pairs(store, PKG + "hasResponsibility"):
        if (graph, task) in part_of:
            yield graph, task, responsibility


def workload(store: ox.Store) -> list[dict[str, object]]:
    """Per unit: documents, tasks, and tasks by role (responsibilities with a known role)."""
    agency, role = _index(store, PKG + "agency"), _index(store, PKG + "role")
    labels, levels = _index(store, SKOS + "prefLabel"), _index(store, PKG + "level")
    notations: dict[object, list[object]] = defaultdict(list)
    for _graph, concept, notation in _pairs(store, SKOS + "notation"):
        notations[concept].append(notation)
    units: dict[object, dict[str, set]] = {}
    for graph, task, responsibility in _owned_tasks(store):
        names = [n for c in role.get((graph, responsibility), []) for n in notations.get(c, [])]
        if not names:
            continue  # the query joins the role notation: no notation, no row
        for unit in agency.get((graph, responsibility), []):
            seen = units.setdefault(unit, defaultdict(set))
            seen["documents"].add(graph)
            seen["tasks"].add(task)
            seen["labels"].update(_text(x) for x in labels.get((graph, unit), []))
            seen["levels"].update(_text(x) for x in levels.get((graph, unit), []))
            for name, count in ROLE_COUNTS.items():
                if any(_is_plain(n, name) for n in names):
                    seen[count].add(task)
    return [
        {"unit": unit, "label": min(seen["labels"], default=None),
         "level": min(seen["levels"], default=None), "documentCount": len(seen["documents"]),
         "taskCount": len(seen["tasks"]), **{c: len(seen[c]) for c in ROLE_COUNTS.values()}}
        for unit, seen in units.items()
    ]


def pairs(store: ox.Store) -> list[dict[str, object]]:
    """Units sharing a task (any role), with shared tasks and documents."""
    agency, labels = _index(store, PKG + "agency"), _index(store, SKOS + "prefLabel")
    owners: dict[Key, set] = defaultdict(set)
    for graph, task, responsibility in _owned_tasks(store):
        owners[graph, task].update(agency.get((graph, responsibility), []))
    shared: dict[tuple[str, str], dict[str, set]] = {}
    for (graph, task), units in owners.items():
        named = sorted((u.value, u) for u in units if isinstance(u, ox.NamedNode))
        for i, (a, unit_a) in enumerate(named):
            for b, unit_b in named[i + 1:]:
                if a == b:
                    continue
                seen = shared.setdefault((a, b), defaultdict(set))
                seen["tasks"].add(task)
                seen["documents"].add(graph)
                seen["labels_a"].update(_text(x) for x in labels.get((graph, unit_a), []))
                seen["labels_b"].update(_text(x) for x in labels.get((graph, unit_b), []))
    return [
        {"a": a, "b": b, "label_a": min(seen["labels_a"], default=None),
         "label_b": min(seen["labels_b"], default=None),
         "taskCount": len(seen["tasks"]), "documentCount": len(seen["documents"])}
        for (a, b), seen in sorted(shared.items())
    ]


def coverage(store: ox.Store) -> list[dict[str, object]]:
    """Per target-group concept: the tasks, links and documents that name it directly."""
    part_of = {(g, s) for g, s, o in _pairs(store, DCTERMS + "isPartOf") if o == g}
    group = _index(store, PKG + "group")
    mention = _index(store, PKG + "mention")
    scheme_labels: dict[object, list[str]] = defaultdict(list)
    for _graph, concept, label in _pairs(store, SKOS + "prefLabel"):
        if isinstance(label, ox.Literal) and (label.language or "zh") == "zh":
            scheme_labels[concept].append(label.value)
    groups: dict[object, dict[str, set]] = {}
    for graph, task, link in _pairs(store, PKG + "hasGroupLink"):
        if (graph, task) not in part_of:
            continue
        for concept in group.get((graph, link), []):
            seen = groups.setdefault(concept, defaultdict(set))
            seen["tasks"].add(task)
            seen["links"].add(link)
            seen["documents"].add(graph)
            seen["mentions"].update(_text(m) for m in mention.get((graph, link), []))
    return [
        {"group": concept,
         "label": min(scheme_labels.get(concept, []) or seen["mentions"], default=None),
         "taskCount": len(seen["tasks"]), "linkCount": len(seen["links"]),
         "documentCount": len(seen["documents"])}
        for concept, seen in groups.items()
    ]


def statistics(store: ox.Store) -> dict[str, int]:
    """How many distinct items of each kind the whole store holds (as the stats query)."""
    counts: dict[str, int] = {}
    for kind, cls in STAT_KINDS.items():
        found = store.quads_for_pattern(None, ox.NamedNode(RDF + "type"), ox.NamedNode(cls))
        counts[kind] = len({q.subject for q in found if q.graph_name != _GRAPH})
    counts["agencies"] = len({o for _g, _s, o in _pairs(store, PKG + "agency")})
    counts["groups"] = len({o for _g, _s, o in _pairs(store, PKG + "group")})
    cites = {f"{_text(s)} {_text(o)}" for _g, s, o in _pairs(store, ELI + "cites")
             if not isinstance(s, ox.BlankNode) and not isinstance(o, ox.BlankNode)}
    counts["citations"] = len(cites)
    return dict(sorted(counts.items()))


def _node(kind: str, n: int) -> ox.NamedNode:
    return ox.NamedNode(f"{SUMMARY_GRAPH}/{kind}/{n}")


def _count(value: object) -> ox.Literal:
    return ox.Literal(str(value), datatype=_INTEGER)


def _facts(node: ox.NamedNode, cls: str, values: dict[str, object]) -> list[ox.Quad]:
    """One summary node: its class, then each property whose value is known."""
    quads = [ox.Quad(node, ox.NamedNode(RDF + "type"), ox.NamedNode(PKG + cls), _GRAPH)]
    for name, value in values.items():
        if value is None:
            continue  # unknown (a unit without a label): left out, as the queries' OPTIONAL
        if isinstance(value, int):
            term: object = _count(value)
        elif isinstance(value, str):
            term = ox.Literal(value)
        else:
            term = value
        quads.append(ox.Quad(node, ox.NamedNode(PKG + name), term, _GRAPH))  # type: ignore[arg-type]
    return quads


def summary_quads(store: ox.Store) -> list[ox.Quad]:
    """The summary of everything else in ``store``, as quads of ``SUMMARY_GRAPH``."""
    quads: list[ox.Quad] = []
    for n, row in enumerate(sorted(workload(store), key=lambda r: str(r["unit"]))):
        quads += _facts(_node("workload", n), "Workload", {
            "forAgency": row["unit"], "agencyLabel": row["label"], "agencyLevel": row["level"],
            **{k: row[k] for k in ("documentCount", "taskCount", *ROLE_COUNTS.values())}})
    for n, row in enumerate(pairs(store)):
        quads += _facts(_node("pair", n), "Pair", {
            "agencyA": ox.NamedNode(str(row["a"])), "agencyB": ox.NamedNode(str(row["b"])),
            "agencyLabel": row["label_a"], "agencyBLabel": row["label_b"],
            "taskCount": row["taskCount"], "documentCount": row["documentCount"]})
    for n, row in enumerate(sorted(coverage(store), key=lambda r: str(r["group"]))):
        quads += _facts(_node("coverage", n), "Coverage", {
            "forGroup": row["group"], "groupLabel": row["label"], "taskCount": row["taskCount"],
            "linkCount": row["linkCount"], "documentCount": row["documentCount"]})
    for kind, count in statistics(store).items():
        quads += _facts(ox.NamedNode(f"{SUMMARY_GRAPH}/tally/{kind}"), "Tally",
                        {"kind": kind, "count": count})
    return quads


def refresh(store: ox.Store) -> int:
    """Recompute the summary graph of ``store`` from its facts; returns its size in quads."""
    if store.contains_named_graph(_GRAPH):
        store.remove_graph(_GRAPH)
    quads = summary_quads(store)
    store.extend(quads)
    return len(quads)


def nquads(store: ox.Store) -> str:
    """The summary graph as N-Quads (sorted lines), for pushing it next to the shards."""
    found = store.quads_for_pattern(None, None, None, _GRAPH)
    text = bytes(ox.serialize(found, format=ox.RdfFormat.N_QUADS) or b"").decode("utf-8")
    return "".join(line + "\n" for line in sorted(text.splitlines()) if line.strip())


__all__ = ["SUMMARY_GRAPH", "coverage", "nquads", "pairs", "refresh", "statistics",
           "summary_quads", "workload"]
