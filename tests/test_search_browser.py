"""Full-text search on the served seeds in headless Chromium: the words of a task sentence
or a title find it, hits are highlighted, 发文机关 / level / year narrow them, and a search
that finds nothing says so."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from browser_pages import watched_page
from workbench_fixtures import Served, run_serve

import policykg
from policykg import queries

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.timeout(300)]

WORDS = "高校毕业生"
ISSUER = "上海市青浦区人民政府"  # issuer of seed 003


@pytest.fixture(scope="module")
def served(built_graph: Path) -> Iterator[Served]:
    yield from run_serve(built_graph)


@pytest.fixture(scope="module")
def hits(built_graph: Path) -> list[dict[str, str]]:
    with policykg.open_store(built_graph, read_only=True) as store:
        return queries.run(store, queries.load("view-search"), {"text": WORDS})


def _open(chromium, url: str):  # type: ignore[no-untyped-def]
    def loopback(address: str) -> bool:
        parts = urlsplit(address)
        return parts.scheme == "http" and parts.hostname == "127.0.0.1"
    return watched_page(chromium, url, loopback, "127.0.0.1",
                        viewport={"width": 1400, "height": 900})


def _shown(page) -> int:  # type: ignore[no-untyped-def]
    return int(page.inner_text("#result-table-summary").split("/")[1].split()[0])


def test_words_from_the_home_page_find_highlighted_hits(chromium, served: Served, hits) -> None:  # type: ignore[no-untyped-def]
    page, problems = _open(chromium, served.url)
    page.fill("#site-search", WORDS)
    page.press("#site-search", "Enter")
    page.wait_for_selector("#result-table tbody tr")
    assert page.url.split("/")[-1].startswith("search.html")
    assert _shown(page) == len(hits) >= 5
    assert {h["kind"] for h in hits} >= {"task"}
    marked = page.locator("#result-table tbody td mark").all_inner_texts()
    assert marked and {re.sub(r"\s+", "", m) for m in marked} == {WORDS}
    page.locator("#result-table tbody td a").first.click()  # a hit leads to its task page
    assert page.url.split("/")[-2] in ("task", "doc")
    assert problems == []
    page.close()


def test_issuer_level_and_year_narrow_the_hits(chromium, served: Served, hits) -> None:  # type: ignore[no-untyped-def]
    page, problems = _open(chromium, served.url + "search.html#q=" + quote(WORDS))
    page.wait_for_selector("#result-table tbody tr")
    for facet in ("issuer", "level", "year"):
        assert page.locator(f"#result-table-facets fieldset[data-facet={facet}]").count() == 1
    page.click(f"#result-table-facets fieldset[data-facet=issuer] button[data-value={ISSUER}]")
    assert _shown(page) == sum(h["issuer"] == ISSUER for h in hits) > 0
    issuers = page.locator("#result-table tbody td:nth-child(5)").all_inner_texts()
    assert set(issuers) == {ISSUER}
    page.click("#result-table-facets fieldset[data-facet=year] button[data-value='2022']")
    assert _shown(page) == sum(h["issuer"] == ISSUER and h["year"] == "2022" for h in hits)
    assert problems == []
    page.close()


def test_a_search_that_finds_nothing_says_so(chromium, served: Served) -> None:  # type: ignore[no-untyped-def]
    page, problems = _open(chromium, served.url + "search.html")
    page.fill("#q", "量子引力弦论")
    page.click("#search-run")
    page.wait_for_selector("#search-status.nothing")
    assert "nothing matches" in page.inner_text("#search-status")
    assert "量子引力弦论" in page.inner_text("#search-status")
    assert page.locator("#results table").count() == 0
    assert problems == []
    page.close()


def test_opened_from_disk_the_search_page_says_it_needs_serve(chromium, built_graph: Path) -> None:  # type: ignore[no-untyped-def]
    path = built_graph / "views" / "search.html"
    page, problems = watched_page(chromium, path.as_uri() + "#q=" + quote(WORDS),
                                  lambda u: u.startswith("file:"), "the file")
    assert "policykg serve" in page.inner_text("#search-status")
    assert problems == []
    page.close()
