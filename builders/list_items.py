"""The items of a responsibility list: where one unit ends and the next begins.

Items are split on 、，,；; outside brackets, and on 及 / 以及 / 和 when both sides are
units (市财政局和市税务局) — never inside a name the lexicon writes with 和
(发展和改革委员会, 人力资源和社会保障局). 等 ends the named units: a collective after it
(等有关部门, 等市级相关单位) is an owner of its own, a bare class word (等部门, 等单位)
is not. Collectives sharing a head across 、 (各市、县; 各县、特区、区人民政府) stay
one item. A tail that is not a unit at all (6月底完成, 年内持续推进) is dropped.
"""

from __future__ import annotations

import re
from functools import cache

from policykg.builders.lexicon import (
    collective_forms,
    label_words,
    mention_pattern,
    places,
    prefix_levels,
    unit_forms,
    unit_words,
)

SPLIT = "、，,；;\n"  # a cell of a copied table lists one unit per line
OPEN, CLOSE = "(（〔[【〖", ")）〕]】〗"
JOINS = ("以及", "及", "和")
BARE_CLASSES = ("部门", "单位", "机构", "部门单位", "单位部门")
GROUP_ENDINGS = ("单位", "部门", "政府", "公司", "机构", "地区", "街镇", "乡镇", "街道")
TOWN_ENDINGS = ("镇", "乡", "办事处")  # a named town (赵巷镇), not a bare level word (区、镇)
NOT_IN_NAMES = re.compile(r"[的将要对把在从向使]|必须|应当|务必|^[由按与]")
UNLISTED_PLACE = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:自治州|自治县|区|县|市|州|旗)")
HAN_NAME = re.compile(r"[\u4e00-\u9fff()（）、]+")
# 等 closes a list, except inside a word: 高等学校, 中等职业学校, 初等教育
_ETC_RE = re.compile(r"(?<![高中初])等(?:和|及|以及)?")
_DIGIT_RE = re.compile(r"\d")


def groups(text: str) -> list[tuple[int, int]]:
    """Top-level bracketed groups (start, end) of ``text``, contents only."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in OPEN:
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch in CLOSE and depth:
            depth -= 1
            if depth == 0:
                out.append((start, i))
    if depth:
        # the text ends inside a bracket (a cut-off page): keep what is there, minus the
        # last item, which may be cut in the middle
        cut = max(text.rfind(sep) for sep in SPLIT)
        if cut > start:
            out.append((start, cut))
    return out


def split_items(text: str, base: int = 0) -> list[tuple[str, int, int]]:
    """Units of a list, with their offsets (+ base)."""
    raw, depth, start = [], 0, 0
    for i, ch in enumerate(text + "、"):
        depth += ch in OPEN
        depth -= ch in CLOSE and depth > 0
        if depth == 0 and ch in SPLIT:
            raw.append((start, i, text[start - 1] if start else ""))
            start = i + 1
    items: list[tuple[str, int, int]] = []
    shared_head, head_only = _shared_head_patterns()
    for s, e, sep in raw:
        for n, (piece_start, piece_end) in enumerate(_pieces(text, s, e)):
            while piece_end > piece_start and text[piece_end - 1].isspace():
                piece_end -= 1
            piece = text[piece_start:piece_end]
            if not piece:
                continue
            prev = items[-1][0] if items else ""
            # 各市（州）、县（市、区）人民政府: one collective, the 各 shared by every head
            if (n == 0 and sep == "、" and prev and shared_head.fullmatch(prev)
                    and head_only.fullmatch(piece)):
                items[-1] = (text[items[-1][1] - base : piece_end], items[-1][1], piece_end + base)
                continue
            items.append((piece, piece_start + base, piece_end + base))
    return items


@cache
def _shared_head_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # a run of level words is a head too: 县市、区政府 as well as 县市区 and 市县
    heads = "(?:" + "|".join(unit_words("collective-head")) + ")+"
    bracket = r"(?:[(（][^)）]*[)）])?"
    return (re.compile("各" + heads + bracket + r"(?:、.+)?"),
            re.compile(heads + bracket + "(?:人民政府|政府)?" + bracket))  # …区人民政府（管委会）


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """One raw item → its units: split at 及/和 between units and at 等."""
    while start < end and (text[start] in "和及与" or text[start].isspace()):
        start += 1
    for lead in ("以及", "并"):
        if text.startswith(lead, start):
            start += len(lead)
    piece = text[start:end]
    m = _ETC_RE.search(piece)
    if m:
        rest = piece[m.end():]
        out = _joined(text, start, start + m.start())
        if rest and rest not in BARE_CLASSES:
            out.append((start + m.end(), end))
        return out
    return _joined(text, start, end)


def _joined(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A piece split at 及/以及/和 where both sides are units (A及B → A, B)."""
    piece = text[start:end]
    protected = _protected(piece)
    for join in JOINS:
        i = piece.find(join, 1)
        while i > 0:
            left, right = piece[:i], piece[i + len(join):]
            if (i not in protected and len(left) >= 3 and len(right) >= 3
                    and looks_like_unit(left) and looks_like_unit(right)):
                return [(start, start + i), *_joined(text, start + i + len(join), end)]
            i = piece.find(join, i + 1)
    return [(start, end)]


