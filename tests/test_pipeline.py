"""The build as a whole: determinism, incremental rebuilds, bad input never stops a batch."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import policykg


def _shards(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / "shards").glob("*.nq"))}


def test_every_seed_builds_into_its_own_shard(built_graph: Path, seeds_dir: Path) -> None:
    names = sorted(p.stem + ".nq" for p in seeds_dir.glob("*.txt"))
    assert sorted(_shards(built_graph)) == names
    report = json.loads((built_graph / "report.json").read_text("utf-8"))
    assert report["failed"] == 0
    assert report["totals"]["tasks"] > 40
    assert report["totals"]["indicators"] > 100


def test_same_input_gives_byte_identical_graph(
    built_graph: Path, seeds_dir: Path, tmp_path: Path
) -> None:
    again = tmp_path / "again"
    policykg.build_corpus([seeds_dir], again, jobs=2, views=False)
    assert _shards(again) == _shards(built_graph)
    for name in ("task-owners.csv", "indicators.csv", "task-groups.csv"):
        assert (again / "answers" / name).read_bytes() == (
            built_graph / "answers" / name
        ).read_bytes()


def test_rebuild_skips_unchanged_and_rebuilds_changed(seeds_dir: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(seeds_dir, docs)
    out = tmp_path / "out"
    policykg.build_corpus([docs], out, jobs=1, views=False)
    changed = sorted(docs.glob("*.txt"))[0]
    changed.write_text(changed.read_text("utf-8") + "\n（责任单位：区人社局）\n", "utf-8")
    report = policykg.build_corpus([docs], out, jobs=1, views=False)
    status = {d.source: d.status for d in report.documents}
    assert status[changed.stem] == "built"
    assert sorted(v for k, v in status.items() if k != changed.stem) == ["unchanged"] * 4


def test_removed_document_leaves_the_graph(seeds_dir: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(seeds_dir, docs)
    out = tmp_path / "out"
    policykg.build_corpus([docs], out, jobs=1, views=False)
    gone = sorted(docs.glob("*.txt"))[-1]
    gone.unlink()
    policykg.build_corpus([docs], out, jobs=1, views=False)
    assert not (out / "shards" / f"{gone.stem}.nq").exists()
    rows = policykg.run_query("task-owners", out).rows
    assert all(r["source"] != gone.stem for r in rows)


def test_bad_files_are_reported_by_name_and_the_rest_is_kept(
    seeds_dir: Path, tmp_path: Path
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    good = sorted(seeds_dir.glob("*.txt"))[3]
    shutil.copy(good, docs / good.name)
    (docs / "empty.txt").write_bytes(b"")
    (docs / "binary.txt").write_bytes(bytes(range(256)) * 40)
    shutil.copy(good, docs / "copy-of-the-same.txt")
    report = policykg.build_corpus([docs, tmp_path / "missing.txt"], tmp_path / "out", views=False)
    by_name = {Path(d.path).name: d for d in report.documents}
    assert by_name[good.name].status == "built"
    assert by_name["empty.txt"].status == "failed" and "empty" in by_name["empty.txt"].problem
    assert by_name["binary.txt"].status == "failed" and by_name["binary.txt"].problem
    assert by_name["missing.txt"].status == "failed"
    assert by_name["copy-of-the-same.txt"].status == "duplicate"
    assert (tmp_path / "out" / "shards" / f"{good.stem}.nq").exists()
    assert not list((tmp_path / "out").rglob("*.tmp"))
