"""Starting positions for a network view, worked out when the page is written.

vis-network starts from random positions and needs hundreds of physics iterations to untangle
a graph of 1,000 nodes, during which the page is blank. A radial tree of each connected part
(its busiest node in the middle, each node's neighbours on the next ring, each subtree in a
slice as wide as its leaves) puts neighbours next to each other from the start, so a few
dozen iterations only have to spread them. Linear in nodes and edges, and deterministic.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

RING = 110.0  # distance between rings, in vis-network's units (a node is about 25 across)
GAP = 2.0  # rings of space between connected parts


def _parts(adjacent: Mapping[str, list[str]], order: list[str]) -> list[list[str]]:
    """Connected parts, each in breadth-first order from its first node of ``order``."""
    seen: set[str] = set()
    parts = []
    for start in order:
        if start in seen:
            continue
        seen.add(start)
        part, queue = [start], [start]
        for node in queue:
            for other in adjacent[node]:
                if other not in seen:
                    seen.add(other)
                    part.append(other)
                    queue.append(other)
        parts.append(part)
    return parts


def _radial(part: list[str], adjacent: Mapping[str, list[str]]) -> dict[str, tuple[float, float]]:
    """A radial tree of one part (breadth-first from ``part[0]``), centred on (0, 0)."""
    root = part[0]
    parent: dict[str, str] = {root: root}
    children: dict[str, list[str]] = {node: [] for node in part}
    depth = {root: 0}
    for node in part:  # part is already in breadth-first order
        for other in adjacent[node]:
            if other not in parent:
                parent[other] = node
                depth[other] = depth[node] + 1
                children[node].append(other)
    leaves: dict[str, int] = {}
    for node in reversed(part):
        leaves[node] = sum(leaves[child] for child in children[node]) or 1
    place = {root: (0.0, 0.0)}
    span = {root: (0.0, 2 * math.pi)}
    for node in part:
        low, high = span[node]
        for child in children[node]:
            width = (high - low) * leaves[child] / leaves[node]
            span[child] = (low, low + width)
            angle, radius = low + width / 2, RING * depth[child]
            place[child] = (radius * math.cos(angle), radius * math.sin(angle))
            low += width
    return place


def seed_positions(nodes: Iterable[str], edges: Iterable[tuple[str, str]],
                   rank: Mapping[str, int]) -> dict[str, tuple[int, int]]:
    """(x, y) of every node: each connected part as a radial tree around its busiest node,
    the parts side by side in rows, the biggest first."""
    adjacent: dict[str, list[str]] = {node: [] for node in nodes}
    for source, target in edges:
        if source != target and source in adjacent and target in adjacent:
            adjacent[source].append(target)
            adjacent[target].append(source)
    by_rank = sorted(adjacent, key=lambda node: (-rank.get(node, 0), node))
    for others in adjacent.values():
        others.sort(key=lambda other: (-rank.get(other, 0), other))
    layouts = [_radial(part, adjacent) for part in _parts(adjacent, by_rank)]
    sizes = [RING * (GAP + max(math.hypot(x, y) for x, y in spots.values()) / RING)
             for spots in layouts]
    # rows about as wide as a square holding every part, and at least the biggest one
    row_width = max(1.2 * sum((2 * size) ** 2 for size in sizes) ** 0.5,
                    2 * max(sizes, default=0))
    found: dict[str, tuple[int, int]] = {}
    x = y = row_height = 0.0
    for spots, size in zip(layouts, sizes, strict=True):
        if x and x + 2 * size > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (dx, dy) in spots.items():
            found[node] = (round(x + size + dx), round(y + size + dy))
        x, row_height = x + 2 * size, max(row_height, 2 * size)
    return found
