"""Shared fixtures: the bundled seed documents, built once per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def built_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds built into a fresh output folder (graph, store, answers, views)."""
    import policykg

    out = tmp_path_factory.mktemp("build")
    report = policykg.build_corpus([SEEDS], out, jobs=1, views=True)
    assert not report.failed, report.failed
    return out


CHROMIUM = Path("/usr/bin/chromium")
# as root in a closed network: no sandbox, and no background calls home that would be refused
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's headless Chromium driven by Playwright, one browser for the whole run."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def writable_server(tmp_path: Path) -> Iterator[Any]:
    """A read-write ``oxigraph serve`` over a new empty folder, for pushing graphs."""
    from policykg.graph.serve import Server

    server = Server(tmp_path / "remote", read_only=False, query_timeout_s=10).start()
    try:
        yield server
    finally:
        server.stop()
