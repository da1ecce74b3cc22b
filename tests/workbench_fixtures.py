"""The workbench served by the real ``policykg serve`` command, stopped by PID."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from policykg.graph.serve import free_port

POLICYKG = Path(sys.executable).parent / "policykg"


@dataclass(frozen=True)
class Served:
    url: str  # http://127.0.0.1:PORT/
    pid: int

    @property
    def sparql(self) -> str:
        return self.url + "sparql"


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(p) for p in task.read_text().split()]
    return found


def run_serve(graph: Path, *extra: str) -> Iterator[Served]:
    """Start ``policykg serve`` over ``graph``; after the test, Ctrl-C (SIGINT) by PID and
    check that the Oxigraph child went with it."""
    port = free_port()
    command = [str(POLICYKG), "serve", "--graph", str(graph), "--port", str(port), *extra]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            raise RuntimeError(process.stdout.read().decode() if process.stdout else "exited")
        try:
            with urllib.request.urlopen(url + "index.html", timeout=2):
                break
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                process.kill()
                raise
            time.sleep(0.1)
    oxigraph = children(process.pid)
    try:
        yield Served(url, process.pid)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        for pid in oxigraph:
            deadline = time.monotonic() + 10
            while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
                time.sleep(0.1)
            assert not Path(f"/proc/{pid}").exists(), "the Oxigraph server outlived serve"
