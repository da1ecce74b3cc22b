"""The one module that wires the stages: files → shards → store → answers → views.

A build writes into one output folder:

- ``shards/<source>.nq``: one N-Quads file per document (its own named graph), written to a
  temporary file and renamed, so an interrupted build never leaves half a shard;
- ``store/``: the embedded pyoxigraph store, updated one document graph at a time;
- ``partials/<source>.json``: each document's share of the corpus summary and of the answers;
- ``summary.nq``: the corpus summary graph (workload, pairs, coverage, counts) the aggregate
  queries read, updated from the partials of the documents that changed (``rollups``);
- ``manifest.json``: the content hash of every input, so unchanged files are skipped;
- ``report.json``: documents read, facts per kind, warnings and failures by file name;
- ``void.ttl``: a VoID/DCAT description of the build (licence, version, dumps, endpoint,
  the input files by SHA-256, ``prov:wasGeneratedBy``), the same bytes for the same inputs;
- ``answers/*.csv``: the canned queries that the evaluation reads.

A file that fails is recorded in the report and the batch goes on.
"""

from __future__ import annotations

import json
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from policykg import graphnames
from policykg.buildfiles import (
    builder_fingerprint,
    discover,
    in_shard,
    sha256,
    write_atomic,
)
from policykg.describe import DEFAULT_LICENSE, describe
from policykg.errors import NoGraphError
from policykg.graph.store import EmbeddedStore
from policykg.loading import ShardLoader
from policykg.rollups import SUMMARY_FILE, Rollup, document_partial, partial_path

# Real policy documents are well under 1 MB; a bigger file is an archive, a dump or a
# mistake, and extracting it would take minutes and gigabytes. Raise with POLICYKG_MAX_MB.
MAX_DOCUMENT_BYTES = int(os.environ.get("POLICYKG_MAX_MB", "20")) << 20
STORE_BATCH_BYTES = 64 << 20  # N-Quads per bulk load: few calls, bounded memory
Progress = Callable[[int, int, str], None]


@dataclass
class DocumentResult:
    source: str
    path: str
    status: str  # built | unchanged | failed | duplicate
    problem: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    encoding: str = ""
    sha256: str = ""
    triples: int = 0
    graph: str = ""  # the document's IRI (its graph), from its 文号 or its text
    plain: str = ""  # the IRI it claims; ``graph`` differs when another input claims it too
    # the owner-clause coverage of the document: marked, read, and what was not read
    owner_clauses: dict[str, Any] = field(default_factory=dict)


