"""Deadlines of a measure, as ISO dates: 2023年12月 → 2023-12, 2022年底前 → 2022-12.

A period is due at its end: 十四五期间 → 2025-12, 2021—2025年 → 2025-12, 2022年上半年 →
2022-06. Words with no date (长期坚持, 持续推进) give "".
"""

from __future__ import annotations

import re

from policykg.builders.lexicon import label_words

_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")}
# a five-year plan: the n-th plan ends in 1955 + 5n (十四五 → 2025)
_PLAN = re.compile(r"[“\"]?十([一二三四五六七八九])五[”\"]?(?:期间|时期|末|内|)")
_RANGE = re.compile(r"(\d{4})\s*年?\s*[-—–~～至到]\s*(\d{4})\s*年")
_HALF = re.compile(r"(\d{4})\s*年\s*(上半年|下半年|一季度|第一季度|二季度|第二季度|三季度|第三季度"
                   r"|四季度|第四季度)")
_DAY = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月")
_YEAR = re.compile(r"(\d{4})\s*年(?!\s*\d)")
_DUE = re.compile(r"(\d{4})\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?\s*(?:底|年底|末|年末)?\s*"
                  r"(?:前|以前|完成)|十[一二三四五六七八九]五[”\"]?(?:期间|时期|末)")
# words of a deadline cell that give no date of their own (6月底前, 长期坚持)
DEADLINE_WORDS = re.compile(r"\d{1,2}\s*月|年底|年内|月底|季度|上半年|下半年|全年|长期|持续|前$")
_QUARTER_END = {"上半年": 6, "下半年": 12, "一季度": 3, "二季度": 6, "三季度": 9, "四季度": 12}


def iso(text: str) -> str:
    """The date a deadline phrase stands for, ISO yyyy, yyyy-mm or yyyy-mm-dd; "" if none."""
    text = text.strip()
    m = _PLAN.search(text)
    if m:
        return f"{1955 + 5 * (10 + _DIGIT[m.group(1)])}-12"
    m = _RANGE.search(text)
    if m:
        return f"{m.group(2)}-12"
    m = _HALF.search(text)
    if m:
        return f"{m.group(1)}-{_QUARTER_END[m.group(2).removeprefix('第')]:02d}"
    m = _DAY.search(text)
    if m:
        return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    m = _MONTH.search(text)
    if m:
        return f"{m.group(1)}-{int(m.group(2)):02d}"
    m = _YEAR.search(text)
    if m:
        return f"{m.group(1)}-12"  # a year as a deadline: by its end
    return ""


def labelled(text: str) -> str:
    """完成时限：2023年12月 (or 时间节点：…) inside ``text`` → its ISO date."""
    words = "|".join(sorted(label_words("deadline"), key=len, reverse=True))
    m = re.search("(?:" + words + r")\s*[:：]\s*([^。；;)）]+)", text)
    return iso(m.group(1)) if m else ""


def due(text: str) -> str:
    """A deadline written without a label (2022年底前完成, 十四五期间) inside ``text``."""
    m = _DUE.search(text)
    return iso(m.group(0)) if m else ""


def deadline_like(text: str) -> bool:
    """Whether a table cell reads as a deadline: a date, or words of one (年底前, 长期)."""
    return bool(iso(text) or DEADLINE_WORDS.search(text))
