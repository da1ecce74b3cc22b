"""Time two versions of canned queries on the same graph, runs interleaved (A, B, A, B …), so
a machine shared with other work slows both alike.

    .venv/bin/python bench/ab_queries.py --graph /tmp/pkbench/graph-1000 --before REV \\
        tasks-of-agency tasks-for-group implied-owners

"before" is the ``.rq`` text at git revision REV, run as it is with its parameter bound (the
old lookups were written for Oxigraph's union default graph, which the embedded store keeps);
"after" is the current query run as ``policykg query`` runs it (``queries.run``: parameter
lookup included). Parameters are taken as bench/run.py takes them: the unit with the most
tasks and the first group of task-groups, by IRI; ``--by-name`` uses their labels instead.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import time
from pathlib import Path

from policykg.graph.store import EmbeddedStore

from policykg import queries

ROOT = Path(__file__).resolve().parent.parent


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, max(0, round(len(ordered) * 0.95) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", type=Path, required=True)
    parser.add_argument("--before", required=True, help="git revision of the old .rq files")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--by-name", action="store_true", help="parameters as labels")
    parser.add_argument("names", nargs="+")
    args = parser.parse_args()
    with EmbeddedStore(args.graph / "store", read_only=True) as store:
        top = queries.run(store, "agency-workload")[0]
        group = queries.run(store, "task-groups")[0]
        sample = ({"agency": top["unit_label"], "group": group["group_label"]} if args.by_name
                  else {"agency": top["unit"], "group": group["group"]})
        print(f"parameters: {sample}")
        print("| query | before p50 | before p95 | after p50 | after p95 | rows before/after |")
        print("|---|---|---|---|---|---|")
        for name in args.names:
            old = subprocess.run(["git", "show", f"{args.before}:queries/{name}.rq"], cwd=ROOT,
                                 capture_output=True, text=True, check=True).stdout
            canned = queries.load(name)
            params = {p: sample[p] for p in canned.params}
            bindings = {p: queries.bind(v) for p, v in params.items()}
            before_rows = len(store.query(old, bindings)[1])  # warm both once, untimed
            after_rows = len(queries.run(store, canned, params))
            before: list[float] = []
            after: list[float] = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                store.query(old, bindings)
                before.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                queries.run(store, canned, params)
                after.append((time.perf_counter() - started) * 1000)
            print(f"| {name} | {statistics.median(before):.1f} | {p95(before):.1f} "
                  f"| {statistics.median(after):.1f} | {p95(after):.1f} "
                  f"| {before_rows}/{after_rows} |")


if __name__ == "__main__":
    main()
