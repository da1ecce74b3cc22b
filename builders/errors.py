"""Errors raised while reading an input document."""

from __future__ import annotations

from policykg.errors import EXIT_FAILED, PolicyKGError


class InputError(PolicyKGError):
    """A file that cannot be read as a policy document (the other files still build)."""

    exit_code = EXIT_FAILED

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
