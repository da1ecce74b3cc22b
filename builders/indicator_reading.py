"""How one figure in running text reads: is it an indicator, which comparator, what metric.

Every decision comes from the words around the number (lexicons/indicator-words.tsv):
list sizes (8个方面), ranks (第46届), programme names (千人计划), quoted names, policy
parameters (返还50%, 30人以下的企业, 每人…元) are not indicators; quotas and goals are.
"""

from __future__ import annotations

import re

from policykg.builders.indicator_words import PERIOD_RE, cues, words
from policykg.builders.numbers import ARABIC, Quantity

HARD_STOPS = "。;；!！?？\n\t"  # a tab ends a table cell
CLAUSE_STOPS = HARD_STOPS + ",，:："
LIST_STOPS = CLAUSE_STOPS + "、"
LIST_JOINERS = re.compile(r"^[\s、和及与,，]*$")
LIST_NOUN_REACH = 6  # 个 + a two-character modifier + the list noun
# list markers in front of a metric: 1. 1、 一、 (一) （1） ① — also several in a row
ENUMERATOR = re.compile(
    r"^(?:(?:\d{1,2}[.．、]|[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]"
    r"|[①-⑳])\s*)+")
ADVERB_REACH = 2  # 至少 + a two-character verb
YEAR_LIKE = re.compile(r"(?:19|20)\d{2}")
RATE_REACH = 10  # 返还失业保险费的50%: a rate verb governs a short object
THRESHOLD_REACH = 5  # 以上种粮大户: a two-character modifier and a head noun
INCLUSION = re.compile(r"^[(（](?:含|不含)[)）]")  # 30人(含)以下: the bound includes 30
# 达到每日260万吨, 控制在每年5次: a rate word between a comparator cue and the number
PER_RATE = re.compile(r"(?:每|日均|年均|月均)(?:日|天|年|月|小时|人|户)?$")


DISTANCE_UNITS = ("公里", "千米", "米", "里")


def clause_start(text: str, pos: int, floor: int, stops: str = CLAUSE_STOPS) -> int:
    for i in range(pos - 1, floor - 1, -1):
        if text[i] in stops:
            return i + 1
    return floor


def phrase_after(text: str, pos: int, ceiling: int, stops: str = LIST_STOPS) -> str:
    """The words after a figure up to the next punctuation (the thing counted)."""
    end = pos
    while end < ceiling and text[end] not in stops:
        end += 1
    return text[pos:end]


def _squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


def after_unit(text: str, end: int, size: int = 6) -> str:
    """The words right after a figure, an inclusion note dropped: 30人(含)以下 → 以下…"""
    # a line break ends the phrase (…7%以上\n责任单位): keep it as a stop
    after = _squeeze(text[end: end + size + 5].replace("\n", "。"))
    return INCLUSION.sub("", after, count=1)[:size]


def after_cue(text: str, end: int) -> tuple[str, str]:
    """Comparator word right after the unit (以上, 左右): (word, comparator)."""
    after = after_unit(text, end)
    for word, comp in cues()["after"]:
        if after.startswith(word):
            return word, comp
    return "", ""


def before_cue(before: str) -> tuple[str, str]:
    """Comparator word right before the number (不低于, 约): (word, comparator).

    不少于公开招聘岗位总数的60%: a cue may govern a "…的" phrase that ends at the number.
    """
    before = _squeeze(before)
    before = PER_RATE.sub("", before) or before
    for word, comp in cues()["before"]:
        if before.endswith(word):
            return word, comp
    # 至少培养三名, 最多安排5人: an adverb cue stands before a short verb
    for word, comp in cues().get("adverb", ()):
        at = before.rfind(word)
        near = at >= 0 and len(before) - at - len(word) <= ADVERB_REACH
        if near and not re.search(r"[\d的]", before[at:]):
            return word, comp
    if before.endswith("的"):
        for word, comp in cues()["before"]:
            at = before.rfind(word)
            if at >= 0 and len(word) > 1 and not re.search(r"\d", before[at:]):
                return word, comp
    return "", ""


def comparator(before: str, text: str, q: Quantity, end: int) -> str:
    if q.bound:
        return ">=" if q.bound == "low" else "<="
    _, prefix = before_cue(before)
    _, suffix = after_cue(text, end)
    if "~" in (prefix, suffix):
        return "~"
    if suffix:
        return suffix
    if q.more:
        return ">="
    if prefix and prefix != "=":
        return prefix
    # 千万人次, 百万: a round Chinese magnitude is an estimate
    if re.fullmatch(r"[十百千万亿]+", q.number_text):
        return "~"
    return "="


