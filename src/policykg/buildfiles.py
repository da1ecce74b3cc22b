"""The files of a build folder: input discovery, content hashes, shards of a corpus, atomic writes.

Helpers of ``pipeline``: they know about files and hashes, nothing about the builders.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")


def discover(inputs: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """Every supported file under the inputs, sorted, and the inputs that do not exist."""
    files: list[Path] = []
    missing: list[Path] = []
    for item in inputs:
        if item.is_dir():
            files.extend(
                p for p in item.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
            )
        elif item.is_file():
            files.append(item)
        else:
            missing.append(item)
    return sorted(set(files)), missing


def parse_shard(text: str) -> tuple[int, int]:
    """``"2/8"`` → (2, 8): the second of eight shards, counted from 1."""
    index, _, count = text.partition("/")
    try:
        i, n = int(index), int(count)
    except ValueError:
        i = n = 0
    if not 1 <= i <= n:
        raise ValueError(f"--shard takes i/n with 1 <= i <= n, e.g. 1/4; got {text!r}")
    return i, n


def in_shard(source: str, shard: tuple[int, int] | None) -> bool:
    """Whether the document named ``source`` belongs to ``shard``.

    Decided by a hash of the name alone, so a document stays in its shard whatever else the
    corpus holds, and every document is in exactly one shard.
    """
    if shard is None:
        return True
    i, n = shard
    digest = hashlib.sha1(source.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % n == i - 1


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# what a document's partial (rollups) is computed by, beside the builders and the ontology
PARTIAL_CODE = ("graph/summary.py", "graph/rollup.py", "queries/task-owners.rq",
                "queries/indicators.rq", "queries/task-groups.rq")


def builder_fingerprint() -> str:
    """Hash of the builder code and data: a new extractor invalidates every shard."""
    from policykg import builders, graph, ontology, queries

    digest = hashlib.sha256()
    for root in (Path(builders.__file__).parent, Path(ontology.__file__).parent):
        for p in sorted(root.rglob("*")):
            if p.is_file() and p.suffix in {".py", ".tsv", ".ttl", ".txt"}:
                digest.update(p.name.encode())
                digest.update(p.read_bytes())
    folders = {"graph": Path(graph.__file__).parent, "queries": Path(queries.__file__).parent}
    for name in PARTIAL_CODE:
        folder, _, file = name.partition("/")
        digest.update(name.encode())
        digest.update((folders[folder] / file).read_bytes())
    return digest.hexdigest()[:16]


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path`` and rename it: readers see old or new, whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
