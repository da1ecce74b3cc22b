"""Errors a user can act on, and the exit codes the command line maps them to.

A reportable error names the file (or query) and the problem; it never carries a
traceback to the user. Exit codes follow pySHACL's convention.
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_FAILED = 1  # some documents failed, or the graph does not conform; good ones are kept
EXIT_USAGE = 2  # bad usage, nothing built yet, or an internal error

EXIT_CODES = {
    EXIT_OK: "all documents built; the graph conforms",
    EXIT_FAILED: "some documents failed or the graph does not conform (the rest is kept)",
    EXIT_USAGE: "usage error, missing graph, bad query, or internal error",
}


class PolicyKGError(Exception):
    """Base class of the errors policykg reports to its user."""

    exit_code = EXIT_USAGE


class NoGraphError(PolicyKGError):
    def __init__(self, graph_dir: Path) -> None:
        hint = f"run `policykg build DOCS --out {graph_dir}`"
        super().__init__(f"{graph_dir}: no graph built here yet ({hint})")
        self.graph_dir = graph_dir


class QueryError(PolicyKGError):
    def __init__(self, query: str, problem: str) -> None:
        super().__init__(f"query {query}: {problem}")
        self.query = query
        self.problem = problem
