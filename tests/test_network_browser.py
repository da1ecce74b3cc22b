"""The network views of the built seeds, opened from disk in headless Chromium the way an
analyst looks at them: what is drawn has the legend's colours, the busiest nodes carry
readable labels at first sight, and a filter brings the remaining nodes into view."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser_pages import watched_page

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

VIEWS = ("network.html", "graph/co-responsibility.html", "graph/bipartite.html",
         "graph/coverage.html", "graph/cascade.html")
READABLE_PX = 12  # on-screen label size an analyst can read without zooming
TOP = 10  # the most connected nodes whose labels must be readable


def _open(chromium, path: Path):  # type: ignore[no-untyped-def]
    page, problems = watched_page(chromium, path.as_uri(), lambda u: u.startswith("file:"),
                                  "the file", viewport={"width": 1400, "height": 900})
    page.wait_for_selector("body[data-network=ready]", timeout=60000)
    return page, problems


def _legend_colours(page) -> set[str]:  # type: ignore[no-untyped-def]
    """The legend swatches' colours as #rrggbb."""
    rgbs = page.eval_on_selector_all(
        ".legend .swatch", "els => els.map(e => getComputedStyle(e).backgroundColor)")
    found = set()
    for rgb in rgbs:
        parts = [int(p) for p in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
        found.add("#" + "".join(f"{p:02x}" for p in parts))
    return found


DRAWN_COLOURS = """() => {
  const net = window.policykgNetwork;
  return Object.values(net.body.nodes).filter(n => n.options.hidden !== true)
    .map(n => String(n.options.color.background).toLowerCase());
}"""


@pytest.mark.parametrize("view", [*VIEWS, "agency"])
def test_every_drawn_node_has_a_colour_of_the_legend_also_after_filtering(
    chromium, built_graph: Path, view: str  # type: ignore[no-untyped-def]
) -> None:
    if view == "agency":  # an agency's own network, the busiest agency's
        view = "agency/" + max((built_graph / "views" / "agency").glob("*.html"),
                               key=lambda p: p.stat().st_size).name
    page, problems = _open(chromium, built_graph / "views" / view)
    legend = _legend_colours(page)
    assert set(page.evaluate(DRAWN_COLOURS)) <= legend
    if page.locator("#filter-doc").count():
        page.select_option("#filter-doc", index=1)
        assert set(page.evaluate(DRAWN_COLOURS)) <= legend
        page.select_option("#filter-doc", index=0)  # every node shown again, recoloured
        assert set(page.evaluate(DRAWN_COLOURS)) <= legend
    assert problems == []
    page.close()


@pytest.mark.parametrize("view", VIEWS)
def test_the_busiest_nodes_are_labelled_readably_at_first_sight(
    chromium, built_graph: Path, view: str  # type: ignore[no-untyped-def]
) -> None:
    page, problems = _open(chromium, built_graph / "views" / view)
    data = json.loads(page.inner_text("#graph-data"))
    degree: dict[str, int] = {}
    for edge in data["edges"]:
        for end in (edge["from"], edge["to"]):
            degree[end] = degree.get(end, 0) + 1
    busiest = sorted(degree, key=lambda node: (-degree[node], node))[:TOP]
    on_screen = page.evaluate(
        """ids => ids.map(id => window.policykgNetwork.body.nodes[id].options.font.size
                          * window.policykgNetwork.getScale())""", busiest)
    assert min(on_screen) >= READABLE_PX, list(zip(busiest, on_screen, strict=True))
    assert problems == []
    page.close()


def test_a_filter_fits_the_remaining_nodes_into_the_view(chromium, built_graph: Path) -> None:  # type: ignore[no-untyped-def]
    page, problems = _open(chromium, built_graph / "views" / "network.html")
    page.select_option("#filter-doc", index=1)
    page.wait_for_timeout(300)
    box = page.evaluate("""() => {
      const net = window.policykgNetwork, canvas = document.querySelector('#network canvas');
      const shown = net.body.data.nodes.get({ filter: n => !n.hidden }).map(n => n.id);
      const spots = Object.values(net.getPositions(shown)).map(p => net.canvasToDOM(p));
      const xs = spots.map(p => p.x), ys = spots.map(p => p.y);
      return { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys),
               bottom: Math.max(...ys), width: canvas.clientWidth, height: canvas.clientHeight,
               count: shown.length };
    }""")
    assert box["count"] > 1
    assert box["left"] >= 0 and box["right"] <= box["width"]
    assert box["top"] >= 0 and box["bottom"] <= box["height"]
    spread = max((box["right"] - box["left"]) / box["width"],
                 (box["bottom"] - box["top"]) / box["height"])
    assert spread > 0.5, box  # the chosen document's nodes fill the view, not a corner of it
    assert problems == []
    page.close()
