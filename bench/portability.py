"""Row counts of every canned query on each SPARQL engine the graph travels to.

    .venv/bin/python bench/portability.py --graph /tmp/d-sd [--results bench/PORTABILITY.md]

For a built graph folder: the embedded store (pyoxigraph, as ``policykg query``); a plain
Oxigraph server over the store folder (``oxigraph serve-read-only`` without
``--union-default-graph``); an empty plain Oxigraph server the graph was pushed to with
``policykg push`` (documents, summary and vocabularies); and the rdflib Dataset of
``policykg.load_graph`` (no ``default_union``). Parameters: agency=区人社局, group=youth.
A column whose rows differ from the embedded store's is marked with "≠".
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from policykg.graph.notebook import DatasetStore
from policykg.graph.remote import RemoteStore
from policykg.graph.serve import Server

import policykg
from policykg import queries

PARAMS = {"agency": "区人社局", "group": "youth", "text": "高校毕业生"}  # text: view-search
POLICYKG = Path(sys.executable).parent / "policykg"


def params_of(query: queries.CannedQuery) -> dict[str, str]:
    return {name: PARAMS[name] for name in query.params}


def answers(store: object) -> dict[str, list[dict[str, str]]]:
    return {q.name: queries.run(store, q, params_of(q))  # type: ignore[arg-type]
            for q in queries.list_queries()}


def measure(graph: Path) -> dict[str, dict[str, list[dict[str, str]]]]:
    found: dict[str, dict[str, list[dict[str, str]]]] = {}
    with policykg.open_store(graph) as store:
        found["embedded Oxigraph"] = answers(store)
    with Server(graph / "store", union_default_graph=False) as server:
        found["served Oxigraph (store folder)"] = answers(RemoteStore(server.url))
    with tempfile.TemporaryDirectory() as folder, Server(
        Path(folder) / "remote", read_only=False, union_default_graph=False
    ) as server:
        subprocess.run([str(POLICYKG), "push", "--endpoint", server.store_url, "--graph",
                        str(graph)], check=True, capture_output=True, timeout=600)
        found["served Oxigraph (pushed)"] = answers(RemoteStore(server.url))
    started = time.perf_counter()
    found["rdflib Dataset"] = answers(DatasetStore(policykg.load_graph(graph)))
    print(f"rdflib: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return found


def table(found: dict[str, dict[str, list[dict[str, str]]]]) -> str:
    engines = list(found)
    reference = found[engines[0]]
    lines = ["| query | " + " | ".join(engines) + " |", "|---" * (len(engines) + 1) + "|"]
    for name in sorted(reference):
        cells = []
        for engine in engines:
            rows = found[engine][name]
            cells.append(f"{len(rows)}" + ("" if rows == reference[name] else " ≠"))
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", type=Path, required=True, help="a folder written by build")
    parser.add_argument("--results", type=Path, help="also write the table here (Markdown)")
    args = parser.parse_args()
    documents = len(list((args.graph / "shards").glob("*.nq")))
    text = (f"Rows of every canned query on a build of {documents} documents "
            f"(agency={PARAMS['agency']}, group={PARAMS['group']}; ≠ marks rows that differ "
            "from the embedded store's).\n\n" + table(measure(args.graph)))
    print(text)
    if args.results:
        args.results.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
