"""Load test of the served endpoint: N concurrent clients for T seconds on loopback.

    .venv/bin/python bench/load.py --graph /tmp/pkb/graph-1000 --clients 32 --seconds 60

Each client runs the canned queries in turn over HTTP; reports requests, errors and latency
p50/p99, then checks the endpoint refused a SPARQL Update (it stays read-only).
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from policykg.graph.serve import Server

from policykg import queries

CHEAP = ("stats", "agency-workload", "unowned-tasks", "citations", "view-documents")


def client(
    url: str, texts: list[str], until: float, latencies: list[float], errors: list[str]
) -> None:
    i = 0
    while time.monotonic() < until:
        body = urllib.parse.urlencode({"query": texts[i % len(texts)]}).encode()
        request = urllib.request.Request(
            url,
            data=body,
            headers={
                "Accept": "application/sparql-results+json",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                response.read()
            latencies.append((time.perf_counter() - started) * 1000)
        except (urllib.error.URLError, OSError) as exc:
            errors.append(str(exc))
        i += 1


def refuses_update(server: Server) -> bool:
    body = urllib.parse.urlencode({"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}).encode()
    try:
        urllib.request.urlopen(urllib.request.Request(server.update_url, data=body), timeout=10)
    except urllib.error.HTTPError:
        return True
    except urllib.error.URLError:
        return True
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", type=Path, required=True)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    texts = [queries.load(name).text for name in CHEAP]
    latencies: list[float] = []
    errors: list[str] = []
    with Server(args.graph / "store") as server:
        until = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=client, args=(server.url, texts, until, latencies, errors))
            for _ in range(args.clients)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        read_only = refuses_update(server)
    latencies.sort()
    p99 = latencies[max(0, int(len(latencies) * 0.99) - 1)] if latencies else float("nan")
    p50 = statistics.median(latencies) if latencies else float("nan")
    print(
        f"{args.clients} clients, {args.seconds:g}s: {len(latencies)} answers, "
        f"{len(errors)} errors, p50 {p50:.1f} ms, p99 {p99:.1f} ms, read-only {read_only}"
    )


if __name__ == "__main__":
    main()
