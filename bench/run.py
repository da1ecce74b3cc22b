"""Benchmark the build, the incremental rebuild, the views and the canned queries at scale.

    .venv/bin/python bench/run.py --sizes 100,1000,10000 --results bench/RESULTS.md

For each size: generate a corpus (bench/generate.py), build it in a subprocess, then report
wall time, documents/s, MB/s, triples/s, peak RSS, output size; the same-run reference
limits (raw read + decode, plain ``jieba.lcut``, same text, same number of processes) and the
build throughput as a share of them; an incremental rebuild after one document changes;
the time to regenerate the views; p50/p95 of every canned query, embedded and served.

Each size's build measures are kept in ``WORK/graph-N/bench.json``; ``--queries-only``
re-times the queries on those graphs (after a query rewrite) without building again.
Each query runs ``--repeat`` times or until ``--budget`` seconds are spent on it, so a
slow query on a large graph is timed fewer times (the table gives the count).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

ROOT = Path(__file__).resolve().parent.parent
POLICYKG = [sys.executable, "-m", "policykg"]
# the evaluation's scorer, beside the checkout; the bench scores the planted facts with it
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def _read(paths: list[str]) -> int:
    return sum(len(Path(p).read_bytes().decode("utf-8")) for p in paths)


def _jieba_init() -> None:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()


def _lcut(paths: list[str]) -> int:
    import jieba

    return sum(len(jieba.lcut(Path(p).read_text("utf-8"))) for p in paths)


def _chunks(files: list[Path], n: int) -> list[list[str]]:
    return [[str(f) for f in files[i::n]] for i in range(n)]


def reference(files: list[Path], jobs: int) -> dict[str, float]:
    """Seconds for the raw read + decode and for jieba.lcut (pool start and init included)."""
    parts = _chunks(files, jobs * 8)
    started = time.perf_counter()
    with Pool(jobs) as pool:
        pool.map(_read, parts)
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    with Pool(jobs, initializer=_jieba_init) as pool:
        pool.map(_lcut, parts)
    return {"read_s": read_s, "jieba_s": time.perf_counter() - started}


def run_build(corpus: Path, out: Path, jobs: int, *extra: str) -> tuple[float, dict]:
    started = time.perf_counter()
    cmd = [*POLICYKG, "build", str(corpus), "--out", str(out), "--jobs", str(jobs), *extra]
    done = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"build failed: {done.stderr[-2000:]}")
    return seconds, json.loads((out / "report.json").read_text("utf-8"))


def planted_recall(out: Path, gold: Path) -> str:
    """score.py's SCORE line for the answers against the facts the generator planted."""
    if not SCORER.is_file() or not gold.is_dir():
        return "not scored (no scorer or gold beside the checkout)"
    answers = out / "answers"
    done = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(gold),
         "--owners", str(answers / "task-owners.csv"),
         "--indicators", str(answers / "indicators.csv"),
         "--groups", str(answers / "task-groups.csv")], capture_output=True, text=True)
    lines = [line for line in done.stdout.splitlines() if line.startswith("SCORE")]
    return lines[-1] if lines else f"scorer failed: {done.stderr[-300:]}"


