"""Numbers with units in Chinese text: 40万人, 1.54万亿元, 百分之百, 近百万名, 千余人.

``find_quantities`` finds every number that carries a unit from ``lexicons/units.tsv``
and normalizes it: count units fold a 万/亿/千 multiplier into the value (40万人 →
400000 人), measure units keep it in the unit (1.54万亿元 → 1.54 万亿元) so that money
reads as the document writes it. Whether a quantity is an *indicator* is decided later
(``indicator_context``); this module only reads numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

UNITS_FILE = Path(__file__).parent / "lexicons" / "units.tsv"

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
MULTIPLIERS = {"万亿": 1e12, "千万": 1e7, "百万": 1e6, "亿": 1e8, "万": 1e4, "千": 1e3}

ARABIC = r"\d+(?:,\d{3}(?!\d))*(?:\.\d+)?"
CHINESE = r"[零〇一二两三四五六七八九十百千万亿]+"
MULTIPLIER = r"万亿|千万|百万|亿|万|千"


@dataclass(frozen=True)
class Unit:
    surface: str
    canonical: str
    kind: str  # count | measure | percent | strict | duration | age
    not_before: str = ""  # next characters that make the surface part of a word (部门)


@dataclass(frozen=True)
class Quantity:
    """One number with its unit, positions relative to the searched string."""

    start: int
    end: int
    value: float
    unit: str  # canonical, multiplier folded in or kept (万元) according to the unit class
    unit_kind: str  # class from units.tsv; "" when the unit is inferred later (2000万)
    more: bool  # 多/余 after the number: "57万多个", "千余人"
    number_text: str
    multiplier: float = 1.0  # 万/亿 written after an Arabic number (kept for bare figures)
    bound: str = ""  # "low" / "high" for the two ends of a range (3至5个)


@cache
def units() -> tuple[Unit, ...]:
    rows = []
    for line in UNITS_FILE.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        surface, canonical, kind, *rest = line.split("\t")
        rows.append(Unit(surface, canonical, kind, rest[0] if rest else ""))
    # longest first so that 人次 wins over 人 and 个月 over 个
    return tuple(sorted(rows, key=lambda u: (-len(u.surface), u.surface)))


@cache
def _pattern() -> re.Pattern[str]:
    unit_alt = "|".join(re.escape(u.surface) for u in units())
    return re.compile(
        rf"(?P<pct>百分之(?P<pctnum>{ARABIC}|{CHINESE}))"
        rf"|(?:(?P<num>{ARABIC})\s*(?P<more1>多|余)?\s*(?P<mult>{MULTIPLIER})?|(?P<cn>{CHINESE}))"
        rf"\s*(?P<more>多|余)?\s*(?P<unit>{unit_alt})?"
    )


def chinese_to_number(text: str) -> float | None:
    """一千零八十 → 1080, 十万 → 100000, 百万 → 1000000, 两 → 2; None if not a numeral."""
    total, section, digit = 0.0, 0.0, None
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL:
            section += (1 if digit is None else digit) * CN_SMALL[ch]
            digit = None
        elif ch == "万":
            total += (section + (digit or 0)) * 1e4 or 1e4
            section, digit = 0.0, None
        elif ch == "亿":
            total = (total + section + (digit or 0)) * 1e8 or 1e8
            section, digit = 0.0, None
        else:
            return None
    return total + section + (digit or 0)


def parse_number(text: str) -> float | None:
    """An Arabic or Chinese number with an optional 万/亿 multiplier: '1.54万亿' → 1.54e12."""
    text = re.sub(r"\s+", "", text).replace(",", "")
    m = re.fullmatch(rf"({ARABIC})({MULTIPLIER})?", text)
    if m:
        return float(m.group(1)) * MULTIPLIERS.get(m.group(2) or "", 1.0)
    return chinese_to_number(text) if re.fullmatch(CHINESE, text) else None


def _plausible_chinese(numeral: str, unit: str, more: bool) -> bool:
    """Single Chinese digits are mostly words (一体两翼, 三项行动): keep only 三名-like counts."""
    if len(numeral) == 1:
        if numeral in CN_DIGITS:
            return unit == "名"
        # 千余人 is a figure; 万人/百人 alone are usually names (万人助万企)
        return numeral in "十百千" and more
    return True


RANGE_JOINER = re.compile(r"\s*[至到~\-－—]+\s*")


def find_quantities(text: str) -> list[Quantity]:
    """Every number in ``text`` followed by a known unit (or a bare 万/亿 figure).

    A range (3至5个, 3-5万人) gives two quantities, its ends, sharing the unit.
    """
    found = _single_quantities(text)
    by_start = {q.start: q for q in found}
    for m in re.finditer(rf"(?<![\d.]){ARABIC}", text):
        joiner = RANGE_JOINER.match(text, m.end())
        high = by_start.get(joiner.end()) if joiner else None
        if high is None or high.start == m.start() or not high.unit:
            continue
        base = float(m.group(0).replace(",", ""))
        value = base if high.unit_kind == "measure" else base * high.multiplier
        found.append(Quantity(m.start(), m.end(), value, high.unit, high.unit_kind, False,
                              m.group(0), high.multiplier, "low"))
        found[found.index(high)] = Quantity(**{**high.__dict__, "bound": "high"})
    return sorted(found, key=lambda q: q.start)


@cache
def _by_surface() -> dict[str, Unit]:
    return {u.surface: u for u in units()}


def _single_quantities(text: str) -> list[Quantity]:
    by_surface = _by_surface()
    found: list[Quantity] = []
    for m in _pattern().finditer(text):
        if m.group("pct"):
            value = parse_number(m.group("pctnum"))
            if value is not None:
                found.append(Quantity(m.start(), m.end(), value, "%", "percent", False,
                                      m.group(0)))
            continue
        unit_text, more = m.group("unit"), bool(m.group("more") or m.group("more1"))
        following = text[m.end(): m.end() + 1]
        if unit_text and following and following in by_surface[unit_text].not_before:
            unit_text = None  # 12部门: the surface starts another word
        if m.group("cn"):
            if not unit_text or not _plausible_chinese(m.group("cn"), unit_text, more):
                continue
            value = chinese_to_number(m.group("cn"))
            if value is None:
                continue
            unit = by_surface[unit_text]
            found.append(Quantity(m.start(), m.end(), value, unit.canonical, unit.kind, more,
                                  m.group("cn")))
            continue
        base = float(m.group("num").replace(",", ""))
        mult_text = m.group("mult") or ""
        scale = MULTIPLIERS.get(mult_text, 1.0)
        if not unit_text:
            if mult_text in ("万", "亿", "万亿"):  # 持卡人数达到2000万: unit read from context
                found.append(Quantity(m.start(), m.end(), base * scale, "", "", more,
                                      m.group("num") + mult_text, scale))
            continue
        unit = by_surface[unit_text]
        if unit.kind == "measure" and mult_text:
            value, canonical = base, mult_text + unit.canonical
        else:
            value, canonical = base * scale, unit.canonical
        found.append(Quantity(m.start(), m.end(), value, canonical, unit.kind, more,
                              m.group("num") + mult_text, scale))
    return found


def format_value(value: float) -> str:
    """Shortest plain decimal: 400000.0 → '400000', 58144.17 → '58144.17'."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text or "0"
