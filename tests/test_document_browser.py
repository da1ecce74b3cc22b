"""A document page of the built seeds, read in headless Chromium: every owner named in the
text is a link to that agency's page, and the page gives the document's owner-clause
coverage and lists the clauses that gave no owner, with quote and reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_pages import watched_page

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

DOC = "003_3d31144a4b974985"  # a district opinion with （责任单位：…） after each measure


def _open(chromium, path: Path):  # type: ignore[no-untyped-def]
    return watched_page(chromium, path.as_uri(), lambda u: u.startswith("file:"), "the file")


def test_an_owner_in_the_text_leads_to_its_agency(chromium, built_graph: Path) -> None:  # type: ignore[no-untyped-def]
    page, problems = _open(chromium, built_graph / "views" / "doc" / f"{DOC}.html")
    title = page.inner_text("h1")
    owners = page.locator("#text a.k-owner")
    assert owners.count() >= 10
    mention = owners.nth(3)
    label = mention.get_attribute("title").split(" · ")[0]  # the unit's full name
    mention.click()
    page.wait_for_selector("body[data-network=ready]", timeout=60000)
    assert page.url.split("/")[-2] == "agency"
    assert page.inner_text("h1") == label
    documents = page.locator("#tasks tbody td:first-child").all_inner_texts()
    assert title in documents  # the agency's tasks include this document's
    assert problems == []
    page.close()


def test_every_owner_mention_of_the_text_is_a_link(chromium, built_graph: Path) -> None:  # type: ignore[no-untyped-def]
    page, problems = _open(chromium, built_graph / "views" / "doc" / f"{DOC}.html")
    linked = page.eval_on_selector_all("#text .k-owner", "els => els.map(e => e.tagName)")
    assert linked and set(linked) == {"A"}
    hrefs = page.eval_on_selector_all("#text a.k-owner", "els => els.map(e => e.href)")
    assert all("/agency/" in href for href in hrefs)
    assert problems == []
    page.close()


def test_a_fully_read_document_shows_its_coverage(chromium, built_graph: Path) -> None:  # type: ignore[no-untyped-def]
    page, problems = _open(chromium, built_graph / "views" / "doc" / f"{DOC}.html")
    assert page.inner_text("#owner-coverage").startswith("责任条款 Owner clauses: 18 / 18")
    assert not page.locator("section#unread-owner-clauses").is_visible()
    assert problems == []
    page.close()


UNREAD = """某某市人民政府关于稳定就业的实施意见
一、工作目标
到2025年，城镇新增就业10万人。（市人力资源社会保障局负责统计）
二、重点任务
（一）扶持创业。落实创业补贴。（责任单位：市人力资源社会保障局、市财政局）
（二）帮扶企业。所需经费由企业自行承担。（由企业负责）
"""


def test_unread_clauses_are_listed_with_reasons(chromium, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import policykg

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "opinion.txt").write_text(UNREAD, "utf-8")
    policykg.build_corpus([tmp_path / "docs"], tmp_path / "out")
    page, problems = _open(chromium, tmp_path / "out" / "views" / "doc" / "opinion.html")
    assert page.inner_text("#owner-coverage").startswith("责任条款 Owner clauses: 1 / 3")
    rows = page.locator("section#unread-owner-clauses tbody tr")
    assert rows.count() == 2
    first, second = (rows.nth(k).locator("td").all_inner_texts() for k in (0, 1))
    assert first[1:4] == ["市人力资源社会保障局负责统计", "0",
                          "outside every measure (a goal, preamble or note)"]
    assert second[:4] == ["2.2", "由企业负责", "0", "no item reads as a unit: 由企业"]
    assert second[4] == "由企业（not a unit name）"
    start, end = (int(n) for n in second[5].split("–"))
    assert UNREAD[start:end] == "由企业负责"
    assert problems == []
    page.close()
