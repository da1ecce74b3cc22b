"""The README tells the truth about the commands and queries that exist."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

import policykg
from policykg.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")


def test_readme_opens_with_the_two_commands() -> None:
    head = README.split("## ")[0]
    assert "policykg build corpus/seeds --out build" in head
    assert "./scripts/setup-test.sh && .venv/bin/pytest" in head


def test_ci_runs_the_readme_test_command() -> None:
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text("utf-8")
    assert "./scripts/setup-test.sh" in ci and ".venv/bin/pytest" in ci


@pytest.mark.parametrize("command", sorted(typer.main.get_command(app).commands))  # type: ignore[attr-defined]
def test_readme_names_every_command(command: str) -> None:
    assert f"policykg {command}" in README


@pytest.mark.parametrize(
    "name", [q.name for q in policykg.canned_queries() if not q.name.startswith("view-")]
)
def test_readme_names_every_canned_query(name: str) -> None:
    assert f"`{name}`" in README
