"""Hard inputs: every bad file is named in build/report.json with a reason, the rest builds.

The small files are in tests/fixtures/bad/ (made by tests/fixtures/make_bad.py); the big ones
are written here, in tmp_path, at test time.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policykg.cli import app
from policykg.pipeline import MAX_DOCUMENT_BYTES, DocumentResult, build

BAD = Path(__file__).parent / "fixtures" / "bad"
GOOD = (
    "一、加强组织领导\n"
    "（一）落实就业政策。支持高校毕业生就业。（责任单位：市人力资源社会保障局）\n"
)


def _report(out: Path) -> dict[str, dict]:
    body = json.loads((out / "report.json").read_text("utf-8"))
    return {Path(d["path"]).name: d for d in body["documents"]}


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict[str, dict]]:
    out = tmp_path_factory.mktemp("bad") / "out"
    result = CliRunner().invoke(app, ["build", str(BAD), "--out", str(out), "--no-views"])
    return result.exit_code, _report(out)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("truncated.pdf", "truncated"),
        ("encrypted.pdf", "encrypted"),
        ("scanned.pdf", "no text layer"),
        ("corrupt.docx", "DOCX"),
        ("nobody.html", "no article text"),
    ],
)
def test_unreadable_file_fails_with_its_reason(bad_build, name: str, reason: str) -> None:
    _, docs = bad_build
    assert docs[name]["status"] == "failed"
    assert reason in docs[name]["problem"]
    assert docs[name]["counts"] == {}  # nothing of it was kept


@pytest.mark.parametrize("name", ["bad-bytes.gb18030.txt", "nul.txt"])
def test_damaged_text_is_reported_not_crashed(bad_build, name: str) -> None:
    _, docs = bad_build
    doc = docs[name]
    # either read (with a warning about the damage) or failed with a reason: never silent
    assert (doc["status"] == "built") or (doc["status"] == "failed" and doc["problem"])


def test_duplicate_documents_are_built_once(bad_build) -> None:
    _, docs = bad_build
    statuses = sorted(docs[n]["status"] for n in ("good.txt", "good-copy.txt"))
    assert statuses == ["built", "duplicate"]
    pair = ("good.txt", "good-copy.txt")
    duplicate = next(docs[n] for n in pair if docs[n]["status"] == "duplicate")
    assert "same content as" in duplicate["problem"]


def test_build_goes_on_and_exits_1(bad_build) -> None:
    exit_code, docs = bad_build
    assert exit_code == 1
    built = [d for d in docs.values() if d["status"] == "built"]
    assert built and all(d["counts"]["tasks"] >= 1 for d in built)


def test_oversized_file_is_refused_quickly(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    big = corpus / "huge.txt"
    line = ("为进一步做好就业工作，现提出如下意见。" * 20 + "\n").encode("utf-8")
    with big.open("wb") as fh:
        for _ in range(100 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    (corpus / "small.txt").write_text(GOOD, encoding="utf-8")
    started = time.perf_counter()
    report = build([corpus], tmp_path / "out", jobs=1, answers=False)
    assert time.perf_counter() - started < 60
    docs = {Path(d.path).name: d for d in report.documents}
    assert docs["huge.txt"].status == "failed"
    assert f"{MAX_DOCUMENT_BYTES // (1 << 20)} MB" in docs["huge.txt"].problem
    assert docs["small.txt"].status == "built"


def _many_items(tmp_path: Path) -> DocumentResult:
    corpus = tmp_path / "in"
    corpus.mkdir()
    items = "".join(
        f"{i}.落实第{i}项措施。支持高校毕业生就业。（责任单位：市人力资源社会保障局）\n"
        for i in range(1, 5001)
    )
    (corpus / "many.txt").write_text("一、主要任务\n" + items, encoding="utf-8")
    started = time.perf_counter()
    report = build([corpus], tmp_path / "out", jobs=1, answers=False)
    assert time.perf_counter() - started < 120
    (doc,) = report.documents
    return doc


def test_five_thousand_numbered_items_build_in_bounded_time(tmp_path: Path) -> None:
    assert _many_items(tmp_path).status == "built"


def test_five_thousand_numbered_items_are_five_thousand_tasks(tmp_path: Path) -> None:
    assert _many_items(tmp_path).counts["tasks"] == 5000


def test_a_copy_under_two_names_in_two_folders(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copyfile(BAD / "good.txt", tmp_path / folder / f"{folder}-policy.txt")
    report = build([tmp_path / "a", tmp_path / "b"], tmp_path / "out", jobs=1, answers=False)
    assert sorted(d.status for d in report.documents) == ["built", "duplicate"]
