"""The served workbench in headless Chromium: every view draws without a console error or a
request leaving 127.0.0.1, the query form runs on Oxigraph, and planted markup stays text."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_pages import watched_page
from workbench_fixtures import Served, run_serve

import policykg
from policykg import queries

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.timeout(300)]

SEED = Path(__file__).resolve().parent.parent / "corpus" / "seeds" / "003_3d31144a4b974985.txt"
SCRIPT = "<script>window.__pwned=1</script>"
IMAGE = '<img src=x onerror="window.__pwned=1">'
VIEWS = ("network.html", "graph/co-responsibility.html", "graph/bipartite.html",
         "graph/coverage.html", "graph/cascade.html")
# README screenshots are refreshed only on request: POLICYKG_SCREENSHOTS=1 pytest -m browser
SHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
REFRESH_SHOTS = os.environ.get("POLICYKG_SCREENSHOTS") == "1"


@pytest.fixture(scope="module")
def served(built_graph: Path) -> Iterator[Served]:
    yield from run_serve(built_graph)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Seed 003 with script payloads planted in its title and in a task's sentence."""
    corpus = tmp_path_factory.mktemp("hostile-corpus")
    text = SEED.read_text(encoding="utf-8")
    heading = text.index("\n", text.index("## "))  # the title line
    text = text[:heading] + SCRIPT + text[heading:]
    planted = f"千方百计创造更多就业岗位{IMAGE}{SCRIPT}，"
    text = text.replace("千方百计创造更多就业岗位，", planted, 1)
    (corpus / SEED.name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("hostile-build")
    report = policykg.build_corpus([corpus], out, jobs=1, views=False)
    assert not report.failed
    yield from run_serve(out)
    shutil.rmtree(out, ignore_errors=True)


def _loopback(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "blob") and (parts.hostname == "127.0.0.1"
                                                 or url.startswith("blob:"))


def open_page(chromium, url: str):  # type: ignore[no-untyped-def]
    """A page where any console error or request outside 127.0.0.1 is recorded (and aborted)."""
    return watched_page(chromium, url, _loopback, "127.0.0.1",
                        viewport={"width": 1400, "height": 900})


def screenshot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    shot = page.screenshot()
    assert len(shot) > 5000  # a rendered page, not an empty canvas
    if REFRESH_SHOTS:
        SHOTS.mkdir(parents=True, exist_ok=True)
        (SHOTS / f"{name}.png").write_bytes(shot)


def test_home_shows_statistics_and_finds_pages(chromium, served: Served) -> None:  # type: ignore[no-untyped-def]
    page, problems = open_page(chromium, served.url)
    stats = page.inner_text("#stats")
    assert "5" in stats and "documents" in stats and "indicators" in stats
    page.fill("#site-search", "人力资源")
    assert page.locator("#search-results li").count() >= 3
    screenshot(page, "home")
    assert problems == []
    page.close()


def test_a_canned_query_runs_through_its_form(chromium, served: Served, built_graph: Path) -> None:  # type: ignore[no-untyped-def]
    agency = "上海市人力资源和社会保障局"
    with policykg.open_store(built_graph, read_only=True) as store:
        expected = queries.run(store, queries.load("tasks-of-agency"), {"agency": agency})
    page, problems = open_page(chromium, served.url + "query/tasks-of-agency.html")
    page.fill("#param-agency", agency)
    page.click("#run")
    page.wait_for_selector("#result-table tbody tr")
    assert page.locator("#result-table tbody tr").count() == len(expected)
    titles = page.locator("#result-table tbody td:nth-child(8)").all_inner_texts()
    assert titles == [row["title"] for row in expected]
    page.click("#result-table th[data-column=section]")  # sort by section
    assert page.get_attribute("#result-table th[data-column=section]", "aria-sort") == "ascending"
    screenshot(page, "query")
    assert problems == []
    page.close()


def test_the_free_sparql_box_runs_on_oxigraph(chromium, served: Served) -> None:  # type: ignore[no-untyped-def]
    page, problems = open_page(chromium, served.url + "sparql.html")
    page.click("#editor .CodeMirror")
    page.keyboard.press("Control+A")
    page.keyboard.insert_text("SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t a pkg:Task }")
    page.click("#run")
    page.wait_for_selector("#result-table tbody tr")
    assert page.inner_text("#result-table tbody td") == "58"
    assert problems == []
    page.close()


def test_an_agency_link_leads_to_its_page(chromium, served: Served) -> None:  # type: ignore[no-untyped-def]
    page, problems = open_page(chromium, served.url)
    link = page.locator("#agency-table a").first
    label = link.inner_text()
    link.click()
    page.wait_for_selector("body[data-network=ready]", timeout=30000)
    assert page.inner_text("h1") == label
    assert page.locator("#tasks tbody tr").count() >= 1
    screenshot(page, "agency")
    page.locator("#tasks tbody a").nth(1).click()  # the task's own page
    assert page.locator("#context .k-task").count() >= 1
    screenshot(page, "task")
    assert problems == []
    page.close()


@pytest.mark.parametrize("view", VIEWS)
def test_every_graph_view_draws_filters_and_searches(chromium, served: Served, view: str) -> None:  # type: ignore[no-untyped-def]
    page, problems = open_page(chromium, served.url + view)
    page.wait_for_selector("body[data-network=ready]", timeout=60000)
    assert page.eval_on_selector("#network canvas", "c => c.width * c.height") > 0
    total = page.evaluate("JSON.parse(document.getElementById('graph-data').textContent)"
                          ".nodes.length")
    assert total > 5
    if page.locator("#filter-doc").count():
        page.select_option("#filter-doc", index=1)
        shown = int(page.inner_text("#visible-count").split("/")[0])
        assert 0 < shown < total
        page.select_option("#filter-doc", index=0)
    page.fill("#node-search", "人力资源")
    assert "found" in page.inner_text("#search-count")
    page.fill("#node-search", "")
    screenshot(page, view.removeprefix("graph/").removesuffix(".html"))
    assert problems == []
    page.close()


def test_planted_markup_stays_inert(chromium, hostile: Served) -> None:  # type: ignore[no-untyped-def]
    page, problems = open_page(chromium, hostile.url)
    page.locator("#document-table a").first.click()
    text = page.inner_text("#text")
    assert SCRIPT in text and IMAGE in text  # shown as text, in the document and its title
    planted = page.locator("#structure a[href^='../task/']")
    for index in range(planted.count()):
        page.locator("#structure a[href^='../task/']").nth(index).click()
        if IMAGE in page.inner_text("body"):
            assert IMAGE in page.inner_text("#context")
            break
        page.go_back()
    else:
        pytest.fail("no task page shows the planted sentence")
    page.goto(hostile.url + "query/view-tasks.html")
    page.wait_for_selector("#result-table tbody tr")
    assert IMAGE in page.inner_text("#result-table")
    for view in VIEWS:
        page.goto(hostile.url + view)
        page.wait_for_selector("body[data-network=ready]", timeout=60000)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert problems == []
    page.close()
