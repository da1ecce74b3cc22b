"""Units that carry out work in running text (no responsibility list to read).

A unit name counts only in an agent position, with the words that mark it kept in
builders/lexicons/roles.tsv:
  市人社局将…; 人社部作为…，将…; A、B、C联合开展…        (a word right after the name)
  由区人社局牵头…; 区委区政府牵头抓总; X要会同Y…; Y要协同配合  (roles from the words)
  发挥区就业工作领导小组职能作用                          (a frame around the name)
  市人社局副局长张岚一行专程赴…                           (a post holder acting, not
                                                         one only quoted: 局长X认为)
A name after 关于/根据/在 is a topic or a place, not an actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from policykg.builders.lexicon import mention_pattern, role_words, unit_words

SEPARATORS = "、和及与"

STRONG_SUFFIX = ("委员会", "领导小组", "联席会议", "办公室", "管理中心", "服务中心")


@dataclass(frozen=True)
class Agent:
    mention: str
    start: int
    end: int
    role: str


def _runs(text: str) -> list[list[tuple[str, int, int]]]:
    """Unit names next to each other (A、B和C) as one run each."""
    runs: list[list[tuple[str, int, int]]] = []
    for m in mention_pattern().finditer(text):
        for item in _split_at_etc(m.group(0), m.start()):
            if runs and text[runs[-1][-1][2] : item[1]] in ("", *SEPARATORS):
                runs[-1].append(item)
            else:
                runs.append([item])
    return runs


def _split_at_etc(mention: str, start: int) -> list[tuple[str, int, int]]:
    """财政部等有关部门: the unit, then the class that 等 opens (one run, two owners)."""
    cut = mention.find("等")
    if cut <= 0 or cut == len(mention) - 1:
        return [(mention, start, start + len(mention))]
    return [(mention[:cut], start, start + cut),
            (mention[cut + 1 :], start + cut + 1, start + len(mention))]


def _left_ok(text: str, start: int) -> bool:
    for word in role_words("not-before"):
        if text[:start].endswith(word):
            return False
    if start == 0 or not ("\u4e00" <= text[start - 1] <= "\u9fff"):
        return True
    if text[start] not in "省市区县":
        return True
    # inside a word (城市建设): only trigger words may stand right before a name
    before = text[max(0, start - 4) : start]
    triggers = (*role_words("before"), *role_words("frame"), "会同", "完善", "进一步", "支持")
    return before.endswith(triggers)


def _after_role(rest: str) -> str | None:
    rest = re.sub(r"^等(?:[一二三四五六七八九十\d]+个?)?(?:有关|相关)?(?:部门|单位|机构)?", "",
                  rest)
    if _issued_before().match(rest):
        return None  # 国务院已经出台的政策, 国务院发布的《条例》: what it issued, not a task
    if any(rest[len(w) :].startswith(n) or rest.startswith(n)
           for w in role_words("after") for n in role_words("not-after") if rest.startswith(w)):
        return None
    words = sorted(role_words("after").items(), key=lambda kv: (-len(kv[0]), kv[0]))
    modal = re.match(r"(?:要|将|应当|应|需|须)?(?:积极|主动|切实)?", rest)
    after_modal = rest[modal.end() :] if modal else rest
    for word, role in words:  # X要会同Y / X要协同配合: the role word after the modal
        if role != "responsible" and after_modal.startswith(word):
            return role
    for word, role in words:
        if rest.startswith(word):
            return role
    return None


def _person_acts(rest: str) -> bool | None:
    """After 局长/副局长…: None when no post follows; else whether the holder acts."""
    titles = sorted(role_words("title"), key=len, reverse=True)
    m = re.match("(?:(?:" + "|".join(titles) + ")[、]?)+", rest)
    if not m:
        return None
    clause = re.split(r"[，,。；;：:“”、\n]", rest[m.end() :], maxsplit=1)[0]
    # a name list (刘金国公安部副部长 / 何亚非外交部部长助理) names posts, no one acts:
    # the holder acts only when a name and a deed follow the post (副局长张岚一行赴…)
    if len(clause.strip()) < 4 or clause.strip().endswith(tuple(titles)):
        return False  # …副部长、宗教局局长: a second post, not a deed
    return not any(word in clause for word in role_words("speech"))


def find_agents(text: str) -> list[Agent]:
    """Units acting in ``text`` (a sentence or a measure), offsets into ``text``."""
    out: list[Agent] = []
    for run in _runs(text):
        run = _extended(text, run)
        first, last = run[0], run[-1]
        if not _left_ok(text, first[1]):
            continue
        rest = text[last[2] : last[2] + 40]
        before = text[max(0, first[1] - 3) : first[1]]
        role = _after_role(rest)
        acts = _person_acts(rest)
        framed = before.endswith(tuple(role_words("frame"))) and "作用" in rest[:16]
        if before.endswith(tuple(role_words("before"))):
            role = role or "responsible"
        if role is None and not framed and not acts:
            continue
        for mention, s, e in run:
            out.append(Agent(mention, s, e, role or "responsible"))
        joint = rest.find("会同")
        if role == "lead" and 0 <= joint <= 4:
            out += _partners(text, last[2] + joint + 2)
    out += _framed_unprefixed(text, {a.start for a in out})
    out += _collectives(text, {a.start for a in out})
    return sorted(out, key=lambda a: (a.start, a.end))


_NAME_GOES_ON = re.compile(r"门|[\u4e00-\u9fff]{1,8}?(?:部门|机关|机构)")
_NOT_IN_A_NAME = re.compile(r"[、和及与的要将在对把等]|会同|配合|负责|牵头")


def _extended(text: str, run: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """国务院税务主管部门, 省级粮食行政管理部门: a name that runs on past the lexicon's
    match is the longer name (a class of units), not the unit it starts with."""
    _, start, end = run[-1]
    more = _NAME_GOES_ON.match(text, end)
    if more is None or _NOT_IN_A_NAME.search(more.group(0)) or any(
            word in more.group(0) for word in role_words("after")):
        return run
    return [*run[:-1], (text[start : more.end()], start, more.end())]


@cache
def _issued_before() -> re.Pattern[str]:
    """A unit, a verb of issuing and 的 (…出台文件的): the unit made what the text cites."""
    verbs = "|".join(sorted(role_words("issued"), key=len, reverse=True))
    return re.compile(r"(?:已经|已|所|曾|正式)?(?:" + verbs + r")[\u4e00-\u9fff]{0,2}的")


@cache
def _collective_pattern() -> re.Pattern[str]:
    words = sorted(unit_words("collective-head"), key=lambda w: (-len(w), w))
    heads = "(?:" + "|".join(words) + ")"
    head = heads + r"(?:\([^()]{1,12}\))?"
    # 各县(市、区)人民政府; or a class of units: 各责任单位, 各有关部门, 各成员单位
    units = r"(?:有关|相关|责任|成员|牵头|参与)(?:单位|部门)"
    return re.compile("各(?:" + units + "|" + head + "(?:、" + head + ")*"
                      "(?:人民政府|政府|街道办事处|党委和政府)?)")


def _collectives(text: str, taken: set[int]) -> list[Agent]:
    """各乡(镇)要…, 各县(市、区)人民政府负责…: every unit of a level, acting."""
    out = []
    for m in _collective_pattern().finditer(text):
        if m.start() in taken or (m.start() and "\u4e00" <= text[m.start() - 1] <= "\u9fff"):
            continue
        role = _after_role(text[m.end() : m.end() + 40])
        if role is not None:
            out.append(Agent(m.group(0), m.start(), m.end(), role))
    return out


def _partners(text: str, start: int) -> list[Agent]:
    """X会同Y: the units right after 会同 work with X."""
    for run in _runs(text[start : start + 60]):
        if run[0][1] == 0:
            return [Agent(m, start + s, start + e, "co") for m, s, e in run]
    return []


def _framed_unprefixed(text: str, taken: set[int]) -> list[Agent]:
    """发挥劳动能力鉴定委员会作用: a unit named without a prefix, in the 发挥…作用 frame."""
    out = []
    suffix = "|".join(STRONG_SUFFIX)
    for word in role_words("frame"):
        pattern = re.escape(word) + r"((?:(?![的在])[\u4e00-\u9fff]){2,14}?(?:" + suffix + "))"
        for m in re.finditer(pattern, text):
            if m.start(1) in taken or "作用" not in text[m.end(1) : m.end(1) + 8]:
                continue
            if m.group(1).startswith(unit_words("scope")):
                continue
            out.append(Agent(m.group(1), m.start(1), m.end(1), "responsible"))
    return out
