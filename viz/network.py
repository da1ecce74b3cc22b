"""Network pages: node and edge lists in, one self-contained vis-network HTML page out.

The node and edge lists go into the page as they are, with vis-network's options (pyvis
only supplies the library: its ``add_edge`` rescans every edge, its ``Network`` builds a
Jinja environment each time, and its template links Bootstrap from a CDN and does not
escape its heading).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from policykg.viz import html
from policykg.viz.layout import seed_positions

# colour and shape per node type: the legend is generated from this table
NODE_STYLES: Mapping[str, tuple[str, str, str]] = {
    # type: (label, colour, vis shape)
    "document": ("文件 Document", "#6b7280", "hexagon"),
    "task": ("任务 Task", "#2563eb", "dot"),
    "agency": ("单位 Agency", "#ea580c", "diamond"),
    "group": ("群体 Target group", "#16a34a", "triangle"),
    "indicator": ("指标 Indicator", "#9333ea", "square"),
    "work": ("被引文件 Cited work", "#94a3b8", "star"),
    "node": ("节点 Node", "#64748b", "dot"),
}
EDGE_STYLES: Mapping[str, tuple[str, str, Any, int]] = {
    # kind: (label, legend pattern, vis dashes, width)
    "lead": ("牵头 lead", "━━", False, 3),
    "co": ("配合 co", "╍╍", [6, 4], 1),
    "responsible": ("负责 responsible", "──", False, 1),
    "contains": ("包含 contains", "···", [2, 4], 1),
    "targets": ("面向 targets", "─ ─", [8, 6], 1),
    "measures": ("指标 measures", "─·─", [8, 3, 2, 3], 1),
    "shares": ("共同负责 shares tasks", "━━", False, 2),
    "serves": ("服务 serves (through a task)", "──", False, 1),
    "cites": ("引用 cites", "─▶", False, 2),
    "assigns": ("部署 assigns tasks to", "···", [2, 4], 1),
    "counterpart": ("对口 counterpart", "╍╍", [6, 4], 2),
}
DIRECTED = ("cites", "assigns")
BIG_GRAPH = 300  # nodes; above this edges hide while dragging or zooming
SETTLE = 60  # physics iterations from the seeded layout before the graph is drawn …
SETTLE_BUDGET = 90_000  # … fewer past 1,500 nodes: node-iterations, about 1.5 s here
SETTLE_MIN = 15
LABEL_MAX = 24
TOOLTIP_MAX = 400


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class NetworkView:
    """A graph ready to draw: nodes keyed by id, edges in insertion order, deduplicated."""

    heading: str
    subtitle: str = ""
    note: str = ""  # said in the legend, e.g. that a big graph is shown aggregated or cut
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)

    def node(self, node_id: str, kind: str, label: str, tooltip: str = "", url: str = "") -> None:
        if node_id in self.nodes:
            return
        _, colour, shape = NODE_STYLES.get(kind, NODE_STYLES["node"])
        self.nodes[node_id] = {
            "id": node_id,
            "label": shorten(label, LABEL_MAX) or "?",
            "title": shorten(tooltip or label, TOOLTIP_MAX),
            "kind": kind,  # not vis-network's "group": that would bring its palette
            "color": colour,
            "shape": shape,
            "url": url,
        }

    def edge(self, source: str, target: str, kind: str) -> None:
        key = (source, target, kind)
        if key in self.edges or source not in self.nodes or target not in self.nodes:
            return
        label, _, dashes, width = EDGE_STYLES.get(kind, (kind, "", False, 1))
        self.edges[key] = {
            "from": source, "to": target, "title": label, "dashes": dashes, "width": width,
        }
        if kind in DIRECTED:
            self.edges[key]["arrows"] = "to"


def settle_iterations(nodes: int) -> int:
    """Physics iterations before the first drawing: ``SETTLE``, fewer for a big graph (its
    seeded layout is already close), so the page is drawn in about the same time."""
    return max(SETTLE_MIN, min(SETTLE, SETTLE_BUDGET // max(nodes, 1)))


def vis_options(big: bool, nodes: int = 0) -> dict[str, Any]:
    """vis-network options. Every graph settles once and then stops (network.js): no
    smoothed edges (vis-network simulates each as an extra body) and no "improved" initial
    layout (its clustering pass blocked the page for half a minute at 1,000 nodes)."""
    return {
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big},
        # a white halo keeps a label readable where it crosses edges and other nodes
        "nodes": {"font": {"size": 14, "strokeWidth": 4, "strokeColor": "#ffffff"}},
        "edges": {"smooth": False, "color": {"inherit": "from"}},
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "physics": {
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90},
            # from the seeded layout (viz.layout) a few iterations spread the nodes
            "stabilization": {"enabled": True, "iterations": settle_iterations(nodes),
                              "updateInterval": 20},
        },
    }


def _ranks(view: NetworkView) -> dict[str, int]:
    """How connected each node is (its degree, or its ``value`` when it has one): the
    busiest nodes are the ones labelled at every zoom."""
    rank = {node_id: 0 for node_id in view.nodes}
    for source, target, _ in view.edges:
        rank[source] += 1
        rank[target] += 1
    for node_id, node in view.nodes.items():
        rank[node_id] = max(rank[node_id], int(node.get("value", 0)))
    return rank


def render_network(
    view: NetworkView,
    root: str = "",
    template: str = "network.html",
    vis_file: str = "",
    filters: Mapping[str, list[list[str]]] | None = None,
    more_scripts: Sequence[str] = (),
    **extra: object,
) -> str:
    """The HTML page of ``view``; ``root`` is the relative path to the site folder.

    vis-network is inlined unless ``vis_file`` names its copy in the site folder (a site
    of many pages then carries the 470 kB library once). ``template`` may extend
    ``network.html`` (its ``below`` block) with ``extra`` context. ``filters`` are the
    choices of the filter menus (``{"doc": [[value, label], ...], ...}``) matched against
    each node's ``tags``.
    """
    # the lists go straight into the page: a pyvis Network per page would cost a Jinja
    # environment each time and add nothing
    ranks = _ranks(view)
    spots = seed_positions(view.nodes, [(key[0], key[1]) for key in view.edges], ranks)
    nodes = [{**node, "rank": ranks[node_id], "x": spots[node_id][0], "y": spots[node_id][1]}
             for node_id, node in view.nodes.items()]
    edges, heading = list(view.edges.values()), view.heading
    big = len(nodes) > BIG_GRAPH
    payload = {"nodes": nodes, "edges": edges, "options": vis_options(big, len(nodes)),
               "filters": filters or {}}
    used = sorted({str(n["kind"]) for n in nodes})
    kinds = {key[2] for key in view.edges}
    used_edges = [kind for kind in EDGE_STYLES if kind in kinds]
    return html.render(
        template,
        scripts=([] if vis_file else [html.vis_script()]) + [html.app_script("network")]
        + list(more_scripts),
        script_files=[root + vis_file] if vis_file else [],
        title=heading,
        heading=heading,
        subtitle=view.subtitle,
        root=root,
        graph_json=html.script_json(payload),
        nodes_count=len(nodes),
        edges_count=len(edges),
        note=view.note,
        legend=[
            {"label": NODE_STYLES[k][0], "color": NODE_STYLES[k][1], "shape": NODE_STYLES[k][2]}
            for k in NODE_STYLES
            if k in used
        ],
        edge_legend=[
            {"label": EDGE_STYLES[k][0], "pattern": EDGE_STYLES[k][1]} for k in used_edges
        ],
        **extra,
    )


def from_networkx(graph: nx.Graph, heading: str, root: str = "") -> NetworkView:
    """A view of any networkx graph (e.g. from ``graph.analytics``).

    Node attributes used when present: ``kind`` (a ``NODE_STYLES`` key), ``label``,
    ``title`` (tooltip), ``url`` (link relative to the site folder, prefixed with ``root``);
    edge attribute ``kind`` or ``role``.
    """
    view = NetworkView(heading=heading)

    def key(node: Hashable) -> str:
        return str(node)

    for node, attrs in sorted(graph.nodes(data=True), key=lambda item: key(item[0])):
        view.node(
            key(node),
            str(attrs.get("kind", "node")),
            str(attrs.get("label", node)),
            str(attrs.get("title", "")),
            root + str(attrs["url"]) if attrs.get("url") else "",
        )
    edges = sorted(graph.edges(data=True), key=lambda item: (key(item[0]), key(item[1])))
    for source, target, attrs in edges:
        view.edge(key(source), key(target), str(attrs.get("kind", attrs.get("role", "contains"))))
    return view
