"""Query rows → networkx graphs and network measures.

Takes rows (not a store), so ``graph`` never needs ``queries``: the caller runs the
``co-responsibility`` and ``agency-workload`` queries and hands their rows in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx
from networkx.algorithms import community


def co_responsibility_graph(
    pairs: Iterable[Mapping[str, str]], workload: Iterable[Mapping[str, str]] = ()
) -> nx.Graph:
    """Agencies as nodes, shared tasks as weighted edges; node measures as attributes."""
    graph = nx.Graph()
    for row in workload:
        graph.add_node(
            row["unit"],
            label=row.get("unit_label", ""),
            level=row.get("level", ""),
            tasks=int(row.get("tasks") or 0),
            lead=int(row.get("lead") or 0),
        )
    for row in pairs:
        for side in ("a", "b"):
            unit = row[f"unit_{side}"]
            if unit not in graph:
                graph.add_node(unit, label=row.get(f"unit_{side}_label", ""), level="", tasks=0)
        graph.add_edge(row["unit_a"], row["unit_b"], weight=int(row.get("shared_tasks") or 1))
    annotate(graph)
    return graph


def annotate(graph: nx.Graph) -> None:
    """Degree, betweenness and community number on every node (deterministic)."""
    if not graph.number_of_nodes():
        return
    betweenness = nx.betweenness_centrality(graph, weight=None, seed=0)
    communities = community.greedy_modularity_communities(graph, weight="weight")
    ordered = sorted((sorted(c) for c in communities), key=lambda c: (-len(c), c[0]))
    member = {node: i for i, nodes in enumerate(ordered) for node in nodes}
    for node in graph.nodes:
        graph.nodes[node]["degree"] = graph.degree(node)
        graph.nodes[node]["betweenness"] = round(betweenness[node], 6)
        graph.nodes[node]["community"] = member.get(node, -1)


def measures(graph: nx.Graph) -> list[dict[str, str]]:
    """One row per agency, most central first: for tables and CSV."""
    rows = [
        {
            "unit": node,
            "unit_label": str(data.get("label", "")),
            "degree": str(data.get("degree", 0)),
            "betweenness": f"{data.get('betweenness', 0.0):.4f}",
            "community": str(data.get("community", -1)),
        }
        for node, data in graph.nodes(data=True)
    ]
    return sorted(rows, key=lambda r: (-float(r["betweenness"]), -int(r["degree"]), r["unit"]))
