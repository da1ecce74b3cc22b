"""The SPARQL page of the served seeds in headless Chromium, used as an analyst uses it: the
worked example gives the canned answer, an error points at its line and clears the old
rows, a CONSTRUCT answer reads as Turtle."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import rdflib
from browser_pages import watched_page
from workbench_fixtures import Served, run_serve

import policykg
from policykg import queries

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.timeout(300)]

# the error is on line 3 (the PREFIX line added for pkg: does not count)
BROKEN = "SELECT ?task\nWHERE { ?task a pkg:Task .\n  ?task pkg:section ]\n}\n"


@pytest.fixture(scope="module")
def served(built_graph: Path) -> Iterator[Served]:
    yield from run_serve(built_graph)


def _open(chromium, served: Served):  # type: ignore[no-untyped-def]
    def loopback(url: str) -> bool:
        parts = urlsplit(url)
        return url.startswith("blob:") or (parts.scheme == "http"
                                           and parts.hostname == "127.0.0.1")
    return watched_page(chromium, served.url + "sparql.html", loopback, "127.0.0.1",
                        accept_downloads=True)


def _type(page, text: str) -> None:  # type: ignore[no-untyped-def]
    page.click("#editor .CodeMirror")
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(text)


def test_the_tasks_per_agency_example_agrees_with_agency_workload(
    chromium, served: Served, built_graph: Path  # type: ignore[no-untyped-def]
) -> None:
    with policykg.open_store(built_graph, read_only=True) as store:
        workload = queries.run(store, queries.load("agency-workload"), {})
    page, problems = _open(chromium, served)
    assert "Tasks per agency" in page.inner_text("#example option:checked")  # the default
    page.click("#run")
    page.wait_for_selector("#result-table tbody tr")
    with page.expect_download() as info:
        page.click("#result-table-download-json")
    rows = json.loads(Path(info.value.path()).read_text("utf-8"))
    assert {r["unit"]: r["tasks"] for r in rows} == {r["unit"]: int(r["tasks"]) for r in workload}
    assert problems == []
    page.close()


def test_an_error_points_at_its_line_and_clears_the_old_rows(chromium, served: Served) -> None:  # type: ignore[no-untyped-def]
    page, problems = _open(chromium, served)
    page.click("#run")
    page.wait_for_selector("#result-table tbody tr")
    _type(page, BROKEN)
    page.click("#run")
    page.wait_for_selector("#status.error")
    status = page.inner_text("#status")
    assert "第 3 行 line 3" in status
    assert page.locator("#results table").count() == 0  # no stale rows under the error
    lines = page.locator("#editor .CodeMirror-code > div")
    assert "error-line" in (lines.nth(2).locator(".CodeMirror-linebackground")
                            .get_attribute("class") or "")
    _type(page, "SELECT (COUNT(*) AS ?n) WHERE { ?task a pkg:Task }")
    page.click("#run")
    page.wait_for_selector("#result-table tbody tr")
    assert page.locator(".CodeMirror-linebackground.error-line").count() == 0
    assert "error" not in (page.get_attribute("#status", "class") or "")
    # the browser logs the endpoint's answer to the broken query, and nothing else
    assert [p for p in problems if "status of 400" not in p] == []
    page.close()


def test_a_construct_answer_is_shown_as_turtle(chromium, served: Served) -> None:  # type: ignore[no-untyped-def]
    page, problems = _open(chromium, served)
    page.select_option("#example", label="责任关系图 Responsibilities as a graph "
                       "(CONSTRUCT, shown as Turtle)")
    page.click("#run")
    page.wait_for_selector("#turtle")
    graph = rdflib.Graph().parse(data=page.inner_text("#turtle"), format="turtle")
    has = rdflib.URIRef("https://w3id.org/policykg/ontology#hasResponsibility")
    assert len(graph) > 50 and any(graph.triples((None, has, None)))
    assert problems == []
    page.close()
