"""The command line: each command on the built seeds, and its exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from policykg.cli import app

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_query_prints_csv_with_the_gold_columns(built_graph: Path) -> None:
    code, out = invoke("query", "task-owners", "--graph", str(built_graph), "--format", "csv")
    assert code == 0
    table = list(csv.DictReader(io.StringIO(out)))
    assert list(table[0]) == ["source", "section", "task", "unit", "unit_label", "role"]
    assert len(table) > 100


def test_query_binds_a_parameter(built_graph: Path) -> None:
    agency = "上海市青浦区人力资源和社会保障局"
    code, out = invoke(
        "query",
        "tasks-of-agency",
        "-g",
        str(built_graph),
        "--param",
        f"agency={agency}",
        "-f",
        "json",
    )
    assert code == 0
    found = json.loads(out)
    assert found and all(row["agency"] == agency for row in found)


def test_query_runs_sparql_text_and_rq_files(built_graph: Path, tmp_path: Path) -> None:
    text = (
        "PREFIX pkg: <https://w3id.org/policykg/ontology#> "
        "SELECT (COUNT(*) AS ?n) { ?t a pkg:Task }"
    )
    code, out = invoke("query", "--sparql", text, "-g", str(built_graph), "-f", "csv")
    assert code == 0 and int(out.splitlines()[1]) > 40
    (tmp_path / "count.rq").write_text(text, "utf-8")
    code, again = invoke("query", str(tmp_path / "count.rq"), "-g", str(built_graph), "-f", "csv")
    assert code == 0 and again == out


def test_unknown_query_and_missing_graph_exit_2_with_a_message(
    built_graph: Path, tmp_path: Path
) -> None:
    code, out = invoke("query", "no-such-query", "-g", str(built_graph))
    assert code == 2 and "no-such-query" in out
    code, out = invoke("query", "task-owners", "-g", str(tmp_path / "nothing"))
    assert code == 2 and "no graph built" in out


def test_queries_lists_every_canned_query_with_parameters() -> None:
    code, out = invoke("queries")
    assert code == 0
    for name in ("task-owners", "indicators", "task-groups", "agency-workload", "tasks-of-agency"):
        assert name in out
    assert "agency" in out


def test_stats_and_validate(built_graph: Path) -> None:
    code, out = invoke("stats", "-g", str(built_graph))
    assert code == 0 and "tasks" in out and "indicators" in out
    code, out = invoke("validate", "-g", str(built_graph))
    assert code == 0, out


def test_build_exit_status_says_whether_a_document_failed(seeds_dir: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    good = sorted(seeds_dir.glob("*.txt"))[2]
    (docs / good.name).write_bytes(good.read_bytes())
    code, _ = invoke("build", str(docs), "--out", str(tmp_path / "ok"), "--no-views")
    assert code == 0
    (docs / "empty.txt").write_bytes(b"")
    code, out = invoke("build", str(docs), "--out", str(tmp_path / "bad"), "--no-views")
    assert code == 1 and "empty.txt" in out


def test_installed_program_runs(built_graph: Path) -> None:
    """The console script and python -m policykg are the same program."""
    exe = Path(sys.executable).with_name("policykg")
    for cmd in ([str(exe)], [sys.executable, "-m", "policykg"]):
        done = subprocess.run(
            [*cmd, "stats", "--graph", str(built_graph)], capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        assert "documents" in done.stdout


def test_query_pages_through_a_long_listing(built_graph: Path) -> None:
    base = ["query", "task-owners", "-g", str(built_graph), "-f", "csv"]
    _, whole = invoke(*base)
    code, page = invoke(*base, "--limit", "5", "--offset", "10")
    assert code == 0
    assert page.splitlines() == [whole.splitlines()[0], *whole.splitlines()[11:16]]


def run_policykg(*args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("policykg")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=120)


def test_serve_on_a_port_out_of_range_is_a_usage_error(built_graph: Path) -> None:
    done = run_policykg("serve", "--graph", str(built_graph), "--port", "99999")
    assert done.returncode == 2
    assert "--port" in done.stderr and "65535" in done.stderr
    assert "Traceback" not in done.stderr


def test_build_on_a_missing_path_names_it_and_builds_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    done = run_policykg("build", str(missing), "--out", str(tmp_path / "out"), "--no-views")
    assert done.returncode == 2
    assert str(missing) in done.stderr and "no such file or folder" in done.stderr
    assert not (tmp_path / "out" / "report.json").exists()


def test_a_param_without_an_equals_sign_is_a_usage_error(built_graph: Path) -> None:
    done = run_policykg("query", "tasks-of-agency", "--graph", str(built_graph),
                        "--param", "agency")
    assert done.returncode == 2
    assert "'agency' is not key=value" in done.stderr
    assert "Traceback" not in done.stderr


def test_version_is_the_installed_version() -> None:
    from importlib.metadata import version

    done = run_policykg("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"policykg {version('policykg')}"


def test_json_output_has_numbers_as_numbers(built_graph: Path) -> None:
    code, out = invoke("query", "agency-workload", "-g", str(built_graph), "-f", "json")
    assert code == 0
    top = json.loads(out)[0]
    assert isinstance(top["tasks"], int) and isinstance(top["lead"], int)
    assert isinstance(top["unit_label"], str)
    _, out = invoke("query", "indicators", "-g", str(built_graph), "-f", "json")
    values = [row["value"] for row in json.loads(out)]
    assert 400000 in values and all(isinstance(v, int | float) for v in values)