@dataclass
class BuildReport:
    out_dir: str
    documents: list[DocumentResult]
    seconds: float = 0.0
    triples: int = 0

    @property
    def failed(self) -> list[DocumentResult]:
        return [d for d in self.documents if d.status == "failed"]

    def totals(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for doc in self.documents:
            for kind, n in doc.counts.items():
                out[kind] = out.get(kind, 0) + n
        return dict(sorted(out.items()))

    def owner_coverage(self) -> dict[str, Any]:
        """Responsibility-shaped clauses in the built documents and how many gave owners."""
        marked = sum(d.owner_clauses.get("marked", 0) for d in self.documents)
        read = sum(d.owner_clauses.get("read", 0) for d in self.documents)
        return {"marked": marked, "read": read,
                "share": round(read / marked, 4) if marked else None}

    def to_json(self) -> str:
        """Sorted keys, one document per line: readable, and quick to write at 10,000 files."""
        body = {"documents": [], "failed": len(self.failed), "out_dir": self.out_dir,
                "owner_coverage": self.owner_coverage(), "seconds": self.seconds,
                "totals": self.totals(), "triples": self.triples}
        lines = [json.dumps({k: body[k] for k in ("failed", "out_dir", "owner_coverage",
                                                  "seconds")},
                            ensure_ascii=False, sort_keys=True)[:-1] + ","]
        documents = [json.dumps(vars(d), ensure_ascii=False, sort_keys=True)
                     for d in self.documents]
        lines.append(' "documents": [' + (("\n  " + ",\n  ".join(documents) + "\n ")
                                           if documents else "") + "],")
        lines.append(json.dumps({k: body[k] for k in ("totals", "triples")},
                                ensure_ascii=False, sort_keys=True)[1:])
        return "\n".join(lines)


Outcome = tuple[str, dict[str, int], list[str], str, str, str, str, str, dict[str, Any]]


def _build_one(path: str, variant: str = "") -> Outcome:
    """Worker: one file → (N-Quads, counts per kind, warnings, encoding, decoded text, partial,
    graph IRI, plain IRI, owner-clause coverage)."""
    from policykg.builders import build_document
    from policykg.builders.coverage import clause_report
    from policykg.builders.rdf import graph_name

    built = build_document(Path(path), variant)
    facts = built.facts
    counts = {
        "tasks": len(facts.tasks),
        "responsibilities": len(facts.owners),
        "group_links": len(facts.groups),
        "indicators": len(facts.indicators),
        "citations": len(facts.document.meta.citations),
        "sections": len(facts.document.sections),
        "tables": len(facts.document.tables),
    }
    source = facts.document.source
    share = document_partial(built.graph, built.nquads)
    return (built.nquads, counts, list(facts.warnings), source.encoding, source.raw, share,
            built.graph, graph_name(facts), clause_report(facts))


def _describe(exc: BaseException) -> str:
    problem = getattr(exc, "problem", None)
    return str(problem) if problem else f"{type(exc).__name__}: {exc}"


def build(
    inputs: Sequence[Path],
    out_dir: Path,
    *,
    jobs: int | None = None,
    progress: Progress | None = None,
    answers: bool = True,
    shard: tuple[int, int] | None = None,
    license_iri: str = DEFAULT_LICENSE,
) -> BuildReport:
    """Build the graph of every document under ``inputs`` (or of one shard) into ``out_dir``;
    ``license_iri`` is the licence ``void.ttl`` states for the data."""
    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    files, missing = discover(inputs)
    results = [DocumentResult(p.stem, str(p), "failed", "no such file or folder") for p in missing]
    manifest_path = out_dir / "manifest.json"
    old = json.loads(manifest_path.read_text("utf-8")) if manifest_path.exists() else {}
    fingerprint = builder_fingerprint()
    same_builder = old.get("builder") == fingerprint
    old_docs: dict[str, dict] = old.get("documents", {}) if same_builder else {}

    todo: list[DocumentResult] = []
    seen_hash: dict[str, str] = {}
    seen_source: set[str] = set()
    for path in files:
        if not in_shard(path.stem, shard):
            continue
        result = DocumentResult(path.stem, str(path), "built")
        results.append(result)
        try:
            size = path.stat().st_size
            if size > MAX_DOCUMENT_BYTES:
                result.status = "failed"
                result.problem = (
                    f"file is {size / (1 << 20):.0f} MB, over the {MAX_DOCUMENT_BYTES >> 20} MB "
                    "limit for one document; split it, or set POLICYKG_MAX_MB"
                )
                continue
            result.sha256 = sha256(path)
        except OSError as exc:
            result.status, result.problem = "failed", f"cannot read: {exc.strerror}"
            continue
        if result.sha256 in seen_hash:
            result.status = "duplicate"
            result.problem = f"same content as {seen_hash[result.sha256]}; not built twice"
            continue
        if result.source in seen_source:
            result.status, result.problem = "failed", "another input has the same file name"
            continue
        seen_hash[result.sha256] = str(path)
        seen_source.add(result.source)
        prior = old_docs.get(result.source, {})
        shard_file = out_dir / "shards" / f"{result.source}.nq"
        current = shard_file.exists() and partial_path(out_dir, result.source).exists()
        if prior.get("sha256") == result.sha256 and current and prior.get("graph"):
            result.status = "unchanged"
            result.counts = dict(prior.get("counts", {}))
            result.triples = int(prior.get("triples", 0))
            result.graph, result.plain = prior["graph"], prior.get("plain", prior["graph"])
            result.owner_clauses = dict(prior.get("owner_clauses", {}))
            continue
        todo.append(result)

    rollup = Rollup(out_dir, fingerprint)
    rollup.remember({r.source for r in results if r.status == "unchanged"})
    store = EmbeddedStore(out_dir / "store")
    try:
        with ShardLoader(store, STORE_BATCH_BYTES) as loader:  # loads while workers extract
            built = _extract(todo, out_dir, jobs, progress, loader.add)
        kept_results = [r for r in results if r.status in ("built", "unchanged")]
        built += _separate(kept_results, out_dir, store, rollup, built, jobs)
        # a document built before that failed now, or a graph left by a build stopped
        # half-way, keeps no stale graph either
        kept = sorted(r.source for r in kept_results)
        _remove_all_but(store, out_dir, kept, old_docs, {r.graph for r in kept_results})
        # whole-corpus aggregates and answers, updated by the changed documents' partials
        rollup.commit(store, built, kept, answers)
    finally:
        store.close()
    described = [r for r in results if r.status in ("built", "unchanged")]
    summary = out_dir / SUMMARY_FILE
    summary_triples = summary.read_text("utf-8").count("\n") if summary.exists() else 0
    write_atomic(out_dir / "void.ttl", describe(described, builder=fingerprint,
                                                summary_triples=summary_triples,
                                                license_iri=license_iri))
    # the manifest goes last: until it is written, the next build redoes this one's documents
    _write_manifest(manifest_path, fingerprint, results)
    report = BuildReport(str(out_dir), sorted(results, key=lambda r: r.path))
    report.triples = sum(r.triples for r in results if r.status in ("built", "unchanged"))
    report.seconds = round(time.perf_counter() - started, 3)
    write_atomic(out_dir / "report.json", report.to_json() + "\n")
    return report


def _separate(
    kept: list[DocumentResult], out_dir: Path, store: EmbeddedStore, rollup: Rollup,
    built: list[str], jobs: int | None,
) -> list[str]:
    """Give inputs that claim the same document IRI their own (graphnames), rebuilding those
    whose IRI changes and loading again the plain graphs a colliding load went over; return
    the sources rebuilt."""
    chosen = graphnames.variants(kept)
    misplaced = {c.source for c in graphnames.misplaced(kept, chosen)}  # once, not per input
    redo = [r for r in kept if r.source in misplaced]
    rollup.remember_sources({r.source for r in redo if r.status == "unchanged"})
    for result in redo:
        result.status = "built"
    with ShardLoader(store, STORE_BATCH_BYTES) as loader:
        rebuilt = _extract(redo, out_dir, jobs, None, loader.add, chosen)
    # only a plain IRI is claimed by several loads; a variant graph is its input's alone
    with ShardLoader(store, STORE_BATCH_BYTES) as loader:
        for claim in graphnames.shared(kept, set(built) | set(rebuilt)):
            if claim.graph == claim.plain:
                shard = out_dir / "shards" / f"{claim.source}.nq"
                loader.add(claim.graph, shard.read_text(encoding="utf-8"))
    return rebuilt


def _extract(
    todo: list[DocumentResult], out_dir: Path, jobs: int | None, progress: Progress | None,
    load: Callable[[str, str], None], variants: dict[str, str] | None = None,
) -> list[str]:
    """Run the builders on the changed files, writing their shards and handing them to
    ``load``; return the sources built."""
    built: list[str] = []
    variant = variants or {}
    workers = jobs if jobs is not None else min(os.cpu_count() or 1, max(1, len(todo) // 8))

    def record(result: DocumentResult, outcome: Outcome) -> None:
        nquads, result.counts, result.warnings, result.encoding, raw, share = outcome[:6]
        result.graph, result.plain, result.owner_clauses = outcome[6], outcome[7], outcome[8]
        result.triples = nquads.count("\n")
        # the decoded text the spans point into, for the document views
        write_atomic(out_dir / "texts" / f"{result.source}.txt", raw)
        write_atomic(out_dir / "shards" / f"{result.source}.nq", nquads)
        write_atomic(partial_path(out_dir, result.source), share)
        load(result.graph, nquads)
        built.append(result.source)

    def settle(result: DocumentResult, outcome: Callable[[], Outcome]) -> None:
        try:
            record(result, outcome())
        except Exception as exc:  # one bad file never stops the batch
            result.status, result.problem = "failed", _describe(exc)
        if progress:
            progress(len(settled) + 1, len(todo), result.path)
        settled.append(result.source)

    settled: list[str] = []
    if workers <= 1:
        for result in todo:
            settle(result, partial(_build_one, result.path, variant.get(result.source, "")))
        return built
    # a bounded window of pending documents: results are written and dropped as they come,
    # so memory does not grow with the corpus
    window: deque[tuple[DocumentResult, Future[Outcome]]] = deque()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: list[DocumentResult | None] = [*todo, None]  # None: drain the window
        for item in pending:
            if item is not None:
                window.append((item, pool.submit(_build_one, item.path,
                                                 variant.get(item.source, ""))))
            while window and (item is None or len(window) > 4 * workers):
                done, future = window.popleft()
                settle(done, future.result)
    return built


def _remove_all_but(
    store: EmbeddedStore, out_dir: Path, kept: list[str], old_docs: Iterable[str],
    wanted: set[str],
) -> None:
    """Drop every document graph and file but the kept ones (``wanted``: their graphs):
    documents gone from the inputs, and whatever a build stopped half-way had written."""
    keep = set(kept)
    on_disk = {p.stem for p in (out_dir / "shards").glob("*.nq")}
    for source in sorted((on_disk | set(old_docs)) - keep):
        (out_dir / "shards" / f"{source}.nq").unlink(missing_ok=True)
        (out_dir / "texts" / f"{source}.txt").unlink(missing_ok=True)
        partial_path(out_dir, source).unlink(missing_ok=True)
    for graph in store.documents():
        if graph not in wanted:
            store.remove_document(graph)


def _write_manifest(path: Path, fingerprint: str, results: list[DocumentResult]) -> None:
    documents = {
        r.source: {"sha256": r.sha256, "path": r.path, "counts": r.counts, "triples": r.triples,
                   "graph": r.graph, "plain": r.plain, "owner_clauses": r.owner_clauses}
        for r in results
        if r.status in ("built", "unchanged")
    }
    body = {"builder": fingerprint, "documents": dict(sorted(documents.items()))}
    write_atomic(path, json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def require_graph(graph_dir: Path) -> Path:
    if not (graph_dir / "store").is_dir() or not (graph_dir / "manifest.json").exists():
        raise NoGraphError(graph_dir)
    return graph_dir
