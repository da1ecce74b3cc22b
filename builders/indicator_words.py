"""Cue words (lexicons/indicator-words.tsv) and time expressions around a figure.

The TSV says how a figure reads (comparator cues, goal/result cues, words that make a
number a list size or a policy parameter); this module loads it and finds the periods
a sentence talks about (2022年, 12月份, “十四五”, 每年, 去年) and how they relate to the
time the document was written.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

WORDS_FILE = Path(__file__).parent / "lexicons" / "indicator-words.tsv"

CN_ORDINALS = {"十二": 12, "十三": 13, "十四": 14, "十五": 15, "十六": 16}
PLAN_FIRST_YEAR = 2016  # 十三五 = 2016-2020; five-year plans follow every five years


@cache
def cues() -> dict[str, tuple[tuple[str, str], ...]]:
    """role → ((word, value), …), longest words first."""
    table: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for line in WORDS_FILE.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = [*line.split("\t"), "", ""]
        table[parts[1]].append((parts[0], parts[2]))
    return {role: tuple(sorted(words, key=lambda w: (-len(w[0]), w[0])))
            for role, words in table.items()}


@cache
def words(role: str) -> tuple[str, ...]:
    return tuple(w for w, _ in cues().get(role, ()))


def plan_number(name: str) -> int | None:
    """十四五 → 14."""
    return CN_ORDINALS.get(name[:-1]) if name.endswith("五") else None


def plan_of_year(year: int) -> int:
    return 13 + (year - PLAN_FIRST_YEAR) // 5


@dataclass(frozen=True)
class Period:
    label: str  # what Indicator.period says: 2022, 2020-12, 十四五, 每年
    end: int  # offset just after the expression in the searched text
    year: int | None = None
    plan: int | None = None
    relative: int | None = None  # 今年 0, 去年 -1, 明年 1


@dataclass(frozen=True)
class DocTime:
    year: int | None
    plan: int | None

    def tense(self, period: Period) -> str:
        """past / future / current / '' (unknown) for a period, seen from the document's date."""
        if period.relative is not None:
            return {-1: "past", 0: "current", 1: "future"}[max(-1, min(1, period.relative))]
        if period.plan is not None and self.plan is not None:
            if period.plan < self.plan:
                return "past"
            return "future" if period.plan > self.plan else "plan"
        if period.year is not None and self.year is not None:
            if period.year < self.year:
                return "past"
            return "future" if period.year > self.year else "current"
        return ""


PERIOD_RE = re.compile(
    r"(?<![\d.])(?P<y>(?:19|20)\d{2})\s*年\s*(?:(?P<ym>\d{1,2})\s*月(?!\s*\d{1,2}\s*日)|(?P<yend>年?[底末]))?"
    r"|(?<![\d.年])(?P<m>\d{1,2})\s*月\s*(?:份|底|末)"
    r"|(?P<plan>十[二三四五六]五)"
    r"|(?P<every>每年)"
    r"|(?P<rel>今年|去年|明年)"
    r"|(?P<yearend>年底|年末)"
)
RELATIVE = {"今年": 0, "去年": -1, "明年": 1}
# 二〇二五年, 二零二五年: a year written digit by digit in Chinese numerals
CN_YEAR = re.compile(r"[一二〇零○Ｏ][〇零○Ｏ一二三四五六七八九]{3}(?=\s*年)")
CN_YEAR_DIGITS = str.maketrans("〇零○Ｏ一二三四五六七八九", "000012345678" + "9")


def arabic_years(text: str) -> str:
    """``text`` with Chinese-numeral years as Arabic digits, each character kept in place
    so that offsets stay valid: 二〇二五年 → 2025年."""
    return CN_YEAR.sub(lambda m: m.group(0).translate(CN_YEAR_DIGITS), text)


def find_periods(text: str, context_year: int | None) -> list[Period]:
    """Time expressions in ``text``; months without a year take ``context_year``.

    A full date (2022年8月29日) is the date of an act, not the period of a figure.
    """
    found: list[Period] = []
    year = context_year
    text = arabic_years(text)
    for m in PERIOD_RE.finditer(text):
        if m.group("y"):
            after = text[m.end(): m.end() + 4]
            if re.match(r"\s*\d{1,2}\s*日", after) or re.match(r"\s*[-—至~]", after):
                continue
            if re.search(r"\d{4}\s*年?\s*[-—至~]\s*$", text[max(0, m.start() - 8): m.start()]):
                continue  # the end of a range (2018-2022年) names a span, not a period
            year = int(m.group("y"))
            if m.group("ym") or m.group("yend"):
                month = int(m.group("ym") or 12)  # 2023年底 ends in its December
                found.append(Period(f"{year}-{month:02d}", m.end(), year=year))
            else:
                found.append(Period(str(year), m.end(), year=year))
        elif m.group("m"):
            label = f"{year}-{int(m.group('m')):02d}" if year else f"{int(m.group('m')):02d}月"
            found.append(Period(label, m.end(), year=year))
        elif m.group("plan"):
            found.append(Period(m.group("plan"), m.end(), plan=plan_number(m.group("plan"))))
        elif m.group("every"):
            found.append(Period("每年", m.end()))
        elif m.group("rel"):
            rel = RELATIVE[m.group("rel")]
            label = str(context_year + rel) if context_year else m.group("rel")
            found.append(Period(label, m.end(), relative=rel))
        else:
            label = f"{year}-12" if year else "年底"
            found.append(Period(label, m.end(), year=year))
    return found


def document_time(text: str, date: str = "") -> DocTime:
    """When the document speaks from: its date, else the latest year it reports on."""
    stated = re.search(r"(?<!\d)(19|20)\d{2}(?!\d)", date or "")
    text = arabic_years(text)
    year = int(stated.group(0)) if stated else None
    if year is None:
        years = []
        for m in re.finditer(r"(?<![\d.])((?:19|20)\d{2})\s*年", text):
            before, after = text[max(0, m.start() - 2): m.start()], text[m.end(): m.end() + 8]
            # a year aimed at (到2025年, 2035年基本建成) or a range end is not "now"
            strong_goal = (w for w, v in cues()["target"] if v == "strong")
            if re.search(r"[到至-]$", before) or any(w in after for w in strong_goal):
                continue
            if re.search(r"^(?:底|末)?前|基本|远景|前$", after):  # 2023年底前: a deadline
                continue
            years.append(int(m.group(1)))
        year = max(years) if years else None
        # a text that speaks of the next five-year plan is written in (or just before) it
        latest = latest_plan(text)
        if year is not None and latest is not None and latest > plan_of_year(year):
            year = PLAN_FIRST_YEAR + 5 * (latest - 13)
    if year is not None:
        return DocTime(year, plan_of_year(year))
    return DocTime(None, latest_plan(text))


def latest_plan(text: str) -> int | None:
    plans = [plan_number(p) for p in re.findall(r"十[二三四五六]五", text)]
    return max((p for p in plans if p), default=None)