def level_reached(before: str, text: str, q: Quantity, end: int) -> bool:
    """已达到2750个: a reported figure after 达到 is the level reached (=), not a floor."""
    word, _ = before_cue(before)
    return word in words("reach") and not after_cue(text, end)[0] and not q.more


def inside_quotes(text: str, pos: int, floor: int) -> bool:
    """A figure inside “…” or 《…》 belongs to a name (“百日千万”)."""
    left = text[floor:pos]
    for opening, closing in (("“", "”"), ("《", "》"), ('"', '"')):
        at = left.rfind(opening)
        if at < 0 or (opening != closing and closing in left[at:]):
            continue
        if opening == closing and left.count(opening) % 2 == 0:
            continue
        close = text.find(closing, pos)
        if 0 <= close - pos <= 30:
            return True
    return False


def _names_list(counted: str) -> bool:
    """8个方面, 5个重点领域, 11项具有前瞻性的重大事项: the thing counted is a list noun,
    right after the unit or as the head that ends the phrase — not a noun further on
    (13个省份开展了…领域…工作) or one the figure itself qualifies (900万人的目标任务)."""
    phrase = _squeeze(counted)
    if phrase.startswith("的"):
        return False
    head = phrase[:LIST_NOUN_REACH]
    for word in words("list-noun"):
        at = head.find(word)
        if (at >= 0 and "的" not in head[:at]) or phrase.endswith(word):
            return True
    return False


# 收入比缩小到1.7以内, 收入比由2.5:1降至2.3:1: a bare number after a ratio noun and a verb
RATIO_FIGURE = re.compile(rf"(?<![\d.])(?P<num>{ARABIC})(?:\s*[:：]\s*1(?![\d.]))?(?![\d.%％])")
RATIO_BASELINE = re.compile(rf"[从由](?:(?:19|20)\d{{2}}年(?:底|末)?的?)?{ARABIC}(?:[:：]1)?")
RATIO_REACH = 8  # 缩小到, 控制在, 由2020年的: the words between the noun and the figure


def ratio_figures(sentence: str, taken: list[Quantity]) -> list[Quantity]:
    """Unitless ratios (城乡居民收入比缩小到1.7) as quantities in the unit that
    lexicons/indicator-words.tsv gives their noun (倍): the graph needs a unit."""
    nouns = cues().get("ratio-noun", ())
    covered = [(q.start, q.end) for q in taken]
    found = []
    for m in RATIO_FIGURE.finditer(sentence):
        unit_follows = re.match(r"\s*[年月日万亿千百]", sentence[m.end():])
        if unit_follows or any(a <= m.start() < b for a, b in covered):
            continue
        # a ratio's own colon (2.5:1) does not end its clause
        begin = clause_start(sentence, m.start(), 0, HARD_STOPS + ",，")
        lead = _squeeze(sentence[begin: m.start()])
        lead = RATIO_BASELINE.sub("", lead)  # 由2020年的2.5:1缩小到2.3:1: both ends count
        for noun, unit in nouns:
            at = lead.rfind(noun)
            if at >= 0 and len(lead) - at - len(noun) <= RATIO_REACH:
                value = float(m.group("num").replace(",", ""))
                found.append(Quantity(m.start(), m.end(), value, unit, "measure", False,
                                      m.group("num")))
                break
    return found


def _works_on_list(clause: str) -> bool:
    """完成A村等, 推进A、B等: a work verb before the list's first item governs the list;
    one that ends an item (覆盖城市建设、交通等) is part of what is listed."""
    head = _squeeze(clause).split("、")[0].removesuffix("等")
    for verb in words("work-verb"):
        at = head.find(verb)
        if at >= 0 and at + len(verb) < len(head):
            return True
    return False


def _scope(clause: str, counted: str) -> bool:
    """以7600多名持证残疾人为主要对象, 服务对象覆盖2万人: the figure sizes the population a
    plan serves, not a result it is to reach (帮扶500人 is one)."""
    phrase = _squeeze(counted)
    if "以" in clause and any(w in phrase for w in words("scope-after")):
        return True
    return any(w in clause for w in words("scope-before"))


