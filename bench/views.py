"""Time-to-interactive of every network view in real headless Chromium.

Opens each network page of a written site (``policykg build … --out DIR`` writes
``DIR/views``) from disk and reports, per view, its node count, the time until the graph
is drawn (``body[data-network=ready]``) and the time to interactive: the later of that and
the end of the last long task (main thread busy > 50 ms) before the page went quiet for
``--quiet`` seconds. A page that is not ready within ``--limit`` seconds is reported so.

    .venv/bin/python bench/views.py --site /tmp/pkbench/real/views
    .venv/bin/python bench/views.py --site DIR/views --markdown >> bench/RESULTS.md
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
# records every long task of the page (the main thread busy for more than 50 ms)
WATCH_LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (e) { window.__longTasks.push(e.startTime + e.duration); });
}).observe({ entryTypes: ["longtask"] });
"""
VIEWS = ("network.html", "graph/co-responsibility.html", "graph/bipartite.html",
         "graph/coverage.html", "graph/cascade.html")


def measure(browser: object, page_path: Path, limit_s: float, quiet_s: float) -> dict:
    page = browser.new_page(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
    page.add_init_script(WATCH_LONG_TASKS)
    started = time.perf_counter()
    page.goto(page_path.as_uri(), wait_until="commit")
    try:
        page.wait_for_selector("body[data-network=ready]", timeout=limit_s * 1000)
        ready_ms = page.evaluate("performance.now()")
    except Exception:  # a page that never gets ready is a result, not an error
        page.close()
        return {"view": page_path.name, "ready_s": None, "interactive_s": None}
    wall_ready = time.perf_counter() - started
    time.sleep(quiet_s)  # let any work after the first drawing show up as long tasks
    ends = page.evaluate("window.__longTasks")
    nodes = page.evaluate(
        "JSON.parse(document.getElementById('graph-data').textContent).nodes.length")
    page.close()
    interactive_ms = max([ready_ms, *[e for e in ends if e <= ready_ms + quiet_s * 1000]])
    return {"nodes": nodes, "ready_s": round(ready_ms / 1000, 2),
            "interactive_s": round(interactive_ms / 1000, 2), "wall_ready_s": round(wall_ready, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, required=True, help="a written site (DIR/views)")
    parser.add_argument("--limit", type=float, default=120.0, help="seconds to wait per view")
    parser.add_argument("--quiet", type=float, default=2.0, help="seconds watched after ready")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for view in VIEWS:
            path = options.site / view
            if path.exists():
                results.append({"view": view, **measure(browser, path, options.limit,
                                                        options.quiet)})
        browser.close()
    if not options.markdown:
        print(json.dumps(results, indent=1))
        return
    print("| view | nodes | drawn | interactive |\n|---|---|---|---|")
    for row in results:
        drawn = f"{row['ready_s']} s" if row["ready_s"] is not None else f"> {options.limit} s"
        ready = row["interactive_s"]
        print(f"| {row['view']} | {row.get('nodes', '?')} | {drawn} | "
              f"{f'{ready} s' if ready is not None else '—'} |")


if __name__ == "__main__":
    main()