def _protected(piece: str) -> set[int]:
    """Positions of 和/及 that belong to a name the lexicon knows (发展和改革委员会)."""
    out: set[int] = set()
    if "和" not in piece and "及" not in piece:
        return out  # every such name holds one of them
    for word in _names_with_joins():
        i = piece.find(word)
        while i >= 0:
            out.update(i + k for k, ch in enumerate(word) if ch in "和及")
            i = piece.find(word, i + 1)
    return out


@cache
def _names_with_joins() -> tuple[str, ...]:
    names = {w for form in unit_forms().values() for w in (form.form, form.full)}
    names |= set(collective_forms()) | set(unit_words("paired"))
    return tuple(sorted((n for n in names if "和" in n or "及" in n), key=lambda w: (-len(w), w)))


def looks_like_unit(mention: str) -> bool:
    """A unit as the lexicon and the naming conventions know it."""
    text = mention.strip()
    if not text or len(text) > 40:
        return False
    if text in collective_forms() or ("national", text) in unit_forms():
        return True
    if text in _place_names():  # 黄埔区 in a list of owners: the district's government
        return True
    if (text.startswith("各") or text.endswith(GROUP_ENDINGS)) and not NOT_IN_NAMES.search(text):
        return True
    if text.endswith(TOWN_ENDINGS) and len(text) >= 3 and not text.startswith(
        tuple(prefix_levels())
    ):
        return True
    if mention_pattern().fullmatch(text):
        return True
    # 岳麓区妇联: a place the lexicon does not list, then a unit form it does know
    place = UNLISTED_PLACE.match(text)
    return place is not None and text[place.end() :] in _known_forms()


@cache
def _place_names() -> frozenset[str]:
    """Full names of the places below the nation (青浦区, 义乌市, 贵州省)."""
    return frozenset(name for name, place in places().items() if place.level != "national")


def known_unit(mention: str) -> bool:
    """A unit the lexicon knows, or a collective of units of a level (各区、县级市), as
    opposed to a bare word that only ends like a unit (机构, 地区, 以下统称审核机构)."""
    text = mention.strip()
    if not text or len(text) > 40 or NOT_IN_NAMES.search(text):
        return False
    if text in collective_forms() or ("national", text) in unit_forms():
        return True
    if mention_pattern().fullmatch(text) or _collective_pattern().fullmatch(text):
        return True
    place = UNLISTED_PLACE.match(text)
    return place is not None and text[place.end() :] in _known_forms()


@cache
def _collective_pattern() -> re.Pattern[str]:
    """各区、县级市 / 各镇（街道） / 各县市区政府 / 各有关部门: every unit of a kind."""
    # a run of level words is a head too: 县市、区政府 as well as 县市区 and 市县
    heads = "(?:" + "|".join(unit_words("collective-head")) + ")+"
    head = heads + r"(?:[(（][^)）]{1,12}[)）])?"
    bodies = "|".join(re.escape(w) for w in (*GROUP_ENDINGS, *unit_words("suffix")))
    return re.compile("各(?:" + head + "(?:、?" + head + ")*(?:人民政府|政府|党委|街道办事处)?"
                      + "|(?:有关|相关|级|成员)?(?:[\u4e00-\u9fff]{0,8}?)(?:" + bodies + "))")


@cache
def _known_forms() -> frozenset[str]:
    return frozenset(form for (_, form) in unit_forms())


def could_be_unit(mention: str) -> bool:
    """A name the lexicon may not know (立山经济开发区, 某某有限公司) but that reads as one."""
    text = mention.strip()
    if looks_like_unit(text):
        return True
    if not 3 <= len(text) <= 30 or not HAN_NAME.fullmatch(text) or NOT_IN_NAMES.search(text):
        return False
    return text.endswith(unit_words("suffix") + unit_words("ending"))


def is_tail(mention: str) -> bool:
    """Words after the units that say when, not who (6月底完成, 年内持续推进)."""
    text = mention.strip()
    return bool(_DIGIT_RE.search(text)) or bool(_tail_words().search(text))


@cache
def _tail_words() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in label_words("tail"))
    return re.compile(words or "(?!)")  # no words: nothing is a tail


def mostly_units(line: str) -> bool:
    """A line or cell listing units, one of them perhaps cut off or unknown (市科)."""
    items = [item for item, _, _ in split_items(line)]
    return bool(items) and 2 * sum(map(could_be_unit, items)) >= len(items) and could_be_unit(
        items[0])
