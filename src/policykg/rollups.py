"""The corpus-wide outputs of a build, kept current document by document.

Each built document leaves ``partials/<source>.json``: its summary counters
(graph/summary.py) and its rows of the answer queries, worked out in the build worker on a
scratch store holding that document and the vocabularies. ``rollup.json`` keeps the corpus
totals and which partial (by content hash) each document contributed. A build that changes a
few documents takes their old partials away and adds the new ones: the summary graph gets
only the quads that changed, and the answer CSVs get those documents' rows spliced in (every
answer query is ordered by source first). When ``rollup.json`` is missing or disagrees with
a partial on disk (a build stopped between the two), everything is summed again from the
partials, which gives the same bytes.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from policykg import queries
from policykg.buildfiles import write_atomic
from policykg.graph import summary
from policykg.graph.rollup import Totals
from policykg.graph.store import EmbeddedStore

ANSWER_QUERIES = ("task-owners", "indicators", "task-groups")
STATE_FILE = "rollup.json"
SUMMARY_FILE = "summary.nq"  # the summary graph beside the shards, for `policykg push`
PARTIALS = "partials"


@functools.cache
def _answer_queries() -> dict[str, queries.CannedQuery]:
    loaded = {name: queries.load(name) for name in ANSWER_QUERIES}
    for name, query in loaded.items():  # the answers are spliced by their first column
        if query.columns[:1] != ("source",):
            raise ValueError(f"answer query {name} must list source as its first column")
    return loaded


def document_partial(graph: str, nquads: str) -> str:
    """One document's summary counters and answer rows, as the JSON text of its partial file."""
    # a fresh store each time: one that is emptied and reused keeps the terms it has seen and
    # grows slower with every document
    with EmbeddedStore(keep_summary=False) as scratch:
        scratch.replace_document(graph, nquads)
        answers = {}
        for name, query in _answer_queries().items():
            rows = queries.run(scratch, query, {})
            answers[name] = [[row.get(c, "") for c in query.columns] for row in rows]
        body = {"summary": scratch.summary_partial(), "answers": answers}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def partial_path(out_dir: Path, source: str) -> Path:
    return out_dir / PARTIALS / f"{source}.json"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _read(out_dir: Path, source: str) -> tuple[str, dict[str, Any]]:
    text = partial_path(out_dir, source).read_text(encoding="utf-8")
    return text, json.loads(text)


