"""Every format a portal publishes gives the facts of the plain-text version.

The fixtures in fixtures/formats/ were made with real tools from two sample documents
(see fixtures/make_formats.py): Word, PDF (LibreOffice), GB18030 / UTF-16 / UTF-8-BOM
text, a portal HTML page and its Traditional-script copy. Facts are compared as sets
(tasks by section path, owners by agency and role, indicators by value and unit), not by
offsets, and every fact's quote must be the file's own text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import opencc
import pytest
from policykg.builders import extract
from policykg.builders.errors import InputError
from policykg.builders.model import Facts

pytest.importorskip("pdfplumber")
pytest.importorskip("docx")

FORMATS = Path(__file__).parent / "fixtures" / "formats"
REFERENCE = {"qingpu": "qingpu.md", "nongji": "nongji.txt"}
VERSIONS = [
    ("qingpu.docx", "docx", "docx"),
    ("qingpu.pdf", "pdf", "pdf"),
    ("nongji.docx", "docx", "docx"),
    ("nongji.pdf", "pdf", "pdf"),
    ("nongji.gb18030.txt", "text", "gb18030"),
    ("nongji.utf16.txt", "text", "utf-16"),
    ("nongji.utf8bom.txt", "text", "utf-8-sig"),
    ("nongji.html", "html", "utf-8"),
    ("nongji.hant.html", "html", "utf-8"),
]


@cache
def _facts(name: str) -> Facts:
    return extract(FORMATS / name)


def _fact_sets(facts: Facts) -> dict[str, set[tuple]]:
    # a task outside the numbering (a table row) is keyed by offset: name it by its heading
    task = {t.key: t.section or t.heading for t in facts.tasks}
    return {
        "tasks": {(t.section or t.heading,) for t in facts.tasks},
        "owners": {(task.get(o.task, o.task), o.agency.key, o.role) for o in facts.owners},
        "indicators": {(task.get(i.task, i.task), i.value, i.unit) for i in facts.indicators},
        "tables": {(t.columns, len(t.rows)) for t in facts.document.tables},
    }


@pytest.mark.parametrize(("name", "fmt", "encoding"), VERSIONS, ids=[v[0] for v in VERSIONS])
def test_every_format_gives_the_facts_of_the_text_version(
    name: str, fmt: str, encoding: str
) -> None:
    facts = _facts(name)
    reference = _facts(REFERENCE[name.split(".")[0]])
    assert (facts.document.source.format, facts.document.source.encoding) == (fmt, encoding)
    assert facts.warnings == ()
    found, expected = _fact_sets(facts), _fact_sets(reference)
    assert expected["tasks"] and expected["owners"] and expected["indicators"]
    for kind in ("tasks", "owners", "indicators", "tables"):
        assert found[kind] == expected[kind], kind
    # the quote behind every owner and indicator is the file's own text
    source = facts.document.source
    for span in [o.span for o in facts.owners] + [i.span for i in facts.indicators]:
        assert _squash(source.quote(span)) == _squash(source.clean(span))


_T2S = opencc.OpenCC("t2s")


def _squash(text: str) -> str:
    text = unicodedata.normalize("NFKC", _T2S.convert(text))
    return re.sub(r"<[^>]*>|&\w+;|\*\*|\s", "", text)


def test_portal_metadata_block_fills_the_document_metadata() -> None:
    for name in ("nongji.html", "nongji.hant.html"):
        document = _facts(name).document
        assert dict(document.source.front_matter)["发文机关"] == "国务院"
        meta = document.meta
        assert meta.title == "国务院关于加快推进农业机械化和农机装备产业转型升级的指导意见"
        # the page body has no number line: it comes from the 发文字号 field
        assert "42号" not in document.source.text[:200]
        assert (meta.doc_number, meta.issuers, meta.date_signed) == (
            "国发〔2018〕42号",
            ("国务院",),
            "2018-12-12",
        )
        assert dict(meta.extra)["发布日期"] == "2018-12-29"
        assert dict(meta.extra)["索引号"] == "000014349/2018-00201"
        assert "首页" not in document.source.text and "版权所有" not in document.source.text


def test_pdf_running_header_page_numbers_and_split_table_row() -> None:
    text = _facts("nongji.pdf").document.source.text
    title = "国务院关于加快推进农业机械化和农机装备产业转型升级的指导意见"
    assert text.count(title) == 1  # the running header on every page is gone
    assert "—" not in text.replace("——", "")  # so are the "— 2 —" footers
    (table,) = _facts("qingpu.pdf").document.tables
    # row 2 is broken by a page break in the PDF; it is one row again
    assert [r.cells[1:3] for r in table.rows] == [
        ("加大纾困减负力度", "区发展改革委"),
        ("实施稳岗专项政策", "区人力资源社会保障局"),
        ("指导企业规范用工", "区人力资源社会保障局"),
    ]


def test_docx_table_stays_at_its_place_in_the_text() -> None:
    for name in ("qingpu.md", "qingpu.docx", "qingpu.pdf"):
        document = _facts(name).document
        (table,) = document.tables
        assert document.section_at(table.span.start).path == "3.3", name


def _truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


BAD = [
    ("scanned.pdf", None, "no text layer"),
    ("encrypted.pdf", None, "encrypted"),
    ("nongji.pdf", _truncated, "truncated"),
    ("qingpu.docx", _truncated, "not a readable DOCX"),
    ("nongji.txt", lambda d: d[:300] + b"\x00\x00" + d[300:], "NUL"),
    ("nongji.html", lambda d: re.sub(rb"<p .*?</p>", b"", d), "no article text"),
]


@pytest.mark.parametrize(("name", "damage", "problem"), BAD, ids=[b[2] for b in BAD])
def test_unreadable_files_raise_input_error_naming_file_and_problem(
    tmp_path: Path, name: str, damage, problem: str  # type: ignore[no-untyped-def]
) -> None:
    data = (FORMATS / name).read_bytes()
    path = tmp_path / name
    path.write_bytes(damage(data) if damage else data)
    with pytest.raises(InputError) as err:
        extract(path)
    assert err.value.path == str(path)
    assert problem in err.value.problem


def test_damaged_gb18030_bytes_are_replaced_with_a_warning_naming_the_offset(
    tmp_path: Path,
) -> None:
    data = (FORMATS / "nongji.gb18030.txt").read_bytes()
    at = data.index("农机装备总量".encode("gb18030"))
    path = tmp_path / "damaged.txt"
    path.write_bytes(data[:at] + b"\xff" + data[at:])
    facts = extract(path)
    assert facts.document.source.encoding == "gb18030"
    assert facts.warnings == (f"{path}: invalid gb18030 bytes replaced by U+FFFD at byte {at}",)
    assert "\ufffd农机装备总量" in facts.document.source.text
    reference = _fact_sets(_facts("nongji.txt"))
    assert _fact_sets(facts)["tasks"] == reference["tasks"]


def test_mostly_invalid_gb18030_is_refused(tmp_path: Path) -> None:
    data = (FORMATS / "nongji.gb18030.txt").read_bytes()[:2000]
    path = tmp_path / "garbage.txt"
    path.write_bytes(b"".join(data[k : k + 20] + b"\xff\x80" for k in range(0, 2000, 20)))
    with pytest.raises(InputError, match="neither UTF-8 nor GB18030"):
        extract(path)
