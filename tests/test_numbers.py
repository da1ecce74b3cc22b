"""Numbers with units as Chinese documents write them."""

from __future__ import annotations

import pytest
from policykg.builders.numbers import chinese_to_number, find_quantities, format_value


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("城镇新增就业1186万人", 11860000, "人"),
        ("培训3.6万人次", 36000, "人次"),
        ("减负1.54万亿元", 1.54, "万亿元"),
        ("专项资金58144.17万元", 58144.17, "万元"),
        ("农机总动力10亿千瓦", 10, "亿千瓦"),
        ("网上办理比例达到100%", 100, "%"),
        ("百分之百的乡镇", 100, "%"),
        ("输送近百万名技能人才", 1000000, "人"),
        ("千余人参加", 1000, "人"),
        ("表彰三名选手", 3, "人"),
        ("新增十万个岗位", 100000, "个"),
        ("530多万人是非户籍", 5300000, "人"),
        ("共有1,000人", 1000, "人"),
        ("开工建设200部", 200, "部"),
        ("面积达到每百户30平米", 30, "平米"),
        ("持卡人数达到2000万。", 20000000, ""),
    ],
)
def test_one_quantity(text: str, value: float, unit: str) -> None:
    (q,) = find_quantities(text)
    assert (q.value, q.unit) == (value, unit)


def test_more_marks_a_lower_bound() -> None:
    (q,) = find_quantities("新增就业岗位57万多个")
    assert q.more and q.value == 570000


def test_range_gives_both_ends() -> None:
    low, high = find_quantities("建设3至5个基地")
    assert (low.value, low.unit, low.bound) == (3, "个", "low")
    assert (high.value, high.unit, high.bound) == (5, "个", "high")


@pytest.mark.parametrize(
    "text",
    ["12部门联合印发", "分3批准入", "一体两翼", "一人一档", "百日千万网络招聘", "万众创新",
     "第46届"],
)
def test_words_made_of_numerals_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [("不超过6个月", "duration"), ("35周岁以下", "age"), ("2022年", "strict"),
     ("35岁以下", "strict"), ("3个工作日", "strict"), ("5天", "strict")],
)
def test_time_spans_and_ages_are_marked(text: str, kind: str) -> None:
    (q,) = find_quantities(text)
    assert q.unit_kind == kind


@pytest.mark.parametrize(
    ("numeral", "value"), [("一千零八十", 1080), ("十万", 1e5), ("两", 2), ("一亿二千万", 1.2e8)]
)
def test_chinese_numerals(numeral: str, value: float) -> None:
    assert chinese_to_number(numeral) == value


def test_values_print_plainly() -> None:
    assert [format_value(v) for v in (400000.0, 58144.17, 0.5)] == ["400000", "58144.17", "0.5"]