def exclusion(text: str, q: Quantity, start: int, end: int, floor: int, ceiling: int) -> str:
    """Why the figure at ``[start, end)`` is not an indicator; '' when it is one."""
    if q.unit_kind in ("duration", "age"):
        return q.unit_kind
    clause = text[clause_start(text, start, floor): start]
    if q.unit_kind == "strict" and not any(w in clause for w in words("strict-ok")):
        return "strict unit without a measured phrase"
    if q.unit == "年" and YEAR_LIKE.fullmatch(q.number_text):
        return "a calendar year"  # 完成时间2025年: a date, not a length of time
    tight = _squeeze(text[max(floor, start - 2): start])
    if any(tight.endswith(w) for w in words("rank")):
        return "rank or ordinal"
    if any(tight.endswith(w) for w in words("formula")):
        return "part of a formula"  # 日间手术台次数/同期择期手术总台次数×100%
    if q.unit in DISTANCE_UNITS and any(w in clause for w in words("locates")):
        return "a distance that places something"  # 东距县城18公里
    if inside_quotes(text, start, floor):
        return "inside a name"
    word, _ = after_cue(text, end)
    rest = after_unit(text, end, 8)[len(word):]
    if any(rest.startswith(w) for w in words("name-suffix")):
        return "programme name"
    counted = phrase_after(text, end + len(word), ceiling, CLAUSE_STOPS)
    if _names_list(counted) or clause.rstrip().endswith("以下"):
        return "list size"
    # 电子商务、现代物流等12个领域: a figure right after 等 counts the list it closes,
    # unless the clause sets work to do on what it counts (完成A村等18个项目建设)
    after_list = clause.rstrip().endswith("等") and q.unit not in ("人", "人次", "%")
    if after_list and not _works_on_list(clause):
        return "list size"
    if _scope(clause, counted):
        return "size of the population served"
    if any(w in counted for w in words("not-metric")):
        return "not a measured thing"
    if any(w in counted for w in words("progress")):
        return "work in progress"  # 第一批451个厢房正在加紧制作
    bounded = word in ("以上", "以下", "及以上", "及以下", "以内") and not before_cue(clause)[0]
    heads = [w for w in words("threshold") if w != "的"]
    # 30人以下的企业, 100亩以上种粮大户: a bound that qualifies the noun after it
    near = re.split(f"[{LIST_STOPS}]", rest)[0][:THRESHOLD_REACH]
    if bounded and (rest.startswith("的") or any(w in near for w in heads)):
        return "eligibility threshold"
    # 营业收入超过10亿元的企业: the figure qualifies who is meant, whatever the cue
    if rest.startswith("的") and any(w in rest[1:7] for w in heads):
        return "eligibility threshold"
    if any(w in clause for w in words("relaxes")):
        return "eligibility threshold"  # 裁员率放宽到不超过20%
    if any(rest.startswith(w) for w in words("band")):
        return "eligibility threshold"  # 所得额不超过100万元的部分减半征收
    if q.unit == "%" and (any(w in _squeeze(clause) for w in words("rate-noun"))
                          or any(rest.startswith(w) for w in words("rate-verb"))):
        return "rate of a payment or cut"  # 加计扣除比例提高至100%; 缴纳失业保险费的30%返还
    if q.unit == "%":
        tail = _squeeze(clause)[-RATE_REACH:]
        for verb in words("rate-verb"):
            at = tail.rfind(verb)
            if at >= 0 and not any(m in tail[at:] for m in words("rate-movement")):
                return "rate of a payment or cut"
    standard = any(w in clause for w in words("standard")) or text[end: end + 1] == "/"
    if q.unit.endswith("元") and standard:
        return "payment standard"
    return ""


def infer_bare_unit(before: str, text: str, end: int, ceiling: int) -> str:
    """2000万 with no unit: 人 when the phrase is about people, else ''."""
    counted = phrase_after(text, end, ceiling)
    nouns = words("people-noun")
    if any(counted.startswith(w) or w in counted[:8] for w in nouns):
        return "人"
    return "人" if any(w in before for w in nouns) else ""


def metric_phrase(before: str, counted: str) -> str:
    """The noun phrase a figure measures: the words before it, or verb + thing counted."""
    phrase = _squeeze(before)
    phrase = PERIOD_RE.sub("", phrase)
    phrase = re.sub(r"[“”\"]|期间|时期|全年|到|至$", "", phrase).lstrip("内底末")
    phrase = ENUMERATOR.sub("", phrase)  # 5.本县现有农户 → 本县现有农户
    changed = True
    while changed:
        changed = False
        for word in (*words("lead-in"), *words("target"), *words("actual")):
            if phrase.startswith(word) and len(phrase) > len(word):
                phrase, changed = phrase[len(word):], True
        word, _ = before_cue(phrase)
        if word and len(phrase) > len(word):
            phrase, changed = phrase[: -len(word)], True
        for tail in ("分别", "均", "总体", "在", "为", "共", "的"):
            if phrase.endswith(tail) and len(phrase) > len(tail):
                phrase, changed = phrase[: -len(tail)], True
    counted = _squeeze(counted)
    for word, _ in cues()["after"]:
        if counted.startswith(word):
            counted = counted[len(word):]
    counted = counted.lstrip("的")
    if len(phrase) < 5 and counted:
        return (phrase + counted)[:40]
    return phrase[-40:] or counted[:40]
