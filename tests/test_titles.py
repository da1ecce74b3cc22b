"""Document titles on real documents: the heading before the body, or the portal's 标题.

The seeds and dev documents are the repo's and the evaluation's; gov-raw is 54 gov.cn pages
whose 标题 field says what the title is, and whose printed heading is often wrapped over
two or three lines.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from policykg.builders import ingest, metadata, structure
from policykg.builders.model import DocumentMeta

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
GOV_RAW = sorted((SHARED / "gov-raw").glob("*.html"))
NUMBERED_PART = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十\d]+\)|\d+[.、])")

# the title each document prints; "" where the text prints none (a newsletter page, a
# document whose file starts at its 文号)
EXPECTED = {
    "000_e8fa41260055c05f": "",
    "001_216316fd70298f11": "",
    "002_ab5297cfb2c8d4aa": "上海“十四五”就业与社保规划:将新增20万高技能人才",
    "003_3d31144a4b974985":
        "上海市青浦区人民政府关于做好我区当前和今后一个时期稳就业工作的实施意见",
    "004_b5005d3af43a46d5": "普陀区就业和社会保障“十四五”规划",
    "guizhou-2015-jycy": "",
    "jiangmen-2023-gxbys": "2023年江门市高校毕业生就业创业十大行动方案",
    "liaoning-2015-jycy": "",
    "national-2018-gf42-nongji": "国务院关于加快推进农业机械化和农机装备产业转型升级的指导意见",
    "xian-2022-14wjy": "西安市“十四五”就业促进实施方案",
}


def read(path: Path, *, portal: bool = True) -> DocumentMeta:
    source = ingest.read(path)
    if not portal:
        source = replace(source, front_matter=())
    return metadata.read(structure.parse(source))


def corpus_file(stem: str) -> Path:
    for folder in (ROOT / "corpus" / "seeds", SHARED / "seeds", SHARED / "dev"):
        if (folder / f"{stem}.txt").is_file():
            return folder / f"{stem}.txt"
    pytest.skip(f"{stem}.txt is not beside the checkout")


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_seed_and_dev_titles(stem: str) -> None:
    assert read(corpus_file(stem)).title == EXPECTED[stem]


def test_the_gov_pages_are_there() -> None:
    if not SHARED.is_dir():
        pytest.skip("shared/corpus is not beside the checkout")
    assert len(GOV_RAW) == 54


@pytest.mark.parametrize("page", GOV_RAW, ids=lambda p: p.stem)
def test_a_gov_page_takes_the_portal_title(page: Path) -> None:
    front = dict(ingest.read(page).front_matter)
    assert read(page).title == front["标题"]


@pytest.mark.parametrize("page", GOV_RAW, ids=lambda p: p.stem)
def test_without_the_portal_block_the_printed_heading_gives_the_same_title(page: Path) -> None:
    """The heading lines are joined however the page wraps them; a notice publishing a plan
    keeps its own title apart and is titled by the plan it publishes."""
    portal = dict(ingest.read(page).front_matter)["标题"]
    meta = read(page, portal=False)
    if meta.title != portal:
        assert "关于印发" in portal and dict(meta.extra)["notice_title"] == portal
        assert meta.title and meta.title in portal


def test_numbered_parts_and_closing_formulas_are_never_titles() -> None:
    text = ("黔府发〔2015〕29号\n各市、自治州人民政府:\n为做好就业工作,现提出以下意见:\n"
            "一、实施就业优先战略\n(一)稳定就业。各地要稳定就业。\n二、主要措施\n"
            "(一)加强培训。各地要加强培训。\n特此通知\n贵州省人民政府\n2015年6月1日\n")
    meta = metadata.read(structure.parse(ingest.from_text(text, "guizhou")))
    assert meta.title == ""


def test_a_file_name_in_the_page_title_is_not_the_title() -> None:
    page = ("<html><head><title>gov-99.html</title></head><body><div>"
            "<p>国务院办公厅关于做好就业工作的通知</p><p>国办发〔2019〕9号</p>"
            "<p>各省、自治区、直辖市人民政府:</p><p>为做好就业工作,现通知如下。各地要稳定就业,"
            "扩大就业规模,改善就业结构,加强职业培训,落实就业政策,做好重点群体就业工作。</p>"
            "</div></body></html>")
    meta = metadata.read(structure.parse(ingest.from_text(page, "gov-99", ".html")))
    assert meta.title == "国务院办公厅关于做好就业工作的通知"


@pytest.mark.parametrize("page", GOV_RAW, ids=lambda p: p.stem)
def test_no_title_is_a_numbered_part_or_a_file_name(page: Path) -> None:
    for portal in (True, False):
        title = read(page, portal=portal).title
        assert not NUMBERED_PART.match(title) and not title.startswith("特此")
        assert page.stem not in title and not title.endswith(".html")