def peak_rss_mb() -> float:
    """Largest resident set of this process or any child it waited for (Linux: KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def du_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


Timing = tuple[float, float, int]  # p50 ms, p95 ms, runs


def query_times(
    run: object, names: list[tuple[str, dict[str, str]]], repeat: int, budget_s: float
) -> dict[str, Timing]:
    out = {}
    for name, params in names:
        try:
            run(name, params)  # type: ignore[operator]  # warm the caches once, untimed
        except Exception as exc:  # a query the server cut short is a result, not a crash
            print(f"{name}: {exc}", file=sys.stderr)
            out[name] = (float("nan"), float("nan"), 0)
            continue
        times: list[float] = []
        spent = 0.0
        while len(times) < repeat and spent < budget_s:
            started = time.perf_counter()
            run(name, params)  # type: ignore[operator]
            times.append((time.perf_counter() - started) * 1000)
            spent += times[-1] / 1000
        times.sort()
        p95 = times[min(len(times) - 1, max(0, round(len(times) * 0.95) - 1))]
        out[name] = (statistics.median(times), p95, len(times))
    return out


def canned(graph: Path) -> list[tuple[str, dict[str, str]]]:
    from policykg.graph.store import EmbeddedStore

    from policykg import queries

    with EmbeddedStore(graph / "store", read_only=True) as store:
        agency = queries.run(store, "agency-workload")[0]["unit"]
        group = (queries.run(store, "task-groups") or [{"group": ""}])[0]["group"]
    sample = {"agency": agency, "group": group, "text": "就业"}  # text: the full-text search
    return [(q.name, {p: sample[p] for p in q.params}) for q in queries.list_queries()]


def measure_queries(graph: Path, repeat: int, budget_s: float) -> dict[str, dict[str, Timing]]:
    from policykg.graph.remote import RemoteStore
    from policykg.graph.serve import Server
    from policykg.graph.store import EmbeddedStore

    from policykg import queries

    names = canned(graph)
    with EmbeddedStore(graph / "store", read_only=True) as store:
        embedded = query_times(lambda n, p: queries.run(store, n, p), names, repeat, budget_s)
    with Server(graph / "store") as server:
        remote = RemoteStore(server.url)
        served = query_times(lambda n, p: queries.run(remote, n, p), names, repeat, budget_s)
    return {"embedded": embedded, "served": served}


def bench(size: int, work: Path, jobs: int, views_timeout_s: float) -> dict:
    """Build measures of one size (no queries), also saved as ``graph-N/bench.json``."""
    corpus = work / f"corpus-{size}"
    if not corpus.exists():
        generate(corpus, size, gold=work / f"gold-{size}")
    files = sorted(corpus.glob("*.txt"))
    mb = sum(f.stat().st_size for f in files) / 1e6
    out = work / f"graph-{size}"
    shutil.rmtree(out, ignore_errors=True)
    build_s, report = run_build(corpus, out, jobs, "--no-views")
    rss = peak_rss_mb()  # before anything else starts a child
    score = planted_recall(out, work / f"gold-{size}")
    ref = reference(files, jobs)
    # one document changes: only it is extracted again
    changed = files[len(files) // 2]
    original = changed.read_text("utf-8")
    changed.write_text(original + "（一）加强督促检查。各地要及时报送进展。\n", encoding="utf-8")
    try:
        incremental_s, _ = run_build(corpus, out, 1, "--no-views")
    finally:
        changed.write_text(original, encoding="utf-8")
    started = time.perf_counter()
    try:
        subprocess.run([*POLICYKG, "viz", "--graph", str(out), "--out", str(out / "views")],
                       capture_output=True, check=False, timeout=views_timeout_s)
        views_s = time.perf_counter() - started
    except subprocess.TimeoutExpired:
        views_s = float("inf")  # the table says "> timeout"
    run_build(corpus, out, 1, "--no-views")  # back to the generated text for the queries
    shutil.rmtree(out / "views", ignore_errors=True)
    result = {"size": size, "mb": mb, "build_s": build_s, "triples": report["triples"],
              "rss_mb": rss, "out_mb": du_mb(out), "incremental_s": incremental_s,
              "views_s": views_s, "jobs": jobs, "score": score, **ref}
    (out / "bench.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return result


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    ram = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
               if line.startswith("MemTotal")) / 1024 / 1024
    python = platform.python_version()
    return f"{os.cpu_count()} cores (nproc), {cpu}, {ram:.1f} GB RAM, Python {python}"


def table(results: list[dict], jobs: int) -> str:
    lines = [f"Machine: {machine()}; build and references with {jobs} processes.", "",
             "| docs | MB | build s | docs/s | MB/s | triples/s | peak RSS MB | output MB "
             "| read+decode MB/s | jieba.lcut MB/s | build / jieba | build / read "
             "| incremental s | views s |",
             "|" + "---|" * 14]
    for r in results:
        mbps = r["mb"] / r["build_s"]
        views = f"{r['views_s']:.1f}" if r["views_s"] != float("inf") else "timed out"
        lines.append(
            f"| {r['size']} | {r['mb']:.1f} | {r['build_s']:.1f} | {r['size'] / r['build_s']:.1f} "
            f"| {mbps:.3f} | {r['triples'] / r['build_s']:.0f} | {r['rss_mb']:.0f} "
            f"| {r['out_mb']:.0f} | {r['mb'] / r['read_s']:.1f} | {r['mb'] / r['jieba_s']:.3f} "
            f"| {r['jieba_s'] / r['build_s']:.0%} | {r['read_s'] / r['build_s']:.1%} "
            f"| {r['incremental_s']:.1f} | {views} |")
    lines += ["", "Planted facts recovered (score.py on the generator's gold files):", ""]
    lines += [f"- {r['size']} documents: `{r.get('score', 'not scored')}`" for r in results]
    for r in results:
        lines += ["", f"Canned queries on {r['size']} documents, ms (p50 / p95, runs):", "",
                  "| query | embedded p50 | embedded p95 | served p50 | served p95 | runs |",
                  "|---|---|---|---|---|---|"]
        for name, (p50, p95, n) in r["queries"]["embedded"].items():
            s50, s95, m = r["queries"]["served"][name]
            lines.append(f"| {name} | {p50:.1f} | {p95:.1f} | {s50:.1f} | {s95:.1f} | {n}/{m} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description="policykg scale benchmark")
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--work", type=Path, default=Path("/tmp/policykg-bench"))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--budget", type=float, default=5.0, help="seconds per query at most")
    parser.add_argument("--queries-only", action="store_true",
                        help="time the queries on the graphs an earlier run built")
    parser.add_argument("--views-timeout", type=float, default=900, help="seconds")
    parser.add_argument("--build-only", action="store_true", help="skip the queries")
    parser.add_argument("--results", type=Path, help="write the table (Markdown) here")
    args = parser.parse_args()
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        saved = args.work / f"graph-{size}" / "bench.json"
        if args.queries_only:
            result = json.loads(saved.read_text("utf-8"))
        else:
            result = bench(size, args.work, args.jobs, args.views_timeout)
        print(json.dumps(result), flush=True)
        if args.build_only:
            continue
        result["queries"] = measure_queries(args.work / f"graph-{size}", args.repeat, args.budget)
        results.append(result)
    if args.build_only:
        return
    text = table(results, args.jobs)
    print(text)
    if args.results:
        args.results.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
