"""Opening a page in the test browser with every error and every stray request recorded."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def watched_page(
    chromium: Any, url: str, allowed: Callable[[str], bool], where: str, **options: Any
) -> tuple[Any, list[str]]:
    """A page where any console error or warning, page error, or request whose URL
    ``allowed`` refuses is recorded (the request is aborted), then opened at ``url``."""
    page = chromium.new_page(**options)
    problems: list[str] = []
    page.on("console", lambda m: m.type in ("error", "warning") and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))

    def guard(route: Any) -> None:
        if allowed(route.request.url):
            route.continue_()
        else:
            problems.append(f"request left {where}: {route.request.url}")
            route.abort()

    page.route("**/*", guard)
    page.goto(url)
    return page, problems
