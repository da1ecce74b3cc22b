"""Result tables as an analyst uses them, in headless Chromium over the served seeds: IRIs
read as labels and lead to their pages, facets and column filters narrow the rows, pages
turn, the URL keeps the state, and the downloads hold exactly what is filtered."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import openpyxl
import pytest
from browser_pages import watched_page
from workbench_fixtures import Served, run_serve

import policykg
from policykg import queries

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.timeout(300)]


@pytest.fixture(scope="module")
def served(built_graph: Path) -> Iterator[Served]:
    yield from run_serve(built_graph)


@pytest.fixture(scope="module")
def canned(built_graph: Path) -> dict[str, list[dict[str, str]]]:
    with policykg.open_store(built_graph, read_only=True) as store:
        return {name: queries.run(store, queries.load(name), {})
                for name in ("task-owners", "agency-workload")}


def _loopback(url: str) -> bool:
    parts = urlsplit(url)
    return url.startswith("blob:") or (parts.scheme == "http" and parts.hostname == "127.0.0.1")


def _open(chromium, url: str):  # type: ignore[no-untyped-def]
    return watched_page(chromium, url, _loopback, "127.0.0.1", accept_downloads=True,
                        viewport={"width": 1400, "height": 900})


def _rows(page) -> int:  # type: ignore[no-untyped-def]
    return page.locator("#result-table tbody tr").count()


def _summary(page) -> str:  # type: ignore[no-untyped-def]
    return page.inner_text("#result-table-summary")


def _download(page, button: str) -> Path:  # type: ignore[no-untyped-def]
    with page.expect_download() as info:
        page.click(button)
    return Path(info.value.path())


def test_iris_show_as_labels_that_lead_to_their_pages(chromium, served: Served, canned) -> None:  # type: ignore[no-untyped-def]
    page, problems = _open(chromium, served.url + "query/task-owners.html")
    page.wait_for_selector("#result-table tbody tr")
    first = canned["task-owners"][0]
    unit = page.locator("#result-table tbody tr").first.locator("td").nth(3).locator("a")
    assert unit.inner_text() == first["unit_label"]  # not the IRI
    assert unit.get_attribute("title") == first["unit"]
    unit.click()
    page.wait_for_selector("body[data-network=ready]", timeout=60000)
    assert page.url.split("/")[-2] == "agency" and page.inner_text("h1") == first["unit_label"]
    page.go_back()
    page.wait_for_selector("#result-table tbody tr")
    page.locator("#result-table tbody tr").first.locator("td").nth(2).locator("a").click()
    assert page.url.split("/")[-2] == "task"
    assert page.locator("#context .k-task").count() >= 1
    assert problems == []
    page.close()


def test_facets_filters_and_pages_narrow_the_rows_and_live_in_the_url(
    chromium, served: Served, canned  # type: ignore[no-untyped-def]
) -> None:
    rows = canned["task-owners"]
    page, problems = _open(chromium, served.url + "query/task-owners.html")
    page.wait_for_selector("#result-table tbody tr")
    assert _rows(page) == min(50, len(rows))  # paged
    assert _summary(page).startswith(f"1–50 / {len(rows)} ")
    page.click("#result-table-next")
    assert _summary(page).startswith(f"51–{min(100, len(rows))} / {len(rows)} ")
    # a facet: only the rows whose role is lead
    page.click("#result-table-facets fieldset[data-facet=role] button[data-value=lead]")
    leads = [r for r in rows if r["role"] == "lead"]
    assert _rows(page) == len(leads) and leads
    assert set(page.locator("#result-table tbody td:nth-child(6)").all_inner_texts()) == {"lead"}
    page.click("#result-table-facets fieldset[data-facet=role] button[data-value=lead]")
    # a column filter on the unit's label
    page.fill("#result-table-q-unit_label", "财政局")
    wanted = [r for r in rows if "财政局" in r["unit_label"]]
    assert _rows(page) == min(50, len(wanted)) and wanted
    # the state is in the URL: opening it again gives the same rows
    url = page.url
    assert "result-table.q.unit_label=" in url
    page.goto(served.url + "index.html")
    page.goto(url)
    page.wait_for_selector("#result-table tbody tr")
    assert _rows(page) == min(50, len(wanted))
    assert page.input_value("#result-table-q-unit_label") == "财政局"
    assert problems == []
    page.close()


def test_downloads_hold_what_is_filtered(chromium, served: Served, canned) -> None:  # type: ignore[no-untyped-def]
    rows = canned["task-owners"]
    page, problems = _open(chromium, served.url + "query/task-owners.html")
    page.wait_for_selector("#result-table tbody tr")
    page.fill("#result-table-q-unit_label", "财政局")
    wanted = [r for r in rows if "财政局" in r["unit_label"]]
    raw = _download(page, "#result-table-download-csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads the Chinese as Chinese
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "source,section,task,unit,unit_label,role"
    assert len(lines) == 1 + len(wanted)
    assert {line.split(",")[3] for line in lines[1:]} == {r["unit"] for r in wanted}  # IRIs
    exported = json.loads(_download(page, "#result-table-download-json").read_text("utf-8"))
    assert [r["task"] for r in exported] == [r["task"] for r in wanted]
    assert problems == []
    page.close()


def test_numbers_stay_numbers_in_json_and_xlsx(chromium, served: Served, canned) -> None:  # type: ignore[no-untyped-def]
    workload = canned["agency-workload"]
    page, problems = _open(chromium, served.url + "query/agency-workload.html")
    page.wait_for_selector("#result-table tbody tr")
    exported = json.loads(_download(page, "#result-table-download-json").read_text("utf-8"))
    assert len(exported) == len(workload)
    assert exported[0]["tasks"] == int(workload[0]["tasks"])
    assert all(isinstance(r["tasks"], int) and isinstance(r["lead"], int) for r in exported)
    xlsx = _download(page, "#result-table-download-xlsx").read_bytes()
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    header = [cell.value for cell in sheet[1]]
    assert header == list(queries.load("agency-workload").columns)
    first = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert first["tasks"] == int(workload[0]["tasks"]) and isinstance(first["tasks"], int)
    assert first["unit"] == workload[0]["unit"]
    assert sheet.max_row == 1 + len(workload)
    assert problems == []
    page.close()


def test_the_pages_own_tables_filter_from_disk_too(chromium, built_graph: Path) -> None:  # type: ignore[no-untyped-def]
    home = built_graph / "views" / "index.html"
    page, problems = watched_page(chromium, home.as_uri(), lambda u: u.startswith("file:"),
                                  "the file")
    total = page.locator("#agency-table tbody tr").count()
    page.click("#agency-table-facets fieldset[data-facet=c1] button[data-value=district]")
    district = page.locator("#agency-table tbody tr").count()
    assert 0 < district < total
    levels = page.locator("#agency-table tbody td:nth-child(2)").all_inner_texts()
    assert set(levels) == {"district"}
    assert "agency-table.f.c1=district" in page.url
    page.goto(home.as_uri() + "#agency-table.f.c1=national")
    page.reload()
    assert set(page.locator("#agency-table tbody td:nth-child(2)").all_inner_texts()) == {
        "national"}
    assert problems == []
    page.close()


def test_an_agency_that_matches_nothing_offers_close_names(chromium, served: Served) -> None:  # type: ignore[no-untyped-def]
    page, problems = _open(chromium, served.url + "query/tasks-of-agency.html")
    page.fill("#param-agency", "青浦区人力资源局")  # no unit is called that
    page.click("#run")
    page.wait_for_selector("#suggestions button.suggestion")
    assert "no rows" in page.inner_text("#status")
    offered = page.locator("#suggestions button.suggestion").all_inner_texts()
    assert offered[0] == "上海市青浦区人力资源和社会保障局"
    page.locator("#suggestions button.suggestion").first.click()  # runs with the close name
    page.wait_for_selector("#result-table tbody tr")
    assert page.input_value("#param-agency") == "上海市青浦区人力资源和社会保障局"
    labels = set(page.locator("#result-table tbody td:nth-child(3)").all_inner_texts())
    assert labels == {"上海市青浦区人力资源和社会保障局"}
    assert page.locator("#suggestions button").count() == 0
    assert problems == []
    page.close()


def test_opened_from_disk_a_query_page_downloads_numbers_as_numbers(
    chromium, built_graph: Path, canned  # type: ignore[no-untyped-def]
) -> None:
    path = built_graph / "views" / "query" / "agency-workload.html"
    page, problems = watched_page(chromium, path.as_uri(),
                                  lambda u: u.startswith(("file:", "blob:")), "the file",
                                  accept_downloads=True)
    page.wait_for_selector("#result-table tbody tr")
    exported = json.loads(_download(page, "#result-table-download-json").read_text("utf-8"))
    assert [r["tasks"] for r in exported] == [int(r["tasks"]) for r in canned["agency-workload"]]
    assert problems == []
    page.close()
