"""Owners and agencies: measure text in, who carries it out (and as which node) out.

tests/cases/owners/*.txt: header lines (``# issuer:``, ``# number:``, ``# title:``), the
document text with one measure per paragraph, ``# expect``, then one row per owner:
measure number, mention as written, role, full name of the agency node, then the
fields named by ``# columns:`` (deadline, kind, level). With ``# file: .html`` (or .md,
.txt) the text is a whole document read like any input file: its tasks are found by
builders/tasks.py and the first column is the task's section. ``# xfail:`` names a gap
of an earlier stage that keeps a case from passing yet.
tests/cases/agencies/*.txt: header lines, one mention per line, ``# expect``, then
mention, node key, full name, level.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from policykg.builders import agencies, ingest, metadata, structure, tasks
from policykg.builders.model import Document, DocumentMeta, Source, Span, Task
from policykg.builders.naming import resolve

CASES = Path(__file__).parent / "cases"
OWNER_CASES = sorted((CASES / "owners").glob("*.txt"))
NAME_CASES = sorted((CASES / "agencies").glob("*.txt"))


def _read(path: Path) -> tuple[DocumentMeta, str, list[list[str]]]:
    meta, text, rows, _ = _read_case(path)
    return meta, text, rows


def _read_case(path: Path) -> tuple[DocumentMeta, str, list[list[str]], dict[str, str]]:
    text, expect = path.read_text("utf-8").split("# expect\n")
    head = {}
    body = []
    for line in text.splitlines():
        if line.startswith("# ") and ":" in line:
            key, value = line[2:].split(":", 1)
            head[key.strip()] = value.strip()
        else:
            body.append(line)
    meta = DocumentMeta(
        title=head.get("title", ""),
        issuers=(head["issuer"],) if "issuer" in head else (),
        doc_number=head.get("number", ""),
    )
    rows = [line.split("\t") for line in expect.splitlines() if line.strip()]
    return meta, "\n".join(body).strip() + "\n", rows, head


def _document(text: str, meta: DocumentMeta) -> Document:
    source = Source(id="case", path="case.txt", raw=text, text=text,
                    offsets=tuple(range(len(text) + 1)))
    return Document(source, meta, (), (), (), ())


def _paragraph_tasks(text: str) -> tuple[Task, ...]:
    tasks, start = [], 0
    for i, para in enumerate(text.split("\n\n"), start=1):
        tasks.append(Task(str(i), str(i), "", Span(start, start + len(para))))
        start += len(para) + 2
    return tuple(tasks)


@pytest.mark.parametrize("path", OWNER_CASES, ids=[p.stem for p in OWNER_CASES])
def test_owner_case(path: Path, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    meta, text, expected, head = _read_case(path)
    if "xfail" in head:  # a known gap of an earlier stage, named in the case
        request.applymarker(pytest.mark.xfail(reason=head["xfail"], strict=False))
    if "file" in head:
        file = tmp_path / ("doc" + head["file"])
        file.write_text(text, "utf-8")
        document = structure.parse(ingest.read(file))
        document = replace(document, meta=metadata.read(document))
        found = tasks.find(document)
        label = {t.key: t.section for t in found}
    else:
        document = _document(text, meta)
        found = _paragraph_tasks(text)
        label = {t.key: t.key for t in found}
    owners = agencies.find_owners(document, found)
    explicit = [o for o in owners if not o.implicit]
    extra = head.get("columns", "").split()
    got = [[label[o.task], o.mention, o.role, o.agency.name,
            *(str(getattr(o, c, "") or getattr(o.agency, c, "")) for c in extra)]
           for o in explicit]
    assert got == expected
    for o in explicit:
        assert document.source.text[o.span.start : o.span.end] == o.mention


@pytest.mark.parametrize("path", NAME_CASES, ids=[p.stem for p in NAME_CASES])
def test_name_case(path: Path) -> None:
    meta, text, expected = _read(path)
    where = agencies.jurisdiction(_document(text, meta))
    got = []
    for mention in text.split():
        agency = resolve(mention, where)
        got.append([mention, agency.key, agency.name, agency.level])
    assert got == [[*row, ""][:4] for row in expected]


def test_same_unit_is_one_node_across_documents() -> None:
    qingpu = DocumentMeta(issuers=("上海市青浦区人民政府",))
    district = _document("（责任单位：区人社局）\n", qingpu)
    city = _document("市人力资源社会保障局将出台政策。\n", DocumentMeta(title="上海市就业工作"))
    a = agencies.find_owners(district, (Task("1", "1", "", Span(0, 11)),))[0].agency
    b = agencies.find_owners(city, (Task("s0", "", "", Span(0, 16)),))[0].agency
    assert a.counterpart == b.key == "上海市/人力资源和社会保障局"
    assert b.counterpart == "中华人民共和国/人力资源和社会保障部"


def test_a_bureaus_plan_is_owned_by_the_bureau() -> None:
    text = "加大职业培训力度，完善补贴政策。\n"
    meta = DocumentMeta(issuers=("上海市普陀区人力资源和社会保障局",))
    owners = agencies.find_owners(_document(text, meta), (Task("1", "1", "", Span(0, 16)),))
    assert [(o.agency.name, o.implicit) for o in owners] == [
        ("上海市普陀区人力资源和社会保障局", True)
    ]


def test_lists_before_the_rule_stay_plain() -> None:
    text = (
        "甲。（财政部、商务部等负责）\n\n"
        "乙。（财政部、商务部等负责，列第一位者为牵头单位）\n\n"
        "丙。（财政部、商务部等负责）\n"
    )
    owners = agencies.find_owners(_document(text, DocumentMeta(doc_number="国发〔2020〕1号")),
                                  _paragraph_tasks(text))
    # without 下同 the rule holds for its own list only
    assert [(o.task, o.role) for o in owners] == [
        ("1", "responsible"), ("1", "responsible"), ("2", "lead"), ("2", "co"),
        ("3", "responsible"), ("3", "responsible"),
    ]



def _where(issuer: str) -> agencies.Jurisdiction:
    return agencies.jurisdiction(_document("\n", DocumentMeta(issuers=(issuer,))))


def test_counterparts_link_a_district_unit_up_to_the_ministry() -> None:
    district = resolve("区人社局", _where("广东省广州市天河区人民政府"))
    city = resolve("市人力资源和社会保障局", _where("广州市人民政府"))
    province = resolve("省人社厅", _where("广东省人民政府"))
    ministry = resolve("人社部", _where("国务院"))
    assert district.counterpart == city.key == "广东省/广州市/人力资源和社会保障局"
    assert city.counterpart == province.key == "广东省/人力资源和社会保障厅"
    assert province.counterpart == ministry.key == "中华人民共和国/人力资源和社会保障部"
    # a 直辖市 stands at the provincial level: its district's unit links to the city's
    qingpu = resolve("区人社局", _where("上海市青浦区人民政府"))
    shanghai = resolve("市人社局", _where("上海市人民政府"))
    assert qingpu.counterpart == shanghai.key
    assert shanghai.counterpart == ministry.key
    # a line named differently per level: a city's 卫健局 → the province's 卫健委
    assert resolve("市卫健局", _where("广州市人民政府")).counterpart == resolve(
        "省卫健委", _where("广东省人民政府")).key


def test_names_the_gazetteer_lacks_are_kept_as_written_and_reported() -> None:
    text = "深化审批改革。（区审改办、区交运局、区财政局负责）\n"
    meta = DocumentMeta(issuers=("上海市青浦区人民政府",))
    reading = agencies.read_owners(_document(text, meta), _paragraph_tasks(text))
    assert [o.agency.name for o in reading.owners] == [
        "区审改办", "区交运局", "上海市青浦区财政局"]
    # kept as written, still placed: one node per district whatever the document
    assert reading.owners[0].agency.key == "上海市/青浦区/审改办"
    assert [(n.mention, n.note.split(":")[0]) for n in reading.notes] == [
        ("区审改办", "abbreviation not in the gazetteer"),
        ("区交运局", "abbreviation not in the gazetteer")]
    for note in reading.notes:
        assert text[note.span.start : note.span.end] == note.mention


def test_a_document_naming_no_place_keeps_its_units_unplaced_and_says_so() -> None:
    text = "做好就业服务。（区人社局、区财政局负责）\n"
    reading = agencies.read_owners(_document(text, DocumentMeta()), _paragraph_tasks(text))
    assert [o.agency.key for o in reading.owners] == ["?case/区人社局", "?case/区财政局"]
    assert [n.note for n in reading.notes] == [
        "unplaced: the document names no place for this unit"] * 2
