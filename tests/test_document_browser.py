"""A document page of the built seeds, read in headless Chromium: every owner named in the
text is a link to that agency's page, and the page keeps a named place for the owner
clauses the extraction did not read."""

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


def test_the_page_keeps_a_place_for_unread_owner_clauses(chromium, built_graph: Path) -> None:  # type: ignore[no-untyped-def]
    page, problems = _open(chromium, built_graph / "views" / "doc" / f"{DOC}.html")
    slot = page.locator("section#unread-owner-clauses")
    assert slot.count() == 1
    assert slot.get_attribute("data-query") == "unread-owner-clauses"
    assert slot.locator("li").count() == 0  # nothing invented: the lead's query fills it
    assert problems == []
    page.close()
