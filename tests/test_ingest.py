"""Reading files: decoding, markup removal, normalization, and an exact offset map."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from policykg.builders import ingest
from policykg.builders.errors import InputError
from policykg.builders.model import Span

TEXT = "（一）着力稳定和扩大就业。城镇新增就业１２万人：\n"


@pytest.mark.parametrize(
    ("encoding", "prefix", "recorded"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
        ("utf-16", b"", "utf-16"),  # Python writes the BOM
        ("gb18030", b"", "gb18030"),
    ],
)
def test_decodes_and_records_encoding(
    tmp_path: Path, encoding: str, prefix: bytes, recorded: str
) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(prefix + TEXT.encode(encoding))
    source = ingest.read(path)
    assert source.encoding == recorded
    assert source.text == "(一)着力稳定和扩大就业。城镇新增就业12万人:"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty"),
        (b"  \n\n", "empty"),
        (b"PK\x03\x04\x00\x00binary", "binary"),
        (bytes([0xC3, 0x28, 0xA0, 0xA1, 0xFF, 0xFE, 0x80]) * 3, "GB18030"),
    ],
)
def test_unreadable_files_raise_input_error_naming_the_file(
    tmp_path: Path, data: bytes, problem: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        ingest.read(path)
    assert err.value.path == str(path)
    assert problem in err.value.problem


def test_nfkc_keeps_chinese_punctuation() -> None:
    source = ingest.from_text("根据《意见》（国发〔２０１５〕２３号）、“稳就业”。")
    assert source.text == "根据《意见》(国发〔2015〕23号)、“稳就业”。"


def test_traditional_is_converted_to_simplified_with_exact_offsets() -> None:
    source = ingest.from_text("江就辦〔2023〕1 號\n各縣(市、區)人民政府:")
    assert source.text == "江就办〔2023〕1号\n各县(市、区)人民政府:"
    start = source.text.index("1号")
    assert source.quote(Span(start, start + 2)) == "1 號"


def test_pinyin_glosses_inside_words_are_dropped_but_quoted() -> None:
    source = ingest.from_text("實施“網絡能（néng）力”提升行動(責任單位:省財政廳)。See (a) note.\n")
    assert source.text.startswith("实施“网络能力”提升行动")
    assert "(a)" in source.text  # a bracketed letter without a tone mark is not pinyin
    start = source.text.index("能力")
    assert source.quote(Span(start, start + 2)) == "能（néng）力"


def test_text_table_with_bars_becomes_tab_separated_rows() -> None:
    source = ingest.from_text("序号 | 任务 | 牵头单位\n1 | 修路 | 区住建局\n")
    assert source.text.split("\n") == ["序号\t任务\t牵头单位", "1\t修路\t区住建局"]
    tab = source.text.index("\t")
    assert source.quote(Span(tab, tab + 1)) == "|"


def test_pdf_wraps_are_joined_and_spaces_inside_words_removed() -> None:
    raw = (
        "近日，人力资源社会保障部\n举行 2020 年第四季度新闻发布\n会，介绍工作进展情况。\n\n"
        "三是重点群体就业稳中向好，\n高 校 毕 业 生 就 业 形 势 基 本 平\n\n稳，农民工外出\n"
        "规模基本恢复。\n\n面对异常严峻的就业形势，\n张莹说，各地顶压前行、担当作\n\n为，全力以赴稳就业。\n"
    )
    source = ingest.from_text(raw)
    assert source.text.split("\n") == [
        "近日,人力资源社会保障部举行2020年第四季度新闻发布会,介绍工作进展情况。",
        "三是重点群体就业稳中向好,高校毕业生就业形势基本平稳,农民工外出规模基本恢复。",
        "面对异常严峻的就业形势,张莹说,各地顶压前行、担当作为,全力以赴稳就业。",
    ]


def test_footnote_inside_a_wrapped_paragraph_follows_it() -> None:
    long = "加强劳动关系矛盾的隐患排摸、分" * 3
    raw = f"标题行\n\n{long}\n\n¹2017 年起纳入区级统筹 4295 人。\n\n析研判、应急预案。\n"
    source = ingest.from_text(raw)
    lines = source.text.split("\n")
    assert lines[1] == long + "析研判、应急预案。"
    assert lines[2] == "2017年起纳入区级统筹4295人。"


def test_markdown_markup_removed_and_run_in_heading_kept_apart() -> None:
    raw = "# 某区人民政府文件\n\n---\n\n**一、充分认识形势**就业是最大的民生。\n"
    source = ingest.from_text(raw)
    assert source.format == "markdown"
    assert source.text == "某区人民政府文件\n一、充分认识形势\n就业是最大的民生。"


def test_html_body_text_and_front_matter() -> None:
    raw = (
        "---\ntitle: '上海_十四五_规划'\ndate: Tue, 19 Oct 2021 11:35:00 GMT\n---\n"
        "<div><script>var x = 1;</script>\n<p>　　原标题：规划发布</p>\n"
        "<p>新增&nbsp;20万<b>高技能</b>人才。</p></div>"
    )
    source = ingest.from_text(raw, suffix=".html")
    assert dict(source.front_matter)["title"] == "上海_十四五_规划"
    assert source.text == "原标题:规划发布\n新增20万高技能人才。"
    start = source.text.index("高技能")
    assert source.quote(Span(start, start + 3)) == "高技能"


CORPUS = sorted(Path("/work/shared/corpus").glob("*/*.txt"))
_CC = opencc.OpenCC("t2s")


def _squash(text: str) -> str:
    text = unicodedata.normalize("NFKC", _CC.convert(text))
    text = re.sub(r"<[^>]*>|&\w+;|[\s*#¹²³]", "", text)
    return text.replace("...", "…")


@pytest.mark.skipif(not CORPUS, reason="shared corpus not mounted")
@settings(max_examples=300, deadline=None)
@given(st.data())
def test_quote_is_the_raw_text_behind_any_span(data: st.DataObject) -> None:
    """Inside a paragraph, the raw quote cleaned again equals the normalized text."""
    path = data.draw(st.sampled_from(CORPUS))
    source = _read(path)
    paragraphs = [m.span() for m in re.finditer(r"[^\n]+", source.text)]
    start, end = data.draw(st.sampled_from(paragraphs))
    a = data.draw(st.integers(start, end - 1))
    b = data.draw(st.integers(a + 1, end))
    quote = source.quote(Span(a, b))
    assert quote == source.raw[source.offsets[a] : source.offsets[b - 1] + 1]
    if "¹" not in quote:  # a footnote set inside a paragraph is moved after it
        assert _squash(quote) == _squash(source.clean(Span(a, b)))


_CACHE: dict[Path, ingest.Source] = {}


def _read(path: Path):  # type: ignore[no-untyped-def]
    if path not in _CACHE:
        _CACHE[path] = ingest.read(path)
    return _CACHE[path]


def test_offsets_cover_text() -> None:
    source = ingest.from_text("一、总体要求\n(一)指导思想。")
    assert len(source.offsets) == len(source.text) + 1
    assert source.quote(Span(0, 2)) == "一、"


def test_a_row_of_bars_and_blanks_is_no_table(tmp_path: Path) -> None:
    """An empty row copied from a web table (| | | |) among the text: read, not fatal."""
    path = tmp_path / "bars.txt"
    path.write_text("一、加快发展。\n| | | |\n二、强化保障。\n", "utf-8")
    source = ingest.read(path)
    assert "加快发展" in source.text and "强化保障" in source.text
