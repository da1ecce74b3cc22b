"""Corpus totals kept up to date by adding and taking away one document's summary partial.

A partial (graph/summary.py) is a tree of counters: integers add, and ``{text: graphs}``
maps add key by key. Taking a document's partial away therefore leaves exactly the totals of
the other documents, and an incremental build touches only the summary entries the changed
documents name: their old quads go out of the store and their new quads come in.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from policykg.graph import summary
from policykg.graph.summary import SECTIONS, Partial


def _merge(into: dict[str, Any], part: dict[str, Any], sign: int) -> None:
    for key, value in part.items():
        if isinstance(value, dict):
            inner = into.setdefault(key, {})
            _merge(inner, value, sign)
            if not inner:
                del into[key]
        else:
            left = into.get(key, 0) + sign * int(value)
            if left:
                into[key] = left
            else:
                into.pop(key, None)


def _alive(entry: dict[str, Any] | None) -> dict[str, Any] | None:
    """An entry no document counts any more (documentCount 0) is gone."""
    return entry if entry and entry.get("documentCount", 0) > 0 else None


class Totals:
    """The whole corpus's summary counters, as the sum of per-document partials."""

    def __init__(self, data: Partial | None = None) -> None:
        self.data: Partial = data if data is not None else {}

    @classmethod
    def of(cls, partials: Iterable[Partial]) -> Totals:
        totals = cls()
        for part in partials:
            totals.add(part)
        return totals

    def add(self, part: Partial) -> None:
        _merge(self.data, part, +1)

    def subtract(self, part: Partial) -> None:
        _merge(self.data, part, -1)

    def quads(self) -> list[ox.Quad]:
        """The summary graph of these totals."""
        return summary.summary_quads(self._complete())

    def _complete(self) -> Partial:
        data = {s: {k: e for k, e in self.data.get(s, {}).items() if _alive(e)} for s in SECTIONS}
        return {**data, "tally": self.data.get("tally", {})}

    def _touched_quads(self, keys: dict[str, set[str]]) -> set[ox.Quad]:
        quads: set[ox.Quad] = set()
        for section, names in keys.items():
            entries = self.data.get(section, {})
            for key in names:
                quads.update(summary.entry_quads(section, key, _alive(entries.get(key))))
        quads.update(summary.tally_quads(self.data.get("tally", {})))
        return quads

    def update(
        self, removed: Iterable[Partial], added: Iterable[Partial]
    ) -> tuple[list[ox.Quad], list[ox.Quad]]:
        """Take ``removed`` away and add ``added``; return the summary quads to delete and
        to insert so the summary graph matches the new totals."""
        removed, added = list(removed), list(added)
        keys: dict[str, set[str]] = {s: set() for s in SECTIONS}
        for part in (*removed, *added):
            for section in SECTIONS:
                keys[section].update(part.get(section, {}))
        before = self._touched_quads(keys)
        for part in removed:
            self.subtract(part)
        for part in added:
            self.add(part)
        after = self._touched_quads(keys)
        return sorted(before - after, key=str), sorted(after - before, key=str)


__all__ = ["Totals"]
