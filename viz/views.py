"""The workbench's graph views, each a ``NetworkView`` whose nodes carry filter tags.

A node's ``tags`` say which documents, levels, agencies and target groups it relates to;
the page hides the nodes that do not match every chosen filter.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from policykg.viz.bench import Bench
from policykg.viz.data import Fact, ViewData
from policykg.viz.graphs import _doc_node, _task_node, agency_url, group_url
from policykg.viz.network import NetworkView

PALETTE = ("#2563eb", "#ea580c", "#16a34a", "#9333ea", "#dc2626", "#0891b2", "#ca8a04",
           "#db2777", "#4b5563", "#65a30d")
LEVEL_COLOURS = {"national": "#b91c1c", "provincial": "#c2410c", "municipal": "#ea580c",
                 "city": "#d97706", "district": "#ca8a04", "county": "#ca8a04",
                 "township": "#65a30d"}
FILTERS = ("doc", "level", "agency", "group")


class Tagger:
    """Which documents, levels, agencies and groups each node of a view relates to."""

    def __init__(self, data: ViewData, bench: Bench) -> None:
        self.data, self.bench = data, bench
        self.owners: dict[str, set[str]] = {}
        self.groups: dict[str, set[str]] = {}
        self.source = {t.iri: t.where.source for t in data.tasks}
        for fact in data.owners + data.groups:
            bucket = self.owners if fact.kind == "owner" else self.groups
            if fact.target:
                bucket.setdefault(fact.task, set()).add(fact.target)
                self.source.setdefault(fact.task, fact.where.source)
        self.indicators = {f.iri: f for f in data.indicators}

    def _tags(self, tasks: Iterable[str], extra: dict[str, set[str]]) -> dict[str, list[str]]:
        found = {name: set(extra.get(name, set())) for name in FILTERS}
        for task in tasks:
            found["doc"].add(self.source.get(task, ""))
            found["agency"] |= self.owners.get(task, set())
            found["group"] |= self.groups.get(task, set())
        found["level"] |= {self.bench.info(a).level for a in found["agency"]}
        return {name: sorted(v for v in values if v) for name, values in found.items()}

    @cached_property
    def _tasks_of(self) -> dict[str, dict[str, list[str]]]:
        """Reverse indexes: the tasks of each agency, group and document (built once)."""
        found: dict[str, dict[str, list[str]]] = {"agency": {}, "group": {}, "document": {}}
        for kind, bucket in (("agency", self.owners), ("group", self.groups)):
            for task, targets in bucket.items():
                for target in targets:
                    found[kind].setdefault(target, []).append(task)
        for task, source in self.source.items():
            found["document"].setdefault("doc:" + source, []).append(task)
        return found

    def tags(self, node_id: str, kind: str) -> dict[str, list[str]]:
        if kind == "task":
            return self._tags([node_id], {})
        if kind in ("agency", "group", "document"):
            own = node_id.removeprefix("doc:") if kind == "document" else node_id
            tag = "doc" if kind == "document" else kind
            return self._tags(self._tasks_of[kind].get(node_id, []), {tag: {own}})
        fact = self.indicators.get(node_id)
        return self._tags([fact.task], {"doc": {fact.where.source}}) if fact else {}

    def apply(self, view: NetworkView) -> NetworkView:
        for node_id, node in view.nodes.items():
            node["tags"] = self.tags(node_id, str(node["kind"]))
        return view

    def options(self) -> dict[str, list[list[str]]]:
        """The choices of each filter: [value, label] pairs, sorted by label."""
        docs = [[d.source, d.title or d.source] for d in self.data.documents]
        labels = {o.target: o.label for o in self.data.owners if o.target}
        groups = {g.target: g.label for g in self.data.groups if g.target}
        levels = sorted({self.bench.info(a).level for a in labels} - {""})
        choices = {
            "doc": docs, "level": [[v, v] for v in levels],
            "agency": [[k, v] for k, v in labels.items()],
            "group": [[k, v] for k, v in groups.items()],
        }
        return {k: sorted(v, key=lambda p: (p[1], p[0])) for k, v in choices.items()}


def _agency(view: NetworkView, bench: Bench, iri: str, label: str, root: str) -> str:
    info = bench.info(iri, label)
    tip = "\n".join(p for p in (info.label or label, info.jurisdiction, info.level) if p)
    view.node(iri, "agency", info.label or label, tip, agency_url(iri, root))
    return iri


def co_responsibility(data: ViewData, bench: Bench, root: str = "../") -> NetworkView:
    """Agencies sized by betweenness, coloured by community, linked by shared tasks."""
    view = NetworkView("共同负责网络 Agency co-responsibility",
                       "size: betweenness · colour: community · edge width: shared tasks")
    graph = bench.network
    if graph is None:
        return view
    for row in bench.measures:
        node_id = _agency(view, bench, row["unit"], row["unit_label"], root)
        community = int(row["community"])
        view.nodes[node_id].update(
            value=1 + round(100 * float(row["betweenness"])) + int(row["degree"]),
            color=PALETTE[community % len(PALETTE)] if community >= 0 else "#64748b",
        )
        view.nodes[node_id]["title"] += (
            f"\ndegree {row['degree']} · betweenness {row['betweenness']}"
            f" · community {community}")
    for a, b, attrs in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1])):
        view.edge(str(a), str(b), "shares")
        if (str(a), str(b), "shares") in view.edges:
            weight = int(attrs.get("weight", 1))
            view.edges[(str(a), str(b), "shares")].update(width=min(1 + weight, 10),
                                                          title=f"{weight} shared tasks")
    return view


def bipartite(data: ViewData, bench: Bench, root: str = "../") -> NetworkView:
    """Tasks and the agencies that lead, co-operate on or are responsible for them."""
    view = NetworkView("任务—单位 Tasks and agencies", "edges: role of the agency in the task")
    tasks = data.tasks_by_iri
    for owner in data.owners:
        if owner.target and owner.task in tasks:
            task = _task_node(view, tasks[owner.task], root)
            view.edge(_agency(view, bench, owner.target, owner.label, root), task, owner.role)
    return view


def coverage(data: ViewData, bench: Bench, root: str = "../") -> NetworkView:
    """Target groups sized by how many tasks aim at them, linked to the agencies serving them."""
    view = NetworkView("群体覆盖 Group coverage", "group size: tasks aimed at it")
    tasks_of: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    for mention in data.groups:
        if mention.target and mention.task:
            tasks_of.setdefault(mention.target, set()).add(mention.task)
            labels.setdefault(mention.target, mention.label)
    owners: dict[str, list[Fact]] = {}
    for owner in data.owners:
        owners.setdefault(owner.task, []).append(owner)
    for group in sorted(tasks_of):
        count = len(tasks_of[group])
        view.node(group, "group", labels[group], f"{labels[group]}\n{count} tasks",
                  group_url(group, root))
        view.nodes[group]["value"] = count
        for task in sorted(tasks_of[group]):
            for owner in owners.get(task, ()):
                if owner.target:
                    view.edge(_agency(view, bench, owner.target, owner.label, root), group,
                              "serves")
    return view


def cascade(data: ViewData, bench: Bench, root: str = "../") -> NetworkView:
    """Documents and the documents they cite; agencies of each level and their counterparts."""
    view = NetworkView("政策传导 Policy cascade",
                       "documents → cited documents; agencies ⇄ counterparts at other levels")
    for doc in data.documents:
        _doc_node(view, data, doc.source, root)
    for cite in bench.citations:
        if cite.cited_source:
            target = _doc_node(view, data, cite.cited_source, root)
        else:
            target = "work:" + cite.cited
            view.node(target, "work", cite.label, cite.label)
        view.edge(_doc_node(view, data, cite.source, root), target, "cites")
    shown: dict[str, str] = {}
    for owner in data.owners:
        if owner.target:
            shown.setdefault(owner.target, owner.label)
            view.edge(_doc_node(view, data, owner.where.source, root),
                      _agency(view, bench, owner.target, owner.label, root), "assigns")
    for iri in sorted(shown):
        for other in bench.info(iri).counterparts:
            _agency(view, bench, other, bench.info(other).label or other, root)
            view.edge(iri, other, "counterpart")
    for node_id, node in view.nodes.items():
        if node["kind"] == "agency":
            node["color"] = LEVEL_COLOURS.get(bench.info(node_id).level, "#64748b")
    return view


def level_legend(view: NetworkView, bench: Bench) -> list[dict[str, str]]:
    levels = sorted({bench.info(i).level for i, n in view.nodes.items() if n["kind"] == "agency"})
    return [{"label": f"单位 agency: {level or '?'}", "color": LEVEL_COLOURS.get(level, "#64748b"),
             "shape": "diamond"} for level in levels]


def community_legend(view: NetworkView) -> list[dict[str, str]]:
    colours = sorted({str(n["color"]) for n in view.nodes.values()}, key=_palette_order)
    return [{"label": f"社群 community {_palette_order(c)}", "color": c, "shape": "diamond"}
            for c in colours]


def _palette_order(colour: str) -> int:
    return PALETTE.index(colour) if colour in PALETTE else len(PALETTE)