class Rollup:
    """The totals and answers of one build folder, before and after one build."""

    def __init__(self, out_dir: Path, fingerprint: str) -> None:
        self.out_dir = out_dir
        self.fingerprint = fingerprint
        self.state = self._load_state()
        self.old: dict[str, dict[str, Any]] = {}

    def _load_state(self) -> dict[str, Any] | None:
        path = self.out_dir / STATE_FILE
        try:
            state = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return state if state.get("builder") == self.fingerprint else None

    def remember(self, unchanged: set[str]) -> None:
        """Before the build overwrites them: read the partials the totals hold for every
        document but the ``unchanged`` ones (those may be rebuilt or removed).

        A partial that is not the one the totals counted means an earlier build stopped
        half-way; the totals are then summed again from scratch.
        """
        if self.state is not None:
            self.remember_sources(set(self.state["sources"]) - unchanged)

    def remember_sources(self, sources: set[str]) -> None:
        """Read the counted partials of ``sources`` before the build rewrites them."""
        if self.state is None:
            return
        counted: dict[str, str] = self.state["sources"]
        for source in sorted(sources & set(counted)):
            try:
                text, body = _read(self.out_dir, source)
            except (OSError, ValueError):
                self.state = None
                return
            if _digest(text) != counted[source]:
                self.state = None
                return
            self.old[source] = body

    def commit(
        self, store: EmbeddedStore, built: Sequence[str], kept: Sequence[str], answers: bool
    ) -> None:
        """Bring the summary graph, the answers and ``rollup.json`` up to the kept documents."""
        if self.state is None:
            digests, totals = self._sum_all(kept, answers)
            quads = totals.quads()
            store.replace_summary(quads)
            write_atomic(self.out_dir / SUMMARY_FILE, "".join(summary.lines(quads)))
            answers_current = answers
        else:
            texts = {s: _read(self.out_dir, s) for s in sorted(built)}
            new = {s: body for s, (_text, body) in texts.items()}
            digests = dict(self.state["sources"])
            gone = sorted(set(digests) - set(kept))
            changed = sorted(set(self.old) | set(gone))
            totals = Totals(self.state["totals"])
            remove, add = totals.update(
                [self.old[s]["summary"] for s in changed if s in self.old],
                [new[s]["summary"] for s in sorted(new)])
            store.update_summary(remove, add)
            self._splice_summary(store, remove, add)
            for source in gone:
                digests.pop(source, None)
            for source, (text, _body) in texts.items():
                digests[source] = _digest(text)
            current = bool(self.state.get("answers_current"))
            targets = [self.out_dir / "answers" / f"{name}.csv" for name in ANSWER_QUERIES]
            if answers and not (current and all(t.exists() for t in targets)):
                self._sum_all(kept, answers=True)
            elif answers and (changed or new):
                self._splice_answers(new, set(changed) | set(new))
            answers_current = answers
        state = {"builder": self.fingerprint, "answers_current": answers_current,
                 "sources": dict(sorted(digests.items())), "totals": totals.data}
        write_atomic(self.out_dir / STATE_FILE,
                     json.dumps(state, ensure_ascii=False, sort_keys=True) + "\n")

    def _splice_summary(
        self, store: EmbeddedStore, remove: list[ox.Quad], add: list[ox.Quad]
    ) -> None:
        """``summary.nq`` with the changed lines swapped, or written whole when it is missing."""
        path = self.out_dir / SUMMARY_FILE
        if not path.exists():
            write_atomic(path, store.summary_nquads())
        elif remove or add:
            gone = set(summary.lines(remove))
            kept = [line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                    if line not in gone]
            write_atomic(path, "".join(sorted(kept + summary.lines(add))))

    def _sum_all(self, kept: Sequence[str], answers: bool) -> tuple[dict[str, str], Totals]:
        """Totals and digests of every kept document, and its answer CSVs when asked, reading
        one partial at a time (a document's rows all name it, so source order is row order)."""
        digests, totals = {}, Totals()
        chunks: dict[str, list[str]] = {name: [] for name in ANSWER_QUERIES}
        for source in sorted(kept):
            text, body = _read(self.out_dir, source)
            digests[source] = _digest(text)
            totals.add(body["summary"])
            if answers:
                for name in ANSWER_QUERIES:
                    chunks[name].append(_csv(None, body["answers"][name]))
        if answers:
            for name, parts in chunks.items():
                header = _csv(_answer_queries()[name].columns, [])
                write_atomic(self.out_dir / "answers" / f"{name}.csv", header + "".join(parts))
        return digests, totals

    def _splice_answers(self, new: dict[str, dict[str, Any]], replaced: set[str]) -> None:
        for name in ANSWER_QUERIES:
            target = self.out_dir / "answers" / f"{name}.csv"
            write_atomic(target, _splice(target, new, name, replaced))


def _splice(
    target: Path, new: dict[str, dict[str, Any]], name: str, replaced: set[str]
) -> str:
    """The CSV of ``target`` with the replaced documents' rows out and the new rows in."""
    text = target.read_text(encoding="utf-8")
    header, _, body = text.partition("\n")
    added = _csv(None, (row for source in sorted(new) for row in new[source]["answers"][name]))
    if '"' in text or '"' in added:  # a quoted field may hold a line break: read it as CSV
        rows = [row for row in csv.reader(io.StringIO(body)) if row and row[0] not in replaced]
        rows += csv.reader(io.StringIO(added))
        rows.sort(key=lambda row: row[0])  # stable: a document's rows keep their query order
        return header + "\n" + _csv(None, rows)
    # no quoting anywhere: a line is a row and its first field is the source, unquoted
    lines = [line for line in body.split("\n") if line and line.partition(",")[0] not in replaced]
    lines += added.split("\n")[:-1]
    lines.sort(key=lambda line: line.partition(",")[0])
    return "".join(f"{line}\n" for line in [header, *lines])


def _csv(columns: Sequence[str] | None, rows: Iterable[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if columns is not None:
        writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


__all__ = ["ANSWER_QUERIES", "PARTIALS", "STATE_FILE", "SUMMARY_FILE", "Rollup",
           "document_partial", "partial_path"]
