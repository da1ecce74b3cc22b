"""A build killed midway (kill -9) leaves the previous graph usable, and a rebuild completes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from policykg.graph.store import EmbeddedStore

from policykg import queries
from policykg.pipeline import build

sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
from generate import generate


def _answers(out: Path) -> dict[str, int]:
    with EmbeddedStore(out / "store", read_only=True) as store:
        return {name: len(queries.run(store, name)) for name in ("task-owners", "stats")}


def test_kill_9_midway_keeps_the_previous_graph(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    generate(first, 5, seed=1)
    out = tmp_path / "graph"
    build([first], out, jobs=1)
    before = _answers(out)
    assert before["task-owners"] > 0

    generate(second, 300, seed=2)
    cmd = [sys.executable, "-m", "policykg", "build", str(second), "--out", str(out),
           "--no-views"]
    process = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    time.sleep(1.5)
    os.killpg(process.pid, signal.SIGKILL)  # the build and its workers, nothing else
    process.wait(timeout=30)

    # the folder still opens read-only and answers every canned query it answered before
    assert _answers(out).keys() == before.keys()
    report = build([second], out, jobs=1)
    assert not report.failed
    assert {d.status for d in report.documents} <= {"built", "unchanged"}
    assert _answers(out)["task-owners"] > 0
